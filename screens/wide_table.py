"""A table that draws only the rows on screen: the «Переход» tab of a stage with a country's
100 000 participants.

Textual's DataTable keeps every row it is given as its own objects (about 2 KB a row:
200 MB for 100 000) and measures each new cell through Rich; adding 100 000 rows took 4 s
in steps and most of the app's memory. This one keeps nothing per row: it is handed the
rows (a sequence, or `advance_view.Cells`, rows kept as columns), sizes its columns once
from the strings' lengths (these are Russian texts: one cell a character), and builds a
line only when the screen asks for it (the Line API, as Textual's own log and DataTable
do). It looks and answers keys as a DataTable with a row cursor and zebra stripes does:
its component classes and CSS are DataTable's, renamed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

CELL_PADDING = 1
"""Spaces either side of a cell, as DataTable's default."""


class WideTable(ScrollView, can_focus=True):
    """`show(columns, rows)` replaces the whole table; `cursor_row` is an index into `rows`."""

    DEFAULT_CSS = """
    WideTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .wide-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .wide-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .wide-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .wide-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .wide-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .wide-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .wide-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "wide-table--header", "wide-table--cursor", "wide-table--even-row",
        "wide-table--odd-row"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Выбрать", show=False),
        Binding("up", "cursor_up", "Вверх", show=False),
        Binding("down", "cursor_down", "Вниз", show=False),
        Binding("pageup", "page_up", "Страница вверх", show=False),
        Binding("pagedown", "page_down", "Страница вниз", show=False),
        Binding("home,ctrl+home", "first_row", "В начало", show=False),
        Binding("end,ctrl+end", "last_row", "В конец", show=False),
        Binding("left", "scroll_left", "Влево", show=False),
        Binding("right", "scroll_right", "Вправо", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True, init=False)

    @dataclass
    class RowHighlighted(Message):
        """The cursor moved to row `cursor_row`."""

        table: "WideTable"
        cursor_row: int

    @dataclass
    class RowSelected(Message):
        """Enter, or a click, on the row under the cursor."""

        table: "WideTable"
        cursor_row: int

    def __init__(self, *, zebra_stripes: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.zebra_stripes = zebra_stripes
        self.columns: tuple[str, ...] = ()
        self.widths: list[int] = []
        self._rows: Sequence[tuple[str, ...]] = ()
        self._cells: Sequence[Sequence[str]] | None = None

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def show(self, columns: Sequence[str], rows: Sequence[tuple[str, ...]]) -> None:
        """The table of `rows` (kept, not copied), each column as wide as its widest string;
        the cursor stays where it was, if the new table is that long."""
        self.columns = tuple(columns)
        self._rows = rows
        self._cells = getattr(rows, "columns", None)  # rows kept as columns
        self.widths = [max(len(title), max(map(len, self._column(index)), default=0))
                       for index, title in enumerate(self.columns)]
        self._resize()
        self.move_cursor(row=self.cursor_row)

    def clear(self) -> None:
        """No columns, no rows."""
        self.show((), ())

    def get_row_at(self, index: int) -> list[str]:
        """Row `index`'s strings (IndexError past the end, as DataTable's)."""
        if not 0 <= index < self.row_count:
            raise IndexError(index)
        return [self._cell(index, column) for column in range(len(self.columns))]

    def move_cursor(self, *, row: int) -> None:
        """Put the cursor on `row` (kept within the table) and scroll it into view."""
        self.cursor_row = max(0, min(row, self.row_count - 1))

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, self.row_count - 1))

    def watch_cursor_row(self, row: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        if self.row_count:
            self.post_message(self.RowHighlighted(self, row))

    def _column(self, index: int) -> Sequence[str] | list[str]:
        if self._cells is not None:
            return self._cells[index]
        return [row[index] for row in self._rows]

    def _cell(self, row: int, column: int) -> str:
        if self._cells is not None:
            return self._cells[column][row]
        return self._rows[row][column]

    def _resize(self) -> None:
        width = sum(self.widths) + 2 * CELL_PADDING * len(self.widths)
        self.virtual_size = Size(width, self.row_count + 1)  # and the header
        self.refresh(layout=True)

    def _scroll_to_cursor(self) -> None:
        """Keep the cursor's row between the header and the bottom edge."""
        shown = max(1, self.scrollable_content_region.height - 1)
        top = int(self.scroll_y)
        row = self.cursor_row
        if row < top:
            self.scroll_to(y=row, animate=False, force=True)
        elif row >= top + shown:
            self.scroll_to(y=row - shown + 1, animate=False, force=True)

    def render_line(self, y: int) -> Strip:
        """Line `y` of the widget: the header, else the row scrolled there."""
        width = self.size.width
        base = self.rich_style
        if y == 0:
            texts, style = self.columns, self.get_component_styles("wide-table--header").rich_style
        else:
            row = y - 1 + int(self.scroll_y)
            if not self.columns or row >= self.row_count:
                return Strip.blank(width, base)
            texts = [self._cell(row, column) for column in range(len(self.columns))]
            style = self._row_style(row, base)
        pad = " " * CELL_PADDING
        line = "".join(f"{pad}{set_cell_size(text, cells)}{pad}"
                       for text, cells in zip(texts, self.widths))
        line += " " * max(0, width - len(line))
        left = int(self.scroll_x)
        strip = Strip([Segment(line, style)]).crop(left, left + width)
        return strip.adjust_cell_length(width, base).simplify()

    def _row_style(self, row: int, base: Style) -> Style:
        """Zebra stripes, and the cursor over them (as DataTable composes them)."""
        style = base
        if self.zebra_stripes:
            style = self.get_component_styles(
                "wide-table--odd-row" if row % 2 else "wide-table--even-row").rich_style
        if row == self.cursor_row:
            cursor = self.get_component_rich_style("wide-table--cursor")
            style = style + cursor + Style.from_color(color=cursor.color)
        return style

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self._scroll_to_cursor()

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - self._page())

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + self._page())

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_first_row(self) -> None:
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.move_cursor(row=self.row_count - 1)

    def action_select_cursor(self) -> None:
        if self.row_count:
            self.post_message(self.RowSelected(self, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor to the row; a click on the cursor's row selects it."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        row = offset.y - 1 + int(self.scroll_y)
        if row >= self.row_count:
            return
        event.stop()
        if row == self.cursor_row:
            self.action_select_cursor()
        else:
            self.move_cursor(row=row)
