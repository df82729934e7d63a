"""Two forms of a selection round: announcing or changing it (programme, role, dates), and its
decision (one document, one date, the term of the approved statuses).

The decision asks once more before writing: «Одобрить 1 заявку, отклонить 2?» — a round's
decision changes every application in it and is not taken back.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from rcro_tui.db.connection import connect
from rcro_tui.db.round_list import RoundError, read_round, save_round
from rcro_tui.db.rounds import Round, decide_round, get_round
from rcro_tui.errors import UserError
from rcro_tui.i18n import count, date_short
from rcro_tui.model import Role
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.data import reading
from rcro_tui.screens.membership_form import DATE, HINT, FormScreen, row


def applications(n: int) -> str:
    return count(n, "заявку", "заявки", "заявок")


class RoundFormScreen(FormScreen):
    """A new round (no `round_id`) or a change; dismisses with its number, or None."""

    def __init__(self, db_path: Path, user: str, program_id: int | None,
                 round_id: int | None = None) -> None:
        super().__init__()
        self.db_path, self.user, self.program_id = db_path, user, program_id
        self.round_id = round_id
        self.old: Round | None = None

    def compose(self) -> ComposeResult:
        with reading(self.db_path) as db:
            programs = [(r["name"], r["id"]) for r in db.query(
                "SELECT id, COALESCE(NULLIF(short_name, ''), name) AS name FROM programs "
                "ORDER BY name")]
            self.old = get_round(db, self.round_id) if self.round_id else None
        old = self.old
        title = f"Отбор №{old.id}: изменить" if old else "Объявить конкурсный отбор"
        with Vertical(id="round-form", classes="dialog"):
            yield Label(title, classes="dialog-title")
            yield row("Программа", Select(programs, prompt="— выберите —", id="f-program",
                                          value=old.program_id if old else
                                          self.program_id or Select.NULL, compact=True))
            yield row("Роль", Select(Role.choices(), allow_blank=False, id="f-role",
                                     value=old.role.value if old else Role.BASE.value,
                                     compact=True))
            yield row("Название", Input(old.name if old else "", id="f-name",
                                        placeholder="пусто — «Конкурсный отбор на статус …»"))
            yield row("Приём с", Input(date_short(old.opened_on) if old else "", id="f-opens",
                                       placeholder=DATE, classes="date"))
            yield row("Срок подачи", Input(date_short(old.deadline) if old else "",
                                           id="f-deadline", placeholder=DATE, classes="date"))
            yield row("Примечание", Input(id="f-note"))
            yield self.error_line()
            yield Static(HINT, classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#f-program" if self.program_id is None and not self.old else "#f-role"
                       ).focus()

    def action_save(self) -> None:
        values = {name: self.text(name) for name in ("name", "opens", "deadline", "note")}
        values["program"] = self.query_one("#f-program", Select).value
        values["role"] = self.query_one("#f-role", Select).value
        try:
            draft = read_round(values)
            db = connect(self.db_path)
            try:
                saved = save_round(db, draft, user=self.user, round_id=self.round_id,
                                   expected_revision=self.old.revision if self.old else None)
            finally:
                db.close()
        except RoundError as error:
            self.problem("\n".join(error.problems.values()))
            return
        except UserError as error:
            self.problem(error.message)
            return
        self.dismiss(saved)


class DecisionFormScreen(FormScreen):
    """The round's decision; dismisses with (approved, rejected) counts, or None."""

    def __init__(self, db_path: Path, user: str, selection: Round, approve: frozenset[int],
                 waiting: int, today: date) -> None:
        super().__init__()
        self.db_path, self.user, self.selection = db_path, user, selection
        self.approve, self.waiting, self.today = approve, waiting, today

    def compose(self) -> ComposeResult:
        rejected = self.waiting - len(self.approve)
        day = max(self.today, self.selection.deadline + timedelta(days=1))
        with Vertical(id="decision-form", classes="dialog"):
            yield Static(f"Решение по отбору «{self.selection.name}»", classes="dialog-title",
                         markup=False)
            yield Static(f"Одобрить {applications(len(self.approve))}, отклонить "
                         f"{applications(rejected)}.", id="decision-summary")
            yield row("Документ", Input(placeholder="приказ № … от ДД.ММ.ГГГГ (обязательно)",
                                        id="f-document"))
            yield row("Дата", Input(date_short(day), placeholder=DATE, id="f-date",
                                    classes="date"))
            yield row("Действует до", Input(placeholder=f"{DATE} (пусто — без срока)",
                                            id="f-until", classes="date"))
            yield row("Примечание", Input(id="f-note"))
            yield self.error_line()
            yield Static(HINT, classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#f-document", Input).focus()

    def action_save(self) -> None:
        try:
            day = self.day("date", "Дата") or self.today
            until = self.day("until", "Действует до")
        except UserError as error:
            self.problem(error.message)
            return
        if not self.text("document").strip():
            self.problem("Документ: решение по отбору принимается документом, например "
                         "«приказ № 521 от 02.06.2022».")
            return
        rejected = self.waiting - len(self.approve)
        question = (f"Одобрить {applications(len(self.approve))} и отклонить "
                    f"{applications(rejected)} отбора «{self.selection.name}» документом "
                    f"«{self.text('document').strip()}» от {date_short(day)}? Решение "
                    "не отменяется.")
        self.app.push_screen(ConfirmDialog(question, yes="Записать решение", no="Вернуться"),
                             lambda yes: self._decide(day, until) if yes else None)

    def _decide(self, day: date, until: date | None) -> None:
        try:
            db = connect(self.db_path)
            try:
                outcome = decide_round(db, self.selection.id, self.approve, on_date=day,
                                       document=self.text("document"), valid_until=until,
                                       note=self.text("note"), user=self.user,
                                       expected_revision=self.selection.revision)
            finally:
                db.close()
        except UserError as error:
            self.problem(error.message)
            return
        self.dismiss((len(outcome.approved), len(outcome.rejected)))
