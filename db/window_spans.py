"""The plain events of a calendar window as (id, start, end) only, kept between reads.

A month of 100 000 events a year holds some 11 000 of them. The month grid needs each day's
count and its first few titles: both come from these three columns, worked out in Python,
and only the titles on screen are then read whole. A search keystroke changes nothing but
the words, so it filters the same spans by the full-text index's matches (a millisecond)
instead of walking the month's index again: the spans are kept (`db.kept`) until the
database file changes. Repeating events are not spans: `occurrences` expands those itself.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

from sqlite_utils import Database

from rcro_tui.db.event_filter import EVENT_COLUMNS_SQL, EventFilter, fts_query
from rcro_tui.db.kept import kept
from rcro_tui.db.schema import LONG_EVENT_DAYS

SpanRow = tuple[int, str, str]
"""An event's id, `start_at` and `end_at` as stored (ISO text)."""

_SPAN_SELECT = "SELECT e.id, e.start_at, e.end_at FROM events e"
_WITH_HOST = " LEFT JOIN organizations o ON o.id = e.host_org_id"


def plain_spans(db: Database, first: date, last: date,
                flt: EventFilter | None = None) -> list[SpanRow]:
    """The plain events touching [first, last] that pass the filter, by start then id."""
    flt = flt or EventFilter()
    rows = _unsearched_spans(db, first, last, replace(flt, text=""))
    query = fts_query(flt.text)
    if not query:
        return rows
    found = matching_ids(db, query)
    return [row for row in rows if row[0] in found]


def matching_ids(db: Database, query: str) -> frozenset[int]:
    """The events the full-text index finds for an `fts_query` (a month's counts and its
    titles both ask, one after the other)."""
    return kept(db, "search", query, lambda: _matches(db, query))


def _matches(db: Database, query: str) -> frozenset[int]:
    """The ids as one string from SQLite (`group_concat`): 9 000 matches of a two-letter
    prefix cross into Python in ~4 ms instead of ~7 ms as rows."""
    text = db.execute("SELECT group_concat(rowid) FROM events_fts WHERE events_fts MATCH ?",
                      [query]).fetchone()[0]
    return frozenset(map(int, text.split(","))) if text else frozenset()


def window_parts(flt: EventFilter, first_day: date, last_day: date,
                  select: str = EVENT_COLUMNS_SQL) -> list[tuple[str, list]]:
    """Three queries whose union is every event touching the window, each on its own index:

    plain events starting from a week before the window (`idx_events_start`), the rare longer
    ones that began earlier (`idx_events_long`), and repeating ones (`idx_events_repeating`).
    An OR of these would make SQLite scan most of the table.
    """
    where, params = flt.where()
    after = (last_day + timedelta(days=1)).isoformat()
    early = (first_day - timedelta(days=LONG_EVENT_DAYS)).isoformat()
    first = first_day.isoformat()
    return [
        (f"{_indexed(select, 'idx_events_plain_span')} WHERE e.rrule = '' AND e.start_at >= ? "
         f"AND e.start_at < ? AND e.end_at >= ? AND {where}", [early, after, first, *params]),
        (f"{_indexed(select, 'idx_events_long')} WHERE e.rrule = '' AND julianday(e.end_at) - "
         f"julianday(e.start_at) > {LONG_EVENT_DAYS} AND e.end_at >= ? AND e.start_at < ? "
         f"AND {where}", [first, early, *params]),
        (f"{_indexed(EVENT_COLUMNS_SQL, 'idx_events_repeating')} WHERE e.rrule != '' "
         f"AND e.start_at < ? AND {where}", [after, *params]),
    ]


def _indexed(select: str, index: str) -> str:
    """The select reading `events` through the named index.

    Named because SQLite's own choice goes wrong here: left alone it walks every earlier
    start for the long events instead of their small partial index, and with a search it
    drives the repeating part from the full-text matches (thousands) instead of the few
    repeating events. Each part's window bounds what the named index reads.
    """
    return select.replace("FROM events e", f"FROM events e INDEXED BY {index}", 1)


def _unsearched_spans(db: Database, first: date, last: date, flt: EventFilter) -> list[SpanRow]:
    """Read once per window, filter and state of the database file; then from memory.

    A single day (the year planner's preview, the day list) is read directly: it is cheap,
    and keeping every day the cursor passed would push the month out of memory.
    """
    if first == last:
        return _read_spans(db, first, last, flt)
    return kept(db, "spans", (first, last, flt), lambda: _read_spans(db, first, last, flt))


def _read_spans(db: Database, first: date, last: date, flt: EventFilter) -> list[SpanRow]:
    select = _SPAN_SELECT + (_WITH_HOST if flt.district_ids else "")
    rows: list[SpanRow] = []
    for sql, params in window_parts(flt, first, last, select=select)[:2]:
        rows.extend(db.execute(sql, params).fetchall())
    rows.sort(key=lambda row: (row[1], row[0]))
    return rows


def last_day_of(start: str, end: str) -> str:
    """The last day an event covers, as ISO text (one ending at 00:00 does not cover it)."""
    day = end[:10]
    if end[11:] == "00:00" and day > start[:10]:
        return (date.fromisoformat(day) - timedelta(days=1)).isoformat()
    return day


def spread_counts(rows: list[SpanRow], first: date, last: date) -> Counter[date]:
    """How many of these events fall on each day of [first, last] (a long one on each)."""
    low, high = first.isoformat(), last.isoformat()
    one_day: Counter[str] = Counter()
    counts: Counter[date] = Counter()
    for _id, start, end in rows:
        begin = start[:10]
        finish = begin if end[:10] == begin else last_day_of(start, end)
        if finish == begin:
            if low <= begin <= high:
                one_day[begin] += 1
            continue
        day, stop = max(date.fromisoformat(begin), first), min(date.fromisoformat(finish), last)
        while day <= stop:
            counts[day] += 1
            day += timedelta(days=1)
    for text, n in one_day.items():
        counts[date.fromisoformat(text)] += n
    return counts


def first_of_each_day(rows: list[SpanRow], per_day: int) -> list[int]:
    """Ids of at most `per_day` one-day events per day (by start, then id) and of every event
    of several days: what the month grid shows of a crowded day."""
    taken: Counter[str] = Counter()
    chosen: list[int] = []
    for event_id, start, end in rows:
        if end[:10] != start[:10]:
            chosen.append(event_id)
            continue
        day = start[:10]
        if taken[day] < per_day:
            taken[day] += 1
            chosen.append(event_id)
    return chosen
