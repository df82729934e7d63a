"""Conflicts and warnings: double bookings, holidays, a registration already closed.

The rules themselves live in `rcro_tui.conflict_rules` (what clashes with what) and
`rcro_tui.conflict_notes` (holidays, registration, the Russian sentences); this module reads
what they need. Lists ask `warnings_in` for the whole window they show: three indexed
queries (as `db.occurrences` reads a window), the audience of each event folded into its
row, and a sweep in Python — never a query per event.
The editor asks `warnings_for_draft` for the event being typed, the detail screen
`warnings_for_event`. Repeating events are checked occurrence by occurrence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta

from sqlite_utils import Database

from rcro_tui.conflict_notes import Finding, HolidayIndex, day_warnings, word
from rcro_tui.conflict_rules import (AUDIENCE_SEPARATOR, BOOKING_DAYS, EventWarning, Holiday,
                                     Slot, WarningKind, booking, clashes)
from rcro_tui.i18n import count
from rcro_tui.model import EventFormat, EventStatus
from rcro_tui.recurrence import Recurrence
from rcro_tui.rules import moment_text, parse_moment
from rcro_tui.db.event_edit import draft_of
from rcro_tui.db.events import EventDraft
from rcro_tui.db.schema import LONG_EVENT_DAYS

__all__ = ["EventWarning", "WarningKind", "WarningMap", "warnings_for_draft", "warnings_for_event",
           "warnings_in", "warning_lines", "marked_events", "occurrence_warnings"]

SERIES_HORIZON_DAYS = 366
"""How far ahead the occurrences of a repeating event are checked in the editor and detail."""
DETAIL_LINES = 12
"""The detail lists this many warnings; a weekly series clashing every week says «и ещё …»."""

_SLOT_SELECT = (
    "SELECT e.id, e.title, e.start_at, e.end_at, e.format, e.venue, e.host_org_id, "
    "e.grades_from, e.grades_to, (SELECT group_concat(a.who, char(31)) FROM audience_segments a "
    "WHERE a.event_id = e.id), e.status, e.reg_end_at{extra} FROM events e{index} "
    "WHERE e.status != 'cancelled' AND e.id IS NOT ? AND ")
_PLAIN = "e.rrule = '' AND e.start_at >= ? AND e.start_at < ? AND e.end_at >= ?"
_LONG = (f"e.rrule = '' AND julianday(e.end_at) - julianday(e.start_at) > {LONG_EVENT_DAYS} "
         "AND e.end_at >= ? AND e.start_at < ?")
_REPEATING = "e.rrule != '' AND e.start_at < ?"


def read_slots(db: Database, ranges: Iterable[tuple[date, date]], *,
               skip_id: int | None = None) -> list[Slot]:
    """The occurrences of active events touching any of the day ranges, each once.

    Per range: plain events on `idx_events_plain_span`, the rare long ones on
    `idx_events_long` (named: left alone, SQLite walks every earlier start instead);
    repeating events are read once and expanded inside each range.
    """
    ranges = sorted(ranges)
    if not ranges:
        return []
    found: list[Slot] = []
    plain = _SLOT_SELECT.format(extra="", index="")
    long = _SLOT_SELECT.format(extra="", index=" INDEXED BY idx_events_long")
    for first, last in ranges:
        first_text, last_text = first.isoformat(), last.isoformat()
        after = (last + timedelta(days=1)).isoformat()
        early = (first - timedelta(days=LONG_EVENT_DAYS)).isoformat()
        for sql, params in ((plain + _PLAIN, [skip_id, early, after, first_text]),
                            (long + _LONG, [skip_id, first_text, early])):
            found.extend(slot for slot in map(Slot._make, db.execute(sql, params))
                         if slot.end[:10] > first_text or slot.touches(first_text, last_text))
    series = _SLOT_SELECT.format(extra=", e.rrule, e.exdates", index="") + _REPEATING
    repeating = db.execute(series, [skip_id, (ranges[-1][1] + timedelta(days=1)).isoformat()])
    for row in repeating:
        found.extend(_series(Slot._make(row[:12]), Recurrence.parse(row[12], row[13]), ranges))
    if len(ranges) == 1:
        return found  # plain and long rows are disjoint, a series' starts distinct
    return list({(slot.event_id, slot.start): slot for slot in found}.values())


def _series(base: Slot, rule: Recurrence | None, ranges: list[tuple[date, date]]) -> list[Slot]:
    """The occurrences of a repeating event that touch the ranges."""
    if rule is None:
        return [base] if any(base.touches(a.isoformat(), b.isoformat()) for a, b in ranges) else []
    start, end = parse_moment(base.start), parse_moment(base.end)
    reach = timedelta(days=(date.fromisoformat(base.last_day)
                            - date.fromisoformat(base.first_day)).days)
    slots = []
    for first, last in ranges:
        for moment in rule.starts(start, first - reach, last):
            slot = base._replace(start=moment_text(moment), end=moment_text(moment + (end - start)))
            if slot.touches(first.isoformat(), last.isoformat()):
                slots.append(slot)
    return slots


def read_holidays(db: Database, first: date, last: date) -> HolidayIndex:
    rows = db.execute("SELECT first_day, last_day, name, kind FROM holidays "
                      "WHERE first_day <= ? AND last_day >= ?", [last.isoformat(), first.isoformat()])
    return HolidayIndex(Holiday._make(row) for row in rows)


class WarningMap(Mapping[int, list[EventWarning]]):
    """Warnings by event id, worded when an event's list is first asked for.

    A month of a crowded calendar has thousands of warnings; a list shows a screenful and
    the status line one event, so Russian sentences are made only for those (in order).
    """

    def __init__(self, found: dict[int | None, list[Finding]]) -> None:
        self._found = found
        self._worded: dict[int | None, list[EventWarning]] = {}

    def __getitem__(self, event_id: int | None) -> list[EventWarning]:
        worded = self._worded.get(event_id)
        if worded is None:
            worded = sorted((word(finding, event_id) for finding in self._found[event_id]),
                            key=EventWarning.sort_key)
            self._worded[event_id] = worded
        return worded

    def __contains__(self, event_id: object) -> bool:
        return event_id in self._found

    def __iter__(self) -> Iterator[int]:
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)

    def __repr__(self) -> str:
        return f"WarningMap({len(self._found)} events)"


def _collect(slots: list[Slot], holidays: HolidayIndex, today: date,
             wanted: list[Slot]) -> WarningMap:
    """Warnings of the wanted occurrences; the others in `slots` only stand in the way."""
    found: dict[int | None, list[Finding]] = defaultdict(list)
    pairs = clashes(slots)
    if len(wanted) == len(slots):  # nothing from beyond the edges: the usual case, kept fast
        for finding in pairs:
            found[finding[1].event_id].append(finding)
            found[finding[2].event_id].append(finding)
    else:
        wanted_ids = {id(slot) for slot in wanted}
        for finding in pairs:
            for slot in finding[1:3]:
                if id(slot) in wanted_ids:
                    found[slot.event_id].append(finding)
    for finding in day_warnings(wanted, holidays, today.isoformat()):
        found[finding[1].event_id].append(finding)
    return WarningMap(dict(found))


def warnings_in(db: Database, first: date, last: date, *, today: date) -> WarningMap:
    """Every warning of every occurrence touching [first, last], by event id.

    What a list or calendar view shows; the same warnings each event gets alone from
    `warnings_for_event` (a booking reaching past the window is checked against the events
    beyond the edge too).
    """
    if last < first:
        return WarningMap({})
    inside = read_slots(db, [(first, last)])
    holidays = read_holidays(db, first - timedelta(days=BOOKING_DAYS),
                             last + timedelta(days=BOOKING_DAYS))
    return _collect(inside + _beyond_edges(db, inside, first, last), holidays, today, inside)


def _beyond_edges(db: Database, slots: list[Slot], first: date, last: date) -> list[Slot]:
    """Occurrences outside the window that a booking inside it reaches (rare: multi-day ones)."""
    booked = [slot for slot in slots
              if slot.start[:10] != slot.end[:10] and booking(slot) is not None]
    reach_first = min((slot.first_day for slot in booked), default=first.isoformat())
    reach_last = max((slot.last_day for slot in booked), default=last.isoformat())
    ranges = []
    if reach_first < first.isoformat():
        ranges.append((date.fromisoformat(reach_first), first - timedelta(days=1)))
    if reach_last > last.isoformat():
        ranges.append((last + timedelta(days=1), date.fromisoformat(reach_last)))
    known = {(slot.event_id, slot.start) for slot in slots}
    return [slot for slot in read_slots(db, ranges) if (slot.event_id, slot.start) not in known]


def warnings_for_draft(db: Database, draft: EventDraft, *, today: date,
                       event_id: int | None) -> list[EventWarning]:
    """The warnings an event being edited would get (`event_id`: its stored self, left out)."""
    if EventStatus(draft.status) is EventStatus.CANCELLED:
        return []
    own = draft_slots(draft, event_id, today)
    if not own:
        return []
    pool = read_slots(db, _day_ranges(slot for slot in own if booking(slot) is not None),
                      skip_id=event_id)
    days = sorted(day for slot in own for day in (slot.first_day, slot.last_day))
    holidays = read_holidays(db, date.fromisoformat(days[0]), date.fromisoformat(days[-1]))
    found = _collect(own + pool, holidays, today, own)
    return sorted((w for warnings in found.values() for w in warnings), key=EventWarning.sort_key)


def warnings_for_event(db: Database, event_id: int, *, today: date) -> list[EventWarning]:
    """A stored event's warnings: read as the editor would open it, checked the same way."""
    draft, _ = draft_of(db, event_id)
    return warnings_for_draft(db, draft, today=today, event_id=event_id)


