"""Advancing a stage on a fresh database: preview, apply, idempotence, sessions, ties, feeds."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest
from sqlite_utils import Database

from stage_world import USER, build, enter, event

from rcro_tui.db import store
from rcro_tui.db.advance import apply, get_rule, preview, set_marks, set_rule
from rcro_tui.db.connection import open_database
from rcro_tui.db.feed_rules import feeds_for_event
from rcro_tui.db.schema import MIGRATIONS
from rcro_tui.db.stages import add_entry, add_session
from rcro_tui.errors import InputError, UserError
from rcro_tui.pass_rules import Manual, Quota, QuotaScope, TiePolicy

KOZH, TOMSK, TOMSKY = "Кожевниковский район", "г. Томск", "Томский район"
K1, T58, ZON = "Кожевниковская СОШ № 1", "МАОУ СОШ № 58 г. Томска", "МБОУ «Зональненская СОШ»"


def next_entries(db, world) -> list[dict]:
    return list(db.query("SELECT * FROM entries WHERE stage_id = ? ORDER BY id", [world.final]))


def test_preview_says_who_passes_why_and_where_they_go(fresh_db):
    world = build(fresh_db)
    kozh = enter(fresh_db, world, KOZH, K1, 20, 25, 30, 10)
    tomsk = enter(fresh_db, world, TOMSK, T58, 28, None, 15, 14, 13)
    seen = preview(fresh_db, world.selection)
    rows = {row.entry_id: row for row in seen.rows}
    assert {i for i, r in rows.items() if r.decision.passes} == {*kozh[:3], tomsk[0], *tomsk[2:4]}
    assert rows[kozh[2]].decision.reason == (
        "1-е место на площадке «Кожевниковская СОШ № 1» из 4")
    assert rows[tomsk[1]].decision.reason == "нет балла"
    assert rows[kozh[0]].next_session_id == world.final_sessions[""]
    assert seen.summary() == "Пройдут 6 из 9."
    assert seen.warnings == []
    assert [r.score for r in seen.rows[:4]] == [30, 25, 20, 10]  # a session's rows, best first


def test_apply_creates_the_next_entries_marks_the_sources_and_is_idempotent(fresh_db):
    world = build(fresh_db)
    ids = enter(fresh_db, world, KOZH, K1, 20, 25, 30, 10, subject="вокал", grade=6)
    done = apply(fresh_db, world.selection, user=USER)
    assert (done.created, done.already) == (3, 0)
    assert done.summary() == "На этап «Итоговое событие» переведено 3 участника."
    created = next_entries(fresh_db, world)
    assert [(e["participant_name"], e["grade"], e["subject"], e["status"], e["session_id"],
             e["organization_id"], e["score"]) for e in created] == [
        (f"Участник {n}", 6, "вокал", "admitted", world.final_sessions[""],
         world.schools[K1], None) for n in (3, 2, 1)]
    assert {e["from_entry_id"] for e in created} == set(ids[:3])
    statuses = [fresh_db["entries"].get(i)["status"] for i in ids]
    assert statuses == ["advanced", "advanced", "advanced", "admitted"]
    again = apply(fresh_db, world.selection, user=USER)
    assert (again.created, again.already) == (0, 3)
    assert len(next_entries(fresh_db, world)) == 3
    assert {row.advanced_to for row in preview(fresh_db, world.selection).rows
            if row.decision.passes} == {e["id"] for e in created}


def test_entries_typed_in_the_next_stage_by_hand_are_linked_not_duplicated(fresh_db):
    world = build(fresh_db)
    ids = enter(fresh_db, world, KOZH, K1, 20, 25)
    add_entry(fresh_db, world.final, "Участник 2", user=USER, organization_id=world.schools[K1],
              subject="ВОКАЛ")
    done = apply(fresh_db, world.selection, user=USER)
    assert (done.created, done.linked) == (1, 1)
    assert sorted(e["from_entry_id"] for e in next_entries(fresh_db, world)) == sorted(ids)


def test_each_passer_goes_to_the_session_of_their_district_or_is_warned_about(fresh_db):
    world = build(fresh_db, final_in=(KOZH, TOMSK), rule={"kind": "threshold", "min_score": 10})
    kozh = enter(fresh_db, world, KOZH, K1, 20)
    tomsk = enter(fresh_db, world, TOMSK, T58, 30)
    # a pupil of the Томский район school who took the selection round in Томск
    zonal = enter(fresh_db, world, TOMSK, ZON, 40, 41)
    seen = preview(fresh_db, world.selection)
    goes = {row.entry_id: row.next_session_id for row in seen.rows}
    assert goes == {kozh[0]: world.final_sessions[KOZH], tomsk[0]: world.final_sessions[TOMSK],
                    zonal[0]: None, zonal[1]: None}
    assert seen.warnings == [
        "Томский район: в районе нет площадки следующего этапа (2 участника без площадки)"]
    done = apply(fresh_db, world.selection, user=USER)
    assert done.without_session == 2 and "без площадки: 2" in done.summary()


def test_a_district_with_several_sessions_sends_each_subject_to_its_own(fresh_db):
    world = build(fresh_db, final_in=(), rule={"kind": "threshold", "min_score": 0})
    sessions = {}
    for subject in ("вокал", "хореография"):
        ev = event(fresh_db, f"Финал: {subject}", date(2027, 4, 15), world.schools[K1], subject)
        sessions[subject] = add_session(fresh_db, world.final, ev, user=USER,
                                        district_id=world.districts[KOZH])
    dance = enter(fresh_db, world, KOZH, K1, 5, subject="хореография")
    song = enter(fresh_db, world, KOZH, K1, 5, subject="вокал")
    goes = {row.entry_id: row.next_session_id for row in preview(fresh_db, world.selection).rows}
    assert goes == {dance[0]: sessions["хореография"], song[0]: sessions["вокал"]}


def test_assigned_sessions_put_the_next_event_into_the_schools_private_feeds(fresh_db):
    world = build(fresh_db, final_in=(KOZH,), rule={"kind": "quota", "n": 1})
    enter(fresh_db, world, KOZH, "Кожевниковская СОШ № 2", 30, 10)
    final_event = world.final_events[KOZH]

    def private_feeds() -> set[str]:
        return {ref.key for ref in feeds_for_event(fresh_db, final_event)
                if ref.key.startswith("org-")}

    school = world.schools["Кожевниковская СОШ № 2"]
    assert f"org-{school}" not in private_feeds()
    apply(fresh_db, world.selection, user=USER)
    assert f"org-{school}" in private_feeds()


def test_undecided_ties_refuse_to_apply_until_the_coordinator_decides(fresh_db):
    rule = {"kind": "quota", "n": 2, "per": "session", "ties": "coordinator"}
    world = build(fresh_db, rule=rule)
    ids = enter(fresh_db, world, KOZH, K1, 30, 20, 20, 10)
    seen = preview(fresh_db, world.selection)
    assert seen.summary() == "Пройдут 1 из 4, 2 решения за координатором."
    with pytest.raises(UserError) as refused:
        apply(fresh_db, world.selection, user=USER)
    assert "2 участника с равным баллом на границе ждут решения" in refused.value.message
    assert next_entries(fresh_db, world) == []
    assert fresh_db["entries"].get(ids[0])["status"] == "admitted"
    # a decision given to preview is only a preview; set_marks keeps it
    assert preview(fresh_db, world.selection, {ids[1]: True, ids[2]: False}).undecided == 0
    assert preview(fresh_db, world.selection).undecided == 2
    set_marks(fresh_db, world.selection, {ids[1]: False}, user=USER)
    done = apply(fresh_db, world.selection, {ids[2]: True}, user=USER)
    assert done.created == 2
    assert {e["from_entry_id"] for e in next_entries(fresh_db, world)} == {ids[0], ids[2]}
    assert fresh_db["entries"].get(ids[1])["pass_mark"] == 0


def test_a_mark_for_another_stage_is_refused(fresh_db):
    world = build(fresh_db)
    other = add_entry(fresh_db, world.final, "Чужой", user=USER)
    with pytest.raises(UserError, match="не на этом этапе"):
        set_marks(fresh_db, world.selection, {other: True}, user=USER)


def test_the_last_stage_has_nowhere_to_go(fresh_db):
    world = build(fresh_db)
    seen = preview(fresh_db, world.final)
    assert seen.warnings == ["Этап «Итоговое событие» — последний в конкурсе: переходить некуда."]
    with pytest.raises(UserError, match="последний в конкурсе"):
        apply(fresh_db, world.final, user=USER)


def test_manual_rule_passes_the_marked_entries(fresh_db):
    world = build(fresh_db, rule={"kind": "manual"})
    ids = enter(fresh_db, world, KOZH, K1, None, None, None)
    set_marks(fresh_db, world.selection, {ids[1]: True}, user=USER)
    assert apply(fresh_db, world.selection, user=USER).created == 1
    assert [e["from_entry_id"] for e in next_entries(fresh_db, world)] == [ids[1]]


def test_set_rule_writes_the_canonical_json_and_is_audited(fresh_db):
    world = build(fresh_db, rule={"kind": "top_n", "n": 2, "per": "subject"})
    assert get_rule(fresh_db, world.selection) == Quota(2, by_subject=True)
    rule = Quota(3, QuotaScope.DISTRICT, ties=TiePolicy.COORDINATOR)
    set_rule(fresh_db, world.selection, rule, user=USER)
    stored = fresh_db["stages"].get(world.selection)["pass_rule"]
    assert json.loads(stored)["per"] == "district" and get_rule(fresh_db, world.selection) == rule
    change = list(fresh_db.query("SELECT * FROM changes WHERE table_name = 'stages' "
                                 "ORDER BY id DESC LIMIT 1"))[0]
    assert (change["action"], change["user"]) == ("update", USER)


def test_an_unreadable_stored_rule_names_the_stage(fresh_db):
    world = build(fresh_db)
    fresh_db.execute("UPDATE stages SET pass_rule = '{\"kind\": \"lottery\"}' WHERE id = ?",
                     [world.selection])
    with pytest.raises(InputError, match="Этап «Отборочный этап»: правило перехода"):
        preview(fresh_db, world.selection)
    assert get_rule(fresh_db, world.final) == Manual()


def test_a_database_made_before_m011_gains_links_and_marks(tmp_path):
    path = tmp_path / "m008.sqlite"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="m011_stage_advance")
    world = build(old, rule={"kind": "top_n", "n": 1})
    ids = enter(old, world, KOZH, K1, 10, 20)
    old.close()
    before = sqlite3.connect(path).execute("SELECT * FROM entries").fetchall()
    db = open_database(path)
    assert [row[:-2] for row in db.execute("SELECT * FROM entries").fetchall()] == before
    assert {"from_entry_id", "pass_mark"} <= set(db["entries"].columns_dict)
    assert apply(db, world.selection, user=USER).created == 1
    assert next_entries(db, world)[0]["from_entry_id"] == ids[1]
    db.close()


def test_the_same_source_cannot_be_linked_twice_into_one_stage(fresh_db):
    world = build(fresh_db)
    [source] = enter(fresh_db, world, KOZH, K1, 10)
    store.insert(fresh_db, "entries", {"stage_id": world.final, "participant_name": "X",
                                       "from_entry_id": source}, user=USER)
    with pytest.raises(sqlite3.IntegrityError):
        store.insert(fresh_db, "entries", {"stage_id": world.final, "participant_name": "X",
                                           "from_entry_id": source}, user=USER)
