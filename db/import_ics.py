"""Importing an iCalendar (.ics) file: every VEVENT added or updated by its UID, all or nothing.

Choices a coordinator should know (the README repeats them):
- An event keeps its UID, so importing the same file again updates instead of duplicating; an
  event without a UID gets one made from its title and start, so that holds for it too.
- Times with a TZID or in UTC are moved to the Tomsk wall clock; floating times are taken in
  X-WR-TIMEZONE if the calendar names one, else as Tomsk times. DATE values are all-day
  events, and DTEND (exclusive in iCalendar) becomes our inclusive last day.
- STATUS, CATEGORIES and CLASS change an existing event only when the file states them, so a
  feed without them does not undo what a coordinator set in the app.
- A changed occurrence of a repeating event (RECURRENCE-ID) becomes its own event (UID
  «<UID>#<RECURRENCE-ID>») and that day is skipped in the series; a cancelled occurrence only
  skips the day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.model import EventFormat, EventKind, EventStatus, Visibility
from rcro_tui.rules import check_span, clean_text, moment_text
from rcro_tui.db.events import EventDraft
from rcro_tui.db.import_apply import ImportItem, apply_items, content_uid, title_problem
from rcro_tui.db.import_ics_lines import Component, parse_components
from rcro_tui.db.import_ics_values import (TimeZones, ValueProblem, day_of, duration, exdates,
                                           moment, recurrence, text, text_list, wall_clock)
from rcro_tui.db.import_problems import ImportReport, Problems

_STATUSES = {"CANCELLED": EventStatus.CANCELLED, "CONFIRMED": EventStatus.CONFIRMED,
             "TENTATIVE": EventStatus.PLANNED}
_KINDS = {kind.label.casefold().replace("ё", "е"): kind for kind in EventKind}
_CANCELLED_PREFIX = re.compile(r"^\s*(ОТМЕНЕНО|ОТМЕНА)\s*[:.!—-]\s*", re.IGNORECASE)
_URL = re.compile(r"^(https?|webcal)://\S+$", re.IGNORECASE)
_ALWAYS_OWNED = frozenset({"title", "start", "end", "venue", "online_url", "format",
                           "description", "recurrence"})


@dataclass
class _Read:
    """One VEVENT as read, before repeats and their changed occurrences are put together."""

    item: ImportItem | None
    """None once a cancelled occurrence has been folded into its series as a skipped day."""
    master_uid: str
    recurrence_day: date | None
    """For a changed occurrence (RECURRENCE-ID): the day of the series it replaces."""


def import_ics(db: Database, data: bytes, *, user: str, source_name: str = "",
               dry_run: bool = False) -> ImportReport:
    """Add or update the file's events by UID in one transaction; else InputError listing all."""
    problems = Problems()
    root = parse_components(data, problems)
    zones = TimeZones(root)
    seen: dict[str, int] = {}
    read = []
    for event in root.walk("VEVENT"):
        try:
            read.append(_read_event(event, zones, seen))
        except ValueProblem as problem:
            line = problem.line or event.line
            problems.add(f"{_where(line, event)}: {problem.message}", line)
    problems.raise_if_any(source_name)
    return apply_items(db, _with_occurrences(read), user=user, source_name=source_name,
                       dry_run=dry_run)


def _where(line: int, event: Component) -> str:
    """«Строка 40 (мероприятие «Семинар для…»)»: the line, and the event when it is known."""
    title = clean_text(text(event.first("SUMMARY")))
    if not title:
        return f"Строка {line}"
    return f"Строка {line} (мероприятие «{title[:40]}{'…' if len(title) > 40 else ''}»)"


