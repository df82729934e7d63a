"""The demo region: the letters' facts kept exactly, a plausible generated year, all audited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rcro_tui.errors import UserError
from rcro_tui.rules import AcademicYear
from rcro_tui.db import demo as demo_module
from rcro_tui.db.connection import open_database
from rcro_tui.db.demo import build_demo
from rcro_tui.db.demo_people import feminine
from rcro_tui.db.demo_refs import DEMO_SOURCE
from rcro_tui.db.demo_year_calendar import YearCalendar, public_holidays
from rcro_tui.db.demo_year_network import WITHOUT_HUB

YEAR = AcademicYear(2026)
MUNICIPALITIES = [
    "г. Томск", "ЗАТО Северск", "г. Стрежевой", "г. Кедровый", "Александровский район",
    "Асиновский район", "Бакчарский район", "Верхнекетский район", "Зырянский район",
    "Каргасокский район", "Кожевниковский район", "Колпашевский район", "Кривошеинский район",
    "Молчановский район", "Парабельский район", "Первомайский район", "Тегульдетский район",
    "Томский район", "Чаинский район", "Шегарский район"]
AUDITED = ("settings", "districts", "users", "organizations", "contacts", "programs",
           "memberships", "membership_steps", "events", "agenda_parts", "audience_segments",
           "competitions", "stages", "stage_sessions", "entries", "feed_tokens", "holidays",
           "selection_rounds", "event_organizations")


def built(year: AcademicYear = YEAR):
    db = open_database(":memory:")
    build_demo(db, academic_year=year)
    return db


@pytest.fixture(scope="module")
def db():
    database = built()
    yield database
    database.close()


def rows(db, sql, params=()):
    return list(db.query(sql, params))


def org_id(db, name):
    return rows(db, "SELECT id FROM organizations WHERE name = ?", [name])[0]["id"]


def test_twenty_municipalities_with_exact_names_okrugs_first(db):
    found = rows(db, "SELECT name, kind FROM districts ORDER BY sort_order")
    assert [r["name"] for r in found] == MUNICIPALITIES
    assert {r["kind"] for r in found[:4]} == {"urban_okrug"}
    assert {r["kind"] for r in found[4:]} == {"district"}


@pytest.mark.parametrize("name, district", [
    ("МАОУ гимназия № 13 г. Томска", "г. Томск"),
    ("МАОУ лицей № 7 г. Томска", "г. Томск"),
    ("МАОУ СОШ № 32 г. Томска", "г. Томск"),
    ("МАОУ СОШ № 50 г. Томска", "г. Томск"),
    ("МБОУ «Богашевская СОШ им. А.И. Фёдорова»", "Томский район"),
    ("МБОУ «Октябрьская СОШ» Томского района", "Томский район"),
    ("МБОУ «Кожевниковская СОШ № 2»", "Кожевниковский район"),
    ("МБОУ «Кривошеинская СОШ им. Героя Советского Союза Федора Матвеевича Зинченко»",
     "Кривошеинский район"),
    ("МБОУ «Зырянская СОШ»", "Зырянский район"),
    ("ПАО «Сибур»", None), ("НПО «Унитех»", "г. Томск"), ("ООО «УТС»", "г. Томск"),
    ("АНО ДО «Кванториум»", "г. Томск"), ("Школа «Резонанс»", "г. Томск"),
    ("Институт оптики атмосферы им. В.Е. Зуева СО РАН", "г. Томск"),
    ("Департамент по молодёжной политике, физической культуре и спорту Томской области",
     "г. Томск"),
])
def test_letter_organisations_are_kept_byte_for_byte(db, name, district):
    found = rows(db, "SELECT d.name AS district FROM organizations o "
                     "LEFT JOIN districts d ON d.id = o.district_id WHERE o.name = ?", [name])
    assert len(found) == 1, name
    assert found[0]["district"] == district


def test_rcro_has_its_real_details_and_no_other_inn_is_invented(db):
    rcro = rows(db, "SELECT * FROM organizations WHERE inn IS NOT NULL")
    assert len(rcro) == 1
    assert rcro[0]["name"] == "ОГБУ «Региональный центр развития образования»"
    assert rcro[0]["short_name"] == "ОГБУ «РЦРО»" and rcro[0]["inn"] == "7017033960"
    assert rcro[0]["address"] == "634050, г. Томск, ул. Татарская, д. 16"
    assert (rcro[0]["phone"], rcro[0]["email"], rcro[0]["website"]) == (
        "(3822) 51-56-66", "secretary@education.tomsk.ru", "rcro.tomsk.ru")


def test_people_of_the_letters_with_their_positions(db):
    people = {r["name"]: r for r in rows(db, "SELECT c.*, o.name AS org FROM contacts c "
                                              "JOIN organizations o ON o.id = c.organization_id")}
    assert people["Лобастова Марина Петровна"]["org"] == "МАОУ гимназия № 13 г. Томска"
    assert "заместитель директора по НМР" in people["Лобастова Марина Петровна"]["position"]
    assert people["Стоцкая Наталья Владимировна"]["org"] == "МАОУ СОШ № 58 г. Томска"
    assert people["Понамарева Галина Николаевна"]["org"] == "МБОУ «Кожевниковская СОШ № 2»"
    assert people["Худобина Юлия Петровна"]["phone"] == "(3822) 515-326"
    assert all(person["source"] for person in people.values())


def test_strategy_session_of_19_april_2022_as_letters_001_and_003_say(db):
    [event] = rows(db, "SELECT * FROM events WHERE start_at = '2022-04-19T14:00'")
    assert (event["end_at"], event["reg_start_at"], event["reg_end_at"]) == (
        "2022-04-19T17:00", "2022-04-19T13:30", "2022-04-19T13:50")
    assert event["format"] == "hybrid" and event["all_day"] == 0 and event["status"] == "held"
    assert event["venue"] == "ОГБУ «РЦРО» (г. Томск, улица Татарская, 16)"
    assert event["participants_count"] == 62 and "три" in event["results_summary"].lower()
    parts = rows(db, "SELECT * FROM agenda_parts WHERE event_id = ? ORDER BY position",
                 [event["id"]])
    assert [p["remote"] for p in parts] == [1, 1, 0, 0]
    assert parts[0]["title"].startswith("Презентация модели Томского регионального центра")
    segments = rows(db, "SELECT * FROM audience_segments WHERE event_id = ? ORDER BY position",
                    [event["id"]])
    assert [s["attendance"] for s in segments] == ["in_person", "remote", "in_person",
                                                   "in_person"]
    assert segments[1]["parts"] == "1–2" and "по заранее направленной ссылке" in segments[1]["note"]
    assert all("персональным приглашениям" in s["note"] for s in segments[2:])


def test_other_letter_events_keep_their_dates_and_results(db):
    by_day = {r["start_at"][:10]: r for r in rows(db, "SELECT * FROM events "
                                                      "WHERE start_at < '2023'")}
    assert by_day["2014-11-30"]["participants_count"] == 20
    assert "Спорт отель" in by_day["2014-11-30"]["venue"]
    webinar = by_day["2017-09-14"]
    assert (webinar["format"], webinar["participants_count"], webinar["organizations_count"]) == (
        "hybrid", 17, 11)
    assert len(rows(db, "SELECT 1 FROM agenda_parts WHERE event_id = ?", [webinar["id"]])) == 4
    hour = by_day["2022-08-23"]
    assert (hour["format"], hour["kind"], hour["views_count"]) == ("online", "online_hour", 700)
    [seminar] = [e for day, e in by_day.items() if day.startswith("2022-06")]
    assert seminar["kind"] == "seminar" and "демо" in seminar["description"]
    assert all(r["source"] for r in by_day.values())


def test_kozhevnikovo_applied_for_hub_status_and_nobody_decided(db):
    [hub] = rows(db, "SELECT * FROM memberships WHERE organization_id = ? AND role = 'hub'",
                 [org_id(db, "МБОУ «Кожевниковская СОШ № 2»")])
    assert hub["status"] == "applied" and hub["applied_on"] == "2017-09-14"
    assert hub["decided_on"] is None and hub["decision_doc"] == ""
    assert hub["source"] == "письмо об итогах вебинара 14.09.2017"


def test_2017_hubs_and_base_organisations_of_park_enoto(db):
    hubs = rows(db, "SELECT o.name, m.topic, m.status FROM memberships m JOIN organizations o "
                    "ON o.id = m.organization_id JOIN programs p ON p.id = m.program_id "
                    "WHERE p.name = 'Образование через коммуникацию' AND m.role = 'hub' "
                    "AND m.applied_on LIKE '2017-%'")
    topics = {r["name"]: r["topic"] for r in hubs if r["status"] == "approved"}
    assert "«Весенний переполох»" in topics["МАОУ СОШ № 58 г. Томска"]
    assert "«Спортивная мозаика»" in topics["МАОУ СОШ № 47 г. Томска"]
    assert "«Тайны науки»" in topics["МАОУ лицей № 7 г. Томска"]
    assert "МБОУ «Богашевская СОШ им. А.И. Фёдорова»" in topics
    bases = rows(db, "SELECT * FROM memberships WHERE role = 'base' AND applied_on LIKE '2022-06%'")
    assert {"rejected", "withdrawn"} <= {b["status"] for b in bases}
    approved = [b for b in bases if b["valid_from"]]
    assert approved and all(b["valid_until"] == "2024-12-31" for b in approved)
    assert all("(демо)" in b["decision_doc"] for b in bases if b["decision_doc"])


def test_spring_rumpus_selection_of_2018_is_hosted_by_school_58(db):
    [session] = rows(db, """
        SELECT ss.*, e.host_org_id AS event_host, e.start_at FROM competitions c
        JOIN stages s ON s.competition_id = c.id JOIN stage_sessions ss ON ss.stage_id = s.id
        JOIN events e ON e.id = ss.event_id
        WHERE c.title = 'Фестиваль искусств «Весенний переполох»' AND c.academic_year = 2017
          AND s.level = 'selection'""")
    school = org_id(db, "МАОУ СОШ № 58 г. Томска")
    assert session["host_org_id"] == school and session["event_host"] == school
    assert session["start_at"].startswith("2018-")
    entries = rows(db, "SELECT * FROM entries WHERE session_id = ?", [session["id"]])
    assert len(entries) >= 5 and all(e["score"] is not None for e in entries)


def test_generated_events_lie_inside_the_academic_year(db):
    generated = rows(db, "SELECT start_at, end_at FROM events WHERE source = ?", [DEMO_SOURCE])
    assert 150 <= len(generated) <= 250
    assert all("2026-09-01" <= e["start_at"][:10] and e["end_at"][:10] <= "2027-08-31"
               for e in generated)
    others = rows(db, "SELECT source FROM events WHERE source != ?", [DEMO_SOURCE])
    assert others and all("письм" in e["source"] for e in others)


def test_no_event_starts_on_a_public_holiday(db):
    clashes = rows(db, """SELECT e.title, e.start_at FROM events e JOIN holidays h
                          ON h.kind = 'public' AND substr(e.start_at, 1, 10)
                             BETWEEN h.first_day AND h.last_day""")
    assert clashes == []


def test_short_events_avoid_holidays_and_olympiads_are_mostly_on_saturdays(db):
    cal = YearCalendar(YEAR)
    for event in rows(db, "SELECT * FROM events WHERE source = ?", [DEMO_SOURCE]):
        first, last = date.fromisoformat(event["start_at"][:10]), date.fromisoformat(
            event["end_at"][:10])
        if (last - first).days < 7:
            assert cal.free(first, last), event["title"]
    timed = [date.fromisoformat(e["start_at"][:10]) for e in rows(
        db, "SELECT start_at FROM events WHERE kind = 'olympiad' AND all_day = 0 "
            "AND title LIKE 'Муниципальный этап%'")]
    assert timed and all(day.weekday() == 5 for day in timed)


def test_holidays_and_school_breaks_of_the_year(db):
    found = {(r["first_day"], r["last_day"], r["kind"]) for r in rows(db, "SELECT * FROM holidays")}
    for expected in (("2026-11-04", "2026-11-04", "public"), ("2027-01-01", "2027-01-08", "public"),
                     ("2027-02-23", "2027-02-23", "public"), ("2027-03-08", "2027-03-08", "public"),
                     ("2027-05-01", "2027-05-01", "public"), ("2027-05-09", "2027-05-09", "public"),
                     ("2027-06-12", "2027-06-12", "public"),
                     ("2026-12-29", "2027-01-11", "school_break"),
                     ("2027-06-01", "2027-08-31", "school_break")):
        assert expected in found
    assert ("2027-05-10", "2027-05-10", "public") in found  # 9 May 2027 is a Sunday


def test_every_district_but_two_has_an_approved_hub_school(db):
    lacking = [r["name"] for r in rows(db, """
        SELECT d.name FROM districts d WHERE NOT EXISTS (
          SELECT 1 FROM memberships m JOIN organizations o ON o.id = m.organization_id
          WHERE m.role = 'hub' AND m.status = 'approved' AND o.kind = 'school'
            AND COALESCE(m.district_id, o.district_id) = d.id)""")]
    assert sorted(lacking) == sorted(WITHOUT_HUB) and len(lacking) == 2


def test_the_year_has_every_kind_format_and_a_mix_of_statuses(db):
    def values(column):
        return {r[column]: r["n"] for r in rows(
            db, f"SELECT {column}, count(*) AS n FROM events WHERE source = ? GROUP BY 1",
            [DEMO_SOURCE])}
    assert set(values("kind")) == {"olympiad", "conference", "contest", "festival",
                                   "strategy_session", "webinar", "seminar", "online_hour",
                                   "intensive", "forum", "master_class", "other"}
    assert set(values("format")) == {"in_person", "online", "hybrid"}
    visibility = values("visibility")
    assert visibility["public"] > visibility["network"] > 0 and visibility["internal"] > 0
    statuses = values("status")
    assert {"held", "cancelled", "planned", "confirmed"} <= set(statuses)
    assert values("all_day")[1] >= 10
    held = rows(db, "SELECT * FROM events WHERE source = ? AND status = 'held'", [DEMO_SOURCE])
    assert all(e["participants_count"] and e["results_summary"] for e in held)


def test_competitions_of_the_year_with_stages_in_order(db):
    titles = {r["title"]: r
              for r in rows(db, "SELECT * FROM competitions WHERE academic_year = 2026")}
    vsosh = titles["Всероссийская олимпиада школьников"]
    assert vsosh["high_rated"] == "minpros"
    levels = [r["level"] for r in rows(db, "SELECT level FROM stages WHERE competition_id = ? "
                                           "ORDER BY position", [vsosh["id"]])]
    assert levels == ["school", "municipal", "regional", "final"]
    assert titles["Олимпиада имени Дж. К. Максвелла по физике"]["grades_from"] == 7
    assert titles["Математическая олимпиада имени Леонарда Эйлера"]["grades_to"] == 8
    assert {"Фестиваль искусств «Весенний переполох»",
            "Фестиваль «Спортивная мозаика»"} <= set(titles)
    assert any("Вернадского" in t for t in titles) and any("Большие вызовы" in t for t in titles)


def test_children_who_advance_are_the_ones_entered_at_the_next_stage(db):
    def names(level, extra=""):
        return {(r["participant_name"], r["subject"]) for r in rows(db, f"""
            SELECT e.* FROM entries e JOIN stages s ON s.id = e.stage_id
            JOIN competitions c ON c.id = s.competition_id
            WHERE c.title = 'Всероссийская олимпиада школьников' AND s.level = ? {extra}""",
            [level])}
    assert names("municipal") == names("school", "AND e.status = 'advanced'")
    assert names("regional") <= names("municipal", "AND e.status = 'advanced'")
    assert len(rows(db, "SELECT 1 FROM entries")) >= 200


def test_festival_rounds_of_the_year_are_held_at_hub_schools(db):
    sessions = rows(db, """
        SELECT ss.host_org_id, ss.district_id FROM stage_sessions ss
        JOIN stages s ON s.id = ss.stage_id JOIN competitions c ON c.id = s.competition_id
        WHERE c.title = 'Фестиваль искусств «Весенний переполох»' AND c.academic_year = 2026
          AND s.level = 'selection'""")
    hubs = {(r["organization_id"], r["district_id"]) for r in rows(
        db, "SELECT organization_id, district_id FROM memberships "
            "WHERE role = 'hub' AND status = 'approved'")}
    assert len(sessions) == 18
    assert all((s["host_org_id"], s["district_id"]) in hubs for s in sessions)


def test_two_builds_give_identical_rows():
    first, second = built(), built()

    def content(db, table):
        return [{k: v for k, v in row.items() if k not in ("created_at", "updated_at",
                                                           "recorded_at", "token")}
                for row in db.query(f"SELECT * FROM [{table}] ORDER BY rowid")]
    for table in AUDITED:
        assert content(first, table) == content(second, table), table
    first.close()
    second.close()


def test_every_row_written_has_its_audit_entry(db):
    for table in AUDITED:
        key = {"users": "login", "settings": "key"}.get(table, "id")
        keys = {str(r["k"]) for r in rows(db, f"SELECT [{key}] AS k FROM [{table}]")}
        logged = {r["row_id"] for r in rows(
            db, "SELECT row_id FROM changes WHERE table_name = ? AND action = 'insert'", [table])}
        assert keys == logged, table
    inserted = sum(db[table].count for table in AUDITED)
    updated = rows(db, "SELECT DISTINCT table_name FROM changes WHERE action = 'update'")
    assert [r["table_name"] for r in updated] == ["memberships"], "only workflow steps update"
    assert db["changes"].count == inserted + db.execute(
        "SELECT count(*) FROM changes WHERE action = 'update'").fetchone()[0]
    assert {r["user"] for r in rows(db, "SELECT DISTINCT user FROM changes")} == {"demo"}


def test_foreign_keys_hold(db):
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_settings_users_and_feed_tokens(db):
    settings = {r["key"]: r["value"] for r in rows(db, "SELECT * FROM settings")}
    assert settings == {"region_name": "Томская область", "uid_domain": "rcro.tomsk.ru",
                        "demo": "1"}
    users = {r["login"]: r for r in rows(db, "SELECT * FROM users")}
    assert users["demo"]["role"] == "admin"
    roles = [u["role"] for u in users.values()]
    assert roles.count("regional") == 1 and roles.count("viewer") == 1
    assert [u["district_id"] is not None for u in users.values() if u["role"] == "municipal"] == [
        True, True]
    tokens = rows(db, "SELECT f.*, o.kind FROM feed_tokens f "
                      "JOIN organizations o ON o.id = f.organization_id")
    assert len({t["organization_id"] for t in tokens}) == len(tokens) >= 20
    assert {t["kind"] for t in tokens} == {"school"}
    assert all(row["uid"] == f"event-{row['id']}@rcro.tomsk.ru"
               for row in rows(db, "SELECT id, uid FROM events"))


def test_summary_counts_what_was_written():
    db = open_database(":memory:")
    summary = build_demo(db, academic_year=YEAR)
    assert summary.districts == 20 and summary.events == db["events"].count
    assert summary.entries == db["entries"].count and summary.organizations >= 90
    db.close()


def test_a_database_with_data_is_refused(db):
    with pytest.raises(UserError, match="пустой базе"):
        build_demo(db, academic_year=YEAR)


def test_the_year_defaults_to_the_current_one(monkeypatch):
    monkeypatch.setattr(demo_module, "today_in_region", lambda: date(2031, 3, 10))
    db = open_database(":memory:")
    build_demo(db)
    generated = rows(db, "SELECT min(start_at) AS first, max(end_at) AS last FROM events "
                         "WHERE source = ?", [DEMO_SOURCE])[0]
    assert generated["first"] >= "2030-09-01" and generated["last"] <= "2031-08-31"
    db.close()


@pytest.mark.parametrize("start_year", [2024, 2025, 2027, 2029, 2032])
def test_other_years_build_without_holiday_clashes(start_year):
    db = built(AcademicYear(start_year))
    public = {first + timedelta(days=n) for first, last, _ in public_holidays(
        AcademicYear(start_year)) for n in range((last - first).days + 1)}
    starts = {date.fromisoformat(r["start_at"][:10]) for r in rows(
        db, "SELECT start_at FROM events WHERE source = ?", [DEMO_SOURCE])}
    assert not starts & public
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()


def test_surnames_agree_with_the_childs_gender():
    assert feminine("Петров") == "Петрова" and feminine("Соловьёв") == "Соловьёва"
    assert feminine("Островский") == "Островская" and feminine("Высоцкий") == "Высоцкая"
    assert feminine("Черных") == "Черных" and feminine("Шевченко") == "Шевченко"


def test_the_demo_shows_the_network_workflow(db):
    """A round open in late November, applications in review, a status flagged as expiring."""
    [selection] = rows(db, "SELECT * FROM selection_rounds")
    assert (selection["deadline"], selection["decided_on"]) == ("2026-12-15", None)
    in_round = rows(db, "SELECT status FROM memberships WHERE round_id = ? ORDER BY applied_on",
                    [selection["id"]])
    assert [r["status"] for r in in_round] == ["review", "applied", "applied"]
    [partner] = rows(db, "SELECT m.* FROM memberships m JOIN organizations o "
                         "ON o.id = m.organization_id WHERE o.short_name = 'ТГПУ' AND "
                         "m.program_id = 1")
    assert (partner["status"], partner["valid_until"]) == ("approved", "2026-12-31")
