"""The «Отборы» section by keys: competitions, a competition's card, a stage with its sessions."""

from __future__ import annotations

from datetime import date

import pytest

from rcro_tui.db.calendar_data import day_items
from rcro_tui.db.connection import open_database
from rcro_tui.screens.competition_card import CompetitionScreen
from rcro_tui.screens.event_detail import EventDetailScreen
from rcro_tui.screens.session_proposal import SessionProposalScreen
from rcro_tui.screens.stage_form import StageFormScreen
from rcro_tui.screens.stage_screen import StageScreen
from rcro_tui.screens.stages import StagesScreen
from rcro_tui.screens.view_table import ViewTable

from stage_keys import (SIZE, add_stage, create_competition, open_spring_festival, settle,
                        shown_rows, tick_only)


async def test_the_section_lists_the_years_competitions_and_switches_years(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, StagesScreen)
        titles = [row[1] for row in shown_rows(app.screen, "competitions")]
        assert "Всероссийская олимпиада школьников" in titles and len(titles) == 7
        await pilot.press("[")
        await settle(pilot)
        assert "2025/2026" in app.screen.query_one("#competitions", ViewTable).view.title
        await pilot.press("[")  # the demo's history: 2017/2018 is far back, 2024/2025 empty
        await settle(pilot)
        assert shown_rows(app.screen, "competitions") == []


async def test_create_a_competition_a_stage_and_sessions_at_two_hub_schools(make_app, demo_path):
    """The issue's path up to the calendar: «Весенний переполох» of the programme «Образование
    через коммуникацию», a selection stage, two of the proposed hub schools ticked."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await create_competition(pilot, "Весенний переполох")
        assert isinstance(app.screen, StagesScreen)
        rows = shown_rows(app.screen, "competitions")
        assert rows[0][1:3] == ("Весенний переполох", "олимпиада")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompetitionScreen)
        facts = str(app.screen.query_one("#competition-facts").render())
        assert "Образование через коммуникацию" in facts
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, StageFormScreen)
        await pilot.press("tab", "tab", *"31.02.2027", "enter")
        await settle(pilot)
        assert "такой даты нет" in str(app.screen.query_one("#e-start").render())
        await pilot.press(*["backspace"] * 10, *"19.04.2027", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CompetitionScreen)
        assert shown_rows(app.screen, "competition-stages")[0][1:4] == (
            "Отборочный этап", "отборочный", "19 апреля 2027 г.")
        await pilot.press("p")
        await settle(pilot)
        proposal = app.screen
        assert isinstance(proposal, SessionProposalScreen)
        assert "Кожевниковский район" in str(proposal.query_one("#proposal-notes").render())
        await pilot.press("a")  # nothing happens on a letter; now untick all but the first two
        await tick_only(pilot, {0, 1})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CompetitionScreen)
        sessions = shown_rows(app.screen, "competition-sessions")
        assert [(r[0], r[1], r[2], r[4]) for r in sessions] == [
            ("г. Томск", "Лицей № 7", "19.04.2027", "запланировано"),
            ("г. Томск", "СОШ № 47", "19.04.2027", "запланировано")]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StageScreen)
        assert "Весенний переполох" in str(app.screen.query_one("#stage-header").render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EventDetailScreen)

    db = open_database(demo_path)
    try:
        shown = [(o.title, o.host, o.district) for o in day_items(db, date(2027, 4, 19))
                 if o.title.startswith("Весенний")]
    finally:
        db.close()
    assert sorted(shown) == [("Весенний переполох: отборочный этап — г. Томск", host, "г. Томск")
                             for host in ("Лицей № 7", "СОШ № 47")]


async def open_stage(pilot) -> None:
    await open_spring_festival(pilot)
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("opened", ["list", "card", "stage", "proposal", "stage-form"])
def test_snapshot(snap_compare, make_app, opened, size):
    async def go(pilot):
        if opened == "list":
            await pilot.press("4")
        elif opened == "card":
            await open_spring_festival(pilot)
        elif opened == "stage":
            await open_stage(pilot)
        elif opened == "proposal":
            await open_spring_festival(pilot)
            await pilot.press("p")
        else:
            await open_spring_festival(pilot)
            await pilot.press("e")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=go)


async def test_the_stage_screen_forwards_a_change_to_its_tabs(make_app):
    """O adds an online session: the pane, the header and the card after Esc all reread."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_stage(pilot)
        assert isinstance(app.screen, StageScreen)
        before = len(shown_rows(app.screen, "sessions-table"))
        await pilot.press("o")
        await settle(pilot)
        assert len(shown_rows(app.screen, "sessions-table")) == before + 1
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CompetitionScreen)
        assert shown_rows(app.screen, "competition-stages")[0][5] == str(before + 1)


async def test_a_stage_without_sessions_still_takes_its_keys(make_app):
    """A new final stage has no sessions: its «Площадки» table hides behind «нет данных»,
    and G (a session at an organisation) must still reach the pane."""
    from rcro_tui.screens.org_picker import OrgPicker

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_spring_festival(pilot)
        await add_stage(pilot, 2, "15.05.2027")
        rows = shown_rows(app.screen, "competition-stages")
        await pilot.press("home", *["down"] * (len(rows) - 1), "enter")
        await settle(pilot)
        assert isinstance(app.screen, StageScreen)
        assert not app.screen.query_one("#sessions-table DataTable").display
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, OrgPicker)
