"""The week view's day plan: whole-day events apart, timed ones clipped to the day, in lanes."""

from __future__ import annotations

from datetime import date, datetime

from rcro_tui.db.occurrences import Occurrence
from rcro_tui.week_plan import clip_to_day, is_whole_day, plan_day

DAY = date(2026, 11, 24)


def Item(start: date | datetime, end: date | datetime) -> Occurrence:
    """An occurrence with only its times mattering."""
    return Occurrence(event_id=1, title="x", kind="seminar", status="planned",
                      visibility="public", format="online", start=start, end=end, host="",
                      district="", program="", venue="", host_org_id=None, grades=(None, None),
                      repeats=False)


def at(hour: int, minute: int = 0, day: int = 24) -> datetime:
    return datetime(2026, 11, day, hour, minute)


def test_a_conference_over_three_days_is_whole_on_its_middle_day_and_clipped_on_its_edges():
    conference = Item(at(14, day=23), at(12, day=25))
    assert not is_whole_day(conference, date(2026, 11, 23))
    assert is_whole_day(conference, DAY)
    assert clip_to_day(conference, date(2026, 11, 23)) == (at(14, day=23), at(0, day=24))
    assert clip_to_day(conference, date(2026, 11, 25)) == (at(0, day=25), at(12, day=25))


def test_an_instant_event_takes_a_minute():
    assert clip_to_day(Item(at(10), at(10)), DAY) == (at(10), at(10, 1))


def test_plan_puts_overlapping_events_in_lanes_and_all_day_ones_apart():
    contest = Item(date(2026, 11, 2), date(2026, 11, 30))
    first, second, later = Item(at(10), at(12)), Item(at(11), at(13)), Item(at(12), at(14))
    plan = plan_day(DAY, [contest, first, second, later])
    assert plan.whole == [contest]
    assert plan.timed == [first, second, later]
    assert [(p.lane, p.lanes) for p in plan.placed] == [(0, 2), (1, 2), (0, 2)]
