"""One stage of a competition: a header (competition, stage, dates, grades, subjects) and its
tabs — «Площадки» first; participants, protocols and advancement come as further tabs.

Adding a tab is one line: `StageScreen.TABS` lists `StageTab(id, label, factory)`, where
`factory(stage_id)` returns the tab's widget (e.g. `StageTab("entries", "Участники",
EntriesPane)`). A widget posts `StageChanged(stage_id)` after it writes; the screen rereads
its header and forwards the message (marked `forwarded = True`) to every tab's widget,
which handles `StageChanged` to reread itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from rcro_tui.db.stage_list import facts_text, stage_header
from rcro_tui.screens.data import reading
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.keys import bind
from rcro_tui.screens.advance_pane import AdvancePane
from rcro_tui.screens.entries_pane import EntriesPane
from rcro_tui.screens.protocol_pane import ProtocolPane
from rcro_tui.screens.sessions_pane import SessionsPane
from rcro_tui.screens.stage_messages import StageChanged


@dataclass(frozen=True)
class StageTab:
    id: str
    label: str
    factory: Callable[[int], Widget]


class StageScreen(Screen[None]):
    """Opened with Enter on a stage; Esc goes back to the competition."""

    TITLE = "Отборы"
    TABS: list[StageTab] = [StageTab("sessions", "Площадки", SessionsPane),
                            StageTab("entries", "Участники", EntriesPane),
                            StageTab("protocol", "Протокол", ProtocolPane),
                            StageTab("advance", "Переход", AdvancePane)]
    BINDINGS = [
        bind("[", "tab(-1)", "Пред. вкладка", key_display="["),
        bind("]", "tab(1)", "След. вкладка", key_display="]"),
        # [ and ] even from a tab's filter line (`PaneFilter`); «х», «ъ» stay letters there
        Binding("left_square_bracket", "tab(-1)", "Пред. вкладка", key_display="[",
                priority=True, show=False),
        Binding("right_square_bracket", "tab(1)", "След. вкладка", key_display="]",
                priority=True, show=False),
        bind("escape", "close", "Назад", key_display="Esc"),
    ]

    def __init__(self, stage_id: int) -> None:
        super().__init__()
        self.stage_id = stage_id

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield Static(self._header_text(), id="stage-header", markup=False)
        with TabbedContent(id="stage-tabs"):
            for tab in self.TABS:
                with TabPane(tab.label, id=f"tab-{tab.id}"):
                    widget = tab.factory(self.stage_id)
                    widget.id = widget.id or f"pane-{tab.id}"
                    yield widget
        yield Footer()

    def _header_text(self) -> str:
        with reading(self.app.db_path) as db:
            return facts_text(stage_header(db, self.stage_id))

    def on_mount(self) -> None:
        self.call_after_refresh(self._focus_tab)

    def _focus_tab(self) -> None:
        pane = self.active_pane()
        if pane is None:
            return
        if hasattr(pane, "focus_default"):
            pane.focus_default()
        elif pane.query(DataTable):
            pane.query(DataTable).first().focus()

    def active_pane(self) -> Widget | None:
        active = self.query_one(TabbedContent).active
        for tab in self.TABS:
            if f"tab-{tab.id}" == active:
                return self.query_one(f"#pane-{tab.id}")
        return None

    def action_tab(self, step: int) -> None:
        names = [f"tab-{tab.id}" for tab in self.TABS]
        tabs = self.query_one(TabbedContent)
        current = names.index(tabs.active) if tabs.active in names else 0
        tabs.active = names[(current + step) % len(names)]
        self._focus_tab()

    @on(StageChanged)
    def _stage_changed(self, message: StageChanged) -> None:
        """Reread the header; tell every tab (once: forwarded messages stop here; the
        writer gets it too, a second reread is cheaper than knowing who wrote)."""
        message.stop()
        if message.forwarded or message.stage_id != self.stage_id:
            return
        self.query_one("#stage-header", Static).update(self._header_text())
        for tab in self.TABS:
            self.query_one(f"#pane-{tab.id}").post_message(
                StageChanged(self.stage_id, forwarded=True))

    def action_close(self) -> None:
        self.dismiss(None)
