"""Publishing every feed, table and page of a database, in its own process (bench/run.py).

    python bench/run_publish.py DB OUTDIR SCALE USER

A full publish into an empty folder, then re-publishes with nothing changed (each file
compared, none rewritten), the peak memory of this process and of the helper process that
shares a large publish (its own VmHWM, as it reports it: a child's `ru_maxrss` counts this
process's memory when it was started), and the issue's baseline measured in the same run:
a sample of feeds built from scratch with icalendar, event by event and feed by feed,
scaled to all.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from figures import figure, print_child_figures  # noqa: E402
from publish import baseline_on_sample  # noqa: E402

from rcro_tui.memory import peak_memory_mb  # noqa: E402
from rcro_tui.db.connection import open_database  # noqa: E402
from rcro_tui.exports.publish import prepare, publish  # noqa: E402

TODAY = date(2026, 11, 23)
FULL_TARGETS = {"region": 5.0, "country": 60.0}
AGAIN_TARGETS = {"region": 1.0, "country": None}
PUBLISH_RSS_TARGET = 500.0
SAMPLE_FEEDS = 80
"""Feeds built with icalendar for the baseline: chosen at random among all (the region's
own feed of 100 000 events alone would take minutes that way)."""


def main() -> None:
    db_path, out, scale, user = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
    shutil.rmtree(out, ignore_errors=True)
    os.sync()  # the last run's gigabytes still being written back would compete with this one
    db = open_database(db_path)
    first = publish(db, out, as_of=TODAY, user=user, site_url="https://example.ru/c")
    again = [publish(db, out, as_of=TODAY, user=user)
             for _ in range(3 if scale == "region" else 1)]
    own = peak_memory_mb()
    helper = max(report.helper_peak_mb for report in [first, *again])
    again = [report.seconds for report in again]
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    started = time.perf_counter()
    prepared = prepare(db, TODAY, user=user, keep_events=True)
    pairs = sum(len(feed.event_ids) for feed in prepared.feeds)
    sample = random.Random(3).sample(prepared.feeds, min(SAMPLE_FEEDS, len(prepared.feeds)))
    scratch, ours, sampled = baseline_on_sample(prepared, sample)
    scaled = scratch * pairs / max(1, sampled)
    found = [
        f"{first.events} events, {first.feeds} feeds, {pairs} event-feed pairs, "
        f"{size / 1e6:.0f} MB written",
        figure("full publish (feeds, tables, pages) into an empty folder", [first.seconds],
               FULL_TARGETS[scale], baseline=scaled),
        f"  (baseline: icalendar per event per feed, measured on {sampled} pairs of "
        f"{len(sample)} random feeds and scaled to all; joining the same feeds from our "
        f"texts: {scratch / max(ours, 1e-9):.0f}× faster)",
        figure("re-publish, nothing changed", again, AGAIN_TARGETS[scale]),
        figure("peak RSS of publish", [own], PUBLISH_RSS_TARGET, unit="MB"),
        figure("peak RSS of its helper process (0: published alone)", [helper],
               PUBLISH_RSS_TARGET, unit="MB"),
        f"  (the baseline's sample took {time.perf_counter() - started:.0f} s)",
    ]
    db.close()
    print_child_figures(found)


if __name__ == "__main__":
    main()
