"""Pilot tests of the event editor (new, edit, errors, leaving, host, conflicts, warnings)."""

from __future__ import annotations

from datetime import date

from textual.widgets import Button, Input, Static

from rcro_tui.db import store
from rcro_tui.db.connection import open_database
from rcro_tui.db.event_edit import draft_of, update_event
from rcro_tui.screens.agenda import AgendaScreen
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.conflict_dialog import ConflictDialog
from rcro_tui.screens.event_editor import EventEditorScreen
from rcro_tui.screens.org_picker import OrgPicker
from rcro_tui.screens.view_table import ViewTable

SIZE = (80, 24)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_into(pilot, field: str, text: str) -> None:
    """Focus a field, clear it with the keyboard and type the text key by key.

    (Pilot cannot press «, » or №, so typed texts here avoid them; a real terminal sends them.)
    """
    pilot.app.screen.query_one(f"#f-{field}").focus()
    await pilot.press("end", "ctrl+u", *text)


def shown(app) -> tuple[list, list]:
    view = app.screen.query_one(ViewTable).view
    return view.keys, view.rows


async def cursor_to(pilot, event_id: int) -> None:
    """Move the list cursor to an event with the down key."""
    keys, _ = shown(pilot.app)
    for _ in range(keys.index(event_id)):
        await pilot.press("down")


def stored(path, event_id: int) -> dict:
    db = open_database(path)
    try:
        return store.get_row(db, "events", event_id)
    finally:
        db.close()


def first_in_person(app) -> int:
    """An upcoming in-person event of the list that is not a selection-stage venue."""
    keys, _ = shown(app)
    db = open_database(app.db_path)
    try:
        return next(k for k in keys if db.execute(
            "SELECT 1 FROM events e WHERE e.id = ? AND format = 'in_person' AND venue != '' "
            "AND status != 'cancelled' AND NOT EXISTS (SELECT 1 FROM stage_sessions s "
            "WHERE s.event_id = e.id)", [k]).fetchone())
    finally:
        db.close()


