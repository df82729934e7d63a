"""Benchmark of the «Сеть» section at country scale (issue 5).

    .venv/bin/python bench/network.py [--rebuild]

The demo region plus 65 more districts (85, as the country's regions), 40 000 organisations,
23 more programmes (30) and 100 000 memberships with their step histories, the biggest
programme first. Prints, for each Сеть tab, the time to read its table and to open it in the
real app (Pilot, 120×40, key → first frame with its data), the memberships tab's filter
change (F), and the apply form's organisation picker (opening, and each typed letter), each
with its median and p95 beside its target and a baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from calendar_views import header, row  # noqa: E402
from generate import record_frames, timed  # noqa: E402

from rcro_tui.db.connection import connect, open_database  # noqa: E402
from rcro_tui.db.demo import build_demo  # noqa: E402
from rcro_tui.db.membership_list import MemberFilter, member_records, members_view  # noqa: E402
from rcro_tui.db.network_overview import (default_program, districts_view,  # noqa: E402
                                          matrix_view, programs_view)
from rcro_tui.db.round_list import rounds_view  # noqa: E402
from rcro_tui.rules import AcademicYear  # noqa: E402
from rcro_tui.screens.network import FILTERS, PAGE  # noqa: E402
from rcro_tui.screens.org_picker import matching, org_choices  # noqa: E402

TODAY = date(2026, 11, 23)
OPEN_TARGET = 0.300
KEYSTROKE_TARGET = 0.050
TYPED = "сош 12"
FORMS = ("МБОУ", "МАОУ", "МКОУ", "ОГБОУ")
KINDS = ("СОШ № {n}", "гимназия № {n}", "лицей № {n}", "ООШ № {n}", "«Школа № {n}»")
ROLES = ("participant",) * 6 + ("hub", "base", "pilot", "partner")
STATUSES = ("approved",) * 6 + ("applied", "review", "rejected", "withdrawn", "expired")


def build(path: Path, *, orgs: int = 40_000, memberships: int = 100_000, seed: int = 5) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_database(path)
    build_demo(db, academic_year=AcademicYear(2026))
    rng = random.Random(seed)
    stamp = "2026-09-01T03:00:00Z"
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO districts (name, kind, sort_order) VALUES (?, 'municipal_district', ?)",
            [(f"Район № {n}", 100 + n) for n in range(1, 66)])
        districts = [r[0] for r in db.execute("SELECT id FROM districts")]
        db.conn.executemany(
            "INSERT INTO organizations (name, short_name, kind, legal_form, district_id, "
            "created_at, updated_at) VALUES (?, ?, 'school', ?, ?, ?, ?)",
            [(f"{form} {rng.choice(KINDS).format(n=n % 300 + 1)} ({n})",
              f"Школа {n}", form, rng.choice(districts), stamp, stamp)
             for n in range(orgs) for form in [rng.choice(FORMS)]])
        db.conn.executemany(
            "INSERT INTO programs (name, kind, start_date, created_at, updated_at) "
            "VALUES (?, 'regional_network', '2022-09-01', ?, ?)",
            [(f"Сетевая программа № {n}", stamp, stamp) for n in range(1, 24)])
        _memberships(db, rng, memberships, stamp)
    db.execute("ANALYZE")
    db.close()


def _memberships(db, rng: random.Random, wanted: int, stamp: str) -> None:
    """`wanted` memberships, a fifth of them in the biggest programme, each with 1–3 steps."""
    org_ids = [r[0] for r in db.execute("SELECT id FROM organizations")]
    programs = [r[0] for r in db.execute("SELECT id FROM programs ORDER BY id DESC")]
    taken = {(r[0], r[1], r[2]) for r in db.execute(
        "SELECT organization_id, program_id, role FROM memberships")}
    rows, steps = [], []
    next_id = db.execute("SELECT COALESCE(max(id), 0) + 1 FROM memberships").fetchone()[0]
    while len(rows) < wanted:
        program = programs[0] if rng.random() < 0.2 else rng.choice(programs)
        key = (rng.choice(org_ids), program, rng.choice(ROLES))
        if key in taken:
            continue
        taken.add(key)
        status = rng.choice(STATUSES)
        applied = date(2022, 5, 1) + timedelta(days=rng.randrange(1500))
        decided = applied + timedelta(days=30)
        until = (decided + timedelta(days=rng.choice((365, 730, 1095)))).isoformat()
        rows.append((next_id, *key, status, applied.isoformat(),
                     decided.isoformat() if status != "applied" else None,
                     until if status in ("approved", "expired") else None,
                     "приказ № 1 от 01.09.2022" if status != "applied" else "", stamp, stamp))
        steps.append((next_id, "applied", applied.isoformat(), "", "bench", stamp))
        if status != "applied":
            steps.append((next_id, "review", applied.isoformat(), "", "bench", stamp))
            steps.append((next_id, status, decided.isoformat(), "приказ", "bench", stamp))
        next_id += 1
    db.conn.executemany(
        "INSERT INTO memberships (id, organization_id, program_id, role, status, applied_on, "
        "decided_on, valid_until, decision_doc, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.conn.executemany(
        "INSERT INTO membership_steps (membership_id, status, on_date, document, user, "
        "recorded_at) VALUES (?, ?, ?, ?, ?, ?)", steps)


def database_figures(path: Path) -> list[str]:
    db = connect(path)
    program = default_program(db)
    lines = []
    whole = statistics.median(timed(lambda: member_records(db, MemberFilter(), TODAY), 1))
    for name, read in (("districts (Муниципалитеты)", lambda: districts_view(db, program, TODAY)),
                       ("programmes (Программы)", lambda: programs_view(db, TODAY)),
                       ("matrix of the biggest programme", lambda: matrix_view(db, program,
                                                                                TODAY)),
                       ("rounds (Отборы)", lambda: rounds_view(db, TODAY))):
        lines.append(row(f"read: {name}", timed(read, 3), OPEN_TARGET))
    for statuses in FILTERS:
        given = MemberFilter(program_ids=(program,), statuses=statuses)
        lines.append(row(f"read: memberships page {statuses or 'all'}"[:44],
                         timed(lambda: members_view(db, given, TODAY, limit=PAGE), 3),
                         OPEN_TARGET, whole))
    choices = org_choices(db)
    lines.append(row("read: organisation picker's choices", timed(lambda: org_choices(db), 3),
                     OPEN_TARGET))
    typed = [t for n in range(1, len(TYPED) + 1) for t in timed(
        lambda: matching(choices, TYPED[:n]), 1)]
    lines.append(row("picker: match a typed prefix (Python)", typed, KEYSTROKE_TARGET))
    db.close()
    return lines


class FrameClock:
    """Key → the first frame drawn after a table received its data (or the last frame the
    key caused, where nothing is loaded in a thread). Frames are turned into terminal bytes
    as a real terminal needs them."""

    def __init__(self, app) -> None:
        from rcro_tui.screens.view_table import ViewTable

        self.frames: list[float] = []
        self.loaded: list[float] = []
        record_frames(app, self.frames)
        loaded = ViewTable._loaded

        def timed_loaded(table, message) -> None:
            loaded(table, message)
            self.loaded.append(time.perf_counter())

        ViewTable._loaded = timed_loaded

    async def keystroke(self, pilot, key: str, *, data: bool = True) -> float:
        await settle(pilot)
        self.frames.clear()
        self.loaded.clear()
        start = time.perf_counter()
        await pilot.press(key)
        await settle(pilot)
        if not self.frames:
            raise RuntimeError(f"key {key!r} repainted nothing")
        after = [t for t in self.frames if self.loaded and t >= self.loaded[0]]
        return ((after[0] if after and data else self.frames[-1]) - start)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def app_figures(path: Path) -> list[str]:
    from rcro_tui.app import RcroApp

    app = RcroApp(db_path=path, user="demo", today=TODAY, tune_gc=True)
    lines = []
    async with app.run_test(size=(120, 40)) as pilot:
        clock = FrameClock(app)
        lines.append(row("open Сеть (Муниципалитеты) in the app",
                         [await clock.keystroke(pilot, "3")], OPEN_TARGET))
        for tab in ("Организации", "Программы", "Участие и заявки", "Матрица", "Отборы",
                    "Муниципалитеты"):
            lines.append(row(f"tab: {tab}", [await clock.keystroke(pilot, "]")], OPEN_TARGET))
        for _ in range(3):
            await clock.keystroke(pilot, "]")
        filters = [await clock.keystroke(pilot, "f") for _ in range(8)]
        lines.append(row("memberships: F (filter) to repaint", filters, OPEN_TARGET))
        await clock.keystroke(pilot, "a", data=False)
        opened = await clock.keystroke(pilot, "enter", data=False)
        lines.append(row("apply form: open the organisation picker", [opened], OPEN_TARGET))
        typed = [await clock.keystroke(pilot, key, data=False) for key in
                 ("с", "о", "ш", "space", "1", "2", "backspace", "backspace")]
        lines.append(row("picker: keystroke to repaint", typed, KEYSTROKE_TARGET))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("bench/.cache/network.sqlite"))
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild or not args.db.exists():
        start = time.perf_counter()
        build(args.db)
        print(f"built {args.db} in {time.perf_counter() - start:.1f} s")
    db = connect(args.db)
    sizes = [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in (
        "districts", "organizations", "programs", "memberships", "membership_steps")]
    biggest = db.execute("SELECT count(*) FROM memberships WHERE program_id = ?",
                         [default_program(db)]).fetchone()[0]
    db.close()
    print("districts {}, organisations {}, programmes {}, memberships {}, steps {}".format(
        *sizes) + f"; biggest programme {biggest}")
    print(header())
    for line in database_figures(args.db):
        print(line)
    for line in asyncio.run(app_figures(args.db)):
        print(line)


if __name__ == "__main__":
    main()
