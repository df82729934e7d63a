"""Enter on a day with several events: the day's list; Enter opens one, Esc goes back."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from rcro_tui.db.occurrences import Occurrence
from rcro_tui.i18n import count, date_heading
from rcro_tui.model import EventFormat
from rcro_tui.screens.cal_agenda import when_text
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
        table.add_columns("Время", "Мероприятие", "Формат", "Организатор")
        for item in self.items:
            title = f"ОТМЕНЕНО: {item.title}" if item.status == "cancelled" else item.title
            table.add_row(when_text(item, self.day), title, EventFormat.label_of(item.format),
                          item.host, key=str(item.event_id))
        table.focus()

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(int(event.row_key.value))

    def action_cancel(self) -> None:
        self.dismiss(None)
