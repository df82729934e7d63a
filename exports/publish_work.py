"""Publishing's heavy work — each event's text and lint, each feed's bytes — on two cores.

A country-size publish is pure CPU: 20 000 VEVENTs written and linted, then a thousand
private feeds joined and written (600 MB). On the coordinators' 2-core server one process
uses half of it, so a large publish starts one helper process (`publish_helper`). The helper
first makes the printable tables (it opens the database file itself, to read) while this
process reads the events and chooses the feeds; then the events' texts and the feeds are
each shared out by batches (`publish_lane`: this process takes from the front of the list,
the helper from the back), while this process also writes the private pages. Every
function here is one of plain data, so the helper can be given it by name. Small publishes
(a region: a second) stay in one process, where starting the helper costs more than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from rcro_tui.exports.ics_event import FeedEvent, VeventText, event_text
from rcro_tui.exports.ics_feed import (BLOCK, EventIndex, FeedHeader, all_zones, feed_frame,
                                       indexed_feed_parts)
from rcro_tui.exports.ics_lint import Finding, lint, lint_events
from rcro_tui.exports.publish_lane import HelperLane, run_shared
from rcro_tui.exports.site_files import (is_current, is_current_blocks, replace_file,
                                         write_if_changed)

if TYPE_CHECKING:
    from rcro_tui.exports.publish_tables import TablesReport

T = TypeVar("T")

HELPER_FROM_EVENTS = 3_000
"""From this many events a publish shares its work with a helper process."""
EVENTS_PER_BATCH = 500
"""Events handed out at a time for their texts: 30 batches for 15 000 events, so the two
sides finish within ~0.1 s of each other, and few enough that handing out costs nothing."""
PAIRS_PER_BATCH = 15_000
"""Event-feed pairs handed out at a time (about 15 MB of feeds written)."""
PROCESSES_VARIABLE = "RCRO_PUBLISH_PROCESSES"
"""Set to 1 to keep a publish in one process (a machine with other work to do)."""


@contextmanager
def helper_lane(events: int) -> Iterator[HelperLane | None]:
    """The helper process's lane for a large publish on a machine with two cores or more,
    else None (everything is then done in this process)."""
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
    lane = HelperLane(helper)
    try:
        yield lane
    finally:
        lane.close()


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


def shared_texts(events: dict[int, FeedEvent], lane: HelperLane | None,
                 meanwhile: Callable[[], T]) -> tuple[dict[int, VeventText],
                                                      dict[int, list[Finding]], T]:
    """`texts_and_findings` of all events, and `meanwhile()` (choosing the feeds), which
    runs here once half of the events' batches are done (their events let go of: a
    country's planning then no longer sits on top of all of them), the helper meanwhile
    taking batches from the other end. The helper keeps the texts it made
    (`texts_kept_here`), for the feeds it will write. `events` is emptied into the batches,
    and each batch let go of once its texts are made: a country's events are the largest
    thing a publish reads (270 MB), and are not needed after."""
    keys = sorted(events)
    batches = [{key: events[key] for key in keys[start:start + EVENTS_PER_BATCH]}
               for start in range(0, len(keys), EVENTS_PER_BATCH)]
    events.clear()
    chosen: list[T] = []
    made_here: set[int] = set()

    def here(batch: dict[int, FeedEvent]) -> tuple[dict[int, VeventText],
                                                   dict[int, list[Finding]]]:
        made_here.update(batch)
        done = texts_and_findings(batch)
        if not chosen and len(made_here) * 2 >= len(keys):
            chosen.append(meanwhile())
        return done

    done = run_shared(batches, here, lane, (texts_kept_here,))
    if not chosen:  # the helper took half of the batches or more
        chosen.append(meanwhile())
    if lane is not None:
        lane.holds = set(keys) - made_here
    texts: dict[int, VeventText] = {}
    findings: dict[int, list[Finding]] = {}
    for batch_texts, batch_findings in done:
        texts.update(batch_texts)
        findings.update(batch_findings)
    return texts, findings, chosen[0]


@dataclass(frozen=True)
class FeedJob:
    """One feed to write: where (relative to the folder), its header and its events."""

    key: str
    path: Path
    header: FeedHeader
    event_ids: Sequence[int]
    """Its events' ids, ascending (an array: a country's feeds hold 3 400 000 of them)."""


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
    """A feed larger than `BLOCK` is compared and written block by block, never joined."""
    frame = feed_frame(job.header, job.event_ids, source.index)
    parts = indexed_feed_parts(job.event_ids, source.index, frame)
    path = folder / job.path
    if parts.size <= BLOCK:
        data = parts.joined()
        current = is_current(path, data)
    else:
        data = parts.blocks(BLOCK)
        current = is_current_blocks(path, parts.size, parts.blocks(BLOCK))
    if current:
        return FeedOutcome(job.key, "unchanged")
    problems = feed_problems(frame, job, source)
    if problems:
        return FeedOutcome(job.key, "refused", problems)
    replace_file(path, data)  # not current, checked above: no second read
    return FeedOutcome(job.key, "written")


def feed_problems(frame: bytes, job: FeedJob, source: FeedSource) -> list[str]:
    """The linter's findings of a feed: its frame, and each of its events' texts."""
    problems = [finding.text() for finding in lint(frame + b"END:VCALENDAR\r\n")]
    bad = source.findings.keys()
    for key in [key for key in job.event_ids if key in bad] if bad else ():
        for finding in source.findings[key]:
            problems.append(f"«{source.titles[key]}»: [правило {finding.rule}] "
                            f"{finding.message}")
    return problems


def feed_batches(jobs: list[FeedJob]) -> list[list[FeedJob]]:
    """The jobs in consecutive batches of about `PAIRS_PER_BATCH` event-feed pairs each (the
    outcomes, batch after batch, are then in the jobs' order)."""
    batches: list[list[FeedJob]] = []
    size = PAIRS_PER_BATCH
    for job in jobs:
        if size >= PAIRS_PER_BATCH:
            batches.append([])
            size = 0
        batches[-1].append(job)
        size += len(job.event_ids) + 50  # a feed's frame and file cost about 50 events
    return batches


PAGES_PER_BATCH = 100
"""Private pages handed out at a time (a QR code each: about 0.1 s a batch)."""
PageItem = tuple[Path, Callable[[], bytes]]
"""A page to make: where it goes, and how to make it (a picklable partial)."""
Batch = tuple[str, list]
"""(«pages», page items) or («feeds», feed jobs)."""


def write_shared(folder: Path, jobs: list[FeedJob], pages: list[PageItem],
                 source: FeedSource, lane: HelperLane | None, *,
                 before: Callable[[], None] | None = None,
                 progress: Callable[[int, FeedJob], None] | None = None
                 ) -> list[FeedOutcome]:
    """Make `pages` and `write_feeds` of all jobs; with a helper, both are shared with it by
    batches (it is given the source once). `before` runs here first, while the helper
    already writes. The outcomes are the jobs', in their order."""
    if lane is None:
        if before is not None:
            before()
        write_pages(folder, pages)
        return write_feeds(folder, jobs, source, progress)
    send_source(lane, source)
    batches: list[Batch] = [("pages", pages[start:start + PAGES_PER_BATCH])
                            for start in range(0, len(pages), PAGES_PER_BATCH)]
    batches += [("feeds", batch) for batch in feed_batches(jobs)]

    def report(done: int) -> None:
        if progress is not None and done and jobs:
            number = round(len(jobs) * done / len(batches))
            progress(number, jobs[max(0, number - 1)])

    done = run_shared(batches, lambda batch: write_batch(folder, batch, source), lane,
                      (write_kept_batch, folder), before=before, progress=report)
    return [outcome for outcomes in done for outcome in outcomes]


def write_pages(folder: Path, pages: list[PageItem]) -> None:
    for path, build in pages:
        write_if_changed(folder / path, build())


def write_batch(folder: Path, batch: Batch, source: FeedSource) -> list[FeedOutcome]:
    kind, items = batch
    if kind == "pages":
        write_pages(folder, items)
        return []
    return write_feeds(folder, items, source)


_kept: list[FeedSource] = []
"""The source the helper process was given (`keep_source`) for the feed batches after it."""
_kept_data: dict[int, bytes] = {}
"""In the helper: the texts it made itself (`texts_kept_here`), so they are not sent back."""
TEXTS_PER_SEND = 5_000
"""The parent's texts are sent to the helper this many at a time (about 6 MB): pickling a
country's 100 000 at once held a 120 MB buffer in each process."""


def texts_kept_here(events: dict[int, FeedEvent]
                    ) -> tuple[dict[int, VeventText], dict[int, list[Finding]]]:
    """In the helper: `texts_and_findings`, keeping the texts' bytes for `keep_source`."""
    texts, findings = texts_and_findings(events)
    _kept_data.update((key, item.data) for key, item in texts.items())
    return texts, findings


def send_source(lane: HelperLane, source: FeedSource) -> None:
    """Give the helper the source: the texts it did not make itself, a few thousand at a
    time, then the rest of the source without texts (`keep_source` joins them)."""
    missing = [key for key in source.index.data if key not in lane.holds]
    for start in range(0, len(missing), TEXTS_PER_SEND):
        lane.call(keep_texts, {key: source.index.data[key]
                               for key in missing[start:start + TEXTS_PER_SEND]})
    lane.call(keep_source, replace(source, index=replace(source.index, data={})))


def keep_texts(data: dict[int, bytes]) -> None:
    """In the helper: texts the parent made, for `keep_source`."""
    _kept_data.update(data)


def keep_source(source: FeedSource) -> None:
    """In the helper: keep the source, with the texts kept so far, so each batch of feeds
    is sent without it."""
    source.index.data.update(_kept_data)
    _kept_data.clear()
    _kept[:] = [source]


def write_kept_batch(folder: Path, batch: Batch) -> list[FeedOutcome]:
    """In the helper: `write_batch` with the source kept by `keep_source`."""
    return write_batch(folder, batch, _kept[0])


def helper_peak_memory() -> float:
    """In the helper: its peak memory in MB (VmHWM), for the report of a publish."""
    from rcro_tui.memory import peak_memory_mb

    return peak_memory_mb()


def tables_from_file(db_file: str, folder: Path, as_of: date) -> TablesReport:
    """In the helper: every printable table, read through its own connection to the file.
    The year the tables were made from (`db.kept`: a country's is 140 MB) is let go of
    before the helper turns to the events' texts and the feeds."""
    from rcro_tui.db import kept
    from rcro_tui.db.connection import connect
    from rcro_tui.exports.publish_tables import publish_tables

    db = connect(db_file)
    try:
        return publish_tables(db=db, folder=folder, as_of=as_of)
    finally:
        db.close()
        kept.forget()
