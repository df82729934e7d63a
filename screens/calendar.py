"""«Календарь»: every event of one academic year, September first; n/p move between years."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Footer

from rcro_tui.db.views import year_events
from rcro_tui.rules import AcademicYear
from rcro_tui.screens.agenda import SectionScreen
from rcro_tui.screens.keys import bind
from rcro_tui.screens.view_table import ViewTable


class CalendarScreen(SectionScreen):
    """The year's calendar as a list; the month, week and year grids come with the calendar issue."""

    TITLE = "Календарь"
    BINDINGS = [
        bind("p", "year(-1)", "Пред. год"),
        bind("n", "year(1)", "След. год"),
        bind("t", "this_year", "Текущий год"),
    ]

    year: AcademicYear

    def compose(self) -> ComposeResult:
        self.year = AcademicYear.containing(self.app.today)
        yield from self.compose_frame()
        yield ViewTable(self.app.db_path, self._build, id="year-events")
        yield Footer()

    def _build(self, db):
        return year_events(db, self.year)

    def action_year(self, step: int) -> None:
        self.year = AcademicYear(self.year.start_year + step)
        self.query_one(ViewTable).reload()

    def action_this_year(self) -> None:
        self.year = AcademicYear.containing(self.app.today)
        self.query_one(ViewTable).reload()

    @on(ViewTable.Opened)
    def _opened(self, message: ViewTable.Opened) -> None:
        self.open_event(int(message.key))
