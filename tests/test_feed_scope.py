"""The feed-scope rules, without a database: who sees an event, by access, status and ties."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from rcro_tui.feed_scope import (EventScope, FeedKind, FeedRef, OrgReason, OrgTies, Tenure,
                                 feed_key, feed_lines, in_district_feed, in_program_feed,
                                 in_region_feed, org_reasons, public_feed_kinds)
from rcro_tui.i18n import place_genitive
from rcro_tui.model import EventStatus, MembershipStatus, Role, Visibility

DAY = date(2026, 11, 24)
PROGRAM, HOST, DISTRICT, OTHER_DISTRICT = 2, 31, 18, 1
EVENT = EventScope(visibility=Visibility.PUBLIC, status=EventStatus.PLANNED, day=DAY,
                   program_id=PROGRAM, host_org_id=HOST, district_id=DISTRICT)
APPROVED = Tenure(Role.HUB, MembershipStatus.APPROVED, date(2026, 9, 1), date(2027, 8, 31))


def ties(org_id: int = 50, district_id: int | None = OTHER_DISTRICT, *tenures: Tenure,
         participants: bool = False) -> OrgTies:
    return OrgTies(org_id=org_id, district_id=district_id, tenures=tenures,
                   has_participants=participants)


def with_access(visibility: Visibility, status: EventStatus = EventStatus.PLANNED) -> EventScope:
    return replace(EVENT, visibility=visibility, status=status)


@pytest.mark.parametrize("status", list(EventStatus))
def test_public_events_are_in_the_region_programme_and_district_feeds_whatever_the_status(status):
    event = with_access(Visibility.PUBLIC, status)
    assert public_feed_kinds(event) == [FeedKind.REGION, FeedKind.PROGRAM, FeedKind.DISTRICT]
    assert in_region_feed(event) and in_program_feed(event, PROGRAM)
    assert in_district_feed(event, DISTRICT)
    assert not in_program_feed(event, PROGRAM + 1) and not in_district_feed(event, OTHER_DISTRICT)


@pytest.mark.parametrize("status", list(EventStatus))
def test_network_events_never_reach_a_shared_feed_but_reach_members(status):
    event = with_access(Visibility.NETWORK, status)
    assert public_feed_kinds(event) == []
    assert not in_region_feed(event) and not in_program_feed(event, PROGRAM)
    assert not in_district_feed(event, DISTRICT)
    assert org_reasons(event, ties(50, OTHER_DISTRICT, APPROVED)) == (OrgReason.MEMBER,)
    assert org_reasons(event, ties(HOST, DISTRICT)) == (OrgReason.HOST,)
    assert org_reasons(event, ties(50, DISTRICT)) == (), "a neighbour is not a member"
    assert org_reasons(event, ties(50, participants=True)) == (OrgReason.PARTICIPANTS,)


@pytest.mark.parametrize("status", list(EventStatus))
def test_internal_events_are_in_no_feed_at_all(status):
    event = with_access(Visibility.INTERNAL, status)
    assert public_feed_kinds(event) == [] and not in_region_feed(event)
    everything = ties(HOST, DISTRICT, APPROVED, participants=True)
    assert org_reasons(event, everything) == ()
    assert feed_lines(event, []) == ["Ни в одной ленте: мероприятие внутреннее."]


def test_a_private_feed_gets_every_reason_that_applies_in_order():
    assert org_reasons(EVENT, ties(HOST, DISTRICT, APPROVED, participants=True)) == (
        OrgReason.HOST, OrgReason.PARTICIPANTS, OrgReason.MEMBER, OrgReason.DISTRICT)
    assert org_reasons(EVENT, ties(50, DISTRICT)) == (OrgReason.DISTRICT,)
    assert org_reasons(EVENT, ties(50, OTHER_DISTRICT)) == ()
    assert org_reasons(EVENT, ties(50, None)) == ()


def test_without_programme_or_district_only_host_and_participants_remain():
    event = replace(EVENT, program_id=None, district_id=None)
    assert public_feed_kinds(event) == [FeedKind.REGION]
    assert org_reasons(event, ties(50, None, APPROVED)) == (), "membership of no programme"
    assert org_reasons(event, ties(HOST, None)) == (OrgReason.HOST,)


@pytest.mark.parametrize(("tenure", "brings"), [
    (Tenure(Role.PARTICIPANT, MembershipStatus.APPROVED), True),
    (Tenure(Role.PARTNER, MembershipStatus.APPROVED, date(2026, 9, 1)), True),
    (Tenure(Role.COORDINATOR, MembershipStatus.APPROVED, None, date(2026, 11, 24)), True),
    (Tenure(Role.BASE, MembershipStatus.APPROVED, date(2026, 11, 25)), False),
    (Tenure(Role.BASE, MembershipStatus.APPROVED, None, date(2026, 11, 23)), False),
    (Tenure(Role.BASE, MembershipStatus.EXPIRED, date(2024, 9, 1), date(2027, 8, 31)), True),
    (Tenure(Role.BASE, MembershipStatus.EXPIRED, date(2022, 7, 15), date(2024, 12, 31)), False),
    (Tenure(Role.BASE, MembershipStatus.EXPIRED), False),
    (Tenure(Role.HUB, MembershipStatus.APPLIED), False),
    (Tenure(Role.HUB, MembershipStatus.REVIEW), False),
    (Tenure(Role.BASE, MembershipStatus.REJECTED), False),
    (Tenure(Role.BASE, MembershipStatus.WITHDRAWN), False),
])
def test_only_a_membership_valid_on_the_day_brings_the_programme(tenure, brings):
    assert tenure.covers(DAY) is brings
    assert (OrgReason.MEMBER in org_reasons(EVENT, ties(50, OTHER_DISTRICT, tenure))) is brings


def test_one_valid_membership_among_lapsed_ones_is_enough():
    lapsed = Tenure(Role.BASE, MembershipStatus.REJECTED)
    assert org_reasons(EVENT, ties(50, OTHER_DISTRICT, lapsed, APPROVED)) == (OrgReason.MEMBER,)


def test_feed_keys_are_stable_names():
    assert feed_key(FeedKind.REGION) == "region"
    assert feed_key(FeedKind.PROGRAM, 2) == "program-2"
    assert feed_key(FeedKind.DISTRICT, 18) == "district-18"
    assert feed_key(FeedKind.ORGANIZATION, 31) == "org-31"


def private(org_id: int, name: str, *reasons: OrgReason) -> FeedRef:
    return FeedRef(FeedKind.ORGANIZATION, feed_key(FeedKind.ORGANIZATION, org_id),
                   f"Личная лента: {name}", reasons)


SHARED = [FeedRef(FeedKind.REGION, "region", "Общая лента региона"),
          FeedRef(FeedKind.PROGRAM, "program-2", "Программа «Парк ЕНОТо»"),
          FeedRef(FeedKind.DISTRICT, "district-18", "Томский район")]


def test_few_private_feeds_are_named_with_their_reasons():
    refs = SHARED + [private(HOST, "МБОУ «Богашевская СОШ им. А.И. Фёдорова»",
                             OrgReason.HOST, OrgReason.DISTRICT),
                     private(32, "МАОУ СОШ № 32 г. Томска", OrgReason.MEMBER)]
    assert feed_lines(EVENT, refs, district_name="Томский район") == [
        "Общая лента региона", "Программа «Парк ЕНОТо»", "Томский район",
        "Личная лента: МБОУ «Богашевская СОШ им. А.И. Фёдорова» (организатор; "
        "в её муниципалитете)",
        "Личная лента: МАОУ СОШ № 32 г. Томска (участник программы)"]


def test_many_private_feeds_are_counted_by_reason_the_host_named():
    refs = (SHARED + [private(HOST, "МБОУ «Богашевская СОШ»", OrgReason.HOST)]
            + [private(100 + n, f"Школа {n}", OrgReason.DISTRICT) for n in range(37)]
            + [private(200 + n, f"Вуз {n}", OrgReason.MEMBER, OrgReason.DISTRICT)
               for n in range(12)]
            + [private(300, "Лицей", OrgReason.PARTICIPANTS)])
    assert feed_lines(EVENT, refs, district_name="Томский район")[3:] == [
        "Личная лента: МБОУ «Богашевская СОШ» (организатор)",
        "Личная лента: Лицей (её участники на этом этапе)",
        "Личные ленты ещё 12 организаций — участников программы",
        "Личные ленты ещё 37 организаций Томского района"]


def test_a_district_without_a_known_genitive_is_named_as_it_is():
    refs = [private(100 + n, f"Школа {n}", OrgReason.DISTRICT) for n in range(21)]
    assert feed_lines(EVENT, refs, district_name="Город Н-ск") == [
        "Личные ленты 21 организации муниципалитета «Город Н-ск»"]


def test_cancelled_and_network_events_say_so_before_their_feeds():
    event = with_access(Visibility.NETWORK, EventStatus.CANCELLED)
    lines = feed_lines(event, [private(HOST, "Гимназия № 13", OrgReason.HOST)])
    assert lines[0].startswith("Отменено: остаётся в лентах с пометкой «ОТМЕНЕНО:»")
    assert lines[1] == "В общие ленты не попадает: только для участников сети."
    assert lines[2] == "Личная лента: Гимназия № 13 (организатор)"
    assert feed_lines(with_access(Visibility.NETWORK), [])[-1].startswith("Ни в одной ленте")


@pytest.mark.parametrize(("name", "genitive"), [
    ("Томский район", "Томского района"), ("Каргасокский район", "Каргасокского района"),
    ("г. Томск", "г. Томска"), ("г. Стрежевой", "г. Стрежевого"),
    ("г. Кедровый", "г. Кедрового"), ("ЗАТО Северск", "ЗАТО Северск"),
    ("г. Колпашево", "г. Колпашево"), ("г. Новый Уренгой", None), ("г. Пермь", None),
    ("Город Н-ск", None),
])
def test_place_names_decline_only_when_certain(name, genitive):
    assert place_genitive(name) == genitive
