"""One occurrence's own warnings (holiday, school break, closed registration), and every
warning's Russian sentence, made only when asked for (`Finding`, `word`).

Pure Python; what counts as a clash is in `rcro_tui.conflict_rules`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from functools import lru_cache

from rcro_tui.conflict_rules import (BOOKING_DAYS, EventWarning, Holiday, Slot, WarningKind,
                                     span_days)
from rcro_tui.i18n import date_long, date_span
from rcro_tui.rules import grades_label

STILL_PLANNED = ("planned", "confirmed")
TITLE_SHOWN = 60
WHO_SHOWN = 40

Finding = tuple[WarningKind, Slot, "Slot | Holiday | None", str]
"""A warning found but not yet worded: (kind, the occurrence, the other occurrence or the
holiday, the shared `who`). A clash is one finding listed under both events; `word` turns
it into either one's sentence. Lists of thousands of events word only what they show."""


def word(finding: Finding, event_id: int | None) -> EventWarning:
    """The warning `event_id` gets from a finding."""
    kind, slot, other, who = finding
    if kind is WarningKind.REGISTRATION:
        return _registration_warning(slot)
    if kind is WarningKind.HOLIDAY or kind is WarningKind.SCHOOL_BREAK:
        return _holiday_warning(kind, slot, other)
    if slot.event_id != event_id:
        slot, other = other, slot
    return clash_warning(kind, slot, other, who)


_CLASH_LEADS = {WarningKind.HOST: "Организатор занят", WarningKind.VENUE: "Место занято"}


def clash_warning(kind: WarningKind, slot: Slot, other: Slot, who: str = "") -> EventWarning:
    """The warning `slot` gets about `other`:
    «Организатор занят: «Олимпиада по химии» 19 апреля 2022 г., 14:00–17:00»."""
    if kind is WarningKind.AUDIENCE:
        grades = grades_label(other.grades_from, other.grades_to)
        lead = f"Та же аудитория ({shorten(who, WHO_SHOWN)}{', ' + grades if grades else ''})"
    else:
        lead = _CLASH_LEADS[kind]
    return EventWarning(kind, f"{lead}: «{shorten(other.title, TITLE_SHOWN)}» {when_text(other)}",
                        other.event_id, _day(slot.first_day))


def day_warnings(slots: Iterable[Slot], holidays: "HolidayIndex",
                 today: str) -> Iterator[Finding]:
    """Holiday, school break and closed registration of each occurrence.

    One loop for all, with the cheap tests first: most occurrences of a month fall on a day
    without holidays and have no registration deadline.
    """
    by_day = holidays.by_day
    for slot in slots:
        start, end = slot.start, slot.end
        if by_day and (start[:10] != end[:10] or start[:10] in by_day) \
                and span_days(slot) <= BOOKING_DAYS:
            public, breaks = holidays.touching(slot.first_day, slot.last_day)
            if not public and (slot.grades_from or slot.grades_to):
                for holiday in breaks:
                    yield WarningKind.SCHOOL_BREAK, slot, holiday, ""
            for holiday in public:
                yield WarningKind.HOLIDAY, slot, holiday, ""
        reg_end = slot.reg_end
        if reg_end and reg_end[:10] < today <= start[:10] and slot.status in STILL_PLANNED:
            yield WarningKind.REGISTRATION, slot, None, ""


def _registration_warning(slot: Slot) -> EventWarning:
    return EventWarning(WarningKind.REGISTRATION,
                        f"Регистрация закрылась {_long(slot.reg_end[:10])}", None,
                        _day(slot.first_day))


_HOLIDAY_LEADS = {WarningKind.HOLIDAY: "В праздник", WarningKind.SCHOOL_BREAK: "В каникулы"}


def _holiday_warning(kind: WarningKind, slot: Slot, holiday: Holiday) -> EventWarning:
    """«В праздник: 4 ноября 2026 г. — День народного единства» (the days they share)."""
    first = max(slot.first_day, holiday.first_day)
    last = min(slot.last_day, holiday.last_day)
    return EventWarning(kind, f"{_HOLIDAY_LEADS[kind]}: {date_span(_day(first), _day(last))} — "
                              f"{holiday.name}", None, _day(slot.first_day))


class HolidayIndex:
    """Holidays and school breaks by day, so that each occurrence looks up only its own days."""

    def __init__(self, holidays: Iterable[Holiday]) -> None:
        self.by_day: dict[str, list[Holiday]] = defaultdict(list)
        for holiday in holidays:
            day, last = _day(holiday.first_day), _day(holiday.last_day)
            while day <= last:
                self.by_day[day.isoformat()].append(holiday)
                day += timedelta(days=1)

    def touching(self, first: str, last: str) -> tuple[list[Holiday], list[Holiday]]:
        """(public holidays, school breaks) that share a day with [first, last], each once."""
        if first == last:  # most events: one day, one look-up
            found = self.by_day.get(first, ())
        else:
            found = list(dict.fromkeys(
                holiday for n in range((_day(last) - _day(first)).days + 1)
                for holiday in self.by_day.get((_day(first) + timedelta(days=n)).isoformat(), ())))
        return ([h for h in found if h.kind == "public"],
                [h for h in found if h.kind != "public"])


def when_text(slot: Slot) -> str:
    """«19 апреля 2022 г., 14:00–17:00», «12 ноября 2026 г., 10:00 – 13 ноября 2026 г., 17:00»,
    «3–5 апреля 2027 г.»."""
    if "T" not in slot.start:
        return date_span(_day(slot.first_day), _day(slot.end[:10]))
    if slot.start[:10] == slot.end[:10]:
        return f"{_long(slot.start[:10])}, {slot.start[11:16]}–{slot.end[11:16]}"
    return (f"{_long(slot.start[:10])}, {slot.start[11:16]} – "
            f"{_long(slot.end[:10])}, {slot.end[11:16]}")


def shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


@lru_cache(maxsize=2048)
def _day(text: str) -> date:
    return date.fromisoformat(text)


@lru_cache(maxsize=2048)
def _long(text: str) -> str:
    return date_long(date.fromisoformat(text))
