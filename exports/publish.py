"""`rcro-tui publish OUTDIR` and the «Публикация» screen: every feed and page into one folder.

    OUTDIR/index.html                     public feeds, how to subscribe, QR codes
    OUTDIR/feeds/region.ics               the region's public feed
    OUTDIR/feeds/program-N.ics, district-N.ics
    OUTDIR/private/<token>/calendar.ics   an organisation's private feed
    OUTDIR/private/<token>/index.html     its page, with the link to send the school
    OUTDIR/tables/*.html, *.xlsx, *.csv   printable public tables (exports/publish_tables.py)
    OUTDIR/.rcro/state.json, journal.txt  what was published, what changed (never served)

Each event's VEVENT is written once and joined into every feed it is in; files that would
not change are not touched; a feed the linter refuses is not published (the old one stays).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from rcro_tui.db.connection import database_file
from rcro_tui.db.feed_events import EventFacts, events_between_in_batches, scope_rows_between
from rcro_tui.db.feed_members import Feed, as_array, event_scope_of, plan_feeds_of
from rcro_tui.db.feed_rules import scope_of_row
from rcro_tui.db.feed_tokens import tokens_for_publish
from rcro_tui.db.store import get_setting
from rcro_tui.exports.feed_events import feed_event
from rcro_tui.exports.feed_journal import (STATE, FeedChanges, PublishedState, Seen, compare,
                                           load_state, state_blocks)
from rcro_tui.exports.ics_event import FeedEvent, VeventText
from rcro_tui.exports.ics_feed import EventIndex, FeedHeader
from rcro_tui.exports.ics_lint import Finding
from rcro_tui.exports.publish_lane import HelperLane
from rcro_tui.exports.publish_work import (FeedJob, FeedOutcome, FeedSource, helper_lane,
                                           helper_peak_memory, shared_texts, tables_from_file,
                                           write_shared)
from rcro_tui.exports.publish_tables import TablesReport, publish_tables
from rcro_tui.exports.site_files import remove_stale, write_if_changed
from rcro_tui.exports.site_pages import Page, site_index, site_private_pages
from rcro_tui.feed_scope import EventScope, FeedKind
from rcro_tui.i18n import count
from rcro_tui.memory import give_back_freed
from rcro_tui.rules import AcademicYear

JOURNAL = Path(".rcro") / "journal.txt"
PAGES = Path(".rcro") / "pages.json"
CANCELLED_DAYS = 60
"""A cancelled event stays (marked «ОТМЕНЕНО:») this many days after it was cancelled."""
LAST_DAY = date(9999, 12, 31)
"""Feeds carry every event from their first day on, however far ahead."""
Progress = Callable[[int, int, str], None]


@dataclass
class PublishReport:
    """What a publish did, for the CLI's summary and the screen's."""

    folder: Path
    feeds: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    events: int = 0
    seconds: float = 0.0
    changes: list[FeedChanges] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    first: bool = False
    """The folder had never been published to: no journal of changes."""
    helper_peak_mb: float = 0.0
    """The helper process's peak memory (0 without one): what the benchmarks report, as a
    child's `ru_maxrss` counts the memory of the process that started it."""

    def lines(self) -> list[str]:
        """What the publish did, in Russian: the CLI prints it, the screen shows it."""
        out = [f"Опубликовано в {self.folder}: {count(self.feeds, 'лента', 'ленты', 'лент')}, "
               f"{count(self.events, 'мероприятие', 'мероприятия', 'мероприятий')}; записано "
               f"файлов: {self.written}, без изменений: {self.unchanged}, удалено: "
               f"{self.removed} ({self.seconds:.1f} с)."]
        if self.first:
            out.append("Первая публикация в эту папку: журнал изменений начнётся со следующей.")
        elif not self.changes:
            out.append("Ни в одной ленте ничего не изменилось.")
        for change in self.changes:
            out += change.lines()
        return out


