"""Selection rounds as coordinators handle them: typed into a form or the CLI, listed with
their applications, changed while nothing is decided.

`read_round` turns typed text into a `RoundDraft` and names every problem at once (the form
shows each under its field); `save_round` adds or changes a round through `store` (audited,
the revision the person saw checked). The list and the applications table are `TableView`s,
the same for the «Отборы» tab and `rcro-tui members rounds list`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.i18n import date_short
from rcro_tui.membership_rules import OPEN, status_cell
from rcro_tui.model import MembershipStatus as S
from rcro_tui.model import Role
from rcro_tui.rules import clean_text, parse_date
from rcro_tui.db import store
from rcro_tui.db.rounds import Round, add_round, get_round, list_rounds
from rcro_tui.db.views import TableView

ACCEPTING, REVIEWING, DECIDED = "приём заявок", "идёт рассмотрение", "решение принято"
FIELD_LABELS = {"program": "Программа", "role": "Роль", "name": "Название",
                "opens": "Начало приёма", "deadline": "Срок подачи", "note": "Примечание"}


@dataclass(frozen=True)
class RoundDraft:
    program_id: int
    role: Role
    name: str
    opened_on: date
    deadline: date
    note: str = ""


class RoundError(InputError):
    """Everything wrong at once: `problems[field] = Russian sentence`."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__(" ".join(problems.values()))


def default_name(role: Role) -> str:
    """«Конкурсный отбор на статус «базовая организация»» when nobody typed a name."""
    return f"Конкурсный отбор на статус «{role.label}»"


def read_round(values: dict[str, object]) -> RoundDraft:
    """A draft from typed values: program (id), role (code), name, opens, deadline, note."""
    problems: dict[str, str] = {}
    program = values.get("program")
    if not isinstance(program, int):
        problems["program"] = "Программа: выберите программу."
    role = values.get("role")
    if role not in {r.value for r in Role}:
        problems["role"] = "Роль: выберите роль, на которую объявлен отбор."
    days: dict[str, date | None] = {}
    for field in ("opens", "deadline"):
        text = str(values.get(field) or "").strip()
        try:
            days[field] = parse_date(text, field=FIELD_LABELS[field]) if text else None
        except InputError as error:
            problems[field] = error.message
        if not text:
            problems[field] = f"{FIELD_LABELS[field]}: укажите дату (ДД.ММ.ГГГГ)."
    if "opens" not in problems and "deadline" not in problems \
            and days["deadline"] < days["opens"]:
        problems["deadline"] = (f"Срок подачи {date_short(days['deadline'])} раньше начала "
                                f"приёма {date_short(days['opens'])}.")
    if problems:
        raise RoundError(problems)
    name = clean_text(str(values.get("name") or "")) or default_name(Role(role))
    return RoundDraft(program, Role(role), name, days["opens"], days["deadline"],
                      clean_text(str(values.get("note") or ""), multiline=True))


def save_round(db: Database, draft: RoundDraft, *, user: str, round_id: int | None = None,
               expected_revision: int | None = None) -> int:
    """Add (no `round_id`) or change a round; a decided round, or one whose applications
    would no longer fit (another programme or role, dated outside the new dates), is refused."""
    with db.atomic():
        if round_id is None:
            return add_round(db, draft.program_id, draft.role, draft.name,
                             opened_on=draft.opened_on, deadline=draft.deadline, user=user,
                             note=draft.note)
        _check_change(db, get_round(db, round_id), draft)
        store.update(db, "selection_rounds", round_id, {
            "program_id": draft.program_id, "role": draft.role.value, "name": draft.name,
            "opened_on": draft.opened_on.isoformat(), "deadline": draft.deadline.isoformat(),
            "note": draft.note}, user=user, expected_revision=expected_revision)
    return round_id


def _check_change(db: Database, old: Round, draft: RoundDraft) -> None:
    if old.decided_on is not None:
        raise InputError(f"Отбор «{old.name}» уже завершён {date_short(old.decided_on)} "
                         f"({old.decision_doc}): изменить его нельзя.")
    applied = db.execute("SELECT count(*), min(applied_on), max(applied_on) FROM memberships "
                         "WHERE round_id = ?", [old.id]).fetchone()
    if not applied[0]:
        return
    if (draft.program_id, draft.role) != (old.program_id, old.role):
        raise RoundError({"program": "Программа и роль: в отборе уже есть заявки — их "
                                     "программу и роль изменить нельзя."})
    first, last = date.fromisoformat(applied[1]), date.fromisoformat(applied[2])
    if first < draft.opened_on or last > draft.deadline:
        raise RoundError({"deadline": f"Сроки: заявки в отбор поданы с {date_short(first)} "
                                      f"по {date_short(last)} — новые сроки должны их "
                                      "включать."})


