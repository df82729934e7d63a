"""The «Письмо» dialog from the agenda: Shift+L, the letter's text, switching the letter, saving."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, RadioSet, Static

from rcro_tui.exports.letters import docx_text
from rcro_tui.screens.letter_dialog import LetterDialog

from test_editor import SIZE, cursor_to, first_in_person, settle, shown


def preview(app) -> str:
    return str(app.screen.query_one("#letter-text", Static).render())


async def open_letter(pilot) -> int:
    await settle(pilot)
    event_id = first_in_person(pilot.app)
    await cursor_to(pilot, event_id)
    await pilot.press("L")
    await settle(pilot)
    assert isinstance(pilot.app.screen, LetterDialog)
    return event_id


async def test_shift_l_previews_and_saves_the_announcement(make_app, keep_user_data_out):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        event_id = await open_letter(pilot)
        text = preview(app)
        assert "Уважаемые коллеги!" in text and "О проведении" in text and "состоится" in text
        shown_path = app.screen.query_one("#f-path", Input).value
        assert shown_path.startswith("~/письмо-о-проведении-")
        path = Path(shown_path).expanduser()
        assert path.parent == keep_user_data_out
        app.screen.query_one("#f-number", Input).value = "77"
        await settle(pilot)
        assert "23.11.2026 № 77" in preview(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, LetterDialog)
    assert "23.11.2026 № 77" in docx_text(path.read_bytes())
    assert str(event_id) in path.name


async def test_results_without_results_say_so_and_nothing_is_saved(make_app, keep_user_data_out):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_letter(pilot)
        await pilot.press("right")  # the second radio button: «Об итогах …»
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.letter == "results"
        assert "ещё нет итогов" in preview(app)
        assert "об-итогах" in app.screen.query_one("#f-path", Input).value
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = app.screen.query_one("#e-form", Static)
        assert error.display and "не составлено" in str(error.render())
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, LetterDialog)
    assert not list(keep_user_data_out.glob("письмо-*.docx"))


async def test_a_bad_path_is_explained(make_app, keep_user_data_out):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_letter(pilot)
        app.screen.query_one("#f-path", Input).value = str(keep_user_data_out / "нет" / "a.docx")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Папки" in str(app.screen.query_one("#e-form", Static).render())
        assert isinstance(app.screen, LetterDialog)
        assert app.screen.query_one("#letter-kind", RadioSet).pressed_index == 0


def test_letter_dialog_snapshot_80x24(snap_compare, make_app):
    async def run_before(pilot):
        await open_letter(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_letter_dialog_snapshot_120x40(snap_compare, make_app):
    async def run_before(pilot):
        await open_letter(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)
