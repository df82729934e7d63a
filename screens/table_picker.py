"""Choosing what a table is of (a programme, district, organisation, stage or year): a list
narrowed by typing, Enter picks, Esc keeps the current choice."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from rcro_tui.db.event_filter import fold
from rcro_tui.screens.keys import bind


class TableChoiceScreen(ModalScreen[int | None]):
    """`choices` are (id, label); dismisses with the chosen id, or None on Esc."""

    BINDINGS = [bind("escape", "cancel", "Отмена", key_display="Esc"),
                bind("down", "to_list", "К списку", show=False)]

    def __init__(self, title: str, choices: Sequence[tuple[int, str]],
                 current: int | None) -> None:
        super().__init__()
        self.title_text, self.choices, self.current = title, list(choices), current

    def compose(self) -> ComposeResult:
        with Vertical(id="table-choice", classes="dialog"):
            yield Label(f"{self.title_text}: наберите часть названия, Enter — выбрать",
                        classes="dialog-title")
            yield Input(placeholder="Найти…", id="table-choice-search")
            yield OptionList(id="table-choice-list")

    def on_mount(self) -> None:
        self._show("")
        options = self.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        if str(self.current) in ids:
            options.highlighted = ids.index(str(self.current))
        (self.query_one(Input) if len(self.choices) > 12 else options).focus()

    def _show(self, query: str) -> None:
        words = fold(query).split()
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(label, id=str(key)) for key, label in self.choices
                             if all(word in fold(label) for word in words)])
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed)
    def _narrow(self, event: Input.Changed) -> None:
        self._show(event.value)

    @on(Input.Submitted)
    def _first(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            self.dismiss(int(options.get_option_at_index(options.highlighted or 0).id or 0))

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_to_list(self) -> None:
        self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
