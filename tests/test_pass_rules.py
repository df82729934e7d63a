"""Pass rules: every kind and grouping, ties both ways, absent/disqualified/no score, ВсОШ-like
per-grade thresholds, and the old JSON shapes the demo wrote."""

from __future__ import annotations

import json
import time

import pytest

from rcro_tui.errors import InputError
from rcro_tui.pass_decide import Candidate, Verdict, counts, decide
from rcro_tui.pass_rules import (Manual, MinScore, Quota, QuotaScope, Threshold, TiePolicy,
                                 parse_rule, rule_json)
from rcro_tui.pass_words import describe, place_prepositional, subject_dative

KOZH, TOMSK = 11, 12


def entry(id_: int, score: float | None, *, status: str = "admitted", subject: str = "",
          grade: int | None = None, district: int | None = None, school: int | None = None,
          session: int | None = None) -> Candidate:
    names = {KOZH: "Кожевниковский район", TOMSK: "г. Томск"}
    return Candidate(id_, score, status, subject, grade, district, names.get(district, ""),
                     school, f"Школа {school}" if school else "", session,
                     f"Площадка {session}" if session else "")


def verdicts(entries, rule, marks=None) -> dict[int, str]:
    return {d.entry_id: d.verdict.value for d in decide(entries, rule, marks)}


def by_id(entries, rule, marks=None):
    return {d.entry_id: d for d in decide(entries, rule, marks)}


# --- quota: every grouping ---------------------------------------------------------------

def test_top_n_overall_ranks_the_whole_stage():
    entries = [entry(1, 50), entry(2, 90), entry(3, 70), entry(4, 10)]
    result = by_id(entries, Quota(2))
    assert {i: d.verdict for i, d in result.items()} == {
        1: Verdict.NO, 2: Verdict.YES, 3: Verdict.YES, 4: Verdict.NO}
    assert result[3].reason == "2-е место по этапу из 4"
    assert result[1].reason == "3-е место по этапу из 4: проходят первые 2"
    assert [result[i].rank for i in (2, 3, 1, 4)] == ["1", "2", "3", "4"]


def test_top_n_per_district_counts_each_district_apart_and_names_it():
    entries = [entry(1, 40, district=KOZH), entry(2, 30, district=KOZH),
               entry(3, 90, district=TOMSK), entry(4, 80, district=TOMSK),
               entry(5, 20, district=KOZH)]
    result = by_id(entries, Quota(1, QuotaScope.DISTRICT))
    assert {i for i, d in result.items() if d.passes} == {1, 3}
    assert result[1].reason == "1-е место в Кожевниковском районе из 3"
    assert result[4].reason == "2-е место в г. Томске из 2: проходят первые 1"


def test_top_n_per_school_and_per_session():
    entries = [entry(1, 40, school=1, session=7), entry(2, 30, school=1, session=8),
               entry(3, 20, school=2, session=7)]
    assert verdicts(entries, Quota(1, QuotaScope.SCHOOL)) == {1: "yes", 2: "no", 3: "yes"}
    per_session = by_id(entries, Quota(1, QuotaScope.SESSION))
    assert {i for i, d in per_session.items() if d.passes} == {1, 2}
    assert per_session[3].reason == "2-е место на площадке «Площадка 7» из 2: проходят первые 1"


def test_top_n_per_subject_and_grade_within_each_group():
    entries = [entry(1, 40, subject="математика", grade=9, session=1),
               entry(2, 50, subject="математика", grade=10, session=1),
               entry(3, 45, subject="физика", grade=9, session=1),
               entry(4, 30, subject="математика", grade=9, session=1),
               entry(5, 99, subject="математика", grade=9, session=2)]
    by_subject = Quota(1, QuotaScope.SESSION, by_subject=True)
    assert verdicts(entries, by_subject) == {1: "no", 2: "yes", 3: "yes", 4: "no", 5: "yes"}
    both = by_id(entries, Quota(1, QuotaScope.SESSION, by_subject=True, by_grade=True))
    assert {i for i, d in both.items() if d.passes} == {1, 2, 3, 5}
    assert both[1].reason == "1-е место на площадке «Площадка 1» из 2 (математика, 9 класс)"
    by_grade = Quota(1, by_grade=True)
    assert verdicts(entries, by_grade) == {1: "no", 2: "yes", 3: "no", 4: "no", 5: "yes"}


def test_a_group_without_its_attribute_is_ranked_together_and_says_so():
    result = by_id([entry(1, 10), entry(2, 20)], Quota(1, QuotaScope.DISTRICT))
    assert result[2].reason == "1-е место среди участников без района из 2"


# --- ties ----------------------------------------------------------------------------------

TIED = [entry(1, 90), entry(2, 80), entry(3, 80), entry(4, 80), entry(5, 70)]


def test_ties_at_the_boundary_all_pass_and_share_the_span_of_places():
    result = by_id(TIED, Quota(2, ties=TiePolicy.ALL))
    assert {i for i, d in result.items() if d.passes} == {1, 2, 3, 4}
    assert result[3].rank == "2–4"
    assert result[3].reason == ("2–4-е место по этапу из 5: равный балл на границе, "
                                "проходят все с равным баллом")
    assert result[5].rank == "5"


