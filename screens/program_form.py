"""A programme's form: name, short name, kind, period, coordinator, description.

What is typed goes through `db.programs.read_program` and `save_program`; each problem is
shown under its field and nothing is written until all is well. Dismisses with the number.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from rcro_tui.db.connection import connect
from rcro_tui.db.programs import FIELD_LABELS, ProgramError, get_program, read_program, save_program
from rcro_tui.errors import UserError
from rcro_tui.i18n import date_short
from rcro_tui.model import ProgramKind
from rcro_tui.screens.data import reading
from rcro_tui.screens.membership_form import DATE, HINT, FormScreen, row


def _day(value: str | None) -> str:
    return date_short(date.fromisoformat(value)) if value else ""


class ProgramFormScreen(FormScreen):
    def __init__(self, db_path: Path, user: str, program_id: int | None = None) -> None:
        super().__init__()
        self.db_path, self.user, self.program_id = db_path, user, program_id
        self.program: dict = {}
        if program_id is not None:
            with reading(db_path) as db:
                self.program = get_program(db, program_id)

    def compose(self) -> ComposeResult:
        p = self.program
        title = f"Изменение: «{p['name']}»" if p else "Новая программа или проект"
        with Vertical(id="program-form", classes="dialog"):
            yield Label(title, classes="dialog-title", markup=False)
            yield row("Название", Input(p.get("name", ""), id="f-name"))
            yield from _errors("name")
            yield row("Краткое", Input(p.get("short_name", ""), id="f-short_name",
                                       placeholder="как в таблицах, например «Парк ЕНОТо»"))
            yield row("Вид", Select(ProgramKind.choices(), allow_blank=False, id="f-kind", compact=True,
                                    value=p.get("kind", ProgramKind.REGIONAL_NETWORK.value)))
            yield row("Начало", Input(_day(p.get("start_date")), placeholder=DATE,
                                      id="f-start", classes="date"),
                      Label("окончание", classes="form-between"),
                      Input(_day(p.get("end_date")), placeholder=DATE, id="f-end",
                            classes="date"))
            yield from _errors("start", "end")
            yield row("Координатор", Input(p.get("coordinator", ""), id="f-coordinator"))
            yield row("Описание", Input(p.get("description", ""), id="f-description"))
            yield self.error_line()
            yield Static(HINT, classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#f-name", Input).focus()

    def action_save(self) -> None:
        values = {name: self.text(name) for name in FIELD_LABELS if name != "kind"}
        values["kind"] = str(self.query_one("#f-kind", Select).value)
        try:
            draft = read_program(values)
            db = connect(self.db_path)
            try:
                saved = save_program(db, draft, user=self.user, program_id=self.program_id,
                                     expected_revision=self.program.get("revision"))
            finally:
                db.close()
        except ProgramError as errors:
            for name in ("name", "start", "end"):
                line = self.query_one(f"#e-{name}", Static)
                line.update(errors.problems.get(name, ""))
                line.display = name in errors.problems
            return
        except UserError as error:
            self.problem(error.message)
            return
        self.dismiss(saved)


def _errors(*names: str) -> ComposeResult:
    for name in names:
        line = Static("", id=f"e-{name}", classes="form-error", markup=False)
        line.display = False
        yield line
