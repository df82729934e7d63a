"""Selection rounds: applications until a deadline, decided together, all or nothing."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date

import pytest

from rcro_tui.db.connection import open_database
from rcro_tui.db.memberships import apply, get_membership, history, move
from rcro_tui.db import store
from rcro_tui.db.network import Step, add_membership, add_organization, add_program
from rcro_tui.db.rounds import add_round, decide_round, get_round, open_applications
from rcro_tui.errors import InputError
from rcro_tui.membership_rules import StepDraft
from rcro_tui.model import MembershipStatus as S
from rcro_tui.model import OrgKind, ProgramKind, Role

ORDER = "приказ ОГБУ «РЦРО» от 15.07.2022 № 257-о"


@pytest.fixture
def selection(fresh_db):
    """«Парк ЕНОТо»'s round for base organisations (June 2022) with three applications."""
    db = fresh_db
    program = add_program(db, "Парк ЕНОТо", ProgramKind.FEDERAL_SITE, user="t")
    round_id = add_round(db, program, Role.BASE, "Отбор базовых организаций 2022–2024",
                         opened_on=date(2022, 6, 2), deadline=date(2022, 6, 30), user="t")
    schools = [add_organization(db, name, OrgKind.SCHOOL, user="t")
               for name in ("МАОУ лицей № 7 г. Томска", "МАОУ СОШ № 32 г. Томска",
                            "МБОУ «Октябрьская СОШ» Томского района")]
    members = [apply(db, school, program, Role.BASE, on_date=date(2022, 6, 20 + n), user="t",
                     round_id=round_id) for n, school in enumerate(schools)]
    return db, program, round_id, schools, members


def test_a_round_approves_the_chosen_and_rejects_the_rest_with_one_document(selection):
    db, _, round_id, _, members = selection
    move(db, members[0], StepDraft(S.REVIEW, date(2022, 7, 4)), user="t")
    outcome = decide_round(db, round_id, members[:2], on_date=date(2022, 7, 15), document=ORDER,
                           valid_until=date(2024, 12, 31), user="t")
    assert set(outcome.approved) == set(members[:2]) and outcome.rejected == (members[2],)
    statuses = [get_membership(db, m) for m in members]
    assert [m.status for m in statuses] == [S.APPROVED, S.APPROVED, S.REJECTED]
    assert {m.decision_doc for m in statuses} == {ORDER}
    assert [m.valid_until for m in statuses] == [date(2024, 12, 31)] * 2 + [None]
    assert get_round(db, round_id).decided_on == date(2022, 7, 15)
    assert open_applications(db, round_id) == []
    with pytest.raises(InputError, match="уже завершён"):
        decide_round(db, round_id, [], on_date=date(2022, 7, 16), document=ORDER, user="t")


def test_a_round_decision_is_all_or_nothing(selection):
    db, _, round_id, _, members = selection
    move(db, members[2], StepDraft(S.REVIEW, date(2022, 7, 20)), user="t")  # after the order
    steps_before = db["membership_steps"].count
    with pytest.raises(InputError, match="раньше предыдущего шага"):
        decide_round(db, round_id, members[:1], on_date=date(2022, 7, 15), document=ORDER,
                     user="t")
    assert [get_membership(db, m).status for m in members] == [S.APPLIED, S.APPLIED, S.REVIEW]
    assert db["membership_steps"].count == steps_before
    assert get_round(db, round_id).decided_on is None


@pytest.mark.parametrize("approve, day, document, message", [
    ("first", date(2022, 6, 30), ORDER, "не раньше следующего дня"),
    ("first", date(2022, 7, 15), "", "укажите его"),
    ("stranger", date(2022, 7, 15), ORDER, "нет среди ждущих решения"),
])
def test_a_bad_round_decision_writes_nothing(selection, approve, day, document, message):
    db, program, round_id, schools, members = selection
    chosen = members[:1] if approve == "first" else [
        apply(db, schools[0], program, Role.HUB, on_date=date(2022, 6, 1), user="t")]
    changes = db["changes"].count
    with pytest.raises(InputError, match=message):
        decide_round(db, round_id, chosen, on_date=day, document=document, user="t")
    assert db["changes"].count == changes


def test_applications_join_only_an_open_round_of_their_programme_and_role(selection):
    db, program, round_id, schools, _ = selection
    late = add_organization(db, "МБОУ «Зырянская СОШ»", OrgKind.SCHOOL, user="t")
    with pytest.raises(InputError, match="по 30.06.2022, а заявка датирована 01.07.2022"):
        apply(db, late, program, Role.BASE, on_date=date(2022, 7, 1), user="t",
              round_id=round_id)
    with pytest.raises(InputError, match="заявка не для него"):
        apply(db, late, program, Role.HUB, on_date=date(2022, 6, 10), user="t",
              round_id=round_id)
    assert get_membership(db, apply(db, late, program, Role.BASE, on_date=date(2022, 6, 30),
                                    user="t", round_id=round_id)).round_id == round_id
    with pytest.raises(InputError, match="раньше начала отбора"):
        add_round(db, program, Role.BASE, "X", opened_on=date(2022, 6, 2),
                  deadline=date(2022, 6, 1), user="t")


def test_a_database_made_before_the_workflow_upgrades(tmp_path):
    """A database at m004 with a membership gains rounds and keeps its rows and history."""
    from sqlite_utils import Database

    from rcro_tui.db.schema import MIGRATIONS

    path = tmp_path / "m004.sqlite"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="m005_network_workflow")
    program = add_program(old, "Парк ЕНОТо", ProgramKind.FEDERAL_SITE, user="t")
    school = store.insert(old, "organizations", {  # as the version before m006 wrote it
        "name": "МАОУ лицей № 7 г. Томска", "kind": OrgKind.SCHOOL.value}, user="t")
    member = add_membership(old, school, program, Role.BASE,
                            [Step(S.APPLIED, date(2022, 6, 20))], user="t")
    old.close()
    shutil.copyfile(path, tmp_path / "keep.sqlite")
    assert "selection_rounds" not in {r[0] for r in sqlite3.connect(tmp_path / "keep.sqlite")
                                      .execute("SELECT name FROM sqlite_master")}
    db = open_database(path)
    assert get_membership(db, member).round_id is None
    round_id = add_round(db, program, Role.BASE, "Отбор", opened_on=date(2022, 6, 2),
                         deadline=date(2022, 6, 30), user="t")
    assert round_id == 1 and len(history(db, member)) == 1
    assert apply(db, school, program, Role.HUB, on_date=date(2022, 6, 21), user="t",
                 round_id=None) != member
    assert list(tmp_path.glob("m004.sqlite.before-m005_network_workflow.bak"))
    db.close()
