"""`g`: jump to a date typed the way people write it (19.04.2022), with the error shown in place."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from rcro_tui.errors import InputError
from rcro_tui.rules import parse_date
from rcro_tui.screens.keys import bind


def parse_goto(text: str, around: date) -> date:
    """«19.04.2022», «2022-04-19», or «19.04» (that day in the year of the date on screen)."""
    text = text.strip()
    if text.count(".") == 1:
        text = f"{text}.{around.year}"
    return parse_date(text, field="Дата")


class GoToDateScreen(ModalScreen[date | None]):
    """A one-line dialog; Enter goes, Esc stays where the calendar was."""

    BINDINGS = [bind("escape", "cancel", "Отмена")]

    def __init__(self, around: date) -> None:
        super().__init__()
        self.around = around

    def compose(self) -> ComposeResult:
        with Vertical(id="goto-date", classes="dialog"):
            yield Label("Перейти к дате", classes="dialog-title")
            yield Input(placeholder="ДД.ММ.ГГГГ, например 19.04.2022", id="goto-input")
            yield Static("", id="goto-error", classes="field-error")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            self.dismiss(parse_goto(event.value, self.around))
        except InputError as error:
            self.query_one("#goto-error", Static).update(error.message)

    def action_cancel(self) -> None:
        self.dismiss(None)
