"""The printable tables as data: what each holds on the demo region and on small hand-made
ones, and the demo's tables as golden text (RCRO_UPDATE_GOLDEN=1 rewrites them; read the
diff before committing)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from conftest import TODAY
from rcro_tui.db.entries import EntryDraft, add_entry
from rcro_tui.db.event_filter import EventFilter
from rcro_tui.db.feed_events import events_between
from rcro_tui.db.feed_members import plan_feeds
from rcro_tui.db.network_overview import matrix_view
from rcro_tui.db.occurrences import occurrences
from rcro_tui.db.stages import add_competition, add_stage
from rcro_tui.db.table_list import BY_NAME, TABLES
from rcro_tui.db.table_params import resolve
from rcro_tui.db.tables import Printable, TableParams, build_table
from rcro_tui.db.tables_engagement import delta_text
from rcro_tui.errors import UserError
from rcro_tui.exports.table_formats import table_text
from rcro_tui.feed_scope import FeedKind
from rcro_tui.i18n import MONTHS_NOMINATIVE
from rcro_tui.model import EventKind, HighRatedList, StageLevel
from rcro_tui.rules import AcademicYear
from stage_data import USER, build_region

YEAR = AcademicYear(2026)
GOLDEN = Path(__file__).parent / "data" / "golden" / "tables"
DEMO_PARAMS = TableParams(year=YEAR, program_id=1, district_id=9, org_id=1, stage_id=5,
                          today=TODAY)
"""Programme 1 «Образование через коммуникацию», Зырянский район, ОГБУ «РЦРО», the ВсОШ
school stage (which has a next stage, so its protocol says who passes)."""


def table(db, name: str, **changes) -> Printable:
    params = TableParams(**{**DEMO_PARAMS.__dict__, **changes})
    return build_table(db, BY_NAME[name], params)


@pytest.mark.parametrize("spec", TABLES, ids=lambda spec: spec.name)
def test_each_demo_table_matches_its_golden_text(demo_db, spec):
    made = table_text(build_table(demo_db, spec, DEMO_PARAMS), "plain")
    golden = GOLDEN / f"{spec.name}.txt"
    if os.environ.get("RCRO_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(made, "utf-8")
    assert made == golden.read_text("utf-8")


def test_the_year_calendar_is_grouped_by_month_in_date_order(demo_db):
    calendar = table(demo_db, "calendar")
    assert calendar.groups[0].title == "Сентябрь 2026"
    assert calendar.groups[-1].title.endswith("2027")
    assert calendar.groups[0].start == 0 and calendar.groups[-1].stop == len(calendar.view.rows)
    for group in calendar.groups:
        month = MONTHS_NOMINATIVE.index(group.title.split()[0].lower()) + 1
        days = [row[0] for row in calendar.view.rows[group.start:group.stop]]
        assert all(int(day[3:5]) == month for day in days), group.title
        assert [d[6:] + d[3:5] + d[:2] for d in days] == sorted(d[6:] + d[3:5] + d[:2]
                                                                 for d in days)
    assert calendar.subtitle == f"{len(calendar.view.rows)} мероприятий"


def test_the_public_calendar_leaves_out_members_and_internal_events(demo_db):
    everything = set(table(demo_db, "calendar").view.keys)
    public = set(table(demo_db, "calendar", public_only=True).view.keys)
    hidden = {row[0] for row in demo_db.execute(
        "SELECT id FROM events WHERE visibility != 'public'")}
    assert public and hidden & everything
    assert public == everything - hidden


def test_a_programmes_and_a_districts_tables_hold_only_their_events(demo_db):
    program = table(demo_db, "program")
    ids = {row[0] for row in demo_db.execute("SELECT id FROM events WHERE program_id = 1")}
    assert program.view.rows and set(program.view.keys) <= ids
    district = table(demo_db, "district")
    assert "Зырянский район" in district.view.title
    assert all("Зырянский район" in row[2] or row[4] == "Зырянская СОШ"
               for row in district.view.rows)


@pytest.mark.parametrize("public_only", [False, True])
def test_each_programmes_and_districts_table_is_the_calendars_filter(demo_db, public_only):
    """Narrowed in memory from the year read once: the same events, in the same order, as
    the calendar's own SQL filter picks (a stage session counts for its district)."""
    visible = ("public",) if public_only else ()
    programs = [row[0] for row in demo_db.execute("SELECT id FROM programs")]
    districts = [row[0] for row in demo_db.execute("SELECT id FROM districts")]
    # A session held away from its host's district counts for the session's district.
    moved = demo_db.execute(
        "SELECT s.id, o.district_id FROM stage_sessions s JOIN events e ON e.id = s.event_id "
        "JOIN organizations o ON o.id = e.host_org_id WHERE e.visibility = 'public' "
        "AND e.start_at >= ? LIMIT 1", [YEAR.first_day.isoformat()]).fetchone()
    away = next(key for key in districts if key != moved[1])
    with demo_db.conn:
        demo_db.execute("UPDATE stage_sessions SET district_id = ? WHERE id = ?",
                        [away, moved[0]])
    assert len(programs) > 3 and len(districts) == 20
    cases = [("program", {"program_id": key}, EventFilter(visibilities=visible,
                                                          program_ids=(key,)))
             for key in programs]
    cases += [("district", {"district_id": key}, EventFilter(visibilities=visible,
                                                             district_ids=(key,)))
              for key in districts]
    for name, params, flt in cases:
        made = table(demo_db, name, public_only=public_only, **params)
        picked = occurrences(demo_db, YEAR.first_day, YEAR.last_day, flt)
        assert made.view.keys == [item.event_id for item in picked], (name, params)


