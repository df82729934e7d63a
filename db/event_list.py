"""The filtered list of events: a table for the screen and the terminal, records for JSON and CSV.

Both are built from `occurrences`, so a weekly online hour shows each week, exactly as the
calendar shows it, and a filter means the same thing everywhere.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from rcro_tui.i18n import date_short
from rcro_tui.model import EventFormat, EventKind, EventStatus, Visibility
from rcro_tui.rules import AcademicYear, moment_text
from rcro_tui.db.conflicts import occurrence_warnings, warnings_in
from rcro_tui.db.event_filter import EventFilter
from rcro_tui.db.occurrences import Occurrence, occurrences
from rcro_tui.db.views import TableView, event_title

RECORD_KEYS = ("uid", "id", "title", "kind", "kind_label", "start", "end", "all_day", "format",
               "format_label", "venue", "online_url", "host", "district", "program", "grades",
               "status", "status_label", "visibility", "visibility_label")
"""The keys of every record, in column order (CSV header, JSON objects): a script's contract."""

_CHUNK = 500
"""Ids per `IN (…)` query: well under SQLite's limit on bound parameters."""


def list_period(flt: EventFilter, year: AcademicYear | None, today: date) -> tuple[date, date]:
    """The days a list covers: the year asked for; else the filter's own dates, completed
    to the academic year they fall in; else the current academic year."""
    if year is not None:
        return year.first_day, year.last_day
    anchor = flt.first_day or flt.last_day or today
    base = AcademicYear.containing(anchor)
    return flt.first_day or base.first_day, flt.last_day or base.last_day


def period_title(first: date, last: date) -> str:
    year = AcademicYear.containing(first)
    if (first, last) == (year.first_day, year.last_day):
        return f"на {year.label()}"
    return f"с {date_short(first)} по {date_short(last)}"


def event_list_view(db: Database, flt: EventFilter, first: date, last: date, *,
                    warnings_today: date | None = None) -> TableView:
    """Every occurrence in [first, last] that passes the filter, as a table of Russian text.

    With `warnings_today`, a last column holds each occurrence's warnings (`db.conflicts`),
    as the calendar's list marks them.
    """
    columns = ("Дата", "Время", "Мероприятие", "Вид", "Формат", "Статус", "Организатор", "Район")
    view = TableView(
        title=f"Мероприятия {period_title(first, last)}",
        columns=columns + (("Предупреждения",) if warnings_today else ()),
        empty="Нет мероприятий, подходящих под фильтр." if not flt.is_empty()
        else "За этот период мероприятий нет.")
    found = occurrences(db, first, last, flt)
    notes = _warning_texts(db, found, first, last, warnings_today)
    for item in found:
        day, time = when_cells(item)
        cells = [day, time, event_title(item.title, item.status), EventKind.label_of(item.kind),
                 EventFormat.label_of(item.format), EventStatus.label_of(item.status),
                 item.host, item.district]
        if warnings_today:
            cells.append(notes.get((item.event_id, item.first_day), ""))
        view.add(item.event_id, *cells)
    return view


def _warning_texts(db: Database, found: list[Occurrence], first: date, last: date,
                   today: date | None) -> dict[tuple[int, date], str]:
    """«⚠ Организатор занят: …; ⚠ В праздник: …» by (event, day of the occurrence)."""
    if today is None or not found:
        return {}
    warnings = warnings_in(db, first, last, today=today)
    texts = {}
    for item in found:
        mine = occurrence_warnings(warnings, item.event_id, item.first_day)
        if mine:
            texts[(item.event_id, item.first_day)] = "; ".join(
                dict.fromkeys(("" if w.soft else "⚠ ") + w.message for w in mine))
    return texts


def when_cells(item: Occurrence) -> tuple[str, str]:
    """(«19.04.2022», «14:00–17:00») for one occurrence; multi-day ones show the span."""
    first, last = item.first_day, item.last_day
    day = date_short(first) if first == last else f"{date_short(first)}–{date_short(last)}"
    if not isinstance(item.start, datetime) or not isinstance(item.end, datetime):
        return day, "весь день"
    return day, f"{item.start:%H:%M}–{item.end:%H:%M}"


def event_records(db: Database, flt: EventFilter, first: date, last: date, *,
                  warnings_today: date | None = None) -> list[dict[str, Any]]:
    """The same occurrences as plain dicts with `RECORD_KEYS`: codes for scripts, labels for people.

    Times are wall-clock Asia/Tomsk, ISO 8601 («2026-12-01T10:00», or «2026-12-01» all day);
    `host` is the official name, `program` the short one.
    """
    found = occurrences(db, first, last, flt)
    extra = _event_extras(db, sorted({item.event_id for item in found}))
    records = [_record(item, extra[item.event_id]) for item in found]
    if warnings_today:
        notes = _warning_texts(db, found, first, last, warnings_today)
        for item, record in zip(found, records):
            record["warnings"] = notes.get((item.event_id, item.first_day), "")
    return records


def _record(item: Occurrence, extra: dict[str, Any]) -> dict[str, Any]:
    low, high = item.grades
    low, high = low or high, high or low
    grades = "" if low is None else (str(low) if low == high else f"{low}–{high}")
    return {
        "uid": extra["uid"], "id": item.event_id, "title": item.title,
        "kind": item.kind, "kind_label": EventKind.label_of(item.kind),
        "start": moment_text(item.start), "end": moment_text(item.end),
        "all_day": item.all_day,
        "format": item.format, "format_label": EventFormat.label_of(item.format),
        "venue": item.venue, "online_url": extra["online_url"], "host": extra["host"],
        "district": item.district, "program": item.program, "grades": grades,
        "status": item.status, "status_label": EventStatus.label_of(item.status),
        "visibility": item.visibility, "visibility_label": Visibility.label_of(item.visibility),
    }


def _event_extras(db: Database, ids: list[int]) -> dict[int, dict[str, Any]]:
    """What occurrences leave out (UID, link, the host's official name), a chunk of ids at a time."""
    result: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        rows = db.query(
            "SELECT e.id, COALESCE(e.uid, '') AS uid, e.online_url, COALESCE(o.name, '') AS host "
            "FROM events e LEFT JOIN organizations o ON o.id = e.host_org_id "
            f"WHERE e.id IN ({', '.join('?' for _ in chunk)})", chunk)
        result.update({row["id"]: row for row in rows})
    return result
