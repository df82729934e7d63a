"""Organisations in the database: the editor's writes, the list's query, the card, merging."""

from __future__ import annotations

import json

import pytest

from rcro_tui.db.org_detail import org_detail
from rcro_tui.db.org_list import OrgFilter, list_orgs, org_ids
from rcro_tui.db.org_merge import merge_orgs, merge_plan, references
from rcro_tui.db.orgs import ContactDraft, OrgDraft, OrgError, add_org, draft_of, update_org
from rcro_tui.db.store import ConflictError
from rcro_tui.errors import InputError

NAME = "МБОУ «Кожевниковская СОШ № 2» „филиал“ \"Уртам\""


def test_the_official_name_is_kept_byte_for_byte(fresh_db):
    org_id = add_org(fresh_db, OrgDraft(NAME, short_name="СОШ № 2", inn="7008004480"),
                     user="t", contacts=[ContactDraft("Понамарева Г. Н.", "завуч", "+7 913",
                                                      "a@b.ru")])
    row = fresh_db.execute("SELECT name, inn, name_key FROM organizations").fetchone()
    assert row == (NAME, "7008004480", "мбоу кожевниковская сош №2 филиал уртам")
    assert row[0].encode() == NAME.encode()
    assert fresh_db.execute("SELECT name, position FROM contacts WHERE organization_id = ?",
                            [org_id]).fetchall() == [("Понамарева Г. Н.", "завуч")]


def test_every_problem_of_a_draft_is_named_under_its_field(fresh_db):
    with pytest.raises(OrgError) as caught:
        add_org(fresh_db, OrgDraft("  ", inn="7008004481", kind="zoo"), user="t")
    problems = caught.value.problems
    assert problems["name"] == "Официальное название: поле не может быть пустым."
    assert problems["inn"].startswith("ИНН «7008004481»: неверный — нужно 10 цифр")
    assert problems["kind"] == "Вид «zoo»: нет такого вида организации."
    assert fresh_db.execute("SELECT count(*) FROM organizations").fetchone()[0] == 0


def test_an_inn_belongs_to_one_organisation(fresh_db):
    add_org(fresh_db, OrgDraft("Первая", inn="7008004480"), user="t")
    with pytest.raises(OrgError, match="ИНН 7008004480 уже у организации «Первая»"):
        add_org(fresh_db, OrgDraft("Вторая", inn="7008 0044 80"), user="t")


def test_an_edit_from_an_old_revision_is_a_conflict_and_unchanged_writes_nothing(fresh_db):
    org_id = add_org(fresh_db, OrgDraft("МБОУ «Зырянская СОШ»"), user="t")
    draft, revision = draft_of(fresh_db, org_id)
    update_org(fresh_db, org_id, OrgDraft(**{**draft.__dict__, "address": "с. Зырянское"}),
               user="a", expected_revision=revision)
    with pytest.raises(ConflictError, match="другой пользователь"):
        update_org(fresh_db, org_id, OrgDraft(**{**draft.__dict__, "phone": "1"}), user="b",
                   expected_revision=revision)
    changes = fresh_db.execute("SELECT count(*) FROM changes").fetchone()[0]
    after, revision = draft_of(fresh_db, org_id)
    update_org(fresh_db, org_id, after, user="a", expected_revision=revision)
    assert fresh_db.execute("SELECT count(*) FROM changes").fetchone()[0] == changes
    assert draft_of(fresh_db, org_id)[1] == revision


def test_contacts_are_added_changed_and_removed(fresh_db):
    org_id = add_org(fresh_db, OrgDraft("Школа"), user="t",
                     contacts=[ContactDraft("А"), ContactDraft("Б")])
    first, second = fresh_db.execute("SELECT id FROM contacts ORDER BY id").fetchall()
    update_org(fresh_db, org_id, OrgDraft("Школа"), user="t",
               contacts=[ContactDraft("А.", "директор", id=first[0]), ContactDraft("В")])
    assert fresh_db.execute("SELECT id, name, position FROM contacts ORDER BY id").fetchall() == [
        (first[0], "А.", "директор"), (second[0] + 1, "В", "")]


def test_the_list_is_by_district_then_name_and_searches_keys(demo_db):
    rows = list_orgs(demo_db, OrgFilter())
    order = [r[0] for r in demo_db.execute("SELECT name FROM districts ORDER BY sort_order")]
    seen = [r.district for r in rows if r.district]
    assert sorted(set(seen), key=order.index) == list(dict.fromkeys(seen))
    assert [r.name for r in rows if r.district == "Кожевниковский район"] == [
        "МБОУ «Кожевниковская СОШ № 1»", "МБОУ «Кожевниковская СОШ № 2»", "МБОУ «Уртамская СОШ»"]
    assert rows[-1].district == "", "organisations without a district come last"
    found = list_orgs(demo_db, OrgFilter('кожевниковская "сош" N2'))
    assert [r.name for r in found] == ["МБОУ «Кожевниковская СОШ № 2»"]
    assert [r.name for r in list_orgs(demo_db, OrgFilter("7017033960"))] == [
        "ОГБУ «Региональный центр развития образования»"]


