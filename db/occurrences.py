"""Events as they fall on days: what every calendar view (month, week, agenda, year) reads.

A repeating event is one row but many occurrences; an event of three days covers three
days. Views ask only for the days they show, so the cost follows the screen, not the year:
plain events are cut by SQL on the `start_at`/`end_at` indexes, repeating ones are expanded
in Python inside the window only.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from rcro_tui.recurrence import Recurrence
from rcro_tui.rules import parse_moment
from rcro_tui.db.event_filter import EVENT_COLUMNS_SQL, EventFilter, fts_query
from rcro_tui.db.kept import KeptById, kept
from rcro_tui.db.window_spans import (first_of_each_day, matching_ids, plain_spans,
                                      spread_counts, window_parts)

SPAN_COUNT_DAYS = 62
"""Up to this many days (a month and its edges), counts come from the window's kept spans;
a year is counted in SQL groups instead (its spans would be all 100 000 events)."""


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One appearance of an event on the calendar (the event itself unless it repeats)."""

    event_id: int
    title: str
    kind: str
    status: str
    visibility: str
    format: str
    start: date | datetime
    end: date | datetime
    host: str
    district: str
    program: str
    venue: str
    host_org_id: int | None
    grades: tuple[int | None, int | None]
    repeats: bool

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def first_day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def last_day(self) -> date:
        """The last day it covers (an event ending at 00:00 does not cover that day)."""
        if isinstance(self.end, datetime):
            day = self.end.date()
            if self.end.time() == datetime.min.time() and day > self.first_day:
                day -= timedelta(days=1)
            return day
        return self.end

    def days(self) -> list[date]:
        if self.start == self.end or (isinstance(self.end, datetime)
                                      and self.end.date() == self.start.date()):
            return [self.first_day]
        span = (self.last_day - self.first_day).days
        return [self.first_day + timedelta(days=i) for i in range(span + 1)]

    def sort_key(self) -> tuple:
        return (self.first_day, not self.all_day, _as_datetime(self.start), self.event_id)


def _as_datetime(moment: date | datetime) -> datetime:
    return moment if isinstance(moment, datetime) else datetime.combine(moment, datetime.min.time())


_LAST_DAY = ("CASE WHEN substr(e.end_at, 12) = '00:00' AND substr(e.end_at, 1, 10) > "
             "substr(e.start_at, 1, 10) THEN date(e.end_at, '-1 day') "
             "ELSE substr(e.end_at, 1, 10) END")
"""The last day an event covers, in SQL (one ending at 00:00 does not cover that day)."""


def _rows(db: Database, parts: list[tuple[str, list]]):
    for sql, params in parts:
        cursor = db.execute(sql, params)
        names = [column[0] for column in cursor.description]
        for values in cursor:
            yield dict(zip(names, values))


def _clip_window(flt: EventFilter, first_day: date, last_day: date) -> tuple[date, date]:
    return max(first_day, flt.first_day or first_day), min(last_day, flt.last_day or last_day)


def occurrences(db: Database, first_day: date, last_day: date,
                flt: EventFilter | None = None, *, per_day: int | None = None) -> list[Occurrence]:
    """Every occurrence that touches [first_day, last_day] and passes the filter, in order.

    Args:
        per_day: at most this many one-day events per day (the month grid shows a few
            titles and the count, so a day of 300 events need not be read whole).
    """
    flt = flt or EventFilter()
    first_day, last_day = _clip_window(flt, first_day, last_day)
    if last_day < first_day:
        return []
    found: list[Occurrence] = []
    if per_day is not None:  # the month's (id, start, end) spans say which rows to read whole
        ids = first_of_each_day(plain_spans(db, first_day, last_day, flt), per_day)
        found.extend(items_by_id(db, ids).values())
        plain: list[dict[str, Any]] = []
    else:
        plain = list(_rows(db, window_parts(flt, first_day, last_day)[:2]))
    for row in [*plain, *_repeating_rows(db, first_day, last_day, flt)]:
        found.extend(_expand(row, first_day, last_day))
    found.sort(key=Occurrence.sort_key)
    return found


def _repeating_rows(db: Database, first_day: date, last_day: date,
                    flt: EventFilter) -> list[dict[str, Any]]:
    """The repeating events' rows, kept without the search words (`db.kept`) and searched
    with the full-text matches the spans use: each SQL search would run the index again."""
    unsearched = replace(flt, text="")
    rows = kept(db, "repeating", (first_day, last_day, unsearched),
                lambda: list(_rows(db, window_parts(unsearched, first_day, last_day)[2:])))
    query = fts_query(flt.text)
    if not query:
        return rows
    found = matching_ids(db, query)
    return [row for row in rows if row["id"] in found]


