"""Pilot tests of «Сеть»: apply a school for hub status, approve it, see it in the matrix,
the districts list and the history — all with key presses."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from rcro_tui.db.connection import open_database
from rcro_tui.db.network import add_organization
from rcro_tui.model import OrgKind
from rcro_tui.screens.membership_detail import MembershipScreen
from rcro_tui.screens.membership_form import ApplyFormScreen, StepFormScreen
from rcro_tui.screens.network import NetworkScreen
from rcro_tui.screens.program_detail import ProgramScreen
from rcro_tui.screens.program_form import ProgramFormScreen
from rcro_tui.screens.view_table import ViewTable

SIZE = (120, 40)
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
SCHOOL = "МБОУ «Песочнодубровская СОШ»"
ORDER = "приказ РЦРО от 23.11.2026 N 405-о"
"""Typed key by key (Pilot has no keys for «ёлочки» and №; the CLI tests use them)."""


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def new_school(demo_path):
    """A school of Кожевниковский район (the district without a hub) made by the db call."""
    db = open_database(demo_path)
    district = db.execute("SELECT id FROM districts WHERE name = 'Кожевниковский район'"
                          ).fetchone()[0]
    org = add_organization(db, SCHOOL, OrgKind.SCHOOL, user="demo", district_id=district,
                           short_name="Песочнодубровская СОШ")
    db.close()
    return org


def rows(screen, name: str) -> list[list[str]]:
    view = screen.query_one(f"#{name}", ViewTable).view
    return [list(row) for row in view.rows]


def row_of(screen, name: str, first: str) -> list[str]:
    return next(row for row in rows(screen, name) if row[0] == first)


async def open_tab(pilot, presses: int) -> NetworkScreen:
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    await pilot.press(*["]"] * presses)
    await settle(pilot)
    return pilot.app.screen


async def go_to_row(pilot, screen, name: str, key: int) -> None:
    """Arrow down to the row of `key` (the DataTable starts at the top)."""
    view = screen.query_one(f"#{name}", ViewTable).view
    await pilot.press(*["down"] * view.keys.index(key))


async def apply_by_keys(pilot, typed: str, name: str) -> None:
    """On «Участие и заявки»: `a`, the organisation picked by typing, the form saved."""
    app = pilot.app
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(app.screen, ApplyFormScreen)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press(*typed, "enter")
    await settle(pilot)
    assert str(app.screen.query_one("#f-org").label).startswith(name)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def approve_by_keys(pilot, screen, key: int) -> None:
    """The membership `key` approved with ORDER until 31.08.2027 (`o`, the step form)."""
    await go_to_row(pilot, screen, "table-memberships", key)
    await pilot.press("o")
    await settle(pilot)
    assert isinstance(pilot.app.screen, StepFormScreen)
    await pilot.press(*ORDER, "tab", *"31.08.2027", "ctrl+s")
    await settle(pilot)


async def test_apply_approve_and_see_the_hub_in_matrix_districts_and_history(make_app,
                                                                              new_school):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tab(pilot, 0)
        assert row_of(screen, "table-districts", "Кожевниковский район")[1] == \
            "⚠ нет опорной школы"
        await pilot.press("]", "]", "]")
        await settle(pilot)
        assert screen.active_tab == "memberships"
        await apply_by_keys(pilot, "песочнодубр", SCHOOL)
        assert app.screen is screen
        await pilot.press("f")  # only applications waiting for a decision
        await settle(pilot)
        waiting = rows(screen, "table-memberships")
        mine = next(r for r in waiting if r[1] == SCHOOL)
        assert mine[2:6] == ["опорная школа", "заявка подана", "Кожевниковский район",
                             "23.11.2026"]
        await approve_by_keys(pilot, screen, int(mine[0]))
        assert app.screen is screen
        assert all(r[1] != SCHOOL for r in rows(screen, "table-memberships"))
        await pilot.press("]")
        await settle(pilot)
        assert screen.active_tab == "matrix"
        assert row_of(screen, "table-matrix", "Кожевниковский район")[1] == \
            "Песочнодубровская СОШ"
        await pilot.press("]", "]")  # past «Отборы», round to the first tab
        await settle(pilot)
        assert row_of(screen, "table-districts", "Кожевниковский район")[1:3] == [
            "Песочнодубровская СОШ", "1"]
        await pilot.press("[", "[", "[")
        await pilot.press("f", "f", "f")  # back to all rows
        await settle(pilot)
        await go_to_row(pilot, screen, "table-memberships", int(mine[0]))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MembershipScreen)
        facts = str(app.screen.query_one("#membership-facts", Static).render())
        assert "Статус:      действует до 31.08.2027" in facts and ORDER in facts
        history = rows(app.screen, "membership-history")
        assert [r[:3] for r in history] == [["23.11.2026", "заявка подана", ""],
                                            ["23.11.2026", "одобрена", ORDER]]
        assert history[1][3] == "Действует до 31.08.2027." and history[1][4] == "ivanova"


async def test_a_step_the_workflow_forbids_is_not_offered_and_a_missing_document_is_said(
        make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tab(pilot, 3)
        await pilot.press("v")  # the first row is an approved hub school
        await settle(pilot)
        assert app.screen is screen
        assert any("нельзя перейти в «на рассмотрении»" in n.message
                   for n in app._notifications)
        await pilot.press("f")  # applications waiting for a decision
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, StepFormScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = app.screen.query_one("#e-form", Static)
        assert error.display and "принимается документом" in str(error.render())
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen


async def test_programme_editor_and_members_by_role(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tab(pilot, 2)
        assert screen.active_tab == "programs"
        programs = rows(screen, "table-programs")
        ochk = next(r for r in programs if r[1] == "Образование через коммуникацию")
        assert ochk[5:] == ["20", "0", "17", "1", "2"]
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ProgramFormScreen)
        await pilot.press(*"Школьная лига", "tab", *"Лига", "tab", "tab", *"01.09.2028", "tab",
                          *"31.12.2027", "ctrl+s")
        await settle(pilot)
        error = app.screen.query_one("#e-end", Static)
        assert error.display and "раньше начала 01.09.2028" in str(error.render())
        await pilot.press("shift+tab", "ctrl+u", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen, "saved"
        added = next(r for r in rows(screen, "table-programs") if r[1] == "Лига")
        assert added[3] == "…–31.12.2027"
        await go_to_row(pilot, screen, "table-programs", int(ochk[0]))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProgramScreen)
        members = rows(app.screen, "program-members")
        assert members[0][:2] == ["опорная школа", "МАОУ СОШ № 47 г. Томска"]
        assert {r[0] for r in members} >= {"опорная школа", "участник сети", "координатор"}


async def test_p_chooses_the_programme_of_the_matrix(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tab(pilot, 4)
        assert screen.active_tab == "matrix"
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("home", *["down"] * 4, "enter")  # alphabetical: «Парк ЕНОТо» is 5th
        await settle(pilot)
        view = screen.query_one("#table-matrix", ViewTable).view
        assert view.title == "Матрица сети · Парк ЕНОТо"
        assert "партнёр / соисполнитель" in view.columns
        assert "ТГУ" in row_of(screen, "table-matrix", "г. Томск")[view.columns.index(
            "партнёр / соисполнитель")]
        assert screen.query_one("#table-matrix").query_one(DataTable).row_count == 21
        assert view.rows[-1][0] == "(район не указан)" and "Сибур" in " ".join(view.rows[-1])


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
@pytest.mark.parametrize("tab", [0, 2, 3, 4], ids=["districts", "programs", "memberships",
                                                   "matrix"])
def test_snapshot_tabs(snap_compare, make_app, tab, size):
    async def go(pilot):
        await open_tab(pilot, tab)

    assert snap_compare(make_app(), terminal_size=size, run_before=go)


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
@pytest.mark.parametrize("keys", [("enter",), ("o",), ("a",)], ids=["history", "approve", "apply"])
def test_snapshot_membership_screens(snap_compare, make_app, keys, size):
    async def go(pilot):
        await open_tab(pilot, 3)
        await pilot.press(*keys)
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=go)


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
@pytest.mark.parametrize("keys", [("enter",), ("e",)], ids=["detail", "editor"])
def test_snapshot_programme_screens(snap_compare, make_app, keys, size):
    async def go(pilot):
        await open_tab(pilot, 2)
        await pilot.press("down", *keys)
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=go)
