"""One day of the week view, laid out apart from the terminal's size.

Which events take the whole day, the hours the others take on that day, and the lanes that
put parallel ones side by side. With a few hundred events a day this is the week's costly
part, so it is worked out in the worker that reads the week (`db.calendar_data`), and the
screen only cuts the plan to its width and height.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from rcro_tui.calendar_layout import Placed, lanes


ONE_MINUTE = timedelta(minutes=1)


@dataclass
class DayPlan:
    """A day's events: the whole-day ones, and the timed ones with their span and lane."""

    whole: list[Any] = field(default_factory=list)
    timed: list[Any] = field(default_factory=list)
    spans: list[tuple[datetime, datetime]] = field(default_factory=list)
    placed: list[Placed] = field(default_factory=list)


def is_whole_day(item: Any, day: date) -> bool:
    """All-day items, and the middle days of a timed event that spans several days."""
    if item.all_day:
        return True
    return item.first_day < day < item.last_day


def clip_to_day(item: Any, day: date) -> tuple[datetime, datetime]:
    """The part of a timed event that falls on `day` (at least a minute long)."""
    if item.start.date() == day == item.end.date():  # most events: no clipping to do
        return item.start, max(item.end, item.start + ONE_MINUTE)
    start = max(item.start, datetime.combine(day, time.min))
    end = min(item.end, datetime.combine(day + timedelta(days=1), time.min))
    return start, max(end, start + ONE_MINUTE)


def plan_day(day: date, items: list[Any]) -> DayPlan:
    """The plan of `day` for its occurrences (as `Occurrence`: all_day, first/last_day, start, end)."""
    plan = DayPlan()
    for item in items:
        (plan.whole if is_whole_day(item, day) else plan.timed).append(item)
    plan.spans = [clip_to_day(item, day) for item in plan.timed]
    plan.placed = lanes(plan.spans)
    return plan
