"""The membership workflow: every allowed and forbidden step, history, audit, revisions, expiry."""

from __future__ import annotations

import json
from datetime import date

import pytest

from rcro_tui.db import store
from rcro_tui.db.memberships import apply, expire_due, get_membership, history, move
from rcro_tui.db.membership_list import MemberFilter, member_records
from rcro_tui.db.network import add_district, add_organization, add_program
from rcro_tui.errors import InputError
from rcro_tui.membership_rules import (EXPIRING, TRANSITIONS, StepDraft, effective_status,
                                       expiring, parse_role, parse_status_filter, status_text)
from rcro_tui.model import DistrictKind, OrgKind, ProgramKind, Role
from rcro_tui.model import MembershipStatus as S

DOC = "приказ № 521 от 02.06.2022"
D = date(2022, 6, 2)


@pytest.fixture
def net(fresh_db):
    """A district, a school in it and a programme."""
    district = add_district(fresh_db, "Кожевниковский район", DistrictKind.MUNICIPAL_DISTRICT,
                            user="t")
    school = add_organization(fresh_db, "МБОУ «Кожевниковская СОШ № 2»", OrgKind.SCHOOL,
                              user="t", district_id=district)
    program = add_program(fresh_db, "Образование через коммуникацию",
                          ProgramKind.REGIONAL_NETWORK, user="t")
    return fresh_db, school, program, district


def reach(db, school, program, path: list[S]) -> int:
    """Apply, then take the given steps (each a day later; approvals with a term)."""
    membership = apply(db, school, program, Role.HUB, on_date=D, user="t")
    for number, status in enumerate(path, start=1):
        day = date.fromordinal(D.toordinal() + number)
        until = date(2024, 12, 31) if status == S.APPROVED else None
        if status == S.APPROVED and get_membership(db, membership).status == S.APPROVED:
            until = date(2026, 12, 31)
        if status == S.EXPIRED:
            day = date(2025, 1, 1)
        move(db, membership, StepDraft(status, day, DOC, valid_until=until), user="t")
    return membership


PATHS = {  # how to reach each status from a fresh application
    S.APPLIED: [], S.REVIEW: [S.REVIEW], S.APPROVED: [S.APPROVED], S.REJECTED: [S.REJECTED],
    S.WITHDRAWN: [S.WITHDRAWN], S.EXPIRED: [S.APPROVED, S.EXPIRED]}


@pytest.mark.parametrize("start", list(S))
@pytest.mark.parametrize("target", list(S))
def test_every_transition_is_allowed_or_refused_in_russian(net, start, target):
    db, school, program, _ = net
    membership = reach(db, school, program, PATHS[start])
    before = len(history(db, membership))
    when = date(2027, 1, 1)
    until = date(2027, 12, 31) if target == S.APPROVED else None
    step = StepDraft(target, when, DOC, valid_until=until)
    if target == S.APPLIED and start in (S.REJECTED, S.WITHDRAWN, S.EXPIRED):
        assert apply(db, school, program, Role.HUB, on_date=when, user="t") == membership
    elif target in TRANSITIONS[start]:
        move(db, membership, step, user="t")
    else:
        with pytest.raises(InputError) as refused:
            if target == S.APPLIED:
                apply(db, school, program, Role.HUB, on_date=when, user="t")
            else:
                move(db, membership, step, user="t")
        assert f"«{start.label}»" in refused.value.message
        assert len(history(db, membership)) == before
        return
    assert get_membership(db, membership).status == target
    assert [s.status for s in history(db, membership)][-1] == target
    assert len(history(db, membership)) == before + 1


def test_approval_keeps_the_document_date_and_term_and_is_audited(net):
    db, school, program, _ = net
    membership = apply(db, school, program, Role.HUB, on_date=date(2017, 9, 14), user="t",
                       note="Заявка на статус опорной школы.")
    move(db, membership, StepDraft(S.REVIEW, date(2022, 5, 20)), user="t")
    after = move(db, membership, StepDraft(S.APPROVED, D, DOC, valid_until=date(2024, 12, 31)),
                 user="ivanova")
    assert (after.status, after.decided_on, after.decision_doc, after.valid_until) == (
        S.APPROVED, D, DOC, date(2024, 12, 31))
    steps = history(db, membership)
    assert [(s.status, s.on_date, s.document) for s in steps] == [
        (S.APPLIED, date(2017, 9, 14), ""), (S.REVIEW, date(2022, 5, 20), ""),
        (S.APPROVED, D, DOC)]
    assert "Действует до 31.12.2024." in steps[-1].note and steps[-1].user == "ivanova"
    audit = [json.loads(r["after"])["status"] for r in db.query(
        "SELECT after FROM changes WHERE table_name = 'memberships' ORDER BY id")]
    assert audit == ["applied", "review", "approved"]
    assert after.revision == 3


@pytest.mark.parametrize("step, message", [
    (StepDraft(S.APPROVED, D), "укажите его"),
    (StepDraft(S.REJECTED, D, "  "), "укажите его"),
    (StepDraft(S.APPROVED, date(2017, 1, 1), DOC), "раньше предыдущего шага"),
    (StepDraft(S.APPROVED, D, DOC, valid_until=date(2022, 6, 1)), "раньше даты решения"),
    (StepDraft(S.REVIEW, D, valid_until=date(2024, 1, 1)), "только при одобрении"),
])
def test_a_step_missing_what_it_needs_is_refused(net, step, message):
    db, school, program, _ = net
    membership = apply(db, school, program, Role.HUB, on_date=date(2022, 5, 1), user="t")
    with pytest.raises(InputError, match=message):
        move(db, membership, step, user="t")
    assert get_membership(db, membership).status == S.APPLIED


