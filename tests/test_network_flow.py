"""Issue 5's whole path with key presses only: a school added through the organisation
editor applies for hub status, is approved with a decision document, shows as its district's
hub school in the matrix and the districts list, and its history says how it got there."""

from __future__ import annotations

from textual.widgets import Select, Static

from test_network_screen import (ORDER, apply_by_keys, approve_by_keys, go_to_row, row_of,
                                 rows, settle)
from test_orgs_screen import open_orgs, typed

from rcro_tui.db.connection import open_database
from rcro_tui.screens.membership_detail import MembershipScreen
from rcro_tui.screens.org_editor import OrgEditorScreen

SCHOOL = "МБОУ «Песочнодубровская СОШ»"
DISTRICT = "Кожевниковский район"
SIZE = (120, 40)


async def add_the_school(pilot) -> None:
    """Insert, the name as typed, a short name, then the district chosen in its list."""
    await pilot.press("insert")
    await settle(pilot)
    editor = pilot.app.screen
    assert isinstance(editor, OrgEditorScreen)
    await typed(pilot, SCHOOL)
    await pilot.press("tab")
    await typed(pilot, "Песочнодубровская СОШ")
    await pilot.press("tab", "tab", "tab", "tab", "tab")  # legal form, kind, INN, address
    assert pilot.app.focused is editor.query_one("#f-district_id", Select)
    place = [name for name, _id in editor.districts].index(DISTRICT) + 1  # after «не указан»
    await pilot.press("enter", *["down"] * place, "enter")
    await pilot.pause()
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert not isinstance(pilot.app.screen, OrgEditorScreen)


async def test_a_new_school_becomes_its_districts_hub_school(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_orgs(pilot)
        await add_the_school(pilot)
        db = open_database(demo_path)
        stored = db.execute("SELECT o.name, d.name FROM organizations o JOIN districts d "
                            "ON d.id = o.district_id WHERE o.name = ?", [SCHOOL]).fetchone()
        db.close()
        assert stored == (SCHOOL, DISTRICT)
        screen = app.screen
        await pilot.press("]", "]")  # programmes, then applications
        await settle(pilot)
        assert screen.active_tab == "memberships"
        await apply_by_keys(pilot, "песочнодубр", SCHOOL)
        await pilot.press("f")  # applications waiting for a decision
        await settle(pilot)
        mine = next(r for r in rows(screen, "table-memberships") if r[1] == SCHOOL)
        assert mine[2:5] == ["опорная школа", "заявка подана", DISTRICT]
        await approve_by_keys(pilot, screen, int(mine[0]))
        await pilot.press("]")
        await settle(pilot)
        assert screen.active_tab == "matrix"
        assert row_of(screen, "table-matrix", DISTRICT)[1] == "Песочнодубровская СОШ"
        await pilot.press("]", "]")  # past «Отборы», round to the districts
        await settle(pilot)
        assert row_of(screen, "table-districts", DISTRICT)[1] == "Песочнодубровская СОШ"
        await pilot.press("[", "[", "[")  # back to the applications
        await pilot.press("f", "f", "f")  # all rows again
        await settle(pilot)
        await go_to_row(pilot, screen, "table-memberships", int(mine[0]))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MembershipScreen)
        facts = str(app.screen.query_one("#membership-facts", Static).render())
        assert "действует до 31.08.2027" in facts
        history = rows(app.screen, "membership-history")
        assert [r[1:3] for r in history] == [["заявка подана", ""], ["одобрена", ORDER]]
