"""Pilot tests of «Сеть» → «Организации»: search, filters, the editor, the card, merge, import."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from rcro_tui.db.connection import open_database
from rcro_tui.db.orgs import OrgDraft, add_org
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.org_detail import OrgDetailScreen
from rcro_tui.screens.org_editor import OrgEditorScreen
from rcro_tui.screens.org_filter import OrgFilterDialog
from rcro_tui.screens.org_import import OrgImportScreen
from rcro_tui.screens.org_list import OrgListPane, searched
from rcro_tui.screens.org_list_view import OrgListView
from rcro_tui.screens.org_merge import DuplicatePicker

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
BAD_FILE = "tests/data/orgs/one-bad-row.csv"
GOOD_NAME = "МБОУ «Новая СОШ № 7» \"им. Ю.А. Гагарина\""


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_orgs(pilot) -> OrgListPane:
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    await pilot.press("]")
    await settle(pilot)
    return pilot.app.screen.query_one(OrgListPane)


async def typed(pilot, text: str) -> None:
    """Key presses as a terminal sends them, «ёлочки» and № included (Pilot's `press` cannot
    name those keys: it drops them)."""
    from textual import events
    from textual.keys import _character_to_key

    for char in text:
        key = _character_to_key(char) if len(char) == 1 and not char.isalnum() else char
        pilot.app.post_message(events.Key(key, char))
        await pilot.pause()


def names(pane: OrgListPane) -> list[str]:
    view = pane.query_one(OrgListView)
    rows = view.fetch(view.ids)
    return [rows[i].name for i in view.ids]


def title(pane: OrgListPane) -> str:
    return str(pane.query_one("#orgs-title").render())


def test_a_lone_letter_waits_for_the_second():
    assert searched("к") == "" and searched("7") == "7" and searched("ко") == "ко"


async def test_search_narrows_as_you_type(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        pane = await open_orgs(pilot)
        assert pilot.app.focused is pane.query_one("#orgs-search")
        total = len(names(pane))
        await pilot.press(*"кожев")
        await settle(pilot)
        assert names(pane) == ["МБОУ «Кожевниковская СОШ № 1»", "МБОУ «Кожевниковская СОШ № 2»"]
        await pilot.press("space", "N", "2")
        await settle(pilot)
        assert names(pane) == ["МБОУ «Кожевниковская СОШ № 2»"]
        assert title(pane) == "Организации — 1 организация"
        await pilot.press("escape")
        await settle(pilot)
        assert len(names(pane)) == total


async def test_letters_in_the_list_are_commands_and_others_go_to_the_search(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        pane = await open_orgs(pilot)
        await pilot.press("down", "down")
        await settle(pilot)
        view = pane.query_one(OrgListView)
        assert pilot.app.focused is view and view.cursor == 1
        await pilot.press("т", "г")
        await settle(pilot)
        assert pane.query_one("#orgs-search", Input).value == "тг"
        assert pilot.app.focused is pane.query_one("#orgs-search")


async def test_filters_by_kind_and_district(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        pane = await open_orgs(pilot)
        await pilot.press("down", "f")
        await settle(pilot)
        assert isinstance(pilot.app.screen, OrgFilterDialog)
        await pilot.press("space", "tab", "tab")  # «школа»; kind → form → district
        await settle(pilot)
        await pilot.press(*["down"] * 10, "space")  # the 11th district: Кожевниковский
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert names(pane) == ["МБОУ «Кожевниковская СОШ № 1»", "МБОУ «Кожевниковская СОШ № 2»",
                               "МБОУ «Уртамская СОШ»"]
        assert title(pane) == ("Организации — 3 организации · фильтр: вид: школа; "
                               "МО: Кожевниковский район")


async def test_add_through_the_editor_bad_inn_then_good(make_app, demo_path):
    async with make_app().run_test(size=(100, 30)) as pilot:
        pane = await open_orgs(pilot)
        await pilot.press("insert")
        await settle(pilot)
        editor = pilot.app.screen
        assert isinstance(editor, OrgEditorScreen)
        await typed(pilot, GOOD_NAME)
        await pilot.press("tab")
        await typed(pilot, "СОШ № 7")
        await pilot.press("tab", "tab", "tab", *"7008004481")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is editor
        error = editor.query_one("#e-inn", Static)
        assert error.display and str(error.render()).startswith("ИНН «7008004481»: неверный")
        assert pilot.app.focused is editor.query_one("#f-inn")
        await pilot.press("backspace", "0", "ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen.query_one(OrgListPane), OrgListPane)
        db = open_database(demo_path)
        row = db.execute("SELECT name, short_name, legal_form, inn FROM organizations "
                         "WHERE inn = '7008004480'").fetchone()
        db.close()
        assert row == (GOOD_NAME, "СОШ № 7", "МБОУ", "7008004480")
        view = pane.query_one(OrgListView)
        assert view.fetch([view.current()])[view.current()].name == GOOD_NAME


async def test_enter_opens_the_card_and_e_edits_from_it(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        pane = await open_orgs(pilot)
        await pilot.press(*"сош 32", "enter")
        await settle(pilot)
        card = pilot.app.screen
        assert isinstance(card, OrgDetailScreen)
        text = str(card.query_one("#org-detail-text", Static).render())
        assert text.startswith("МАОУ СОШ № 32 г. Томска")
        for heading in ("Контакты — 1", "Участие в программах — 2", "Проводит мероприятия — 2",
                        "Площадка отборочных этапов — 2"):
            assert heading in text
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(pilot.app.screen, OrgEditorScreen)
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert pilot.app.screen.query_one(OrgListPane) is pane


async def test_merge_a_duplicate_after_confirming(make_app, demo_path):
    db = open_database(demo_path)
    duplicate = add_org(db, OrgDraft('МАОУ СОШ N32 г.Томска', inn="7008004480"), user="demo")
    db.close()
    async with make_app().run_test(size=(100, 30)) as pilot:
        pane = await open_orgs(pilot)
        await typed(pilot, "сош №32")
        await pilot.press("down")
        await settle(pilot)
        assert len(names(pane)) == 2
        await pilot.press("m")
        await settle(pilot)
        picker = pilot.app.screen
        assert isinstance(picker, DuplicatePicker)
        await pilot.press("enter")
        await settle(pilot)
        confirm = pilot.app.screen
        assert isinstance(confirm, ConfirmDialog)
        assert "Будет удалена: «МАОУ СОШ N32 г.Томска»" in confirm.question
        await pilot.press("enter")
        await settle(pilot)
        assert names(pane) == ["МАОУ СОШ № 32 г. Томска"]
    db = open_database(demo_path)
    assert db.execute("SELECT inn FROM organizations WHERE name = 'МАОУ СОШ № 32 г. Томска'"
                      ).fetchone() == ("7008004480",)
    assert db.execute("SELECT 1 FROM organizations WHERE id = ?", [duplicate]).fetchone() is None
    db.close()


async def test_import_preview_then_ctrl_s(make_app, demo_path, tmp_path):
    good = tmp_path / "ok.csv"
    good.write_bytes("Наименование;МО\r\nМБОУ «Тестовая СОШ»;Шегарский район\r\n".encode("cp1251"))
    async with make_app().run_test(size=(100, 30)) as pilot:
        await open_orgs(pilot)
        await pilot.press("down", "i")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, OrgImportScreen)
        await pilot.press(*BAD_FILE, "enter")
        await settle(pilot)
        assert str(dialog.query_one("#import-summary").render()).startswith(
            "В файле 1 ошибка: ничего не импортировано.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is dialog, "a file with a bad row is not imported"
        dialog.query_one(Input).value = str(good)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, OrgImportScreen)
    db = open_database(demo_path)
    assert db.execute("SELECT count(*) FROM organizations WHERE name = 'МБОУ «Тестовая СОШ»'"
                      ).fetchone() == (1,)
    db.close()


# Snapshots ------------------------------------------------------------------------------

async def _list(pilot) -> None:
    await open_orgs(pilot)
    await pilot.press(*"сош")
    await settle(pilot)


async def _filters(pilot) -> None:
    await open_orgs(pilot)
    await pilot.press("down", "f", "space")
    await settle(pilot)


async def _card(pilot) -> None:
    await open_orgs(pilot)
    await pilot.press(*"сош 32", "enter")
    await settle(pilot)


async def _editor(pilot) -> None:
    await open_orgs(pilot)
    await pilot.press("insert")
    await settle(pilot)
    await pilot.press("tab", "tab", "tab", "tab", *"123", "ctrl+s")
    await settle(pilot)


async def _merge(pilot) -> None:
    await open_orgs(pilot)
    await pilot.press(*"кожевниковская", "down", "m")
    await settle(pilot)
    await pilot.press("ctrl+u", *"кожевниковская")
    await settle(pilot)


async def _import(pilot) -> None:
    await open_orgs(pilot)
    await pilot.press("down", "i", *BAD_FILE, "enter")
    await settle(pilot)


SCREENS = {"list": _list, "filters": _filters, "card": _card, "editor": _editor,
           "merge": _merge, "import": _import}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_snapshot(snap_compare, make_app, screen, size):
    assert snap_compare(make_app(), terminal_size=SIZES[size], run_before=SCREENS[screen])


async def test_editing_contacts_and_a_colleagues_save_in_between(make_app, demo_path):
    async with make_app().run_test(size=(100, 30)) as pilot:
        await open_orgs(pilot)
        await pilot.press(*"сош 32", "down", "e")
        await settle(pilot)
        editor = pilot.app.screen
        assert isinstance(editor, OrgEditorScreen)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press(*"Иванов И.И.", "tab", *"методист")
        db = open_database(demo_path)  # a colleague saves the same organisation meanwhile
        db.execute("UPDATE organizations SET address = 'пр. Ленина, 1', revision = revision + 1 "
                   "WHERE id = 32")
        db.close()
        await pilot.press("ctrl+s")
        await settle(pilot)
        ask = pilot.app.screen
        assert isinstance(ask, ConfirmDialog)
        assert "изменил другой пользователь" in ask.question
        await pilot.press("enter")  # «Сохранить мою»
        await settle(pilot)
        assert not isinstance(pilot.app.screen, (ConfirmDialog, OrgEditorScreen))
    db = open_database(demo_path)
    contacts = db.execute("SELECT name, position FROM contacts WHERE organization_id = 32 "
                          "ORDER BY id").fetchall()
    assert contacts[-1] == ("Иванов И.И.", "методист") and len(contacts) == 2
    assert db.execute("SELECT revision FROM organizations WHERE id = 32").fetchone()[0] >= 3
    db.close()
