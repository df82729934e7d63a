"""Enter on a day with several events: the day's list; Enter opens one, Esc goes back.

Events with a warning (a double booking, a holiday…) get «⚠» before the title once the
day's warnings arrive from a worker; the list is usable before that.
"""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from rcro_tui.db.conflicts import occurrence_warnings, warnings_in
from rcro_tui.db.occurrences import Occurrence
from rcro_tui.i18n import count, date_heading
from rcro_tui.model import EventFormat
from rcro_tui.screens.cal_agenda import WARNING_MARK, when_text
from rcro_tui.screens.data import reading
from rcro_tui.screens.keys import bind
from rcro_tui.screens.view_table import RowTable


class DayEventsScreen(ModalScreen[int | None]):
    """Dismisses with the chosen event's id."""

    BINDINGS = [bind("escape", "cancel", "Назад")]

    def __init__(self, day: date, items: list[Occurrence]) -> None:
        super().__init__()
        self.day = day
        self.items = items

    def compose(self) -> ComposeResult:
        with Vertical(id="day-events", classes="dialog"):
            yield Label(f"{date_heading(self.day)} — "
                        f"{count(len(self.items), 'мероприятие', 'мероприятия', 'мероприятий')}",
                        classes="dialog-title")
            yield RowTable(cursor_type="row", zebra_stripes=True, id="day-events-table")

    def on_mount(self) -> None:
        table = self.query_one(RowTable)
        table.add_column("Время")
        table.add_column("Мероприятие", key="title")
        table.add_columns("Формат", "Организатор")
        for item in self.items:
            table.add_row(when_text(item, self.day), _title(item),
                          EventFormat.label_of(item.format), item.host, key=str(item.event_id))
        table.focus()
        self.load_warnings()

    @work(thread=True, exclusive=True, group="day-warnings")
    def load_warnings(self) -> None:
        with reading(self.app.db_path) as db:
            found = warnings_in(db, self.day, self.day, today=self.app.today)
        self.app.call_from_thread(self._mark, found)

    def _mark(self, found: dict) -> None:
        table = self.query_one(RowTable)
        for item in self.items:
            if any(not w.soft for w in occurrence_warnings(found, item.event_id, item.first_day)):
                table.update_cell(str(item.event_id), "title", f"{WARNING_MARK} {_title(item)}",
                                  update_width=True)

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(int(event.row_key.value))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _title(item: Occurrence) -> str:
    return f"ОТМЕНЕНО: {item.title}" if item.status == "cancelled" else item.title
