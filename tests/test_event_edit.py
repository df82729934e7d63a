"""Editing events in the database: revisions, the audit log, conflicts, cancel, delete, copies."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from rcro_tui.db import store
from rcro_tui.db.event_edit import (cancel_event, delete_event, draft_of, duplicate_event,
                                    duplicate_to_next_year, last_change, next_year_shift,
                                    update_event)
from rcro_tui.db.events import AgendaPart, AudienceSegment, EventDraft, add_event
from rcro_tui.errors import InputError, UserError
from rcro_tui.model import Attendance, EventKind, EventStatus
from rcro_tui.recurrence import Frequency, Recurrence

SESSION = EventDraft(
    title="Стратегическая сессия «Парк ЕНОТо»", kind=EventKind.STRATEGY_SESSION,
    start=datetime(2022, 4, 19, 14, 0), end=datetime(2022, 4, 19, 17, 0),
    reg_start=datetime(2022, 4, 19, 13, 30), reg_end=datetime(2022, 4, 19, 13, 50),
    venue="ОГБУ «РЦРО»", status=EventStatus.HELD, participants_count=62,
    results_summary="Проведена", source="письмо № 1",
    agenda=(AgendaPart("Пленарная часть", "14:00", "15:30", remote=True),),
    audience=(AudienceSegment("Педагоги", Attendance.REMOTE, "1"),))


def changes_of(db, event_id: int) -> list[dict]:
    return list(db.query("SELECT * FROM changes WHERE table_name = 'events' AND row_id = ? "
                         "ORDER BY id", [str(event_id)]))


def test_update_bumps_the_revision_and_writes_the_audit_log(fresh_db):
    event_id = add_event(fresh_db, SESSION, user="ivanova")
    draft, revision = draft_of(fresh_db, event_id)
    assert revision == 1 and draft == SESSION
    new_revision = update_event(fresh_db, event_id, replace(draft, title="Сессия 2.0"),
                                user="petrov", expected_revision=1)
    assert new_revision == 2
    last = changes_of(fresh_db, event_id)[-1]
    assert (last["user"], last["action"]) == ("petrov", "update")
    assert json.loads(last["before"])["title"] == SESSION.title
    assert json.loads(last["after"])["title"] == "Сессия 2.0"
    assert last_change(fresh_db, event_id).login == "petrov"


def test_saving_nothing_new_keeps_the_revision(fresh_db):
    event_id = add_event(fresh_db, SESSION, user="ivanova")
    assert update_event(fresh_db, event_id, SESSION, user="petrov", expected_revision=1) == 1
    assert len(changes_of(fresh_db, event_id)) == 1


def test_a_change_of_the_agenda_only_is_a_new_revision(fresh_db):
    event_id = add_event(fresh_db, SESSION, user="ivanova")
    draft = replace(SESSION, agenda=(*SESSION.agenda, AgendaPart("Работа в группах")))
    assert update_event(fresh_db, event_id, draft, user="petrov", expected_revision=1) == 2
    stored, revision = draft_of(fresh_db, event_id)
    assert revision == 2 and len(stored.agenda) == 2
    assert changes_of(fresh_db, event_id)[-1]["user"] == "petrov"


def test_a_stale_revision_is_refused_and_nothing_changes(fresh_db):
    event_id = add_event(fresh_db, SESSION, user="ivanova")
    update_event(fresh_db, event_id, replace(SESSION, venue="ТГУ"), user="petrov",
                 expected_revision=1)
    with pytest.raises(store.ConflictError) as caught:
        update_event(fresh_db, event_id, replace(SESSION, title="Моя версия",
                                                 agenda=()), user="ivanova", expected_revision=1)
    assert "другой пользователь" in caught.value.message
    stored, revision = draft_of(fresh_db, event_id)
    assert (stored.title, stored.venue, revision, len(stored.agenda)) == (
        SESSION.title, "ТГУ", 2, 1)


def test_an_invalid_draft_is_refused_before_anything_is_written(fresh_db):
    event_id = add_event(fresh_db, SESSION, user="ivanova")
    with pytest.raises(InputError):
        update_event(fresh_db, event_id, replace(SESSION, end=datetime(2022, 4, 18)),
                     user="petrov", expected_revision=1)
    assert len(changes_of(fresh_db, event_id)) == 1


def test_cancel_keeps_the_event(fresh_db):
    event_id = add_event(fresh_db, SESSION, user="ivanova")
    assert cancel_event(fresh_db, event_id, user="petrov", expected_revision=1) == 2
    row = store.get_row(fresh_db, "events", event_id)
    assert row["status"] == "cancelled" and row["title"] == SESSION.title


def test_delete_removes_the_event_and_its_parts_with_an_audit_trail(fresh_db):
    event_id = add_event(fresh_db, SESSION, user="ivanova")
    delete_event(fresh_db, event_id, user="petrov")
    assert fresh_db["events"].count == 0 and fresh_db["agenda_parts"].count == 0
    assert changes_of(fresh_db, event_id)[-1]["action"] == "delete"


def test_delete_refuses_a_stage_session(demo_db):
    event_id = demo_db.execute("SELECT event_id FROM stage_sessions LIMIT 1").fetchone()[0]
    with pytest.raises(UserError) as caught:
        delete_event(demo_db, event_id, user="ivanova")
    assert "площадка отборочного этапа" in caught.value.message
    assert store.get_row(demo_db, "events", event_id)


def test_duplicate_gets_a_new_uid_and_planned_status_without_results(fresh_db):
    event_id = add_event(fresh_db, SESSION, user="ivanova")
    copy_id = duplicate_event(fresh_db, event_id, user="petrov")
    original, copy = (store.get_row(fresh_db, "events", i) for i in (event_id, copy_id))
    assert copy["uid"] != original["uid"] and copy["uid"] == f"event-{copy_id}@rcro.tomsk.ru"
    assert copy["status"] == "planned" and copy["participants_count"] is None
    assert copy["results_summary"] == "" and copy["revision"] == 1
    copied, _ = draft_of(fresh_db, copy_id)
    assert copied.agenda == SESSION.agenda and copied.audience == SESSION.audience


@pytest.mark.parametrize("start, expected", [
    (date(2022, 4, 19), date(2023, 4, 18)),      # Tuesday → Tuesday, the seed's example
    (date(2022, 9, 1), date(2023, 9, 7)),        # 52 weeks would stay in 2022/2023
    (date(2023, 8, 31), date(2024, 8, 29)),      # the last day of a school year
    (date(2024, 2, 29), date(2025, 2, 27)),      # a leap day
    (date(2022, 9, 2), date(2023, 9, 1)),
])
def test_next_year_keeps_the_weekday_and_lands_in_the_next_school_year(start, expected):
    landed = start + next_year_shift(start)
    assert landed == expected
    assert landed.weekday() == start.weekday()
    first_next = date(start.year + (start.month >= 9), 9, 1)
    assert first_next <= landed <= first_next.replace(year=first_next.year + 1) - timedelta(1)


def test_duplicate_to_next_year_moves_times_registration_and_repeats(fresh_db):
    weekly = replace(SESSION, start=datetime(2022, 9, 1, 10), end=datetime(2022, 9, 1, 11),
                     reg_start=datetime(2022, 8, 25, 9), reg_end=datetime(2022, 8, 31, 18),
                     recurrence=Recurrence(Frequency.WEEKLY, until=date(2022, 12, 29),
                                           exdates=(date(2022, 11, 3),)))
    event_id = add_event(fresh_db, weekly, user="ivanova")
    copy, _ = draft_of(fresh_db, duplicate_to_next_year(fresh_db, event_id, user="petrov"))
    assert copy.start == datetime(2023, 9, 7, 10) and copy.end == datetime(2023, 9, 7, 11)
    assert copy.reg_start == datetime(2023, 8, 31, 9)
    assert copy.recurrence.until == date(2024, 1, 4)
    assert copy.recurrence.exdates == (date(2023, 11, 9),)
    assert copy.recurrence.exdates[0].weekday() == copy.start.weekday()
    assert copy.status is EventStatus.PLANNED


def test_duplicate_to_next_year_of_an_all_day_event_on_31_august(fresh_db):
    day = replace(SESSION, start=date(2023, 8, 31), end=date(2023, 8, 31), reg_start=None,
                  reg_end=None)
    event_id = add_event(fresh_db, day, user="ivanova")
    copy, _ = draft_of(fresh_db, duplicate_to_next_year(fresh_db, event_id, user="petrov"))
    assert (copy.start, copy.end) == (date(2024, 8, 29), date(2024, 8, 29))


def test_last_change_names_the_user_in_the_regions_time(fresh_db, monkeypatch):
    fresh_db["users"].insert_all([
        {"login": login, "full_name": name, "role": "regional", "created_at": "2026-01-01T00:00:00Z"}
        for login, name in (("petrov", "Петров Андрей Владимирович"), ("ivanova", "Иванова О. С."))])
    event_id = add_event(fresh_db, SESSION, user="ivanova")
    monkeypatch.setattr(store, "utc_now", lambda: "2026-11-23T07:05:00Z")
    update_event(fresh_db, event_id, replace(SESSION, venue="ТГУ"), user="petrov",
                 expected_revision=1)
    stamp = last_change(fresh_db, event_id)
    assert stamp.at == datetime(2026, 11, 23, 14, 5)
    assert stamp.who == "Петров Андрей Владимирович (petrov)"
    assert last_change(fresh_db, 999) is None


def test_titles_longer_than_the_limit_are_refused_for_every_writer(fresh_db):
    with pytest.raises(InputError) as caught:
        add_event(fresh_db, replace(SESSION, title="«ё» " * 200), user="ivanova")
    assert "не больше 300" in caught.value.message
