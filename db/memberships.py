"""The membership workflow in the database: applications, decisions, prolongations, expiry.

Each step is checked by `rcro_tui.membership_rules` (the same rules for the CLI and the
screens), then written in one transaction: the step appended to `membership_steps`, the
membership's current status, dates and document updated through `store` (audited, with the
revision the person saw checked, so two coordinators never overwrite each other's decision).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.i18n import date_short
from rcro_tui.membership_rules import DECISIONS, Standing, StepDraft, check_step
from rcro_tui.model import MembershipStatus as S
from rcro_tui.model import Role
from rcro_tui.rules import clean_text
from rcro_tui.db import store
from rcro_tui.db.store import NotFoundError

REAPPLY_FROM = (S.REJECTED, S.WITHDRAWN, S.EXPIRED)


@dataclass(frozen=True)
class Step:
    """One stored step of a membership's history."""

    id: int
    status: S
    on_date: date
    document: str
    note: str
    user: str


@dataclass(frozen=True)
class Membership:
    """One membership as the workflow sees it (names included for messages)."""

    id: int
    organization_id: int
    organization: str
    program_id: int
    program: str
    role: Role
    status: S
    district_id: int | None
    applied_on: date | None
    decided_on: date | None
    valid_until: date | None
    decision_doc: str
    round_id: int | None
    revision: int

    def title(self) -> str:
        """«МБОУ «Кожевниковская СОШ № 2» — опорная школа, «Образование через коммуникацию»»"""
        return f"{self.organization} — {self.role.label}, «{self.program}»"


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def get_membership(db: Database, membership_id: int) -> Membership:
    rows = list(db.query("""
        SELECT m.*, o.name AS org, COALESCE(NULLIF(p.short_name, ''), p.name) AS program,
               COALESCE(m.district_id, o.district_id) AS district
        FROM memberships m JOIN organizations o ON o.id = m.organization_id
        JOIN programs p ON p.id = m.program_id WHERE m.id = ?""", [membership_id]))
    if not rows:
        raise NotFoundError(f"Участия (заявки) №{membership_id} нет: номера показывает "
                            "rcro-tui members list.")
    row = rows[0]
    return Membership(
        id=row["id"], organization_id=row["organization_id"], organization=row["org"],
        program_id=row["program_id"], program=row["program"], role=Role(row["role"]),
        status=S(row["status"]), district_id=row["district"],
        applied_on=_day(row["applied_on"]), decided_on=_day(row["decided_on"]),
        valid_until=_day(row["valid_until"]), decision_doc=row["decision_doc"],
        round_id=row["round_id"], revision=row["revision"])


def history(db: Database, membership_id: int) -> list[Step]:
    """Every step, oldest first (the order they were recorded in on the same day)."""
    return [Step(id=row["id"], status=S(row["status"]), on_date=date.fromisoformat(row["on_date"]),
                 document=row["document"], note=row["note"], user=row["user"])
            for row in db.query("SELECT * FROM membership_steps WHERE membership_id = ? "
                                "ORDER BY on_date, id", [membership_id])]


def standing(db: Database, membership: Membership) -> Standing:
    last = db.execute("SELECT max(on_date) FROM membership_steps WHERE membership_id = ?",
                      [membership.id]).fetchone()[0]
    return Standing(membership.status, date.fromisoformat(last) if last else date.min,
                    membership.valid_until)


def apply(db: Database, organization_id: int, program_id: int, role: Role, *, on_date: date,
          user: str, district_id: int | None = None, round_id: int | None = None,
          note: str = "", document: str = "") -> int:
    """An application (заявка подана); a rejected, withdrawn or expired one is applied for
    again in the same row, so the history stays whole. Returns the membership's number."""
    role = Role(role)
    with db.atomic():
        _require(db, "organizations", organization_id, "Организации")
        _require(db, "programs", program_id, "Программы")
        if round_id is not None:
            from rcro_tui.db.rounds import check_round_accepts
            check_round_accepts(db, round_id, program_id, role, on_date)
        found = db.execute("SELECT id FROM memberships WHERE organization_id = ? AND "
                           "program_id = ? AND role = ?",
                           [organization_id, program_id, role.value]).fetchone()
        if found is None:
            membership_id = store.insert(db, "memberships", {
                "organization_id": organization_id, "program_id": program_id,
                "role": role.value, "status": S.APPLIED.value, "district_id": district_id,
                "applied_on": on_date.isoformat(), "round_id": round_id,
                "note": clean_text(note, multiline=True)}, user=user)
        else:
            membership_id = found[0]
            _reapply(db, get_membership(db, membership_id), on_date, district_id, round_id, user)
        _add_step(db, membership_id, StepDraft(S.APPLIED, on_date, document, note), user)
    return membership_id


