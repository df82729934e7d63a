"""SVG snapshots of the event editor (new, edit, errors), the host picker and the conflict dialog.

Update after an intended change: `python3 dev.py test tests/test_editor_snapshots.py
--snapshot-update`, then look at the report before committing.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from rcro_tui.db import store
from rcro_tui.db.connection import open_database
from rcro_tui.db.event_edit import draft_of, update_event
from rcro_tui.model import EventStatus

SIZES = [(80, 24), (120, 40)]
IDS = ["80x24", "120x40"]


async def settle(pilot) -> None:
    """Wait for the database threads; stop blinking cursors (a blink under load is a diff)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    for screen in pilot.app.screen_stack:
        for field in screen.query("Input, TextArea"):
            field.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_new_event(snap_compare, make_app, size):
    async def go(pilot):
        await settle(pilot)
        await pilot.press("plus")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=go)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_edit_event(snap_compare, make_app, size):
    async def go(pilot):
        await settle(pilot)
        await pilot.press("down", "e")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=go)


def test_errors_under_the_fields(snap_compare, make_app):
    async def go(pilot):
        await settle(pilot)
        await pilot.press("plus")
        await settle(pilot)
        screen = pilot.app.screen
        screen.query_one("#f-start_time").focus()
        await pilot.press(*"25:00")
        screen.query_one("#f-title").focus()
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=go)


def test_host_picker(snap_compare, make_app):
    async def go(pilot):
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        pilot.app.screen.query_one("#f-host_org_id").focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*"томск лицей")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=go)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_conflict_dialog(snap_compare, make_app, demo_path, monkeypatch, size):
    monkeypatch.setattr(store, "utc_now", lambda: "2026-11-23T07:05:00Z")

    async def go(pilot):
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("end", "ctrl+u", *"Дистанционный этап олимпиады Эйлера: 2 тур")
        event_id = pilot.app.screen.event_id
        db = open_database(demo_path)
        db.execute("UPDATE users SET role = 'regional', district_id = NULL WHERE login = 'petrov'")  # a colleague with full rights
        draft, revision = draft_of(db, event_id)
        update_event(db, event_id, replace(draft, status=EventStatus.CANCELLED,
                                           description="Перенесено на декабрь."),
                     user="petrov", expected_revision=revision)
        db.close()
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=go)
