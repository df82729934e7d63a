"""The «Переход» tab's table for a country's 100 000 participants (screens/wide_table.py):
columns as wide as their widest string, only the rows on screen drawn, DataTable's keys."""

from __future__ import annotations

from textual.app import App, ComposeResult

from rcro_tui.db.advance_view import Cells
from rcro_tui.screens.wide_table import WideTable

COLUMNS = ("Участник", "Почему")
ROWS = [(f"Участник {n}", "проходит" * (n % 3 + 1)) for n in range(10)]


class Counted(list):
    """Rows that count which of them were asked for by index (what was drawn)."""

    def __init__(self, rows) -> None:
        super().__init__(rows)
        self.asked: set[int] = set()

    def __getitem__(self, index):
        if isinstance(index, int):
            self.asked.add(index)
        return super().__getitem__(index)


class Host(App):
    def __init__(self) -> None:
        super().__init__()
        self.highlighted: list[int] = []
        self.selected: list[int] = []

    def compose(self) -> ComposeResult:
        yield WideTable()

    def on_wide_table_row_highlighted(self, event: WideTable.RowHighlighted) -> None:
        self.highlighted.append(event.cursor_row)

    def on_wide_table_row_selected(self, event: WideTable.RowSelected) -> None:
        self.selected.append(event.cursor_row)


async def shown(pilot, rows=ROWS) -> WideTable:
    """The host's table once it shows `rows`."""
    table = pilot.app.query_one(WideTable)
    table.show(COLUMNS, rows)
    await pilot.pause()
    return table


def screen_lines(app: App) -> list[str]:
    """The table's lines as drawn (its region of the screen, as text)."""
    table = app.query_one(WideTable)
    return [table.render_line(y).text for y in range(table.size.height)]


async def test_columns_fit_their_widest_string_and_rows_show_in_order():
    app = Host()
    async with app.run_test(size=(60, 20)) as pilot:
        table = await shown(pilot)
        assert table.row_count == 10 and table.widths == [len("Участник 0"), len("проходит" * 3)]
        assert [table.get_row_at(n)[0] for n in range(10)] == [row[0] for row in ROWS]
        lines = screen_lines(app)
        assert lines[0].startswith(" Участник    Почему ")
        assert lines[1].startswith(" Участник 0  проходит ")
        assert lines[3].rstrip() == " Участник 2  проходитпроходитпроходит"


async def test_only_the_rows_on_screen_are_drawn():
    """A table of 100 000 rows asks for the rows it shows, not for the others."""
    rows = Counted((f"Участник {n}", str(n)) for n in range(100_000))
    app = Host()
    async with app.run_test(size=(60, 12)) as pilot:
        table = await shown(pilot, rows)
        rows.asked.clear()
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == 99_999
        assert screen_lines(app)[-1].startswith(" Участник 99999 ")
        assert rows.asked and len(rows.asked) <= 12, "only what one screen shows"
        assert min(rows.asked) >= 100_000 - 12


async def test_rows_kept_as_columns_show_as_the_same_table():
    """The preview's table (`advance_view.Cells`): widths from its columns, rows as read."""
    app = Host()
    async with app.run_test() as pilot:
        table = app.query_one(WideTable)
        table.show(COLUMNS, Cells(tuple(zip(*ROWS))))
        await pilot.pause()
        assert [tuple(table.get_row_at(n)) for n in range(10)] == ROWS
        assert table.widths == [len("Участник 0"), len("проходит" * 3)]


async def test_keys_move_the_cursor_and_keep_it_in_view():
    rows = [(f"Участник {n}", "") for n in range(100)]
    app = Host()
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(WideTable)
        table.show(COLUMNS, rows)
        table.focus()
        await pilot.press("down", "down")
        assert table.cursor_row == 2 and app.highlighted[-1] == 2
        await pilot.press("pagedown")
        page = table.scrollable_content_region.height - 1
        assert table.cursor_row == 2 + page
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == 99 and table.scroll_y == 100 + 1 - table.size.height
        await pilot.press("up", "home")
        await pilot.pause()
        assert table.cursor_row == 0 and table.scroll_y == 0
        await pilot.press("up")
        assert table.cursor_row == 0, "no row above the first"
        await pilot.press("enter")
        assert app.selected == [0]


async def test_a_click_moves_the_cursor_and_a_second_click_selects():
    app = Host()
    async with app.run_test(size=(60, 20)) as pilot:
        table = await shown(pilot)
        await pilot.click(WideTable, offset=(2, 4))  # the header, then rows 0, 1, 2
        assert table.cursor_row == 3 and app.selected == []
        await pilot.click(WideTable, offset=(2, 4))
        assert app.selected == [3]


async def test_a_new_table_keeps_the_cursor_within_its_rows():
    app = Host()
    async with app.run_test() as pilot:
        table = app.query_one(WideTable)
        table.show(COLUMNS, ROWS)
        table.move_cursor(row=8)
        table.show(COLUMNS, ROWS[:3])
        await pilot.pause()
        assert table.cursor_row == 2
        table.clear()
        await pilot.pause()
        assert table.row_count == 0 and table.columns == ()
        assert screen_lines(app)[0].strip() == ""
