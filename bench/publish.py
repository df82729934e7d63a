"""Benchmark of publishing (issue 7): 20 000 events, 1 000 organisations, every feed.

    .venv/bin/python bench/publish.py [--rebuild] [--events 20000] [--orgs 1000]

The demo region plus generated events (bench/generate.py) and organisations with approved
programme memberships, so private feeds hold what real ones would. Prints the full publish
into an empty folder, the re-publish with nothing changed, and the baseline of the issue:
every feed built from scratch with icalendar, event by event (measured on a sample of
feeds in the same run and compared on that sample, then scaled to all feeds).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import host_speed, make_calendar_db  # noqa: E402

from rcro_tui.db.connection import open_database  # noqa: E402
from rcro_tui.exports.ics_feed import FeedHeader, feed_bytes  # noqa: E402
from rcro_tui.exports.ics_icalendar import event_text_icalendar  # noqa: E402
from rcro_tui.exports.publish import prepare, publish  # noqa: E402

TODAY = date(2026, 11, 23)
TARGET_FULL, TARGET_RATIO = 5.0, 5.0
TARGET_REGION_FULL, TARGET_REGION_AGAIN = 5.0, 1.0
"""Issue 10's targets for the region (the demo: 20 districts, 100 organisations)."""
SAMPLE_FEEDS = 60


def build(path: Path, events: int, orgs: int) -> None:
    """The demo, `events` more events, and organisations up to `orgs` with memberships."""
    make_calendar_db(path, events=events)
    db = open_database(path)
    rng = random.Random(11)
    districts = [row[0] for row in db.execute("SELECT id FROM districts")]
    programs = [row[0] for row in db.execute("SELECT id FROM programs")]
    have = db["organizations"].count
    stamp = "2026-09-01T03:00:00Z"
    with db.atomic():
        for n in range(have, orgs):
            cursor = db.execute(
                "INSERT INTO organizations (name, kind, district_id, created_at, updated_at) "
                "VALUES (?, 'school', ?, ?, ?)",
                [f"МБОУ «Средняя общеобразовательная школа № {n}»", rng.choice(districts),
                 stamp, stamp])
            if rng.random() < 0.25:  # a quarter of the schools are in one network programme
                db.execute(
                    "INSERT INTO memberships (organization_id, program_id, role, status, "
                    "valid_from, created_at, updated_at) VALUES (?, ?, ?, 'approved', "
                    "'2025-09-01', ?, ?)",
                    [cursor.lastrowid, rng.choice(programs),
                     rng.choice(["participant", "participant", "hub", "base"]), stamp, stamp])
    db.close()


def region_figures(folder: Path) -> tuple[float, float]:
    """(full publish, median re-publish) of the demo region, built in a scratch database."""
    from rcro_tui.db.demo import build_demo
    from rcro_tui.rules import AcademicYear

    path = folder.with_suffix(".sqlite")
    path.unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    db = open_database(path)
    build_demo(db, academic_year=AcademicYear(2026))
    full = publish(db, folder, as_of=TODAY, user="demo", site_url="https://example.ru/c").seconds
    again = sorted(publish(db, folder, as_of=TODAY, user="demo").seconds for _ in range(3))[1]
    db.close()
    return full, again


def baseline_on_sample(prepared, sample=None) -> tuple[float, float, int]:
    """(icalendar from scratch, our join) on the same sample of feeds (by default the
    shared feeds and random private ones); pairs in the sample."""
    if sample is None:
        rng = random.Random(3)
        sample = prepared.feeds[:28] + rng.sample(prepared.feeds[28:], SAMPLE_FEEDS - 28)
    pairs = sum(len(feed.event_ids) for feed in sample)
    start = time.perf_counter()
    for feed in sample:
        texts = [event_text_icalendar(prepared.events[key]) for key in feed.event_ids]
        b"".join(text.encode() for text in texts)
    scratch = time.perf_counter() - start
    start = time.perf_counter()
    for feed in sample:
        feed_bytes(FeedHeader(feed.name), (prepared.texts[key] for key in feed.event_ids))
    ours = time.perf_counter() - start
    return scratch, ours, pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--orgs", type=int, default=1_000)
    parser.add_argument("--db", type=Path, default=Path("bench/.cache/publish.sqlite"))
    parser.add_argument("--out", type=Path, default=Path("bench/.cache/publish-site"))
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild or not args.db.exists():
        started = time.perf_counter()
        build(args.db, args.events, args.orgs)
        print(f"built {args.db} in {time.perf_counter() - started:.1f} s")
    shutil.rmtree(args.out, ignore_errors=True)
    os.sync()  # the last run's 600 MB still being written back would compete with this one
    db = open_database(args.db)
    print(host_speed())
    cpu_before = _cpu()
    first = publish(db, args.out, as_of=TODAY, user="demo", site_url="https://example.ru/c")
    cpu_first = [after - before for after, before in zip(_cpu(), cpu_before)]
    again = [publish(db, args.out, as_of=TODAY, user="demo").seconds for _ in range(3)]
    prepared_at = time.perf_counter()
    prepared = prepare(db, TODAY, user="demo", keep_events=True)
    prepare_s = time.perf_counter() - prepared_at
    scratch, ours, pairs = baseline_on_sample(prepared)
    total_pairs = sum(len(feed.event_ids) for feed in prepared.feeds)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{first.events} events, {first.feeds} feeds, {total_pairs} event-feed pairs, "
          f"{size / 1e6:.0f} MB written")
    print(f"{'what':<52}{'seconds':>9}{'target':>9}")
    print(_line("full publish into an empty folder", first.seconds, TARGET_FULL))
    print(_line("  CPU of this process / of the helper process", cpu_first[0], None)
          + f"{cpu_first[1]:9.2f}")
    print(_line("  one process: read, choose feeds, write and lint each VEVENT once", prepare_s,
                None))
    print(_line("re-publish, nothing changed (median of 3)", sorted(again)[1], None))
    region_full, region_again = region_figures(args.out.parent / "publish-region")
    print(_line("region (demo): full publish", region_full, TARGET_REGION_FULL))
    print(_line("region (demo): re-publish, nothing changed", region_again, TARGET_REGION_AGAIN))
    ratio = scratch / ours
    print(f"baseline on {SAMPLE_FEEDS} feeds ({pairs} pairs): icalendar per event per feed "
          f"{scratch:.2f} s, ours {ours:.3f} s: {ratio:.0f}× faster "
          f"({'ok' if ratio >= TARGET_RATIO else 'MISS'}, target ≥ {TARGET_RATIO:.0f}×); "
          f"scaled to all feeds: {scratch * total_pairs / pairs:.0f} s")
    print(f"peak RSS {rss:.0f} MB (target ≤ 500 MB: {'ok' if rss <= 500 else 'MISS'})")


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its finished children (the publishing helper)."""
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                         resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _line(what: str, seconds: float, target: float | None) -> str:
    verdict = "" if target is None else ("  ok" if seconds <= target else "  MISS")
    goal = f"{target:9.1f}" if target is not None else " " * 9
    return f"{what:<52}{seconds:9.2f}{goal}{verdict}"


if __name__ == "__main__":
    main()
