"""Applying imported events: add or update by UID, in one transaction, all or nothing.

Both importers (iCalendar, tables) turn their input into `ImportItem`s and hand them here.
An item whose UID is already in the calendar updates that event — but only the fields its
source actually carries (`owned`), so re-importing a feed never wipes the agenda, audience,
grades or results a coordinator added in the app — and only when something really changed,
so importing the same file twice bumps no revision and writes nothing to the audit log.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Any

from sqlite_utils import Database

from rcro_tui.errors import UserError
from rcro_tui.model import EventStatus
from rcro_tui.rules import clean_text
from rcro_tui.db.event_edit import draft_of, update_event
from rcro_tui.db.events import MAX_TITLE, EventDraft, event_row
from rcro_tui.db.import_insert import FIELD_COLUMNS, insert_events
from rcro_tui.db.import_problems import ImportReport, Problems

"""Longest title an import accepts: longer text is surely a description pasted in the wrong cell."""

CONTENT_UID_SUFFIX = "@import.rcro-tui"


@dataclass(frozen=True)
class ImportItem:
    """One event read from a file, with where it was read (for messages) and what it sets."""

    where: str
    """«Строка 12» — the start of every message about this item."""
    uid: str
    draft: EventDraft
    owned: frozenset[str]
    """Draft fields the file gives; an update leaves every other field as it is."""


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def title_problem(title: str) -> str | None:
    """Why a title cannot be taken, or None; control characters are simply stripped later."""
    cleaned = clean_text(title)
    if not cleaned:
        return "нет названия мероприятия."
    if len(cleaned) > MAX_TITLE:
        return (f"название длиной {len(cleaned)} символов — допускается не больше "
                f"{MAX_TITLE}; сократите его, а подробности перенесите в описание.")
    return None


def content_uid(title: str, start_text: str, seen: dict[str, int]) -> str:
    """A UID for an event that came without one: the same title and start give the same UID.

    Re-importing the same file then finds the events it added instead of duplicating them;
    `seen` numbers identical title-and-start pairs within one file so they stay distinct.
    """
    key = f"{clean_text(title).casefold()}|{start_text}"
    seen[key] = seen.get(key, 0) + 1
    digest = hashlib.sha1(f"{key}|{seen[key]}".encode()).hexdigest()[:20]
    return f"import-{digest}{CONTENT_UID_SUFFIX}"


def apply_items(db: Database, items: list[ImportItem], *, user: str, source_name: str,
                dry_run: bool = False) -> ImportReport:
    """Add or update every item in one transaction; InputError listing all problems otherwise.

    A dry run does the same work and rolls it back, so it finds every problem a real run would.
    """
    report = ImportReport(dry_run=dry_run)
    problems = Problems()
    existing = dict(db.execute("SELECT uid, id FROM events WHERE uid IS NOT NULL").fetchall())
    first_seen: dict[str, str] = {}
    new: list[tuple[ImportItem, dict[str, Any]]] = []
    try:
        with db.atomic():
            for item in items:
                if item.uid in first_seen:
                    problems.add(f"{item.where}: UID «{item.uid}» уже был у мероприятия "
                                 f"({_lower_first(first_seen[item.uid])}) — у каждого "
                                 "мероприятия свой UID.")
                    continue
                first_seen[item.uid] = item.where
                try:
                    if item.uid in existing:
                        _update(db, item, existing[item.uid], report, user=user)
                    else:
                        new.append((item, event_row(_sourced(item.draft, source_name))))
                except UserError as error:
                    problems.add(f"{item.where}: {error.message}")
            problems.raise_if_any(source_name)
            insert_events(db, [(item.uid, row) for item, row in new], user=user)
            report.added = len(new)
            report.cancelled += sum(_cancels(item) for item, _ in new)
            if dry_run:
                raise _DryRun()
    except _DryRun:
        pass
    return report


def _sourced(draft: EventDraft, source_name: str) -> EventDraft:
    """A new event remembers the file it came from (an update keeps the event's own source)."""
    if draft.source:
        return draft
    return replace(draft, source=f"импорт из «{source_name}»" if source_name else "импорт")


def _cancels(item: ImportItem) -> bool:
    return "status" in item.owned and EventStatus(item.draft.status) is EventStatus.CANCELLED


def _update(db: Database, item: ImportItem, event_id: int, report: ImportReport, *,
            user: str) -> None:
    """Update through the editor's own call, but only when an owned field really differs."""
    stored = _stored_row(db, event_id)
    fresh = event_row(item.draft)
    columns = {column for name in item.owned for column in FIELD_COLUMNS[name]}
    if all(fresh[column] == stored[column] for column in columns):
        report.unchanged += 1
        return
    before, revision = draft_of(db, event_id)
    after = replace(before, **{name: getattr(item.draft, name) for name in item.owned})
    update_event(db, event_id, after, user=user, expected_revision=revision)
    report.updated += 1
    report.cancelled += _cancels(item) and stored["status"] != EventStatus.CANCELLED.value


def _stored_row(db: Database, event_id: int) -> dict[str, Any]:
    cursor = db.conn.execute("SELECT * FROM events WHERE id = ?", [event_id])
    return dict(zip([column[0] for column in cursor.description], cursor.fetchone()))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