_PLAIN_ITEMS = KeptById(limit=20_000)


def items_by_id(db: Database, ids: list[int]) -> dict[int, Occurrence]:
    """Plain (not repeating) events read whole, by id (the agenda's page of lines, the month's
    titles), kept while the file stays the same: a plain event's item does not depend on the
    window it is shown in."""
    return _PLAIN_ITEMS.get(db, ids, lambda missing: {
        row["id"]: _expand(row, date.min, date.max)[0] for row in _rows(db, [_by_ids(missing)])})


def repeating_occurrences(db: Database, first_day: date, last_day: date,
                          flt: EventFilter | None = None) -> list[Occurrence]:
    """The occurrences of repeating events in the window (few: expanded whole)."""
    flt = flt or EventFilter()
    first_day, last_day = _clip_window(flt, first_day, last_day)
    if last_day < first_day:
        return []
    return [item for row in _repeating_rows(db, first_day, last_day, flt)
            for item in _expand(row, first_day, last_day)]


def _by_ids(ids: list[int]) -> tuple[str, list]:
    """Whole rows of the given events (joined to host and programme), one query."""
    return (f"{EVENT_COLUMNS_SQL} WHERE e.id IN (SELECT value FROM json_each(?))",
            [json.dumps(ids)])


def _expand(row: dict[str, Any], first_day: date, last_day: date) -> list[Occurrence]:
    start, end = parse_moment(row["start_at"]), parse_moment(row["end_at"])
    base = Occurrence(
        event_id=row["id"], title=row["title"], kind=row["kind"], status=row["status"],
        visibility=row["visibility"], format=row["format"], start=start, end=end,
        host=row["host"], district=row["district"], program=row["program"],
        venue=row["venue"], host_org_id=row["host_org_id"],
        grades=(row["grades_from"], row["grades_to"]), repeats=bool(row["rrule"]))
    if not row["rrule"]:
        return [base]
    rule = Recurrence.parse(row["rrule"], row["exdates"])
    if rule is None:
        return [base]
    length = end - start
    reach = (base.last_day - base.first_day)  # a multi-day item that began before the window
    result = []
    for moment in rule.starts(start, first_day - reach, last_day):
        item = replace(base, start=moment, end=moment + length)
        if item.last_day >= first_day:
            result.append(item)
    return result


def day_counts(db: Database, first_day: date, last_day: date,
               flt: EventFilter | None = None) -> Counter[date]:
    """How many events fall on each day of the window (multi-day events count on each day).

    A month comes from its kept (id, start, end) spans (`db.window_spans`), which its
    titles are chosen from too; a year from SQL groups (`_group_counts`). Repeating events
    are expanded in Python either way.
    """
    flt = flt or EventFilter()
    first_day, last_day = _clip_window(flt, first_day, last_day)
    counts: Counter[date] = Counter()
    if last_day < first_day:
        return counts
    if (last_day - first_day).days < SPAN_COUNT_DAYS:
        counts = spread_counts(plain_spans(db, first_day, last_day, flt), first_day, last_day)
    else:
        _group_counts(db, first_day, last_day, flt, counts)
    for row in _repeating_rows(db, first_day, last_day, flt):
        for item in _expand(row, first_day, last_day):
            counts.update(day for day in item.days() if first_day <= day <= last_day)
    return counts


def _group_counts(db: Database, first_day: date, last_day: date, flt: EventFilter,
                  counts: Counter[date]) -> None:
    """Plain events counted by SQL in (first day, last day) groups: a year's 100 000 events
    are a few hundred groups, so only those are spread over days in Python."""
    spans = (f"SELECT substr(e.start_at, 1, 10), {_LAST_DAY}, count(*) FROM events e"
             + (" LEFT JOIN organizations o ON o.id = e.host_org_id" if flt.district_ids else ""))
    for sql, params in window_parts(flt, first_day, last_day, select=spans)[:2]:
        for start, end, n in db.execute(sql + " GROUP BY 1, 2", params):
            day, last = max(first_day, date.fromisoformat(start)), min(last_day, date.fromisoformat(end))
            while day <= last:
                counts[day] += n
                day += timedelta(days=1)

