"""The advance preview, ranked and ordered by SQLite and run by run (`db.advance_rank`),
gives what the rules say entry by entry (`pass_reference`) on random stages: names that tie,
subjects in different case, no grade, no school or session, two sessions of one name, absent
and unscored entries, marks — under every kind of rule and grouping."""

from __future__ import annotations

import random
from datetime import date

import pytest

from pass_reference import decide as reference
from pass_reference import listed_order
from stage_world import USER, build, event

from rcro_tui.db.advance import preview, set_rule
from rcro_tui.db.advance_read import read_entries
from rcro_tui.db.advance_view import next_cell, preview_view
from rcro_tui.db.stages import add_session
from rcro_tui.pass_rules import Manual, MinScore, Quota, QuotaScope, Threshold, TiePolicy

RULES = [Quota(2), Quota(3, QuotaScope.SESSION, by_subject=True, ties=TiePolicy.COORDINATOR),
         Quota(1, QuotaScope.DISTRICT, by_grade=True), Quota(2, QuotaScope.SCHOOL,
                                                              by_subject=True, by_grade=True),
         Quota(2, QuotaScope.SESSION), Quota(1, QuotaScope.DISTRICT, by_subject=True,
                                             ties=TiePolicy.COORDINATOR),
         Threshold((MinScore(5.0, "математика", 9), MinScore(3.5, "", 10)), 6.0),
         Threshold((MinScore(4.0, "Физика"),)), Manual()]


def random_stage(db, world, rng: random.Random) -> None:
    twin = event(db, "Отборочный этап — вторая площадка", date(2027, 3, 5),
                 world.schools["Кожевниковская СОШ № 1"])
    sessions = [*world.sessions.values(), add_session(
        db, world.selection, twin, user=USER, host_org_id=world.schools[
            "Кожевниковская СОШ № 1"]), None]  # same name as Кожевниковский район's, no district
    schools = [*world.schools.values(), None]
    stamp = "2026-09-01T03:00:00Z"
    rows = [(world.selection, rng.choice(sessions), rng.choice(["Анна", "Борис", "Яна", "анна"]),
             rng.choice([None, 9, 10, 11]), rng.choice(schools),
             rng.choice(["математика", "Математика", "физика", "", "химия"]),
             rng.choice([None, 1.0, 2.5, 3.5, 5.0, 5.0, 7.0, 9.0]),
             rng.choice(["admitted", "admitted", "advanced", "absent", "disqualified"]),
             rng.choice([None, None, None, 0, 1]), stamp, stamp)
            for _ in range(rng.randint(1, 120))]
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO entries (stage_id, session_id, participant_name, grade, organization_id,"
            " subject, score, status, pass_mark, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


@pytest.mark.parametrize("seed", range(6))
def test_the_preview_is_the_rules_entry_by_entry_in_the_listed_order(fresh_db, seed):
    rng = random.Random(seed)
    world = build(fresh_db, final_in=("Кожевниковский район", ""))
    random_stage(fresh_db, world, rng)
    stored, candidates = read_entries(fresh_db, world.selection)
    marks = {r[0]: bool(r[8]) for r in stored if r[8] is not None}
    for rule in RULES:
        set_rule(fresh_db, world.selection, rule, user=USER)
        decisions = {candidates[0].id: True} if rng.random() < 0.5 else None
        seen = preview(fresh_db, world.selection, decisions)
        rows = list(seen.rows)
        expected = {d.entry_id: d for d in reference(candidates, rule,
                                                     {**marks, **(decisions or {})})}
        assert {row.entry_id: row.decision for row in rows} == expected
        assert rows == listed_order(rows, rule)
        assert [seen.rows[at] for at in range(len(rows))] == rows == seen.rows[:]
        view = preview_view(seen)
        assert view.keys == [row.entry_id for row in rows]
        assert list(view.rows) == [view.rows[at] for at in range(len(rows))] == view.rows[:]
        assert [cells[-1] for cells in view.rows] == [next_cell(seen, row) for row in rows]
        assert seen.passes == sum(row.decision.passes for row in rows)
