"""From the database's facts about an event to what its VEVENT says, in Russian.

Where it happens (ICS-NOTES rule 16): in person → LOCATION (the venue, else the host and its
address); online → URL and CONFERENCE; mixed → both. Kind, programme and grades are
CATEGORIES. A registration window that closes before the event is an all-day item of its
own («Приём заявок: …»); one on the event's own day (arrival from 13:30 to 13:50, as the
letters have it) is a line of the description.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar

from rcro_tui.db.feed_events import EventFacts
from rcro_tui.exports.ics_event import FeedEvent, utc
from rcro_tui.i18n import count, date_long, date_span
from rcro_tui.model import Attendance, EventFormat, EventKind, EventStatus
from rcro_tui.rules import grades_label, parse_moment

T = TypeVar("T")


def feed_event(facts: EventFacts, shared: dict | None = None) -> FeedEvent:
    """The FeedEvent of one event (pure: the same facts give the same event).

    `shared` (one dict for all the events of a publish) makes equal strings and tuples one
    object: a zone, a venue, the categories, «Формат: очно», a host's «Организатор: …» line
    repeat across a country's 100 000 events: 1 300 bytes an event became 900."""
    one = _sharing(shared)
    row = facts.row
    fmt = EventFormat(row["format"])
    start, end = parse_moment(row["start_at"]), parse_moment(row["end_at"])
    registration, note = _registration(row, start)
    return FeedEvent(
        uid=row["uid"] or f"event-{row['id']}@rcro.tomsk.ru", title=row["title"],
        start=start, end=end, revision=row["revision"], changed_at=utc(row["updated_at"]),
        created_at=utc(row["created_at"]), tz=one(row["tz"]),
        cancelled=row["status"] == EventStatus.CANCELLED.value,
        location=one(_location(facts)) if fmt is not EventFormat.ONLINE else "",
        url=one(row["online_url"]) if fmt is not EventFormat.IN_PERSON else "",
        online=fmt is not EventFormat.IN_PERSON,
        categories=one(_categories(facts)), description=row["description"],
        details=tuple(map(one, _details(facts, note))), rrule=one(row["rrule"]),
        exdates=tuple(date.fromisoformat(day) for day in row["exdates"].split()),
        registration=registration,
        registration_note=f"Мероприятие: {row['title']}, {_when(start, end)}." if registration else "")


def _sharing(shared: dict | None) -> Callable[[T], T]:
    """A value, or the equal one met before (kept in `shared`)."""
    if shared is None:
        return lambda value: value
    return lambda value: shared.setdefault(value, value)


def _location(facts: EventFacts) -> str:
    """The venue as typed; without one, the host and its address."""
    if facts.row["venue"]:
        return facts.row["venue"]
    return ", ".join(part for part in (facts.host, facts.host_address) if part)


def _categories(facts: EventFacts) -> tuple[str, ...]:
    row = facts.row
    program = f"Программа «{facts.program}»" if facts.program else ""
    return tuple(c for c in (EventKind.label_of(row["kind"]), program,
                             grades_label(row["grades_from"], row["grades_to"])) if c)


def _registration(row: dict, start: date | datetime) -> tuple[tuple[date, date] | None, str]:
    """(the window as days, for its own item) or (None, a description line for arrival)."""
    if not (row["reg_start_at"] and row["reg_end_at"]):
        return None, ""
    first, last = parse_moment(row["reg_start_at"]), parse_moment(row["reg_end_at"])
    if _day(last) < _day(start):
        return (_day(first), _day(last)), ""
    if isinstance(first, datetime) and isinstance(last, datetime) and first.date() == last.date():
        return None, f"Регистрация участников: с {first:%H:%M} до {last:%H:%M}"
    return None, f"Регистрация: {date_span(_day(first), _day(last))}"


def _details(facts: EventFacts, registration_line: str) -> list[str]:
    """The lines under the description: who, how, where, what for, and stage counts."""
    row = facts.row
    lines = []
    if facts.host:
        lines.append(f"Организатор: {facts.host}" + (f" ({facts.district})" if facts.district else ""))
    if facts.program:
        lines.append(f"Программа: {facts.program}")
    lines.append(f"Формат: {EventFormat.label_of(row['format'])}")
    if registration_line:
        lines.append(registration_line)
    lines += [f"Этап: {s['stage']} — {s['competition']}" + _entries(s) for s in facts.stages]
    lines += [_part_line(part) for part in facts.parts]
    lines += [f"Для кого: {a['who']} — {Attendance.label_of(a['attendance'])}"
              + (f" ({a['note']})" if a["note"] else "") for a in facts.audience]
    if row["contacts"]:
        lines.append("Контакты: " + " ".join(row["contacts"].split()))
    if row["status"] == EventStatus.HELD.value:
        lines += _results(row)
    return lines


def _entries(stage: dict) -> str:
    """Counts only: a feed never names a pupil."""
    n = stage["entries"]
    return f", заявлено {count(n, 'участник', 'участника', 'участников')}" if n else ""


def _part_line(part: dict) -> str:
    times = "–".join(t for t in (part["start_time"], part["end_time"]) if t)
    remote = " (также дистанционно)" if part["remote"] else ""
    return f"{times + ' ' if times else ''}{part['title']}{remote}"


def _results(row: dict) -> list[str]:
    """«Итоги: …» — the summary as written, else the number who took part."""
    summary = " ".join(row["results_summary"].split())
    if summary:
        return [f"Итоги: {summary}"]
    if row["participants_count"]:
        return ["Итоги: " + count(row["participants_count"], "участник", "участника",
                                  "участников")]
    return []


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _when(start: date | datetime, end: date | datetime) -> str:
    if isinstance(start, datetime):
        return f"{date_long(start.date())}, {start:%H:%M}"
    return date_span(start, end)
