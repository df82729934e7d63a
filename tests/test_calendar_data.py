"""What the calendar views read: capped month days, the agenda's quick first week, its rows."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from rcro_tui.calendar_layout import CalendarView
from rcro_tui.db import calendar_data
from rcro_tui.db.calendar_data import AGENDA_HEAD_DAYS, load_window
from rcro_tui.db.event_filter import EventFilter
from rcro_tui.db.events import EventDraft, add_event
from rcro_tui.db.occurrences import occurrences
from rcro_tui.model import EventFormat, EventKind

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def add(db, title: str, start: datetime | date, end: datetime | date | None = None) -> int:
    return add_event(db, EventDraft(
        title=title, kind=EventKind.SEMINAR, start=start, end=end or start + timedelta(hours=1),
        format=EventFormat.ONLINE, online_url="https://example.org/x"), user="test")


@pytest.fixture
def busy_november(fresh_db):
    """Twelve seminars on 10 November, three on the 11th, and a three-week contest."""
    for n in range(12):
        add(fresh_db, f"Семинар {n:02d}", datetime(2026, 11, 10, 8 + n % 10, n))
    for n in range(3):
        add(fresh_db, f"Вебинар {n}", datetime(2026, 11, 11, 15, n))
    add(fresh_db, "Конкурс «Ёлочка»", date(2026, 11, 2), date(2026, 11, 22))
    return fresh_db


def test_per_day_keeps_the_first_of_each_day_and_every_long_event(busy_november):
    capped = occurrences(busy_november, *NOVEMBER, per_day=8)
    full = occurrences(busy_november, *NOVEMBER)
    on_tenth = [item.title for item in capped if item.first_day == date(2026, 11, 10)
                and item.first_day == item.last_day]
    assert on_tenth == [item.title for item in full if item.first_day == date(2026, 11, 10)
                        and item.first_day == item.last_day][:8]
    assert sum(1 for item in capped if item.first_day == date(2026, 11, 11)) == 3
    assert any(item.title == "Конкурс «Ёлочка»" for item in capped)


def test_per_day_applies_the_filter_before_counting(busy_november):
    capped = occurrences(busy_november, *NOVEMBER, EventFilter(text="вебинар"), per_day=2)
    assert [item.title for item in capped] == ["Вебинар 0", "Вебинар 1"]


def test_month_window_counts_every_event_but_lists_eight_a_day(busy_november):
    window = load_window(busy_november, CalendarView.MONTH, date(2026, 11, 10))
    assert window.count_on(date(2026, 11, 10)) == 13  # twelve seminars and the contest
    assert len(window.by_day()[date(2026, 11, 10)]) == 9  # eight seminars and the contest


def test_agenda_head_reads_a_week_from_the_cursor_and_counts_the_whole_month(busy_november):
    head = load_window(busy_november, CalendarView.AGENDA, date(2026, 11, 5), head_only=True)
    assert not head.complete
    assert (head.first, head.last) == NOVEMBER
    days = sorted(head.by_day())
    assert days[0] == date(2026, 11, 5)
    assert days[-1] == date(2026, 11, 5) + timedelta(days=AGENDA_HEAD_DAYS - 1)
    assert head.count_on(date(2026, 11, 20)) == 1  # counted, though its events are not read
    whole = load_window(busy_november, CalendarView.AGENDA, date(2026, 11, 5))
    assert whole.complete and sorted(whole.by_day())[0] == date(2026, 11, 2)


def test_agenda_head_of_a_busy_week_stops_at_the_day_that_fills_it(busy_november, monkeypatch):
    monkeypatch.setattr(calendar_data, "AGENDA_HEAD_ITEMS", 10)
    head = load_window(busy_november, CalendarView.AGENDA, date(2026, 11, 9), head_only=True)
    assert head.items_last == date(2026, 11, 10)  # one contest day, then 12 seminars and it
    assert sorted(head.by_day()) == [date(2026, 11, 9), date(2026, 11, 10)]
    monkeypatch.setattr(calendar_data, "AGENDA_HEAD_ITEMS", 1)
    head = load_window(busy_november, CalendarView.AGENDA, date(2026, 11, 10), head_only=True)
    assert head.items_last == date(2026, 11, 10)


def test_agenda_head_near_the_month_end_stops_at_the_month(busy_november):
    head = load_window(busy_november, CalendarView.AGENDA, date(2026, 11, 28), head_only=True)
    assert head.items_last == date(2026, 11, 30)


def test_agenda_rows_put_a_heading_before_each_day_and_a_long_event_under_each_day(busy_november):
    rows = load_window(busy_november, CalendarView.AGENDA, date(2026, 11, 1)).agenda_rows()
    headings = [day for day, item in rows if item is None]
    assert headings == sorted(set(headings))
    assert len(headings) == 21  # 2–22 November: the contest's days
    contest_days = [day for day, item in rows if item and item.title.startswith("Конкурс")]
    assert contest_days == headings
    assert rows[0] == (date(2026, 11, 2), None)