def test_ties_at_the_boundary_wait_for_the_coordinator_and_are_shown():
    rule = Quota(2, ties=TiePolicy.COORDINATOR)
    result = by_id(TIED, rule)
    assert {i: d.verdict.value for i, d in result.items()} == {
        1: "yes", 2: "undecided", 3: "undecided", 4: "undecided", 5: "no"}
    assert result[2].reason.endswith("равный балл на границе: решает координатор")
    assert result[2].choosable and not result[1].choosable
    assert counts(result.values()) == (1, 3)
    decided = by_id(TIED, rule, {2: True, 3: False, 4: False, 5: True})
    assert {i for i, d in decided.items() if d.passes} == {1, 2}
    assert decided[3].reason.endswith("координатор решил: не проходит")
    assert counts(decided.values()) == (2, 0)


def test_a_tie_inside_the_quota_is_no_boundary():
    rule = Quota(3, ties=TiePolicy.COORDINATOR)
    entries = [entry(1, 80), entry(2, 80), entry(3, 70), entry(4, 60)]
    assert verdicts(entries, rule) == {1: "yes", 2: "yes", 3: "yes", 4: "no"}


# --- absent, disqualified, no score ------------------------------------------------------

@pytest.mark.parametrize("rule", [Quota(5), Threshold(default=0), Manual()])
def test_absent_and_disqualified_never_pass(rule):
    entries = [entry(1, 99, status="absent"), entry(2, 99, status="disqualified")]
    result = by_id(entries, rule, {1: True, 2: True})
    assert [(d.verdict, d.reason) for d in result.values()] == [
        (Verdict.NO, "не явился"), (Verdict.NO, "дисквалифицирован")]


@pytest.mark.parametrize("rule", [Quota(5), Threshold(default=0)])
def test_entries_without_a_score_do_not_pass_and_say_why(rule):
    result = by_id([entry(1, None), entry(2, 0)], rule)
    assert (result[1].verdict, result[1].reason) == (Verdict.NO, "нет балла")
    assert result[2].passes


def test_absent_entries_take_no_place_in_the_ranking():
    result = by_id([entry(1, 99, status="absent"), entry(2, 50), entry(3, 40)], Quota(1))
    assert result[2].reason == "1-е место по этапу из 2"


# --- threshold: ВсОШ-like tables ------------------------------------------------------------

VSOSH = Threshold((
    MinScore(75, "математика", 9), MinScore(70, "математика", 10), MinScore(68, "математика", 11),
    MinScore(60, "физика", 9), MinScore(55, "физика", 10), MinScore(50, "физика", 11),
    MinScore(65, "математика")), default=80)


@pytest.mark.parametrize(("subject", "grade", "score", "passes", "reason"), [
    ("математика", 9, 87, True, "87 ≥ 75 — проходной балл для 9 класса по математике"),
    ("математика", 10, 72, True, "72 ≥ 70 — проходной балл для 10 класса по математике"),
    ("математика", 11, 67.5, False, "67,5 < 68 — проходной балл для 11 класса по математике"),
    ("Физика", 9, 59, False, "59 < 60 — проходной балл для 9 класса по физике"),
    ("физика", 11, 50, True, "50 ≥ 50 — проходной балл для 11 класса по физике"),
    ("математика", 8, 66, True, "66 ≥ 65 — проходной балл по математике"),
    ("химия", 9, 79, False, "79 < 80 — проходной балл этапа"),
])
def test_an_olympiad_with_passing_scores_per_subject_and_grade(subject, grade, score, passes,
                                                               reason):
    [decision] = decide([entry(1, score, subject=subject, grade=grade)], VSOSH)
    assert (decision.passes, decision.reason) == (passes, reason)


def test_a_threshold_without_a_line_for_the_entry_does_not_pass_and_says_so():
    rule = Threshold((MinScore(60, "", 9), MinScore(62, "", 10)))
    result = by_id([entry(1, 99, subject="химия", grade=8), entry(2, 61, grade=9)], rule)
    assert result[1].reason == "проходной балл для 8 класса по химии не задан"
    assert result[2].reason == "61 ≥ 60 — проходной балл для 9 класса"


def test_threshold_ranks_within_subject_and_grade():
    entries = [entry(1, 90, subject="математика", grade=9), entry(2, 90, subject="математика",
               grade=9), entry(3, 80, subject="математика", grade=9),
               entry(4, 10, subject="математика", grade=10)]
    assert [d.rank for d in decide(entries, VSOSH)] == ["1–2", "1–2", "3", "1"]


# --- manual ----------------------------------------------------------------------------------

def test_manual_passes_whom_the_coordinator_marks_even_without_a_score():
    result = by_id([entry(1, None), entry(2, 50), entry(3, 60)], Manual(), {1: True, 3: False})
    assert {i: (d.verdict.value, d.reason) for i, d in result.items()} == {
        1: ("yes", "отмечен координатором"), 2: ("no", "не отмечен координатором"),
        3: ("no", "не отмечен координатором")}
    assert all(d.choosable for d in result.values())


