"""One event with everything around it, as labelled Russian lines for the detail screen and CLI.

Besides its own fields: the host and its district, the audience, the agenda, the stage it
belongs to, the feeds subscribers see it in and its change history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.i18n import date_long, date_short, date_span
from rcro_tui.model import Attendance, EventFormat, EventKind, EventStatus, Visibility
from rcro_tui.recurrence import LISTED_EXDATES, Recurrence
from rcro_tui.rules import grades_label, parse_moment, today_in_region
from rcro_tui.db.conflicts import warning_lines, warnings_for_event
from rcro_tui.db.store import get_row
from rcro_tui.db.event_history import event_history
from rcro_tui.db.feed_rules import event_feed_lines


@dataclass
class EventDetail:
    """The title, then (label, value) lines; empty values are left out."""

    title: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    agenda: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Double bookings, holidays, a closed registration (`db.conflicts`), as sentences."""
    # Where subscribers see it and who changed it (issue 4, item 2).
    feeds: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)

    def add(self, label: str, value: object) -> None:
        if value not in (None, ""):
            self.fields.append((label, str(value)))


def describe_when(start_at: str, end_at: str) -> str:
    """«19 апреля 2022 г., 14:00–17:00» or «3–5 апреля 2027 г.» for the detail view."""
    start, end = parse_moment(start_at), parse_moment(end_at)
    if isinstance(start, datetime) and isinstance(end, datetime):
        if start.date() == end.date():
            return f"{date_long(start.date())}, {start:%H:%M}–{end:%H:%M}"
        return f"{date_long(start.date())} {start:%H:%M} – {date_long(end.date())} {end:%H:%M}"
    return date_span(start, end) + ", весь день"


def _name(db: Database, table: str, key: int | None) -> str:
    if key is None:
        return ""
    return get_row(db, table, key)["name"]


def event_detail(db: Database, event_id: int, *, today: date | None = None) -> EventDetail:
    """Everything about one event; its warnings are as of `today` (the region's, by default)."""
    event = get_row(db, "events", event_id)
    detail = EventDetail(title=event["title"])
    detail.add("Когда", describe_when(event["start_at"], event["end_at"]))
    detail.add("Повторение", describe_recurrence(event))
    if event["reg_start_at"] and event["reg_end_at"]:
        detail.add("Регистрация", describe_when(event["reg_start_at"], event["reg_end_at"]))
    detail.add("Вид", EventKind.label_of(event["kind"]))
    detail.add("Формат", EventFormat.label_of(event["format"]))
    detail.add("Место", event["venue"])
    detail.add("Ссылка", event["online_url"])
    host = get_row(db, "organizations", event["host_org_id"]) if event["host_org_id"] else None
    if host:
        district = _name(db, "districts", host["district_id"])
        detail.add("Организатор", host["name"] + (f" ({district})" if district else ""))
    detail.add("Программа", _name(db, "programs", event["program_id"]))
    detail.add("Классы", grades_label(event["grades_from"], event["grades_to"]))
    detail.add("Предметы", event["subjects"])
    detail.add("Статус", EventStatus.label_of(event["status"]))
    detail.add("Доступ", Visibility.label_of(event["visibility"]))
    detail.add("Описание", event["description"])
    detail.add("Контакты", event["contacts"])
    detail.add("Участников", event["participants_count"])
    detail.add("Организаций", event["organizations_count"])
    detail.add("Просмотров", event["views_count"])
    detail.add("Итоги", event["results_summary"])
    detail.add("Этап", _stage_of(db, event_id))
    detail.add("Источник", event["source"])
    detail.add("UID", f"{event['uid']} (версия {event['revision']})")
    for part in db.query("SELECT * FROM agenda_parts WHERE event_id = ? ORDER BY position",
                         [event_id]):
        times = "–".join(t for t in (part["start_time"], part["end_time"]) if t)
        remote = " (в том числе для дистанционных участников)" if part["remote"] else ""
        detail.agenda.append(f"{part['position']}. {part['title']}{remote}"
                             + (f" — {times}" if times else ""))
    for segment in db.query("SELECT * FROM audience_segments WHERE event_id = ? "
                            "ORDER BY position", [event_id]):
        parts = f", такты {segment['parts']}" if segment["parts"] else ""
        note = f"; {segment['note']}" if segment["note"] else ""
        detail.audience.append(f"{segment['who']} — "
                               f"{Attendance.label_of(segment['attendance'])}{parts}{note}")
    detail.warnings = warning_lines(
        warnings_for_event(db, event_id, today=today or today_in_region()))
    detail.feeds = event_feed_lines(db, event_id)
    detail.history = event_history(db, event_id)
    return detail


def describe_recurrence(event: dict) -> str:
    """«каждую неделю по вторникам до 25 мая 2027 г., кроме 6 января 2027 г.», or «»."""
    try:
        rule = Recurrence.parse(event["rrule"], event["exdates"])
    except InputError as error:  # written by hand into the file: show it, do not hide the event
        return f"{event['rrule']} ({error.message})"
    if rule is None:
        return ""
    start = parse_moment(event["start_at"])
    text = rule.describe(start.date() if isinstance(start, datetime) else start)
    if len(set(rule.exdates)) > LISTED_EXDATES:
        text += ": " + ", ".join(date_short(day) for day in sorted(set(rule.exdates)))
    return text


def _stage_of(db: Database, event_id: int) -> str:
    rows = list(db.query(
        "SELECT c.title, s.name FROM stage_sessions ss JOIN stages s ON s.id = ss.stage_id "
        "JOIN competitions c ON c.id = s.competition_id WHERE ss.event_id = ?", [event_id]))
    return "; ".join(f"{row['name']} — {row['title']}" for row in rows)
