"""Pilot tests of the event keys on «Ближайшие»: cancel, delete, copies, next year, key clashes."""

from __future__ import annotations

from datetime import date, datetime

from textual.widgets import Static

from rcro_tui.db.connection import open_database
from rcro_tui.screens.agenda import AgendaScreen
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.event_actions import EventActions
from rcro_tui.screens.event_editor import EventEditorScreen

from test_editor import SIZE, cursor_to, first_in_person, settle, shown, stored, type_into


async def test_cancel_with_confirmation_keeps_the_event_marked(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        event_id = first_in_person(app)
        await cursor_to(pilot, event_id)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "ОТМЕНЕНО" in str(app.screen.query_one("#ask-question", Static).render())
        await pilot.press("enter")
        await settle(pilot)
        keys, rows = shown(app)
        assert rows[keys.index(event_id)][2].startswith("ОТМЕНЕНО: ")
    assert stored(demo_path, event_id)["status"] == "cancelled"


async def test_refusing_the_confirmation_changes_nothing(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        event_id = first_in_person(app)
        await cursor_to(pilot, event_id)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot)
        assert event_id in shown(app)[0]
    assert stored(demo_path, event_id)["status"] == "confirmed"


async def test_duplicate_to_next_year_says_where_it_lands(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        event_id = first_in_person(app)
        event = stored(demo_path, event_id)
        start = datetime.fromisoformat(event["start_at"])
        await cursor_to(pilot, event_id)
        await pilot.press("Y")
        await pilot.pause()
        question = str(app.screen.query_one("#ask-question", Static).render())
        assert "Копия на 25 ноября 2027 г. (четверг)" in question, question
        assert start.date() == date(2026, 11, 26)
        await pilot.press("enter")
        await settle(pilot)
    db = open_database(demo_path)
    try:
        copies = list(db.query("SELECT * FROM events WHERE title = ? ORDER BY id",
                               [event["title"]]))
    finally:
        db.close()
    assert [c["start_at"][:10] for c in copies] == ["2026-11-26", "2027-11-25"]
    assert copies[1]["status"] == "planned"


async def test_deleting_a_stage_venue_is_refused_with_a_message(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        event_id = shown(app)[0][0]  # the Euler olympiad's distance stage
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("площадка отборочного этапа" in m for m in messages), messages
        assert event_id in shown(app)[0]
        other = first_in_person(app)
        await cursor_to(pilot, other)
        await pilot.press("delete", "enter")
        await settle(pilot)
        assert other not in shown(app)[0]


async def test_copy_opens_the_editor_and_saves_a_new_event(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        event_id = first_in_person(app)
        await cursor_to(pilot, event_id)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, EventEditorScreen) and app.screen.event_id is None
        await type_into(pilot, "start_date", "03.12.2026")
        await type_into(pilot, "end_date", "03.12.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        keys, rows = shown(app)
    original = stored(demo_path, event_id)
    copies = [k for k, r in zip(keys, rows) if r[2] == original["title"] and k != event_id]
    assert len(copies) == 1
    assert stored(demo_path, copies[0])["start_at"].startswith("2026-12-03")


async def test_event_keys_do_not_clash_with_the_apps_or_the_calendars():
    from rcro_tui.app import RcroApp
    from rcro_tui.screens.calendar import CalendarScreen

    ours = {key for binding in EventActions.BINDINGS for key in binding.key.split(",")}
    taken = {key for cls in (RcroApp, CalendarScreen, AgendaScreen.__mro__[3])
             for binding in cls.BINDINGS for key in binding.key.split(",")}
    planned = {"slash", "f", "а", "g", "п", "m", "w", "a", "y", "ь", "ц", "ф", "н"}
    assert not ours & (taken | planned)
    assert {"insert", "plus", "e", "у", "c", "с", "Y", "Н", "x", "ч", "delete"} <= ours
