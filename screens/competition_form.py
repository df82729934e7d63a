"""A competition's form: title, kind, programme, academic year, subjects, grades, the
ministries' list, organiser, description.

What is typed goes through `db.competitions.read_competition` and `save_competition`; each
problem is shown under its field and nothing is written until all is well. Dismisses with
the competition's number, or None.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, Select, Static

from rcro_tui.db.competitions import (FormError, get_competition, grades_text,
                                      read_competition, save_competition)
from rcro_tui.db.connection import connect
from rcro_tui.errors import UserError
from rcro_tui.model import EventKind, HighRatedList
from rcro_tui.rules import AcademicYear
from rcro_tui.screens.data import reading
from rcro_tui.screens.membership_form import HINT, FormScreen, row
from rcro_tui.screens.org_picker import NO_HOST, OrgPicker, org_label

KINDS = [(k.label, k.value) for k in (EventKind.OLYMPIAD, EventKind.CONTEST, EventKind.FESTIVAL,
                                      EventKind.CONFERENCE, EventKind.OTHER)]


def error_lines(*names: str) -> ComposeResult:
    """Hidden red lines under fields, shown by `show_problems`."""
    for name in names:
        line = Static("", id=f"e-{name}", classes="form-error", markup=False)
        line.display = False
        yield line


def show_problems(screen, names: tuple[str, ...], problems: dict[str, str]) -> None:
    for name in names:
        line = screen.query_one(f"#e-{name}", Static)
        line.update(problems.get(name, ""))
        line.display = name in problems


class CompetitionFormScreen(FormScreen):
    FIELDS = ("title", "kind", "year", "grades")

    def __init__(self, db_path: Path, user: str, year: int,
                 competition_id: int | None = None) -> None:
        super().__init__()
        self.db_path, self.user, self.year = db_path, user, year
        self.competition_id = competition_id
        self.old: dict = {}
        self.organizer: int | None = None

    def compose(self) -> ComposeResult:
        with reading(self.db_path) as db:
            if self.competition_id is not None:
                self.old = get_competition(db, self.competition_id)
                self.organizer = self.old["organizer_org_id"]
            programs = [(r["name"], r["id"]) for r in db.query(
                "SELECT id, COALESCE(NULLIF(short_name, ''), name) AS name FROM programs "
                "ORDER BY name")]
            organizer = org_label(db, self.organizer)
        c = self.old
        title = f"Изменение: «{c['title']}»" if c else "Новый конкурс или олимпиада"
        kinds = KINDS if not c or c["kind"] in dict(map(reversed, KINDS)) else EventKind.choices()
        with Vertical(id="competition-form", classes="dialog stage-dialog"):
            yield Label(title, classes="dialog-title", markup=False)
            yield row("Название", Input(c.get("title", ""), id="f-title"))
            yield from error_lines("title")
            yield row("Вид", Select(kinds, allow_blank=False, id="f-kind", compact=True,
                                    value=c.get("kind", EventKind.OLYMPIAD.value)))
            yield row("Программа", Select(programs, prompt="— без программы —", id="f-program",
                                          compact=True, value=c.get("program_id") or Select.NULL))
            yield row("Учебный год", Input(str(AcademicYear(c.get("academic_year", self.year))),
                                           id="f-year", placeholder="2026/2027", classes="date"),
                      Label("классы", classes="form-between"),
                      Input(grades_text(c.get("grades_from"), c.get("grades_to")), id="f-grades",
                            placeholder="5–11", classes="short"))
            yield from error_lines("year", "grades")
            yield row("Предметы", Input(c.get("subjects", ""), id="f-subjects",
                                        placeholder="математика; физика (пусто — любые)"))
            yield row("Перечень", Select(HighRatedList.choices(), allow_blank=False,
                                         id="f-high_rated", compact=True,
                                         value=c.get("high_rated", "")))
            yield row("Организатор", Button(organizer, id="f-organizer", classes="form-host",
                                            compact=True))
            yield row("Описание", Input(c.get("description", ""), id="f-description"))
            yield self.error_line()
            yield Static(HINT, classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#f-title", Input).focus()

    @on(Button.Pressed, "#f-organizer")
    def _pick_organizer(self) -> None:
        def chosen(org_id: int | None) -> None:
            if org_id is None:
                return
            self.organizer = None if org_id == NO_HOST else org_id
            with reading(self.db_path) as db:
                self.query_one("#f-organizer", Button).label = org_label(db, self.organizer)
        self.app.push_screen(OrgPicker(self.db_path, self.organizer), chosen)

    def values(self) -> dict:
        values = {name: self.text(name) for name in ("title", "year", "grades", "subjects",
                                                     "description")}
        for name in ("kind", "program", "high_rated"):
            value = self.query_one(f"#f-{name}", Select).value
            values[name] = None if value is Select.NULL else value
        values["organizer"] = self.organizer
        return values

    def action_save(self) -> None:
        try:
            draft = read_competition(self.values())
            db = connect(self.db_path)
            try:
                saved = save_competition(db, draft, user=self.user,
                                         competition_id=self.competition_id,
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