def test_an_organisations_schedule_is_what_its_private_feed_holds_in_the_year(demo_db):
    schedule = table(demo_db, "schedule", org_id=31)
    feed = next(f for f in plan_feeds(demo_db, events_between(demo_db, YEAR.first_day,
                                                              YEAR.last_day))
                if f.kind is FeedKind.ORGANIZATION and f.owner_id == 31)
    assert schedule.view.rows
    assert set(schedule.view.keys) == feed.event_ids


def test_the_network_is_the_sections_matrix_with_capitalised_roles(demo_db):
    network = table(demo_db, "network")
    matrix = matrix_view(demo_db, 1, TODAY)
    assert network.view.rows == matrix.rows
    assert network.view.columns[:2] == ("Муниципальное образование", "Опорная школа")


def test_a_protocol_groups_subjects_and_says_who_passes(demo_db):
    protocol = table(demo_db, "protocol")
    assert protocol.view.columns[-1] == "Проходит"
    assert [g.title for g in protocol.groups][:2] == ["астрономия", "биология"]
    first = protocol.view.rows[protocol.groups[0].start]
    assert first[0] == "1" and first[-1] in ("да", "нет", "решает координатор")
    final = table(demo_db, "protocol", stage_id=7)  # regional stage: the final has no entries
    assert "Проходит" in final.view.columns
    last = table(demo_db, "protocol", stage_id=8)
    assert "Проходит" not in last.view.columns and not last.view.rows


def test_rankings_restart_the_places_in_each_district(demo_db):
    rankings = table(demo_db, "rankings")
    firsts = []
    for group in rankings.groups:
        district = group.title.split(" · ")[0]
        rows = rankings.view.rows[group.start:group.stop]
        assert rows[0][0] in ("1", "—") or rows[0][0].startswith("1–")
        assert {row[4] for row in rows} == {district}
        firsts.append(rows[0][0])
    assert len(rankings.groups) > 20 and firsts.count("1") > 20


def test_a_table_that_needs_a_parameter_says_which_in_russian(demo_db):
    with pytest.raises(UserError, match="нужен параметр: программа"):
        build_table(demo_db, BY_NAME["program"], TableParams(year=YEAR))
    with pytest.raises(UserError, match="Этап № 999 не найден"):
        table(demo_db, "protocol", stage_id=999)
    with pytest.raises(UserError, match="Программа № 999 не найдена"):
        table(demo_db, "network", program_id=999)


