"""Competitions, stages and sessions on a fresh database: the db calls behind «Отборы»."""

from __future__ import annotations

from datetime import date

import pytest

from rcro_tui.db import store
from rcro_tui.db.competitions import (FormError, competitions_view, delete_competition,
                                      footprint, get_competition, read_competition,
                                      save_competition)
from rcro_tui.db.network import add_district, add_organization, add_program
from rcro_tui.db.stage_edit import delete_question, delete_stage, move_stage, read_stage, save_stage
from rcro_tui.db.stage_list import sessions_view, stage_header, stages_view
from rcro_tui.db.stage_sessions import (create_online_session, create_org_session,
                                        create_sessions, propose_sessions, remove_session)
from rcro_tui.db.stages import add_entry
from rcro_tui.errors import UserError
from rcro_tui.model import DistrictKind, OrgKind, ProgramKind, Role

U = "ivanova"


@pytest.fixture
def region(fresh_db):
    """Three districts; hubs of the programme in two (one expired), a school in the third."""
    db = fresh_db
    program = add_program(db, "Образование через коммуникацию", ProgramKind.REGIONAL_NETWORK, user=U)
    names = ("Кожевниковский район", "Томский район", "Шегарский район")
    districts = [add_district(db, name, DistrictKind.MUNICIPAL_DISTRICT, user=U, sort_order=i)
                 for i, name in enumerate(names)]
    orgs = [add_organization(db, f"Школа {i}", OrgKind.SCHOOL, user=U, district_id=d,
                             address=f"ул. Школьная, {i}")
            for i, d in enumerate(districts)]
    for org, until in ((orgs[0], None), (orgs[1], "2020-08-31")):
        store.insert(db, "memberships", {"organization_id": org, "program_id": program,
                                         "role": Role.HUB.value, "status": "approved",
                                         "valid_until": until}, user=U)
    competition = save_competition(db, read_competition({
        "title": "Весенний переполох", "kind": "festival", "year": "2026/2027",
        "program": program, "grades": "5–11"}), user=U)
    stage = save_stage(db, read_stage({"level": "selection", "start": "19.04.2027",
                                       "reg_start": "01.03.2027", "reg_end": "10.04.2027"}),
                       user=U, competition_id=competition)
    return db, competition, stage, orgs, districts


def test_the_form_reads_every_problem_at_once():
    with pytest.raises(FormError) as caught:
        read_competition({"title": "", "kind": "", "year": "2026/2028", "grades": "9–5"})
    assert set(caught.value.problems) == {"title", "kind", "year", "grades"}
    with pytest.raises(FormError) as caught:
        read_stage({"level": "other", "start": "20.04.2027", "end": "19.04.2027",
                    "max_score": "сто"})
    assert set(caught.value.problems) == {"name", "end", "max_score"}
    assert read_stage({"level": "other", "name": "Очный тур", "max_score": "42,5"}).max_score == 42.5


def test_proposals_are_the_active_hub_schools_and_the_districts_without_one(region):
    db, _, stage, orgs, _ = region
    found = propose_sessions(db, stage)
    assert [(p.district, p.host, p.chosen) for p in found.items] == [
        ("Кожевниковский район", "Школа 0", True)]
    assert found.without_hub == ["Томский район", "Шегарский район"]  # the hub there expired
    assert found.program == "Образование через коммуникацию"


def test_created_sessions_are_calendar_events_at_the_hub_school(region):
    db, competition, stage, orgs, districts = region
    [session] = create_sessions(db, stage, propose_sessions(db, stage).items, user=U)
    event = db.execute("SELECT e.* FROM events e JOIN stage_sessions ss ON ss.event_id = e.id "
                       "WHERE ss.id = ?", [session]).fetchone()
    row = dict(zip([c[0] for c in db.execute("SELECT * FROM events").description], event))
    assert row["title"] == "Весенний переполох: отборочный этап — Кожевниковский район"
    assert (row["kind"], row["format"], row["visibility"], row["status"]) == (
        "festival", "in_person", "public", "planned")
    assert (row["host_org_id"], row["venue"], row["start_at"], row["reg_end_at"]) == (
        orgs[0], "ул. Школьная, 0", "2027-04-19", "2027-04-10")
    assert propose_sessions(db, stage).already == ["Школа 0"]  # not proposed twice
    assert sessions_view(db, stage).rows == [
        ("Кожевниковский район", "Школа 0", "19.04.2027", "очный", "запланировано", "0")]


