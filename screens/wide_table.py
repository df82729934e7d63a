"""A DataTable for tens of thousands of rows of plain strings: the «Переход» tab of a stage
with a country's 100 000 participants.

Textual's DataTable measures every cell of every new row to fit its columns (through Rich,
some 35 µs a cell): 100 000 rows of nine columns froze the screen for 35 s. Here the columns
are given their widths up front, from the strings' lengths (one C-level pass per column:
these are Russian texts, one cell a character), so no cell needs measuring.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial

from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets._data_table import RowKey


FIRST_ROWS = 2_000
"""Rows added at once by `show`; the rest follow in steps of `ROWS_PER_STEP`, between which
the screen answers keys (adding a row to a DataTable costs about 40 µs: 4 s for 100 000;
smaller steps cost more in all, as the table works out its rows' places after each)."""
ROWS_PER_STEP = 10_000
STEP_PAUSE = 0.02


class WideTable(DataTable):
    """`show(columns, rows, keys)` replaces the whole table; widths fixed from the content."""

    _shown = 0
    """Which `show` the rows being added belong to (a newer one stops an older one's steps)."""

    def show(self, columns: Sequence[str], rows: Sequence[tuple[str, ...]],
             keys: Sequence[str], *, at_once: int = 0) -> None:
        """The table of `rows`: the first `FIRST_ROWS` (or `at_once`, to keep a cursor far
        down in view) now, the others in steps after."""
        self.clear(columns=True)
        cells = getattr(rows, "columns", None)  # rows kept as columns (advance_view.Cells)
        for index, title in enumerate(columns):
            strings = cells[index] if cells is not None else (row[index] for row in rows)
            widest = max(map(len, strings), default=0)
            self.add_column(title, width=max(len(title), widest))
        self._add(rows, keys, 0, max(FIRST_ROWS, at_once))
        if len(rows) > self.row_count:
            self._next_step(rows, keys)

    def clear(self, columns: bool = False) -> "WideTable":
        """Empty the table, and stop adding the rows of an earlier `show`."""
        self.stop()
        return super().clear(columns)

    def stop(self) -> None:
        """Add no more rows of the last `show` (those added stay): its owner is reading
        what replaces them, in a thread that the steps, holding the GIL 0.4 s each, would
        starve (sqlite3 lets go of the GIL at every column of every row it reads)."""
        self._shown += 1

    def _step(self, shown: int, rows: Sequence[tuple[str, ...]], keys: Sequence[str]) -> None:
        if shown != self._shown:
            return
        self._add(rows, keys, self.row_count, ROWS_PER_STEP)
        if len(rows) > self.row_count:
            self._next_step(rows, keys)

    def _next_step(self, rows: Sequence[tuple[str, ...]], keys: Sequence[str]) -> None:
        """The next step after a timer, not a message: the event loop runs between steps,
        so the screen repaints and keys are read."""
        self.set_timer(STEP_PAUSE, partial(self._step, self._shown, rows, keys))

    def _add(self, rows: Sequence[tuple[str, ...]], keys: Sequence[str], start: int,
             count: int) -> None:
        for place in range(start, min(len(rows), start + count)):
            self.add_row(*rows[place], key=keys[place])

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """The table's size, without measuring the new rows' cells when every column has
        its width and every row a height of one line (what `show` makes)."""
        if any(column.auto_width for column in self.columns.values()) or \
                any(self.rows[key].auto_height for key in new_rows if key in self.rows):
            super()._update_dimensions(new_rows)
            return
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(width + self._row_label_column_width,
                                 self._total_row_height + header)
