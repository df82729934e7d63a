"""Where days and events go on the calendar views, as plain data (no terminal needed).

The month grid, the week, the agenda and the year planner all start from here: which days a
period shows (weeks start on Monday, academic years on 1 September), how a cursor moves,
and how events that run at the same time are put side by side in lanes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache

from rcro_tui.i18n import MONTHS_GENITIVE, MONTHS_NOMINATIVE, date_long
from rcro_tui.rules import AcademicYear


class CalendarView(StrEnum):
    MONTH = "month"
    WEEK = "week"
    AGENDA = "agenda"
    YEAR = "year"

    @property
    def label(self) -> str:
        return {"month": "Месяц", "week": "Неделя", "agenda": "Список", "year": "Учебный год"}[self]


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_first(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clipped to the month's end (31 января + 1 → 28 февраля)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def month_weeks(day: date) -> list[list[date]]:
    """The weeks (Monday first) that show the month of `day`: 4 to 6 rows of 7 days."""
    return [list(week) for week in _month_weeks(month_first(day))]


@lru_cache(maxsize=64)
def _month_weeks(first: date) -> tuple[tuple[date, ...], ...]:
    """The month grid asks for its weeks once per screen line: worked out once per month."""
    last = add_months(first, 1) - timedelta(days=1)
    start = monday_of(first)
    weeks = []
    while start <= last:
        weeks.append(tuple(start + timedelta(days=i) for i in range(7)))
        start += timedelta(days=7)
    return tuple(weeks)


def period_of(view: CalendarView, day: date) -> tuple[date, date]:
    """The first and last day a view shows around the cursor day."""
    if view is CalendarView.MONTH:
        weeks = month_weeks(day)
        return weeks[0][0], weeks[-1][-1]
    if view is CalendarView.WEEK:
        return monday_of(day), monday_of(day) + timedelta(days=6)
    if view is CalendarView.AGENDA:
        return month_first(day), add_months(month_first(day), 1) - timedelta(days=1)
    year = AcademicYear.containing(day)
    return year.first_day, year.last_day


def step_period(view: CalendarView, day: date, steps: int) -> date:
    """The cursor after n/p or PageDown/PageUp: the next week, month or academic year."""
    if view is CalendarView.WEEK:
        return day + timedelta(weeks=steps)
    if view is CalendarView.YEAR:
        try:
            return day.replace(year=day.year + steps)
        except ValueError:  # 29 February
            return day.replace(year=day.year + steps, day=28)
    return add_months(day, steps)


def period_title(view: CalendarView, day: date) -> str:
    """«Ноябрь 2026», «23–29 ноября 2026 г.», «2026/2027 учебный год»."""
    if view in (CalendarView.MONTH, CalendarView.AGENDA):
        return f"{MONTHS_NOMINATIVE[day.month - 1].capitalize()} {day.year}"
    if view is CalendarView.WEEK:
        first, last = period_of(view, day)
        if first.month == last.month:
            return f"{first.day}–{date_long(last)}"
        if first.year == last.year:
            return f"{first.day} {MONTHS_GENITIVE[first.month - 1]} – {date_long(last)}"
        return f"{date_long(first)} – {date_long(last)}"
    return AcademicYear.containing(day).label()


def academic_months(year: AcademicYear) -> list[date]:
    """The first days of the twelve months of an academic year, September first."""
    return [add_months(year.first_day, i) for i in range(12)]


def planner_offset(month: date) -> int:
    """Columns to skip before day 1 in the year planner, whose columns are weekdays (Monday first)."""
    return month_first(month).weekday()


PLANNER_COLUMNS = 37
"""A month starting on Sunday with 31 days spans 6 + 31 = 37 weekday-aligned columns."""


@dataclass(frozen=True)
class Placed:
    """An item of the week view: which of `lanes` side-by-side lanes it takes in its day."""

    index: int
    lane: int
    lanes: int


def lanes(spans: Sequence[tuple[datetime, datetime]]) -> list[Placed]:
    """Put overlapping time spans side by side: each gets the first free lane of its cluster.

    Items touching end-to-start (10:00–11:00 and 11:00–12:00) share a lane. A cluster is a run
    of items linked by overlaps; all its items are drawn with the cluster's lane count, so
    parallel events have equal widths.
    """
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], spans[i][1]))
    placed: dict[int, tuple[int, int]] = {}
    cluster: list[int] = []
    lane_ends: list[datetime] = []
    cluster_end: datetime | None = None

    def close() -> None:
        for i in cluster:
            placed[i] = (placed[i][0], len(lane_ends))

    for i in order:
        start, end = spans[i]
        if cluster_end is not None and start >= cluster_end:
            close()
            cluster, lane_ends = [], []
        lane = next((n for n, free_at in enumerate(lane_ends) if free_at <= start), None)
        if lane is None:
            lane = len(lane_ends)
            lane_ends.append(end)
        else:
            lane_ends[lane] = end
        placed[i] = (lane, 0)
        cluster.append(i)
        cluster_end = max(cluster_end, end) if cluster_end is not None else end
    close()
    return [Placed(i, *placed[i]) for i in range(len(spans))]
