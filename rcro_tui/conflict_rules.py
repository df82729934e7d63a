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

Cancelled events take part in nothing (the reader leaves them out). This module finds the
clashes; the checks of one occurrence on its own (holidays, registration) and the Russian
sentences are in `rcro_tui.conflict_notes`. Pure Python.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple


BOOKING_DAYS = 7
"""Longer than this an event is a period (a contest, a campaign), not a booking of hours."""
PLACE_FORMATS = ("in_person", "hybrid")
GENERIC_VENUES = ("по месту", "пункты проведения", "пунктах проведения",
                  "образовательных организациях", "муниципальных образованиях")
"""Folded fragments of venues that name no single place: such events never share a room."""
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
def audience_keys(audience: str) -> dict[str, str]:
    """The folded `who` of each segment (`Slot.audience`), with the `who` as written."""
    keys: dict[str, str] = {}
    for who in audience.split(AUDIENCE_SEPARATOR):
        key = fold_key(who)
        if key:
            keys.setdefault(key, who)
    return keys


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


Entry = tuple[str, str, Slot, str]
"""(start, end, occurrence, the `who` as written) inside one group of a rule."""


def clashes(slots: Sequence[Slot]) -> list[tuple[WarningKind, Slot, Slot, str]]:
    """Every pair of occurrences that clash, once per rule: (rule, one, other, shared `who`).

    Occurrences are grouped by each rule's key (host, venue, each audience) and lane, and
    every group is swept in order of start: the cost follows the number of occurrences,
    not of pairs tried. An event never clashes with itself. (One pass, keys cached, plain
    tuples: a month at 100 000 events a year is thousands of occurrences and clashes.)
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
        entry = (start, end, slot, "")
        if slot.host_org_id is not None:
            hosts[(lane, slot.host_org_id)].append(entry)
        if slot.venue and slot.format in PLACE_FORMATS:
            key = venue_key(slot.venue)
            if key:
                venues[(lane, key)].append(entry)
        if slot.audience:
            for key, who in audience_keys(slot.audience).items():
                audiences[(lane, key)].append((start, end, slot, who))
    found: list[tuple[WarningKind, Slot, Slot, str]] = []
    for kind, by_key in groups.items():
        seen: set[tuple[int, int]] = set()
        for group in by_key.values():
            if len(group) > 1:
                _sweep(kind, group, seen, found)
    return found


def _sweep(kind: WarningKind, group: list[Entry], seen: set, found: list) -> None:
    """Append the overlapping pairs of one group (one host, room or audience in one lane)."""
    group.sort(key=lambda entry: entry[0])
    audience = kind is WarningKind.AUDIENCE
    active: list[Entry] = []
    for entry in group:
        start, _, slot, who = entry
        active = [a for a in active if a[1] > start or a[0] == start]
        for _, _, other, _ in active:
            if other.event_id == slot.event_id:
                continue
            if audience:
                pair = (id(other), id(slot)) if id(other) < id(slot) else (id(slot), id(other))
                if pair in seen or not grades_meet(other, slot):
                    continue
                seen.add(pair)
            found.append((kind, other, slot, who))
        active.append(entry)