# --- JSON: canonical shape and the old ones --------------------------------------------------

@pytest.mark.parametrize("rule", [
    Manual(), Manual("решает организатор"), Quota(3, QuotaScope.SESSION),
    Quota(2, QuotaScope.DISTRICT, True, True, TiePolicy.COORDINATOR, "по протоколу"),
    VSOSH, Threshold(default=20.5)])
def test_rules_survive_a_round_trip_through_json(rule):
    assert parse_rule(rule_json(rule)) == rule


def test_canonical_json_is_stable_and_readable():
    assert json.loads(rule_json(Quota(3, QuotaScope.SESSION))) == {
        "kind": "quota", "n": 3, "per": "session", "by_subject": False, "by_grade": False,
        "ties": "all"}


@pytest.mark.parametrize(("stored", "rule"), [
    ('{"kind": "manual"}', Manual()),
    ({"kind": "manual", "note": "проходной балл устанавливает Минпросвещения России"},
     Manual("проходной балл устанавливает Минпросвещения России")),
    ({"kind": "top_n", "n": 2, "per": "subject"}, Quota(2, QuotaScope.STAGE, by_subject=True)),
    ({"kind": "top_n", "n": 5}, Quota(5)),
    ({"kind": "top_n", "n": 3, "per": "district"}, Quota(3, QuotaScope.DISTRICT)),
    ({"kind": "threshold", "min_score": 20, "note": "сумма баллов трёх туров"},
     Threshold(default=20, note="сумма баллов трёх туров")),
    (json.dumps({"kind": "threshold", "by_grade": {9: 60, 10: 62, 11: 65}}),
     Threshold((MinScore(60, "", 9), MinScore(62, "", 10), MinScore(65, "", 11)))),
    (None, Manual()),
])
def test_the_old_shapes_the_demo_wrote_are_read(stored, rule):
    assert parse_rule(stored) == rule


@pytest.mark.parametrize(("stored", "why"), [
    ('{"kind": "lottery"}', "неизвестный вид «lottery»"),
    ('{"kind": "top_n"}', "нет поля n"),
    ('{"kind": "top_n", "n": 0}', "N = 0"),
    ('{"kind": "threshold"}', "не задан ни один проходной балл"),
    ('{"kind": "threshold", "by_grade": {"13": 5}}', "класс '13'"),
    ('{"kind": "quota", "n": 2, "per": "planet"}', "неизвестное значение 'planet'"),
    ("проходят все", "это не JSON"),
    ("[1, 2]", "ожидается объект JSON"),
])
def test_an_unknown_shape_is_a_russian_error_naming_the_stage(stored, why):
    with pytest.raises(InputError) as caught:
        parse_rule(stored, stage="Муниципальный этап")
    assert caught.value.message.startswith("Этап «Муниципальный этап»: правило перехода")
    assert why in caught.value.message


# --- words -----------------------------------------------------------------------------------

def test_rules_in_words():
    assert describe(Quota(3, QuotaScope.SESSION)) == (
        "Первые 3: проходят 3 лучших на каждой площадке; равные баллы на границе: "
        "проходят все с равным баллом.")
    assert describe(Quota(1, QuotaScope.DISTRICT, True, True, TiePolicy.COORDINATOR)) == (
        "Первые 1: проходят 1 лучший в каждом районе по каждому предмету и в каждом классе; "
        "равные баллы на границе: решает координатор.")
    assert describe(Threshold((MinScore(60, "", 9),), default=50, note="(ВсОШ)")) == (
        "Проходной балл: 60 для 9 класса; 50 для остальных. (ВсОШ)")
    assert describe(Manual()) == "Вручную: координатор отмечает, кто проходит."


@pytest.mark.parametrize(("name", "words"), [
    ("Кожевниковский район", "в Кожевниковском районе"), ("г. Томск", "в г. Томске"),
    ("г. Стрежевой", "в г. Стрежевом"), ("ЗАТО Северск", "в ЗАТО Северск"),
    ("Городской округ Пермь", "в районе «Городской округ Пермь»")])
def test_district_names_decline_only_when_certain(name, words):
    assert place_prepositional(name) == words


@pytest.mark.parametrize(("subject", "words"), [
    ("математика", "по математике"), ("химия", "по химии"), ("литература", "по литературе"),
    ("русский язык", "по предмету «русский язык»"), ("ОБЖ", "по предмету «ОБЖ»")])
def test_subjects_in_the_dative_only_when_certain(subject, words):
    assert subject_dative(subject) == words


def test_twenty_thousand_entries_are_decided_fast():
    entries = [entry(n, float(n % 97), subject=("математика", "физика")[n % 2],
                     grade=9 + n % 3, district=n % 20, session=n % 20) for n in range(20_000)]
    rule = Quota(3, QuotaScope.SESSION, by_subject=True, ties=TiePolicy.COORDINATOR)
    start = time.perf_counter()
    decisions = decide(entries, rule)
    assert time.perf_counter() - start < 1.0  # bench/stages.py measures it properly
    assert len(decisions) == 20_000