@dataclass
class Prepared:
    """Everything a publish writes, before any file is touched."""

    feeds: list[Feed]
    texts: dict[int, VeventText]
    events: dict[int, FeedEvent]
    """Each event as read (its facts) and its text: kept only when asked (`keep_events`),
    as they are the larger part of a country's publish (270 MB) and done with once
    written (`index` has the texts' bytes)."""
    seen: dict[int, Seen]
    """Each event as the state file and the journal know it."""
    tokens: dict[int, str]
    index: EventIndex
    findings: dict[int, list[Finding]]
    """The linter's findings of each event's text (checked once, not once per feed)."""
    jobs: list[FeedJob]
    """The feeds that have a place in the folder (an organisation's needs its token)."""
    private_pages: list[Page]


def first_published_day(as_of: date) -> date:
    """1 September of the previous school year: last year's events stay on school calendars
    through the change of year (a rolling window would delete them: ICS-NOTES rule 12)."""
    return date(AcademicYear.containing(as_of).start_year - 1, 9, 1)


def published_scopes(db: Database, as_of: date) -> dict[int, EventScope]:
    """What the feed rules need of each event the feeds carry on `as_of`, read without the
    events' texts and surroundings: a country's 100 000 events read whole were 350 MB of
    the app's memory and 4 s for the «Публикация» screen's list of feeds."""
    keep_days = _cancelled_days(db)
    return {row["id"]: scope_of_row(row, row["district_id"])
            for row in scope_rows_between(db, first_published_day(as_of), LAST_DAY)
            if still_shown(row, as_of, keep_days)}


def published_fact_batches(db: Database, as_of: date) -> Iterator[list[EventFacts]]:
    """The events feeds carry on `as_of` (from `first_published_day` on, minus
    long-cancelled), a batch at a time (`events_between_in_batches`)."""
    keep_days = _cancelled_days(db)
    for batch in events_between_in_batches(db, first_published_day(as_of), LAST_DAY):
        yield [fact for fact in batch if still_shown(fact.row, as_of, keep_days)]


def _cancelled_days(db: Database) -> int:
    return int(get_setting(db, "feed_cancelled_days", str(CANCELLED_DAYS)))


def prepare(db: Database, as_of: date, *, user: str, lane: HelperLane | None = None,
            site_url: str = "", keep_events: bool = False) -> Prepared:
    """Read the events, write and lint each VEVENT once (`lane`: a helper process shares
    that: `publish_work`) while this process chooses each feed's events and plans the
    feeds' files and the private pages."""
    events, scopes = _events_and_scopes(published_fact_batches(db, as_of))
    seen = {key: Seen(event.revision, event.cancelled, event.title)
            for key, event in events.items()}
    kept = dict(events) if keep_events else {}

    def plan() -> tuple[list[Feed], dict[int, str], list[FeedJob], list[Page]]:
        feeds = plan_feeds_of(db, scopes, keep=as_array)
        scopes.clear()  # done with: chosen
        tokens = tokens_for_publish(db, user=user)
        return feeds, tokens, _jobs(feeds, tokens), site_private_pages(feeds, tokens, site_url)

    texts, findings, (feeds, tokens, jobs, pages) = shared_texts(events, lane, plan)
    index = EventIndex.build(texts)
    return Prepared(feeds, texts if keep_events else {}, kept, seen, tokens, index,
                    findings, jobs, pages)


def _events_and_scopes(batches: Iterable[list[EventFacts]]
                       ) -> tuple[dict[int, FeedEvent], dict[int, EventScope]]:
    """Each event as a feed writes it and as the feed rules see it, made a batch of facts at
    a time: a country's 100 000 rows with their surroundings were 300 MB read at once, and
    what the allocator had taken for them stayed the process's to the end of the publish."""
    events: dict[int, FeedEvent] = {}
    scopes: dict[int, EventScope] = {}
    shared: dict = {}
    for facts in batches:
        for fact in facts:
            events[fact.row["id"]] = feed_event(fact, shared)
            scopes[fact.row["id"]] = event_scope_of(fact)
    return events, scopes


