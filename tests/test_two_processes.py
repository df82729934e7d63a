"""Two coordinators at once: the app in this process, a colleague's command in another one.

Process A (the Pilot app) opens an event in the editor; process B, a separate Python
process, cancels the same event through `rcro-tui events cancel` (or saves an edit through
`update_event`). When A saves, it must get the conflict dialog with both versions, and
whatever A chooses, B's change stays in the audit log: no lost update.
"""

from __future__ import annotations

import json
import subprocess
import sys
from textwrap import dedent

from textual.widgets import Input

from rcro_tui.db.connection import open_database
from rcro_tui.screens.agenda import AgendaScreen
from rcro_tui.screens.conflict_dialog import ConflictDialog
from rcro_tui.screens.event_editor import EventEditorScreen
from rcro_tui.screens.view_table import ViewTable

SIZE = (80, 24)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def other_process(*args: str) -> str:
    """Run a command in a separate Python process, as a colleague's session would."""
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def audit(path, event_id: int) -> list[tuple[str, dict, dict]]:
    db = open_database(path)
    try:
        return [(row["user"], json.loads(row["before"] or "{}"), json.loads(row["after"] or "{}"))
                for row in db.query("SELECT * FROM changes WHERE table_name = 'events' AND "
                                    "row_id = ? ORDER BY id", [str(event_id)])]
    finally:
        db.close()


def stored(path, event_id: int) -> dict:
    db = open_database(path)
    try:
        return next(db.query("SELECT title, status, revision FROM events WHERE id = ?",
                             [event_id]))
    finally:
        db.close()


async def test_a_cancel_in_another_process_meets_the_conflict_dialog(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        event_id = app.screen.query_one(ViewTable).view.keys[0]
        original = stored(demo_path, event_id)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EventEditorScreen)
        app.screen.query_one("#f-title").focus()
        await pilot.press("end", "ctrl+u", *"Версия Ивановой")

        other_process("-c", "from rcro_tui.db.connection import open_database; "
                      f"open_database({str(demo_path)!r}).execute(\"UPDATE users SET role = "
                      "'regional', district_id = NULL WHERE login = 'petrov'\")")
        said = other_process("-m", "rcro_tui", "--db", str(demo_path), "--user", "petrov",
                             "events", "cancel", str(event_id))
        assert "отменено (версия 2)" in said

        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog), "a conflict, not a silent overwrite"
        assert stored(demo_path, event_id)["status"] == "cancelled", "nothing written yet"
        rows = {label: (theirs, mine) for label, theirs, mine in dialog.conflict.rows}
        assert rows == {"Название": (original["title"], "Версия Ивановой"),
                        "Статус": ("отменено", "подтверждено")}
        intro = str(dialog.query_one("#conflict-intro").render())
        assert "изменил(а) Петров Андрей Владимирович (petrov)" in intro and "версия 2" in intro
        table = dialog.comparison_table()
        headers = [column.header for column in table.columns]
        assert headers[1].startswith("Сейчас в базе (изменил(а) petrov ")
        assert headers[2] == "Ваша версия"

        await pilot.press("shift+tab", "shift+tab", "enter")  # «Сохранить мою версию»
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)

    assert stored(demo_path, event_id) == {"title": "Версия Ивановой", "status": "confirmed",
                                           "revision": 3}
    log = audit(demo_path, event_id)
    users = [user for user, _, _ in log]
    assert users[-2:] == ["petrov", "ivanova"]
    _, petrov_before, petrov_after = log[-2]
    assert (petrov_before["status"], petrov_after["status"]) == ("confirmed", "cancelled")
    _, mine_before, mine_after = log[-1]
    assert mine_before["status"] == "cancelled", "A saved over B knowingly, B's change logged"
    assert mine_after["title"] == "Версия Ивановой"


async def test_an_edit_in_another_process_can_be_taken_into_the_form(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        event_id = app.screen.query_one(ViewTable).view.keys[0]
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-subjects").focus()
        await pilot.press("end", "ctrl+u", *"информатика")

        other_process("-c", dedent(f"""
            from dataclasses import replace
            from rcro_tui.db.connection import open_database
            from rcro_tui.db.event_edit import draft_of, update_event
            db = open_database({str(demo_path)!r})
            db.execute("UPDATE users SET role = 'regional', district_id = NULL WHERE login = 'petrov'")
            draft, revision = draft_of(db, {event_id})
            update_event(db, {event_id}, replace(draft, subjects="математика, логика"),
                         user="petrov", expected_revision=revision)
            """))

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        assert app.screen.conflict.rows == [("Предметы", "математика, логика", "информатика")]
        await pilot.press("shift+tab", "enter")  # «Взять версию из базы»
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EventEditorScreen)
        assert editor.query_one("#f-subjects", Input).value == "математика, логика"
        await pilot.press("ctrl+s")  # nothing of ours left to save: the stored version stays
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
    assert stored(demo_path, event_id)["revision"] == 2
    assert [user for user, _, _ in audit(demo_path, event_id)][-1] == "petrov"
