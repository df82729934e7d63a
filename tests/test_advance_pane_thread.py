"""The «Переход» pane reads its preview in a thread: «Считаю…» meanwhile, only the newest read
shown, and keys pressed meanwhile acting on the preview once it is shown — held here by a
gate in front of the real `preview`."""

from __future__ import annotations

import threading

import pytest


from conftest import TODAY
from test_advance_pane import Host, settle, stage_file, text  # noqa: F401  (a fixture)

from rcro_tui.db import advance
from rcro_tui.screens import advance_pane
from rcro_tui.screens.advance_pane import COUNTING, AdvancePane
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.stage_messages import StageChanged
from rcro_tui.screens.wide_table import WideTable


class Gate:
    """Stands in for `preview`: each read waits until let through, and is counted."""

    def __init__(self) -> None:
        self.open = threading.Event()
        self.reads: list[int] = []

    def __call__(self, db, stage_id, decisions=None):
        self.reads.append(stage_id)
        assert self.open.wait(10), "the test never let the read through"
        return advance.preview(db, stage_id, decisions)


@pytest.fixture
def gate(monkeypatch) -> Gate:
    found = Gate()
    monkeypatch.setattr(advance_pane, "preview", found)
    return found


async def wait_for(pilot, condition) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("never happened")


async def test_the_pane_counts_in_a_thread_and_shows_the_rows_when_read(stage_file, gate):
    path, world = stage_file
    app = Host(path, world.selection)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: gate.reads)
        assert text(app, "#advance-counts") == COUNTING
        assert app.query_one(WideTable).row_count == 0 and app.query_one(AdvancePane).busy
        gate.open.set()
        await settle(pilot)
        assert text(app, "#advance-counts").startswith("Пройдут 3 из 7")
        assert app.query_one(WideTable).row_count == 7


async def test_a_read_that_a_newer_one_replaced_is_not_shown(stage_file, gate):
    path, world = stage_file
    app = Host(path, world.selection)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: gate.reads)
        pane = app.query_one(AdvancePane)
        shown = []
        pane._show = lambda found, show=pane._show: (shown.append(found), show(found))
        pane.reload()
        pane.reload()
        assert len(gate.reads) == 1, "one read at a time"
        gate.open.set()
        await settle(pilot)
        assert len(gate.reads) == 2 and len(shown) == 1, "the first read dropped, one more"
        assert text(app, "#advance-counts").startswith("Пройдут 3 из 7")


async def test_keys_pressed_while_counting_act_on_the_new_preview(stage_file, gate):
    path, world = stage_file
    app = Host(path, world.selection)
    async with app.run_test(size=(120, 40)) as pilot:
        gate.open.set()
        await settle(pilot)
        gate.open.clear()
        await pilot.press("down", "space")  # the tie at place 2: ? → ✓, and a reread
        await wait_for(pilot, lambda: len(gate.reads) == 2)
        await pilot.press("enter")  # the same row again: waits for the reread
        assert app.changes == [world.selection], "not acted on the preview being replaced"
        assert app.query_one(AdvancePane).busy
        gate.open.set()
        await settle(pilot)
        assert app.changes == [world.selection] * 2
        assert [app.query_one(WideTable).get_row_at(n)[6] for n in range(3)] == ["✓", "✗", "?"]


async def test_advance_pressed_while_counting_asks_with_the_new_counts(stage_file, gate):
    path, world = stage_file
    app = Host(path, world.selection)
    async with app.run_test(size=(120, 40)) as pilot:
        gate.open.set()
        await settle(pilot)
        await pilot.press("down", "space", "down", "space")  # both ties pass: nothing waits
        await settle(pilot)
        gate.open.clear()
        app.query_one(AdvancePane).reload()
        await pilot.press("a")
        assert not isinstance(app.screen, ConfirmDialog)
        gate.open.set()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "5 из 7 участников" in text(app.screen, "#ask-question")


class StageHost(Host):
    """The pane inside the stage screen, which forwards each change to every tab."""

    def compose(self):
        return []

    def on_mount(self) -> None:
        from rcro_tui.screens.stage_screen import StageScreen

        self.today = TODAY
        self.push_screen(StageScreen(self.stage_id))


async def test_in_the_stage_screen_the_tab_reads_when_shown_and_once_a_change(stage_file,
                                                                               gate):
    path, world = stage_file
    gate.open.set()
    app = StageHost(path, world.selection)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_screen(pilot)
        pane = app.screen.query_one(AdvancePane)
        app.screen.query_one("#pane-entries").post_message(StageChanged(world.selection))
        await settle_screen(pilot)
        assert gate.reads == [], "a tab not shown yet reads nothing, even on a change"
        await pilot.press("]", "]", "]")  # «Площадки» → … → «Переход»
        await settle_screen(pilot)
        assert gate.reads == [world.selection]
        assert app.screen.query_one("#advance-table", WideTable).row_count == 7
        pane.changed()  # its own write: reread at once, the screen's forward not again
        await settle_screen(pilot)
        assert len(gate.reads) == 2
        app.screen.query_one("#pane-entries").post_message(StageChanged(world.selection))
        await settle_screen(pilot)  # another tab's write: the forward rereads
        assert len(gate.reads) == 3 and not pane.busy


async def settle_screen(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()