def still_shown(event: dict[str, Any], as_of: date, keep_days: int) -> bool:
    """Every event (an events row), except one cancelled more than `keep_days` before `as_of`."""
    if event["status"] != "cancelled":
        return True
    return date.fromisoformat(event["updated_at"][:10]) + timedelta(days=keep_days) >= as_of


def feed_path(feed: Feed, tokens: dict[int, str]) -> Path | None:
    """Where a feed lives in the folder; None for an organisation without a token."""
    if feed.kind is FeedKind.ORGANIZATION:
        token = tokens.get(feed.owner_id)
        return Path("private", token, "calendar.ics") if token else None
    return Path("feeds", f"{feed.key}.ics")


def publish(db: Database, folder: Path, *, as_of: date, user: str, site_url: str = "",
            progress: Progress | None = None) -> PublishReport:
    """Write every feed, table and page into `folder`; `site_url` is where it is served."""
    started = time.perf_counter()
    db_file = database_file(db)
    new_folder = not (folder / "private").exists() and not (folder / "feeds").exists()
    with helper_lane(_event_count(db) if db_file else 0) as lane:
        tables = lane.call(tables_from_file, db_file, folder, as_of) if lane else None
        prepared = prepare(db, as_of, user=user, lane=lane, site_url=site_url)
        give_back_freed()  # the events' facts, read and let go of
        report = PublishReport(folder, events=len(prepared.seen))
        jobs = prepared.jobs
        state = PublishedState(prepared.seen)
        planned: list[list[bytes]] = []
        outcomes, tables_report, pages = _write_all(
            db, folder, jobs, prepared, as_of, site_url, lane, tables, progress,
            meanwhile=lambda: planned.append(_planned_state(state, jobs)))
        if lane is not None:
            report.helper_peak_mb = lane.call(helper_peak_memory).result()
    prepared.index.data.clear()  # every feed is written: its 150 MB of texts (a country's) go
    give_back_freed()
    before = load_state(folder)  # read now, in their place, not held while feeds are written
    by_key = {feed.key: feed for feed in prepared.feeds}
    for outcome in outcomes:
        _account(report, outcome, by_key[outcome.key], before, state)
    _count_tables(report, tables_report)
    if not new_folder:  # a new folder has nothing stale (a country's: 120 000 entries)
        kept = {folder / job.path for job in jobs}
        kept.update(folder / page for page in pages)
        report.removed += len(remove_stale(folder / "feeds", kept)) + \
            len(remove_stale(folder / "private", kept))
    write_if_changed(folder / STATE, state_blocks(state) if report.refused else planned[0])
    report.first = not before
    if report.changes:
        keep_journal(folder, report)
    report.seconds = time.perf_counter() - started
    return report


def _write_all(db: Database, folder: Path, jobs: list[FeedJob], prepared: Prepared,
               as_of: date, site_url: str, lane: HelperLane | None,
               tables: Future[TablesReport] | None, progress: Progress | None, *,
               meanwhile: Callable[[], None]) -> tuple[list[FeedOutcome], TablesReport,
                                                      list[str]]:
    """Feeds, tables and pages; with a helper, it has made the tables (`tables`) and shares
    the feeds while this process writes the private pages, does `meanwhile()` and then its
    part of the feeds. Also returns the pages' paths."""
    source = _source(prepared)
    pages = PageWriter(folder)
    to_make = [(page.path, page.build) for page in pages.to_make(prepared.private_pages)]

    def before_feeds() -> None:
        if tables is not None:  # the helper made them first: the index links them now
            pages.write([site_index(prepared.feeds, site_url, tables.result().links)])
        meanwhile()

    outcomes = write_shared(folder, jobs, to_make, source, lane, before=before_feeds,
                            progress=_feed_progress(progress, len(jobs)))
    if tables is None:
        made = publish_tables(db=db, folder=folder, as_of=as_of)
        pages.write([site_index(prepared.feeds, site_url, made.links)])
    else:
        made = tables.result()
    pages.save()
    return outcomes, made, list(pages.now)


