"""Repeating events (weekly, monthly, yearly, with skipped days), stored as an RRULE subset.

An event that repeats keeps its first occurrence in `start_at`/`end_at`, the rule in `rrule`
(«FREQ=WEEKLY;INTERVAL=2;UNTIL=20230531», the RFC 5545 spelling feeds need) and the skipped
days in `exdates`. Views expand occurrences only inside the period they show, with
python-dateutil's rrule (what icalendar itself relies on), so a weekly webinar costs one row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.rrule import MONTHLY, WEEKLY, YEARLY, rrule

from rcro_tui.errors import InputError
from rcro_tui.i18n import MONTHS_GENITIVE, WEEKDAYS_EVERY, count, date_long, joined
from rcro_tui.model import Labelled

MAX_OCCURRENCES = 520
"""Ten years of weekly items: more is surely a typo (a COUNT or UNTIL off by a century)."""


class Frequency(Labelled):
    WEEKLY = "WEEKLY", "еженедельно"
    MONTHLY = "MONTHLY", "ежемесячно"
    YEARLY = "YEARLY", "ежегодно"


_DATEUTIL = {Frequency.WEEKLY: WEEKLY, Frequency.MONTHLY: MONTHLY, Frequency.YEARLY: YEARLY}
_EVERY = {Frequency.WEEKLY: ("неделю", "недели", "недель"),
          Frequency.MONTHLY: ("месяц", "месяца", "месяцев"),
          Frequency.YEARLY: ("год", "года", "лет")}


@dataclass(frozen=True)
class Recurrence:
    """How an event repeats: every `interval` weeks/months/years, up to `until` or `count` times."""

    freq: Frequency
    interval: int = 1
    until: date | None = None
    count: int | None = None
    exdates: tuple[date, ...] = ()

    def __post_init__(self) -> None:
        if not 1 <= self.interval <= 52:
            raise InputError(f"Повторение: интервал {self.interval} — ожидается от 1 до 52.")
        if self.until is not None and self.count is not None:
            raise InputError("Повторение: укажите либо дату окончания, либо число повторов.")
        if self.count is not None and not 1 <= self.count <= MAX_OCCURRENCES:
            raise InputError(f"Повторение: {self.count} повторов — ожидается от 1 до "
                             f"{MAX_OCCURRENCES}.")

    def rrule_text(self) -> str:
        """«FREQ=WEEKLY;INTERVAL=2;UNTIL=20230531»: the value stored in `events.rrule`."""
        parts = [f"FREQ={self.freq.value}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.until is not None:
            parts.append(f"UNTIL={self.until:%Y%m%d}")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        return ";".join(parts)

    def exdates_text(self) -> str:
        """The skipped days as stored in `events.exdates`: «2022-11-04 2023-01-02»."""
        return " ".join(day.isoformat() for day in sorted(set(self.exdates)))

    @classmethod
    def parse(cls, rrule_text: str, exdates_text: str = "") -> "Recurrence | None":
        """The stored form back into a Recurrence; None for an event that does not repeat."""
        if not rrule_text.strip():
            return None
        fields = dict(part.split("=", 1) for part in rrule_text.strip().split(";") if "=" in part)
        try:
            freq = Frequency(fields["FREQ"].upper())
        except (KeyError, ValueError):
            raise InputError(f"Повторение «{rrule_text}»: поддерживается FREQ=WEEKLY, MONTHLY "
                             "или YEARLY.") from None
        until = fields.get("UNTIL")
        try:
            return cls(freq=freq, interval=int(fields.get("INTERVAL", 1)),
                       until=datetime.strptime(until[:8], "%Y%m%d").date() if until else None,
                       count=int(fields["COUNT"]) if "COUNT" in fields else None,
                       exdates=tuple(date.fromisoformat(d) for d in exdates_text.split()))
        except ValueError:
            raise InputError(f"Повторение «{rrule_text}»: неверное значение.") from None

    def starts(self, first: date | datetime, since: date, until: date) -> list[date | datetime]:
        """Starts of occurrences whose start day falls in [since, until], skipped days left out."""
        start = first if isinstance(first, datetime) else datetime.combine(first, datetime.min.time())
        last = min(self.until, until) if self.until is not None else until
        if self.count is not None:  # dateutil refuses COUNT and UNTIL together
            rule = rrule(_DATEUTIL[self.freq], dtstart=start, interval=self.interval,
                         count=self.count)
        else:
            rule = rrule(_DATEUTIL[self.freq], dtstart=start, interval=self.interval,
                         until=rule_end(last))
        window_start = datetime.combine(since, datetime.min.time())
        skipped = set(self.exdates)
        found = [moment for moment in rule.between(window_start - timedelta(microseconds=1),
                                                    rule_end(until), inc=True)
                 if moment.date() not in skipped]
        return found if isinstance(first, datetime) else [moment.date() for moment in found]

    def describe(self, first: date | None = None) -> str:
        """«каждую неделю по вторникам до 25 мая 2027 г., кроме 6 января 2027 г.».

        Args:
            first: the first occurrence's day, which names the weekday (weekly), the day of
                the month (monthly) or the date (yearly) the series keeps to.
        """
        one, few, many = _EVERY[self.freq]
        if self.interval == 1:
            every = {"неделю": "каждую неделю", "месяц": "каждый месяц", "год": "каждый год"}[one]
        else:
            every = f"каждые {count(self.interval, one, few, many)}"
        if first is not None:
            every += " " + _on_day(self.freq, first)
        if self.until is not None:
            every += f" до {date_long(self.until)}"
        if self.count is not None:
            every += f", {count(self.count, 'раз', 'раза', 'раз')}"
        skipped = sorted(set(self.exdates))
        if len(skipped) > LISTED_EXDATES:
            every += f", кроме {count(len(skipped), 'даты', 'дат', 'дат')}"
        elif skipped:
            every += ", кроме " + joined([date_long(day) for day in skipped])
        return every


LISTED_EXDATES = 3
"""More skipped days than this are counted, not listed, so the line stays one line."""


def _on_day(freq: Frequency, first: date) -> str:
    if freq is Frequency.WEEKLY:
        return WEEKDAYS_EVERY[first.weekday()]
    if freq is Frequency.MONTHLY:
        return f"{first.day}-го числа"
    return f"{first.day} {MONTHS_GENITIVE[first.month - 1]}"


def rule_end(day: date) -> datetime:
    """The last moment of a day, for inclusive windows."""
    return datetime.combine(day, datetime.max.time())
