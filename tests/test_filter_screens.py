"""FilterBar, FilterDialog and SavedViewsDialog in a small harness app: real keys, snapshots at 80×24."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Footer, Input, SelectionList, Static

import rcro_tui
from rcro_tui.app import RCRO_THEME
from rcro_tui.db.connection import open_database
from rcro_tui.db.event_filter import EventFilter
from rcro_tui.db.filter_names import resolve_id
from rcro_tui.db.saved_views import list_views, save_view
from rcro_tui.screens.filter_bar import FilterBar
from rcro_tui.screens.filter_dialog import FilterDialog
from rcro_tui.screens.picker import ChoicePicker
from rcro_tui.screens.saved_views import ConfirmDialog, SavedViewsDialog

SIZE = (80, 24)


class Harness(App[None]):
    """The bar on its own, as the calendar will hold it; records every `Changed`."""

    CSS_PATH = Path(rcro_tui.__file__).parent / "app.tcss"

    def __init__(self, db_path: Path, flt: EventFilter | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.start = flt
        self.changes: list[EventFilter] = []

    def compose(self) -> ComposeResult:
        yield FilterBar(self.db_path, "ivanova", self.start, id="bar")
        yield Static("Календарь", id="below")
        yield Footer()

    def on_mount(self) -> None:
        self.register_theme(RCRO_THEME)
        self.theme = "rcro"
        self.query_one(FilterBar).focus()

    def on_filter_bar_changed(self, message: FilterBar.Changed) -> None:
        self.changes.append(message.filter)


def ids_of(demo_path: Path, table: str, name: str) -> int:
    db = open_database(demo_path)
    try:
        return resolve_id(db, table, name, option="test")
    finally:
        db.close()


def chip_text(app: Harness) -> str:
    return str(app.query_one("#filter-chips", Static).render())


async def test_typing_a_search_filters_live_and_esc_keeps_it(demo_path):
    app = Harness(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        assert "Все мероприятия" in chip_text(app)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"ёлк")
        assert [f.text for f in app.changes] == ["ё", "ёл", "ёлк"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.query_one(FilterBar)
        assert app.query_one(FilterBar).filter == EventFilter(text="ёлк")
        assert "Поиск: ёлк" in chip_text(app)
        await pilot.press("backspace")
        assert app.changes[-1] == EventFilter() and "Все мероприятия" in chip_text(app)
        await pilot.press("slash")
        assert app.query_one(Input).value == ""


async def test_chips_are_chosen_with_arrows_and_removed(demo_path):
    trc = ids_of(demo_path, "programs", "ТРЦ")
    app = Harness(demo_path, EventFilter(program_ids=(trc,), kinds=("olympiad",), grade=8))
    async with app.run_test(size=SIZE) as pilot:
        assert "Программа: ТРЦ" in chip_text(app) and "Класс: 8" in chip_text(app)
        await pilot.press("left", "backspace")  # from «Класс» back to «Вид»
        assert app.changes == [EventFilter(program_ids=(trc,), grade=8)]
        await pilot.press("backspace")
        assert app.changes[-1] == EventFilter(program_ids=(trc,))


async def test_dialog_choose_a_programme_and_a_kind_and_apply(demo_path):
    app = Harness(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FilterDialog)
        await pilot.press("tab")  # past the search words, into the programme's search box
        await pilot.press(*"енот", "enter")  # narrow to «Парк ЕНОТо», Enter goes to the list
        assert isinstance(app.focused, SelectionList)
        await pilot.press("space")
        kinds = dialog.query_one("#pick-kinds", ChoicePicker)
        kinds.query_one(SelectionList).focus()
        await pilot.press("down", "down", "space")  # олимпиада, конференция, конкурс
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FilterDialog)
        park = ids_of(demo_path, "programs", "Парк ЕНОТо")
        assert app.changes == [EventFilter(program_ids=(park,), kinds=("contest",))]
        assert "Программа: Парк ЕНОТо" in chip_text(app) and "Вид: конкурс" in chip_text(app)


async def test_dialog_names_a_wrong_date_and_refuses_to_apply(demo_path):
    app = Harness(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#filter-first-day", Input).focus()
        await pilot.press(*"31.02.2026")
        error = str(app.screen.query_one("#error-first-day", Static).render())
        assert "«31.02.2026» — такой даты нет в календаре" in error
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FilterDialog) and app.changes == []
        for _ in range(10):
            await pilot.press("backspace")
        await pilot.press(*"01.12.2026")
        app.screen.query_one("#filter-grade", Input).focus()
        await pilot.press("8")
        await pilot.press("f2")
        await pilot.pause()
        assert app.changes[-1].first_day.isoformat() == "2026-12-01"
        assert app.changes[-1].grade == 8
        assert "С 01.12.2026" in chip_text(app)


async def test_dialog_reset_and_cancel(demo_path):
    app = Harness(demo_path, EventFilter(kinds=("forum",), text="молод"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.press("escape")
        await pilot.pause()
        assert app.changes == [] and app.query_one(FilterBar).filter.kinds == ("forum",)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("ctrl+r", "ctrl+s")
        await pilot.pause()
        assert app.changes == [EventFilter()]


async def test_a_search_handled_late_never_takes_back_letters_typed_since(demo_path):
    """Over SSH the letters of a word arrive together: the box has «Форум» when the bar
    handles the change it posted at «Ф». That late change must not write «Ф» back into the
    box (the next letters went in after the «Ф»: «Фдероворум юных ли»)."""
    app = Harness(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        box = app.query_one(Input)
        with box.prevent(Input.Changed):
            box.value = "Форум"
        box.post_message(Input.Changed(box, "Ф"))
        await pilot.pause()
        await pilot.press(*" юных")
        assert box.value == "Форум юных"
        assert app.changes[-1].text == "Форум юных"


async def test_host_picker_searches_hundreds_of_organisations(demo_path):
    app = Harness(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        hosts = app.screen.query_one("#pick-hosts", ChoicePicker)
        hosting = len(hosts.choices)
        app.screen.query_one("#all-hosts").focus()
        await pilot.press("space")
        await pilot.pause()
        assert len(hosts.choices) > hosting
        hosts.query_one(Input).focus()
        await pilot.press(*"федорова")  # «Фёдорова» in the official name, typed with «е»
        shown = hosts.query_one(SelectionList)
        assert shown.option_count == 1
        await pilot.press("enter", "space")
        await pilot.press(*["backspace"] * 3)  # wider list: the tick stays
        hosts.query_one(Input).value = ""
        await pilot.pause()
        assert hosts.values == (ids_of(demo_path, "organizations", "Богашевская"),)


async def test_save_a_view_and_apply_it_again(demo_path):
    app = Harness(demo_path, EventFilter(kinds=("olympiad",), grade=8))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, SavedViewsDialog)
        assert "Сохранённых видов нет" in str(app.screen.query_one("#views-empty").render())
        await pilot.press("s")
        await pilot.press(*"Олимпиады 8", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("backspace", "backspace")
        assert app.query_one(FilterBar).filter == EventFilter()
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.changes[-1] == EventFilter(kinds=("olympiad",), grade=8)
    db = open_database(demo_path)
    assert [(v.name, v.owner) for v in list_views(db)] == [("Олимпиады 8", "ivanova")]
    db.close()


async def test_rename_and_delete_with_confirmation(demo_path):
    db = open_database(demo_path)
    save_view(db, "Форумы", EventFilter(kinds=("forum",)), user="demo")
    save_view(db, "Вебинары", EventFilter(kinds=("webinar",)), user="demo")
    db.close()
    app = Harness(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("r", "ctrl+u", *"Онлайн", "enter")
        await pilot.pause()
        await pilot.press("down", "delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("delete", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SavedViewsDialog)
    db = open_database(demo_path)
    assert [v.name for v in list_views(db)] == ["Онлайн"]
    assert list_views(db)[0].filter == EventFilter(kinds=("webinar",))
    db.close()


async def test_keys_are_described_in_russian(demo_path):
    from rcro_tui.screens.help import key_rows

    app = Harness(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = dict((description, keys) for keys, description in key_rows(app, app.screen))
        assert {"Поиск", "Фильтр…", "Виды…", "Убрать условие"} <= set(rows)
        await pilot.press("f")
        await pilot.pause()
        rows = {description for _, description in key_rows(app, app.screen)}
        assert {"Применить", "Отмена", "Сбросить"} <= rows


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def bar_with_chips(demo_path):
    trc = ids_of(demo_path, "programs", "ТРЦ")
    tomsky = ids_of(demo_path, "districts", "Томский район")
    from datetime import date

    return Harness(demo_path, EventFilter(
        program_ids=(trc,), district_ids=(tomsky,), kinds=("olympiad", "contest"),
        grade=8, first_day=date(2026, 12, 1), last_day=date(2026, 12, 31), text="олимп"))


def test_snapshot_filter_bar(snap_compare, bar_with_chips):
    assert snap_compare(bar_with_chips, terminal_size=SIZE, run_before=settle)


def test_snapshot_filter_dialog(snap_compare, bar_with_chips):
    async def go(pilot):
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)

    assert snap_compare(bar_with_chips, terminal_size=SIZE, run_before=go)


def test_snapshot_saved_views(snap_compare, demo_path, bar_with_chips):
    db = open_database(demo_path)
    save_view(db, "Олимпиады Томского района", bar_with_chips.start, user="ivanova")
    save_view(db, "Вебинары для педагогов", EventFilter(kinds=("webinar",),
                                                        audience="педагоги"), user="demo")
    db.close()

    async def go(pilot):
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)

    assert snap_compare(bar_with_chips, terminal_size=SIZE, run_before=go)


def test_the_saved_views_dialog_answers_for_its_keys_before_it_is_composed(tmp_path):
    """A key typed as the dialog opens (over SSH, the rest of a word typed fast) is checked
    before the dialog has its widgets: the answer waits for them instead of crashing."""
    from rcro_tui.db.event_filter import EventFilter
    from rcro_tui.screens.saved_views import SavedViewsDialog

    dialog = SavedViewsDialog(tmp_path / "x.sqlite", "ivanova", EventFilter())
    assert dialog.check_action("save", ()) is None
    assert dialog.check_action("delete", ()) is None
    assert dialog.check_action("copy_text", ()) is True
