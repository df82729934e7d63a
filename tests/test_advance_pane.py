"""The «Переход» pane and the pass rule form, by keys, in a small host App on a fresh database."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Footer, Static

from stage_world import USER, build, enter

import rcro_tui
from rcro_tui.db.advance import get_rule
from rcro_tui.db.connection import open_database
from rcro_tui.pass_rules import MinScore, Quota, QuotaScope, Threshold, TiePolicy
from rcro_tui.screens.advance_pane import AdvancePane
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.pass_rule_form import PassRuleForm
from rcro_tui.screens.stage_messages import StageChanged
from rcro_tui.screens.wide_table import WideTable

KOZH, TOMSK = "Кожевниковский район", "г. Томск"
K1, T58 = "Кожевниковская СОШ № 1", "МАОУ СОШ № 58 г. Томска"
TIES = {"kind": "quota", "n": 2, "per": "session", "ties": "coordinator"}


class Host(App):
    """What the lead's StageScreen gives the pane: `db_path`, `user`, the app stylesheet."""

    CSS_PATH = Path(rcro_tui.__file__).parent / "app.tcss"

    def __init__(self, db_path: Path, stage_id: int) -> None:
        super().__init__()
        self.db_path, self.user, self.stage_id = db_path, USER, stage_id
        self.changes: list[int] = []

    def compose(self) -> ComposeResult:
        yield AdvancePane(self.stage_id)
        yield Footer()

    def on_stage_changed(self, message: StageChanged) -> None:
        self.changes.append(message.stage_id)


@pytest.fixture
def stage_file(tmp_path):
    """Two sessions: Кожевниково 30, 20, 20, 10 (a tie at place 2) and Томск 28, —, 15."""
    path = tmp_path / "stage.sqlite"
    db = open_database(path)
    world = build(db, rule=TIES)
    enter(db, world, KOZH, K1, 30, 20, 20, 10)
    enter(db, world, TOMSK, T58, 28, None, 15)
    db.close()
    return path, world


def text(app, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


def final_entries(path: Path, world) -> list[dict]:
    db = open_database(path, create=False)
    try:
        return list(db.query("SELECT * FROM entries WHERE stage_id = ?", [world.final]))
    finally:
        db.close()


async def settle(pilot) -> None:
    """Let the keys act and the pane's preview arrive (read in a thread)."""
    await pilot.pause()
    for _ in range(500):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(pane.busy for pane in pilot.app.query(AdvancePane)):
            break
    await pilot.pause()


async def test_the_pane_shows_the_rule_the_counts_and_the_reasons(stage_file):
    path, world = stage_file
    app = Host(path, world.selection)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert text(app, "#advance-rule").startswith("Правило: Первые 2: проходят 2 лучших на "
                                                     "каждой площадке")
        assert text(app, "#advance-counts") == ("Пройдут 3 из 7, 2 решения за координатором. "
                                                "→ этап «Итоговое событие»")
        table = app.query_one(WideTable)
        assert table.row_count == 7
        first = table.get_row_at(0)
        assert first[0] == "Участник 1" and first[4:7] == ["30", "1", "✓"]
        assert table.get_row_at(1)[5:8] == ["2–3", "?", "2–3-е место на площадке "
                                            "«Кожевниковская СОШ № 1» из 4: равный балл на "
                                            "границе: решает координатор"]


async def test_space_and_enter_settle_the_ties_and_a_advances_after_asking(stage_file):
    path, world = stage_file
    app = Host(path, world.selection)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")  # refused: two ties wait
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmDialog) and final_entries(path, world) == []
        await pilot.press("down", "space", "down", "enter", "enter", "down", "enter")
        await settle(pilot)
        table = app.query_one(WideTable)
        assert [table.get_row_at(n)[6] for n in range(4)] == ["✓", "✓", "✗", "✗"]
        assert text(app, "#advance-counts").startswith("Пройдут 4 из 7.")
        assert app.changes == [world.selection] * 3  # ? → ✓ → ✗; the last Enter: a rule's ✗
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Перевести на этап «Итоговое событие» 4 из 7 участников" in text(
            app.screen, "#ask-question")
        await pilot.press("enter")
        await settle(pilot)
        assert len(final_entries(path, world)) == 4
        assert table.get_row_at(0)[8] == "уже переведён"


async def test_a_rule_row_cannot_be_toggled(stage_file):
    path, world = stage_file
    app = Host(path, world.selection)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        assert app.changes == []
        assert table_verdicts(app)[:2] == ["✓", "?"]


def table_verdicts(app) -> list[str]:
    table = app.query_one(WideTable)
    return [table.get_row_at(n)[6] for n in range(table.row_count)]


async def test_the_rule_form_sets_a_threshold_table_and_shows_errors_beside_fields(stage_file):
    path, world = stage_file
    app = Host(path, world.selection)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PassRuleForm)
        await pilot.press("enter", "up", "enter")  # Вид: первые N → проходной балл
        await settle(pilot)
        assert not form.query_one("#quota-fields").display
        await pilot.press("tab", *"abc", "tab", *"вокал; 17; 20", "ctrl+s")
        await settle(pilot)
        assert text(form, "#e-default") == "Балл по умолчанию «abc» — не число."
        assert text(form, "#e-lines").startswith("Строка 1 «вокал; 17; 20»: класс «17»")
        await pilot.press("shift+tab", "ctrl+a", "ctrl+k", *"25", "tab", "ctrl+a", "ctrl+k",
                          *"вокал; 7; 20,5", "ctrl+s")
        await settle(pilot)
        assert app.screen is not form
        assert text(app, "#advance-counts").startswith("Пройдут 2 из 7.")
    db = open_database(path, create=False)
    assert get_rule(db, world.selection) == Threshold((MinScore(20.5, "вокал", 7),), 25)
    db.close()


async def test_the_rule_form_sets_a_quota_per_district_by_keys(stage_file):
    path, world = stage_file
    app = Host(path, world.selection)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("tab", "ctrl+a", "ctrl+k", "1", "tab", "enter", "up", "up", "enter",
                          "tab", "space", "tab", "tab", "enter", "up", "enter", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, PassRuleForm)
    db = open_database(path, create=False)
    assert get_rule(db, world.selection) == Quota(1, QuotaScope.DISTRICT, by_subject=True,
                                                  ties=TiePolicy.ALL)
    db.close()


SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES)
def test_advance_pane_snapshot(snap_compare, stage_file, size):
    path, world = stage_file
    assert snap_compare(Host(path, world.selection), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_pass_rule_form_snapshot(snap_compare, stage_file, size):
    path, world = stage_file

    async def go(pilot):
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)

    assert snap_compare(Host(path, world.selection), terminal_size=size, run_before=go)
