"""How an events row's values read in the change history: Russian labels, dates, names.

The labels are the editor's (`event_form.FIELD_LABELS`), so a coordinator finds the field the
history names; only the stored moments («начало», «окончание») and technical columns have
their own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.event_form import FIELD_LABELS
from rcro_tui.i18n import date_short
from rcro_tui.model import EventFormat, EventKind, EventStatus, Labelled, Visibility
from rcro_tui.recurrence import Recurrence
from rcro_tui.rules import grades_label, parse_moment

EMPTY = "—"


class ValueNames:
    """Names of programmes and organisations by id, each looked up once per history."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.cache: dict[tuple[str, int], str] = {}

    def name(self, table: str, key: int | None) -> str:
        if key is None:
            return EMPTY
        if (table, key) not in self.cache:
            row = self.db.execute(f"SELECT name, short_name FROM [{table}] WHERE id = ?",
                                  [key]).fetchone()
            self.cache[table, key] = (row[1] or row[0]) if row else f"№ {key}"
        return f"«{short(self.cache[table, key], 60)}»"


Formatter = Callable[[dict[str, Any], "ValueNames | None"], str]


def _text(column: str, limit: int = 40) -> Formatter:
    return lambda row, names: f"«{short(row[column], limit)}»" if row.get(column) else EMPTY


def _moment(column: str) -> Formatter:
    def fmt(row: dict[str, Any], names: ValueNames | None) -> str:
        if not row.get(column):
            return EMPTY
        moment = parse_moment(row[column])
        if isinstance(moment, datetime):
            return f"{date_short(moment.date())} {moment:%H:%M}"
        return date_short(moment)
    return fmt


def _label(column: str, enum: type[Labelled]) -> Formatter:
    return lambda row, names: enum.label_of(row.get(column)) or EMPTY


def _named(column: str, table: str) -> Formatter:
    def fmt(row: dict[str, Any], names: ValueNames | None) -> str:
        return names.name(table, row.get(column)) if names else str(row.get(column))
    return fmt


def _plain(column: str) -> Formatter:
    return lambda row, names: EMPTY if row.get(column) in (None, "") else str(row[column])


def _grades(row: dict[str, Any], names: ValueNames | None) -> str:
    return grades_label(row.get("grades_from"), row.get("grades_to")) or EMPTY


def _all_day(row: dict[str, Any], names: ValueNames | None) -> str:
    return "да" if row.get("all_day") else "нет"


def _recurrence(row: dict[str, Any], names: ValueNames | None) -> str:
    try:
        rule = Recurrence.parse(row.get("rrule") or "", row.get("exdates") or "")
    except InputError:
        return f"«{row.get('rrule')}»"
    if rule is None:
        return "не повторяется"
    start = parse_moment(row["start_at"])
    return rule.describe(start.date() if isinstance(start, datetime) else start)


def _form(name: str) -> str:
    label = FIELD_LABELS[name]
    return label[:1].lower() + label[1:]


ITEMS: list[tuple[tuple[str, ...], str, Formatter]] = [
    (("title",), _form("title"), _text("title", 80)),
    (("kind",), _form("kind"), _label("kind", EventKind)),
    (("program_id",), _form("program_id"), _named("program_id", "programs")),
    (("host_org_id",), _form("host_org_id"), _named("host_org_id", "organizations")),
    (("start_at",), "начало", _moment("start_at")),
    (("end_at",), "окончание", _moment("end_at")),
    (("all_day",), _form("all_day"), _all_day),
    (("reg_start_at",), "приём заявок с", _moment("reg_start_at")),
    (("reg_end_at",), "приём заявок до", _moment("reg_end_at")),
    (("format",), _form("format"), _label("format", EventFormat)),
    (("venue",), _form("venue"), _text("venue")),
    (("online_url",), _form("online_url"), _text("online_url")),
    (("grades_from", "grades_to"), _form("grades"), _grades),
    (("subjects",), _form("subjects"), _text("subjects")),
    (("status",), _form("status"), _label("status", EventStatus)),
    (("visibility",), _form("visibility"), _label("visibility", Visibility)),
    (("description",), _form("description"), _text("description")),
    (("contacts",), _form("contacts"), _text("contacts")),
    (("participants_count",), _form("participants_count"), _plain("participants_count")),
    (("organizations_count",), _form("organizations_count"), _plain("organizations_count")),
    (("views_count",), _form("views_count"), _plain("views_count")),
    (("results_summary",), _form("results_summary"), _text("results_summary")),
    (("rrule", "exdates"), _form("repeat"), _recurrence),
    (("source",), _form("source"), _text("source")),
    (("tz",), "часовой пояс", _plain("tz")),
    (("uid",), "UID", _plain("uid")),
]
"""Every column a coordinator may see change, in the editor's order (not revision, stamps)."""


def row_items(before: dict[str, Any], after: dict[str, Any], names: ValueNames | None) -> list[str]:
    """«статус запланировано → подтверждено» for each field that differs."""
    items = []
    for columns, label, fmt in ITEMS:
        if any(before.get(c) != after.get(c) for c in columns):
            items.append(f"{label} {fmt(before, names)} → {fmt(after, names)}")
    return items


def short(text: Any, limit: int = 40) -> str:
    """One line of at most `limit` characters, «…» where it was cut."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"
