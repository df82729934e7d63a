"""A DataTable that shows one `TableView`, loaded in a thread, with its title and empty message."""

from __future__ import annotations

import pickle

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlite_utils import Database
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from rcro_tui.db.views import TableView
from rcro_tui.i18n import number
from rcro_tui.screens.data import reading

SHORT_COLUMN = 21
"""Columns up to this width (date spans «23.11.2026–27.11.2026», times, formats) are never cut."""
OTHER_LONG = 16
"""What a long column beside the title (an organiser, a district) asks for before the title."""
NARROWEST_LONG = 10
"""A long column (a title, an official name) is cut, but never below this; Enter shows it whole."""
SHOWN_ROWS = 2_000
"""A table shows at most this many rows, and its title says how many there are: Textual's
DataTable holds about 2 KB a row and took 23 s on the screen's thread to fill with the
100 000 participants of a country's largest stage (233 MB). Nobody scrolls through more;
the pane's search line (/) narrows a list to what is looked for."""


class RowTable(DataTable):
    """A DataTable whose keys are described in Russian, with Enter (open) in the footer."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Открыть"),
        Binding("up,k,л", "cursor_up", "Строка вверх", show=False),
        Binding("down,j,о", "cursor_down", "Строка вниз", show=False),
        Binding("right", "cursor_right", "Вправо", show=False),
        Binding("left", "cursor_left", "Влево", show=False),
        Binding("pageup", "page_up", "Страница вверх", show=False),
        Binding("pagedown", "page_down", "Страница вниз", show=False),
        Binding("home,ctrl+home", "scroll_top", "В начало", show=False),
        Binding("end,ctrl+end", "scroll_bottom", "В конец", show=False),
    ]

    openable = True
    """Whether Enter opens the row; where nothing opens, Enter is not offered."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select_cursor" and not self.openable:
            return False
        return super().check_action(action, parameters)


class EmptyNote(Static):
    """«Нет данных»: focusable, so that the keys of the pane around an empty table (P, O, G
    on a stage without sessions) still reach it when the table hides."""

    can_focus = True