def _reapply(db: Database, old: Membership, on_date: date, district_id: int | None,
             round_id: int | None, user: str) -> None:
    if old.status not in REAPPLY_FROM:
        raise InputError(f"{old.organization} уже в программе «{old.program}» в роли "
                         f"«{old.role.label}»: статус «{old.status.label}» (№{old.id}). Новая "
                         "заявка возможна после отклонения, отзыва или истечения.")
    check_step(standing(db, old), StepDraft(S.APPLIED, on_date))
    changes = {"status": S.APPLIED.value, "applied_on": on_date.isoformat(),
               "round_id": round_id}
    if district_id is not None:
        changes["district_id"] = district_id
    store.update(db, "memberships", old.id, changes, user=user)


def move(db: Database, membership_id: int, step: StepDraft, *, user: str,
         expected_revision: int | None = None) -> Membership:
    """Take one step of the workflow (review, approve, reject, withdraw, prolong, expire)."""
    with db.atomic():
        membership = get_membership(db, membership_id)
        if expected_revision is not None and membership.revision != expected_revision:
            raise store.ConflictError(
                f"Заявку №{membership_id} изменил другой пользователь (версия "
                f"{membership.revision}, а вы смотрели версию {expected_revision}): откройте "
                "её заново и повторите решение.")
        check_step(standing(db, membership), step)
        store.update(db, "memberships", membership_id, _changes(membership, step), user=user)
        _add_step(db, membership_id, step, user)
    return get_membership(db, membership_id)


def _changes(membership: Membership, step: StepDraft) -> dict[str, object]:
    """The membership's columns after the step: the status, and for decisions their facts."""
    changes: dict[str, object] = {"status": step.status.value}
    if step.status in DECISIONS:
        changes["decided_on"] = step.on_date.isoformat()
        changes["decision_doc"] = clean_text(step.document)
    if step.status == S.APPROVED:
        if membership.status != S.APPROVED:
            changes["valid_from"] = step.on_date.isoformat()
        changes["valid_until"] = step.valid_until.isoformat() if step.valid_until else None
    return changes


def _add_step(db: Database, membership_id: int, step: StepDraft, user: str) -> None:
    note = step.note
    if step.status == S.APPROVED and step.valid_until is not None:
        term = f"Действует до {date_short(step.valid_until)}."
        note = f"{note} {term}".strip() if term not in note else note
    store.insert(db, "membership_steps", {
        "membership_id": membership_id, "status": step.status.value,
        "on_date": step.on_date.isoformat(), "document": clean_text(step.document),
        "note": clean_text(note), "user": user, "recorded_at": store.utc_now()}, user=user)


def _require(db: Database, table: str, key: int, what: str) -> None:
    if db.execute(f"SELECT 1 FROM [{table}] WHERE id = ?", [key]).fetchone() is None:
        raise NotFoundError(f"{what} №{key} нет в базе.")


def expire_due(db: Database, today: date, *, user: str) -> list[int]:
    """Record «истекла» for every approval whose term ended before today; return their numbers.

    Lists already read such rows as expired from their dates; this writes the step into the
    history (dated the day after the term) so that it is also in the audit log and exports.
    """
    rows = [row[0] for row in db.execute(
        "SELECT id FROM memberships WHERE status = 'approved' AND valid_until < ? ORDER BY id",
        [today.isoformat()])]
    with db.atomic():
        for membership_id in rows:
            membership = get_membership(db, membership_id)
            after = date.fromordinal(membership.valid_until.toordinal() + 1)
            move(db, membership_id, StepDraft(S.EXPIRED, after, note="Срок статуса истёк."),
                 user=user)
    return rows
