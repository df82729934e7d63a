"""One audit entry in Russian: what object it is about, a short summary, and the field diff.

An event's fields read as in its own history (the editor's labels and `history_values`'
formats); other tables' fields get `audit_kinds` labels, enum values their Russian names,
references the referenced object's name, ISO dates «19.04.2022».
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from rcro_tui.db.audit import AuditEntry
from rcro_tui.db.audit_kinds import (ACTIONS, ENUMS, FLAGS, HIDDEN, REFERENCES, field_label,
                                     kind_label)
from rcro_tui.db.history_values import EMPTY, ITEMS, ValueNames, short
from rcro_tui.i18n import count, date_short

SUMMARY_FIELDS = 3
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z?$")
SERVICE_LABELS = {"removed": "удалено записей", "older_than": "удалены записи до",
                  "retention_months": "срок хранения, месяцев",
                  "kept": "прежняя база сохранена в", "restored_from": "восстановлена из копии"}
NAME_COLUMNS = ("title", "name", "participant_name", "who", "full_name")


@dataclass(frozen=True)
class FieldChange:
    """One field's «было → стало», both already Russian text."""

    label: str
    old: str
    new: str

    def text(self) -> str:
        if not self.old:
            return f"{self.label}: {self.new}"
        return f"{self.label}: {self.old} → {self.new}"


class Names(ValueNames):
    """Names of referenced objects, each looked up once; events by title, users by login."""

    TITLED = {"events": "title", "competitions": "title", "stages": "name",
              "saved_views": "name", "selection_rounds": "name", "districts": "name"}

    def name(self, table: str, key: int | None) -> str:
        if key is None:
            return EMPTY
        if table == "memberships":
            return f"№ {key}"
        if table in self.TITLED:
            if (table, key) not in self.cache:
                row = self.db.execute(f"SELECT [{self.TITLED[table]}] FROM [{table}] "
                                      "WHERE id = ?", [key]).fetchone()
                self.cache[table, key] = row[0] if row else f"№ {key}"
            return f"«{short(self.cache[table, key], 60)}»"
        return super().name(table, key)


def object_label(entry: AuditEntry) -> str:
    """«Мероприятие № 12 «Фестиваль „Созвездие“»» — the kind, the key, its name when it has one."""
    label = kind_label(entry.table)
    if entry.table in ("changes", "database"):
        return label
    if entry.table == "settings":
        return f"{label} «{entry.row_id}»"
    if entry.table == "users":
        return f"{label} {entry.row_id}"
    name = next((entry.row[c] for c in NAME_COLUMNS if entry.row.get(c)), "")
    label = f"{label} № {entry.row_id}"
    return f"{label} «{short(name, 50)}»" if name else label


def summary(entry: AuditEntry) -> str:
    """«изменено: статус, начало», «создано», or what a purge or restore did."""
    if entry.table == "changes":
        info = entry.before or {}
        return (f"очистка журнала: удалено {count(info.get('removed', 0), 'запись', 'записи', 'записей')} "
                f"старше {_moment(info.get('older_than', ''))[:10]}")
    if entry.table == "database":
        return f"восстановлена из копии {(entry.after or {}).get('restored_from', '')}"
    if entry.action != "update":
        return ACTIONS[entry.action]
    labels = [change.label for change in field_changes(entry, None)]
    if not labels:
        return "изменено"
    shown = ", ".join(labels[:SUMMARY_FIELDS])
    rest = len(labels) - SUMMARY_FIELDS
    return f"изменено: {shown}" + (f" и ещё {rest}" if rest > 0 else "")


def field_changes(entry: AuditEntry, names: ValueNames | None,
                  order: list[str] | None = None) -> list[FieldChange]:
    """Every field that differs (for an insert, every filled one), in `order` (the table's
    columns) or the stored row's."""
    before, after = entry.before or {}, entry.after or {}
    if entry.table == "events":
        return [FieldChange(label, fmt(before, names) if entry.before else "",
                            fmt(after, names) if entry.after else EMPTY)
                for columns, label, fmt in ITEMS
                if any(before.get(c) != after.get(c) for c in columns)]
    changes = []
    for column in order or dict.fromkeys([*before, *after]):
        if column in HIDDEN or before.get(column) == after.get(column):
            continue
        old = value_text(entry.table, column, before.get(column), names)
        new = value_text(entry.table, column, after.get(column), names)
        if old != new:
            changes.append(FieldChange(field_label(entry.table, column),
                                       "" if entry.action == "insert" else old, new))
    return changes


def entry_diff(db: Database, entry: AuditEntry) -> list[FieldChange]:
    """The diff with referenced objects named (reads the database for their names)."""
    if entry.table in ("changes", "database"):
        facts = {**(entry.before or {}), **(entry.after or {})}
        return [FieldChange(SERVICE_LABELS.get(key, key), "",
                            _moment(value) if key == "older_than" else str(value))
                for key, value in facts.items()]
    order = list(db[entry.table].columns_dict) if db[entry.table].exists() else None
    return field_changes(entry, Names(db), order)


def value_text(table: str, column: str, value: Any, names: ValueNames | None) -> str:
    """One stored value as a coordinator reads it."""
    if value is None or value == "":
        return EMPTY
    enum = ENUMS.get((table, column))
    if enum is not None:
        return enum.label_of(value) or str(value)
    if column in REFERENCES:
        return names.name(REFERENCES[column], value) if names else f"№ {value}"
    if column in FLAGS:
        return "да" if value else "нет"
    if column == "token":
        return "…" + str(value)[-4:]
    if isinstance(value, str):
        if ISO_DAY.match(value):
            return date_short(date.fromisoformat(value))
        if ISO_MOMENT.match(value):
            return _moment(value)
        return f"«{short(value, 60)}»"
    if isinstance(value, (dict, list)):
        return short(json.dumps(value, ensure_ascii=False), 60)
    return str(value)


def _moment(text: str) -> str:
    """An audit or stored moment («2026-11-23T07:05:00Z», «2026-11-23T14:00») as local text."""
    from datetime import datetime, timezone

    from rcro_tui.rules import REGION_TZ

    if not text:
        return EMPTY
    if text.endswith("Z"):
        moment = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        moment = moment.astimezone(REGION_TZ)
    else:
        moment = datetime.fromisoformat(text)
    return f"{date_short(moment.date())} {moment:%H:%M}"
