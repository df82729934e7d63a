"""A big calendar for benchmarks: the demo region plus N synthetic events over one academic year.

Deterministic for a seed. Events are written with one `executemany` in one transaction
(the FTS5 triggers run as for any insert), not through the audited `store`, because what
is measured is reading, not 100 000 audit entries.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from rcro_tui.db.connection import open_database
from rcro_tui.db.demo import build_demo
from rcro_tui.model import EventFormat, EventKind, EventStatus, Visibility
from rcro_tui.rules import AcademicYear

TOPICS = ("«Проект № {n}»", "по математике", "по физике", "«Шаг в науку»", "по химии",
          "«Юный исследователь»", "по информатике", "«Лидеры перемен»", "по биологии",
          "«Ёлочка-{n}»", "по экологии", "«Инженерные каникулы»")


def make_calendar_db(path: Path, *, events: int = 100_000, seed: int = 7,
                     year: AcademicYear = AcademicYear(2026)) -> Path:
    """Build (or rebuild) the benchmark database at `path`; returns the path."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_database(path)
    build_demo(db, academic_year=year)
    rng = random.Random(seed)
    hosts = [row["id"] for row in db.query("SELECT id FROM organizations")]
    programs = [row["id"] for row in db.query("SELECT id FROM programs")] + [None] * 3
    kinds = [kind.value for kind in EventKind]
    first = datetime.combine(year.first_day, datetime.min.time())
    stamp = "2026-09-01T03:00:00Z"
    rows = []
    for n in range(events):
        kind = rng.choice(kinds)
        day = first + timedelta(days=rng.randrange(365))
        fmt = rng.choice([f.value for f in EventFormat])
        all_day = rng.random() < 0.1
        if all_day:
            start, end = day.date().isoformat(), (day + timedelta(days=rng.choice([0, 0, 1, 2]))).date().isoformat()
        else:
            begin = day + timedelta(hours=8 + rng.randrange(10), minutes=rng.choice([0, 30]))
            start = begin.strftime("%Y-%m-%dT%H:%M")
            end = (begin + timedelta(hours=rng.choice([1, 2, 3]))).strftime("%Y-%m-%dT%H:%M")
        low = rng.randrange(1, 11)
        title = (f"{EventKind(kind).label.capitalize()} {rng.choice(TOPICS).format(n=n)} "
                 f"для обучающихся {low}–11 классов")
        rows.append((f"event-b{n}@bench", title, kind, rng.choice(programs), rng.choice(hosts),
                     int(all_day), start, end, fmt,
                     "" if fmt == "online" else f"МАОУ СОШ № {rng.randrange(1, 80)} г. Томска",
                     "" if fmt == "in_person" else f"https://rcro.tomsk.ru/online/{n}",
                     low, 11, rng.choice([s.value for s in EventStatus]),
                     rng.choice([v.value for v in Visibility]),
                     "Место проведения и регистрация — в письме РЦРО; участие бесплатное.",
                     stamp, stamp))
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO events (uid, title, kind, program_id, host_org_id, all_day, start_at, "
            "end_at, format, venue, online_url, grades_from, grades_to, status, visibility, "
            "description, created_at, updated_at) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.execute("PRAGMA optimize")
    db.close()
    return path


def bench_database(description: str, default: Path) -> Path:
    """The benchmark's database from the command line (--db, --events, --rebuild), built
    when missing: the one workload every benchmark script measures."""
    import argparse
    import time

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=default)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild or not args.db.exists():
        start = time.perf_counter()
        make_calendar_db(args.db, events=args.events)
        print(f"built {args.db} with {args.events} events in {time.perf_counter() - start:.1f} s")
    return args.db


def timed(function, repeat: int = 5) -> list[float]:
    """Seconds each of `repeat` calls of `function` took (every benchmark's one stopwatch)."""
    import time

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def record_frames(app, frames: list[float]) -> None:
    """Append the time of every frame the app draws, once turned into terminal bytes.

    Headless Textual computes each frame but skips that last step, which a real terminal
    needs; the benchmarks' frame clocks do it here so a figure is the whole repaint.
    """
    import time

    original = app._display

    def display(screen, renderable) -> None:
        original(screen, renderable)
        if renderable is not None and hasattr(renderable, "render_segments"):
            renderable.render_segments(app.console)
            frames.append(time.perf_counter())

    app._display = display


def host_speed() -> str:
    """A fixed pure-Python loop's CPU time, printed beside every benchmark's figures.

    The 2-core server is a shared virtual machine: the same loop took 0.87 s and 1.43 s a
    minute apart with nothing else running, so a figure means little without this line.
    """
    import time

    start = time.process_time()
    sum(i * i for i in range(10**7))
    return f"host speed: the reference loop took {time.process_time() - start:.2f} s of CPU " \
           "(0.87 s on a quiet day; figures scale with it)"
