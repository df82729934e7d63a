"""Selection rounds (конкурсный отбор): applications for one role in one programme, accepted
until a deadline and decided together by one document.

Letter 003 announces such a round («конкурсный отбор на присвоение статуса «Базовая
образовательная организация» … на 2022–2024 годы»). The decision approves a chosen set of
applications and rejects the rest of the open ones with the same order; it is all or
nothing: if any application cannot take its step, nothing is written.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.i18n import date_short
from rcro_tui.membership_rules import OPEN, StepDraft, check_step
from rcro_tui.model import MembershipStatus as S
from rcro_tui.model import Role
from rcro_tui.rules import clean_text, require_text
from rcro_tui.db import store
from rcro_tui.db.memberships import get_membership, move, standing


@dataclass(frozen=True)
class Round:
    id: int
    program_id: int
    program: str
    role: Role
    name: str
    opened_on: date
    deadline: date
    decided_on: date | None
    decision_doc: str
    revision: int

    def accepting(self, day: date) -> bool:
        return self.decided_on is None and self.opened_on <= day <= self.deadline


@dataclass(frozen=True)
class RoundOutcome:
    approved: tuple[int, ...]
    rejected: tuple[int, ...]


def add_round(db: Database, program_id: int, role: Role, name: str, *, opened_on: date,
              deadline: date, user: str, note: str = "") -> int:
    if deadline < opened_on:
        raise InputError(f"Срок подачи заявок {date_short(deadline)} раньше начала отбора "
                         f"{date_short(opened_on)}.")
    return store.insert(db, "selection_rounds", {
        "program_id": program_id, "role": Role(role).value,
        "name": require_text(name, field="Название отбора"), "opened_on": opened_on.isoformat(),
        "deadline": deadline.isoformat(), "note": clean_text(note, multiline=True)}, user=user)


def get_round(db: Database, round_id: int) -> Round:
    rows = list(db.query("""
        SELECT r.*, COALESCE(NULLIF(p.short_name, ''), p.name) AS program
        FROM selection_rounds r JOIN programs p ON p.id = r.program_id WHERE r.id = ?""",
                         [round_id]))
    if not rows:
        raise store.NotFoundError(f"Конкурсного отбора №{round_id} нет в базе.")
    return _round(rows[0])


def list_rounds(db: Database, program_id: int | None = None) -> list[Round]:
    rows = db.query("""
        SELECT r.*, COALESCE(NULLIF(p.short_name, ''), p.name) AS program
        FROM selection_rounds r JOIN programs p ON p.id = r.program_id
        WHERE ? IS NULL OR r.program_id = ? ORDER BY r.deadline DESC, r.id""",
                    [program_id, program_id])
    return [_round(row) for row in rows]


def _round(row: dict) -> Round:
    return Round(id=row["id"], program_id=row["program_id"], program=row["program"],
                 role=Role(row["role"]), name=row["name"],
                 opened_on=date.fromisoformat(row["opened_on"]),
                 deadline=date.fromisoformat(row["deadline"]),
                 decided_on=date.fromisoformat(row["decided_on"]) if row["decided_on"] else None,
                 decision_doc=row["decision_doc"], revision=row["revision"])


def check_round_accepts(db: Database, round_id: int, program_id: int, role: Role,
                        on_date: date) -> None:
    """An application joins a round of its own programme and role, while it is open."""
    selection = get_round(db, round_id)
    if selection.program_id != program_id or selection.role != role:
        raise InputError(f"Отбор «{selection.name}» — на роль «{selection.role.label}» в "
                         f"программе «{selection.program}»: заявка не для него.")
    if selection.decided_on is not None:
        raise InputError(f"Отбор «{selection.name}» уже завершён "
                         f"{date_short(selection.decided_on)}: заявки не принимаются.")
    if not selection.opened_on <= on_date <= selection.deadline:
        raise InputError(f"Отбор «{selection.name}» принимает заявки с "
                         f"{date_short(selection.opened_on)} по {date_short(selection.deadline)}"
                         f", а заявка датирована {date_short(on_date)}.")


def open_applications(db: Database, round_id: int) -> list[int]:
    """The round's applications still waiting for a decision, by organisation name."""
    placeholders = ", ".join("?" for _ in OPEN)
    return [row[0] for row in db.execute(
        f"SELECT m.id FROM memberships m JOIN organizations o ON o.id = m.organization_id "
        f"WHERE m.round_id = ? AND m.status IN ({placeholders}) ORDER BY o.name, m.id",
        [round_id, *(s.value for s in OPEN)])]


def decide_round(db: Database, round_id: int, approve: Collection[int], *, on_date: date,
                 document: str, user: str, valid_until: date | None = None,
                 note: str = "", expected_revision: int | None = None) -> RoundOutcome:
    """Approve `approve`, reject every other open application of the round, by one document."""
    with db.atomic():
        selection = get_round(db, round_id)
        if expected_revision is not None and selection.revision != expected_revision:
            raise store.ConflictError(f"Отбор «{selection.name}» изменил другой пользователь: "
                                      "откройте его заново.")
        pending = open_applications(db, round_id)
        _check_decision(db, selection, pending, approve, on_date)
        steps = {m: StepDraft(S.APPROVED if m in approve else S.REJECTED, on_date, document,
                              note, valid_until if m in approve else None) for m in pending}
        for membership_id, step in steps.items():
            check_step(standing(db, get_membership(db, membership_id)), step)
        for membership_id, step in steps.items():
            move(db, membership_id, step, user=user)
        store.update(db, "selection_rounds", round_id, {
            "decided_on": on_date.isoformat(), "decision_doc": clean_text(document)}, user=user)
    chosen = tuple(m for m in pending if m in approve)
    return RoundOutcome(chosen, tuple(m for m in pending if m not in approve))


def _check_decision(db: Database, selection: Round, pending: list[int],
                    approve: Collection[int], on_date: date) -> None:
    if selection.decided_on is not None:
        raise InputError(f"Отбор «{selection.name}» уже завершён "
                         f"{date_short(selection.decided_on)} ({selection.decision_doc}).")
    if on_date <= selection.deadline:
        raise InputError(f"Заявки в отбор «{selection.name}» принимаются по "
                         f"{date_short(selection.deadline)} включительно: решение — не раньше "
                         "следующего дня.")
    if not pending:
        raise InputError(f"В отборе «{selection.name}» нет заявок, ждущих решения.")
    strangers = [m for m in approve if m not in pending]
    if strangers:
        names = ", ".join(f"№{m}" for m in strangers)
        raise InputError(f"Заявки {names} нет среди ждущих решения в отборе «{selection.name}»:"
                         " ничего не записано.")