def draft_slots(draft: EventDraft, event_id: int | None, today: date) -> list[Slot]:
    """A draft's occurrences as slots: itself, or a series' occurrences from today on for a
    year (a series that ended before today: its first year)."""
    low, high = draft.grades or (None, None)
    base = Slot(event_id, draft.title, moment_text(draft.start), moment_text(draft.end),
                EventFormat(draft.format).value, draft.venue, draft.host_org_id, low, high,
                AUDIENCE_SEPARATOR.join(segment.who for segment in draft.audience) or None,
                EventStatus(draft.status).value,
                moment_text(draft.reg_end) if draft.reg_end else None)
    rule = draft.recurrence
    if rule is None:
        return [base]
    first = draft.start.date() if isinstance(draft.start, datetime) else draft.start
    since = max(first, today)
    horizon = timedelta(days=SERIES_HORIZON_DAYS)
    starts = (rule.starts(draft.start, since, since + horizon)
              or rule.starts(draft.start, first, first + horizon))
    length = draft.end - draft.start
    return [base._replace(start=moment_text(moment), end=moment_text(moment + length))
            for moment in starts]


def _day_ranges(slots: Iterable[Slot]) -> list[tuple[date, date]]:
    """The days the slots cover, as few ranges as possible (touching ranges merged)."""
    spans = sorted((date.fromisoformat(s.first_day), date.fromisoformat(s.last_day)) for s in slots)
    merged: list[tuple[date, date]] = []
    for first, last in spans:
        if merged and first <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def warning_lines(warnings: list[EventWarning], limit: int = DETAIL_LINES) -> list[str]:
    """The messages once each, at most `limit` of them and then «и ещё 40 предупреждений»."""
    lines = list(dict.fromkeys(warning.message for warning in warnings))
    if len(lines) <= limit:
        return lines
    rest = count(len(lines) - limit, "предупреждение", "предупреждения", "предупреждений")
    return lines[:limit] + [f"и ещё {rest}"]


def occurrence_warnings(warnings: Mapping[int, list[EventWarning]], event_id: int,
                        first_day: date) -> list[EventWarning]:
    """From `warnings_in`'s result, those of one occurrence (the one starting on `first_day`)."""
    return [warning for warning in warnings.get(event_id, ()) if warning.day == first_day]


def marked_events(warnings: Mapping[int, list[EventWarning]]) -> set[int]:
    """Events a list marks with «⚠»: those with a warning, not only a softer note."""
    return {event_id for event_id, found in warnings.items()
            if any(not warning.soft for warning in found)}