def test_creating_is_all_or_nothing(region):
    db, competition, stage, orgs, _ = region
    undated = save_stage(db, read_stage({"level": "final"}), user=U, competition_id=competition)
    with pytest.raises(UserError, match="укажите даты этапа"):
        create_sessions(db, undated, propose_sessions(db, undated).items, user=U)
    assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 0


def test_the_final_event_follows_the_final_stages_single_session(region):
    db, competition, stage, orgs, _ = region
    final = save_stage(db, read_stage({"level": "final", "start": "15.05.2027"}), user=U,
                       competition_id=competition)
    session = create_org_session(db, final, orgs[2], user=U)
    event_id = db.execute("SELECT event_id FROM stage_sessions WHERE id = ?", [session]).fetchone()[0]
    assert get_competition(db, competition)["final_event_id"] == event_id
    online = create_online_session(db, stage, user=U)
    assert sessions_view(db, stage).rows[0][:4] == ("все районы", "—", "19.04.2027", "дистанционный")
    remove_session(db, session, user=U)
    assert get_competition(db, competition)["final_event_id"] is None
    assert db.execute("SELECT status FROM events WHERE id = ?", [event_id]).fetchone()[0] == "cancelled"
    assert online


def test_a_cancelled_event_is_shown_marked(region):
    db, _, stage, _, _ = region
    [session] = create_sessions(db, stage, propose_sessions(db, stage).items, user=U)
    db.execute("UPDATE events SET status = 'cancelled'")
    assert sessions_view(db, stage).rows[0][4] == "ОТМЕНЕНО"


def test_stages_keep_unique_positions_when_moved_and_deleted(region):
    db, competition, stage, _, _ = region
    second = save_stage(db, read_stage({"level": "regional"}), user=U, competition_id=competition)
    third = save_stage(db, read_stage({"level": "final"}), user=U, competition_id=competition)
    assert move_stage(db, third, -1, user=U)
    assert not move_stage(db, stage, -1, user=U)
    assert [r[1] for r in stages_view(db, competition).rows] == [
        "Отборочный этап", "Заключительный этап", "Региональный этап"]
    delete_stage(db, third, user=U)
    assert [(r[0], r[1]) for r in stages_view(db, competition).rows] == [
        ("1", "Отборочный этап"), ("2", "Региональный этап")]
    assert second


def test_a_stage_or_competition_with_participants_is_not_deleted(region):
    db, competition, stage, orgs, _ = region
    [session] = create_sessions(db, stage, propose_sessions(db, stage).items, user=U)
    add_entry(db, stage, "Иванов Иван", user=U, session_id=session, grade=7)
    text, allowed = delete_question(db, stage)
    assert not allowed and "1 участник" in text
    with pytest.raises(UserError, match="1 участник"):
        delete_competition(db, competition, user=U)
    with pytest.raises(UserError, match="перенесите"):
        remove_session(db, session, user=U)


def test_deleting_a_competition_cancels_its_sessions_events(region):
    db, competition, stage, _, _ = region
    create_sessions(db, stage, propose_sessions(db, stage).items, user=U)
    assert "(1)" in footprint(db, competition).question()
    delete_competition(db, competition, user=U)
    assert db.execute("SELECT count(*) FROM stages").fetchone()[0] == 0
    assert [r[0] for r in db.execute("SELECT status FROM events")] == ["cancelled"]


def test_edits_name_the_revision_they_started_from(region):
    db, competition, _, _, _ = region
    draft = read_competition({"title": "Весенний переполох — 2027", "kind": "festival",
                              "year": "2026/2027"})
    save_competition(db, draft, user=U, competition_id=competition, expected_revision=1)
    with pytest.raises(store.ConflictError):
        save_competition(db, draft, user=U, competition_id=competition, expected_revision=1)
    duplicate = read_competition({"title": "Весенний переполох — 2027", "kind": "contest",
                                  "year": "2026"})
    with pytest.raises(FormError, match="уже есть"):
        save_competition(db, duplicate, user=U)


def test_the_list_filters_by_year_and_words(region):
    db, competition, stage, _, _ = region
    assert [r[1] for r in competitions_view(db, 2026, "ПЕРЕПОЛОХ").rows] == ["Весенний переполох"]
    assert competitions_view(db, 2025).rows == []
    assert competitions_view(db, None, "олимпиада").rows == []
    assert ("Приём заявок", "1 марта – 10 апреля 2027 г.") in stage_header(db, stage)