def test_prolongation_needs_a_later_term_and_expiry_comes_after_the_term(net):
    db, school, program, _ = net
    membership = reach(db, school, program, [S.APPROVED])
    with pytest.raises(InputError, match="позже прежнего"):
        move(db, membership, StepDraft(S.APPROVED, date(2024, 6, 1), DOC,
                                       valid_until=date(2024, 12, 31)), user="t")
    with pytest.raises(InputError, match="не раньше 01.01.2025"):
        move(db, membership, StepDraft(S.EXPIRED, date(2024, 12, 31)), user="t")
    move(db, membership, StepDraft(S.APPROVED, date(2024, 6, 1), "приказ № 7",
                                   valid_until=date(2026, 12, 31)), user="t")
    after = get_membership(db, membership)
    assert after.valid_until == date(2026, 12, 31)
    assert db.execute("SELECT valid_from FROM memberships WHERE id = ?",
                      [membership]).fetchone()[0] == "2022-06-03", "the first approval's day stays"


def test_a_status_without_term_cannot_expire(net):
    db, school, program, _ = net
    membership = apply(db, school, program, Role.HUB, on_date=D, user="t")
    move(db, membership, StepDraft(S.APPROVED, D, DOC), user="t")
    with pytest.raises(InputError, match="без срока"):
        move(db, membership, StepDraft(S.EXPIRED, date(2030, 1, 1)), user="t")


def test_a_stale_revision_is_refused(net):
    db, school, program, _ = net
    membership = apply(db, school, program, Role.HUB, on_date=D, user="t")
    seen = get_membership(db, membership).revision
    move(db, membership, StepDraft(S.REVIEW, D), user="other", expected_revision=seen)
    with pytest.raises(store.ConflictError, match="другой пользователь"):
        move(db, membership, StepDraft(S.REJECTED, D, DOC), user="t", expected_revision=seen)
    assert get_membership(db, membership).status == S.REVIEW


def test_a_second_application_for_a_live_status_is_refused(net):
    db, school, program, _ = net
    reach(db, school, program, [S.REVIEW])
    with pytest.raises(InputError, match="уже в программе"):
        apply(db, school, program, Role.HUB, on_date=date(2023, 1, 1), user="t")
    assert apply(db, school, program, Role.PARTICIPANT, on_date=D, user="t")


def test_unknown_organisation_or_programme(net):
    db, school, program, _ = net
    with pytest.raises(store.NotFoundError, match="Организации №999"):
        apply(db, 999, program, Role.HUB, on_date=D, user="t")
    with pytest.raises(store.NotFoundError, match="Программы №999"):
        apply(db, school, 999, Role.HUB, on_date=D, user="t")


def test_expiry_is_read_from_dates_and_flagged_ahead(net):
    db, school, program, _ = net
    membership = reach(db, school, program, [S.APPROVED])  # until 31.12.2024
    on = {"expiring": date(2024, 11, 15), "valid": date(2024, 6, 1), "over": date(2025, 2, 1)}
    assert status_text(S.APPROVED, date(2024, 12, 31), on["valid"]) == "действует до 31.12.2024"
    assert status_text(S.APPROVED, date(2024, 12, 31), on["expiring"]) == \
        "⚠ истекает 31.12.2024 (через 46 дней)"
    assert status_text(S.APPROVED, date(2024, 12, 31), on["over"]) == \
        "истекла (действовала до 31.12.2024)"
    assert effective_status(S.APPROVED, date(2024, 12, 31), on["over"]) == S.EXPIRED
    assert expiring(S.APPROVED, date(2024, 12, 31), date(2024, 11, 1))
    assert not expiring(S.APPROVED, date(2024, 12, 31), date(2024, 11, 1), days=30)

    def found(status: str, day: date) -> list[int]:
        return [r["id"] for r in member_records(db, MemberFilter(statuses=(status,)), day)]

    assert found(EXPIRING, on["expiring"]) == [membership] and found(EXPIRING, on["valid"]) == []
    assert found("expired", on["over"]) == [membership] and found("approved", on["over"]) == []
    assert found("approved", on["valid"]) == [membership]
    assert expire_due(db, on["valid"], user="t") == []
    assert expire_due(db, on["over"], user="t") == [membership]
    assert history(db, membership)[-1].on_date == date(2025, 1, 1)
    assert get_membership(db, membership).status == S.EXPIRED
    assert expire_due(db, on["over"], user="t") == [], "nothing twice"


def test_role_and_status_words():
    assert parse_role("опорная") == Role.HUB and parse_role("Соисполнитель") == Role.PARTNER
    assert parse_role("hub") == Role.HUB and parse_role("базовая организация") == Role.BASE
    with pytest.raises(InputError, match="нет такой роли. Можно: опорная"):
        parse_role("главная")
    assert parse_status_filter("истекает") == EXPIRING
    assert parse_status_filter("на рассмотрении") == "review"
    with pytest.raises(InputError, match="истекает"):
        parse_status_filter("забыта")
