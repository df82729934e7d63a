"""«Журнал» by keys: the paged list, the filter bar, a change's diff, an object's history;
SVG snapshots at 80×24 and 120×40."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from rcro_tui.db import store
from rcro_tui.db.connection import open_database
from rcro_tui.screens.audit import AuditScreen
from rcro_tui.screens.audit_entry import AuditEntryScreen

SIZE = (120, 40)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def edited(demo_path, monkeypatch):
    """The demo with two later edits by ivanova (at a fixed moment: 23.11.2026 14:05 Tomsk)."""
    monkeypatch.setattr(store, "utc_now", lambda: "2026-11-23T07:05:00Z")
    db = open_database(demo_path)
    store.update(db, "events", 1, {"status": "cancelled", "venue": "ТГПУ, корпус 2"},
                 user="ivanova")
    store.update(db, "organizations", 1, {"phone": "8 (3822) 51-00-00"}, user="ivanova")
    db.close()
    monkeypatch.undo()
    return demo_path


def rows(app) -> list[list[str]]:
    table = app.screen.query_one("#audit-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def status(app) -> str:
    return str(app.screen.query_one("#audit-status").render())


async def test_key_7_opens_the_log_newest_first_and_reads_more_at_the_end(make_app, edited):
    app = make_app(edited)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await settle(pilot)
        assert isinstance(app.screen, AuditScreen)
        first = rows(app)[0]
        assert first[:2] == ["23.11.2026 14:05", "ivanova"]
        assert first[2].startswith("Организация № 1 «")
        assert first[3] == "изменено: телефон"
        assert len(rows(app)) == 100 and "ещё есть ниже" in status(app)
        await pilot.press("end")
        await settle(pilot)
        assert len(rows(app)) == 200, "reaching the last row reads the next page"


async def test_filter_bar_by_user_kind_and_a_bad_date(make_app, edited):
    app = make_app(edited)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("f", *"ivanova", "enter")
        await settle(pilot)
        assert [row[1] for row in rows(app)] == ["ivanova", "ivanova"]
        await pilot.press("f", "tab", "enter")  # the kind's list opens; the first is events
        await pilot.press("down", "enter")
        await settle(pilot)
        assert [row[2][:14] for row in rows(app)] == ["Мероприятие № "]
        await pilot.press("f", "tab", "tab", *"31.02.2026", "enter")
        await settle(pilot)
        assert any("31.02.2026" in str(n.message) for n in app._notifications)
        assert len(rows(app)) == 1, "a bad date changes nothing"


async def test_enter_shows_the_diff_and_h_the_objects_whole_history(make_app, edited):
    app = make_app(edited)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AuditEntryScreen)
        diff = app.screen.query_one("#audit-entry-diff", DataTable)
        cells = [[str(c) for c in diff.get_row_at(i)] for i in range(diff.row_count)]
        assert ["статус", "запланировано", "отменено"] in cells or any(
            row[0] == "статус" and row[2] == "отменено" for row in cells)
        assert any(row[0] == "место проведения" and row[2] == "«ТГПУ, корпус 2»"
                   for row in cells)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, AuditScreen)
        assert status(app).startswith("История: Мероприятие № 1 (⌫ — весь журнал)")
        assert [row[3] for row in rows(app)][-1] == "создано"
        assert all(row[2].startswith("Мероприятие № 1 ") for row in rows(app))
        await pilot.press("backspace")
        await settle(pilot)
        assert len(rows(app)) == 100


def test_snapshot_log_80x24(snap_compare, make_app, edited):
    async def go(pilot):
        await pilot.press("7")
        await settle(pilot)

    assert snap_compare(make_app(edited), terminal_size=(80, 24), run_before=go)


def test_snapshot_change_120x40(snap_compare, make_app, edited):
    async def go(pilot):
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)

    assert snap_compare(make_app(edited), terminal_size=(120, 40), run_before=go)
