"""Conflicts and warnings (`db.conflicts`): each rule both ways, series, windows, the detail."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from rcro_tui.db import store
from rcro_tui.db.conflicts import (WarningKind, marked_events, warning_lines, warnings_for_draft,
                                   warnings_for_event, warnings_in)
from rcro_tui.db.event_detail import event_detail
from rcro_tui.db.event_edit import cancel_event, draft_of
from rcro_tui.db.events import AudienceSegment, EventDraft, add_event
from rcro_tui.model import EventFormat, EventKind, EventStatus
from rcro_tui.recurrence import Frequency, Recurrence

TODAY = date(2026, 11, 2)


@pytest.fixture
def db(fresh_db):
    for name in ("ОГБУ «РЦРО»", "МАОУ лицей № 7 г. Томска"):
        store.insert(fresh_db, "organizations", {"name": name, "kind": "school"}, user="t")
    for first, last, name, kind in (
            ("2026-11-04", "2026-11-04", "День народного единства", "public"),
            ("2026-10-31", "2026-11-08", "Осенние каникулы", "school_break")):
        fresh_db["holidays"].insert({"first_day": first, "last_day": last, "name": name,
                                     "kind": kind})
    return fresh_db


def event(db, title: str = "Семинар", start=datetime(2026, 11, 19, 14), end=None, *,
          host: int | None = 1, **fields) -> int:
    """An event stored through the ordinary writer (14:00–17:00 unless told)."""
    if end is None:
        end = start.replace(hour=17) if isinstance(start, datetime) else start
    draft = EventDraft(title=title, kind=EventKind.SEMINAR, start=start, end=end,
                       host_org_id=host, **fields)
    return add_event(db, draft, user="t")


def kinds(db, event_id: int, today: date = TODAY) -> list[WarningKind]:
    return [w.kind for w in warnings_for_event(db, event_id, today=today)]


def messages(db, event_id: int, today: date = TODAY) -> list[str]:
    return [w.message for w in warnings_for_event(db, event_id, today=today)]


# Host -------------------------------------------------------------------------------------

def test_the_same_host_twice_at_once_warns_both_with_the_other_named(db):
    one = event(db, "Олимпиада по химии", datetime(2026, 11, 19, 14))
    two = event(db, "Семинар для учителей", datetime(2026, 11, 19, 16), datetime(2026, 11, 19, 18))
    assert messages(db, two) == ["Организатор занят: «Олимпиада по химии» 19 ноября 2026 г., "
                                 "14:00–17:00"]
    (warning,) = warnings_for_event(db, one, today=TODAY)
    assert warning.other_event_id == two and warning.day == date(2026, 11, 19)
    assert warning.message.startswith("Организатор занят: «Семинар для учителей»")


@pytest.mark.parametrize("start, end, host", [
    (datetime(2026, 11, 19, 17), datetime(2026, 11, 19, 18), 1),   # one ends as the other starts
    (datetime(2026, 11, 20, 14), datetime(2026, 11, 20, 17), 1),   # another day
    (datetime(2026, 11, 19, 14), datetime(2026, 11, 19, 17), 2),   # another host
    (datetime(2026, 11, 19, 14), datetime(2026, 11, 19, 17), None),  # no host
])
def test_no_host_warning_without_overlap_or_with_another_host(db, start, end, host):
    one = event(db)
    event(db, "Другое", start, end, host=host)
    assert kinds(db, one) == []


def test_cancelled_events_clash_with_nothing(db):
    one = event(db)
    other = event(db, "Перенесённый семинар")
    assert kinds(db, one) == [WarningKind.HOST]
    cancel_event(db, other, user="t", expected_revision=1)
    assert kinds(db, one) == []
    assert kinds(db, other) == [], "a cancelled event has no warnings of its own either"


def test_all_day_events_clash_only_with_one_day_all_day_events(db):
    one = event(db, "Школьный этап", date(2026, 11, 19))
    event(db, "Вебинар", datetime(2026, 11, 19, 15))  # timed: the all-day one is a frame
    event(db, "Приём работ", date(2026, 11, 10), date(2026, 11, 30))  # a period
    assert kinds(db, one) == []
    event(db, "Муниципальный этап", date(2026, 11, 19))
    assert kinds(db, one) == [WarningKind.HOST]


def test_a_conference_over_two_days_clashes_in_its_night_hours_too(db):
    one = event(db, "Конференция", datetime(2026, 11, 12, 10), datetime(2026, 11, 13, 17))
    event(db, "Вечерний семинар", datetime(2026, 11, 12, 18), datetime(2026, 11, 12, 20))
    assert messages(db, one) == ["Организатор занят: «Вечерний семинар» 12 ноября 2026 г., "
                                 "18:00–20:00"]


# Venue ------------------------------------------------------------------------------------

def test_the_same_venue_written_differently_is_the_same_room(db):
    one = event(db, venue="Зал «Ёлочка», ул. Гагарина, 1", host=1)
    two = event(db, "Мастер-класс", venue="зал  елочка ул Гагарина 1", host=2)
    assert kinds(db, one) == [WarningKind.VENUE]
    assert messages(db, two) == ["Место занято: «Семинар» 19 ноября 2026 г., 14:00–17:00"]


@pytest.mark.parametrize("venue, other_venue, other_format", [
    ("Актовый зал", "Актовый зал", EventFormat.ONLINE),        # online: books no room
    ("", "", EventFormat.IN_PERSON),                            # no venue given
    ("Актовый зал", "Конференц-зал ТГУ", EventFormat.IN_PERSON),  # another room
    ("в общеобразовательных организациях по месту обучения",   # names no single place
     "в общеобразовательных организациях по месту обучения", EventFormat.IN_PERSON),
])
def test_no_venue_warning_online_empty_other_or_generic(db, venue, other_venue, other_format):
    one = event(db, venue=venue, host=1)
    event(db, "Другое", venue=other_venue, format=other_format, host=2,
          online_url="https://rcro.tomsk.ru/online" if other_format == EventFormat.ONLINE else "")
    assert kinds(db, one) == []


def test_a_mixed_event_books_its_room(db):
    one = event(db, venue="Кабинет 12", format=EventFormat.HYBRID,
                online_url="https://rcro.tomsk.ru/x", host=1)
    event(db, "Другое", venue="кабинет 12", host=2)
    assert kinds(db, one) == [WarningKind.VENUE]


# Audience ---------------------------------------------------------------------------------

def pupils(who: str = "Учителя-предметники") -> tuple[AudienceSegment, ...]:
    return (AudienceSegment(who),)


def test_the_same_audience_and_grades_at_once_is_a_clash(db):
    one = event(db, host=1, audience=pupils("Учителя-предметники"), grades=(7, 9))
    event(db, "Вебинар", host=2, audience=pupils("учителя предметники"), grades=(9, 11))
    assert messages(db, one) == ["Та же аудитория (учителя предметники, 9–11 классы): "
                                 "«Вебинар» 19 ноября 2026 г., 14:00–17:00"]


@pytest.mark.parametrize("other_who, other_grades, clash", [
    ("Учителя-предметники", (10, 11), False),    # grades apart
    ("Школьные координаторы", (7, 9), False),    # another audience
    ("Учителя-предметники", None, True),         # no grades: every grade
])
def test_audience_needs_the_same_who_and_meeting_grades(db, other_who, other_grades, clash):
    one = event(db, host=1, audience=pupils(), grades=(7, 9))
    event(db, "Другое", host=2, audience=pupils(other_who), grades=other_grades)
    assert (WarningKind.AUDIENCE in kinds(db, one)) is clash


def test_two_shared_segments_make_one_audience_warning(db):
    both = (AudienceSegment("Педагоги"), AudienceSegment("Координаторы"))
    one = event(db, host=1, audience=both)
    event(db, "Другое", host=2, audience=both)
    assert kinds(db, one) == [WarningKind.AUDIENCE]


# Holidays and breaks ----------------------------------------------------------------------

def test_an_event_on_a_public_holiday(db):
    one = event(db, "Форум", datetime(2026, 11, 4, 10), datetime(2026, 11, 4, 12), grades=(8, 9))
    assert messages(db, one) == ["В праздник: 4 ноября 2026 г. — День народного единства"]
    assert marked_events(warnings_in(db, date(2026, 11, 1), date(2026, 11, 30),
                                     today=TODAY)) == {one}


def test_a_school_break_is_a_softer_note_and_only_for_pupils(db):
    pupils_event = event(db, "Смена", date(2026, 11, 5), date(2026, 11, 7), grades=(7, 9))
    teachers = event(db, "Семинар для учителей", datetime(2026, 11, 6, 10), host=2)
    (note,) = warnings_for_event(db, pupils_event, today=TODAY)
    assert note.soft and note.message == "В каникулы: 5–7 ноября 2026 г. — Осенние каникулы"
    assert kinds(db, teachers) == []
    found = warnings_in(db, date(2026, 11, 1), date(2026, 11, 30), today=TODAY)
    assert pupils_event in found and marked_events(found) == set(), "notes are not marked"


def test_a_long_contest_crosses_holidays_without_a_word(db):
    contest = event(db, "Приём работ", date(2026, 10, 20), date(2026, 11, 20), grades=(5, 11))
    assert kinds(db, contest) == []


# Registration -----------------------------------------------------------------------------

def test_a_registration_that_closed_before_today(db):
    one = event(db, start=datetime(2026, 11, 19, 14), reg_end=date(2026, 10, 30))
    assert messages(db, one) == ["Регистрация закрылась 30 октября 2026 г."]


@pytest.mark.parametrize("reg_end, status, today", [
    (date(2026, 11, 2), EventStatus.PLANNED, TODAY),          # closes today: still open
    (date(2026, 10, 30), EventStatus.HELD, TODAY),            # already held
    (date(2026, 10, 30), EventStatus.PLANNED, date(2026, 11, 20)),  # the event is over
])
def test_no_registration_warning_while_open_held_or_over(db, reg_end, status, today):
    one = event(db, reg_end=reg_end, status=status)
    assert kinds(db, one, today) == []


# Series -----------------------------------------------------------------------------------

def weekly(db, **fields) -> int:
    """An online hour every Thursday from 5 November 2026, 15:00–16:00."""
    return event(db, "Онлайн-час", datetime(2026, 11, 5, 15), datetime(2026, 11, 5, 16),
                 recurrence=Recurrence(Frequency.WEEKLY, until=date(2027, 5, 27)), **fields)


def test_a_series_is_checked_occurrence_by_occurrence(db):
    series = weekly(db)
    other = event(db, "Семинар", datetime(2026, 11, 19, 14))   # the third Thursday
    found = warnings_in(db, date(2026, 11, 1), date(2026, 11, 30), today=TODAY)
    assert [(w.kind, w.day) for w in found[series]] == [(WarningKind.HOST, date(2026, 11, 19))]
    assert found[other][0].message == "Организатор занят: «Онлайн-час» 19 ноября 2026 г., 15:00–16:00"
    assert warnings_in(db, date(2026, 12, 1), date(2026, 12, 31), today=TODAY) == {}
    assert [w.day for w in warnings_for_event(db, series, today=TODAY)] == [date(2026, 11, 19)]


def test_a_series_that_overlaps_itself_is_no_clash(db):
    long_weekly = event(db, "Неделя проекта", datetime(2026, 12, 7, 10),
                        datetime(2026, 12, 14, 12), recurrence=Recurrence(Frequency.WEEKLY, count=4))
    assert kinds(db, long_weekly) == []
    assert warnings_in(db, date(2026, 12, 1), date(2026, 12, 31), today=TODAY) == {}


def test_series_occurrences_on_holidays_and_a_skipped_week(db):
    series = event(db, "Клуб", datetime(2026, 10, 28, 15), datetime(2026, 10, 28, 16),
                   recurrence=Recurrence(Frequency.WEEKLY, count=3), grades=(7, 8))
    assert messages(db, series, today=date(2026, 10, 1)) == [
        "В праздник: 4 ноября 2026 г. — День народного единства"]  # not also «в каникулы»
    db.execute("UPDATE events SET exdates = '2026-11-04' WHERE id = ?", [series])
    assert kinds(db, series, today=date(2026, 10, 1)) == []


# The event itself, drafts and windows -----------------------------------------------------

def test_an_event_is_never_its_own_conflict(db):
    one = event(db, venue="Кабинет 12", audience=pupils(), reg_end=None)
    draft, _ = draft_of(db, one)
    assert warnings_for_draft(db, draft, today=TODAY, event_id=one) == []
    assert [w.kind for w in warnings_for_draft(db, draft, today=TODAY, event_id=None)] == [
        WarningKind.HOST, WarningKind.VENUE, WarningKind.AUDIENCE], "as a new copy it clashes"


def test_a_draft_moved_onto_another_event_is_warned_before_saving(db):
    one = event(db, "Олимпиада по химии", datetime(2026, 11, 19, 14))
    two = event(db, "Семинар", datetime(2026, 11, 20, 14))
    draft, _ = draft_of(db, two)
    moved = replace(draft, start=datetime(2026, 11, 19, 15), end=datetime(2026, 11, 19, 16))
    (warning,) = warnings_for_draft(db, moved, today=TODAY, event_id=two)
    assert warning.other_event_id == one
    assert warnings_for_draft(db, replace(moved, status=EventStatus.CANCELLED), today=TODAY,
                              event_id=two) == []


def test_the_window_gives_each_event_what_it_gets_alone(db):
    """Including a booking that reaches past the window's edge into a clash outside it."""
    specs = [
        ("A", datetime(2026, 10, 31, 20), datetime(2026, 11, 1, 11), 1, "Кабинет 1", None),
        ("B", datetime(2026, 10, 31, 21), datetime(2026, 10, 31, 22), 1, "", None),
        ("C", datetime(2026, 11, 4, 10), datetime(2026, 11, 4, 12), 2, "Кабинет 1", (7, 8)),
        ("D", datetime(2026, 11, 4, 11), datetime(2026, 11, 4, 13), 1, "кабинет 1", (8, 9)),
        ("E", date(2026, 11, 6), date(2026, 11, 6), 2, "", (5, 6)),
        ("F", date(2026, 11, 6), date(2026, 11, 6), 2, "", None),
        ("G", datetime(2026, 11, 30, 18), datetime(2026, 12, 1, 10), 2, "", None),
        ("H", datetime(2026, 12, 1, 9), datetime(2026, 12, 1, 9, 30), 2, "", None),
    ]
    ids = {title: event(db, title, start, end, host=host, venue=venue, grades=grades,
                        audience=pupils("Педагоги") if title in "CD" else ())
           for title, start, end, host, venue, grades in specs}
    weekly(db, host=2)
    found = warnings_in(db, date(2026, 11, 1), date(2026, 11, 30), today=TODAY)
    for title, event_id in ids.items():
        if title in "BH":
            assert event_id not in found, "outside the window"
            continue
        alone = warnings_for_event(db, event_id, today=TODAY)
        assert found.get(event_id, []) == alone, title
    assert {w.other_event_id for w in found[ids["A"]]} == {ids["B"]}
    assert {w.other_event_id for w in found[ids["G"]]} == {ids["H"]}