def test_names_find_what_a_table_is_of(demo_db):
    assert resolve(demo_db, "district", "  зырянский  РАЙОН ") == 9
    assert resolve(demo_db, "district", "9") == 9
    assert resolve(demo_db, "program", "Образование через коммуникацию") == 1
    with pytest.raises(UserError, match="Муниципалитет «Нигде» не найден"):
        resolve(demo_db, "district", "Нигде")


def test_the_same_name_twice_is_an_error_listing_both(fresh_db):
    region = build_region(fresh_db)
    add_stage(fresh_db, region.competition, 2, StageLevel.FINAL, "Региональный этап",
              user=USER)
    with pytest.raises(UserError, match="подходит нескольким: № 1 .*№ 2"):
        resolve(fresh_db, "stage", "региональный этап")


@pytest.mark.parametrize("now, before, text", [(5, 3, "+2"), (3, 5, "−2"), (4, 4, "0"),
                                               (4, None, "—"), (0, 0, "0")])
def test_changes_have_a_sign_and_a_dash_for_no_data(now, before, text):
    assert delta_text(now, before) == text


def _high_rated(db, region, year: int, title: str):
    competition = add_competition(db, title, EventKind.OLYMPIAD, year, user=USER,
                                  high_rated=HighRatedList.MINPROS)
    stages = [add_stage(db, competition, n, level, name, user=USER) for n, level, name in (
        (1, StageLevel.SCHOOL, "Школьный этап"), (2, StageLevel.MUNICIPAL, "Муниципальный"))]
    return stages


def test_engagement_counts_each_pupil_once_and_compares_with_the_year_before(fresh_db):
    region = build_region(fresh_db)
    old = _high_rated(fresh_db, region, 2025, "Олимпиада 2025")
    new = _high_rated(fresh_db, region, 2026, "Олимпиада 2026")
    entry = lambda stage, name, org, result="participant", subject="": add_entry(  # noqa: E731
        fresh_db, stage, EntryDraft(name, 8, org, subject=subject, result=result), user=USER)
    entry(old[0], "Иванов Иван", region.kozh2)
    entry(old[0], "Петров Пётр", region.kozh2, "winner")
    entry(new[0], "Иванов Иван", region.kozh2)
    entry(new[1], "Иванов  иван", region.kozh2, "prize")  # the same pupil, a later stage
    entry(new[0], "Сидорова Анна", region.urtam, "winner")
    entry(new[0], "Сидорова Анна", region.zyr1)  # a namesake at another school
    entry(region.stage, "Не из перечня", region.kozh2, "winner", "физика")  # not on a list
    view = build_table(fresh_db, BY_NAME["engagement"], TableParams(year=YEAR)).view
    rows = {row[0]: row[1:] for row in view.rows}
    assert rows["Кожевниковский район"] == ("2", "0", "1", "0", "1", "+1")
    assert rows["Зырянский район"] == ("1", "+1", "0", "0", "0", "0")
    assert rows["Итого по области"] == ("3", "+1", "1", "0", "1", "+1")
    earliest = build_table(fresh_db, BY_NAME["engagement"],
                           TableParams(year=AcademicYear(2025))).view
    assert {row[0]: row[1:] for row in earliest.rows}["Кожевниковский район"] == (
        "2", "—", "1", "—", "0", "—")


def test_an_empty_year_prints_its_empty_sentence(fresh_db):
    calendar = build_table(fresh_db, BY_NAME["calendar"], TableParams(year=YEAR))
    assert table_text(calendar) == ("Календарь образовательных событий на 2026/2027 учебный год"
                                     "\n0 мероприятий\nНа 2026/2027 учебный год мероприятий нет.\n")


def test_every_public_table_has_no_childrens_names():
    assert {spec.name for spec in TABLES if spec.public} == {"calendar", "program", "district",
                                                               "network"}


def test_tables_read_today_only_through_their_parameters(demo_db):
    assert table(demo_db, "calendar", year=None, today=date(2027, 1, 10)).view.title == \
        table(demo_db, "calendar").view.title
