"""What the import dialogs share: a path, a preview planned in a thread, then all or nothing.

Type the file's path and press Enter: the subclass plans the file (nothing written) and
shows its rows and problems; Ctrl+S writes the plan only when it has no problem left; Esc
closes. Dismisses with whether anything was written. The organisations' import and a
stage's protocol import differ only in what they read, show and write.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlite_utils import Database
from textual import on, work
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from rcro_tui.db.connection import connect
from rcro_tui.errors import UserError
from rcro_tui.screens.data import reading
from rcro_tui.screens.keys import bind

SHOWN_PROBLEMS = 3
"""Problems written out in full above the table (the table lists them all, cut to its width)."""
SHOWN_ROWS = 500
"""Rows a preview lists (problems first); a whole country's file is summed up, not shown."""


class ImportDialog(ModalScreen[bool]):
    BINDINGS = [
        bind("ctrl+s,f2", "apply", "Импортировать", priority=True, key_display="Ctrl+S"),
        bind("escape", "close", "Закрыть", key_display="Esc"),
    ]
    FIX_HINT = "Исправьте строки в файле и нажмите Enter снова."

    def __init__(self, db_path: Path, user: str, path: str = "") -> None:
        super().__init__()
        self.db_path, self.user, self.path = db_path, user, path
        self.plan: Any = None
        self.done = False

    def plan_inputs(self) -> dict[str, Any]:
        """What the plan needs from the dialog's widgets, read here (not in the thread)."""
        return {}

    def read_plan(self, db: Database, path: Path, **inputs: Any) -> Any:
        raise NotImplementedError

    def write_plan(self, db: Database, plan: Any) -> None:
        raise NotImplementedError

    def show_plan(self, plan: Any) -> None:
        """Fill and show the preview's tables."""
        raise NotImplementedError

    def hide_plan(self) -> None:
        raise NotImplementedError

    @on(Input.Submitted, "#import-path")
    def _submitted(self) -> None:
        self.new_file()

    def new_file(self) -> None:
        """Enter in the path: a (perhaps other) file to check from the start."""
        self.check()

    def check(self) -> None:
        """Read and plan the file (nothing written) in a thread, then show the preview."""
        path = Path(self.query_one("#import-path", Input).value.strip()).expanduser()
        self.query_one("#import-summary", Static).update(f"Проверяю «{path.name}»…")
        self.plan = None
        self._plan(path, self.plan_inputs())

    @work(thread=True, exclusive=True, group="import")
    def _plan(self, path: Path, inputs: dict[str, Any]) -> None:
        try:
            with reading(self.db_path) as db:
                plan = self.read_plan(db, path, **inputs)
        except UserError as error:
            self.app.call_from_thread(self._refused, error.message)
            return
        self.app.call_from_thread(self._show, plan)

    def _refused(self, message: str) -> None:
        self.query_one("#import-summary", Static).update(message)
        self.hide_plan()

    def _show(self, plan: Any) -> None:
        self.plan = plan
        text = plan.summary()
        if plan.problems:
            text += "".join(f"\n  {m}" for m in plan.problems.messages[:SHOWN_PROBLEMS])
            text += "\n" + self.FIX_HINT
        else:
            text += "\nCtrl+S — импортировать."
        self.query_one("#import-summary", Static).update(text)
        self.show_plan(plan)

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

    @work(thread=True, exclusive=True, group="import")
    def _apply(self, plan: Any) -> None:
        db = connect(self.db_path)
        try:
            self.write_plan(db, plan)
        except UserError as error:
            self.app.call_from_thread(self._refused, error.message)
            return
        finally:
            db.close()
        self.app.call_from_thread(self._applied, plan)

    def _applied(self, plan: Any) -> None:
        self.done = True
        self.notify(plan.summary().splitlines()[0], timeout=6)
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(self.done)
