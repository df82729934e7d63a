"""I: import organisations from a file — a preview of every row first, then all or nothing.

Type the file's path and press Enter: the preview lists what each row would do (add,
update, no change) and every problem, row by row, in Russian. Ctrl+S imports — only when
no row has a problem — through `db.org_import.apply_plan`, the same as `rcro-tui orgs import`.
Dismisses with whether anything was written.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Label, Static

from rcro_tui.db.org_import import ImportPlan, apply_plan, plan_import
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.import_dialog import SHOWN_ROWS, ImportDialog



def preview_rows(plan: ImportPlan) -> list[tuple[str, str, str]]:
    """(row, what happens, organisation or problem): problems first, then changes, then the rest."""
    problems = [(str(line), "ошибка", message.split(": ", 1)[-1])
                for line, _, message in sorted(plan.problems.found)]
    order = {"add": 0, "update": 1, "same": 2}
    rest = sorted((row for row in plan.rows if row.action != "bad"),
                  key=lambda row: (order[row.action], row.number))
    return (problems + [(str(r.number), r.action_label, r.name) for r in rest])[:SHOWN_ROWS]


class OrgImportScreen(ImportDialog):
    def compose(self) -> ComposeResult:
        with Vertical(id="org-import", classes="dialog"):
            yield Label("Импорт организаций из CSV или XLSX", classes="dialog-title")
            yield Input(self.path, placeholder="Путь к файлу, например ~/школы.xlsx",
                        id="import-path")
            yield Static("Enter — проверить файл. В базу ничего не пишется до Ctrl+S.",
                         id="import-summary", markup=False)
            yield DataTable(cursor_type="row", zebra_stripes=True, id="import-rows")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Строка", width=6)
        table.add_column("Действие", width=14)
        table.add_column("Организация или ошибка")
        table.display = False
        self.query_one(Input).focus()
        if self.path:
            self.check()

    def read_plan(self, db, path: Path) -> ImportPlan:
        return plan_import(db, path)

    def write_plan(self, db, plan: ImportPlan) -> None:
        apply_plan(db, plan, user=self.user, today=self.app.today)

    def hide_plan(self) -> None:
        self.query_one(DataTable).display = False

    def show_plan(self, plan: ImportPlan) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for row in preview_rows(plan):
            table.add_row(*row)
        table.display = True
