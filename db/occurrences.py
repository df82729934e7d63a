"""Events as they fall on days: what every calendar view (month, week, agenda, year) reads.

A repeating event is one row but many occurrences; an event of three days covers three
days. Views ask only for the days they show, so the cost follows the screen, not the year:
plain events are cut by SQL on the `start_at`/`end_at` indexes, repeating ones are expanded
in Python inside the window only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from rcro_tui.recurrence import Recurrence
from rcro_tui.rules import parse_moment
from rcro_tui.db.event_filter import EVENT_COLUMNS_SQL, EventFilter


@dataclass(frozen=True)
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
        span = (self.last_day - self.first_day).days
        return [self.first_day + timedelta(days=i) for i in range(span + 1)]

    def sort_key(self) -> tuple:
        return (self.first_day, not self.all_day, _as_datetime(self.start), self.event_id)


def _as_datetime(moment: date | datetime) -> datetime:
    return moment if isinstance(moment, datetime) else datetime.combine(moment, datetime.min.time())


def _window_sql(flt: EventFilter) -> tuple[str, list[Any]]:
    where, params = flt.where()
    return (EVENT_COLUMNS_SQL + " WHERE ((e.rrule = '' AND e.start_at < ? AND e.end_at >= ?) "
            "OR (e.rrule != '' AND e.start_at < ?)) AND " + where), params


def occurrences(db: Database, first_day: date, last_day: date,
                flt: EventFilter | None = None) -> list[Occurrence]:
    """Every occurrence that touches [first_day, last_day] and passes the filter, in order."""
    flt = flt or EventFilter()
    first_day = max(first_day, flt.first_day or first_day)
    last_day = min(last_day, flt.last_day or last_day)
    if last_day < first_day:
        return []
    sql, params = _window_sql(flt)
    after = (last_day + timedelta(days=1)).isoformat()
    rows = db.execute(sql, [after, first_day.isoformat(), after, *params])
    names = [column[0] for column in rows.description]
    found: list[Occurrence] = []
    for values in rows:
        found.extend(_expand(dict(zip(names, values)), first_day, last_day))
    found.sort(key=Occurrence.sort_key)
    return found


def _expand(row: dict[str, Any], first_day: date, last_day: date) -> list[Occurrence]:
    start, end = parse_moment(row["start_at"]), parse_moment(row["end_at"])
    base = Occurrence(
        event_id=row["id"], title=row["title"], kind=row["kind"], status=row["status"],
        visibility=row["visibility"], format=row["format"], start=start, end=end,
        host=row["host"], district=row["district"], program=row["program"],
        venue=row["venue"], host_org_id=row["host_org_id"],
        grades=(row["grades_from"], row["grades_to"]), repeats=bool(row["rrule"]))
    rule = Recurrence.parse(row["rrule"], row["exdates"])
    if rule is None:
        return [base]
    length = end - start
    reach = (base.last_day - base.first_day)  # a multi-day item that began before the window
    result = []
    for moment in rule.starts(start, first_day - reach, last_day):
        item = Occurrence(**{**base.__dict__, "start": moment, "end": moment + length})
        if item.last_day >= first_day:
            result.append(item)
    return result


def day_counts(db: Database, first_day: date, last_day: date,
               flt: EventFilter | None = None) -> Counter[date]:
    """How many events fall on each day of the window (multi-day events count on each day).

    The year overview asks this for twelve months at once, so one-day events are counted by
    SQL; only multi-day and repeating ones become Python objects.
    """
    flt = flt or EventFilter()
    first_day = max(first_day, flt.first_day or first_day)
    last_day = min(last_day, flt.last_day or last_day)
    counts: Counter[date] = Counter()
    if last_day < first_day:
        return counts
    where, params = flt.where()
    after = (last_day + timedelta(days=1)).isoformat()
    single = (f"SELECT substr(e.start_at, 1, 10) AS day, count(*) AS n FROM events e "
              f"LEFT JOIN organizations o ON o.id = e.host_org_id WHERE e.rrule = '' "
              f"AND e.start_at >= ? AND e.start_at < ? "
              f"AND substr(e.end_at, 1, 10) = substr(e.start_at, 1, 10) AND {where} GROUP BY day")
    for row in db.execute(single, [first_day.isoformat(), after, *params]):
        counts[date.fromisoformat(row[0])] += row[1]
    sql, params2 = _window_sql(flt)
    sql += " AND (e.rrule != '' OR substr(e.end_at, 1, 10) != substr(e.start_at, 1, 10))"
    rows = db.execute(sql, [after, first_day.isoformat(), after, *params2])
    names = [column[0] for column in rows.description]
    for values in rows:
        for item in _expand(dict(zip(names, values)), first_day, last_day):
            counts.update(day for day in item.days() if first_day <= day <= last_day)
    return counts