def _planned_state(state: PublishedState, jobs: list[FeedJob]) -> list[bytes]:
    """The state file as it will be when no feed is refused, made while the helper still
    writes feeds (a fifth of a second at 600 000 event-feed pairs, off the critical path);
    `state.events` is complete by then, `state.feeds` is not touched."""
    return state_blocks(PublishedState(state.events, {job.key: job.event_ids for job in jobs}))


def _feed_progress(progress: Progress | None, total: int):
    """The bar moves with the feeds written (by this process and the helper)."""
    if progress is None:
        return None
    return lambda number, job: progress(min(total, number), total, job.header.name)


def _event_count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM events").fetchone()[0]


def _jobs(feeds: list[Feed], tokens: dict[int, str]) -> list[FeedJob]:
    """The feeds that have a place in the folder (an organisation's needs its token)."""
    jobs = []
    for feed in feeds:
        path = feed_path(feed, tokens)
        if path is not None:
            jobs.append(FeedJob(feed.key, path, FeedHeader(feed.name, _description(feed)),
                                feed.event_ids))
    return jobs


def _source(prepared: Prepared) -> FeedSource:
    return FeedSource(prepared.index, prepared.findings,
                      {key: prepared.seen[key].title for key in prepared.findings})


def _account(report: PublishReport, outcome: FeedOutcome, feed: Feed, before: PublishedState,
             state: PublishedState) -> None:
    """Count a feed's outcome and note what changed in it since the last publish."""
    report.feeds += 1
    if outcome.status == "refused":  # the old file stays, and so does what we knew of it
        report.refused.append(f"{feed.name}: " + "; ".join(outcome.problems[:3]))
        state.feeds[feed.key] = before.feeds.get(feed.key, [])
        return
    state.feeds[feed.key] = feed.event_ids
    if outcome.status == "unchanged":
        report.unchanged += 1
        return
    report.written += 1
    if before:
        change = compare(feed.name, before, state, feed.key)
        if change:
            report.changes.append(change)


def _count_tables(report: PublishReport, tables: TablesReport) -> None:
    """The printable tables' files join the summary's counts (exports/publish_tables.py)."""
    report.written += tables.written
    report.unchanged += tables.unchanged
    report.removed += tables.removed


class PageWriter:
    """Makes and writes the pages whose inputs changed (or whose file is missing), and keeps
    each page's input key in `.rcro/pages.json`; pages may be written in several steps."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            self.made = json.loads((folder / PAGES).read_text("utf-8"))
        except (FileNotFoundError, ValueError):
            self.made = {}
        self.now: dict[str, str] = {}

    def write(self, pages: list[Page]) -> None:
        for page in self.to_make(pages):
            write_if_changed(self.folder / page.path, page.build())

    def to_make(self, pages: list[Page]) -> list[Page]:
        """The pages whose inputs changed or whose file is missing; every page is counted as
        made (the caller makes these, here or in the helper process)."""
        needed = []
        for page in pages:
            if self.made.get(page.path.as_posix()) != page.key or \
                    not (self.folder / page.path).exists():
                needed.append(page)
            self.now[page.path.as_posix()] = page.key
        return needed

    def save(self) -> None:
        write_if_changed(self.folder / PAGES,
                         json.dumps(self.now, indent=1, sort_keys=True).encode())


def keep_journal(folder: Path, report: PublishReport) -> None:
    """Append this publish's changes to `.rcro/journal.txt` (the UTC time heads them)."""
    stamp = datetime.now(timezone.utc).strftime("%d.%m.%Y %H:%M UTC")
    lines = [f"== Публикация {stamp}"] + [line for change in report.changes
                                          for line in change.lines()]
    path = folder / JOURNAL
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n\n")


def _description(feed: Feed) -> str:
    if feed.kind is FeedKind.ORGANIZATION:
        return ("Мероприятия, которые касаются организации: её собственные, её программ, "
                "её муниципалитета и этапы, на которые заявлены её участники. ОГБУ «РЦРО».")
    return "Календарь образовательных событий ОГБУ «РЦРО», Томская область."