def round_state(selection: Round, today: date) -> str:
    """«приём заявок», «идёт рассмотрение», «решение принято», or when reception starts."""
    if selection.decided_on is not None:
        return DECIDED
    if today < selection.opened_on:
        return f"приём с {date_short(selection.opened_on)}"
    return ACCEPTING if today <= selection.deadline else REVIEWING


def application_counts(db: Database) -> dict[int, tuple[int, int]]:
    """Per round: (all applications, those still waiting for a decision)."""
    marks = ", ".join(f"'{s.value}'" for s in OPEN)
    return {row[0]: (row[1], row[2]) for row in db.execute(
        f"SELECT round_id, count(*), count(CASE WHEN status IN ({marks}) THEN 1 END) "
        "FROM memberships WHERE round_id IS NOT NULL GROUP BY round_id")}


def rounds_view(db: Database, today: date) -> TableView:
    """Every round, the latest deadline first, with its applications and where it stands;
    the name last (it is long; the screen cuts it, Enter shows it whole)."""
    view = TableView("Отборы в сеть", ("№", "Статус", "Программа", "Роль", "Приём с",
                                       "Срок", "Заявок", "Отбор"),
                     empty="Конкурсных отборов пока нет: A — объявить отбор.")
    counts = application_counts(db)
    for selection in list_rounds(db):
        total, waiting = counts.get(selection.id, (0, 0))
        shown = str(total) + (f" (ждут: {waiting})" if waiting and total != waiting else "")
        view.add(selection.id, str(selection.id), round_state(selection, today),
                 selection.program, selection.role.label, date_short(selection.opened_on),
                 date_short(selection.deadline), shown, selection.name)
    return view


APPLICATION_COLUMNS = ("Одобрить", "№", "Статус", "Организация", "Район", "Заявка")
TICK, NO_TICK = "✓ да", "нет"
"""Ticked for approval, or not (rejected when the round is decided); no brackets, which the
table would read as markup."""


def round_applications(db: Database, round_id: int, today: date,
                       chosen: frozenset[int] = frozenset()) -> TableView:
    """The round's applications by organisation name; the first column ticks those `chosen`
    for approval (only applications still waiting for a decision can be ticked)."""
    view = TableView("Заявки", APPLICATION_COLUMNS, empty="Заявок в отбор пока нет: A — подать.")
    for row in db.query("""
        SELECT m.id, o.name, COALESCE(d.name, '') AS district, m.applied_on, m.status,
               m.valid_until
        FROM memberships m JOIN organizations o ON o.id = m.organization_id
        LEFT JOIN districts d ON d.id = COALESCE(m.district_id, o.district_id)
        WHERE m.round_id = ? ORDER BY o.name, m.id""", [round_id]):
        status = S(row["status"])
        tick = (TICK if row["id"] in chosen else NO_TICK) if status in OPEN else ""
        until = date.fromisoformat(row["valid_until"]) if row["valid_until"] else None
        view.add(row["id"], tick, str(row["id"]), status_cell(status, until, today),
                 row["name"], row["district"],
                 date_short(date.fromisoformat(row["applied_on"])) if row["applied_on"] else "")
    return view


def round_facts(selection: Round, today: date, counts: tuple[int, int]) -> str:
    """The lines above the applications: programme, role, dates, status, decision."""
    lines = [f"Программа:   {selection.program}",
             f"Роль:        {selection.role.label}",
             f"Приём:       с {date_short(selection.opened_on)} по "
             f"{date_short(selection.deadline)} · {round_state(selection, today)}",
             f"Заявок:      {counts[0]}, ждут решения: {counts[1]}"]
    if selection.decided_on is not None:
        lines.append(f"Решение:     {selection.decision_doc} от "
                     f"{date_short(selection.decided_on)}")
    return "\n".join(lines)

