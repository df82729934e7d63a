"""Benchmark of pass rules and advancing (issue 6): a regional stage with 20 000 entries.

    .venv/bin/python bench/stages.py [--rebuild]

A fresh database (the demo region, deterministic for the seed) with a competition whose
regional stage has one session per district and 20 000 scored entries (8 subjects, grades
9–11, some absent), and a final stage with a session per district. Prints, each with its
median and p95 beside the 0.5 s target: ranking alone (`decide`, pure Python), the advance
preview (database read + ranking + next sessions) under a quota per session and subject with
ties for the coordinator, under a ВсОШ-like threshold table per subject × grade, and the
preview as the «Переход» table's strings.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from calendar_views import header, row  # noqa: E402
from generate import timed  # noqa: E402

from rcro_tui.db.advance import preview, set_rule  # noqa: E402
from rcro_tui.db.advance_read import read_entries  # noqa: E402
from rcro_tui.db.advance_view import preview_view  # noqa: E402
from rcro_tui.db.connection import connect, open_database  # noqa: E402
from rcro_tui.db.demo import build_demo  # noqa: E402
from rcro_tui.db.events import EventDraft, add_event  # noqa: E402
from rcro_tui.db.stages import add_competition, add_session, add_stage  # noqa: E402
from rcro_tui.model import EventKind, StageLevel  # noqa: E402
from rcro_tui.pass_decide import Candidate, decide  # noqa: E402
from rcro_tui.pass_rules import (MinScore, Quota, QuotaScope, Threshold,  # noqa: E402
                                 TiePolicy)
from rcro_tui.rules import AcademicYear  # noqa: E402

TARGET = 0.500
ENTRIES = 20_000
SUBJECTS = ("математика", "физика", "химия", "биология", "информатика", "астрономия",
            "экология", "география")
QUOTA = Quota(3, QuotaScope.SESSION, by_subject=True, ties=TiePolicy.COORDINATOR)
THRESHOLD = Threshold(tuple(MinScore(50 + 3 * g + s, subject, 9 + g)
                            for s, subject in enumerate(SUBJECTS) for g in range(3)), 60)


def build(path: Path, *, entries: int = ENTRIES, seed: int = 6) -> int:
    """The database; returns the regional stage's id."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_database(path)
    build_demo(db, academic_year=AcademicYear(2026))
    rng = random.Random(seed)
    competition = add_competition(db, "Олимпиада для замера", EventKind.OLYMPIAD, 2026,
                                  user="demo")
    regional = add_stage(db, competition, 1, StageLevel.REGIONAL, "Региональный этап",
                         user="demo", pass_rule={"kind": "top_n", "n": 3})
    final = add_stage(db, competition, 2, StageLevel.FINAL, "Заключительный этап", user="demo")
    districts = [r[0] for r in db.execute("SELECT id FROM districts")]
    sessions = {}
    for number, district in enumerate(districts):
        for stage, day in ((regional, 10), (final, 40)):
            start = datetime(2027, 1, 1, 10) + timedelta(days=day + number % 5)
            event = add_event(db, EventDraft(f"Этап {stage} — площадка {number + 1}",
                                             EventKind.OLYMPIAD, start,
                                             start + timedelta(hours=4)), user="demo")
            session = add_session(db, stage, event, user="demo", district_id=district)
            if stage == regional:
                sessions[district] = session
    schools = [tuple(r) for r in db.execute(
        "SELECT id, district_id FROM organizations WHERE district_id IS NOT NULL")]
    stamp = "2026-09-01T03:00:00Z"
    rows = []
    for n in range(entries):
        school, district = rng.choice(schools)
        absent = rng.random() < 0.04
        rows.append((regional, sessions[district], f"Участник {n + 1}", rng.randint(9, 11),
                     school, rng.choice(SUBJECTS), None if absent else rng.randint(0, 100),
                     "absent" if absent else "admitted", stamp, stamp))
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO entries (stage_id, session_id, participant_name, grade, "
            "organization_id, subject, score, status, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.execute("ANALYZE")
    db.close()
    return regional


def candidates(db, stage_id: int) -> list[Candidate]:
    return read_entries(db, stage_id)[1]


def figures(path: Path, stage_id: int, row=row) -> list:
    db = connect(path)
    entries = candidates(db, stage_id)
    lines = [row("rank only: quota per session × subject", timed(
        lambda: decide(entries, QUOTA), 7), TARGET)]
    for name, rule in (("quota per session × subject, ties", QUOTA),
                       ("threshold per subject × grade", THRESHOLD)):
        set_rule(db, stage_id, rule, user="demo")
        lines.append(row(f"preview: {name}", timed(lambda: preview(db, stage_id), 7), TARGET))
    lines.append(row("preview + table strings (threshold)", timed(
        lambda: preview_view(preview(db, stage_id)), 7), TARGET))
    seen = preview(db, stage_id)
    db.close()
    lines.append(f"  ({seen.summary()} warnings: {len(seen.warnings)})")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("bench/.cache/stages.sqlite"))
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild or not args.db.exists():
        start = time.perf_counter()
        build(args.db)
        print(f"built {args.db} in {time.perf_counter() - start:.1f} s")
    db = connect(args.db)
    stage_id = db.execute("SELECT id FROM stages WHERE name = 'Региональный этап' AND "
                          "competition_id = (SELECT id FROM competitions WHERE title = "
                          "'Олимпиада для замера')").fetchone()[0]
    size = db.execute("SELECT count(*) FROM entries WHERE stage_id = ?", [stage_id]).fetchone()[0]
    db.close()
    print(f"regional stage {stage_id}: {size} entries")
    print(header())
    for line in figures(args.db, stage_id):
        print(line)


if __name__ == "__main__":
    main()
