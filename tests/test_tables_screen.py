"""«Таблицы» by keys: pick a table, what it is of and the year, preview, export with a
progress bar and Russian errors; SVG snapshots at 80×24 and 120×40."""

from __future__ import annotations

import io

import openpyxl
import pytest

from rcro_tui.screens.table_export import TableExportScreen
from rcro_tui.screens.table_picker import TableChoiceScreen
from rcro_tui.screens.tables import TablesScreen
from rcro_tui.screens.view_table import ViewTable

SIZE = (120, 40)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def preview(app) -> ViewTable:
    return app.screen.query_one("#tables-preview", ViewTable)


def notices(app) -> str:
    return " ".join(str(notice.message) for notice in app._notifications)


def params_line(app) -> str:
    return str(app.screen.query_one("#tables-params").render())


async def test_key_6_opens_the_tables_with_this_years_calendar(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await settle(pilot)
        assert isinstance(app.screen, TablesScreen)
        view = preview(app).view
        assert view.title == "Календарь образовательных событий на 2026/2027 учебный год"
        assert len(view.rows) == 176 and view.rows[0][0] == "03.09.2026"
        assert params_line(app) == "Год 2026/2027 (Y)"


async def test_choosing_a_district_by_typing_and_another_year(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "down", "down")
        await settle(pilot)
        assert "Муниципалитет: г. Томск (P)" in params_line(app)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, TableChoiceScreen)
        await pilot.press(*"зырян", "enter")
        await settle(pilot)
        assert preview(app).view.title == "Мероприятия: Зырянский район, 2026/2027 учебный год"
        assert len(preview(app).view.rows) == 3
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("down", "enter")  # the years with events, newest first
        await settle(pilot)
        assert preview(app).view.title == "Мероприятия: Зырянский район, 2021/2022 учебный год"
        await pilot.press("p", "escape")
        await settle(pilot)
        assert "Зырянский район" in params_line(app), "Esc keeps the choice"


async def test_a_year_only_table_says_there_is_nothing_to_choose(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "p")
        await settle(pilot)
        assert isinstance(app.screen, TablesScreen)
        assert "выбирается только учебный год" in notices(app)


async def test_export_to_xlsx_then_the_dialog_closes_with_a_notice(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", *["down"] * 7)  # «Итоги этапа по районам»
        await settle(pilot)
        assert preview(app).view.title.endswith("итоги по районам")
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, TableExportScreen)
        path_input = dialog.query_one("#export-path")
        assert path_input.value.endswith("/totals.html")
        await pilot.press("down", "enter")
        assert path_input.value.endswith("/totals.xlsx") and path_input.has_focus
        path_input.value = str(tmp_path)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TablesScreen)
        saved = tmp_path / "totals.xlsx"
        sheet = openpyxl.load_workbook(io.BytesIO(saved.read_bytes())).active
        assert sheet["A5"].value == "г. Томск" and sheet["B5"].value == 56
        assert f"Таблица сохранена: {saved}" in notices(app)


async def test_a_bad_path_is_said_in_the_dialog_which_stays_open(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "e")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#export-path").value = str(tmp_path / "нет" / "год.html")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        problem = dialog.query_one("#export-problem")
        assert problem.display and "папки «" in str(problem.render())
        assert not dialog.query_one("#export-progress").display
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TablesScreen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_tables_snapshot(snap_compare, make_app, size):
    async def go(pilot):
        await settle(pilot)
        await pilot.press("6", "down", "down", "down", "down")  # the programme's network
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=go)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_table_export_snapshot(snap_compare, make_app, size):
    async def go(pilot):
        await settle(pilot)
        await pilot.press("6", "down", "down", "down", "down", "down")  # a stage's protocol
        await settle(pilot)
        await pilot.press("e", "down")
        await settle(pilot)
        pilot.app.screen.query_one("#export-path").value = "/home/ivanova/protocol.xlsx"
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=go)


async def test_a_table_longer_than_its_preview_exports_every_row(make_app, tmp_path,
                                                                 monkeypatch):
    """The preview shows the first rows of a long table; the file holds them all."""
    from rcro_tui.screens import view_table

    monkeypatch.setattr(view_table, "SHOWN_ROWS", 3)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await settle(pilot)
        shown = preview(app)
        assert len(shown.view.rows) == 3 and shown.total > 3
        await pilot.press("e")
        await settle(pilot)
        path_input = app.screen.query_one("#export-path")
        await pilot.press("down", "enter")  # xlsx
        path_input.value = str(tmp_path)
        await pilot.press("enter")
        await settle(pilot)
        [saved] = tmp_path.glob("*.xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(saved.read_bytes())).active
        titles = [row[0] for row in sheet.iter_rows(values_only=True) if row and row[0]]
        assert len(titles) >= shown.total
