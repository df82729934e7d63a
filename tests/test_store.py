"""Audited writes on a fresh database: every change is logged, revisions guard against lost updates."""

import json
from datetime import date, datetime

import pytest

from rcro_tui.errors import InputError
from rcro_tui.model import (Attendance, DistrictKind, EventFormat, EventKind, MembershipStatus,
                            OrgKind, ProgramKind, Role)
from rcro_tui.db import store
from rcro_tui.db.events import AgendaPart, AudienceSegment, EventDraft, add_event
from rcro_tui.db.network import Step, add_district, add_membership, add_organization, add_program


def test_insert_update_delete_are_logged_before_and_after(fresh_db):
    key = add_district(fresh_db, "Кожевниковский район", DistrictKind.MUNICIPAL_DISTRICT,
                       user="ivanova")
    store.update(fresh_db, "districts", key, {"name": "Кожевниковский р-н"}, user="petrov")
    store.delete(fresh_db, "districts", key, user="ivanova")
    log = list(fresh_db.query("SELECT * FROM changes ORDER BY id"))
    assert [(c["user"], c["action"]) for c in log] == [
        ("ivanova", "insert"), ("petrov", "update"), ("ivanova", "delete")]
    assert json.loads(log[1]["before"])["name"] == "Кожевниковский район"
    assert json.loads(log[1]["after"])["name"] == "Кожевниковский р-н"
    assert json.loads(log[1]["after"])["revision"] == 2
    assert log[2]["after"] is None and json.loads(log[2]["before"])["revision"] == 2
    assert all(c["at"].endswith("Z") for c in log)


def test_an_update_that_changes_nothing_writes_nothing(fresh_db):
    key = add_district(fresh_db, "г. Томск", DistrictKind.URBAN_OKRUG, user="u")
    store.update(fresh_db, "districts", key, {"name": "г. Томск"}, user="u")
    assert fresh_db["changes"].count == 1
    assert store.get_row(fresh_db, "districts", key)["revision"] == 1


def test_a_stale_revision_is_refused_and_nothing_changes(fresh_db):
    key = add_district(fresh_db, "г. Томск", DistrictKind.URBAN_OKRUG, user="u")
    store.update(fresh_db, "districts", key, {"sort_order": 1}, user="a", expected_revision=1)
    with pytest.raises(store.ConflictError, match="изменил другой пользователь"):
        store.update(fresh_db, "districts", key, {"sort_order": 5}, user="b", expected_revision=1)
    assert store.get_row(fresh_db, "districts", key)["sort_order"] == 1
    assert fresh_db["changes"].count == 2


def test_a_failed_write_leaves_no_row_and_no_log(fresh_db):
    with pytest.raises(Exception):
        store.insert(fresh_db, "organizations", {"name": "Школа", "kind": "school",
                                                 "district_id": 999}, user="u")
    assert fresh_db["organizations"].count == 0
    assert fresh_db["changes"].count == 0


def test_missing_rows_are_reported_in_russian(fresh_db):
    with pytest.raises(store.NotFoundError, match="Запись 7 в таблице «events» не найдена"):
        store.get_row(fresh_db, "events", 7)


def test_settings_round_trip(fresh_db):
    assert store.get_setting(fresh_db, "uid_domain", "x") == "x"
    store.set_setting(fresh_db, "uid_domain", "rcro.example", user="admin")
    store.set_setting(fresh_db, "uid_domain", "rcro.tomsk.ru", user="admin")
    assert store.get_setting(fresh_db, "uid_domain") == "rcro.tomsk.ru"
    assert fresh_db["changes"].count == 2


def test_event_gets_a_stable_uid_and_keeps_agenda_and_audience(fresh_db):
    event_id = add_event(fresh_db, EventDraft(
        title="Стратегическая сессия", kind=EventKind.STRATEGY_SESSION,
        start=datetime(2022, 4, 19, 14), end=datetime(2022, 4, 19, 17),
        reg_start=datetime(2022, 4, 19, 13, 30), reg_end=datetime(2022, 4, 19, 13, 50),
        format=EventFormat.HYBRID,
        agenda=[AgendaPart("презентация модели ТРЦ", remote=True), AgendaPart("групповая работа")],
        audience=[AudienceSegment("специалисты МОУО", Attendance.REMOTE, parts="1–2")]),
        user="u")
    event = store.get_row(fresh_db, "events", event_id)
    assert event["uid"] == f"event-{event_id}@rcro.tomsk.ru"
    assert event["revision"] == 1
    assert (event["start_at"], event["reg_end_at"]) == ("2022-04-19T14:00", "2022-04-19T13:50")
    assert fresh_db["agenda_parts"].count == 2 and fresh_db["audience_segments"].count == 1
    inserted = json.loads(next(fresh_db.query(
        "SELECT after FROM changes WHERE table_name = 'events'"))["after"])
    assert inserted["uid"] == event["uid"]  # the log holds the row as stored, UID included


def test_bad_events_are_refused_whole(fresh_db):
    with pytest.raises(InputError, match="окончание .* раньше начала"):
        add_event(fresh_db, EventDraft("Вебинар", EventKind.WEBINAR, datetime(2026, 10, 1, 15),
                                       datetime(2026, 10, 1, 14)), user="u")
    with pytest.raises(InputError, match="оба с временем или оба без"):
        add_event(fresh_db, EventDraft("Фестиваль", EventKind.FESTIVAL, date(2027, 4, 3),
                                       datetime(2027, 4, 5, 12)), user="u")
    with pytest.raises(InputError, match="Название мероприятия: поле не может быть пустым"):
        add_event(fresh_db, EventDraft(" \x00 ", EventKind.WEBINAR, date(2027, 4, 3),
                                       date(2027, 4, 3)), user="u")
    assert fresh_db["events"].count == 0 and fresh_db["changes"].count == 0


def test_membership_keeps_its_history(fresh_db):
    district = add_district(fresh_db, "Кожевниковский район", DistrictKind.MUNICIPAL_DISTRICT,
                            user="u")
    school = add_organization(fresh_db, "МБОУ «Кожевниковская СОШ № 2»", OrgKind.SCHOOL,
                              district_id=district, user="u")
    program = add_program(fresh_db, "Образование через коммуникацию",
                          ProgramKind.REGIONAL_NETWORK, user="u")
    key = add_membership(fresh_db, school, program, Role.HUB, [
        Step(MembershipStatus.APPLIED, date(2017, 9, 14)),
        Step(MembershipStatus.APPROVED, date(2017, 10, 2), "приказ № 1")], user="u",
        district_id=district)
    row = store.get_row(fresh_db, "memberships", key)
    assert (row["status"], row["applied_on"], row["decided_on"], row["decision_doc"]) == (
        "approved", "2017-09-14", "2017-10-02", "приказ № 1")
    assert [s["status"] for s in fresh_db.query(
        "SELECT status FROM membership_steps ORDER BY id")] == ["applied", "approved"]
    assert store.get_row(fresh_db, "organizations", school)["name"] == "МБОУ «Кожевниковская СОШ № 2»"


def test_organization_inn_is_checked(fresh_db):
    with pytest.raises(InputError, match="ИНН"):
        add_organization(fresh_db, "ОГБУ «РЦРО»", OrgKind.CENTRE, inn="7017033961", user="u")
    key = add_organization(fresh_db, "ОГБУ «РЦРО»", OrgKind.CENTRE, inn="7017033960", user="u")
    assert store.get_row(fresh_db, "organizations", key)["inn"] == "7017033960"
