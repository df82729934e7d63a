"""The «Участники» and «Протокол» panes, driven by keys in a small host app."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from rcro_tui.db.connection import open_database
from rcro_tui.db.entries import EntryDraft, add_entry
from rcro_tui.screens.entries_pane import EntriesPane
from rcro_tui.screens.entry_form import EntryFormScreen, SchoolPicker
from rcro_tui.screens.entry_import import EntryImportScreen
from rcro_tui.screens.protocol_pane import ProtocolPane
from rcro_tui.screens.view_table import ViewTable

from stage_data import USER, build_region
from stage_host import StageHost

PEOPLE = [("Иванов Пётр", 8, "kozh2", "физика", 45, "winner"),
          ("Петрова Анна", 9, "urtam", "физика", 38, "prize"),
          ("Ким Алла", 9, "zyr1", "физика", 38, "prize"),
          ("Сидоров Олег", 10, "zyr_gym", "физика", 12, "participant"),
          ("Орлова Мария", 7, "zyr1", "математика", 20, "winner")]


def make_stage(path: Path, people=PEOPLE):
    db = open_database(path)
    region = build_region(db)
    for name, grade, school, subject, score, result in people:
        add_entry(db, region.stage, EntryDraft(name, grade, getattr(region, school), subject,
                                               score=score, result=result), user=USER)
    db.close()
    return region


@pytest.fixture
def stage(tmp_path: Path):
    path = tmp_path / "stage.sqlite"
    return path, make_stage(path)


def rows(app, selector: str) -> list[tuple[str, ...]]:
    view = app.query_one(selector, ViewTable).view
    return [] if view is None else view.rows


def entries_count(path: Path) -> int:
    db = open_database(path, create=False)
    try:
        return db.execute("SELECT count(*) FROM entries").fetchone()[0]
    finally:
        db.close()


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_add_a_participant_with_a_refusal_first(stage):
    path, region = stage
    app = StageHost(path, lambda: EntriesPane(region.stage, id="entries"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert [row[0] for row in rows(app, "#entries-table")][:2] == ["Иванов Пётр", "Ким Алла"]
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, EntryFormScreen)
        await pilot.press(*"Котов Илья", "tab", "6")
        app.screen.query_one("#f-subject", Input).value = "физика"
        app.screen.query_one("#f-score", Input).value = "семнадцать"
        await pilot.press("ctrl+s")
        await pilot.pause()
        errors = {line.id: str(line.render()) for line in app.screen.query(".form-error")
                  if line.display}
        assert errors == {"e-grade": "Класс 6: на этап «Региональный этап» допускаются "
                                     "7–11 классы.",
                          "e-score": "Балл: «семнадцать» — не число; балл пишется цифрами, "
                                     "например 17 или 17,5."}
        app.screen.query_one("#f-grade", Input).value = "8"
        app.screen.query_one("#f-score", Input).value = "17,5"
        app.screen.query_one("#f-organization_id").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SchoolPicker)
        await pilot.press(*"уртам", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, EntryFormScreen)
        assert ("Котов Илья", "8", "17,5", "участник", "физика", "МБОУ «Уртамская СОШ»",
                "Кожевниковский район", "допущен",
                "Кожевниковский район") in rows(app, "#entries-table")
        assert app.changes == [region.stage]


async def test_edit_by_enter_and_delete_with_confirmation(stage):
    path, region = stage
    app = StageHost(path, lambda: EntriesPane(region.stage))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # Иванов Пётр, the first by name
        await pilot.pause()
        assert isinstance(app.screen, EntryFormScreen)
        app.screen.query_one("#f-score", Input).value = "51"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(app.screen.query_one("#e-score").render()) == \
            "Балл 51 больше максимального балла этапа (50)."
        app.screen.query_one("#f-score", Input).value = "49"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert rows(app, "#entries-table")[0][2] == "49"
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")  # «Оставить»
        await settle(pilot)
        assert entries_count(path) == 5
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert entries_count(path) == 4
        assert rows(app, "#entries-table")[0][0] == "Ким Алла"


async def test_the_filter_line(stage):
    path, region = stage
    app = StageHost(path, lambda: EntriesPane(region.stage))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"зырянск")
        await settle(pilot)
        assert [row[0] for row in rows(app, "#entries-table")] == [
            "Ким Алла", "Орлова Мария", "Сидоров Олег"]
        await pilot.press("enter")
        assert isinstance(app.focused, DataTable)


async def test_import_with_an_unknown_school_matched(stage, tmp_path):
    path, region = stage
    file = tmp_path / "протокол.csv"
    file.write_bytes("ФИО;Класс;ОО;Муниципалитет;Предмет;Балл\r\n"
                     "Котов Илья;9;МБОУ Зырянская СОШ №3;Зырянский район;физика;11\r\n"
                     .encode("cp1251"))
    app = StageHost(path, lambda: EntriesPane(region.stage))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, EntryImportScreen)
        await pilot.press(*str(file), "enter")
        await settle(pilot)
        screen = app.screen
        assert "1 ошибка: ничего не импортировано" in str(
            screen.query_one("#import-summary").render())
        await pilot.press("ctrl+s")  # refused: a problem is left
        await pilot.pause()
        assert entries_count(path) == 0 + 5
        unknown = screen.query_one("#import-unknown", DataTable)
        unknown.focus()
        await pilot.press("enter")  # → сопоставить с the closest name
        await settle(pilot)
        assert unknown.get_row_at(0)[3] == "сопоставить с «МБОУ «Зырянская СОШ» — Зырянский район»"
        assert str(screen.query_one("#import-summary").render()).startswith(
            "Будет добавлено 1 участник.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, EntryImportScreen)
        assert entries_count(path) == 6
        assert "Котов Илья" in [row[0] for row in rows(app, "#entries-table")]


async def test_protocol_grouping_switch_and_rereading(stage):
    path, region = stage
    app = StageHost(path, lambda: ProtocolPane(region.stage))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert str(app.query_one("#protocol-tally").render()) == \
            "5 участников: 2 победителя, 2 призёра"
        assert [row[0] for row in rows(app, "#protocol-table")] == ["1", "1", "2–3", "2–3", "4"]
        await pilot.press("g", "g")
        await settle(pilot)
        assert app.query_one(ProtocolPane).by == "district"
        assert [row[7] for row in rows(app, "#protocol-table")][:1] == ["Кожевниковский район"]
        await pilot.press("g", "g")
        await settle(pilot)
        assert rows(app, "#protocol-table")[-1] == ("Итого", "5", "2", "2", "4")
        db = open_database(path, create=False)
        add_entry(db, region.stage, EntryDraft("Новиков Ян", 11, region.kozh2, "физика",
                                               result="winner"), user=USER)
        db.close()
        from rcro_tui.screens.stage_messages import StageChanged
        app.query_one(ProtocolPane).post_message(StageChanged(region.stage))
        await settle(pilot)
        assert rows(app, "#protocol-table")[-1] == ("Итого", "6", "3", "2", "4")
        await pilot.press("G")
        await settle(pilot)
        assert app.query_one(ProtocolPane).by == "school"
