"""Shift+H in the calendar: the public holidays and school breaks of one academic year.

The calendar shades these days and warns about events on holidays, so coordinators keep
them right here: add the region's breaks, fill in the Labour Code's holidays with one key,
correct the days the government's decree moves. Each key is one call into `db.holidays`
(the same as `rcro-tui holidays …`); the screen dismisses with whether anything changed.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from rcro_tui.db.holidays import (Holiday, delete_holiday, fill_public_holidays,
                                  list_holidays)
from rcro_tui.errors import UserError
from rcro_tui.i18n import count, date_short
from rcro_tui.model import HolidayKind
from rcro_tui.rules import AcademicYear
from rcro_tui.screens.access_keys import WriteKeys
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.data import reading
from rcro_tui.screens.holiday_form import HolidayFormScreen
from rcro_tui.screens.keys import bind
from rcro_tui.screens.view_table import RowTable
from rcro_tui.screens.footer import Footer

YEAR_KEYS = Binding.Group("Уч. год", compact=True)
COLUMNS = ("Даты", "Название", "Вид", "Дней")
SCROLLBAR = 2
"""Room kept for the table's scroll bar, so a long list does not push the last column out."""
ROOMY_NAME = 24
"""Below this much room for the name, dates are written short (29.12.2026–11.01.2027)."""


def cut(text: str, width: int) -> str:
    """The text, or its start with «…» when it is wider than `width`."""
    return text if len(text) <= width else text[: width - 1] + "…"


def dates_cell(holiday: Holiday, short: bool) -> str:
    """«31 октября – 8 ноября 2026 г.», or «31.10.2026–08.11.2026» where room is short."""
    if not short:
        return holiday.dates_text()
    if holiday.first_day == holiday.last_day:
        return date_short(holiday.first_day)
    return f"{date_short(holiday.first_day)}–{date_short(holiday.last_day)}"


def table_layout(holidays: list[Holiday], width: int) -> tuple[bool, list[int]]:
    """Whether dates are short, and the column widths: dates, kind and days are never cut;
    the name gets the rest of `width` (cut with «…»)."""
    kind = max(len(COLUMNS[2]), *(len(k.label) for k in HolidayKind))
    days = max(len(COLUMNS[3]), *(len(h.days_text()) for h in holidays))
    name = max(len(COLUMNS[1]), *(len(h.name) for h in holidays))

    def dates_and_room(short: bool) -> tuple[int, int]:
        dates = max(len(COLUMNS[0]), *(len(dates_cell(h, short)) for h in holidays))
        return dates, width - 2 * len(COLUMNS) - dates - kind - days

    dates, room = dates_and_room(False)
    short = room < min(name, ROOMY_NAME)
    if short:
        dates, room = dates_and_room(True)
    return short, [dates, max(min(name, room), len(COLUMNS[1])), kind, days]


def empty_text(year: AcademicYear) -> str:
    return (f"В {year.start_year}/{year.start_year + 1} учебном году праздников и каникул "
            "пока нет.\nF — внести праздники по Трудовому кодексу, A — добавить каникулы.")


class HolidayTable(RowTable):
    """The list; Enter edits the row under the cursor."""

    BINDINGS = [Binding("enter", "select_cursor", "Изменить", show=False)]


