"""SVG snapshots of the «Участники» and «Протокол» panes (80×24 and 120×40), the participant
form and the protocol import preview, each in the small host app on a fresh stage."""

from __future__ import annotations

from pathlib import Path

import pytest

from rcro_tui.screens.entries_pane import EntriesPane
from rcro_tui.screens.protocol_pane import ProtocolPane

from stage_host import StageHost
from test_entries_pane import make_stage, settle

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.fixture
def stage(tmp_path: Path):
    path = tmp_path / "stage.sqlite"
    return path, make_stage(path)


@pytest.mark.parametrize("size", SIZES)
def test_entries_pane(snap_compare, stage, size):
    path, region = stage

    async def go(pilot):
        await settle(pilot)

    app = StageHost(path, lambda: EntriesPane(region.stage))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=go)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("presses", [0, 4], ids=["stage", "totals"])
def test_protocol_pane(snap_compare, stage, size, presses):
    path, region = stage

    async def go(pilot):
        await settle(pilot)
        await pilot.press(*["g"] * presses)
        await settle(pilot)

    app = StageHost(path, lambda: ProtocolPane(region.stage))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=go)


def test_entry_form_with_problems(snap_compare, stage):
    path, region = stage

    async def go(pilot):
        await settle(pilot)
        await pilot.press("a", *"Котов Илья", "tab", "6", "ctrl+s")
        await settle(pilot)

    app = StageHost(path, lambda: EntriesPane(region.stage))
    assert snap_compare(app, terminal_size=(80, 24), run_before=go)


def test_import_preview(snap_compare, stage, tmp_path, monkeypatch):
    path, region = stage
    monkeypatch.chdir(tmp_path)
    (tmp_path / "протокол.csv").write_bytes(
        "ФИО;Класс;ОО;Муниципалитет;Предмет;Балл;Результат\r\n"
        "Котов Илья;9;МБОУ Зырянская СОШ №3;Зырянский район;физика;11;\r\n"
        "Белова Ира;8;МБОУ «Уртамская СОШ»;;физика;51;призёр\r\n"
        "Гусев Лев;10;Зырянская гимназия;;математика;22,5;победитель\r\n".encode("cp1251"))

    async def go(pilot):
        await settle(pilot)
        await pilot.press("i", *"протокол.csv", "enter")
        await settle(pilot)

    app = StageHost(path, lambda: EntriesPane(region.stage))
    assert snap_compare(app, terminal_size=(120, 40), run_before=go)