def test_warnings_in_an_empty_or_reversed_window(db):
    event(db)
    assert warnings_in(db, date(2026, 11, 30), date(2026, 11, 1), today=TODAY) == {}
    assert warnings_in(db, date(2026, 1, 1), date(2026, 1, 31), today=TODAY) == {}


# What screens get -------------------------------------------------------------------------

def test_the_detail_lists_the_warnings_as_of_today(db):
    one = event(db, "Семинар", reg_end=date(2026, 10, 30))
    event(db, "Олимпиада по химии")
    detail = event_detail(db, one, today=TODAY)
    assert detail.warnings == ["Организатор занят: «Олимпиада по химии» 19 ноября 2026 г., "
                               "14:00–17:00", "Регистрация закрылась 30 октября 2026 г."]
    assert event_detail(db, one, today=date(2026, 10, 1)).warnings == detail.warnings[:1]


def test_warning_lines_say_each_message_once_and_how_many_more():
    from rcro_tui.db.conflicts import EventWarning

    same = [EventWarning(WarningKind.REGISTRATION, "Регистрация закрылась 1 мая 2027 г.")] * 3
    assert warning_lines(same) == ["Регистрация закрылась 1 мая 2027 г."]
    many = [EventWarning(WarningKind.HOST, f"Организатор занят: {n}") for n in range(15)]
    assert warning_lines(many, limit=12)[-1] == "и ещё 3 предупреждения"
    assert len(warning_lines(many, limit=12)) == 13


