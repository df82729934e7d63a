"""Merging two records of one organisation: everything that points at the duplicate moves over.

What points at an organisation is read from the schema itself (every foreign key to
`organizations`), so tables added later (by another migration) move too. Each moved row is
an audited update; the duplicate's last state stays in the audit log when it is deleted,
and the kept record's note says what was merged into it. A membership both records hold
(the same programme and role) becomes one: the kept row gets the more advanced status and
the history steps of both.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.i18n import count
from rcro_tui.model import MembershipStatus
from rcro_tui.rules import clean_text
from rcro_tui.org_names import search_key
from rcro_tui.db import store

TABLE_NAMES = {"events": "мероприятия (организатор)", "memberships": "участие в программах",
               "contacts": "контакты", "stage_sessions": "площадки этапов",
               "entries": "участники этапов", "feed_tokens": "личные ленты",
               "competitions": "конкурсы (организатор)",
               "event_organizations": "участники мероприятий"}
FILLED = ("short_name", "legal_form", "district_id", "address", "inn", "phone", "email",
          "website")
"""Columns the kept record takes from the duplicate where its own are empty."""
STATUS_RANK = {MembershipStatus.APPROVED.value: 5, MembershipStatus.EXPIRED.value: 4,
               MembershipStatus.REVIEW.value: 3, MembershipStatus.APPLIED.value: 2,
               MembershipStatus.WITHDRAWN.value: 1, MembershipStatus.REJECTED.value: 0}


@dataclass
class MergePlan:
    """What merging `drop` into `keep` moves: per table and column, the rows' ids."""

    keep: dict
    drop: dict
    moves: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    joined_memberships: list[tuple[int, int]] = field(default_factory=list)
    """(duplicate's membership, kept one's) with the same programme and role."""

    def lines(self) -> list[str]:
        """«мероприятия (организатор): 3» per table, for the confirmation."""
        out = []
        for (table, column), ids in self.moves.items():
            out.append(f"{TABLE_NAMES.get(table, f'{table}.{column}')}: {len(ids)}")
        if self.joined_memberships:
            out.append("совпадающие участия объединятся (история сохранится): "
                       f"{len(self.joined_memberships)}")
        return out

    def summary(self) -> str:
        moved = sum(len(ids) for ids in self.moves.values())
        return (f"«{self.drop['name']}» → «{self.keep['name']}»: перейдёт "
                f"{count(moved, 'запись', 'записи', 'записей')}.")


def references(db: Database, target: str = "organizations") -> list[tuple[str, str]]:
    """(table, column) of every foreign key to `target`, from the schema itself."""
    found = []
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                               "AND name NOT LIKE 'sqlite_%'").fetchall():
        for fk in db.execute(f"PRAGMA foreign_key_list([{table}])").fetchall():
            if fk[2] == target:
                found.append((table, fk[3]))
    return found


def merge_plan(db: Database, keep_id: int, drop_id: int) -> MergePlan:
    if keep_id == drop_id:
        raise InputError("Нельзя объединить организацию саму с собой: выберите другую.")
    plan = MergePlan(store.get_row(db, "organizations", keep_id),
                     store.get_row(db, "organizations", drop_id))
    for table, column in references(db):
        key = store.key_column(table)
        ids = [r[0] for r in db.execute(
            f"SELECT [{key}] FROM [{table}] WHERE [{column}] = ? ORDER BY [{key}]", [drop_id])]
        if ids:
            plan.moves[(table, column)] = ids
    kept = {(r[1], r[2]): r[0] for r in db.execute(
        "SELECT id, program_id, role FROM memberships WHERE organization_id = ?", [keep_id])}
    for r in db.execute("SELECT id, program_id, role FROM memberships "
                        "WHERE organization_id = ?", [drop_id]):
        if (r[1], r[2]) in kept:
            plan.joined_memberships.append((r[0], kept[(r[1], r[2])]))
    return plan


def merge_orgs(db: Database, keep_id: int, drop_id: int, *, user: str) -> MergePlan:
    """Move everything from `drop_id` to `keep_id`, then delete the duplicate; all or nothing."""
    try:
        return _merge(db, keep_id, drop_id, user=user)
    except sqlite3.IntegrityError as error:
        raise InputError(f"Объединение не выполнено, ничего не изменено: у записей есть "
                         f"несовместимые данные ({error}).") from None


def _merge(db: Database, keep_id: int, drop_id: int, *, user: str) -> MergePlan:
    with db.atomic():
        plan = merge_plan(db, keep_id, drop_id)
        for dropped, kept in plan.joined_memberships:
            _join_memberships(db, dropped, kept, user=user)
        joined = {dropped for dropped, _ in plan.joined_memberships}
        for (table, column), ids in plan.moves.items():
            for row_id in ids:
                if table == "memberships" and row_id in joined:
                    continue
                if table == "event_organizations" and _listed_already(db, row_id, keep_id):
                    store.delete(db, table, row_id, user=user)  # both took part: one now
                    continue
                store.update(db, table, row_id, {column: keep_id}, user=user)
        drop = plan.drop
        store.update(db, "organizations", drop_id, {"inn": None}, user=user)
        store.delete(db, "organizations", drop_id, user=user)
        store.update(db, "organizations", keep_id, _taken_over(plan.keep, drop), user=user)
    return plan


def _listed_already(db: Database, row_id: int, keep_id: int) -> bool:
    """The kept organisation is already listed for this row's event (m014)."""
    return db.execute(
        "SELECT 1 FROM event_organizations WHERE organization_id = ? AND event_id = "
        "(SELECT event_id FROM event_organizations WHERE id = ?)", [keep_id, row_id]
    ).fetchone() is not None


def _taken_over(keep: dict, drop: dict) -> dict:
    """The kept record's blanks filled from the duplicate, and a note of the merge."""
    changes = {c: drop[c] for c in FILLED if not keep[c] and drop[c]}
    mark = f"Объединена с записью «{drop['name']}»" + (f" (ИНН {drop['inn']})" if drop["inn"]
                                                        else "") + "."
    changes["note"] = clean_text(f"{keep['note']}\n{mark}".strip(), multiline=True)
    changes["search_key"] = search_key(keep["name"], changes.get("short_name",
                                                                 keep["short_name"]),
                                       changes.get("inn", keep["inn"]))
    return changes


def _join_memberships(db: Database, dropped: int, kept: int, *, user: str) -> None:
    """One membership from two: the kept gets the more advanced state and both histories."""
    a, b = store.get_row(db, "memberships", kept), store.get_row(db, "memberships", dropped)
    for table, column in references(db, "memberships"):  # its steps, and any later table
        key = store.key_column(table)
        for (row_id,) in db.execute(f"SELECT [{key}] FROM [{table}] WHERE [{column}] = ?",
                                    [dropped]).fetchall():
            store.update(db, table, row_id, {column: kept}, user=user)
    if STATUS_RANK.get(b["status"], 0) > STATUS_RANK.get(a["status"], 0):
        store.update(db, "memberships", kept, {
            c: b[c] for c in ("status", "applied_on", "decided_on", "valid_from",
                              "valid_until", "decision_doc")}, user=user)
    store.delete(db, "memberships", dropped, user=user)
