"""Pilot tests of the Календарь section: every view, moving, jumping to a date, opening."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Static

from rcro_tui.calendar_layout import CalendarView
from rcro_tui.screens.cal_agenda import AgendaView
from rcro_tui.screens.cal_year import YearView
from rcro_tui.screens.calendar import CalendarScreen
from rcro_tui.screens.day_events import DayEventsScreen
from rcro_tui.screens.event_detail import EventDetailScreen
from rcro_tui.screens.goto_date import GoToDateScreen

SIZE = (80, 24)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_calendar(pilot) -> CalendarScreen:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CalendarScreen)
    return screen


def label(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_opens_on_the_month_of_today_with_its_events(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        assert screen.view is CalendarView.MONTH
        assert label(screen, "#calendar-title") == "Ноябрь 2026 · Месяц"
        assert label(screen, "#calendar-status").startswith("Пн, 23 ноября 2026 г. — ")
        assert screen.window.first == date(2026, 10, 26), "weeks start on Monday"
        assert screen.window.last == date(2026, 12, 6)
        assert screen.window.items, "the demo has November events"


async def test_arrows_hjkl_and_russian_layout_move_the_cursor(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        for key, expected in (("l", date(2026, 11, 24)), ("j", date(2026, 12, 1)),
                              ("left", date(2026, 11, 30)), ("k", date(2026, 11, 23)),
                              ("д", date(2026, 11, 24)), ("n", date(2026, 12, 24)),
                              ("pageup", date(2026, 11, 24)), ("з", date(2026, 10, 24)),
                              ("t", date(2026, 11, 23))):
            await pilot.press(key)
            await settle(pilot)
            assert screen.cursor == expected, key
        await pilot.press("n")
        await settle(pilot)
        assert label(screen, "#calendar-title") == "Декабрь 2026 · Месяц"
        assert screen.window.first <= date(2026, 12, 23) <= screen.window.last


async def test_g_goes_to_a_typed_date_and_refuses_a_date_that_does_not_exist(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GoToDateScreen)
        await pilot.press(*"31.02.2022", "enter")
        await pilot.pause()
        assert "такой даты нет" in str(app.screen.query_one("#goto-error", Static).render())
        app.screen.query_one(Input).value = ""
        await pilot.press(*"19.04.2022", "enter")
        await settle(pilot)
        assert app.screen is screen and screen.cursor == date(2022, 4, 19)
        assert label(screen, "#calendar-title") == "Апрель 2022 · Месяц"
        assert "Парк ЕНОТо" in " ".join(item.title for item in screen.window.items)
        await pilot.press("enter")  # the only event of the day opens directly
        await settle(pilot)
        assert isinstance(app.screen, EventDetailScreen)
        assert app.screen.event_id == 3


async def test_enter_on_a_busy_day_lists_its_events(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        await pilot.press("g", *"05.12.2026", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DayEventsScreen)
        assert len(app.screen.items) == 4
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, EventDetailScreen)
        await pilot.press("escape")
        assert app.screen is screen


async def test_week_view_shows_monday_to_sunday(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        await pilot.press("ц")  # «w» in the Russian layout
        await settle(pilot)
        assert screen.view is CalendarView.WEEK
        assert (screen.window.first, screen.window.last) == (date(2026, 11, 23), date(2026, 11, 29))
        assert label(screen, "#calendar-title") == "23–29 ноября 2026 г. · Неделя"
        await pilot.press("n")
        await settle(pilot)
        assert screen.window.first == date(2026, 11, 30)
        assert label(screen, "#calendar-title") == "30 ноября – 6 декабря 2026 г. · Неделя"


async def test_agenda_moves_event_by_event_and_opens_one(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        await pilot.press("a")
        await settle(pilot)
        agenda = screen.query_one(AgendaView)
        first = agenda.current()
        assert first is not None and date(2026, 11, 23) in first.days()
        before = agenda.selected
        await pilot.press("j")
        assert agenda.selected > before, "the next line with an event (headings are skipped)"
        second = agenda.current()
        assert second is not None and screen.cursor == agenda.lines[agenda.selected][0]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EventDetailScreen)
        assert app.screen.event_id == second.event_id


async def test_agenda_keeps_the_chosen_event_when_its_month_is_read_again(make_app, demo_db):
    """A new read of the month (a colleague's change, a filter that keeps the event) leaves the
    cursor on the same event."""
    from rcro_tui.db.calendar_data import load_window

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        await pilot.press("a")
        await settle(pilot)
        agenda = screen.query_one(AgendaView)
        await pilot.press("j", "j")
        chosen = agenda.current()
        window = load_window(demo_db, CalendarView.AGENDA, screen.cursor)
        agenda.window = window
        await pilot.pause()
        assert agenda.current() == chosen and agenda.selected > 0


def _agenda_text(agenda: AgendaView, line: int) -> str:
    agenda.scroll_to(y=max(0, line - 3), animate=False, immediate=True)
    return "".join(segment.text for y in range(agenda.size.height)
                   for segment in agenda.render_line(y))


async def test_switching_views_does_not_rebuild_the_footer(make_app):
    """Textual's footer rebuilds itself on every focus change; ours only when its keys change."""
    from rcro_tui.screens.footer import Footer

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        footer = screen.query_one(Footer)
        keys_before = list(footer.children)
        for key in "wayM":
            await pilot.press(key.lower())
            await settle(pilot)
        assert list(footer.children) == keys_before
        await pilot.press("slash")  # the search box: Esc and Enter instead of the view keys
        await settle(pilot)
        assert list(footer.children) != keys_before


async def test_year_view_counts_every_event_of_the_academic_year(make_app, demo_db):
    from rcro_tui.db.occurrences import occurrences

    expected = sum(len(item.days()) for item in
                   occurrences(demo_db, date(2026, 9, 1), date(2027, 8, 31)))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert label(screen, "#calendar-title") == "2026/2027 учебный год · Учебный год"
        assert sum(screen.window.counts.values()) == expected
        await pilot.press("down")
        await settle(pilot)
        assert screen.cursor == date(2026, 12, 23), "down is the next month in the planner"
        assert screen.query_one(YearView).preview == [
            item for item in occurrences(demo_db, date(2026, 12, 23), date(2026, 12, 23))]


async def test_search_narrows_the_calendar_as_you_type(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        everything = sum(screen.window.counts.values())
        await pilot.press("/", *"ВсОШ")
        await settle(pilot)
        assert screen.filter.text == "ВсОШ"
        titles = [item.title for item in screen.window.items]
        assert titles and all("ВсОШ" in title or "всош" in title.lower() for title in titles)
        assert sum(screen.window.counts.values()) < everything
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one("#month").has_focus, "closing search goes back to the calendar"
        await pilot.press("l")
        assert screen.cursor == date(2026, 11, 24)


async def test_the_month_reads_as_many_titles_a_day_as_its_cells_show(make_app):
    """Only what fits is read whole (the rest is counted); a taller grid reads more."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calendar(pilot)  # the first read comes before the grid's size
        month = screen.query_one("#month")
        await pilot.press("n", "p")
        await settle(pilot)
        small = screen.window.titles_per_day
        assert small == month.titles_that_fit(screen.cursor) and 1 <= small < 8
        await pilot.resize_terminal(120, 50)
        await settle(pilot)
        assert screen.window.titles_per_day == month.titles_that_fit(screen.cursor) > small


async def test_a_keystroke_that_finds_the_same_events_reads_nothing(make_app):
    """A first letter (search starts at the second) or a trailing space leaves the window."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        shown = screen.window
        await pilot.press("/", "В")
        await settle(pilot)
        assert screen.filter.text == "В" and screen.window is shown
        await pilot.press("с")
        await settle(pilot)
        assert screen.window is not shown
        narrowed = screen.window
        await pilot.press("space")
        await settle(pilot)
        assert screen.filter.text == "Вс " and screen.window is narrowed


async def test_event_keys_work_in_the_calendar(make_app):
    from rcro_tui.screens.event_editor import EventEditorScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        await pilot.press("g", *"19.04.2022", "enter")
        await settle(pilot)
        assert screen.current_event_id() == 3, "the day's only event"
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EventEditorScreen)


def test_every_screen_uses_the_footer_that_skips_needless_rebuilds():
    """Textual's own Footer rebuilds ~40 widgets on every focus change (see screens/footer.py)."""
    import re
    from pathlib import Path

    import rcro_tui.screens as screens

    folder = Path(screens.__file__).parent
    direct = [path.name for path in folder.glob("*.py") if path.name != "footer.py"
              and re.search(r"from textual\.widgets import [^\n]*\bFooter\b", path.read_text())]
    assert direct == []


async def test_year_preview_reads_a_screenful_and_counts_the_rest(make_app, demo_path):
    """A day of 70 webinars: the planner reads 60 of them and says how many more there are."""
    from datetime import datetime, timedelta

    from rcro_tui.db.connection import open_database
    from rcro_tui.db.events import EventDraft, add_event
    from rcro_tui.model import EventFormat, EventKind
    from rcro_tui.screens.calendar import PREVIEW_LIMIT

    db = open_database(demo_path)
    try:
        for n in range(70):
            start = datetime(2026, 11, 24, 8) + timedelta(minutes=5 * n)
            add_event(db, EventDraft(title=f"Вебинар {n:02d}", kind=EventKind.WEBINAR, start=start,
                                     end=start + timedelta(hours=1), format=EventFormat.ONLINE,
                                     online_url="https://example.org/w"), user="demo")
    finally:
        db.close()
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        screen = await open_calendar(pilot)
        await pilot.press("y", "l")
        await settle(pilot)
        year = screen.query_one(YearView)
        total = screen.window.count_on(date(2026, 11, 24))
        assert total >= 70
        assert len([item for item in year.preview if item.first_day == item.last_day]) \
            == PREVIEW_LIMIT
        under = year.render().plain.splitlines()[14:]  # weekday letters, 12 months, a blank
        assert under[-1].strip() == f"… и ещё {total - (len(under) - 1)}"
