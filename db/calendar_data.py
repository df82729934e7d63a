"""What a calendar view needs from the database for the period it shows, read in one go.

The screen asks for a window (a month, a week, a year) in a worker thread and then draws
from this object only, so moving the cursor inside the window costs no query.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlite_utils import Database

from rcro_tui.calendar_layout import CalendarView, period_of
from rcro_tui.db.conflicts import EventWarning, occurrence_warnings, warnings_in
from rcro_tui.db.event_filter import EventFilter
from rcro_tui.db.occurrences import Occurrence, day_counts, occurrences

MONTH_TITLES_PER_DAY = 8
"""The month grid shows a day's count and at most this many titles (more than fit at 120×40)."""

PUBLIC = "public"
SCHOOL_BREAK = "school_break"


@dataclass
class CalendarWindow:
    """The events (or, for a whole year, the counts per day) and the day marks of one period."""

    view: CalendarView
    first: date
    last: date
    items: list[Occurrence] = field(default_factory=list)
    counts: Counter[date] = field(default_factory=Counter)
    marks: dict[date, tuple[str, str]] = field(default_factory=dict)
    warnings: Mapping[int, list[EventWarning]] = field(default_factory=dict)
    """By event id, for every occurrence in the period whatever the filter (see `db.conflicts`)."""
    _days: dict[date, list[Occurrence]] | None = field(default=None, repr=False, compare=False)

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last

    def by_day(self) -> dict[date, list[Occurrence]]:
        """Each day's occurrences (a multi-day event under each of its days), in order.

        Worked out once per window: every repaint of a view asks for it.
        """
        if self._days is None:
            days: dict[date, list[Occurrence]] = defaultdict(list)
            for item in self.items:
                for day in item.days():
                    if self.first <= day <= self.last:
                        days[day].append(item)
            self._days = dict(days)
        return self._days

    def count_on(self, day: date) -> int:
        return self.counts.get(day, 0)

    def warnings_of(self, item: Occurrence) -> list[EventWarning]:
        """The warnings of this occurrence (a weekly event's other weeks have their own)."""
        return occurrence_warnings(self.warnings, item.event_id, item.first_day)

    def warned(self, item: Occurrence) -> bool:
        """Whether a list marks this occurrence with «⚠» (a softer note alone does not)."""
        return any(not warning.soft for warning in self.warnings_of(item))

    def warnings_on(self, day: date) -> list[EventWarning]:
        """The warnings (not the softer notes) of the day's events that the window holds (the
        filtered ones; in the month grid, the first `MONTH_TITLES_PER_DAY` of a crowded day)."""
        return [warning for item in self.by_day().get(day, [])
                for warning in self.warnings_of(item) if not warning.soft]


def day_marks(db: Database, first: date, last: date) -> dict[date, tuple[str, str]]:
    """Public holidays and school breaks by day: (kind, name); a holiday wins over a break."""
    marks: dict[date, tuple[str, str]] = {}
    rows = db.query("SELECT first_day, last_day, name, kind FROM holidays "
                    "WHERE first_day <= ? AND last_day >= ? ORDER BY kind = 'public'",
                    [last.isoformat(), first.isoformat()])
    for row in rows:
        day = max(first, date.fromisoformat(row["first_day"]))
        end = min(last, date.fromisoformat(row["last_day"]))
        while day <= end:
            marks[day] = (row["kind"], row["name"])
            day += timedelta(days=1)
    return marks


def load_window(db: Database, view: CalendarView, day: date,
                flt: EventFilter | None = None, *, today: date | None = None) -> CalendarWindow:
    """Everything the view shows around `day`; the year view gets counts, the others events
    and, when `today` is given, their warnings."""
    first, last = period_of(view, day)
    window = CalendarWindow(view=view, first=first, last=last, marks=day_marks(db, first, last))
    window.counts = day_counts(db, first, last, flt)
    if view is not CalendarView.YEAR:
        per_day = MONTH_TITLES_PER_DAY if view is CalendarView.MONTH else None
        window.items = occurrences(db, first, last, flt, per_day=per_day)
        if today is not None:
            window.warnings = warnings_in(db, first, last, today=today)
    return window


def day_items(db: Database, day: date, flt: EventFilter | None = None) -> list[Occurrence]:
    """One day's events: the preview under the year planner, the day list after Enter."""
    return occurrences(db, day, day, flt)
