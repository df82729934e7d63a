"""The pure rules behind the warnings: keys, bookings, grades, the Russian wording."""

from __future__ import annotations

import pytest

from rcro_tui.conflict_notes import HolidayIndex, when_text
from rcro_tui.conflict_rules import (Holiday, Slot, booking, clashes, fold_key, grades_meet,
                                     venue_key)


def slot(start: str, end: str, *, event_id: int = 1, host: int | None = 1, venue: str = "",
         fmt: str = "in_person", grades=(None, None), audience: str | None = None) -> Slot:
    return Slot(event_id, f"Событие {event_id}", start, end, fmt, venue, host, *grades, audience,
                "planned", None)


def test_keys_fold_case_yo_spaces_and_punctuation():
    assert fold_key("  МАОУ «СОШ №\u00a05»,  г.Томска ") == "маоу сош 5 г томска"
    assert fold_key("Зал «Ёлочка»") == fold_key("зал елочка")
    assert fold_key("Е\u0308лка") == fold_key("Ёлка") == "елка", "a combining mark is one letter"
    assert venue_key("пункты проведения в муниципальных образованиях") == ""
    assert venue_key("Кабинет 12") == "кабинет 12"


@pytest.mark.parametrize("start, end, expected", [
    ("2026-11-19T14:00", "2026-11-19T17:00", ("timed", "2026-11-19T14:00", "2026-11-19T17:00")),
    ("2026-11-12T10:00", "2026-11-13T17:00", ("timed", "2026-11-12T10:00", "2026-11-13T17:00")),
    ("2026-11-01T10:00", "2026-11-20T17:00", None),            # longer than a week: a period
    ("2026-11-19", "2026-11-19", ("day", "2026-11-19T00:00", "2026-11-19T24:00")),
    ("2026-11-19", "2026-11-21", None),                        # all-day over days: a period
])
def test_what_a_booking_is(start, end, expected):
    assert booking(slot(start, end)) == expected


@pytest.mark.parametrize("one, other, meet", [
    ((7, 9), (9, 11), True), ((7, 8), (9, 11), False), ((None, None), (5, 6), True),
    ((8, None), (8, 8), True), ((None, 10), (11, 11), False),
])
def test_grades_meet(one, other, meet):
    a = slot("2026-11-19T14:00", "2026-11-19T15:00", grades=one)
    b = slot("2026-11-19T14:00", "2026-11-19T15:00", grades=other)
    assert grades_meet(a, b) is meet and grades_meet(b, a) is meet


def test_the_sweep_finds_each_overlapping_pair_once_and_a_point_in_time_too():
    slots = [slot("2026-11-19T10:00", "2026-11-19T12:00", event_id=1),
             slot("2026-11-19T11:00", "2026-11-19T13:00", event_id=2),
             slot("2026-11-19T12:00", "2026-11-19T12:00", event_id=3),   # a moment at 12:00
             slot("2026-11-19T13:00", "2026-11-19T14:00", event_id=4)]
    pairs = {tuple(sorted((one.event_id, other.event_id)))
             for _, one, other, _ in clashes(slots)}
    assert pairs == {(1, 2), (2, 3)}, "touching ends are no clash; 12:00 is inside 11–13"


def test_when_text_in_russian():
    assert when_text(slot("2022-04-19T14:00", "2022-04-19T17:00")) == "19 апреля 2022 г., 14:00–17:00"
    assert when_text(slot("2026-11-12T10:00", "2026-11-13T17:00")) == (
        "12 ноября 2026 г., 10:00 – 13 ноября 2026 г., 17:00")
    assert when_text(slot("2027-04-03", "2027-04-05")) == "3–5 апреля 2027 г."


def test_holidays_by_day_each_once():
    index = HolidayIndex([Holiday("2027-01-01", "2027-01-08", "Новогодние каникулы", "public"),
                          Holiday("2026-12-29", "2027-01-11", "Зимние каникулы", "school_break")])
    public, breaks = index.touching("2026-12-31", "2027-01-02")
    assert [h.name for h in public] == ["Новогодние каникулы"]
    assert [h.name for h in breaks] == ["Зимние каникулы"]
    assert index.touching("2027-01-12", "2027-01-12") == ([], [])
