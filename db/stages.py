"""Writing competitions, their ordered stages, the sessions that hold them, and entries.

A stage session *is* a calendar event (its date, venue and host school live there), so the
calendar and the feeds show selection rounds without knowing about stages.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.model import EntryResult, EntryStatus, EventKind, HighRatedList, StageLevel
from rcro_tui.rules import check_span, clean_text, require_text
from rcro_tui.db import store


def add_competition(db: Database, title: str, kind: EventKind, academic_year: int, *,
                    user: str, program_id: int | None = None, subjects: str = "",
                    grades: tuple[int, int] | None = None,
                    high_rated: HighRatedList = HighRatedList.NONE,
                    organizer_org_id: int | None = None, final_event_id: int | None = None,
                    description: str = "", source: str = "") -> int:
    grades_from, grades_to = grades or (None, None)
    return store.insert(db, "competitions", {
        "title": require_text(title, field="Название конкурса"),
        "kind": EventKind(kind).value, "program_id": program_id,
        "academic_year": academic_year, "subjects": clean_text(subjects),
        "grades_from": grades_from, "grades_to": grades_to,
        "high_rated": HighRatedList(high_rated).value, "organizer_org_id": organizer_org_id,
        "final_event_id": final_event_id,
        "description": clean_text(description, multiline=True),
        "source": clean_text(source)}, user=user)


def add_stage(db: Database, competition_id: int, position: int, level: StageLevel, name: str,
              *, user: str, start: date | None = None, end: date | None = None,
              reg: tuple[date, date] | None = None, grades: tuple[int, int] | None = None,
              pass_rule: dict[str, Any] | None = None, subjects: str = "",
              max_score: float | None = None) -> int:
    """Stage number `position` (1 = first) of a competition; `pass_rule` is stored as JSON.

    `subjects` («математика; физика», empty = any) and `max_score` (empty = no limit) are what
    its entries are checked against."""
    if max_score is not None and max_score <= 0:
        raise InputError(f"Этап «{name}»: максимальный балл {max_score:g} должен быть больше нуля.")
    if start and end:
        check_span(start, end, what=f"Этап «{name}»")
    if reg:
        check_span(reg[0], reg[1], what=f"Этап «{name}», приём заявок")
    grades_from, grades_to = grades or (None, None)
    return store.insert(db, "stages", {
        "competition_id": competition_id, "position": position,
        "level": StageLevel(level).value, "name": require_text(name, field="Название этапа"),
        "start_date": start.isoformat() if start else None,
        "end_date": end.isoformat() if end else None,
        "reg_start": reg[0].isoformat() if reg else None,
        "reg_end": reg[1].isoformat() if reg else None,
        "grades_from": grades_from, "grades_to": grades_to,
        "subjects": clean_text(subjects), "max_score": max_score,
        "pass_rule": json.dumps(pass_rule or {"kind": "manual"}, ensure_ascii=False,
                                sort_keys=True)}, user=user)


def add_session(db: Database, stage_id: int, event_id: int, *, user: str,
                district_id: int | None = None, host_org_id: int | None = None) -> int:
    """Tie a calendar event to a stage as the place and time one group takes it."""
    return store.insert(db, "stage_sessions", {
        "stage_id": stage_id, "event_id": event_id, "district_id": district_id,
        "host_org_id": host_org_id}, user=user)


def add_entry(db: Database, stage_id: int, participant_name: str, *, user: str,
              grade: int | None = None, organization_id: int | None = None,
              session_id: int | None = None, subject: str = "", score: float | None = None,
              result: EntryResult = EntryResult.PARTICIPANT,
              status: EntryStatus = EntryStatus.ADMITTED, note: str = "") -> int:
    """A participant at a stage. Names of children stay in the database and in protocols."""
    if grade is not None and not 1 <= grade <= 11:
        raise InputError(f"{participant_name}: класс {grade} — ожидается число от 1 до 11.")
    if score is not None and score < 0:
        raise InputError(f"{participant_name}: балл {score} не может быть отрицательным.")
    return store.insert(db, "entries", {
        "stage_id": stage_id, "session_id": session_id,
        "participant_name": require_text(participant_name, field="Участник"),
        "grade": grade, "organization_id": organization_id, "subject": clean_text(subject),
        "score": score, "result": EntryResult(result).value,
        "status": EntryStatus(status).value, "note": clean_text(note)}, user=user)
