"""Warnings for an event being edited (double bookings, holidays, a closed registration).

They come from `db.conflicts`, built beside the editor; where that module is not installed
yet the editor simply shows none. Warnings never block saving: they say what to check.
"""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from rcro_tui.db.events import EventDraft

try:
    from rcro_tui.db.conflicts import warnings_for_draft
except ModuleNotFoundError as missing:  # only the module's own absence; its bugs still surface
    if missing.name != "rcro_tui.db.conflicts":
        raise
    warnings_for_draft = None


def warnings_available() -> bool:
    return warnings_for_draft is not None


def draft_warnings(db: Database, draft: EventDraft, *, today: date,
                   event_id: int | None) -> list[str]:
    """The warnings' Russian sentences, or nothing where the conflicts module is absent."""
    if warnings_for_draft is None:
        return []
    found = warnings_for_draft(db, draft, today=today, event_id=event_id)
    return [getattr(warning, "message", str(warning)) for warning in found]
