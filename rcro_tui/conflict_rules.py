"""Which events get in each other's way, and what the coordinator is told: the pure rules.

Warnings say what to check; they never block saving. What counts as a clash:

* **Only bookings clash.** A timed event (14:00–17:00, or a conference from 10:00 on one day
  to 17:00 the next) occupies its hours, if it lasts at most `BOOKING_DAYS` days; a one-day
  all-day event occupies its whole day, and clashes only with another one-day all-day event
  on that day (a school round «весь день» and an online hour at 15:00 are not a clash: the
  all-day item is a frame, not a booking). Multi-day all-day events — contests accepting
  works for weeks, a shift of four days — are periods and clash with nothing, otherwise every
  long contest of РЦРО would clash with everything else it hosts.
* **Host busy**: the same host organisation, bookings overlapping in time.
* **Venue busy**: the same venue text, folded (case, «ё» = «е», spaces and punctuation do not
  count), for in-person and mixed events only. The risk is the text: two different buildings
  written alike («Актовый зал») are reported, one building written two ways («ТПУ» and
  «Томский политехнический университет») is not. Venues that name no single place («в
  общеобразовательных организациях по месту обучения», «пункты проведения…») are left out.
* **Audience busy**: two bookings whose audience segments share a «who» (folded) and whose
  grades intersect; an event without grades (teachers, coordinators) meets every grade.
* **Holiday**: a booking or a period of at most `BOOKING_DAYS` days on a public holiday; a
  school break is a softer note, only for events with grades (pupils may be away; a seminar
  for teachers in the break is what breaks are for). Long periods cross holidays by nature.
* **Registration closed**: a planned or confirmed event that has not started yet, whose
  registration ended before today.

Cancelled events take part in nothing (the reader leaves them out). Pure Python.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from rcro_tui.i18n import date_long, date_span
from rcro_tui.rules import grades_label

BOOKING_DAYS = 7
"""Longer than this an event is a period (a contest, a campaign), not a booking of hours."""
PLACE_FORMATS = ("in_person", "hybrid")
STILL_PLANNED = ("planned", "confirmed")
GENERIC_VENUES = ("по месту", "пункты проведения", "пунктах проведения",
                  "образовательных организациях", "муниципальных образованиях")
"""Folded fragments of venues that name no single place: such events never share a room."""
TITLE_SHOWN = 60
WHO_SHOWN = 40
AUDIENCE_SEPARATOR = "\x1f"
"""Between the `who` texts of one event's audience segments in `Slot.audience`."""


class WarningKind(StrEnum):
    """What a warning is about; the order is the order warnings are listed in (a StrEnum:
    hashed as text, which counts when a month of warnings is sorted)."""

    HOST = "host"
    VENUE = "venue"
    AUDIENCE = "audience"
    HOLIDAY = "holiday"
    SCHOOL_BREAK = "school_break"
    REGISTRATION = "registration"


_ORDER = {kind: position for position, kind in enumerate(WarningKind)}


@dataclass(frozen=True, slots=True)
class EventWarning:
    """One warning about one occurrence of an event (`day` is that occurrence's first day)."""

    kind: WarningKind
    message: str
    other_event_id: int | None = None
    day: date | None = None

    @property
    def soft(self) -> bool:
        """A note rather than a warning: lists do not mark it, the editor and detail show it."""
        return self.kind is WarningKind.SCHOOL_BREAK

    def sort_key(self) -> tuple:
        return (self.day or date.min, _ORDER[self.kind], self.message)


class Slot(NamedTuple):
    """One occurrence as the rules see it: stored texts, in the order the reader selects them.

    A NamedTuple, not a dataclass: a month of 100 000 events a year is thousands of rows,
    made straight from SQL tuples.
    """

    event_id: int | None
    title: str
    start: str
    """«2026-11-23T14:00», or «2026-11-23» all day (the stored form)."""
    end: str
    format: str
    venue: str
    host_org_id: int | None
    grades_from: int | None
    grades_to: int | None
    audience: str | None
    """The `who` of each audience segment, joined with `AUDIENCE_SEPARATOR`."""
    status: str
    reg_end: str | None

    @property
    def first_day(self) -> str:
        return self.start[:10]

    @property
    def last_day(self) -> str:
        """The last day it covers (an event ending at 00:00 does not cover that day)."""
        day = self.end[:10]
        if self.end[11:16] == "00:00" and day > self.start[:10]:
            return (date.fromisoformat(day) - timedelta(days=1)).isoformat()
        return day

    def touches(self, first: str, last: str) -> bool:
        return self.first_day <= last and self.last_day >= first


class Holiday(NamedTuple):
    first_day: str
    last_day: str
    name: str
    kind: str
    """'public' or 'school_break', as in the `holidays` table."""


class Clash(NamedTuple):
    kind: WarningKind
    one: Slot
    other: Slot
    who: str
    """The shared audience (as `other` writes it), for audience clashes."""


