"""Benchmark of conflicts and warnings at 100 000 events a year (issue 4, item 5).

    .venv/bin/python bench/conflicts.py [--events 100000] [--rebuild]

The benchmark calendar (`generate.make_calendar_db`) plus an audience segment for three
events in ten, so that the audience rule has work too. Prints, for a month and a week:
`warnings_in` (what the calendar worker and the lists ask), split into reading and rules;
the calendar window read with and without warnings; and the warnings of one event (what
the detail and the editor ask). Random data clashes far more than a real calendar does:
thousands of warnings a month, which is the hard case.
"""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import bench_database, timed as stopwatch  # noqa: E402

from rcro_tui.calendar_layout import CalendarView  # noqa: E402
from rcro_tui.db.calendar_data import load_window  # noqa: E402
from rcro_tui.db.conflicts import read_slots, warnings_for_event, warnings_in  # noqa: E402
from rcro_tui.db.connection import connect  # noqa: E402

TODAY = date(2026, 11, 23)
MONTH = (date(2026, 11, 1), date(2026, 11, 30))
WEEK = (date(2026, 11, 23), date(2026, 11, 29))
TARGET = 0.100
AUDIENCES = ("Учителя-предметники", "Школьные координаторы", "Обучающиеся",
             "Руководители образовательных организаций", "Педагоги-психологи", "Родители")


def add_audiences(path: Path) -> None:
    """One audience segment for three benchmark events in ten (once per database)."""
    db = connect(path)
    if db.execute("SELECT count(*) FROM audience_segments").fetchone()[0] < 1000:
        ids = [row[0] for row in db.execute(
            "SELECT id FROM events WHERE uid LIKE 'event-b%' AND id % 10 < 3")]
        with db.atomic():
            db.conn.executemany(
                "INSERT INTO audience_segments (event_id, position, who, attendance) "
                "VALUES (?, 1, ?, 'in_person')",
                [(event_id, AUDIENCES[event_id % len(AUDIENCES)]) for event_id in ids])
    db.close()


def timed(function, repeat: int = 15) -> list[float]:
    """15 runs by default: best, median and worst need more than a few."""
    return stopwatch(function, repeat)


def line(name: str, values: list[float], target: float | None = None) -> str:
    """Best, median and worst: on a shared machine the best run is the cost of the work itself,
    the median what a coordinator would see there."""
    best, median, worst = min(values), statistics.median(values), max(values)
    verdict = "" if target is None else ("ok" if median <= target else "MISS")
    aim = f"{target * 1000:8.0f}" if target else "        "
    return f"{name:<46}{best * 1000:8.1f}{median * 1000:8.1f}{worst * 1000:8.1f}{aim}  {verdict}"


def figures(path: Path) -> list[str]:
    db = connect(path)
    lines = [f"{'what (ms)':<46}{'best':>8}{'median':>8}{'worst':>8}{'target':>8}"]
    for label, (first, last) in (("month", MONTH), ("week", WEEK)):
        found = warnings_in(db, first, last, today=TODAY)
        lines.append(line(f"warnings_in, {label}", timed(
            lambda: warnings_in(db, first, last, today=TODAY)), TARGET))
        lines.append(line(f"  of which reading the occurrences", timed(
            lambda: read_slots(db, [(first, last)]))))
        kinds = Counter(w.kind.value for ws in found.values() for w in ws)
        lines.append(f"  {sum(kinds.values())} warnings for {len(found)} events: "
                     + ", ".join(f"{kind} {n}" for kind, n in kinds.most_common()))
    for view in (CalendarView.MONTH, CalendarView.WEEK, CalendarView.AGENDA):
        bare = timed(lambda: load_window(db, view, TODAY), 5)
        full = timed(lambda: load_window(db, view, TODAY, today=TODAY), 5)
        lines.append(line(f"calendar window, {view.label}: without warnings", bare))
        lines.append(line(f"calendar window, {view.label}: with warnings", full, 0.300))
    some = [row[0] for row in db.execute(
        "SELECT id FROM events WHERE start_at >= ? AND start_at < ? ORDER BY id LIMIT 20",
        [TODAY.isoformat(), (TODAY + timedelta(days=7)).isoformat()])]
    lines.append(line("warnings_for_event (detail, editor), 20 events", timed(
        lambda: [warnings_for_event(db, event_id, today=TODAY) for event_id in some], 3)))
    db.close()
    return lines


def main() -> None:
    path = bench_database(__doc__.splitlines()[0], Path("bench/.cache/conflicts.sqlite"))
    add_audiences(path)
    for text in figures(path):
        print(text)


if __name__ == "__main__":
    main()
