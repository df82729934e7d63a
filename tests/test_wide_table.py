"""The «Переход» tab's table for a country's 100 000 participants (screens/wide_table.py):
columns as wide as their widest string, the first rows at once and the rest in steps."""

from __future__ import annotations

from textual.app import App, ComposeResult

from rcro_tui.db.advance_view import Cells
from rcro_tui.screens import wide_table
from rcro_tui.screens.wide_table import WideTable

COLUMNS = ("Участник", "Почему")
ROWS = [(f"Участник {n}", "проходит" * (n % 3 + 1)) for n in range(10)]
KEYS = [str(n) for n in range(10)]


async def settle(pilot, table: WideTable, rows: int) -> None:
    """Wait for the steps (timers) to add up to `rows` rows, or a second at most."""
    for _ in range(50):
        await pilot.pause(0.02)
        if table.row_count >= rows:
            return


class Host(App):
    def compose(self) -> ComposeResult:
        yield WideTable(cursor_type="row")


def in_steps(monkeypatch, first: int, step: int) -> Host:
    """A host whose tables add `first` rows at once, then `step` rows a step."""
    monkeypatch.setattr(wide_table, "FIRST_ROWS", first)
    monkeypatch.setattr(wide_table, "ROWS_PER_STEP", step)
    return Host()


async def test_rows_come_in_steps_in_their_order_and_columns_fit_them(monkeypatch):
    app = in_steps(monkeypatch, 3, 2)
    async with app.run_test() as pilot:
        table = app.query_one(WideTable)
        table.show(COLUMNS, ROWS, KEYS)
        assert table.row_count == 3, "the first rows at once"
        await settle(pilot, table, 10)
        assert table.row_count == 10
        assert [table.get_row_at(n)[0] for n in range(10)] == [row[0] for row in ROWS]
        widths = [column.width for column in table.ordered_columns]
        assert widths == [len("Участник 0"), len("проходит" * 3)]
        await pilot.press("down", "down")
        assert table.cursor_row == 2


async def test_a_new_table_stops_the_rows_of_the_old_one(monkeypatch):
    app = in_steps(monkeypatch, 3, 1)
    async with app.run_test() as pilot:
        table = app.query_one(WideTable)
        table.show(COLUMNS, ROWS, KEYS)
        table.show(COLUMNS, ROWS[:2], KEYS[:2])
        await settle(pilot, table, 10)
        assert table.row_count == 2
        table.show(COLUMNS, ROWS, KEYS, at_once=8)
        assert table.row_count == 8, "a cursor far down is kept in view"
        table.clear()
        await settle(pilot, table, 10)
        assert table.row_count == 0


async def test_rows_kept_as_columns_show_as_the_same_table(monkeypatch):
    """The preview's table (`advance_view.Cells`): widths from its columns, rows as read."""
    app = in_steps(monkeypatch, 3, 4)
    async with app.run_test() as pilot:
        table = app.query_one(WideTable)
        table.show(COLUMNS, Cells(tuple(zip(*ROWS))), KEYS)
        await settle(pilot, table, 10)
        assert [tuple(table.get_row_at(n)) for n in range(10)] == ROWS
        widths = [column.width for column in table.ordered_columns]
        assert widths == [len("Участник 0"), len("проходит" * 3)]


async def test_stop_keeps_the_rows_added_and_adds_no_more(monkeypatch):
    app = in_steps(monkeypatch, 3, 2)
    async with app.run_test() as pilot:
        table = app.query_one(WideTable)
        table.show(COLUMNS, ROWS, KEYS)
        table.stop()
        await settle(pilot, table, 10)
        assert table.row_count == 3
        table.show(COLUMNS, ROWS, KEYS)
        await settle(pilot, table, 10)
        assert table.row_count == 10, "a new table adds its rows again"