def fold_key(text: str | None) -> str:
    """Text as a key: lower case, «ё» as «е», words only, single spaces."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFC", text).lower().replace("ё", "е")
    return " ".join(re.findall(r"\w+", folded))


@lru_cache(maxsize=4096)
def venue_key(text: str) -> str:
    """The folded venue, or «» for one that names no single place."""
    key = fold_key(text)
    return "" if any(fragment in key for fragment in GENERIC_VENUES) else key


@lru_cache(maxsize=4096)
def audience_keys(audience: str) -> frozenset[str]:
    """The folded `who` of each segment (`Slot.audience`)."""
    return frozenset(key for key in map(fold_key, audience.split(AUDIENCE_SEPARATOR)) if key)


def span_days(slot: Slot) -> int:
    """How many days after its first day an occurrence ends (0 for a one-day event)."""
    first, last = slot.first_day, slot.last_day
    return 0 if first == last else (date.fromisoformat(last) - date.fromisoformat(first)).days


def booking(slot: Slot) -> tuple[str, str, str] | None:
    """(lane, start, end) of the time an occurrence occupies, or None for a period.

    Timed and all-day bookings are kept in separate lanes; a one-day all-day booking
    occupies 00:00–24:00 of its lane.
    """
    start, end = slot.start, slot.end
    if "T" in start:
        if start[:10] == end[:10] or span_days(slot) <= BOOKING_DAYS:
            return "timed", start, end
        return None
    if start == end:
        return "day", start + "T00:00", start + "T24:00"
    return None


def grades_meet(one: Slot, other: Slot) -> bool:
    """Whether two grade ranges share a grade; an event without grades meets every grade."""
    low, high = one.grades_from or one.grades_to, one.grades_to or one.grades_from
    other_low = other.grades_from or other.grades_to
    other_high = other.grades_to or other.grades_from
    if low is None or other_low is None:
        return True
    return low <= other_high and other_low <= high


Entry = tuple[str, str, Slot, object]
"""(start, end, occurrence, the key it was grouped by) inside one group of a rule."""


def clashes(slots: Sequence[Slot]) -> Iterator[Clash]:
    """Every pair of occurrences that clash, once per rule; an event never clashes with itself.

    Occurrences are grouped by each rule's key (host, venue, each audience) and lane, and
    every group is swept in order of start: the cost follows the number of occurrences,
    not of pairs tried. (One pass, keys cached: a month at 100 000 events a year is
    thousands of occurrences.)
    """
    groups: dict[WarningKind, dict[tuple, list[Entry]]] = {
        kind: defaultdict(list) for kind in (WarningKind.HOST, WarningKind.VENUE,
                                             WarningKind.AUDIENCE)}
    hosts, venues, audiences = groups.values()
    for slot in slots:
        times = booking(slot)
        if times is None:
            continue
        lane, start, end = times
        if slot.host_org_id is not None:
            hosts[(lane, slot.host_org_id)].append((start, end, slot, None))
        if slot.venue and slot.format in PLACE_FORMATS:
            key = venue_key(slot.venue)
            if key:
                venues[(lane, key)].append((start, end, slot, key))
        if slot.audience:
            for key in audience_keys(slot.audience):
                audiences[(lane, key)].append((start, end, slot, key))
    for kind, by_key in groups.items():
        seen: set[tuple[int, int]] = set()
        for group in by_key.values():
            if len(group) > 1:
                yield from _group_clashes(kind, group, seen)


def _group_clashes(kind: WarningKind, group: list[Entry], seen: set) -> Iterator[Clash]:
    group.sort(key=lambda entry: entry[0])
    active: list[Entry] = []
    for entry in group:
        start, _, slot, key = entry
        active = [a for a in active if a[1] > start or a[0] == start]
        for _, _, other, _ in active:
            if other.event_id == slot.event_id:
                continue
            if kind is WarningKind.AUDIENCE:
                pair = (min(id(other), id(slot)), max(id(other), id(slot)))
                if pair in seen or not grades_meet(other, slot):
                    continue
                seen.add(pair)
                yield Clash(kind, other, slot, _who(slot, key))
            else:
                yield Clash(kind, other, slot, "")
        active.append(entry)


def _who(slot: Slot, key: object) -> str:
    for who in (slot.audience or "").split(AUDIENCE_SEPARATOR):
        if fold_key(who) == key:
            return who
    return ""


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
                 today: str) -> Iterator[tuple[Slot, EventWarning]]:
    """Holiday, school break and closed registration of each occurrence.

    One loop for all, with the cheap tests first: most occurrences of a month fall on a day
    without holidays and have no registration deadline.
    """
    by_day = holidays.by_day
    for slot in slots:
        start, end = slot.start, slot.end
        if by_day and (start[:10] != end[:10] or start[:10] in by_day) \
                and span_days(slot) <= BOOKING_DAYS:
            for warning in _holiday_warnings(slot, holidays):
                yield slot, warning
        reg_end = slot.reg_end
        if reg_end and reg_end[:10] < today <= start[:10] and slot.status in STILL_PLANNED:
            yield slot, EventWarning(WarningKind.REGISTRATION,
                                     f"Регистрация закрылась {_long(reg_end[:10])}",
                                     None, _day(start[:10]))


def _holiday_warnings(slot: Slot, holidays: "HolidayIndex") -> list[EventWarning]:
    """A public holiday; else, for pupils (an event with grades), a school break."""
    public, breaks = holidays.touching(slot.first_day, slot.last_day)
    if public:
        return [_holiday_warning(WarningKind.HOLIDAY, "В праздник", slot, h) for h in public]
    if slot.grades_from or slot.grades_to:
        return [_holiday_warning(WarningKind.SCHOOL_BREAK, "В каникулы", slot, h) for h in breaks]
    return []


def _holiday_warning(kind: WarningKind, lead: str, slot: Slot, holiday: Holiday) -> EventWarning:
    first = max(slot.first_day, holiday.first_day)
    last = min(slot.last_day, holiday.last_day)
    return EventWarning(kind, f"{lead}: {date_span(_day(first), _day(last))} — {holiday.name}",
                        None, _day(slot.first_day))


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
        days = [first] if first == last else [
            (_day(first) + timedelta(days=n)).isoformat()
            for n in range((_day(last) - _day(first)).days + 1)]
        found: dict[Holiday, None] = {}
        for day in days:
            for holiday in self.by_day.get(day, ()):
                found[holiday] = None
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
