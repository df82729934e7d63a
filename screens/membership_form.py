"""Two small forms of the workflow: an application (who, which programme, which role, when)
and a step (when, on what document, until when). Nothing is written until the db call
accepts it; its Russian refusal stays under the form, and the form stays open.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from rcro_tui.db.connection import connect
from rcro_tui.db.memberships import Membership, apply, move
from rcro_tui.db.rounds import list_rounds
from rcro_tui.errors import InputError, UserError
from rcro_tui.i18n import date_short
from rcro_tui.membership_rules import DECISIONS, StepDraft
from rcro_tui.model import MembershipStatus as S
from rcro_tui.model import Role
from rcro_tui.rules import parse_date
from rcro_tui.screens.data import reading
from rcro_tui.screens.keys import bind
from rcro_tui.screens.org_picker import OrgPicker, org_label

DATE = "ДД.ММ.ГГГГ"
HINT = "Ctrl+S — сохранить, Esc — отмена."
VERBS = {S.REVIEW: "На рассмотрение", S.APPROVED: "Одобрить", S.REJECTED: "Отклонить",
         S.WITHDRAWN: "Отозвать", S.EXPIRED: "Отметить истечение"}


def row(label: str, *widgets) -> Horizontal:
    return Horizontal(Label(label, classes="form-label"), *widgets, classes="form-row")


class FormScreen(ModalScreen):
    """What both forms share: Ctrl+S saves, Enter in a field saves, Esc cancels."""

    BINDINGS = [
        bind("ctrl+s,f2", "save", "Сохранить", priority=True, key_display="Ctrl+S"),
        bind("escape", "cancel", "Отмена", key_display="Esc"),
    ]

    def problem(self, message: str) -> None:
        line = self.query_one("#e-form", Static)
        line.update(message)
        line.display = True

    def text(self, name: str) -> str:
        return self.query_one(f"#f-{name}", Input).value

    def day(self, name: str, label: str) -> date | None:
        text = self.text(name).strip()
        return parse_date(text, field=label) if text else None

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)

    def error_line(self) -> Static:
        line = Static("", id="e-form", classes="form-error", markup=False)
        line.display = False
        return line


class ApplyFormScreen(FormScreen):
    """A new application; dismisses with the membership's number, or None."""

    def __init__(self, db_path: Path, user: str, program_id: int | None, today: date, *,
                 role: Role = Role.HUB, round_id: int | None = None) -> None:
        super().__init__()
        self.db_path, self.user, self.today = db_path, user, today
        self.program_id, self.role, self.round_id = program_id, Role(role), round_id
        self.org_id: int | None = None

    def compose(self) -> ComposeResult:
        with reading(self.db_path) as db:
            programs = [(r["name"], r["id"]) for r in db.query(
                "SELECT id, COALESCE(NULLIF(short_name, ''), name) AS name FROM programs "
                "ORDER BY name")]
            rounds = self._rounds(db, self.program_id, self.role)
        with Vertical(id="apply-form", classes="dialog"):
            yield Label("Заявка на статус в программе", classes="dialog-title")
            yield row("Организация", Button("— выбрать (Enter) —", id="f-org",
                                            classes="form-host", compact=True))
            yield row("Программа", Select(programs, value=self.program_id or Select.NULL,
                                          prompt="— выберите —", id="f-program", compact=True))
            yield row("Роль", Select(Role.choices(), value=self.role.value, allow_blank=False,
                                     id="f-role", compact=True))
            yield row("Дата заявки", Input(date_short(self.today), placeholder=DATE,
                                           id="f-date", classes="date"))
            chosen = self.round_id if any(r == self.round_id for _, r in rounds) else None
            choice = row("Отбор", Select(rounds, prompt="— без конкурсного отбора —",
                                         value=chosen or Select.NULL, id="f-round",
                                         compact=True))
            choice.id, choice.display = "row-round", bool(rounds)
            yield choice
            yield row("Примечание", Input(id="f-note"))
            yield self.error_line()
            yield Static(HINT, classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#f-org", Button).focus()

    @staticmethod
    def _rounds(db, program_id: int | None, role: Role) -> list[tuple[str, int]]:
        """The undecided rounds of the programme and role (the application's date is checked
        against the round's dates when it is saved, with a Russian refusal)."""
        if program_id is None:
            return []
        return [(f"{r.name} (до {date_short(r.deadline)})", r.id)
                for r in list_rounds(db, program_id) if r.role == role and r.decided_on is None]

    @on(Select.Changed, "#f-program, #f-role")
    def _programme_or_role(self) -> None:
        """Offer the rounds of the programme and role now chosen; keep the choice if it fits."""
        program = self.query_one("#f-program", Select).value
        role = Role(self.query_one("#f-role", Select).value)
        with reading(self.db_path) as db:
            rounds = self._rounds(db, program if isinstance(program, int) else None, role)
        choice = self.query_one("#f-round", Select)
        kept = choice.value if any(r == choice.value for _, r in rounds) else Select.NULL
        choice.set_options(rounds)
        choice.value = kept
        self.query_one("#row-round").display = bool(rounds)

    @on(Button.Pressed, "#f-org")
    def _pick_org(self) -> None:
        self.app.push_screen(OrgPicker(self.db_path, self.org_id), self._picked)

    def _picked(self, org_id: int | None) -> None:
        if not org_id:
            return
        self.org_id = org_id
        with reading(self.db_path) as db:
            self.query_one("#f-org", Button).label = org_label(db, org_id)
        self.query_one("#f-program", Select).focus()

    def action_save(self) -> None:
        program = self.query_one("#f-program", Select).value
        round_id = self.query_one("#f-round", Select).value
        try:
            if self.org_id is None:
                raise InputError("Организация: выберите организацию (Enter на поле).")
            if not isinstance(program, int):
                raise InputError("Программа: выберите программу.")
            day = self.day("date", "Дата заявки") or self.today
            db = connect(self.db_path)
            try:
                saved = apply(db, self.org_id, int(program),
                              Role(self.query_one("#f-role", Select).value), on_date=day,
                              user=self.user, note=self.text("note"),
                              round_id=round_id if isinstance(round_id, int) else None)
            finally:
                db.close()
        except UserError as error:
            self.problem(error.message)
            return
        self.dismiss(saved)


class StepFormScreen(FormScreen):
    """One step of a membership; dismisses with the status reached, or None."""

    def __init__(self, db_path: Path, user: str, membership: Membership, status: S,
                 today: date) -> None:
        super().__init__()
        self.db_path, self.user, self.today = db_path, user, today
        self.membership, self.status = membership, status

    def compose(self) -> ComposeResult:
        needs = "обязательно" if self.status in DECISIONS else "если есть"
        with Vertical(id="step-form", classes="dialog"):
            verb = ("Продлить" if self.status == self.membership.status == S.APPROVED
                    else VERBS[self.status])
            yield Static(f"{verb}: {self.membership.title()}", classes="dialog-title",
                         markup=False)
            yield Static(f"Сейчас: «{self.membership.status.label}»"
                         + (f", действует до {date_short(self.membership.valid_until)}"
                            if self.membership.valid_until else ""), classes="form-hint")
            yield row("Дата", Input(date_short(self.today), placeholder=DATE, id="f-date",
                                    classes="date"))
            yield row("Документ", Input(placeholder=f"приказ № … от ДД.ММ.ГГГГ ({needs})",
                                        id="f-document"))
            if self.status == S.APPROVED:
                yield row("Действует до", Input(placeholder=f"{DATE} (пусто — без срока)",
                                                id="f-until", classes="date"))
            yield row("Примечание", Input(id="f-note"))
            yield self.error_line()
            yield Static(HINT, classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#f-document" if self.status in DECISIONS else "#f-date", Input).focus()

    def action_save(self) -> None:
        try:
            until = self.day("until", "Действует до") if self.status == S.APPROVED else None
            step = StepDraft(self.status, self.day("date", "Дата") or self.today,
                             self.text("document"), self.text("note"), until)
            db = connect(self.db_path)
            try:
                move(db, self.membership.id, step, user=self.user,
                     expected_revision=self.membership.revision)
            finally:
                db.close()
        except UserError as error:
            self.problem(error.message)
            return
        self.dismiss(self.status)
