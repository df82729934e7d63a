"""Enter in «Журнал»: one change with its field diff (Поле · Было · Стало).

H shows the object's whole history: the dialog closes with the object, and the journal
filters to it (the same as `rcro-tui audit --object … --id …`).
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from rcro_tui.db.audit import read_entry
from rcro_tui.db.audit_diff import entry_diff, object_label, summary
from rcro_tui.db.audit_kinds import ACTION_NAMES
from rcro_tui.screens.data import reading
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.keys import bind
from rcro_tui.screens.view_table import RowTable

DIFF_COLUMNS = ("Поле", "Было", "Стало")


class DiffTable(RowTable):
    openable = False


class AuditEntryScreen(ModalScreen[tuple[str, str] | None]):
    """One entry of the log; dismisses with (table, row id) when H asks for the history."""

    BINDINGS = [
        bind("h", "history", "История объекта", key_display="H"),
        bind("escape", "close", "Закрыть", key_display="Esc"),
    ]

    def __init__(self, db_path: Path, entry_id: int) -> None:
        super().__init__()
        self.db_path = db_path
        self.entry_id = entry_id
        self.entry = None

    def compose(self) -> ComposeResult:
        with Vertical(id="audit-entry", classes="dialog"):
            yield Static("", id="audit-entry-title", classes="dialog-title", markup=False)
            yield Static("", id="audit-entry-when", markup=False)
            yield DiffTable(cursor_type="row", zebra_stripes=True, id="audit-entry-diff")
        yield Footer()

    def on_mount(self) -> None:
        with reading(self.db_path) as db:
            self.entry = read_entry(db, self.entry_id)
            changes = entry_diff(db, self.entry) if self.entry else []
        entry = self.entry
        if entry is None:
            self.dismiss(None)
            return
        self.query_one("#audit-entry-title", Static).update(
            f"{object_label(entry)}: {summary(entry)}")
        self.query_one("#audit-entry-when", Static).update(
            f"{entry.when} (томское время) · {entry.user} · {ACTION_NAMES[entry.action]}"
            f" · запись журнала № {entry.id}")
        table = self.query_one(DiffTable)
        table.add_columns(*DIFF_COLUMNS)
        for change in changes:
            table.add_row(change.label, change.old or "", change.new)
        table.focus()

    def action_history(self) -> None:
        if self.entry is not None:
            self.dismiss((self.entry.table, self.entry.row_id))

    def action_close(self) -> None:
        self.dismiss(None)
