"""Pilot tests of «Сеть» → «Отборы»: announce a round, apply two schools into it, tick one,
decide the round with one order (the other rejected), and read both histories — all with
key presses."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from rcro_tui.db.connection import open_database
from rcro_tui.db.network import add_organization
from rcro_tui.model import OrgKind
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.membership_detail import MembershipScreen
from rcro_tui.screens.membership_form import ApplyFormScreen
from rcro_tui.screens.round_detail import RoundScreen
from rcro_tui.screens.round_form import DecisionFormScreen, RoundFormScreen
from rcro_tui.screens.view_table import ViewTable

from test_network_screen import SIZES, go_to_row, open_tab, rows, settle

SIZE = (120, 40)
ROUNDS_TAB = 5
SCHOOLS = ("МБОУ «Песочнодубровская СОШ»", "МБОУ «Вороновская СОШ»")
ORDER = "приказ РЦРО от 01.12.2026 N 521-о"
"""Typed key by key (Pilot has no keys for «ёлочки» and №; the CLI tests use them)."""


@pytest.fixture
def two_schools(demo_path):
    """Two schools of Кожевниковский район, made by the db call."""
    db = open_database(demo_path)
    district = db.execute("SELECT id FROM districts WHERE name = 'Кожевниковский район'"
                          ).fetchone()[0]
    made = [add_organization(db, name, OrgKind.SCHOOL, user="demo", district_id=district)
            for name in SCHOOLS]
    db.close()
    return made


def error_text(screen) -> str:
    line = screen.query_one("#e-form", Static)
    return str(line.render()) if line.display else ""


async def announce_round(pilot, app, screen) -> list[str]:
    """A: «Парк ЕНОТо»'s round for base organisations, 01.11–30.11.2026 (after one mistake)."""
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(app.screen, RoundFormScreen)
    form = app.screen
    await pilot.press("shift+tab", "enter")  # the programme's list
    await settle(pilot)
    await pilot.press("down", "enter")  # from «Образование через коммуникацию» to «Парк ЕНОТо»
    await settle(pilot)  # the role stays «базовая организация», the form's default
    await settle(pilot)
    await pilot.press("tab", "tab", *"Отбор базовых организаций", "tab", *"01.11.2026", "tab",
                      *"30.10.2026", "ctrl+s")
    await settle(pilot)
    assert app.screen is form
    assert "Срок подачи 30.10.2026 раньше начала приёма 01.11.2026." in error_text(form)
    await pilot.press("ctrl+u", *"30.11.2026", "ctrl+s")
    await settle(pilot)
    assert app.screen is screen
    return next(r for r in rows(screen, "table-rounds") if r[7] == "Отбор базовых организаций")


async def apply_into_round(pilot, app, typed: str) -> None:
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(app.screen, ApplyFormScreen)
    assert app.screen.query_one("#row-round").display
    await pilot.press("enter", *typed, "enter")
    await settle(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, RoundScreen), error_text(app.screen)


async def test_announce_apply_two_decide_one_approved_one_rejected(make_app, two_schools):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tab(pilot, ROUNDS_TAB)
        assert screen.active_tab == "rounds"
        added = await announce_round(pilot, app, screen)
        assert added[1:7] == ["приём заявок", "Парк ЕНОТо", "базовая организация",
                              "01.11.2026", "30.11.2026", "0"]
        await go_to_row(pilot, screen, "table-rounds", int(added[0]))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RoundScreen)
        detail = app.screen
        await apply_into_round(pilot, app, "песочнодубр")
        await apply_into_round(pilot, app, "вороновск")
        listed = rows(detail, "round-applications")
        assert [(r[0], r[3], r[2]) for r in listed] == [
            ("нет", SCHOOLS[1], "заявка подана"), ("нет", SCHOOLS[0], "заявка подана")]
        await pilot.press("down", "space")  # tick Песочнодубровская (the second by name)
        await settle(pilot)
        assert [r[0] for r in rows(detail, "round-applications")] == ["нет", "✓ да"]
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DecisionFormScreen)
        summary = str(app.screen.query_one("#decision-summary", Static).render())
        assert summary == "Одобрить 1 заявку, отклонить 1 заявку."
        await pilot.press(*ORDER, "tab", "ctrl+u", *"01.12.2026", "tab", *"31.12.2024",
                          "ctrl+s")
        await settle(pilot)
        await pilot.press("enter")  # the question: «Записать решение»
        await settle(pilot)
        assert "раньше даты решения 01.12.2026" in error_text(app.screen)
        await pilot.press("ctrl+u", *"31.08.2027", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one("#ask-question", Static).render())
        assert question.startswith("Одобрить 1 заявку и отклонить 1 заявку отбора "
                                   "«Отбор базовых организаций» документом «" + ORDER +
                                   "» от 01.12.2026?")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is detail
        decided = rows(detail, "round-applications")
        assert [(r[0], r[3], r[2]) for r in decided] == [
            ("", SCHOOLS[1], "отклонена"), ("", SCHOOLS[0], "до 31.08.2027")]
        facts = str(detail.query_one("#round-facts", Static).render())
        assert f"Решение:     {ORDER} от 01.12.2026" in facts
        assert "решение принято" in facts
        histories = {}
        for row in decided:
            await pilot.press("home")
            await go_to_row(pilot, detail, "round-applications", int(row[1]))
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, MembershipScreen)
            histories[row[3]] = [r[:3] for r in rows(app.screen, "membership-history")]
            await pilot.press("escape")
            await settle(pilot)
        assert histories[SCHOOLS[0]] == [["23.11.2026", "заявка подана", ""],
                                         ["01.12.2026", "одобрена", ORDER]]
        assert histories[SCHOOLS[1]] == [["23.11.2026", "заявка подана", ""],
                                         ["01.12.2026", "отклонена", ORDER]]
        await pilot.press("d")  # a decided round takes no more decisions
        await settle(pilot)
        assert app.screen is detail
        await pilot.press("escape")
        await settle(pilot)
        again = next(r for r in rows(screen, "table-rounds") if r[0] == added[0])
        assert again[1] == "решение принято" and again[6] == "2"


async def test_the_apply_form_offers_the_round_of_the_programme_and_role(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, 3)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplyFormScreen)
        assert not form.query_one("#row-round").display  # hub schools: no round is open
        await pilot.press("tab", "enter", "down", "down", "down", "enter")  # programme: ТРЦ
        await pilot.press("tab", "enter", "down", "enter")  # role: базовая организация
        await settle(pilot)
        assert form.query_one("#row-round").display
        await pilot.press("tab", "tab", "enter", "down", "enter")
        await settle(pilot)
        db = open_database(app.db_path)
        trc_round = db.execute("SELECT id FROM selection_rounds").fetchone()[0]
        db.close()
        assert form.query_one("#f-round").value == trc_round
        await pilot.press("shift+tab", "shift+tab", "enter", "up", "enter")  # role: hub again
        await settle(pilot)
        assert not form.query_one("#row-round").display


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
@pytest.mark.parametrize("keys", [(), ("enter",), ("enter", "space", "d"), ("a",)],
                         ids=["list", "round", "decision", "form"])
def test_snapshot_rounds(snap_compare, make_app, keys, size):
    async def go(pilot):
        await open_tab(pilot, ROUNDS_TAB)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=go)
