"""Participants at a stage: add, read, change and delete entries, each checked against the stage.

An entry is refused with every problem at once (class outside the stage's grades, a subject
the stage does not hold, a score over the maximum, a session of another stage, the same
child entered twice), each naming its field. Edits name the revision they started from, so
two coordinators correcting one protocol never overwrite each other silently.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlite_utils import Database

from rcro_tui.model import EntryResult, EntryStatus
from rcro_tui.rules import clean_text
from rcro_tui.db import store
from rcro_tui.db.entry_check import (FIELD_LABELS, EntryDraft, EntryError, StageRules, person_key,
                                     score_text, stage_rules, subject_key)

__all__ = ["EntryDraft", "EntryError", "add_entry", "delete_entry", "get_entry",
           "update_entry", "check_entry", "entry_row", "duplicate_key", "describe_entry"]


def duplicate_key(name: str, grade: int | None, school: object, subject: str) -> tuple:
    """Who a participant is at a stage: the name (case, ё aside), grade, school and subject."""
    return (person_key(name), grade, school, subject_key(subject))


def describe_entry(row: dict[str, Any]) -> str:
    """«запись № 12: Иванов Пётр, 8 класс, МБОУ «…», математика» — how a duplicate is named."""
    parts = [row["participant_name"]]
    if row.get("grade") is not None:
        parts.append(f"{row['grade']} класс")
    if row.get("school"):
        parts.append(row["school"])
    if row.get("subject"):
        parts.append(row["subject"])
    return f"запись № {row['id']}: " + ", ".join(parts)


def _duplicate_of(db: Database, stage_id: int, draft: EntryDraft,
                  entry_id: int | None) -> dict[str, Any] | None:
    """The stage's entry for the same participant (another one than `entry_id`), if any."""
    wanted = duplicate_key(draft.participant_name, draft.grade, draft.organization_id,
                           draft.subject)
    for row in db.query("""
            SELECT e.id, e.participant_name, e.grade, e.organization_id, e.subject,
                   COALESCE(o.name, '') AS school
            FROM entries e LEFT JOIN organizations o ON o.id = e.organization_id
            WHERE e.stage_id = ? AND e.id IS NOT ? AND e.grade IS ?
              AND e.organization_id IS ?""",
                        [stage_id, entry_id, draft.grade, draft.organization_id]):
        if duplicate_key(row["participant_name"], row["grade"], row["organization_id"],
                         row["subject"]) == wanted:
            return row
    return None


def _org_district(db: Database, org_id: int | None) -> tuple[bool, int | None]:
    if org_id is None:
        return True, None
    row = db.execute("SELECT district_id FROM organizations WHERE id = ?", [org_id]).fetchone()
    return (row is not None), (row[0] if row else None)


def check_entry(db: Database, stage_id: int, draft: EntryDraft, *,
                entry_id: int | None = None, rules: StageRules | None = None,
                default_session: bool = True) -> EntryDraft:
    """The draft as it would be stored (subject spelt as the stage does, the session of the
    school's district when the stage has exactly one there), or EntryError."""
    rules = rules or stage_rules(db, stage_id)
    draft = rules.subject_of(replace(draft, participant_name=clean_text(draft.participant_name),
                                     note=clean_text(draft.note)))
    problems = rules.check(draft)
    known, district = _org_district(db, draft.organization_id)
    if not known:
        problems["organization_id"] = f"Организации № {draft.organization_id} нет в базе."
    if default_session and draft.session_id is None:
        draft = replace(draft, session_id=rules.session_for_district(district))
    for name, enum in (("result", EntryResult), ("status", EntryStatus)):
        try:
            enum(getattr(draft, name))
        except ValueError:
            problems[name] = f"{FIELD_LABELS[name]}: «{getattr(draft, name)}» — неизвестное значение."
    if not problems:
        twin = _duplicate_of(db, stage_id, draft, entry_id)
        if twin is not None:
            problems["participant_name"] = (
                f"«{draft.participant_name}» уже внесён(а) на этот этап ({describe_entry(twin)}).")
    if problems:
        raise EntryError(problems)
    return draft


def entry_row(stage_id: int, draft: EntryDraft) -> dict[str, Any]:
    return {"stage_id": stage_id, "session_id": draft.session_id,
            "participant_name": draft.participant_name, "grade": draft.grade,
            "organization_id": draft.organization_id, "subject": clean_text(draft.subject),
            "score": draft.score, "result": EntryResult(draft.result).value,
            "status": EntryStatus(draft.status).value, "note": clean_text(draft.note)}


def add_entry(db: Database, stage_id: int, draft: EntryDraft, *, user: str) -> int:
    """A checked participant at the stage; returns the entry's id."""
    with db.atomic():
        checked = check_entry(db, stage_id, draft)
        return store.insert(db, "entries", entry_row(stage_id, checked), user=user)


def get_entry(db: Database, entry_id: int) -> tuple[int, EntryDraft, int]:
    """(stage id, the entry as a draft, the revision it was read at)."""
    row = store.get_row(db, "entries", entry_id)
    return row["stage_id"], EntryDraft(
        participant_name=row["participant_name"], grade=row["grade"],
        organization_id=row["organization_id"], subject=row["subject"],
        session_id=row["session_id"], score=row["score"], result=row["result"],
        status=row["status"], note=row["note"]), row["revision"]


def update_entry(db: Database, entry_id: int, draft: EntryDraft, *, user: str,
                 expected_revision: int | None = None) -> int:
    """Save a corrected entry; returns its new revision (ConflictError if changed meanwhile).

    The session stays as chosen: an emptied session is not refilled from the district."""
    with db.atomic():
        stage_id = store.get_row(db, "entries", entry_id)["stage_id"]
        checked = check_entry(db, stage_id, draft, entry_id=entry_id, default_session=False)
        after = store.update(db, "entries", entry_id, entry_row(stage_id, checked), user=user,
                             expected_revision=expected_revision)
    return after["revision"]


def delete_entry(db: Database, entry_id: int, *, user: str,
                 expected_revision: int | None = None) -> None:
    """Remove a participant entered by mistake (the audit log keeps the row); not one a
    colleague corrected since `expected_revision` was read."""
    store.delete(db, "entries", entry_id, user=user, expected_revision=expected_revision)


def entry_summary(draft: EntryDraft) -> str:
    """«Иванов Пётр, 8 класс, 17,5 балла» — the confirmation line before deleting."""
    parts = [draft.participant_name]
    if draft.grade is not None:
        parts.append(f"{draft.grade} класс")
    if draft.score is not None:
        parts.append(f"балл {score_text(draft.score)}")
    return ", ".join(parts)
