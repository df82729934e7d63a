"""A stage's form: level (or a free name for «другой»), name, dates, registration window,
grades, subjects, maximum score.

What is typed goes through `db.stage_edit.read_stage` and `save_stage`; each problem is shown
under its field. A new stage goes after the competition's last one. Dismisses with its number.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from rcro_tui.db.competitions import FormError, grades_text
from rcro_tui.db.connection import connect
from rcro_tui.db.stage_edit import get_stage, read_stage, save_stage
from rcro_tui.errors import UserError
from rcro_tui.i18n import date_short
from rcro_tui.model import StageLevel
from rcro_tui.screens.competition_form import error_lines, show_problems
from rcro_tui.screens.data import reading
from rcro_tui.screens.membership_form import DATE, HINT, FormScreen, row


def _day(value: str | None) -> str:
    return date_short(date.fromisoformat(value)) if value else ""


class StageFormScreen(FormScreen):
    FIELDS = ("level", "name", "start", "end", "reg_start", "reg_end", "grades", "max_score")

    def __init__(self, db_path: Path, user: str, competition_id: int,
                 stage_id: int | None = None) -> None:
        super().__init__()
        self.db_path, self.user = db_path, user
        self.competition_id, self.stage_id = competition_id, stage_id
        self.old: dict = {}

    def compose(self) -> ComposeResult:
        with reading(self.db_path) as db:
            if self.stage_id is not None:
                self.old = get_stage(db, self.stage_id)
            competition = db.execute("SELECT title FROM competitions WHERE id = ?",
                                     [self.competition_id]).fetchone()[0]
        s = self.old
        title = (f"Этап «{s['name']}»: изменить" if s else f"Новый этап · {competition}")
        score = f"{s['max_score']:g}" if s.get("max_score") is not None else ""
        with Vertical(id="stage-form", classes="dialog stage-dialog"):
            yield Label(title, classes="dialog-title", markup=False)
            yield row("Уровень", Select(StageLevel.choices(), allow_blank=False, id="f-level",
                                        compact=True,
                                        value=s.get("level", StageLevel.SELECTION.value)))
            yield row("Название", Input(s.get("name", ""), id="f-name",
                                        placeholder="пусто — «Отборочный этап» и т. п."))
            yield from error_lines("level", "name")
            yield row("Начало", Input(_day(s.get("start_date")), placeholder=DATE, id="f-start",
                                      classes="date"),
                      Label("окончание", classes="form-between"),
                      Input(_day(s.get("end_date")), placeholder=DATE, id="f-end",
                            classes="date"))
            yield from error_lines("start", "end")
            yield row("Заявки с", Input(_day(s.get("reg_start")), placeholder=DATE,
                                        id="f-reg_start", classes="date"),
                      Label("по", classes="form-between"),
                      Input(_day(s.get("reg_end")), placeholder=DATE, id="f-reg_end",
                            classes="date"))
            yield from error_lines("reg_start", "reg_end")
            yield row("Классы", Input(grades_text(s.get("grades_from"), s.get("grades_to")),
                                      id="f-grades", placeholder="5–11", classes="short"),
                      Label("макс. балл", classes="form-between"),
                      Input(score, id="f-max_score", placeholder="нет", classes="short"))
            yield from error_lines("grades", "max_score")
            yield row("Предметы", Input(s.get("subjects", ""), id="f-subjects",
                                        placeholder="математика; физика (пусто — любые)"))
            yield self.error_line()
            yield Static(HINT, classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#f-level", Select).focus()

    def action_save(self) -> None:
        values = {name: self.text(name) for name in ("name", "start", "end", "reg_start",
                                                     "reg_end", "grades", "max_score",
                                                     "subjects")}
        values["level"] = str(self.query_one("#f-level", Select).value)
        try:
            draft = read_stage(values)
            db = connect(self.db_path)
            try:
                saved = save_stage(db, draft, user=self.user, competition_id=self.competition_id,
                                   stage_id=self.stage_id,
                                   expected_revision=self.old.get("revision"))
            finally:
                db.close()
        except FormError as errors:
            show_problems(self, self.FIELDS, errors.problems)
            return
        except UserError as error:
            self.problem(error.message)
            return
        self.dismiss(saved)
