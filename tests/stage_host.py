"""A small app that shows one stage pane (as the stage screen's tab will), for Pilot tests and
snapshots of the panes on their own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widget import Widget

from rcro_tui.app import RCRO_THEME
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.stage_messages import StageChanged

from conftest import TODAY

CSS = Path(__file__).parent.parent / "rcro_tui" / "app.tcss"


class StageHost(App[None]):
    CSS_PATH = str(CSS)

    def __init__(self, db_path: Path, pane: Callable[[], Widget], user: str = "ivanova") -> None:
        super().__init__()
        self.db_path = db_path
        self.user = user
        self.today = TODAY
        self.pane = pane
        self.changes: list[int] = []
        """The stage ids of the StageChanged messages that reached the host."""

    def compose(self) -> ComposeResult:
        yield self.pane()
        yield Footer()

    def on_mount(self) -> None:
        self.register_theme(RCRO_THEME)
        self.theme = "rcro"
        pane = self.screen.children[0]
        if hasattr(pane, "focus_default"):
            self.call_after_refresh(pane.focus_default)

    def on_stage_changed(self, message: StageChanged) -> None:
        self.changes.append(message.stage_id)