def test_the_calendar_window_carries_its_warnings_whatever_the_filter(db):
    from rcro_tui.calendar_layout import CalendarView
    from rcro_tui.db.calendar_data import load_window
    from rcro_tui.db.event_filter import EventFilter

    one = event(db, "Олимпиада по химии")
    two = event(db, "Семинар для учителей", datetime(2026, 11, 19, 16), datetime(2026, 11, 19, 18))
    series = weekly(db, host=2, grades=(5, 6))  # 5 November: in the break, a softer note
    day = date(2026, 11, 19)
    only_one = EventFilter(text="олимпиада")
    window = load_window(db, CalendarView.WEEK, day, only_one, today=TODAY)
    assert set(window.warnings) == {one, two}, "the other event is busy even when filtered out"
    (item,) = window.by_day()[day]
    assert window.warned(item) and len(window.warnings_on(day)) == 1
    month = load_window(db, CalendarView.MONTH, day, today=TODAY)
    notes = [item for item in month.items if item.event_id == series]
    assert [month.warnings_of(item) != [] for item in notes][:2] == [True, False]
    assert not any(month.warned(item) for item in notes), "a note alone is not marked"
    assert load_window(db, CalendarView.MONTH, day).warnings == {}, "no today, no warnings"
    assert load_window(db, CalendarView.YEAR, day, today=TODAY).warnings == {}
