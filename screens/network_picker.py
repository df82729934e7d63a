"""P in «Сеть»: choose the programme whose districts, memberships and matrix are shown."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from rcro_tui.screens.data import reading
from rcro_tui.screens.keys import bind


class ProgramPicker(ModalScreen[int | None]):
    """Every programme by name; Enter picks, Esc keeps the current one (None)."""

    BINDINGS = [bind("escape", "cancel", "Отмена", key_display="Esc")]

    def __init__(self, db_path: Path, current: int | None) -> None:
        super().__init__()
        self.db_path, self.current = db_path, current

    def compose(self) -> ComposeResult:
        with reading(self.db_path) as db:
            rows = list(db.query("SELECT id, COALESCE(NULLIF(short_name, ''), name) AS name "
                                 "FROM programs ORDER BY name"))
        with Vertical(id="program-picker", classes="dialog"):
            yield Label("Программа: ↑↓ — выбрать, Enter — показать", classes="dialog-title")
            yield OptionList(*(Option(row["name"], id=str(row["id"])) for row in rows),
                             id="program-list")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        if str(self.current) in ids:
            options.highlighted = ids.index(str(self.current))
        options.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0) or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
