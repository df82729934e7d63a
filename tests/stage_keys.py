"""Key presses the «Отборы» Pilot tests share: waiting for the app, reading a shown table, and
the steps of the issue's path («Весенний переполох»: the competition, a stage, its sessions)."""

from __future__ import annotations

from textual.widgets import SelectionList

from rcro_tui.screens.stage_form import StageFormScreen
from rcro_tui.screens.competition_form import CompetitionFormScreen
from rcro_tui.screens.view_table import ViewTable

SIZE = (120, 40)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def shown_rows(screen, table_id: str) -> list[tuple[str, ...]]:
    return list(screen.query_one(f"#{table_id}", ViewTable).view.rows)


async def open_spring_festival(pilot) -> None:
    """Section 4, search «переполох», Enter: the card of the 2026/2027 festival."""
    await open_competition(pilot, "переполох")


async def open_competition(pilot, words: str) -> None:
    """Section 4, search `words`, Enter: the card of the first competition found."""
    await pilot.press("4")
    await settle(pilot)
    await pilot.press("slash", *words, "enter")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def create_competition(pilot, title: str) -> None:
    """In the section: A, the title, the programme «Образование через коммуникацию» (the
    fourth by name, it has hub schools), Ctrl+S; then search the title and open its card."""
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CompetitionFormScreen)
    await pilot.press(*title, "tab", "tab", "enter")
    await pilot.press(*["down"] * 4, "enter")  # the prompt, then programmes by name
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.press("slash", *title.lower(), "enter")
    await settle(pilot)


async def tick_only(pilot, wanted: set[int]) -> None:
    """In the proposal: space on each line whose tick is not as wanted, going down."""
    choices = pilot.app.screen.query_one(SelectionList)
    for index in range(choices.option_count):
        if (index in choices.selected) != (index in wanted):
            await pilot.press("space")
        await pilot.press("down")


async def add_stage(pilot, level_steps: int, start: str) -> None:
    """In the card: A, the level moved `level_steps` down from «отборочный», the start, Enter."""
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, StageFormScreen)
    if level_steps:
        await pilot.press("enter", *["down"] * level_steps, "enter")
    await pilot.press("tab", "tab", *start, "enter")
    await settle(pilot)
