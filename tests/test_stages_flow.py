"""The issue's whole path by keys in the real app on the demo region: «Весенний переполох» with
a selection stage at two hub schools and a final at the organiser, participants typed in, the
rule «первые 3 на каждой площадке», advance; the final's participants and the final event in
the calendar."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input

from rcro_tui.db.calendar_data import day_items
from rcro_tui.db.connection import open_database
from rcro_tui.db.feed_rules import feeds_for_event
from rcro_tui.screens.competition_card import CompetitionScreen
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.entry_form import EntryFormScreen, SchoolPicker
from rcro_tui.screens.org_picker import OrgPicker
from rcro_tui.screens.pass_rule_form import PassRuleForm
from rcro_tui.feed_scope import OrgReason
from rcro_tui.screens.session_proposal import SessionProposalScreen
from rcro_tui.screens.stage_screen import StageScreen

from stage_keys import (SIZE, add_stage, create_competition, open_competition, settle,
                        shown_rows, tick_only)

LYCEUM, SCHOOL47 = 1, 2
"""The selection stage's sessions, as the entry form's list offers them (after «по району»)."""

PEOPLE = [  # name, grade, school (as typed into the picker), session, score
    ("Алексеева Вера", "9", "лицей 7", LYCEUM, "30"),
    ("Борисов Глеб", "8", "гимназия 13", LYCEUM, "25"),
    ("Волкова Дина", "9", "лицей 7", LYCEUM, "20"),
    ("Громов Егор", "10", "сош 32", LYCEUM, "20"),  # tied at 3rd: passes too
    ("Дёмина Жанна", "8", "лицей 7", LYCEUM, "10"),
    ("Ершов Захар", "9", "сош 47", SCHOOL47, "28"),
    ("Жукова Ирина", "10", "сош 58", SCHOOL47, "27,5"),
    ("Зайцев Кирилл", "9", "сош 47", SCHOOL47, "26"),
    ("Ильина Лада", "8", "сош 50", SCHOOL47, "15"),
    ("Карпов Марк", "9", "сош 47", SCHOOL47, "15"),
]
PASSERS = ["Алексеева Вера", "Борисов Глеб", "Волкова Дина", "Громов Егор", "Ершов Захар",
           "Жукова Ирина", "Зайцев Кирилл"]
"""Top 3 per session with the tie at Лицей № 7 passing: not the top 3 overall (30, 28, 27,5),
not the top 3 of the district (all are in Томск), not everybody."""

SCHOOLS = {"лицей 7": "МАОУ лицей № 7 г. Томска", "гимназия 13": "МАОУ гимназия № 13 г. Томска",
           **{f"сош {n}": f"МАОУ СОШ № {n} г. Томска" for n in (32, 47, 50, 58)}}
SESSIONS = {LYCEUM: "г. Томск: Лицей № 7", SCHOOL47: "г. Томск: СОШ № 47"}

FINAL_DAY = date(2027, 5, 21)


async def enter_participant(pilot, name, grade, school, session, score) -> None:
    """In «Участники»: A, then the form field by field, the school from the picker."""
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, EntryFormScreen)
    await pilot.press(*name, "tab", *grade, "tab", "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SchoolPicker)
    await pilot.press(*school, "enter")
    await settle(pilot)
    await pilot.press("tab", *"химия", "tab", "enter", *["down"] * session, "enter",
                      "tab", *score, "ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, StageScreen), f"{name} not saved"


async def open_stage_row(pilot, row: int) -> None:
    """In the card: the stage on `row`, Enter."""
    await pilot.press("home", *["down"] * row, "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, StageScreen)


async def show_tab(pilot, label: str) -> None:
    """`]` until the stage screen shows the tab `label`."""
    for _ in range(len(StageScreen.TABS)):
        if label == _active_label(pilot.app.screen):
            return
        await pilot.press("]")
        await settle(pilot)
    assert _active_label(pilot.app.screen) == label


def _active_label(screen: StageScreen) -> str:
    active = screen.query_one("#stage-tabs").active
    return next(tab.label for tab in StageScreen.TABS if f"tab-{tab.id}" == active)


async def test_spring_festival_from_nothing_to_the_final_in_the_calendar(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await create_competition(pilot, "Весенний переполох")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompetitionScreen)

        await add_stage(pilot, 0, "19.04.2027")
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, SessionProposalScreen)
        await tick_only(pilot, {0, 1})
        await pilot.press("ctrl+s")
        await settle(pilot)
        await add_stage(pilot, 2, FINAL_DAY.strftime("%d.%m.%Y"))
        assert isinstance(app.screen, CompetitionScreen)
        assert [row[1:4] for row in shown_rows(app.screen, "competition-stages")] == [
            ("Отборочный этап", "отборочный", "19 апреля 2027 г."),
            ("Заключительный этап", "заключительный", "21 мая 2027 г.")]

        await open_stage_row(pilot, 1)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, OrgPicker)
        await pilot.press(*"огбу рцро", "enter")
        await settle(pilot)
        assert [row[1] for row in shown_rows(app.screen, "sessions-table")] == ["ОГБУ «РЦРО»"]
        await pilot.press("escape")
        await settle(pilot)

        await open_stage_row(pilot, 0)
        await show_tab(pilot, "Участники")
        for person in PEOPLE:
            await enter_participant(pilot, *person)
        entered = shown_rows(app.screen, "entries-table")
        assert [(row[0], row[2], row[5], row[8]) for row in entered] == [
            (name, score, SCHOOLS[query], SESSIONS[session])
            for name, _, query, session, score in PEOPLE]
        await show_tab(pilot, "Площадки")  # the other tabs heard of the new participants
        assert [row[5] for row in shown_rows(app.screen, "sessions-table")] == ["5", "5"]

        await show_tab(pilot, "Переход")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, PassRuleForm)
        await pilot.press("enter", "up", "enter")  # «вручную» → «первые N»
        await pilot.press("tab", "ctrl+a", "ctrl+k", "3", "ctrl+s")
        await settle(pilot)
        assert str(app.screen.query_one("#advance-rule").render()).startswith(
            "Правило: Первые 3: проходят 3 лучших на каждой площадке")
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
        await show_tab(pilot, "Участники")
        passed = [row[0] for row in shown_rows(app.screen, "entries-table")
                  if row[7] == "прошёл дальше"]
        assert passed == PASSERS
        await pilot.press("escape")
        await settle(pilot)

        assert isinstance(app.screen, CompetitionScreen)
        assert [row[5:7] for row in shown_rows(app.screen, "competition-stages")] == [
            ("2", "10"), ("1", "7")]
        facts = str(app.screen.query_one("#competition-facts").render()).splitlines()
        assert facts[-1].split(maxsplit=2) == [
            "Итоговое", "событие", "Весенний переполох: заключительный этап, 21 мая 2027 г., весь день"]
        await open_stage_row(pilot, 1)
        await show_tab(pilot, "Участники")
        final = shown_rows(app.screen, "entries-table")
        assert [(row[0], row[5], row[7], row[8]) for row in final] == [
            (name, SCHOOLS[query], "допущен", "г. Томск")
            for name, _, query, _, _ in PEOPLE if name in PASSERS]

    db = open_database(demo_path)
    try:
        shown = [(o.title, o.host) for o in day_items(db, FINAL_DAY)
                 if o.title.startswith("Весенний")]
        final_event, final_session = db.execute(
            "SELECT s.event_id, s.id FROM stage_sessions s JOIN stages t ON t.id = s.stage_id "
            "WHERE t.level = 'final' AND t.name = 'Заключительный этап' AND s.event_id = "
            "(SELECT final_event_id FROM competitions WHERE title = 'Весенний переполох')"
        ).fetchone()
        placed = {row[0] for row in db.execute(
            "SELECT session_id FROM entries WHERE stage_id = (SELECT stage_id FROM "
            "stage_sessions WHERE id = ?)", [final_session])}
        told = {ref.name.removeprefix("Личная лента: ") for ref in feeds_for_event(db, final_event)
                if OrgReason.PARTICIPANTS in ref.reasons}
    finally:
        db.close()
    assert shown == [("Весенний переполох: заключительный этап", "ОГБУ «РЦРО»")]
    assert placed == {final_session}
    assert told == {SCHOOLS[query] for name, _, query, _, _ in PEOPLE if name in PASSERS}


async def test_brackets_and_esc_in_a_tabs_filter_line(make_app):
    """In «Участники» and «Протокол» the filter line leaves [ ] to the stage screen (they switch
    tabs, as everywhere), and Esc there clears the filter and goes back to the table instead
    of closing the stage."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_competition(pilot, "эйлер")  # its first stage: 20 participants
        await open_stage_row(pilot, 0)
        await show_tab(pilot, "Участники")
        everybody = len(shown_rows(app.screen, "entries-table"))
        await pilot.press("slash", *"ова")
        await settle(pilot)
        assert 0 < len(shown_rows(app.screen, "entries-table")) < everybody
        await pilot.press("]")
        await settle(pilot)
        assert _active_label(app.screen) == "Протокол"
        assert app.screen.query_one("#entries-filter", Input).value == "ова"
        await pilot.press("slash", "[")
        await settle(pilot)
        assert _active_label(app.screen) == "Участники"
        assert app.screen.query_one("#protocol-filter", Input).value == ""
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert isinstance(app.screen, StageScreen)
        assert app.screen.query_one("#entries-filter", Input).value == ""
        assert len(shown_rows(app.screen, "entries-table")) == everybody
        assert isinstance(app.focused, DataTable) and app.focused.parent.id == "entries-table"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CompetitionScreen)
