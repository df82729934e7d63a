"""Advancing a stage: its pass rule, the coordinator's marks, and creating the next stage's entries.

`preview` (from `advance_read`) shows who passes and why; `apply` writes it in one
transaction: each passer gets an entry in the next stage (name, grade, school and subject
copied; the session of their district assigned; status «допущен»), linked to its source by
`from_entry_id`, and the source entry becomes «прошёл дальше». Assigning a session is what
puts the next stage's event into the private feeds of the passers' schools
(`rcro_tui.feed_scope`). Applying again creates nothing new; while ties wait for the
coordinator, nothing is applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from rcro_tui.errors import UserError
from rcro_tui.i18n import count
from rcro_tui.model import EntryStatus
from rcro_tui.pass_decide import Verdict
from rcro_tui.pass_rules import PassRule, rule_json
from rcro_tui.db import store
from rcro_tui.db.advance_read import (NO_SESSION, Preview, PreviewRow, next_stage_of, preview,
                                      stage_rule)

__all__ = ["Applied", "NO_SESSION", "Preview", "PreviewRow", "apply", "get_rule", "preview",
           "set_marks", "set_rule"]


@dataclass(frozen=True)
class Applied:
    """What one `apply` did."""

    created: int
    linked: int
    """Entries already in the next stage (typed or imported there by hand) now linked."""
    already: int
    without_session: int
    next_stage_name: str

    def summary(self) -> str:
        text = (f"На этап «{self.next_stage_name}» переведено "
                f"{count(self.created, 'участник', 'участника', 'участников')}")
        if self.linked:
            text += f", ещё {self.linked} уже были там и связаны с этим этапом"
        if self.already:
            text += f"; {self.already} переведены раньше"
        if self.without_session:
            text += (f"; без площадки: {self.without_session} "
                     f"({NO_SESSION})")
        return text + "."


def get_rule(db: Database, stage_id: int) -> PassRule:
    return stage_rule(db, store.get_row(db, "stages", stage_id))


def set_rule(db: Database, stage_id: int, rule: PassRule, *, user: str,
             expected_revision: int | None = None) -> PassRule:
    """Store the stage's rule in its canonical JSON (audited).

    With `expected_revision` (the stage's version the person's form or command started
    from), a stage a colleague changed meanwhile is left as it is (ConflictError): their rule
    is not silently replaced by one decided on an older version.
    """
    store.update(db, "stages", stage_id, {"pass_rule": rule_json(rule)}, user=user,
                 expected_revision=expected_revision)
    return rule


def set_marks(db: Database, stage_id: int, marks: dict[int, bool | None], *, user: str,
              seen: Mapping[int, int] | None = None) -> None:
    """The coordinator's choices (entry → passes?, None to forget), kept across sessions.

    `seen` (entry → the revision the person's preview showed) makes the save all or nothing:
    if a colleague changed any of those entries meanwhile (a score, a mark), nothing is written
    and the ConflictError names the participant, since the choice was made on what they saw.
    """
    with db.atomic():
        rows = {entry_id: store.get_row(db, "entries", entry_id) for entry_id in marks}
        for entry_id, row in rows.items():
            if row["stage_id"] != stage_id:
                raise UserError(f"Участник № {entry_id} не на этом этапе.")
            _refuse_if_moved(row, (seen or {}).get(entry_id))
        for entry_id, mark in marks.items():
            store.update(db, "entries", entry_id,
                         {"pass_mark": None if mark is None else int(mark)}, user=user)


def _refuse_if_moved(row: dict[str, Any], seen: int | None) -> None:
    if seen is None or row["revision"] == seen:
        return
    raise store.ConflictError(
        f"Участника «{row['participant_name']}» изменил другой пользователь (версия "
        f"{row['revision']}, а вы видели версию {seen}): отметки не сохранены. Посмотрите "
        "список заново и повторите.")


def apply(db: Database, stage_id: int, decisions: dict[int, bool] | None = None, *,
          user: str) -> Applied:
    """Create the passers' entries in the next stage, in one transaction; idempotent."""
    with db.atomic():
        if decisions:
            set_marks(db, stage_id, dict(decisions), user=user)
        seen = preview(db, stage_id)
        nxt = _refuse_unless_ready(seen)
        created = linked = already = without = 0
        for row in seen.rows:
            if row.decision.verdict is not Verdict.YES:
                continue
            if row.advanced_to is not None:
                target = store.get_row(db, "entries", row.advanced_to)
                if target["from_entry_id"] is None:
                    store.update(db, "entries", row.advanced_to,
                                 {"from_entry_id": row.entry_id}, user=user)
                    linked += 1
                else:
                    already += 1
            else:
                _create(db, nxt["id"], row, user)
                created += 1
                without += row.next_session_id is None
            if row.status != EntryStatus.ADVANCED.value:
                store.update(db, "entries", row.entry_id,
                             {"status": EntryStatus.ADVANCED.value}, user=user)
    return Applied(created, linked, already, without, nxt["name"])


def _refuse_unless_ready(seen: Preview) -> dict[str, Any]:
    name = seen.stage["name"]
    if seen.next_stage is None:
        raise UserError(f"Этап «{name}» — последний в конкурсе: переходить некуда. "
                        "Добавьте следующий этап.")
    if seen.undecided:
        raise UserError(
            f"Этап «{name}»: {count(seen.undecided, 'участник', 'участника', 'участников')} "
            "с равным баллом на границе ждут решения координатора (пробел — проходит / нет). "
            "Переход не выполнен.")
    return seen.next_stage


def _create(db: Database, stage_id: int, row: PreviewRow, user: str) -> int:
    source = store.get_row(db, "entries", row.entry_id)
    return store.insert(db, "entries", {
        "stage_id": stage_id, "session_id": row.next_session_id,
        "participant_name": source["participant_name"], "grade": source["grade"],
        "organization_id": source["organization_id"], "subject": source["subject"],
        "status": EntryStatus.ADMITTED.value, "from_entry_id": row.entry_id}, user=user)


def next_stage(db: Database, stage_id: int) -> dict[str, Any] | None:
    return next_stage_of(db, store.get_row(db, "stages", stage_id))
