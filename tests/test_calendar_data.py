"""What the calendar views read: capped month days, the agenda's quick first week, its rows."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from rcro_tui.calendar_layout import CalendarView
from rcro_tui.db import agenda_lines, calendar_data
from rcro_tui.db.calendar_data import load_window
from rcro_tui.db.connection import connect, open_database
from rcro_tui.db.event_edit import delete_event
from rcro_tui.db.event_filter import EventFilter
from rcro_tui.db.events import EventDraft, add_event
from rcro_tui.db.occurrences import Occurrence, occurrences
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


def test_agenda_lines_match_the_events_read_whole_and_in_their_order(busy_november):
    window = load_window(busy_november, CalendarView.AGENDA, date(2026, 11, 5))
    assert (window.first, window.last) == NOVEMBER
    shown = [(day, window.agenda_item(ref).event_id) for day, ref in window.agenda_rows()
             if ref is not None]
    full = occurrences(busy_november, *NOVEMBER)
    expected = [(day, item.event_id) for day in sorted({d for i in full for d in i.days()})
                for item in full if day in item.days()]
    assert shown == expected


def test_agenda_reads_events_whole_only_around_the_lines_drawn(busy_november, monkeypatch):
    monkeypatch.setattr(agenda_lines, "PAGE", 4)
    window = load_window(busy_november, CalendarView.AGENDA, date(2026, 11, 1))
    refs = window.lines.refs

    def read_count():
        return sum(isinstance(ref, Occurrence) for ref in refs)

    assert read_count() == 4, "the page at the cursor day, read with the lines"
    last = len(refs) - 1
    assert window.agenda_item(last).title == "Вебинар 2"
    assert read_count() == 6, "a page reaches a quarter back: the last two"
    assert window.lines.key_of(0) == (refs[0].event_id, "2026-11-02")


def test_agenda_warnings_first_cover_the_days_that_fill_its_first_screens(monkeypatch):
    counts = Counter({date(2026, 11, 9): 1, date(2026, 11, 10): 13, date(2026, 11, 11): 3})
    head_end = calendar_data._head_end
    monkeypatch.setattr(calendar_data, "AGENDA_HEAD_ITEMS", 10)
    assert head_end(counts, date(2026, 11, 9), date(2026, 11, 15)) == date(2026, 11, 10)
    monkeypatch.setattr(calendar_data, "AGENDA_HEAD_ITEMS", 100)
    assert head_end(counts, date(2026, 11, 9), date(2026, 11, 15)) == date(2026, 11, 15)
    assert head_end(counts, date(2026, 11, 28), date(2026, 11, 30)) == date(2026, 11, 30)


def test_an_agenda_line_of_an_event_deleted_since_the_read_says_so(tmp_path):
    path = tmp_path / "agenda.sqlite"
    open_database(path).close()
    db = connect(path)
    gone = add(db, "Семинар", datetime(2026, 11, 10, 10))
    window = load_window(db, CalendarView.AGENDA, date(2026, 11, 1))
    assert [window.agenda_item(ref).title for _d, ref in window.agenda_rows() if ref is not None] \
        == ["Семинар"]
    window.lines.refs[:] = [(gone, "2026-11-10T10:00", "2026-11-10T11:00")]  # not read yet
    delete_event(db, gone, user="test")
    assert window.agenda_item(0).title == "(удалено)"


def test_agenda_rows_put_a_heading_before_each_day_and_a_long_event_under_each_day(busy_november):
    window = load_window(busy_november, CalendarView.AGENDA, date(2026, 11, 1))
    rows = [(day, window.agenda_item(ref) if ref is not None else None)
            for day, ref in window.agenda_rows()]
    headings = [day for day, item in rows if item is None]
    assert headings == sorted(set(headings))
    assert len(headings) == 21  # 2–22 November: the contest's days
    contest_days = [day for day, item in rows if item and item.title.startswith("Конкурс")]
    assert contest_days == headings
    assert rows[0] == (date(2026, 11, 2), None)
