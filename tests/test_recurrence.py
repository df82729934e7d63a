"""Repeating events: the stored RRULE subset, expansion inside a window, skipped days."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from rcro_tui.errors import InputError
from rcro_tui.model import EventKind
from rcro_tui.recurrence import Frequency, Recurrence


def test_weekly_skips_its_exception_days():
    rule = Recurrence(Frequency.WEEKLY, exdates=(date(2026, 11, 30),))
    starts = rule.starts(datetime(2026, 11, 2, 15, 0), date(2026, 11, 1), date(2026, 12, 10))
    assert [s.date() for s in starts] == [date(2026, 11, d) for d in (2, 9, 16, 23)] + [
        date(2026, 12, 7)]
    assert all(s.time() == datetime(2026, 1, 1, 15, 0).time() for s in starts)


def test_count_and_until_bound_the_series():
    assert Recurrence(Frequency.MONTHLY, count=3).starts(
        date(2026, 9, 15), date(2026, 9, 1), date(2027, 8, 31)) == [
        date(2026, 9, 15), date(2026, 10, 15), date(2026, 11, 15)]
    assert Recurrence(Frequency.WEEKLY, interval=2, until=date(2026, 12, 1)).starts(
        date(2026, 9, 1), date(2026, 11, 1), date(2027, 8, 31)) == [
        date(2026, 11, 10), date(2026, 11, 24)]


def test_stored_form_round_trips_and_reads_in_russian():
    rule = Recurrence(Frequency.WEEKLY, interval=2, until=date(2026, 12, 1),
                      exdates=(date(2026, 11, 3),))
    assert rule.rrule_text() == "FREQ=WEEKLY;INTERVAL=2;UNTIL=20261201"
    assert Recurrence.parse(rule.rrule_text(), rule.exdates_text()) == rule
    assert rule.describe() == "каждые 2 недели до 1 декабря 2026 г., кроме 3 ноября 2026 г."
    assert Recurrence.parse("") is None


@pytest.mark.parametrize("text", ["FREQ=DAILY", "FREQ=WEEKLY;INTERVAL=x", "garbage"])
def test_unsupported_rules_are_refused_in_russian(text):
    with pytest.raises(InputError, match="Повторение"):
        Recurrence.parse(text)


def test_a_repeating_event_shows_on_each_of_its_days(fresh_db):
    from rcro_tui.db.events import EventDraft, add_event
    from rcro_tui.db.occurrences import day_counts, occurrences

    add_event(fresh_db, EventDraft(
        title="Онлайн-час «Ёлочка»", kind=EventKind.ONLINE_HOUR,
        start=datetime(2026, 11, 2, 15, 0), end=datetime(2026, 11, 2, 16, 0),
        recurrence=Recurrence(Frequency.WEEKLY, until=date(2026, 12, 21),
                              exdates=(date(2026, 11, 30),))), user="test")
    found = occurrences(fresh_db, date(2026, 11, 1), date(2026, 11, 30))
    assert [item.first_day.day for item in found] == [2, 9, 16, 23]
    assert all(item.repeats for item in found)
    assert sum(day_counts(fresh_db, date(2026, 9, 1), date(2027, 8, 31)).values()) == 7
