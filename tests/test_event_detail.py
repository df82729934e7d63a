"""The event detail on the demo region: its feeds, its change history and its recurrence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from rcro_tui.db import store
from rcro_tui.db.event_detail import event_detail
from rcro_tui.db.event_edit import cancel_event, draft_of, update_event
from rcro_tui.db.event_history import event_history
from rcro_tui.db.events import AgendaPart, AudienceSegment, EventDraft, add_event
from rcro_tui.db.feed_rules import feeds_for_event
from rcro_tui.feed_scope import FeedKind, OrgReason
from rcro_tui.model import Attendance, EventKind, EventStatus
from rcro_tui.recurrence import Frequency, Recurrence

PARK_SESSION = 3
"""«Стратегическая сессия проекта ФИП «Парк ЕНОТо»», 19.04.2022, host ОГБУ «РЦРО» (г. Томск)."""
CREATED = "1 сентября 2026 г., 10:00 — demo: создано"
"""The demo is built with the audit clock at 2026-09-01T03:00Z, 10:00 in Tomsk."""


def event_id(db, title: str) -> int:
    return db.execute("SELECT id FROM events WHERE title = ?", [title]).fetchone()[0]


@pytest.fixture
def clock(monkeypatch):
    """The audit clock, set by the test: `clock("2026-11-23T07:05:00Z")`."""
    def set_to(stamp: str) -> None:
        monkeypatch.setattr(store, "utc_now", lambda: stamp)
    return set_to


def test_a_public_event_is_in_the_shared_feeds_and_its_district_s_private_ones(demo_db):
    refs = feeds_for_event(demo_db, PARK_SESSION)
    assert [(r.kind, r.key, r.name) for r in refs[:4]] == [
        (FeedKind.REGION, "region", "Общая лента региона"),
        (FeedKind.PROGRAM, "program-2", "Программа «Парк ЕНОТо»"),
        (FeedKind.DISTRICT, "district-1", "г. Томск"),
        (FeedKind.ORGANIZATION, "org-1",
         "Личная лента: ОГБУ «Региональный центр развития образования»")]
    assert refs[3].reasons == (OrgReason.HOST, OrgReason.DISTRICT)
    city = demo_db.execute("SELECT COUNT(*) FROM organizations WHERE district_id = 1").fetchone()[0]
    assert len(refs) == 3 + city, "programme partners joined in June 2022, after the session"
    assert event_detail(demo_db, PARK_SESSION).feeds == [
        "Общая лента региона", "Программа «Парк ЕНОТо»", "г. Томск",
        "Личная лента: ОГБУ «Региональный центр развития образования» (организатор; "
        "в её муниципалитете)",
        f"Личные ленты ещё {city - 1} организаций г. Томска"]


def test_a_network_event_reaches_only_its_members_and_a_cancelled_one_stays(demo_db):
    webinar = event_id(demo_db, "Вебинар сети «Образование через коммуникацию»: протоколы "
                                "отборочных этапов и передача итогов в РЦРО")
    refs = feeds_for_event(demo_db, webinar)
    assert refs and all(r.kind is FeedKind.ORGANIZATION for r in refs)
    members = {row[0] for row in demo_db.execute(
        "SELECT organization_id FROM memberships WHERE program_id = 1 AND status = 'approved' "
        "AND (valid_until IS NULL OR valid_until >= '2027-03-17')")}
    host = demo_db.execute("SELECT host_org_id FROM events WHERE id = ?", [webinar]).fetchone()[0]
    assert {int(r.key.removeprefix("org-")) for r in refs} == members | {host}
    feeds = event_detail(demo_db, webinar).feeds
    assert feeds[0].startswith("Отменено: остаётся в лентах")
    assert feeds[1] == "В общие ленты не попадает: только для участников сети."


def test_internal_events_are_in_no_feed(demo_db):
    meeting = demo_db.execute("SELECT id FROM events WHERE visibility = 'internal'").fetchone()[0]
    assert feeds_for_event(demo_db, meeting) == []
    assert event_detail(demo_db, meeting).feeds == ["Ни в одной ленте: мероприятие внутреннее."]


def test_a_stage_session_reaches_the_schools_whose_pupils_go_there(demo_db):
    session, org = demo_db.execute(
        "SELECT s.event_id, e.organization_id FROM entries e JOIN stage_sessions s "
        "ON s.id = e.session_id JOIN organizations o ON o.id = e.organization_id "
        "JOIN events ev ON ev.id = s.event_id JOIN organizations h ON h.id = ev.host_org_id "
        "WHERE o.district_id != h.district_id LIMIT 1").fetchone()
    (ref,) = [r for r in feeds_for_event(demo_db, session) if r.key == f"org-{org}"]
    assert OrgReason.PARTICIPANTS in ref.reasons


def test_history_shows_each_save_newest_first_in_tomsk_time(demo_db, clock):
    draft, revision = draft_of(demo_db, PARK_SESSION)
    clock("2026-11-23T07:05:00Z")
    moved = replace(draft, start=datetime(2022, 4, 20, 14), end=datetime(2022, 4, 20, 17),
                    status=EventStatus.CONFIRMED)
    revision = update_event(demo_db, PARK_SESSION, moved, user="ivanova",
                            expected_revision=revision)
    clock("2026-11-24T02:30:00Z")
    cancel_event(demo_db, PARK_SESSION, user="demo")
    assert event_history(demo_db, PARK_SESSION) == [
        "24 ноября 2026 г., 09:30 — demo: отменено",
        "23 ноября 2026 г., 14:05 — ivanova: изменено: начало 19.04.2022 14:00 → "
        "20.04.2022 14:00; окончание 19.04.2022 17:00 → 20.04.2022 17:00; "
        "статус проведено → подтверждено",
        CREATED]
    assert event_detail(demo_db, PARK_SESSION).history[0].endswith("demo: отменено")


def test_history_puts_agenda_and_audience_edits_into_their_save(demo_db, clock):
    draft, revision = draft_of(demo_db, PARK_SESSION)
    clock("2026-11-23T07:05:00Z")
    agenda = list(draft.agenda)
    agenda[1] = replace(agenda[1], title="Презентация проекта", start_time="14:40")
    revision = update_event(demo_db, PARK_SESSION, replace(draft, agenda=tuple(agenda)),
                            user="ivanova", expected_revision=revision)
    clock("2026-11-23T07:06:00Z")
    audience = (*draft.audience, AudienceSegment("Учителя физики", Attendance.REMOTE, "1–2"))
    update_event(demo_db, PARK_SESSION, replace(draft, title="Стратегическая сессия",
                                                agenda=tuple(agenda), audience=audience),
                 user="ivanova", expected_revision=revision)
    history = event_history(demo_db, PARK_SESSION)
    assert history == [
        "23 ноября 2026 г., 14:06 — ivanova: изменено: название «Стратегическая сессия "
        "проекта ФИП «Парк ЕНОТо»» → «Стратегическая сессия»; аудитория 5 добавлена: "
        "«Учителя физики — дистанционно, такты 1–2»",
        "23 ноября 2026 г., 14:05 — ivanova: изменено: такт 2 «Презентация Проекта Парка "
        "ЕНОТо (и дистанционно)» → «Презентация проекта 14:40 (и дистанционно)»",
        CREATED]


def test_saves_in_the_same_second_are_still_told_apart(fresh_db, clock):
    clock("2015-06-01T08:00:00Z")  # Tomsk was UTC+6 from 2014 to 2016
    draft = EventDraft(title="Семинар", kind=EventKind.SEMINAR, start=date(2015, 6, 3),
                       end=date(2015, 6, 3), agenda=(AgendaPart("Открытие"),), venue="РЦРО")
    new = add_event(fresh_db, draft, user="ivanova")
    update_event(fresh_db, new, replace(draft, agenda=(AgendaPart("Начало"),)),
                 user="ivanova", expected_revision=1)
    update_event(fresh_db, new, replace(draft, venue="ТГУ", agenda=(AgendaPart("Начало"),
                                                                    AgendaPart("Итоги"))),
                 user="ivanova", expected_revision=2)
    assert event_history(fresh_db, new) == [
        "1 июня 2015 г., 14:00 — ivanova: изменено: место проведения «РЦРО» → «ТГУ»; "
        "такт 2 добавлен: «Итоги»",
        "1 июня 2015 г., 14:00 — ivanova: изменено: такт 1 «Открытие» → «Начало»",
        "1 июня 2015 г., 14:00 — ivanova: создано"]


def test_a_long_history_is_cut_with_a_count_of_the_rest(fresh_db):
    new = add_event(fresh_db, EventDraft(title="Онлайн-час", kind=EventKind.ONLINE_HOUR,
                                         start=date(2026, 12, 1), end=date(2026, 12, 1)),
                    user="ivanova")
    for n in range(1, 7):
        store.update(fresh_db, "events", new, {"participants_count": n}, user="ivanova")
    history = event_history(fresh_db, new, limit=4)
    assert len(history) == 5 and history[-1] == "и ещё 3 изменения"
    assert history[0].endswith("ivanova: изменено: участников 5 → 6")
    assert event_history(fresh_db, new, limit=6)[-1] == "и ещё 1 изменение"


def test_a_repeating_event_says_how_it_repeats(demo_db):
    new = add_event(demo_db, EventDraft(
        title="Онлайн-час наставников", kind=EventKind.ONLINE_HOUR,
        start=datetime(2026, 11, 24, 15), end=datetime(2026, 11, 24, 16),
        format="online", online_url="https://example.org/hour",
        recurrence=Recurrence(Frequency.WEEKLY, until=date(2027, 5, 25),
                              exdates=(date(2027, 1, 5), date(2026, 12, 29)))), user="ivanova")
    fields = dict(event_detail(demo_db, new).fields)
    assert fields["Повторение"] == ("каждую неделю по вторникам до 25 мая 2027 г., "
                                    "кроме 29 декабря 2026 г. и 5 января 2027 г.")
    assert "Повторение" not in dict(event_detail(demo_db, PARK_SESSION).fields)
    draft, revision = draft_of(demo_db, new)
    skipped = tuple(date(2027, 1, 5 + 7 * n) for n in range(4))
    update_event(demo_db, new, replace(draft, recurrence=Recurrence(
        Frequency.MONTHLY, count=6, exdates=skipped)), user="ivanova",
        expected_revision=revision)
    fields = dict(event_detail(demo_db, new).fields)
    assert fields["Повторение"] == ("каждый месяц 24-го числа, 6 раз, кроме 4 дат: "
                                    "05.01.2027, 12.01.2027, 19.01.2027, 26.01.2027")
    assert "повторение каждую неделю по вторникам до 25 мая 2027 г., кроме 29 декабря 2026 г. " \
           "и 5 января 2027 г. → каждый месяц 24-го числа, 6 раз, кроме 4 дат" \
           in event_history(demo_db, new)[0]
