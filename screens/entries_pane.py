"""The «Участники» tab of a stage: its entries with a filter line; add, edit, delete, import.

Every action is a `db.entries` / `db.entry_import` call; after a write the pane rereads
and posts `StageChanged`, so the protocol and advancement tabs of the same stage reread too.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Input

from rcro_tui.db.connection import connect
from rcro_tui.db.entries import delete_entry, entry_summary, get_entry
from rcro_tui.db.protocol_pages import first_entries_view
from rcro_tui.errors import UserError
from rcro_tui.screens.access_keys import WriteKeys
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.data import reading
from rcro_tui.screens.entry_form import EntryFormScreen
from rcro_tui.screens.entry_import import EntryImportScreen
from rcro_tui.screens.keys import bind
from rcro_tui.screens.pane_filter import PaneFilter
from rcro_tui.screens.stage_messages import StageChanged
from rcro_tui.screens.view_table import SHOWN_ROWS, ViewTable


class EntriesPane(WriteKeys, Vertical):
    """A stage's participants; the db path and the acting user come from the app."""

    WRITE_ACTIONS = {"add": "entries", "edit": "entries", "delete": "entries", "import": "entries"}

    BINDINGS = [
        bind("a", "add", "Добавить"),
        bind("e", "edit", "Изменить"),
        bind("d,delete", "delete", "Удалить", key_display="D"),
        bind("i", "import", "Импорт протокола"),
        bind("slash", "find", "Найти", key_display="/"),
    ]

    def __init__(self, stage_id: int, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="stage-pane")
        self.stage_id = stage_id
        self.query_text = ""

    def compose(self) -> ComposeResult:
        yield PaneFilter(placeholder="/ — найти: фамилия, школа, район, предмет…",
                    id="entries-filter", classes="pane-filter")
        yield ViewTable(self.app.db_path, self._build, narrow_hint="/ — найти",
                        id="entries-table")

    def _build(self, db):
        return first_entries_view(db, self.stage_id, self.query_text, limit=SHOWN_ROWS)

    @property
    def table(self) -> ViewTable:
        return self.query_one("#entries-table", ViewTable)

    def focus_default(self) -> None:
        """The table, when the stage screen shows this tab (never on mount: the tab may be
        hidden, and the visible one keeps the focus)."""
        self.table.focus_here()

    @on(Input.Changed, "#entries-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.table.reload()

    @on(Input.Submitted, "#entries-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.query_one(DataTable).focus()

    def action_find(self) -> None:
        self.query_one("#entries-filter", Input).focus()

    def current(self) -> int | None:
        """The entry under the cursor (None when the list is empty)."""
        view = self.table.view
        table = self.table.query_one(DataTable)
        if view is None or not view.rows or not table.display:
            return None
        return view.keys[min(table.cursor_row, len(view.keys) - 1)]

    def action_add(self) -> None:
        self.app.push_screen(EntryFormScreen(self.app.db_path, self.app.user, self.stage_id),
                             self._saved)

    def action_edit(self) -> None:
        entry_id = self.current()
        if entry_id is None:
            self.notify("Участников нет: A — добавить.", timeout=3)
            return
        self.app.push_screen(EntryFormScreen(self.app.db_path, self.app.user, self.stage_id,
                                             entry_id), self._saved)

    @on(ViewTable.Opened)
    def _opened(self, event: ViewTable.Opened) -> None:
        event.stop()
        self.action_edit()

    def action_delete(self) -> None:
        entry_id = self.current()
        if entry_id is None:
            return
        with reading(self.app.db_path) as db:
            _, draft, revision = get_entry(db, entry_id)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            db = connect(self.app.db_path)
            try:
                delete_entry(db, entry_id, user=self.app.user, expected_revision=revision)
            except UserError as error:
                self.notify(error.message, severity="error", timeout=8)
                return
            finally:
                db.close()
            self.notify(f"Удалено: {entry_summary(draft)}.", timeout=4)
            self._changed()

        self.app.push_screen(ConfirmDialog(
            f"Удалить участника этапа?\n{entry_summary(draft)}", yes="Удалить", no="Оставить",
            danger=True), answered)

    def action_import(self) -> None:
        self.app.push_screen(EntryImportScreen(self.app.db_path, self.app.user, self.stage_id),
                             lambda done: self._changed() if done else None)

    def _saved(self, entry_id: int | None) -> None:
        if entry_id is not None:
            self._changed()

    def _changed(self) -> None:
        self.post_message(StageChanged(self.stage_id))

    @on(StageChanged)
    def _reread(self, message: StageChanged) -> None:
        """Reread on any write to this stage (ours, or another tab's); the message goes on
        to the stage screen."""
        if message.stage_id == self.stage_id:
            self.table.reload()
