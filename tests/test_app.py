"""Pilot tests: real key presses on the app running on the demo region (80×24, fixed date)."""

from __future__ import annotations

from datetime import datetime

from textual.color import Color
from textual.widgets import DataTable, TabbedContent

from rcro_tui.screens.agenda import AgendaScreen
from rcro_tui.screens.calendar import CalendarScreen
from rcro_tui.screens.event_detail import EventDetailScreen
from rcro_tui.screens.help import HelpScreen
from rcro_tui.screens.sections import NetworkScreen, PublishScreen, StagesScreen
from rcro_tui.screens.view_table import ViewTable

SIZE = (80, 24)
TODAY = datetime(2026, 11, 23).date()


async def settle(pilot) -> None:
    """Wait until every table has been read from the database and painted."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def shown_rows(screen) -> list[tuple[str, ...]]:
    table = screen.query_one(ViewTable)
    return list(table.view.rows) if table.view else []


async def test_opens_on_upcoming_events_with_header(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        rows = shown_rows(app.screen)
        assert len(rows) > 20
        last_days = [datetime.strptime(row[0][-10:], "%d.%m.%Y").date() for row in rows]
        assert min(last_days) >= TODAY, "nothing that ended before today"
        firsts = [datetime.strptime(row[0][:10], "%d.%m.%Y").date() for row in rows]
        assert firsts == sorted(firsts), "soonest first"
        assert app.sub_title == "demo.sqlite · ivanova · 2026/2027 уч. год"
        assert app.screen.title == "Ближайшие"


async def test_digits_switch_sections(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for key, screen_type in (("2", CalendarScreen), ("3", NetworkScreen),
                                 ("4", StagesScreen), ("5", PublishScreen), ("1", AgendaScreen)):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen_type), key
            shown = [t for t in app.screen.query(ViewTable)
                     if all(w.display for w in t.ancestors_with_self if hasattr(w, "display"))]
            assert all(t.view is not None for t in shown), key


async def test_enter_opens_the_event_and_escape_closes_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first_title = shown_rows(app.screen)[0][2]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EventDetailScreen)
        text = str(app.screen.query_one("#event-detail-text").render())
        assert first_title[:30] in text and "Когда" in text and "UID" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)


async def test_tabs_of_a_section_switch_with_brackets(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        tabs = app.screen.query_one(TabbedContent)
        assert tabs.active == "tab-districts"
        districts = app.screen.query_one("#table-districts", ViewTable).view
        assert len(districts.rows) == 20
        await pilot.press("]")
        assert tabs.active == "tab-organizations"
        assert app.focused is app.screen.query_one("#orgs-search"), "type to search at once"
        await pilot.press("[", "[")
        assert tabs.active == "tab-rounds"
        await pilot.press("[")
        assert tabs.active == "tab-matrix"
        await settle(pilot)  # a tab reads its table when it is shown
        assert app.screen.query_one("#table-matrix", ViewTable).view is not None


async def test_f1_lists_every_key_in_russian(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {text for _, text in app.screen.rows}
        assert {"Ближайшие", "Календарь", "Сеть", "Отборы", "Публикация", "Справка", "Выход",
                "Месяц", "Неделя", "Список", "Учебный год", "Пред. период", "След. период",
                "Сегодня", "Дата…", "День назад", "Вверх", "Обновить", "Открыть"} <= described
        keys = dict((text, keys) for keys, text in app.screen.rows)
        assert keys["Выход"] == "q F10" and keys["Справка"].startswith("F1")
        await pilot.press("escape")
        assert isinstance(app.screen, CalendarScreen)


async def test_command_palette_is_russian_and_switches_sections(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Отборы")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StagesScreen)


async def test_q_and_its_russian_twin_quit(make_app):
    for key in ("q", "й", "f10"):
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(key)
            await pilot.pause()
        assert app.return_code == 0, key
        assert not app.is_running


async def test_an_empty_database_says_what_to_do(tmp_path, make_app):
    from rcro_tui.db.connection import open_database

    path = tmp_path / "empty.sqlite"
    open_database(path).close()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        empty = app.screen.query_one(".view-empty")
        assert empty.display and "rcro-tui demo" in str(empty.render())


async def test_a_theme_change_reaches_sections_opened_before_and_after(make_app):
    """The app restyles less often than Textual would (`RcroApp.refresh_css`), never too little."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        dark = app.screen.query_one("Footer").styles.background
        app.theme = "textual-light"
        await settle(pilot)
        for key in "123":
            await pilot.press(key)
            await settle(pilot)
            background = Color.parse(app.get_css_variables()["footer-background"])
            assert app.screen.query_one("Footer").styles.background == background != dark
