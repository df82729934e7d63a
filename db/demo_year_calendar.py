"""The shape of one academic year: public holidays, Tomsk school breaks, and where events may fall.

Holidays follow the Labour Code (art. 112), computed in `db.holidays` exactly as
`rcro-tui holidays fill` adds them. School breaks are the usual Tomsk ones.
The demo's «today» is the Monday on or after 20 November: events before it are held (with
results), so the statuses depend only on the academic year, never on the build date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from rcro_tui.model import EventStatus, HolidayKind
from rcro_tui.rules import AcademicYear
from rcro_tui.db.demo_refs import DemoRefs
from rcro_tui.db.holidays import (HolidayDraft, add_holiday, fill_public_holidays,
                                  russian_public_holidays)

public_holidays = russian_public_holidays
"""The demo's name for the shared calculation (db.holidays), kept for its callers."""

SAT = 5


def _on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def school_breaks(year: AcademicYear) -> list[tuple[date, date, str]]:
    """Tomsk school breaks: autumn and spring from a Saturday for nine days, winter, summer."""
    autumn, spring = year.start_year, year.start_year + 1
    autumn_start = _on_or_after(date(autumn, 10, 25), SAT)
    spring_start = _on_or_after(date(spring, 3, 21), SAT)
    return [(autumn_start, autumn_start + timedelta(days=8), "Осенние каникулы"),
            (date(autumn, 12, 29), date(spring, 1, 11), "Зимние каникулы"),
            (spring_start, spring_start + timedelta(days=8), "Весенние каникулы"),
            (date(spring, 6, 1), date(spring, 8, 31), "Летние каникулы")]


def add_holidays(refs: DemoRefs, year: AcademicYear) -> None:
    """The year's public holidays (as `rcro-tui holidays fill` adds them), then the breaks."""
    fill_public_holidays(refs.db, year, user=refs.user)
    for first, last, name in school_breaks(year):
        add_holiday(refs.db, HolidayDraft(first, last, name, HolidayKind.SCHOOL_BREAK),
                    user=refs.user)


def demo_today(year: AcademicYear) -> date:
    """The fixed «today» of the generated year: the Monday on or after 20 November."""
    return _on_or_after(date(year.start_year, 11, 20), 0)


@dataclass
class YearCalendar:
    """Where an event of the year may fall, and what its status is as of the demo's «today»."""

    year: AcademicYear
    today: date = field(init=False)
    public: set[date] = field(init=False)
    breaks: list[tuple[date, date, str]] = field(init=False)

    def __post_init__(self) -> None:
        self.today = demo_today(self.year)
        self.public = {first + timedelta(days=n) for first, last, _ in public_holidays(self.year)
                       for n in range((last - first).days + 1)}
        self.breaks = school_breaks(self.year)

    def month_day(self, month: int, day: int) -> date:
        """A day of the academic year by month and day (September–December: the first year)."""
        return date(self.year.start_year + (month < 9), month, day)

    def nth(self, month: int, weekday: int, n: int) -> date:
        """The n-th given weekday (0 = Monday) of a month of the academic year."""
        return _on_or_after(self.month_day(month, 1), weekday) + timedelta(weeks=n - 1)

    def in_break(self, day: date) -> bool:
        return any(first <= day <= last for first, last, _ in self.breaks[:3])

    def free(self, first: date, last: date | None = None) -> bool:
        """No public holiday among the days first..last, and all inside the academic year."""
        last = last or first
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        return all(d not in self.public and d in self.year for d in days)

    def shift(self, day: date, *, length: int = 1, school: bool = True,
              weekly: bool = False) -> date:
        """The first acceptable day from `day` on: a free span of `length` days, a school day
        when `school`, and the same weekday when `weekly` (a Saturday stays a Saturday)."""
        step = timedelta(weeks=1 if weekly else 0, days=0 if weekly else 1)
        while True:
            last = day + timedelta(days=length - 1)
            fits = self.free(day, last) and not (school and self.in_break(day))
            if fits and (weekly or not school or day.weekday() < SAT):
                return day
            day += step
            if day > self.year.last_day:
                raise ValueError(f"no free day for a demo event after {day}")

    def status(self, start: date | datetime, end: date | datetime) -> EventStatus:
        """Held before the demo's today, confirmed for three weeks ahead, planned after."""
        first = start.date() if isinstance(start, datetime) else start
        last = end.date() if isinstance(end, datetime) else end
        if last < self.today:
            return EventStatus.HELD
        if first <= self.today + timedelta(days=21):
            return EventStatus.CONFIRMED
        return EventStatus.PLANNED


def at(day: date, start: str, end: str) -> tuple[datetime, datetime]:
    """A timed span on one day: at(d, "15:00", "16:30")."""
    return (datetime.combine(day, time.fromisoformat(start)),
            datetime.combine(day, time.fromisoformat(end)))
