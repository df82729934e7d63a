"""What a calendar view needs from the database for the period it shows, read in one go.

The screen asks for a window (a month, a week, a year) in a worker thread and then draws
from this object only, so moving the cursor inside the window costs no query.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlite_utils import Database

from rcro_tui.calendar_layout import CalendarView, period_of
from rcro_tui.db.conflicts import EventWarning, occurrence_warnings, warnings_in
from rcro_tui.db.event_filter import EventFilter
from rcro_tui.db.kept import kept
from rcro_tui.db.holidays import day_marks  # noqa: F401  (also read from here by callers)
from rcro_tui.db.agenda_lines import AgendaLines, AgendaRow, build_lines, reader_for
from rcro_tui.db.occurrences import Occurrence, day_counts, occurrences, repeating_occurrences
from rcro_tui.db.window_spans import plain_spans
from rcro_tui.week_plan import DayPlan, plan_day

MONTH_TITLES_PER_DAY = 8
"""Titles read per day for a month grid whose size is not known yet (more than fit at 120×40)."""


AGENDA_HEAD_DAYS = 7
"""Days from the cursor day whose warnings the agenda reads with its lines at most…"""

AGENDA_HEAD_ITEMS = 120
"""…stopping sooner once its days hold this many events (three screens at 120×40); the
month's warnings come a moment later."""

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
    lines: AgendaLines | None = None
    """The agenda's lines (its plain events read whole only when drawn); `items` then holds
    the repeating ones only."""
    titles_per_day: int | None = None
    """For the month grid: one-day events read per day (the others only counted)."""
    warnings: Mapping[int, list[EventWarning]] = field(default_factory=dict)
    """By event id, for every occurrence in the days read whatever the filter (`db.conflicts`)."""
    _days: dict[date, list[Occurrence]] | None = field(default=None, repr=False, compare=False)
    _plans: dict[date, DayPlan] = field(default_factory=dict, repr=False, compare=False)

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

    def agenda_rows(self) -> list[AgendaRow]:
        """The agenda's lines: (day, None) for a day's heading, then (day, ref) for its
        events, `agenda_item(ref)` being the event (`db.agenda_lines`)."""
        return self.lines.rows if self.lines else []

    def agenda_item(self, ref: int) -> Occurrence:
        assert self.lines is not None
        return self.lines.item(ref)

    def day_plan(self, day: date) -> DayPlan:
        """The week view's layout of one day (`rcro_tui.week_plan`), worked out once."""
        if day not in self._plans:
            self._plans[day] = plan_day(day, self.by_day().get(day, []))
        return self._plans[day]

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


def load_window(db: Database, view: CalendarView, day: date,
                flt: EventFilter | None = None, *, today: date | None = None,
                month_titles: int = MONTH_TITLES_PER_DAY) -> CalendarWindow:
    """Everything the view shows around `day`; the year view gets counts, the others events
    and, when `today` is given, their warnings (the agenda: those of its first screens, the
    days from `day` that hold AGENDA_HEAD_ITEMS events; the screen asks for the month's after).

    Args:
        month_titles: one-day events read per day for the month grid: as many as its cells
            show (the screen knows its size), the rest are only counted.
    """
    first, last = period_of(view, day)
    window = CalendarWindow(view=view, first=first, last=last, marks=day_marks(db, first, last))
    window.counts = day_counts(db, first, last, flt)
    if view is CalendarView.AGENDA:
        _read_agenda(db, window, day, flt, today)
    elif view is not CalendarView.YEAR:
        per_day = month_titles if view is CalendarView.MONTH else None
        window.titles_per_day = per_day
        window.items = occurrences(db, first, last, flt, per_day=per_day)
        window.by_day()
        if today is not None:
            window.warnings = window_warnings(db, first, last, today=today)
    if view is CalendarView.WEEK:
        for offset in range((last - first).days + 1):
            window.day_plan(first + timedelta(days=offset))
    return window


def _read_agenda(db: Database, window: CalendarWindow, day: date, flt: EventFilter | None,
                 today: date | None) -> None:
    """The month's lines, the page of events around `day` read whole, the first screens'
    warnings."""
    first, last = window.first, window.last
    window.items = repeating_occurrences(db, first, last, flt)
    window.lines = build_lines(plain_spans(db, first, last, flt), window.items, first, last,
                               reader_for(db))
    head = min(last, max(first, day))
    at = bisect_left(window.lines.rows, head, key=lambda row: row[0])
    refs = [ref for _day, ref in window.lines.rows[at:at + 2] if ref is not None]
    if refs:
        window.lines.item(refs[0])
    if today is not None:
        end = _head_end(window.counts, head, min(last, head + timedelta(days=AGENDA_HEAD_DAYS - 1)))
        window.warnings = window_warnings(db, head, end, today=today)


def window_warnings(db: Database, first: date, last: date, *, today: date):
    """`warnings_in`, kept while the file stays the same (`db.kept`): a month's take a
    quarter of a second at 100 000 events, and views of the same month ask again."""
    return kept(db, "warnings", (first, last, today),
                lambda: warnings_in(db, first, last, today=today))


def _head_end(counts: Counter[date], first: date, last: date) -> date:
    """The last day of the agenda's first screens: `last`, or sooner once AGENDA_HEAD_ITEMS
    events are reached (a busy week of a big region holds thousands)."""
    total, day = 0, first
    while day < last:
        total += counts.get(day, 0)
        if total >= AGENDA_HEAD_ITEMS:
            return day
        day += timedelta(days=1)
    return last


def day_items(db: Database, day: date, flt: EventFilter | None = None, *,
              limit: int | None = None) -> list[Occurrence]:
    """One day's events: the preview under the year planner, the day list after Enter.

    Args:
        limit: at most this many one-day events (in order; events of several days are all
            kept): the planner's preview shows a screenful and counts the rest.
    """
    return occurrences(db, day, day, flt, per_day=limit)