def test_filters_add_up(demo_db):
    schools = org_ids(demo_db, OrgFilter(kinds=("school",)))
    in_tomsk = org_ids(demo_db, OrgFilter(kinds=("school",), district_ids=(1,)))
    assert set(in_tomsk) < set(schools)
    hubs = list_orgs(demo_db, OrgFilter(program_ids=(1,), roles=("hub",)))
    assert "МАОУ СОШ № 58 г. Томска" in [r.name for r in hubs]
    assert all(demo_db.execute("SELECT 1 FROM memberships WHERE organization_id = ? AND "
                               "program_id = 1 AND role = 'hub'", [r.id]).fetchone() for r in hubs)
    forms = {r.legal_form for r in list_orgs(demo_db, OrgFilter(legal_forms=("МБОУ", "МАОУ")))}
    assert forms == {"МБОУ", "МАОУ"}


def test_the_card_has_contacts_memberships_events_and_sessions(demo_db):
    detail = org_detail(demo_db, 32)
    assert detail.row["name"] == "МАОУ СОШ № 32 г. Томска" and detail.district == "г. Томск"
    assert len(detail.contacts) == 1 and len(detail.memberships) == 2
    assert len(detail.hosted) == 2 and len(detail.sessions) == 2
    assert detail.attended and all("участников" in line.note for line in detail.attended)


def linked(db, org_id: int) -> dict[tuple[str, str], list[int]]:
    return {(t, c): [r[0] for r in db.execute(f"SELECT id FROM [{t}] WHERE [{c}] = ? ORDER BY id",
                                              [org_id])]
            for t, c in references(db)}


def test_merging_keeps_everything_the_duplicate_had(demo_db):
    keep, drop = 35, 32  # СОШ № 58 keeps, СОШ № 32 goes; both are participants of programme 1
    had = {key: linked(demo_db, keep)[key] + ids for key, ids in linked(demo_db, drop).items()}
    steps = demo_db.execute("SELECT count(*) FROM membership_steps").fetchone()[0]
    plan = merge_plan(demo_db, keep, drop)
    assert ("events", "host_org_id") in plan.moves and ("feed_tokens", "organization_id") in plan.moves
    assert len(plan.joined_memberships) == 1
    merge_orgs(demo_db, keep, drop, user="demo")
    after = linked(demo_db, keep)
    for key, ids in had.items():
        if key in (("memberships", "organization_id"),
                   ("event_organizations", "organization_id")):
            assert len(after[key]) == len(ids) - 1, "the shared participation became one"
        else:
            assert sorted(after[key]) == sorted(ids), key
    assert demo_db.execute("SELECT count(*) FROM membership_steps").fetchone()[0] == steps
    assert demo_db.execute("SELECT 1 FROM organizations WHERE id = ?", [drop]).fetchone() is None
    note = demo_db.execute("SELECT note FROM organizations WHERE id = ?", [keep]).fetchone()[0]
    assert "Объединена с записью «МАОУ СОШ № 32 г. Томска»." in note
    deleted = demo_db.execute("SELECT before FROM changes WHERE table_name = 'organizations' AND "
                              "row_id = ? AND action = 'delete'", [str(drop)]).fetchone()[0]
    assert json.loads(deleted)["name"] == "МАОУ СОШ № 32 г. Томска"


def test_merging_an_organisation_with_itself_is_refused(demo_db):
    with pytest.raises(InputError, match="саму с собой"):
        merge_orgs(demo_db, 5, 5, user="t")


def test_the_kept_record_takes_the_duplicates_inn(fresh_db):
    keep = add_org(fresh_db, OrgDraft("МБОУ «Зырянская СОШ»"), user="t")
    drop = add_org(fresh_db, OrgDraft('МБОУ "Зырянская СОШ"', inn="7008004480",
                                      address="с. Зырянское"), user="t")
    merge_orgs(fresh_db, keep, drop, user="t")
    row = fresh_db.execute("SELECT name, inn, address FROM organizations").fetchall()
    assert row == [("МБОУ «Зырянская СОШ»", "7008004480", "с. Зырянское")]
    assert [r.name for r in list_orgs(fresh_db, OrgFilter("7008004480"))] == [
        "МБОУ «Зырянская СОШ»"]


def test_the_list_holds_a_countrys_municipalities_in_their_order(fresh_db):
    """More districts than SQLite's 500 terms of one compound SELECT (a country: 2 000)."""
    fresh_db.conn.executemany("INSERT INTO districts (name, kind, sort_order) VALUES (?, ?, ?)",
                              [(f"Район {n}", "district", 1300 - n) for n in range(1300)])
    districts = [row[0] for row in fresh_db.execute(
        "SELECT id FROM districts ORDER BY sort_order, id")]
    fresh_db.conn.executemany(
        "INSERT INTO organizations (name, kind, district_id, search_key, created_at, "
        "updated_at) VALUES (?, 'school', ?, ?, '2026-09-01', '2026-09-01')",
        [(f"Школа {d}", d, f"школа {d}") for d in reversed(districts)] +
        [("Без района", None, "без района")])
    ids = org_ids(fresh_db, OrgFilter())
    by_id = dict(fresh_db.execute("SELECT id, district_id FROM organizations").fetchall())
    assert [by_id[i] for i in ids] == [*districts, None]
    assert len(org_ids(fresh_db, OrgFilter(text="школа"))) == 1300
