"""Pilot tests of Shift+H in the calendar: the year's holidays and breaks, edited with keys."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Input, Static

from rcro_tui.db.connection import open_database
from rcro_tui.db.holidays import Holiday, list_holidays
from rcro_tui.model import HolidayKind
from rcro_tui.rules import AcademicYear
from rcro_tui.screens.calendar import CalendarScreen
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.holiday_form import HolidayFormScreen
from rcro_tui.screens.holidays import HolidaysScreen, dates_cell, table_layout

SIZE = (100, 30)
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
YEAR = AcademicYear(2026)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_holidays(pilot, day: str | None = None) -> HolidaysScreen:
    """The calendar (on `day`, typed as 19.04.2022, if given), then Shift+H."""
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    if day:
        await pilot.press("g", *day, "enter")
        await settle(pilot)
    await pilot.press("H")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HolidaysScreen)
    return screen


def rows(screen: HolidaysScreen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def stored(demo_path, year: AcademicYear = YEAR):
    db = open_database(demo_path)
    try:
        return list_holidays(db, year)
    finally:
        db.close()


def error_line(screen, name: str) -> str:
    line = screen.query_one(f"#e-{name}", Static)
    return str(line.render()) if line.display else ""


async def type_into(pilot, field: str, text: str) -> None:
    pilot.app.screen.query_one(f"#f-{field}", Input).focus()
    await pilot.press("end", "ctrl+u", *text)


async def test_shift_h_opens_the_academic_year_of_the_cursor_day(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_holidays(pilot)
        assert screen.year == YEAR
        assert str(screen.query_one("#holidays-title", Static).render()) == \
            "Каникулы и праздники · 2026/2027 учебный год"
        table = rows(screen)
        assert len(table) == 14
        assert table[0] == ["31 октября – 8 ноября 2026 г.", "Осенние каникулы", "каникулы",
                            "9 дней"]
        assert table[1] == ["4 ноября 2026 г.", "День народного единства", "праздник", "1 день"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)
        await pilot.press("g", *"19.04.2022", "enter", "Р")  # Russian layout: Shift+Р
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HolidaysScreen) and screen.year == AcademicYear(2021)
        empty = str(screen.query_one("#holidays-empty", Static).render())
        assert empty.startswith("В 2021/2022 учебном году праздников и каникул пока нет.")
        assert not screen.query_one(DataTable).display


async def test_a_break_added_with_keys_shades_the_month_after_closing(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_holidays(pilot, "02.02.2027")
        calendar = app.screen_stack[-2]
        assert calendar.window.marks.get(date(2027, 2, 2)) is None
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, HolidayFormScreen)
        await pilot.press(*"01.02.2027", "tab", *"07.02.2027", "tab",
                          *"Дополнительные каникулы для первоклассников", "enter")
        await settle(pilot)
        assert app.screen is screen
        table = rows(screen)
        assert len(table) == 15
        assert screen.current().name == "Дополнительные каникулы для первоклассников"
        assert table[screen.query_one(DataTable).cursor_row][0] == "1–7 февраля 2027 г."
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is calendar
        assert calendar.window.marks[date(2027, 2, 2)] == (
            "school_break", "Дополнительные каникулы для первоклассников")
        status = str(calendar.query_one("#calendar-status", Static).render())
        assert status.endswith("· Дополнительные каникулы для первоклассников")
    db = open_database(demo_path)
    change = db.execute("SELECT user, action FROM changes WHERE table_name = 'holidays' "
                        "ORDER BY id DESC LIMIT 1").fetchone()
    db.close()
    assert change == ("ivanova", "insert")


async def test_the_form_shows_each_problem_under_its_field_and_writes_nothing(make_app,
                                                                            demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_holidays(pilot)
        await pilot.press("insert")
        await settle(pilot)
        form = app.screen
        await pilot.press(*"08.11.2026", "tab", *"31.10.2026", "enter")
        await settle(pilot)
        assert app.screen is form
        assert error_line(form, "last_day") == \
            "Последний день (31.10.2026) раньше первого (08.11.2026)."
        assert error_line(form, "name").startswith("Название: впишите")
        assert error_line(form, "first_day") == ""
        await type_into(pilot, "last_day", "10.11.2026")
        await type_into(pilot, "name", "Доп. дни")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert error_line(form, "period").startswith(
            "Даты пересекаются с каникулами «Осенние каникулы»")
        assert error_line(form, "last_day") == "" and error_line(form, "name") == ""
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HolidaysScreen)
    assert len(stored(demo_path)) == 14


async def test_enter_and_e_edit_the_row_under_the_cursor(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_holidays(pilot)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, HolidayFormScreen)
        assert form.query_one("#f-first_day", Input).value == "31.10.2026"
        assert form.query_one("#f-name", Input).value == "Осенние каникулы"
        await type_into(pilot, "first_day", "24.10.2026")
        await type_into(pilot, "last_day", "01.11.2026")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert rows(screen)[0][0] == "24 октября – 1 ноября 2026 г."
        await pilot.press("down", "e")
        await settle(pilot)
        assert app.screen.query_one("#f-name", Input).value == "День народного единства"
        await type_into(pilot, "name", "День народного единства (пн)")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert rows(screen)[1][1] == "День народного единства (пн)"
        assert screen.current().name == "День народного единства (пн)"
    names = {h.name: h for h in stored(demo_path)}
    assert names["Осенние каникулы"].first_day == date(2026, 10, 24)


async def test_delete_asks_first(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_holidays(pilot)
        await pilot.press("d")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert dialog.question.startswith(
            "Удалить каникулы «Осенние каникулы» (31 октября – 8 ноября 2026 г.)?")
        await pilot.press("n")
        await settle(pilot)
        assert len(rows(screen)) == 14
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert [row[1] for row in rows(screen)][:2] == ["День народного единства",
                                                        "Зимние каникулы"]
    assert "Осенние каникулы" not in {h.name for h in stored(demo_path)}


async def test_years_switch_with_n_and_p_and_f_fills_the_holidays_once(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_holidays(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert screen.year == AcademicYear(2027)
        assert str(screen.query_one("#holidays-title", Static).render()).endswith(
            "2027/2028 учебный год")
        assert screen.query_one("#holidays-empty").display
        await pilot.press("f")
        await settle(pilot)
        table = rows(screen)
        assert len(table) == 7 and table[0][:3] == ["4 ноября 2027 г.", "День народного единства",
                                                    "праздник"]
        await pilot.press("f")
        await settle(pilot)
        assert len(rows(screen)) == 7
        assert any("уже внесены" in n.message for n in app._notifications)
        await pilot.press("p", "p")
        await settle(pilot)
        assert screen.year == AcademicYear(2025) and rows(screen) == []
        await pilot.press("n")
        await settle(pilot)
        assert len(rows(screen)) == 14
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.cursor == date(2026, 11, 23)
    assert len(stored(demo_path, AcademicYear(2027))) == 7


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_snapshot(snap_compare, make_app, size):
    async def go(pilot):
        await open_holidays(pilot)
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZES[size], run_before=go)


def test_snapshot_form_with_errors(snap_compare, make_app):
    async def go(pilot):
        await open_holidays(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"31.02.2027", "tab", *"08.03.2027", "enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZES["80x24"], run_before=go)


def test_dates_are_written_short_only_where_the_name_would_not_fit():
    holidays = [Holiday(1, date(2026, 12, 29), date(2027, 1, 11), "Зимние каникулы",
                        HolidayKind.SCHOOL_BREAK),
                Holiday(2, date(2026, 11, 4), date(2026, 11, 4), "День народного единства",
                        HolidayKind.PUBLIC)]
    assert table_layout(holidays, 110) == (False, [38, 23, 8, 7])
    assert table_layout(holidays, 74) == (True, [21, 23, 8, 7])
    short, widths = table_layout(holidays, 60)
    assert short and widths[1] == 16
    assert dates_cell(holidays[0], True) == "29.12.2026–11.01.2027"
    assert dates_cell(holidays[1], True) == "04.11.2026"
    assert dates_cell(holidays[1], False) == "4 ноября 2026 г."