def _read_event(event: Component, zones: TimeZones, seen: dict[str, int]) -> _Read:
    start_prop = event.first("DTSTART")
    if start_prop is None:
        raise ValueProblem("нет DTSTART — даты начала мероприятия.", event.line)
    first = moment(start_prop, zones)
    start, end = _span(event, first, zones)
    status = _status(event)
    title = text(event.first("SUMMARY"))
    if status is EventStatus.CANCELLED:
        title = _CANCELLED_PREFIX.sub("", title)
    problem = title_problem(title)
    if problem:
        summary = event.first("SUMMARY")
        raise ValueProblem(f"SUMMARY: {problem}", summary.line if summary else event.line)
    rule = event.first("RRULE")
    kind, visibility = _kind(event), _visibility(event)
    draft = EventDraft(
        title=title, kind=kind or EventKind.OTHER, start=start, end=end,
        status=status or EventStatus.PLANNED, visibility=visibility or Visibility.PUBLIC,
        description=text(event.first("DESCRIPTION")),
        recurrence=recurrence(rule, first, zones, exdates(event.all("EXDATE"), zones))
        if rule else None)
    draft = _with_place(draft, event)
    owned = set(_ALWAYS_OWNED)
    owned.update(name for name, value in (("status", status), ("kind", kind),
                                          ("visibility", visibility)) if value)
    uid = text(event.first("UID")).strip() or content_uid(title, moment_text(start), seen)
    rid = event.first("RECURRENCE-ID")
    where = f"Строка {event.line}"
    if rid is None:
        return _Read(ImportItem(where, uid, draft, frozenset(owned)), uid, None)
    own_uid = f"{uid}#{rid.value.strip()}"
    return _Read(ImportItem(where, own_uid, draft, frozenset(owned)), uid,
                 day_of(moment(rid, zones)))


def _span(event: Component, first: date | datetime,
          zones: TimeZones) -> tuple[date | datetime, date | datetime]:
    """Start and our (inclusive) end on the Tomsk wall clock, from DTEND, DURATION or neither."""
    all_day = not isinstance(first, datetime)
    end_prop, length = event.first("DTEND"), event.first("DURATION")
    line = end_prop.line if end_prop else (length.line if length else event.line)
    if end_prop is not None:
        last = moment(end_prop, zones)
        if isinstance(last, datetime) == all_day:
            raise ValueProblem("DTSTART и DTEND должны быть оба датами (весь день) или оба с "
                               "временем.", line)
    elif length is not None:
        last = first + duration(length)
    else:
        last = first + timedelta(days=1) if all_day else first
    start, end = wall_clock(first), wall_clock(last)
    try:
        check_span(start, end, what="DTEND" if end_prop else "DURATION")
    except InputError as error:
        raise ValueProblem(error.message, line) from None
    if all_day:  # iCalendar's end day is exclusive; ours is the last day itself
        end = max(start, end - timedelta(days=1))
    return start, end


def _status(event: Component) -> EventStatus | None:
    prop = event.first("STATUS")
    return _STATUSES.get(text(prop).strip().upper(), EventStatus.PLANNED) if prop else None


def _kind(event: Component) -> EventKind | None:
    """The first CATEGORIES value that names one of our kinds (case and ё/е aside)."""
    for category in text_list(event.all("CATEGORIES")):
        kind = _KINDS.get(category.casefold().replace("ё", "е"))
        if kind is not None:
            return kind
    return None


def _visibility(event: Component) -> Visibility | None:
    prop = event.first("CLASS")
    if prop is None:
        return None
    value = text(prop).strip().upper()
    return Visibility.INTERNAL if value in ("PRIVATE", "CONFIDENTIAL") else Visibility.PUBLIC


def _with_place(draft: EventDraft, event: Component) -> EventDraft:
    """Venue and link, and the format they imply: a link only → online, both → hybrid.

    A LOCATION that is nothing but a link (a Zoom room) is the link. Links inside DESCRIPTION
    are left there: they are as often a registration form or a document as the meeting room.
    """
    venue = clean_text(text(event.first("LOCATION")))
    url = clean_text(text(event.first("URL")) or text(event.first("CONFERENCE")))
    if _URL.match(venue) and not url:
        venue, url = "", venue
    elif _URL.match(venue) and venue == url:
        venue = ""
    fmt = EventFormat.HYBRID if venue and url else (EventFormat.ONLINE if url
                                                    else EventFormat.IN_PERSON)
    return replace(draft, venue=venue, online_url=url, format=fmt)


def _with_occurrences(read: list[_Read]) -> list[ImportItem]:
    """Series with the days their changed occurrences replace skipped; cancelled ones only skip."""
    series = {r.master_uid: r for r in read if r.recurrence_day is None}
    for entry in read:
        master = series.get(entry.master_uid) if entry.recurrence_day else None
        if master is not None and master.item.draft.recurrence is not None:
            rule = master.item.draft.recurrence
            skipped = tuple(sorted({*rule.exdates, entry.recurrence_day}))
            master.item = replace(master.item, draft=replace(
                master.item.draft, recurrence=replace(rule, exdates=skipped)))
            if EventStatus(entry.item.draft.status) is EventStatus.CANCELLED:
                entry.item = None
    return [entry.item for entry in read if entry.item is not None]
