"""Warnings on screen, with real key presses: the editor, the calendar's list and status line,
the day list, «Ближайшие» and the event detail; and their snapshots."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from textual.widgets import Input, Static

from rcro_tui.db.connection import open_database
from rcro_tui.db.event_edit import draft_of
from rcro_tui.db.events import add_event
from rcro_tui.screens.cal_agenda import AgendaView
from rcro_tui.screens.day_events import DayEventsScreen
from rcro_tui.screens.event_detail import EventDetailScreen
from rcro_tui.screens.event_editor import EventEditorScreen
from rcro_tui.screens.view_table import RowTable, ViewTable

SIZE = (80, 24)
MASTER_CLASS = "Мастер-класс для педагогов по работе с экспериментальным оборудованием%"
ADDED = "Консультация по рентгеноструктурному анализу"


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def event_id(path, title_like: str) -> int:
    db = open_database(path)
    try:
        return db.execute("SELECT id FROM events WHERE title LIKE ?", [title_like]).fetchone()[0]
    finally:
        db.close()


@pytest.fixture
def clash_path(demo_path):
    """The demo plus a consultation of ТПУ in the same room during its master class
    (26 November 2026, 15:00–17:00): both get «Организатор занят» and «Место занято»."""
    db = open_database(demo_path)
    try:
        master, _ = draft_of(db, event_id(demo_path, MASTER_CLASS))
        add_event(db, replace(master, title=ADDED, start=datetime(2026, 11, 26, 16),
                              end=datetime(2026, 11, 26, 18), audience=(), agenda=()),
                  user="ivanova")
    finally:
        db.close()
    return demo_path


def block_text(app) -> str:
    block = app.screen.query_one("#editor-warnings", Static)
    return str(block.render()) if block.display else ""


async def test_the_editor_warns_when_a_typed_time_clashes_and_stops_when_it_does_not(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        master = event_id(app.db_path, MASTER_CLASS)
        view = app.screen.query_one(ViewTable).view
        for _ in range(view.keys.index(master)):
            await pilot.press("down")
        await pilot.press("e")
        await pilot.pause(0.8)
        await settle(pilot)
        assert isinstance(app.screen, EventEditorScreen) and block_text(app) == ""
        for field, text in (("start_date", "14.11.2026"), ("end_date", "14.11.2026"),
                            ("start_time", "13:00"), ("end_time", "14:00")):
            app.screen.query_one(f"#f-{field}", Input).focus()
            await pilot.press("end", "ctrl+u", *text)
        await pilot.pause(0.8)
        await settle(pilot)
        shown = block_text(app)
        assert ("⚠ Организатор занят: «Университетская суббота: энергетика будущего» "
                "14 ноября 2026 г., 12:00–14:00") in shown
        assert "⚠ Место занято: «Университетская суббота" in shown
        app.screen.query_one("#f-start_time", Input).focus()
        await pilot.press("end", "ctrl+u", *"14:00")
        await pilot.pause(0.8)
        await settle(pilot)
        assert block_text(app) == "", "14:00–14:00 after 12:00–14:00 is no clash"


async def open_calendar_on_the_clash(pilot, view_key: str):
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    await pilot.press(view_key)
    await settle(pilot)
    await pilot.press("g", *"26.11.2026", "enter")
    await settle(pilot)
    return pilot.app.screen


def status(screen) -> str:
    return str(screen.query_one("#calendar-status", Static).render())


async def test_the_calendar_list_marks_the_clashing_events_and_counts_them(make_app, clash_path):
    app = make_app(clash_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_calendar_on_the_clash(pilot, "a")
        agenda = screen.query_one(AgendaView)
        items = [(day, agenda._item(index)) for index, (day, _ref) in enumerate(agenda.lines)]
        marked = {item.title for day, item in items
                  if item and "⚠" in "".join(text for text, _ in agenda.event_pieces(
                      day, item, 100, False))}
        assert marked == {ADDED, event_title(app.db_path, MASTER_CLASS)}
        assert agenda.current().title.startswith("Мастер-класс для педагогов")
        assert status(screen).endswith(" · ⚠ 2 предупреждения")
        await pilot.press("j")
        assert agenda.current().title == ADDED
        assert status(screen).endswith(" · ⚠ 2 предупреждения")
        await pilot.press("k", "k")
        assert "⚠" not in status(screen), "the event before has no warnings"


def event_title(path, title_like: str) -> str:
    db = open_database(path)
    try:
        return db.execute("SELECT title FROM events WHERE title LIKE ?", [title_like]).fetchone()[0]
    finally:
        db.close()


async def test_the_month_status_counts_the_days_warnings_and_the_day_list_marks(make_app,
                                                                                clash_path):
    app = make_app(clash_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar_on_the_clash(pilot, "m")
        assert status(screen) == ("Чт, 26 ноября 2026 г. — 2 мероприятия · "
                                  "⚠ 4 предупреждения")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DayEventsScreen)
        table = app.screen.query_one(RowTable)
        titles = [table.get_cell(str(item.event_id), "title") for item in app.screen.items]
        assert all(title.startswith("⚠ ") for title in titles) and len(titles) == 2
        await pilot.press("escape", "l")
        await settle(pilot)
        assert "⚠" not in status(screen)


async def test_upcoming_marks_the_clashing_events(make_app, clash_path):
    app = make_app(clash_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ViewTable).view
        marked = [row[2] for row in view.rows if row[2].startswith("⚠ ")]
        assert marked[:2] == [f"⚠ {event_title(app.db_path, MASTER_CLASS)}", f"⚠ {ADDED}"]
        assert "⚠ Региональный этап ВсОШ по физике" in marked, "the demo's own January clash"
        assert len(marked) == 4 < len(view.rows)


async def test_the_detail_lists_the_warnings(make_app, clash_path):
    app = make_app(clash_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar_on_the_clash(pilot, "a")
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, EventDetailScreen)
        text = str(app.screen.query_one("#event-detail-text", Static).render())
        assert "Предупреждения" in text
        assert "⚠ Организатор занят: «Мастер-класс для педагогов" in text
        assert "⚠ Место занято: «Мастер-класс для педагогов" in text


def test_snapshot_calendar_list_with_warnings(snap_compare, make_app, clash_path):
    async def go(pilot):
        await open_calendar_on_the_clash(pilot, "a")

    assert snap_compare(make_app(clash_path), terminal_size=(120, 40), run_before=go)


def test_snapshot_detail_with_warnings(snap_compare, make_app, clash_path):
    async def go(pilot):
        await open_calendar_on_the_clash(pilot, "a")
        await pilot.press("j", "enter")
        await settle(pilot)

    assert snap_compare(make_app(clash_path), terminal_size=SIZE, run_before=go)


@pytest.mark.parametrize("view_key", ["m", "a"])
async def test_a_search_keystroke_keeps_the_periods_warnings(make_app, clash_path, monkeypatch,
                                                           view_key):
    """Warnings do not depend on the filter: typing a search reads them no second time, and
    the clash is still counted; moving to another month reads them again."""
    from rcro_tui.db import calendar_data

    calls = []
    original = calendar_data.warnings_in

    def counted(*args, **kwargs):
        calls.append(args[1:3])
        return original(*args, **kwargs)

    monkeypatch.setattr(calendar_data, "warnings_in", counted)
    app = make_app(clash_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_calendar_on_the_clash(pilot, view_key)
        before = len(calls)
        assert before and "⚠" in status(screen)
        await pilot.press("slash", *"мастер")
        await settle(pilot)
        assert len(calls) == before
        assert "⚠ 2 предупреждения" in status(screen), "the master class's own two"
        await pilot.press("escape", "n")
        await settle(pilot)
        assert len(calls) > before