async def test_create_an_event_by_typing_into_the_form(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("plus")
        await pilot.pause()
        assert isinstance(app.screen, EventEditorScreen)
        assert app.screen.query_one("#f-start_date", Input).value == "23.11.2026"
        await pilot.press(*"Семинар Парк ЕНОТо: итоги года")
        await type_into(pilot, "start_date", "25.12.2026")
        await type_into(pilot, "start_time", "14:00")
        await type_into(pilot, "end_date", "25.12.2026")
        await type_into(pilot, "end_time", "17.00")
        await type_into(pilot, "venue", "ОГБУ РЦРО, ул. Татарская, 16")
        await type_into(pilot, "grades", "7-8")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        keys, rows = shown(app)
        row = next(r for r in rows if r[2] == "Семинар Парк ЕНОТо: итоги года")
        assert row[:2] == ("25.12.2026", "14:00–17:00")
    event = stored(demo_path, keys[rows.index(row)])
    assert (event["start_at"], event["end_at"]) == ("2026-12-25T14:00", "2026-12-25T17:00")
    assert (event["grades_from"], event["grades_to"], event["status"]) == (7, 8, "planned")
    assert event["uid"] == f"event-{event['id']}@rcro.tomsk.ru"


async def test_edit_the_title(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        event_id = shown(app)[0][0]
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.revision == stored(demo_path, event_id)["revision"]
        await type_into(pilot, "title", "Новое название")
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        assert shown(app)[1][0][2] == "Новое название"
    event = stored(demo_path, event_id)
    assert (event["title"], event["revision"]) == ("Новое название", 2)


async def test_the_russian_layout_opens_the_editor_too(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("у")  # «e» in ЙЦУКЕН
        await pilot.pause()
        assert isinstance(app.screen, EventEditorScreen)


async def test_a_failed_save_shows_the_message_next_to_the_end_date(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        count_before = len(shown(app)[0])
        await pilot.press("insert")
        await pilot.pause()
        await pilot.press(*"Конференция")
        await type_into(pilot, "start_date", "10.12.2026")
        await type_into(pilot, "start_time", "10:00")
        await type_into(pilot, "end_date", "09.12.2026")
        await type_into(pilot, "end_time", "12:00")
        await type_into(pilot, "venue", "ТГУ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EventEditorScreen), "not saved, still editing"
        error = screen.query_one("#e-end_date", Static)
        assert error.display and "Окончание (09.12.2026) раньше начала (10.12.2026)" in str(
            error.render())
        assert not screen.query_one("#e-title", Static).display
        assert app.focused is screen.query_one("#f-end_date")
        await type_into(pilot, "end_date", "10.12.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        assert len(shown(app)[0]) == count_before + 1


async def test_escape_with_unsaved_changes_asks_first(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        event_id = shown(app)[0][0]
        title = stored(demo_path, event_id)["title"]
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")  # nothing changed: leaves at once
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*" (черновик)")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Изменения не сохранены. Выйти без сохранения?" in str(
            app.screen.query_one("#ask-question", Static).render())
        await pilot.press("escape")  # «no»: back to the form, the text still there
        await pilot.pause()
        assert isinstance(app.screen, EventEditorScreen)
        assert app.screen.query_one("#f-title", Input).value.endswith("(черновик)")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # «Выйти без сохранения» has the focus
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
    assert stored(demo_path, event_id)["title"] == title


async def test_q_in_the_editor_leaves_the_form_rather_than_the_app(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-kind").focus()
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, EventEditorScreen), "section keys do not drop the form"
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, AgendaScreen)


async def test_the_host_is_picked_by_typing_part_of_its_name(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        event_id = shown(app)[0][0]
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-host_org_id").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OrgPicker)
        await pilot.press(*"кожевниковская 2")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        label = str(app.screen.query_one("#f-host_org_id", Button).label)
        assert label == "МБОУ «Кожевниковская СОШ № 2» — Кожевниковский район"
        await pilot.press("ctrl+s")
        await settle(pilot)
    db = open_database(demo_path)
    try:
        host = db.execute("SELECT o.name FROM events e JOIN organizations o "
                          "ON o.id = e.host_org_id WHERE e.id = ?", [event_id]).fetchone()[0]
    finally:
        db.close()
    assert host == "МБОУ «Кожевниковская СОШ № 2»"


async def test_a_colleagues_save_brings_the_conflict_dialog_and_their_version(make_app,
                                                                             demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        event_id = shown(app)[0][0]
        await pilot.press("e")
        await pilot.pause()
        await type_into(pilot, "title", "Моя версия")
        db = open_database(demo_path)
        db.execute("UPDATE users SET role = 'regional', district_id = NULL WHERE login = 'petrov'")  # a colleague with full rights
        draft, revision = draft_of(db, event_id)
        draft.venue = "Кабинет 12"
        update_event(db, event_id, draft, user="petrov", expected_revision=revision)
        db.close()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        labels = [row[0] for row in app.screen.conflict.rows]
        assert labels == ["Название", "Место проведения"]
        await pilot.press("shift+tab", "enter")  # «Взять версию из базы»
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EventEditorScreen)
        assert editor.query_one("#f-venue", Input).value == "Кабинет 12"
        assert editor.query_one("#f-title", Input).value == draft.title
        assert editor.revision == revision + 1 and not editor.dirty


async def test_warnings_show_above_the_form_and_never_block(make_app, monkeypatch):
    """With `db.conflicts` present its warnings are listed; its failure leaves the form open."""
    from types import SimpleNamespace

    from rcro_tui.screens import editor_warnings

    seen = []

    def fake(db, draft, *, today, event_id):
        seen.append((draft.title, today, event_id))
        return [SimpleNamespace(message="Место уже занято: «Семинар» 26.11.2026 15:00–17:00.")]

    monkeypatch.setattr(editor_warnings, "warnings_for_draft", fake)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        event_id = first_in_person(app)
        await cursor_to(pilot, event_id)
        await pilot.press("e")
        await pilot.pause(0.8)
        await settle(pilot)
        block = app.screen.query_one("#editor-warnings", Static)
        assert block.display and "⚠ Место уже занято" in str(block.render())
        assert seen[-1][1:] == (date(2026, 11, 23), event_id)

        def broken(db, draft, *, today, event_id):
            raise RuntimeError("boom")

        monkeypatch.setattr(editor_warnings, "warnings_for_draft", broken)
        await pilot.press(*" 2")
        await pilot.pause(0.8)
        await settle(pilot)
        assert isinstance(app.screen, EventEditorScreen) and app.is_running
        assert "не удалась" in str(block.render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen), "warnings never block saving"


async def test_the_host_picker_lists_the_first_matches_and_counts_the_rest(make_app,
                                                                        monkeypatch):
    """A region of 40 000 organisations is not listed whole on every keystroke."""
    from textual.widgets import OptionList

    from rcro_tui.screens import org_picker

    monkeypatch.setattr(org_picker, "SHOWN", 3)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-host_org_id").focus()
        await pilot.press("enter")
        await pilot.pause()
        picker = app.screen
        options = picker.query_one(OptionList)
        total = len(picker.choices)
        assert options.option_count == 1 + 3 + 1  # «не указан», three, «… и ещё»
        more = options.get_option_at_index(4)
        assert more.disabled and f"и ещё {total - 3} " in str(more.prompt)
        await pilot.press("down", "down", "down", "down", "enter")
        await pilot.pause()
        assert app.screen is picker, "«… и ещё» is not a choice"
        await pilot.press(*"кожевниковская 2")
        await pilot.pause()
        assert options.option_count == 1
        await pilot.press("up", "down", "down", "down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, org_picker.OrgPicker)
