"""Roles in the app: the keys a role may not use are hidden, a refused change is explained
and writes nothing, an allowed one lands (petrov: municipal, Асиновский район; smirnov: viewer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rcro_tui.app import RcroApp
from rcro_tui.screens.agenda import AgendaScreen
from rcro_tui.screens.event_editor import EventEditorScreen
from conftest import TODAY
from test_editor import cursor_to, settle, shown, stored, type_into

SIZE = (80, 24)


def app_as(path: Path, user: str) -> RcroApp:
    return RcroApp(db_path=path, user=user, today=TODAY)


def shown_keys(app) -> set[str]:
    return {active.binding.description for active in app.screen.active_bindings.values()
            if active.binding.show}


def districts_of(app, keys: list[int]) -> dict[int, str]:
    from rcro_tui.db.connection import open_database

    db = open_database(app.db_path)
    try:
        return {k: db.execute("SELECT COALESCE(d.name, '') FROM events e LEFT JOIN organizations o "
                              "ON o.id = e.host_org_id LEFT JOIN districts d ON d.id = o.district_id "
                              "WHERE e.id = ?", [k]).fetchone()[0] for k in keys}
    finally:
        db.close()


async def test_a_viewer_sees_no_keys_that_change_anything(demo_path):
    app = app_as(demo_path, "smirnov")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        assert not {"Новое", "Изменить"} & shown_keys(app)
        assert "наблюдатель" in app.sub_title
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
    regional = app_as(demo_path, "ivanova")
    async with regional.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert {"Новое", "Изменить"} <= shown_keys(regional)


async def test_a_municipal_coordinator_is_refused_another_districts_event(demo_path):
    app = app_as(demo_path, "petrov")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = shown(app)[0]
        other = next(k for k, d in districts_of(app, keys).items() if d != "Асиновский район")
        before = stored(demo_path, other)
        await cursor_to(pilot, other)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Нет прав: муниципальный координатор (petrov, Асиновский район)")
                   for m in messages), messages
    assert stored(demo_path, other) == before


async def test_a_municipal_coordinator_edits_their_own_districts_event(demo_path):
    app = app_as(demo_path, "petrov")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = shown(app)[0]
        own = next(k for k, d in districts_of(app, keys).items() if d == "Асиновский район")
        await cursor_to(pilot, own)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EventEditorScreen)
        await type_into(pilot, "title", "Семинар в Асино")
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
    assert stored(demo_path, own)["title"] == "Семинар в Асино"


@pytest.mark.parametrize("size", [(80, 24)])
def test_the_agenda_of_a_viewer(snap_compare, demo_path, size):
    async def go(pilot):
        await settle(pilot)

    assert snap_compare(app_as(demo_path, "smirnov"), terminal_size=size, run_before=go)
