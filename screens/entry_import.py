"""I on «Участники»: import a results protocol — a preview of every row and problem, the
unknown schools decided one by one, then all or nothing.

Type the file's path and press Enter: the preview lists each row (or its problem) in
Russian. A school the database does not know is listed below with a choice that Enter
cycles: «не выбрано» → «сопоставить с …» (each close name) → «создать». Ctrl+S imports —
only when no problem is left — through `db.entry_import.apply_entry_import`, the same as
`rcro-tui stages import-results`. Dismisses with whether anything was written.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, DataTable, Input, Label, Static

from rcro_tui.db.entry_check import score_text
from rcro_tui.db.entry_import import (CREATE, EntryImportPlan, apply_entry_import,
                                      plan_entry_import)
from rcro_tui.db.entry_import_schools import UnknownSchool
from rcro_tui.model import EntryResult
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.import_dialog import SHOWN_ROWS, ImportDialog



def choice_label(school: UnknownSchool) -> str:
    if school.choice == CREATE:
        return "создать"
    for org_id, label in school.suggestions:
        if org_id == school.choice:
            return f"сопоставить с «{label}»"
    return "не выбрано"


def next_choice(school: UnknownSchool) -> int | None:
    """Enter's cycle: не выбрано → each suggestion → создать → не выбрано."""
    cycle: list[int | None] = [None, *(org_id for org_id, _ in school.suggestions), CREATE]
    index = cycle.index(school.choice) if school.choice in cycle else 0
    return cycle[(index + 1) % len(cycle)]


def preview_rows(plan: EntryImportPlan) -> list[tuple[str, str, str]]:
    """(row, what, participant or problem): problems first, then the rows to add."""
    problems = [(str(line) if line else "", "ошибка", message.split(": ", 1)[-1])
                for line, _, message in sorted(plan.problems.found)]
    wrong = {line for line, _, _ in plan.problems.found}
    rows = [(str(row.number), "добавить",
             ", ".join(part for part in (
                 row.draft.participant_name, f"{row.draft.grade} кл." if row.draft.grade else "",
                 row.school, row.draft.subject, score_text(row.draft.score),
                 EntryResult.label_of(row.draft.result)) if part))
            for row in plan.rows if row.number not in wrong]
    return (problems + rows)[:SHOWN_ROWS]


class EntryImportScreen(ImportDialog):
    FIX_HINT = ("Исправьте строки в файле (или решите, что делать со школами) и нажмите "
                "Enter снова.")

    def __init__(self, db_path: Path, user: str, stage_id: int, path: str = "") -> None:
        super().__init__(db_path, user, path)
        self.stage_id = stage_id
        self.choices: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="entry-import", classes="dialog"):
            yield Label("Импорт протокола этапа из CSV или XLSX", classes="dialog-title")
            yield Input(self.path, placeholder="Путь к файлу, например ~/протокол.xlsx",
                        id="import-path")
            yield Checkbox("Заменить прежний протокол (удалить участников этапа)",
                           id="import-replace")
            yield Static("Enter — проверить файл. В базу ничего не пишется до Ctrl+S.",
                         id="import-summary", markup=False)
            yield Label("Школы, которых нет в базе (Enter — сменить решение):",
                        id="unknown-title")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="import-unknown")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="import-rows")
        yield Footer()

    def on_mount(self) -> None:
        rows = self.query_one("#import-rows", DataTable)
        rows.add_column("Строка", width=6)
        rows.add_column("Действие", width=9)
        rows.add_column("Участник или ошибка")
        unknown = self.query_one("#import-unknown", DataTable)
        for name in ("Школа в файле", "Район", "Строки", "Решение"):
            unknown.add_column(name)
        self._show_tables(False, False)
        self.query_one(Input).focus()
        if self.path:
            self.check()

    def _show_tables(self, rows: bool, unknown: bool) -> None:
        self.query_one("#import-rows").display = rows
        self.query_one("#import-unknown").display = unknown
        self.query_one("#unknown-title").display = unknown

    def new_file(self) -> None:
        self.choices = {}
        self.check()

    @on(Checkbox.Changed, "#import-replace")
    def _replace_toggled(self) -> None:
        if self.query_one(Input).value.strip():
            self.check()

    def plan_inputs(self) -> dict:
        return {"choices": dict(self.choices), "replace": self.query_one(Checkbox).value}

    def read_plan(self, db, path: Path, *, choices: dict[str, int],
                  replace: bool) -> EntryImportPlan:
        return plan_entry_import(db, self.stage_id, path, choices=choices, replace=replace)

    def write_plan(self, db, plan: EntryImportPlan) -> None:
        apply_entry_import(db, plan, user=self.user)

    def hide_plan(self) -> None:
        self._show_tables(False, False)

    def show_plan(self, plan: EntryImportPlan) -> None:
        rows = self.query_one("#import-rows", DataTable)
        rows.clear()
        for row in preview_rows(plan):
            rows.add_row(*row)
        unknown = self.query_one("#import-unknown", DataTable)
        cursor = unknown.cursor_row
        unknown.clear()
        for school in plan.unknown:
            unknown.add_row(school.name, school.district or "—",
                            ", ".join(str(n) for n in school.rows[:5]), choice_label(school),
                            key=school.key)
        if plan.unknown:
            unknown.move_cursor(row=min(cursor, len(plan.unknown) - 1))
        self._show_tables(True, bool(plan.unknown))

    @on(DataTable.RowSelected, "#import-unknown")
    def _decide(self, event: DataTable.RowSelected) -> None:
        """Enter on an unknown school: its next choice, and the preview planned again."""
        event.stop()
        if self.plan is None:
            return
        school = next(s for s in self.plan.unknown if s.key == event.row_key.value)
        choice = next_choice(school)
        if choice is None:
            self.choices.pop(school.key, None)
        else:
            self.choices[school.key] = choice
        self.check()