class HolidaysScreen(WriteKeys, ModalScreen[bool]):
    """One academic year's holidays and breaks; p/n switch the year."""

    WRITE_ACTIONS = {
        "add": "holidays", "edit": "holidays", "delete": "holidays", "fill": "holidays"}

    BINDINGS = [
        bind("a,insert", "add", "Добавить"),
        bind("e", "edit", "Изменить"),
        bind("d,delete", "delete", "Удалить"),
        bind("f", "fill", "Праздники по ТК"),
        bind("p", "year(-1)", "Пред. год", group=YEAR_KEYS),
        bind("n", "year(1)", "След. год", group=YEAR_KEYS),
        bind("escape", "close", "Закрыть", key_display="Esc"),
    ]

    def __init__(self, db_path: Path, user: str, year: AcademicYear) -> None:
        super().__init__()
        self.db_path = db_path
        self.user = user
        self.year = year
        self.holidays: list[Holiday] = []
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="holidays", classes="dialog"):
            yield Label("", id="holidays-title", classes="dialog-title")
            yield HolidayTable(cursor_type="row", zebra_stripes=True, id="holidays-table")
            yield Static("", id="holidays-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def on_resize(self) -> None:
        self.load()

    def load(self, select: int | None = None) -> None:
        """Read the year again and keep the cursor on `select` (or where it was)."""
        table = self.query_one(HolidayTable)
        current = self.current()
        with reading(self.db_path) as db:
            self.holidays = list_holidays(db, self.year)
        table.clear(columns=True)
        width = self.query_one("#holidays").content_size.width - SCROLLBAR
        short, widths = table_layout(self.holidays, width) if self.holidays else (False, [])
        for title, size in zip(COLUMNS, widths):
            table.add_column(title, width=size)
        for holiday in self.holidays:
            table.add_row(dates_cell(holiday, short), cut(holiday.name, widths[1]),
                          holiday.kind.label,
                          holiday.days_text(), key=str(holiday.id))
        wanted = select if select is not None else (current.id if current else None)
        ids = [holiday.id for holiday in self.holidays]
        if wanted in ids:
            table.move_cursor(row=ids.index(wanted))
        self.query_one("#holidays-title", Label).update(
            f"Каникулы и праздники · {self.year.label()}")
        empty = self.query_one("#holidays-empty", Static)
        empty.update(empty_text(self.year))
        empty.display = not self.holidays
        table.display = bool(self.holidays)
        table.focus()

    def current(self) -> Holiday | None:
        table = self.query_one(HolidayTable)
        if not self.holidays or table.cursor_row >= len(self.holidays):
            return None
        return self.holidays[table.cursor_row]

    def _chosen(self) -> Holiday | None:
        holiday = self.current()
        if holiday is None:
            self.notify("Список пуст: A — добавить каникулы, F — внести праздники.",
                        severity="warning", timeout=3)
        return holiday

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_add(self) -> None:
        self.app.push_screen(HolidayFormScreen(self.db_path, self.user), self._saved)

    def action_edit(self) -> None:
        if (holiday := self._chosen()) is not None:
            self.app.push_screen(HolidayFormScreen(self.db_path, self.user, holiday),
                                 self._saved)

    def _saved(self, holiday_id: int | None) -> None:
        if holiday_id is None:
            return
        self.changed = True
        self.load(select=holiday_id)

    def action_delete(self) -> None:
        if (holiday := self._chosen()) is None:
            return
        what = "праздник" if holiday.kind is HolidayKind.PUBLIC else "каникулы"
        question = (f"Удалить {what} «{holiday.name}» ({holiday.dates_text()})?\n"
                    "Календарь перестанет отмечать эти дни.")
        self.app.push_screen(ConfirmDialog(question, yes="Удалить", no="Не удалять",
                                           danger=True),
                             lambda yes: self._delete(holiday) if yes else None)

    def _delete(self, holiday: Holiday) -> None:
        try:
            with reading(self.db_path) as db:
                delete_holiday(db, holiday.id, user=self.user,
                               expected_revision=holiday.revision)
        except UserError as error:
            self.notify(error.message, severity="error", timeout=8)
        else:
            self.changed = True
            self.notify(f"Удалено: «{holiday.name}».", timeout=3)
        self.load()

    def action_fill(self) -> None:
        """The Labour Code's holidays that are missing; the decree's moves stay by hand."""
        with reading(self.db_path) as db:
            added = fill_public_holidays(db, self.year, user=self.user)
        if not added:
            self.notify(f"Все праздники {self.year.start_year}/{self.year.start_year + 1} "
                        "учебного года уже внесены.", timeout=4)
            return
        self.changed = True
        self.notify(f"Добавлены праздники по ст. 112 ТК РФ "
                    f"({count(len(added), 'запись', 'записи', 'записей')}). Переносы по "
                    "постановлению Правительства исправьте вручную (E).", timeout=6)
        self.load(select=added[0].id)

    def action_year(self, step: int) -> None:
        self.year = AcademicYear(self.year.start_year + step)
        self.load()
        self.query_one(HolidayTable).move_cursor(row=0)

    def action_close(self) -> None:
        self.dismiss(self.changed)
