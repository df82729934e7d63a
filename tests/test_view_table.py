"""The shared table of views: read when first shown, at most `SHOWN_ROWS` rows on screen."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Label, TabbedContent, TabPane

from rcro_tui.db.views import TableView
from rcro_tui.screens import view_table
from rcro_tui.screens.view_table import ViewTable, view_title


def numbered(count: int) -> TableView:
    view = TableView("Участники", ("№", "Фамилия"))
    for n in range(count):
        view.add(n + 1, str(n + 1), f"Участник {n + 1}")
    return view


class TwoTabs(App[None]):
    """A shown tab and a hidden one, each with a table that counts its reads."""

    def __init__(self, db_path, rows: int) -> None:
        super().__init__()
        self.db_path, self.rows = db_path, rows
        self.reads = {"first": 0, "second": 0}

    def compose(self) -> ComposeResult:
        with TabbedContent():
            for name in self.reads:
                with TabPane(name, id=f"tab-{name}"):
                    yield ViewTable(self.db_path, self._builder(name), narrow_hint="/ — найти",
                                    id=f"table-{name}")

    def _builder(self, name: str):
        def build(db) -> TableView:
            self.reads[name] += 1
            return numbered(self.rows)
        return build


async def test_a_table_in_a_hidden_tab_is_read_when_the_tab_is_opened(tmp_path):
    app = TwoTabs(tmp_path / "any.sqlite", 3)
    async with app.run_test() as pilot:
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        assert app.reads == {"first": 1, "second": 0}
        app.query_one(TabbedContent).active = "tab-second"
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.reads == {"first": 1, "second": 1}
        assert app.query_one("#table-second DataTable", DataTable).row_count == 3


async def test_a_long_list_shows_its_first_rows_and_says_how_many_there_are(tmp_path,
                                                                            monkeypatch):
    monkeypatch.setattr(view_table, "SHOWN_ROWS", 50)
    app = TwoTabs(tmp_path / "any.sqlite", 1234)
    async with app.run_test() as pilot:
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.query_one("#table-first", ViewTable)
        assert table.query_one(DataTable).row_count == 50
        assert len(table.view.rows) == 50 and table.total == 1234
        title = str(table.query_one(".view-title", Label).render())
        assert title == "Участники — 1234, показаны первые 50 (/ — найти)"


def test_titles_of_short_and_long_lists():
    assert view_title("Участники", 12) == "Участники — 12"
    assert view_title("Участники", 100_000, "/ — найти") == \
        "Участники — 100\u00a0000, показаны первые 2000 (/ — найти)"
    assert view_title("Участники", view_table.SHOWN_ROWS + 1) == \
        "Участники — 2001, показаны первые 2000"
