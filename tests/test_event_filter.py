"""EventFilter and search on real data: FTS5 with «ё» = «е», filters that combine, chips, names."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from rcro_tui.errors import InputError
from rcro_tui.model import DistrictKind, EventFormat, EventKind, EventStatus, OrgKind, Visibility
from rcro_tui.db import store
from rcro_tui.db.event_filter import EventFilter, fts_query
from rcro_tui.db.event_list import event_list_view, event_records, list_period
from rcro_tui.db.events import AudienceSegment, EventDraft, add_event
from rcro_tui.db.filter_labels import ALL_EVENTS, chips, filter_options, summary
from rcro_tui.db.filter_names import resolve_code, resolve_id
from rcro_tui.db.network import add_district, add_organization
from rcro_tui.db.occurrences import occurrences
from rcro_tui.rules import AcademicYear

YEAR = AcademicYear(2026)


def found(db, flt: EventFilter, year: AcademicYear = YEAR) -> list[str]:
    return [item.title for item in occurrences(db, year.first_day, year.last_day, flt)]


def ids(db, flt: EventFilter) -> set[int]:
    return {item.event_id for item in occurrences(db, YEAR.first_day, YEAR.last_day, flt)}


@pytest.fixture
def small(fresh_db):
    """Two events whose words differ only by «ё»/«е» and case, one host that gets renamed."""
    district = add_district(fresh_db, "Томский район", DistrictKind.MUNICIPAL_DISTRICT, user="t")
    school = add_organization(fresh_db, "МБОУ «Богашевская СОШ им. А.И. Фёдорова»", OrgKind.SCHOOL,
                              user="t", district_id=district, short_name="Богашевская СОШ")
    day = datetime(2026, 12, 25, 10)
    add_event(fresh_db, EventDraft("Новогодняя ёлка для отличников", EventKind.FESTIVAL, day,
                                   day.replace(hour=12), host_org_id=school, venue="Актовый зал",
                                   grades=(1, 4)), user="t")
    add_event(fresh_db, EventDraft("ЕЛКА ЖЕЛАНИЙ", EventKind.OTHER, day, day.replace(hour=13),
                                   venue="Холл", description="Ещё одна ёлочка",
                                   audience=[AudienceSegment("Педагоги начальной школы")]),
              user="t")
    return fresh_db, school


@pytest.mark.parametrize("typed", ["ёлка", "елка", "ЁЛКА", "Елк", "ёлк"])
def test_search_ignores_case_and_yo(small, typed):
    db, _ = small
    assert sorted(found(db, EventFilter(text=typed))) == [
        "ЕЛКА ЖЕЛАНИЙ", "Новогодняя ёлка для отличников"]


def test_search_looks_at_descriptions_venues_and_host_names(small):
    db, _ = small
    assert found(db, EventFilter(text="ёлочка")) == ["ЕЛКА ЖЕЛАНИЙ"]
    assert found(db, EventFilter(text="актовый")) == ["Новогодняя ёлка для отличников"]
    assert found(db, EventFilter(text="федорова")) == ["Новогодняя ёлка для отличников"]
    assert found(db, EventFilter(text="богашевская ёлка")) == ["Новогодняя ёлка для отличников"]


def test_a_renamed_host_is_found_by_its_new_name_only(small):
    db, school = small
    store.update(db, "organizations", school, {"name": "МАОУ «Лицей Солнечный»",
                                               "short_name": "Лицей Солнечный"}, user="t")
    assert found(db, EventFilter(text="солнечный")) == ["Новогодняя ёлка для отличников"]
    assert found(db, EventFilter(text="богашевская")) == []


@pytest.mark.parametrize("typed", ['"', '«ёлка»', "ёлка*", "-ёлка", "ёлка OR", "NOT", "a AND",
                                   "(", ")", "^", ":", "ёлка: 2026", "\\", "'", "* * *",
                                   "NEAR(ёлка", "ё\u0308лка", "   "])
def test_anything_a_person_types_is_a_valid_query(small, typed):
    db, _ = small
    found(db, EventFilter(text=typed))  # must not raise


def test_fts_query_quotes_every_word_as_a_prefix():
    assert fts_query('«Ёлка» -2026* "xy"') == '"елка"* "2026"* "xy"*'
    assert fts_query(" *- «» ") == ""


def test_fts_query_leaves_out_single_letters_but_keeps_single_digits():
    assert fts_query("о") == ""
    assert fts_query("СОШ № 4 г Томск") == '"сош"* "4"* "томск"*'


def test_prefix_words_on_the_demo(demo_db):
    titles = found(demo_db, EventFilter(text="олимп"))
    assert ("Онлайн-час с муниципальными координаторами по работе с одарёнными детьми: старт "
            "олимпиадного сезона") in titles  # «олимп» is a prefix of «олимпиадного»
    assert "Региональный этап ВсОШ по математике" not in titles  # no word starts with «олимп»
    both = found(demo_db, EventFilter(text="олимп матем"))
    assert both and set(both) < set(titles)
    assert all("матем" in title.lower() for title in both)


def test_filters_combine_with_and(demo_db):
    olympiads = ids(demo_db, EventFilter(kinds=("olympiad",)))
    in_person = ids(demo_db, EventFilter(formats=("in_person",)))
    both = ids(demo_db, EventFilter(kinds=("olympiad",), formats=("in_person",)))
    assert both == olympiads & in_person and both and both != olympiads
    either_kind = ids(demo_db, EventFilter(kinds=("olympiad", "contest")))
    assert either_kind == olympiads | ids(demo_db, EventFilter(kinds=("contest",)))


def test_status_visibility_program_and_host(demo_db):
    cancelled = found(demo_db, EventFilter(statuses=("cancelled",)))
    assert cancelled and all(
        row["status"] == "cancelled" for row in demo_db.query(
            "SELECT status FROM events WHERE title IN (%s)" % ",".join("?" * len(cancelled)),
            cancelled))
    trc = resolve_id(demo_db, "programs", "ТРЦ", option="--program")
    for item in occurrences(demo_db, YEAR.first_day, YEAR.last_day,
                            EventFilter(program_ids=(trc,), visibilities=("public",))):
        assert item.program == "ТРЦ" and item.visibility == "public"


def test_district_includes_stage_sessions_held_there(demo_db):
    tomsky = resolve_id(demo_db, "districts", "Томский", option="--district")
    event = 118  # a municipal stage without a host: only its session ties it to a district
    assert event not in ids(demo_db, EventFilter(district_ids=(tomsky,)))
    demo_db.execute("UPDATE stage_sessions SET district_id = ? WHERE event_id = ?", [tomsky, event])
    hits = ids(demo_db, EventFilter(district_ids=(tomsky,)))
    assert event in hits
    hosted = {row[0] for row in demo_db.execute(
        "SELECT e.id FROM events e JOIN organizations o ON o.id = e.host_org_id "
        "WHERE o.district_id = ? AND e.start_at >= '2026-09-01' AND e.start_at < '2027-09-01'",
        [tomsky])}
    assert hosted and hosted < hits


def test_grade_keeps_events_whose_range_holds_it(demo_db):
    items = occurrences(demo_db, YEAR.first_day, YEAR.last_day, EventFilter(grade=8))
    assert items
    for item in items:
        low, high = item.grades
        assert (low or high) <= 8 <= (high or low)
    assert "Региональный этап олимпиады имени Дж. К. Максвелла по физике для обучающихся 7-8 " \
           "классов" in [i.title for i in items]
    assert not occurrences(demo_db, YEAR.first_day, YEAR.last_day,
                           EventFilter(grade=8, text="Тайны науки"))  # 5–7 only


def test_audience_matches_part_of_who_without_case_or_yo(small):
    db, _ = small
    assert found(db, EventFilter(audience="педагоги")) == ["ЕЛКА ЖЕЛАНИЙ"]
    assert found(db, EventFilter(audience="НАЧАЛЬНОЙ")) == ["ЕЛКА ЖЕЛАНИЙ"]
    assert found(db, EventFilter(audience="родители")) == []


def test_date_range_narrows_the_window(demo_db):
    december = EventFilter(first_day=date(2026, 12, 1), last_day=date(2026, 12, 31))
    items = occurrences(demo_db, YEAR.first_day, YEAR.last_day, december)
    assert items and all(i.last_day >= date(2026, 12, 1) and i.first_day <= date(2026, 12, 31)
                         for i in items)


def test_json_round_trip_and_without():
    flt = EventFilter(text="ёлка", program_ids=(1, 2), kinds=("olympiad",), grade=8,
                      first_day=date(2026, 12, 1), last_day=date(2026, 12, 31))
    assert EventFilter.from_json(flt.to_json()) == flt
    assert EventFilter.from_json("") == EventFilter()
    assert flt.without("dates").first_day is None and flt.without("dates").last_day is None
    assert flt.without("kinds").kinds == () and flt.without("kinds").grade == 8
    assert EventFilter(kinds=("forum",)).merged(EventFilter(grade=5)) == EventFilter(
        kinds=("forum",), grade=5)
    with pytest.raises(InputError, match="повреждён"):
        EventFilter.from_json('{"grade": "восьмой"}')


def test_chips_name_everything_in_russian(demo_db):
    trc = resolve_id(demo_db, "programs", "ТРЦ", option="--program")
    tomsky = resolve_id(demo_db, "districts", "Томский район", option="--district")
    flt = EventFilter(text="олимп", program_ids=(trc,), district_ids=(tomsky,),
                      kinds=("olympiad", "contest"), statuses=("planned",),
                      visibilities=("public",), formats=("in_person",), audience="педагоги",
                      grade=8, first_day=date(2026, 12, 1), last_day=date(2026, 12, 31))
    assert [text for _, text in chips(demo_db, flt)] == [
        "Программа: ТРЦ", "Район: Томский район", "Вид: олимпиада, конкурс",
        "Статус: запланировано", "Доступ: для всех", "Формат: очный", "Аудитория: педагоги",
        "Класс: 8", "Даты: 01.12.2026–31.12.2026", "Поиск: олимп"]
    for name, _ in chips(demo_db, flt):
        assert name not in [n for n, _ in chips(demo_db, flt.without(name))]
    assert chips(demo_db, EventFilter(first_day=date(2026, 12, 1))) == [
        ("first_day", "С 01.12.2026")]
    assert chips(demo_db, EventFilter(last_day=date(2026, 12, 31))) == [
        ("last_day", "По 31.12.2026")]
    assert summary(demo_db, EventFilter()) == ALL_EVENTS
    host = resolve_id(demo_db, "organizations", "Богашевская", option="--host")
    assert chips(demo_db, EventFilter(host_org_ids=(host,))) == [
        ("host_org_ids", "Организатор: Богашевская СОШ")]


def test_options_offer_hosts_that_host_events_or_all(demo_db):
    options = filter_options(demo_db)
    everyone = filter_options(demo_db, all_hosts=True)
    assert len(options.programs) == 7 and len(options.districts) == 20
    assert options.districts[0].label == "г. Томск"
    assert 0 < len(options.hosts) < len(everyone.hosts) == demo_db["organizations"].count
    assert [c.label for c in options.kinds][:2] == ["олимпиада", "конференция"]
    assert [c.value for c in options.formats] == ["in_person", "online", "hybrid"]
    assert {c.label for c in options.statuses} == {s.label for s in EventStatus}
    assert {c.value for c in options.visibilities} == {v.value for v in Visibility}
    bogashevo = next(c for c in options.hosts if "Богашевская" in c.label)
    assert bogashevo.label == "Богашевская СОШ (Томский район)" and "Фёдорова" in bogashevo.search


def test_names_resolve_or_explain(demo_db):
    assert resolve_id(demo_db, "organizations", "богашевская сош им. а.и. федорова",
                      option="--host") == resolve_id(demo_db, "organizations", "Богашевская",
                                                     option="--host")
    with pytest.raises(InputError, match="подходит несколько.*СОШ № 32"):
        resolve_id(demo_db, "organizations", "СОШ", option="--host")
    with pytest.raises(InputError, match="не найдено"):
        resolve_id(demo_db, "districts", "Марсианский", option="--district")
    with pytest.raises(InputError, match="нет такого номера"):
        resolve_id(demo_db, "programs", "999", option="--program")
    assert resolve_code(EventKind, "Олимпиада", option="--kind") == "olympiad"
    assert resolve_code(EventFormat, "online", option="--event-format") == "online"
    with pytest.raises(InputError, match="Можно: очный, дистанционный, смешанный"):
        resolve_code(EventFormat, "заочный", option="--event-format")


def test_list_view_and_records_agree(demo_db):
    flt = EventFilter(kinds=("olympiad",), statuses=("planned", "cancelled"))
    view = event_list_view(demo_db, flt, YEAR.first_day, YEAR.last_day)
    records = event_records(demo_db, flt, YEAR.first_day, YEAR.last_day)
    assert len(view.rows) == len(records) > 0
    assert view.columns == ("Дата", "Время", "Мероприятие", "Вид", "Формат", "Статус",
                            "Организатор", "Район")
    assert [r["id"] for r in records] == view.keys
    assert all(r["uid"].startswith(f"event-{r['id']}@") for r in records)


def test_cancelled_events_are_marked_in_the_list(demo_db):
    view = event_list_view(demo_db, EventFilter(statuses=("cancelled",)), YEAR.first_day,
                           YEAR.last_day)
    assert view.rows and all(row[2].startswith("ОТМЕНЕНО: ") for row in view.rows)


def test_repeating_events_show_each_time(fresh_db):
    from rcro_tui.recurrence import Recurrence

    start = datetime(2026, 10, 7, 15)
    add_event(fresh_db, EventDraft("Клуб 4К", EventKind.OTHER, start, start.replace(hour=16),
                                   format=EventFormat.ONLINE, online_url="https://example.ru",
                                   recurrence=Recurrence.parse("FREQ=WEEKLY;COUNT=4", "")),
              user="t")
    records = event_records(fresh_db, EventFilter(text="клуб"), YEAR.first_day, YEAR.last_day)
    assert [r["start"] for r in records] == ["2026-10-07T15:00", "2026-10-14T15:00",
                                             "2026-10-21T15:00", "2026-10-28T15:00"]
    assert {r["online_url"] for r in records} == {"https://example.ru"}


def test_list_period():
    today = date(2026, 11, 23)
    assert list_period(EventFilter(), None, today) == (date(2026, 9, 1), date(2027, 8, 31))
    assert list_period(EventFilter(), AcademicYear(2022), today) == (date(2022, 9, 1),
                                                                     date(2023, 8, 31))
    assert list_period(EventFilter(first_day=date(2030, 1, 5)), None, today) == (
        date(2030, 1, 5), date(2030, 8, 31))
    assert list_period(EventFilter(last_day=date(2022, 4, 19)), None, today) == (
        date(2021, 9, 1), date(2022, 4, 19))


def test_filters_that_find_the_same_events_compare_equal_as_the_database_sees_them():
    assert EventFilter(text="о").finds_as() == EventFilter().finds_as()
    assert EventFilter(text="олимп ").finds_as() == EventFilter(text="  Олимп").finds_as()
    assert EventFilter(text="олимп").finds_as() != EventFilter(text="олимпиада").finds_as()
    assert EventFilter(text="о", kinds=("olympiad",)).finds_as() \
        != EventFilter(text="о").finds_as()
