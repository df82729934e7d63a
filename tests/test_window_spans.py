"""The kept (id, start, end) spans of a window: counts, crowded days, search, staying fresh."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from rcro_tui.calendar_layout import CalendarView
from rcro_tui.db.calendar_data import load_window
from rcro_tui.db.connection import connect, open_database
from rcro_tui.db.event_filter import EventFilter
from rcro_tui.db.event_edit import draft_of, update_event
from rcro_tui.db.events import EventDraft, add_event
from rcro_tui.db.occurrences import day_counts, occurrences
from rcro_tui.db.window_spans import (
    first_of_each_day, last_day_of, plain_spans, spread_counts)
from rcro_tui.db.kept import forget, kept
from rcro_tui.model import EventFormat, EventKind

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def add(db, title: str, start: datetime | date, end: datetime | date | None = None) -> int:
    return add_event(db, EventDraft(
        title=title, kind=EventKind.SEMINAR, start=start, end=end or start + timedelta(hours=1),
        format=EventFormat.ONLINE, online_url="https://example.org/x"), user="test")


def test_last_day_leaves_out_a_day_entered_at_midnight():
    assert last_day_of("2026-11-10T18:00", "2026-11-11T00:00") == "2026-11-10"
    assert last_day_of("2026-11-10T18:00", "2026-11-11T00:30") == "2026-11-11"
    assert last_day_of("2026-11-10", "2026-11-12") == "2026-11-12"  # all-day: inclusive
    assert last_day_of("2026-11-10T00:00", "2026-11-10T00:00") == "2026-11-10"


def test_counts_spread_long_events_and_clip_them_to_the_window():
    rows = [(1, "2026-11-10T09:00", "2026-11-10T10:00"),
            (2, "2026-11-10T18:00", "2026-11-11T00:00"),
            (3, "2026-10-28", "2026-11-02"),
            (4, "2026-11-29T10:00", "2026-12-03T12:00"),
            (5, "2026-10-31T09:00", "2026-10-31T10:00")]
    counts = spread_counts(rows, *NOVEMBER)
    assert counts == Counter({date(2026, 11, 10): 2, date(2026, 11, 1): 1, date(2026, 11, 2): 1,
                              date(2026, 11, 29): 1, date(2026, 11, 30): 1})


def test_crowded_days_keep_the_first_ones_and_every_long_event():
    rows = [(n, f"2026-11-10T{8 + n:02d}:00", f"2026-11-10T{9 + n:02d}:00") for n in range(5)]
    rows.insert(2, (99, "2026-11-09", "2026-11-12"))
    assert first_of_each_day(rows, 2) == [0, 1, 99]


def file_db(tmp_path):
    path = tmp_path / "spans.sqlite"
    open_database(path).close()
    return path


def test_a_month_read_sees_an_event_added_or_moved_since_the_last_read(tmp_path):
    path = file_db(tmp_path)
    db = connect(path)
    first = add(db, "Семинар", datetime(2026, 11, 10, 10))
    assert [row[0] for row in plain_spans(connect(path), *NOVEMBER)] == [first]
    second = add(db, "Вебинар", datetime(2026, 11, 12, 10))
    assert [row[0] for row in plain_spans(connect(path), *NOVEMBER)] == [first, second]
    draft, revision = draft_of(db, first)
    update_event(db, first, replace(draft, start=datetime(2026, 12, 1, 10),
                                    end=datetime(2026, 12, 1, 11)),
                 user="test", expected_revision=revision)
    assert [row[0] for row in plain_spans(connect(path), *NOVEMBER)] == [second]


def test_a_write_that_skips_the_audit_log_is_seen_too(tmp_path):
    path = file_db(tmp_path)
    db = connect(path)
    add(db, "Семинар", datetime(2026, 11, 10, 10))
    assert len(plain_spans(connect(path), *NOVEMBER)) == 1
    db.execute("DELETE FROM events")
    db.conn.commit()
    assert plain_spans(connect(path), *NOVEMBER) == []


@pytest.mark.parametrize("text", ["семинар", "сем", "ёлочка", "№ 4", "с", "нет такого"])
def test_searching_the_kept_spans_finds_what_sql_finds(tmp_path, text):
    path = file_db(tmp_path)
    db = connect(path)
    for n in range(6):
        add(db, f"Семинар {n} для СОШ № {n}", datetime(2026, 11, 3 + n, 10))
        add(db, f"Вебинар «Ёлочка» {n}", datetime(2026, 11, 3 + n, 15))
    add(db, "Конкурс «Ёлочка»", date(2026, 10, 30), date(2026, 11, 4))
    forget()
    plain_spans(db, *NOVEMBER)  # kept without the words, then searched
    flt = EventFilter(text=text)
    where, params = flt.where()
    expected = [row[0] for row in db.execute(
        f"SELECT e.id FROM events e WHERE e.end_at >= '2026-11-01' AND e.start_at < "
        f"'2026-12-01' AND {where} ORDER BY e.start_at, e.id", params)]
    assert [row[0] for row in plain_spans(db, *NOVEMBER, flt)] == expected


def test_month_window_from_spans_matches_the_full_read(tmp_path):
    path = file_db(tmp_path)
    db = connect(path)
    for n in range(12):
        add(db, f"Семинар {n:02d}", datetime(2026, 11, 10, 8 + n % 10, n))
    add(db, "Конкурс", date(2026, 11, 2), date(2026, 11, 22))
    add(db, "Поздний вебинар", datetime(2026, 11, 20, 22), datetime(2026, 11, 21, 0))
    window = load_window(db, CalendarView.MONTH, date(2026, 11, 10))
    full = occurrences(db, window.first, window.last)
    expected = Counter(day for item in full for day in item.days()
                       if window.first <= day <= window.last)
    assert window.counts == expected
    assert day_counts(db, window.first, window.last) == expected
    assert len(window.by_day()[date(2026, 11, 10)]) == 9  # eight seminars and the contest
    assert [item.title for item in window.by_day()[date(2026, 11, 21)]] == ["Конкурс"]


def test_kept_reads_are_made_again_after_any_commit_and_never_kept_in_memory(tmp_path, fresh_db):
    path = file_db(tmp_path)
    db = connect(path)
    reads = []

    def read():
        reads.append(1)
        return len(reads)

    assert kept(db, "test", 1, read) == kept(connect(path), "test", 1, read) == 1
    assert kept(db, "test", 2, read) == 2  # other arguments, another read
    add(db, "Семинар", datetime(2026, 11, 10, 10))
    assert kept(db, "test", 1, read) == 3
    assert kept(fresh_db, "test", 1, read) == 4
    assert kept(fresh_db, "test", 1, read) == 5


@pytest.mark.parametrize("text, expected", [("клуб", 5), ("семинар", 1), ("", 6)])  # 5 Mondays
def test_a_search_finds_repeating_events_by_their_words_too(tmp_path, text, expected):
    from rcro_tui.recurrence import Frequency, Recurrence

    path = file_db(tmp_path)
    db = connect(path)
    add_event(db, EventDraft(
        title="Клуб 4К", kind=EventKind.SEMINAR, start=datetime(2026, 11, 2, 16),
        end=datetime(2026, 11, 2, 17), format=EventFormat.ONLINE,
        online_url="https://example.org/k", recurrence=Recurrence(Frequency.WEEKLY)),
        user="test")
    add(db, "Семинар", datetime(2026, 11, 10, 10))
    occurrences(db, *NOVEMBER)  # kept without the words first, as the calendar reads them
    found = occurrences(connect(path), *NOVEMBER, EventFilter(text=text))
    assert len(found) == expected
    assert sum(day_counts(connect(path), *NOVEMBER, EventFilter(text=text)).values()) == expected


def test_kept_items_are_read_once_until_the_file_changes(tmp_path):
    from rcro_tui.db.kept import KeptById

    path = file_db(tmp_path)
    db = connect(path)
    first = add(db, "Семинар", datetime(2026, 11, 10, 10))
    second = add(db, "Вебинар", datetime(2026, 11, 12, 10))
    store, asked = KeptById(limit=10), []

    def read(ids):
        asked.append(sorted(ids))
        return {key: f"событие {key}" for key in ids}

    assert store.get(db, [first], read) == {first: f"событие {first}"}
    assert store.get(db, [first, second], read) == {first: f"событие {first}",
                                                    second: f"событие {second}"}
    assert asked == [[first], [second]], "only the id not read before is read"
    add(db, "Конкурс", datetime(2026, 11, 14, 10))
    store.get(db, [first], read)
    assert asked[-1] == [first], "a commit since: read again"
    forget()
    store.get(db, [first], read)
    assert asked[-1] == [first] and len(asked) == 4


def test_the_month_shows_an_edited_title_at_once(tmp_path):
    path = file_db(tmp_path)
    db = connect(path)
    event = add(db, "Семинар", datetime(2026, 11, 10, 10))
    titles = lambda: [item.title for item in occurrences(connect(path), *NOVEMBER, per_day=3)]
    assert titles() == ["Семинар"]
    draft, revision = draft_of(db, event)
    update_event(db, event, replace(draft, title="Семинар (перенесён)"), user="test",
                 expected_revision=revision)
    assert titles() == ["Семинар (перенесён)"]
