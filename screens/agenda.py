"""The opening screen: upcoming events, soonest first."""

from __future__ import annotations

from datetime import date, datetime

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header

from rcro_tui.db.views import agenda
from rcro_tui.screens.event_actions import EventActions
from rcro_tui.screens.event_detail import EventDetailScreen
from rcro_tui.screens.keys import bind
from rcro_tui.screens.view_table import ViewTable
from rcro_tui.screens.footer import Footer


class SectionScreen(Screen[None]):
    """What every section shares: the header, the footer, reloading and opening events."""

    BINDINGS = [bind("r", "reload", "Обновить", show=False)]

    def compose_frame(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")

    def action_reload(self) -> None:
        for table in self.query(ViewTable):
            table.reload()

    def open_event(self, event_id: int) -> None:
        self.app.push_screen(EventDetailScreen(self.app.db_path, event_id))


class AgendaScreen(EventActions, SectionScreen):
    """«Ближайшие»: what happens from today on, with date, time, format, host and district."""

    TITLE = "Ближайшие"

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        since = self.app.today
        yield ViewTable(self.app.db_path, lambda db: agenda(db, since, warn=True),
                        id="agenda")
        yield Footer()

    @on(ViewTable.Opened)
    def _opened(self, message: ViewTable.Opened) -> None:
        self.open_event(int(message.key))

    def current_event_id(self) -> int | None:
        table = self.query_one(ViewTable)
        grid = table.query_one("DataTable")
        if table.view is None or not table.view.rows or not grid.display:
            return None
        return int(table.view.keys[grid.cursor_row])

    def current_day(self) -> date:
        """The first day of the event under the cursor (today for an empty list)."""
        table = self.query_one(ViewTable)
        if self.current_event_id() is None:
            return self.app.today
        row = table.view.rows[table.query_one("DataTable").cursor_row]
        return max(self.app.today, datetime.strptime(row[0][:10], "%d.%m.%Y").date())

    def refresh_events(self) -> None:
        self.action_reload()
