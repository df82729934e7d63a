"""The detail screen opened from the calendar, and `rcro-tui events show`, which prints the same."""

from __future__ import annotations

from click.testing import CliRunner
from textual.containers import VerticalScroll

from rcro_tui.cli import main
from rcro_tui.db.connection import open_database
from rcro_tui.db.event_detail import event_detail
from rcro_tui.screens.calendar import CalendarScreen
from rcro_tui.screens.event_detail import EventDetailScreen, detail_text

SIZE = (80, 24)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_detail_opened_from_the_calendar_shows_feeds_and_history(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        calendar = app.screen
        assert isinstance(calendar, CalendarScreen)
        await pilot.press("g", *"19.04.2022", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EventDetailScreen) and screen.event_id == 3
        text = str(screen.query_one("#event-detail-text").render())
        feeds = text.index("Ленты")
        assert text.index("Целевая аудитория") < feeds < text.index("История изменений")
        assert "• Общая лента региона\n• Программа «Парк ЕНОТо»\n• г. Томск\n" in text
        assert text.rstrip().endswith("1 сентября 2026 г., 10:00 — demo: создано")
        scroll = screen.query_one("#event-detail", VerticalScroll)
        assert scroll.scroll_y == 0
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y > 0, "the history is at the very end"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is calendar


def run(*args: str) -> tuple[int, str, str]:
    """`rcro-tui ARGS` in this process: exit code, stdout and stderr."""
    with CliRunner().isolation() as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


def test_events_show_prints_what_the_screen_shows(demo_path):
    code, out, err = run("--db", str(demo_path), "events", "show", "3")
    assert code == 0, err
    db = open_database(demo_path)
    try:
        assert out == detail_text(event_detail(db, 3))
    finally:
        db.close()
    lines = out.splitlines()
    assert lines[0] == "Стратегическая сессия проекта ФИП «Парк ЕНОТо»"
    assert "Когда        19 апреля 2022 г., 14:00–17:00" in lines
    assert "             Худобина Юлия Петровна" in lines, "a multi-line value stays in its column"
    assert lines[lines.index("Ленты") + 1] == "• Общая лента региона"
    assert lines[-2:] == ["История изменений", "1 сентября 2026 г., 10:00 — demo: создано"]
    assert "[b]" not in out and "[$text-muted]" not in out, "no markup left in the text"


def test_events_show_finds_an_event_by_uid_and_says_when_there_is_none(demo_path):
    by_uid = run("--db", str(demo_path), "events", "show", "event-3@rcro.tomsk.ru")
    assert by_uid[0] == 0 and by_uid[1] == run("--db", str(demo_path), "events", "show", "3")[1]
    code, out, err = run("--db", str(demo_path), "events", "show", "99999")
    assert code == 1 and out == ""
    assert "Мероприятие «99999» не найдено" in err
