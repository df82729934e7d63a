"""Publishing's heavy work — each event's text and lint, each feed's bytes — on two cores.

A country-size publish is pure CPU: 20 000 VEVENTs written and linted, then a thousand
private feeds joined and written (600 MB). On the coordinators' 2-core server one process
uses half of it, so a large publish starts one helper process and gives it every other
event; then it makes the printable tables and a share of the feeds while this process
writes the other feeds and the pages (`helper_share` balances the two). The helper
is a plain child process (`publish_helper`) given its share as pickled data: it needs no
database, and every function here is one of plain data. Small publishes (a region: a second)
stay in one process, where starting the helper would cost more than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from rcro_tui.exports.ics_event import FeedEvent, VeventText, event_text
from rcro_tui.exports.ics_feed import (EventIndex, FeedHeader, all_zones, feed_frame,
                                       indexed_feed_bytes)
from rcro_tui.exports.ics_lint import Finding, lint, lint_events
from rcro_tui.exports.site_files import is_current, replace_file

if TYPE_CHECKING:
    from rcro_tui.exports.publish_helper import Helper
    from rcro_tui.exports.publish_tables import TablesReport

T = TypeVar("T")

HELPER_FROM_EVENTS = 3_000
"""From this many events a publish shares its work with a helper process."""
TABLE_SECONDS_PER_PUBLIC_EVENT = 0.42e-3
"""A public event's share of the printable tables (read for the calendar, its programme's
and its district's; HTML and CSV)."""
FEED_SECONDS_PER_PAIR = 7.6e-6
"""Joining, checking and writing one event into one feed."""
PAGE_SECONDS = 1.6e-3
"""One private page with its QR code."""
PROCESSES_VARIABLE = "RCRO_PUBLISH_PROCESSES"
"""Set to 1 to keep a publish in one process (a machine with other work to do)."""


@contextmanager
def helper_process(events: int) -> Iterator[Helper | None]:
    """A helper process for a large publish on a machine with two cores or more, else None."""
    if events < HELPER_FROM_EVENTS or _usable_cores() < 2 or \
            os.environ.get(PROCESSES_VARIABLE, "").strip() == "1":
        yield None
        return
    from rcro_tui.exports.publish_helper import Helper

    try:
        helper = Helper()
    except OSError:  # no processes left to start: the publish still works, slower
        yield None
        return
    try:
        yield helper
    finally:
        helper.close()


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def texts_and_findings(events: dict[int, FeedEvent]
                       ) -> tuple[dict[int, VeventText], dict[int, list[Finding]]]:
    """Each event's VEVENT text, and the linter's findings on it (linted once, not per feed)."""
    texts = {key: event_text(event) for key, event in events.items()}
    index = EventIndex.build(texts)
    head = feed_frame(FeedHeader("Проверка"), set(), index)
    return texts, lint_events(head, all_zones(index), index.data)


def shared_texts(events: dict[int, FeedEvent], pool: Helper | None,
                 meanwhile: Callable[[], T]) -> tuple[dict[int, VeventText],
                                                      dict[int, list[Finding]], T]:
    """`texts_and_findings` of all events, and `meanwhile()` (choosing the feeds): with a
    pool, the helper writes every other event's text while this process does the rest."""
    if pool is None:
        return (*texts_and_findings(events), meanwhile())
    keys = sorted(events)
    theirs = pool.submit(texts_and_findings, {key: events[key] for key in keys[1::2]})
    chosen = meanwhile()
    texts, findings = texts_and_findings({key: events[key] for key in keys[0::2]})
    more_texts, more_findings = theirs.result()
    texts.update(more_texts)
    findings.update(more_findings)
    return texts, findings, chosen


@dataclass(frozen=True)
class FeedJob:
    """One feed to write: where (relative to the folder), its header and its events."""

    key: str
    path: Path
    header: FeedHeader
    event_ids: frozenset[int]


@dataclass
class FeedOutcome:
    """What became of a feed: «written», «unchanged» or «refused» (with the linter's words)."""

    key: str
    status: str
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FeedSource:
    """What writing any feed needs: every event's text, and the findings of the bad ones."""

    index: EventIndex
    findings: dict[int, list[Finding]]
    titles: dict[int, str]
    """Titles of the events with findings, to name them in a refusal."""


def write_feeds(folder: Path, jobs: list[FeedJob], source: FeedSource,
                progress: Callable[[int, FeedJob], None] | None = None) -> list[FeedOutcome]:
    """Write each feed unless it is unchanged or the linter refuses it (the old file stays)."""
    outcomes = []
    for number, job in enumerate(jobs, start=1):
        if progress:
            progress(number, job)
        outcomes.append(write_feed(folder, job, source))
    return outcomes


def write_feed(folder: Path, job: FeedJob, source: FeedSource) -> FeedOutcome:
    frame = feed_frame(job.header, job.event_ids, source.index)
    data = indexed_feed_bytes(job.header, job.event_ids, source.index, frame)
    if is_current(folder / job.path, data):
        return FeedOutcome(job.key, "unchanged")
    problems = feed_problems(frame, job, source)
    if problems:
        return FeedOutcome(job.key, "refused", problems)
    replace_file(folder / job.path, data)  # not current, checked above: no second read
    return FeedOutcome(job.key, "written")


def feed_problems(frame: bytes, job: FeedJob, source: FeedSource) -> list[str]:
    """The linter's findings of a feed: its frame, and each of its events' texts."""
    problems = [finding.text() for finding in lint(frame + b"END:VCALENDAR\r\n")]
    for key in sorted(job.event_ids & source.findings.keys()):
        for finding in source.findings[key]:
            problems.append(f"«{source.titles[key]}»: [правило {finding.rule}] "
                            f"{finding.message}")
    return problems


def helper_share(public_events: int, pairs: int, private_pages: int) -> float:
    """The part of the feeds' event-feed pairs the helper writes after the tables, so that
    both processes finish together: the helper makes every printable table, this process
    the private pages. The costs are measured ones (20 000 events, 2-core server):"""
    tables = TABLE_SECONDS_PER_PUBLIC_EVENT * public_events
    total = tables + FEED_SECONDS_PER_PAIR * pairs + PAGE_SECONDS * private_pages
    if not pairs:
        return 0.0
    return min(1.0, max(0.0, (total / 2 - tables) / (FEED_SECONDS_PER_PAIR * pairs)))


def tables_and_feeds(db_file: str, folder: Path, as_of: date, jobs: list[FeedJob],
                     source: FeedSource) -> tuple[TablesReport, list[FeedOutcome]]:
    """The helper's part of writing: every printable table (it opens the database file
    itself, to read), then its share of the feeds."""
    from rcro_tui.db.connection import connect
    from rcro_tui.exports.publish_tables import publish_tables

    db = connect(db_file)
    try:
        tables = publish_tables(db=db, folder=folder, as_of=as_of)
    finally:
        db.close()
    return tables, write_feeds(folder, jobs, source)


def split_by_size(jobs: list[FeedJob], share: float) -> list[int]:
    """Indexes of the jobs that make up about `share` of all their events, spread through
    the list (each job goes to whichever side is further below its part so far)."""
    taken, total, chosen = 0, 0, []
    for index, job in enumerate(jobs):
        size = len(job.event_ids) + 1
        total += size
        if taken + size <= share * total + size / 2:
            chosen.append(index)
            taken += size
    return chosen
