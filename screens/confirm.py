"""A yes/no question before something that cannot be taken back (leave unsaved, cancel, delete)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from rcro_tui.screens.keys import bind


class ConfirmDialog(ModalScreen[bool]):
    """Dismisses with True for «yes» (Enter, Y); Esc, N or «no» give False. «Yes» has the focus."""

    BINDINGS = [
        bind("escape,n", "answer(False)", "Нет", show=False),
        bind("y", "answer(True)", "Да", show=False),
        bind("q", "answer(False)", "Нет", show=False),
    ]

    def __init__(self, question: str, *, yes: str = "Да", no: str = "Нет",
                 danger: bool = False) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Static(self.question, id="ask-question", markup=False)
            with Horizontal(id="ask-buttons"):
                yield Button(self.yes, id="ask-yes",
                             variant="error" if self.danger else "primary")
                yield Button(self.no, id="ask-no")

    def on_mount(self) -> None:
        self.query_one("#ask-yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "ask-yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
