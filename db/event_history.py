"""An event's change history, read from the audit log (`changes`) into Russian lines, newest first.

One save of the editor writes several audit entries in one transaction: the event's row and,
when the programme or the audience changed, every agenda part and audience segment deleted
and written again. They are put back together here, so a coordinator reads one line per save:
«23 ноября 2026 г., 14:05 — ivanova: изменено: начало 19.04.2022 14:00 → 20.04.2022 14:00».
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlite_utils import Database

from rcro_tui.db.history_values import ValueNames, row_items, short
from rcro_tui.i18n import count, date_long
from rcro_tui.model import Attendance, EventStatus
from rcro_tui.rules import REGION_TZ

HISTORY_LIMIT = 50
"""Saves shown; older ones are counted («и ещё 12 изменений»)."""
PART_TABLES = ("agenda_parts", "audience_segments")
SAME_SAVE = timedelta(seconds=2)
"""Entries of one transaction are written within milliseconds; this is generous."""
AUDIT_TIME = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class Change:
    """One audit entry."""

    id: int
    at: datetime
    user: str
    table: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @classmethod
    def of(cls, row: dict[str, Any]) -> "Change":
        return cls(row["id"], datetime.strptime(row["at"], AUDIT_TIME).replace(tzinfo=timezone.utc),
                   row["user"], row["table_name"], row["action"],
                   json.loads(row["before"]) if row["before"] else None,
                   json.loads(row["after"]) if row["after"] else None)

    def is_event_row(self) -> bool:
        return self.table == "events"


@dataclass
class Save:
    """The entries one save wrote: the event's own (`head`) and its parts'."""

    head: Change | None = None
    parts: list[Change] = field(default_factory=list)

    def first(self) -> Change:
        return self.head or self.parts[0]


def event_history(db: Database, event_id: int, *, limit: int = HISTORY_LIMIT) -> list[str]:
    """The event's saves as Russian lines, most recent first, the oldest beyond `limit` counted."""
    total = db.execute("SELECT COUNT(*) FROM changes WHERE table_name = 'events' AND row_id = ?",
                       [str(event_id)]).fetchone()[0]
    heads = [Change.of(row) for row in db.query(
        "SELECT * FROM changes WHERE table_name = 'events' AND row_id = ? ORDER BY id DESC "
        "LIMIT ?", [str(event_id), limit])]
    changes = sorted(heads + _part_changes(db, event_id, heads), key=lambda c: c.id)
    names = ValueNames(db)
    lines = [describe_save(save, names) for save in reversed(group_saves(changes))
             if save.head is not None]
    if total > len(heads):
        lines.append(f"и ещё {count(total - len(heads), 'изменение', 'изменения', 'изменений')}")
    return lines


def _part_changes(db: Database, event_id: int, heads: list[Change]) -> list[Change]:
    """The parts' entries written around each of the event's own (found through idx_changes_at)."""
    found: dict[int, Change] = {}
    for at in sorted({head.at for head in heads}):
        rows = db.query(
            "SELECT * FROM changes WHERE at BETWEEN ? AND ? AND table_name IN (?, ?) "
            "AND json_extract(COALESCE(after, before), '$.event_id') = ?",
            [(at - SAME_SAVE).strftime(AUDIT_TIME), (at + SAME_SAVE).strftime(AUDIT_TIME),
             *PART_TABLES, event_id])
        found.update((row["id"], Change.of(row)) for row in rows)
    return list(found.values())


def group_saves(changes: list[Change]) -> list[Save]:
    """Entries in id order back into saves.

    A save of the event's row with new values (or its creation) comes first and its parts
    follow; a save of the parts alone writes them first and then bumps the revision (a delete
    likewise removes the parts, then the row). Inside one save deletions come before insertions,
    so a deletion after an insertion starts the next save.
    """
    saves: list[Save] = []
    current: Save | None = None
    for change in changes:
        if change.is_event_row():
            if change.action == "insert" or (change.action == "update" and _row_changed(change)):
                current = Save(head=change)
                saves.append(current)
            elif current is not None and current.head is None and _together(current, change):
                current.head, current = change, None
            else:
                saves.append(Save(head=change))
                current = None
            continue
        if (current is None or not _together(current, change)
                or (change.action != "insert" and current.parts
                    and current.parts[-1].action == "insert")):
            current = Save()
            saves.append(current)
        current.parts.append(change)
    return saves


def _together(save: Save, change: Change) -> bool:
    first = save.first()
    return first.user == change.user and abs(first.at - change.at) <= SAME_SAVE


def _row_changed(change: Change) -> bool:
    return bool(row_items(change.before or {}, change.after or {}, None))


def describe_save(save: Save, names: ValueNames) -> str:
    """«23 ноября 2026 г., 14:05 — ivanova: изменено: статус запланировано → подтверждено»."""
    head = save.head
    assert head is not None
    local = head.at.astimezone(REGION_TZ)
    return f"{date_long(local.date())}, {local:%H:%M} — {head.user}: {_what(save, names)}"


def _what(save: Save, names: ValueNames) -> str:
    head = save.head
    if head.action == "insert":
        return "создано"
    if head.action == "delete":
        return "удалено"
    before, after = head.before or {}, head.after or {}
    items = row_items(before, after, names) + _part_items(save.parts)
    cancelled = (after.get("status") == EventStatus.CANCELLED
                 and before.get("status") != EventStatus.CANCELLED)
    if cancelled:
        items = [item for item in items if not item.startswith("статус ")]
        return "отменено" + (f"; изменено: {'; '.join(items)}" if items else "")
    return f"изменено: {'; '.join(items)}" if items else "изменено"


def _part_items(parts: list[Change]) -> list[str]:
    items = []
    for table, text, word in (("agenda_parts", _agenda_text, "такт"),
                              ("audience_segments", _audience_text, "аудитория")):
        old = {c.before["position"]: text(c.before) for c in parts
               if c.table == table and c.before}
        new = {c.after["position"]: text(c.after) for c in parts if c.table == table and c.after}
        for position in sorted(old.keys() | new.keys()):
            was, now = old.get(position), new.get(position)
            if was is None:
                items.append(f"{word} {position} добавлен{'а' if word == 'аудитория' else ''}: "
                             f"«{now}»")
            elif now is None:
                items.append(f"{word} {position} убран{'а' if word == 'аудитория' else ''}: "
                             f"«{was}»")
            elif was != now:
                items.append(f"{word} {position} «{was}» → «{now}»")
    return items


def _agenda_text(part: dict[str, Any]) -> str:
    times = "–".join(t for t in (part.get("start_time"), part.get("end_time")) if t)
    remote = " (и дистанционно)" if part.get("remote") else ""
    return short(part["title"]) + (f" {times}" if times else "") + remote


def _audience_text(segment: dict[str, Any]) -> str:
    parts = f", такты {segment['parts']}" if segment.get("parts") else ""
    return f"{short(segment['who'])} — {Attendance.label_of(segment['attendance'])}{parts}"

