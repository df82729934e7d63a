"""I: import organisations from a file — a preview of every row first, then all or nothing.

Type the file's path and press Enter: the preview lists what each row would do (add,
update, no change) and every problem, row by row, in Russian. Ctrl+S imports — only when
no row has a problem — through `db.org_import.apply_plan`, the same as `rcro-tui orgs import`.
Dismisses with whether anything was written.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, Static

from rcro_tui.db.connection import connect
from rcro_tui.db.org_import import ImportPlan, apply_plan, plan_import
from rcro_tui.errors import UserError
from rcro_tui.screens.data import reading
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.keys import bind

SHOWN_PROBLEMS = 3
"""Problems written out in full above the table (the table lists them all, cut to its width)."""
SHOWN_ROWS = 500
"""Rows the preview lists (problems first); a whole country's file is summed up, not shown."""


def preview_rows(plan: ImportPlan) -> list[tuple[str, str, str]]:
    """(row, what happens, organisation or problem): problems first, then changes, then the rest."""
    problems = [(str(line), "ошибка", message.split(": ", 1)[-1])
                for line, _, message in sorted(plan.problems.found)]
    order = {"add": 0, "update": 1, "same": 2}
    rest = sorted((row for row in plan.rows if row.action != "bad"),
                  key=lambda row: (order[row.action], row.number))
    return (problems + [(str(r.number), r.action_label, r.name) for r in rest])[:SHOWN_ROWS]


class OrgImportScreen(ModalScreen[bool]):
    BINDINGS = [
        bind("ctrl+s,f2", "apply", "Импортировать", priority=True, key_display="Ctrl+S"),
        bind("escape", "close", "Закрыть", key_display="Esc"),
    ]

    def __init__(self, db_path: Path, user: str, path: str = "") -> None:
        super().__init__()
        self.db_path, self.user, self.path = db_path, user, path
        self.plan: ImportPlan | None = None
        self.done = False

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

    @on(Input.Submitted, "#import-path")
    def _submitted(self) -> None:
        self.check()

    def check(self) -> None:
        """Read and plan the file (nothing written) in a thread, then show the preview."""
        path = Path(self.query_one(Input).value.strip()).expanduser()
        self.query_one("#import-summary", Static).update(f"Проверяю «{path.name}»…")
        self.plan = None
        self._plan(path)

    @work(thread=True, exclusive=True, group="org-import")
    def _plan(self, path: Path) -> None:
        try:
            with reading(self.db_path) as db:
                plan = plan_import(db, path)
        except UserError as error:
            self.app.call_from_thread(self._refused, error.message)
            return
        self.app.call_from_thread(self._show, plan)

    def _refused(self, message: str) -> None:
        self.query_one("#import-summary", Static).update(message)
        self.query_one(DataTable).display = False

    def _show(self, plan: ImportPlan) -> None:
        self.plan = plan
        text = plan.summary()
        if plan.problems:
            shown = plan.problems.messages[:SHOWN_PROBLEMS]
            text += "".join(f"\n  {message}" for message in shown)
            text += "\nИсправьте строки в файле и нажмите Enter снова."
        else:
            text += "\nCtrl+S — импортировать."
        self.query_one("#import-summary", Static).update(text)
        table = self.query_one(DataTable)
        table.clear()
        for row in preview_rows(plan):
            table.add_row(*row)
        table.display = True

    def action_apply(self) -> None:
        if self.plan is None:
            self.notify("Сначала проверьте файл: Enter.", severity="warning", timeout=3)
            return
        if self.plan.problems:
            self.notify("В файле есть ошибки: исправьте их, ничего не импортировано.",
                        severity="error", timeout=6)
            return
        self.query_one("#import-summary", Static).update("Импортирую…")
        self._apply(self.plan)

    @work(thread=True, exclusive=True, group="org-import")
    def _apply(self, plan: ImportPlan) -> None:
        db = connect(self.db_path)
        try:
            apply_plan(db, plan, user=self.user, today=self.app.today)
        except UserError as error:
            self.app.call_from_thread(self._refused, error.message)
            return
        finally:
            db.close()
        self.app.call_from_thread(self._applied, plan)

    def _applied(self, plan: ImportPlan) -> None:
        self.done = True
        self.notify(plan.summary().splitlines()[0], timeout=6)
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(self.done)
