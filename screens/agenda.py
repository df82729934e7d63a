"""The opening screen: upcoming events, soonest first."""

from __future__ import annotations

from datetime import date, datetime

from textual import events, on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Header

from rcro_tui.db.views import agenda
from rcro_tui.screens.event_actions import EventActions
from rcro_tui.screens.event_detail import EventDetailScreen
from rcro_tui.screens.keys import bind
from rcro_tui.screens.view_table import ViewTable
from rcro_tui.screens.footer import Footer


class SectionScreen(Screen[None]):
    """What every section shares: the header, the footer, reloading and opening events."""

    BINDINGS = [bind("r", "reload", "Обновить", show=False)]

    _styles_current = False
    """Set by a resume that styled every node; cleared when another screen comes on top."""

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Style the screen's nodes again only if it was away since it was last styled.

        Textual restyles every node on each resume, and opening a section for the first time
        resumes it twice in a row (once as the new mode's screen, once as the current one):
        the Календарь's 4 views and their 48 style components were styled three times in its
        first opening. Runs before Screen's own handler, which reads the flag.
        """
        if self._styles_current:
            event.refresh_styles = False
        self._styles_current = True

    def _on_screen_suspend(self) -> None:
        self._styles_current = False

    def compose_frame(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")

    def action_reload(self) -> None:
        for table in self.query(ViewTable):
            table.reload()

    def open_event(self, event_id: int) -> None:
        self.app.push_screen(EventDetailScreen(self.app.db_path, event_id))


class AgendaTable(ViewTable):
    """The list of «Ближайшие»: tells its screen when rows are (re)drawn under the cursor
    (a reload moves no cursor, so no DataTable.RowHighlighted says so)."""

    def _show(self, view) -> None:
        super()._show(view)
        self.screen.forget_event_rights()  # reread: a host may have moved to another district
        self.screen.event_cursor_moved()
        self.app.first_rows_shown()


class AgendaScreen(EventActions, SectionScreen):
    """«Ближайшие»: what happens from today on, with date, time, format, host and district."""

    TITLE = "Ближайшие"

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        since = self.app.today
        yield AgendaTable(self.app.db_path, lambda db: agenda(db, since, warn=True),
                          id="agenda")
        yield Footer()

    @on(ViewTable.Opened)
    def _opened(self, message: ViewTable.Opened) -> None:
        self.open_event(int(message.key))

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.event_cursor_moved()

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