class ViewTable(Vertical):
    """Shows what `build(db)` returns; `reload()` reads it again without blocking the screen."""

    DEFAULT_CSS = """
    ViewTable { height: 1fr; }
    ViewTable > .view-title { text-style: bold; padding: 0 1; width: 1fr; }
    ViewTable > DataTable { height: 1fr; }
    ViewTable > .view-empty { padding: 1 2; color: $text-muted; }
    """

    @dataclass
    class Loaded(Message):
        """Posted when a view arrives from the database thread."""

        table: "ViewTable"
        view: TableView
        """The first `SHOWN_ROWS` of what `build` returned (`shown_part`)."""
        total: int
        built_id: int
        """`id()` of the view `build` returned (see `read_id`)."""

    @dataclass
    class Opened(Message):
        """Enter on a row: `key` is the database key of the row."""

        table: "ViewTable"
        key: int | str

    def __init__(self, db_path: Path, build: Callable[[Database], TableView], *,
                 openable: bool = True, narrow_hint: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.db_path = db_path
        self.build = build
        self.openable = openable
        self.narrow_hint = narrow_hint
        """How the pane narrows a list longer than `SHOWN_ROWS` («/ — найти»), for its title."""
        self._asked = False
        self.total = 0
        """How many rows the view has (`view` keeps the first `SHOWN_ROWS`)."""
        self.read_id: int | None = None
        """`id()` of the view object `build` returned for what is shown: a screen that keeps
        what it built beside it (the «Таблицы» screen's printable table) finds it by this."""
        self.view: TableView | None = None

    def compose(self) -> ComposeResult:
        yield Label("Загрузка…", classes="view-title")
        table = RowTable(cursor_type="row", zebra_stripes=True)
        table.openable = self.openable
        yield table
        yield EmptyNote("", classes="view-empty")

    def on_show(self) -> None:
        """Read when first shown, not when mounted: a table in a tab not opened yet (a
        stage's «Участники», «Протокол») costs nothing until the tab is."""
        if not self._asked:
            self.reload()

    def focus_here(self) -> None:
        """Focus the table, or its «Нет данных» note when it is empty (so keys still come)."""
        table = self.query_one(DataTable)
        (table if table.display else self.query_one(".view-empty", Static)).focus()

    def reload(self) -> None:
        """Read the view again in a thread; the table shows it when it arrives."""
        self._asked = True
        self._read()

    @work(thread=True, exclusive=True, group="view-load")
    def _read(self) -> None:
        with reading(self.db_path) as db:
            view = self.build(db)
        total = len(view.rows) if view.total is None else view.total
        built_id = id(view)
        if len(view.rows) > SHOWN_ROWS or view.total is not None:
            part = shown_part(view)
            del view  # before the part is made anew: see `shown_part`
            view = pickle.loads(part)
        self.post_message(self.Loaded(self, view, total, built_id))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.table is not self:
            return
        message.stop()
        self.view, self.total, self.read_id = message.view, message.total, message.built_id
        self._show(self.view)

    def on_resize(self) -> None:
        if self.view is not None:
            self._show(self.view)

    def _show(self, view: TableView) -> None:
        self.query_one(".view-title", Label).update(
            view_title(view.title, self.total, self.narrow_hint))
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        widths = column_widths(view, self.size.width)
        for index, column in enumerate(view.columns):
            table.add_column(column, key=str(index), width=widths[index])
        for key, row in zip(view.keys, view.rows):
            table.add_row(*row, key=str(key))
        if view.rows:
            table.move_cursor(row=min(cursor, len(view.rows) - 1))
        empty = self.query_one(".view-empty", Static)
        focused = self.screen.focused
        inside = focused is not None and self in focused.ancestors_with_self
        empty.update(view.empty if not view.rows else "")
        empty.display = not view.rows
        table.display = bool(view.rows)
        if inside:  # the focus stays in the table's place, whichever of the two shows
            self.focus_here()

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.view is None or event.row_key.value is None:
            return
        self.post_message(self.Opened(self, _typed(self.view, event.row_key.value)))


def shown_part(view: TableView) -> bytes:
    """The first `SHOWN_ROWS` of `view`, pickled, to be made anew once the view is let go of.

    The rest of 100 000 rows were 50 MB held for nothing. And the rows kept are made anew
    after the read's own objects are freed: kept as they were, their strings lay scattered
    over the memory the whole read had taken, and Python's allocator, which gives back only
    a wholly empty arena, kept much of it (the «Публикация» list of 42 201 feeds: 145 MB of
    the app's after it, 128 MB with the rows made anew)."""
    return pickle.dumps(replace(view, rows=view.rows[:SHOWN_ROWS], keys=view.keys[:SHOWN_ROWS]))


def view_title(title: str, total: int, narrow_hint: str = "") -> str:
    """«Участники — 12», or with more rows than are shown «Участники — 100 000, показаны
    первые 2000 (/ — найти)», the hint naming how the pane narrows its list."""
    if total <= SHOWN_ROWS:
        return f"{title} — {total}"
    return (f"{title} — {number(total)}, показаны первые {number(SHOWN_ROWS)}"
            + (f" ({narrow_hint})" if narrow_hint else ""))


def column_widths(view: TableView, screen_width: int) -> list[int | None]:
    """Short columns (dates, times, formats) keep their width; long ones share what is left.

    The longest column (an event's title) gets at least a third of the screen, the other
    long ones (organiser, district) what remains; past the right edge the table scrolls, and
    Enter shows everything whole.
    """
    if not view.rows:
        return [None] * len(view.columns)
    natural = [max(len(view.columns[i]), *(len(row[i]) for row in view.rows))
               for i in range(len(view.columns))]
    long = [i for i, width in enumerate(natural) if width > SHORT_COLUMN]
    room = screen_width - 2 - sum(natural[i] + 2 for i in range(len(natural)) if i not in long)
    room -= 2 * len(long)
    widths: list[int | None] = list(natural)
    if not long or sum(natural[i] for i in long) <= room:
        return widths
    widest = max(long, key=natural.__getitem__)
    others = [i for i in long if i != widest]
    wanted = sum(min(natural[i], OTHER_LONG) for i in others)
    widths[widest] = min(natural[widest], max(screen_width // 3, room - wanted))
    share = max(NARROWEST_LONG, (room - widths[widest]) // max(1, len(others)))
    for i in others:
        widths[i] = min(natural[i], share)
    return widths


def _typed(view: TableView, text: str) -> int | str:
    """Row keys travel as strings in DataTable; give back the view's own key."""
    for key in view.keys:
        if str(key) == text:
            return key
    return text
