"""m008: a stage's subjects and maximum score, added to a database made before them."""

import sqlite3
from sqlite_utils import Database

from rcro_tui.db.connection import open_database
from rcro_tui.db.schema import MIGRATIONS
from rcro_tui.db import store
from rcro_tui.db.stages import add_competition, add_entry
from rcro_tui.model import EventKind, StageLevel


def test_a_database_made_before_m008_keeps_its_stages_and_gains_the_fields(tmp_path):
    path = tmp_path / "m007.sqlite"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="m008_stage_fields")
    competition = add_competition(old, "Весенний переполох", EventKind.FESTIVAL, 2025, user="t")
    stage = store.insert(old, "stages", {  # as the version before m008 wrote it
        "competition_id": competition, "position": 1, "level": StageLevel.SELECTION.value,
        "name": "Отборочный этап", "start_date": "2026-03-02", "end_date": "2026-03-20"},
        user="t")
    add_entry(old, stage, "Иванова Анна", user="t", grade=5, score=17.5)
    old.close()
    before = sqlite3.connect(path).execute("SELECT * FROM entries").fetchall()
    db = open_database(path)
    row = db["stages"].get(stage)
    assert (row["name"], row["subjects"], row["max_score"]) == ("Отборочный этап", "", None)
    # later migrations (m011) append columns: the old ones are kept as they were
    assert [row[:len(before[0])] for row in db.execute("SELECT * FROM entries")] == before
    indexes = {i.name for i in db["entries"].indexes}
    assert {"idx_entries_organization", "idx_entries_session_org"} <= indexes  # m018's
    plan = " ".join(str(r) for r in db.execute(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM entries WHERE session_id = 1"))
    assert "idx_entries_session_org" in plan, "the session's entries found by the index"
    db.close()
    assert list(tmp_path.glob("m007.sqlite.before-m008_stage_fields.bak"))
