"""No lost updates on a stage's pass rule and on the coordinator's marks: a save made from a
version a colleague has changed meanwhile is refused, writes nothing, and the screen keeps what
the person typed (the form) or rereads what the colleague saved (the «Переход» pane)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from stage_world import USER, build, enter

from rcro_tui.db import store
from rcro_tui.db.advance import get_rule, preview, set_marks, set_rule
from rcro_tui.db.connection import connect, open_database
from rcro_tui.db.store import ConflictError
from rcro_tui.pass_rules import Manual, Quota, QuotaScope
from rcro_tui.screens.pass_rule_form import PassRuleForm
from rcro_tui.screens.wide_table import WideTable
from test_advance_pane import KOZH, K1, T58, TOMSK, Host, settle, stage_file, text

CONFLICT = "Запись изменил другой пользователь"
__all__ = ["stage_file"]  # the fixture, imported for these tests


def changes(db) -> int:
    return db.execute("SELECT count(*) FROM changes").fetchone()[0]


def test_a_rule_saved_from_a_stale_stage_version_is_refused_and_nothing_written(fresh_db):
    world = build(fresh_db)
    seen = store.get_row(fresh_db, "stages", world.selection)["revision"]
    set_rule(fresh_db, world.selection, Quota(2), user="petrov", expected_revision=seen)
    logged = changes(fresh_db)
    with pytest.raises(ConflictError, match=CONFLICT):
        set_rule(fresh_db, world.selection, Manual(), user=USER, expected_revision=seen)
    assert get_rule(fresh_db, world.selection) == Quota(2)
    assert changes(fresh_db) == logged
    set_rule(fresh_db, world.selection, Manual(), user=USER, expected_revision=seen + 1)
    assert get_rule(fresh_db, world.selection) == Manual()


def test_marks_from_a_stale_preview_are_refused_all_together_naming_the_participant(fresh_db):
    world = build(fresh_db, rule={"kind": "manual"})
    ids = enter(fresh_db, world, KOZH, K1, None, None, None)
    rows = {row.entry_id: row for row in preview(fresh_db, world.selection).rows}
    assert {row.revision for row in rows.values()} == {1}
    store.update(fresh_db, "entries", ids[2], {"score": 17}, user="petrov")
    logged = changes(fresh_db)
    with pytest.raises(ConflictError) as refused:
        set_marks(fresh_db, world.selection, {i: True for i in ids}, user=USER,
                  seen={i: rows[i].revision for i in ids})
    assert refused.value.message.startswith(
        "Участника «Участник 3» изменил другой пользователь (версия 2, а вы видели версию 1): "
        "отметки не сохранены.")
    assert [fresh_db["entries"].get(i)["pass_mark"] for i in ids] == [None, None, None]
    assert changes(fresh_db) == logged
    fresh = {row.entry_id: row.revision for row in preview(fresh_db, world.selection).rows}
    set_marks(fresh_db, world.selection, {i: True for i in ids}, user=USER, seen=fresh)
    assert [fresh_db["entries"].get(i)["pass_mark"] for i in ids] == [1, 1, 1]
    now = {row.entry_id: row.revision for row in preview(fresh_db, world.selection).rows}
    assert [now[i] for i in ids] == [2, 2, 3]


async def test_the_rule_form_keeps_what_was_typed_when_a_colleague_saved_first(stage_file):
    path, world = stage_file
    app = Host(path, world.selection)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PassRuleForm)
        await pilot.press("tab", "ctrl+a", "ctrl+k", "1")
        colleague = connect(path)
        set_rule(colleague, world.selection, Quota(5, QuotaScope.DISTRICT), user="petrov")
        colleague.close()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form, "the form stays open"
        assert form.query_one("#f-n", Input).value == "1"
        assert text(form, "#e-form").startswith(CONFLICT + " (версия 2, а вы правили версию 1)")
    db = open_database(path, create=False)
    assert get_rule(db, world.selection) == Quota(5, QuotaScope.DISTRICT)
    db.close()


async def test_a_mark_on_a_participant_a_colleague_changed_is_refused_and_reread(stage_file):
    path, world = stage_file
    app = Host(path, world.selection)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(WideTable)
        table.focus()
        await pilot.press("down")  # the first tie at place 2 in Кожевниково
        await settle(pilot)
        row = app.query_one("AdvancePane").preview.rows[table.cursor_row]
        assert row.decision.choosable
        colleague = connect(path)
        store.update(colleague, "entries", row.entry_id, {"score": 21}, user="petrov")
        colleague.close()
        await pilot.press("space")
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
        assert any(m.startswith(f"Участника «{row.name}» изменил другой пользователь")
                   for m in said), said
        assert text(app, "#advance-counts").startswith("Пройдут 4 из 7."), "reread: 21 passes"
    db = open_database(path, create=False)
    assert db["entries"].get(row.entry_id)["pass_mark"] is None
    db.close()
