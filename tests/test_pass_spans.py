"""The grouped, span-at-a-time ranking (`pass_spans`, `decide`) gives exactly what the rules
say entry by entry (`pass_reference`) on random stages: every kind of rule and grouping,
ties, marks, absent and unscored entries, subjects in different case, names that disagree
with their ids."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pass_reference import decide as reference
from rcro_tui.pass_decide import Candidate, decide
from rcro_tui.pass_rules import Manual, MinScore, Quota, QuotaScope, Threshold, TiePolicy

SCORES = st.one_of(st.none(), st.sampled_from([0.0, 1.0, 2.0, 2.5, 3.0, 7.25, 10.0]))
STATUSES = st.sampled_from(["admitted", "admitted", "advanced", "absent", "disqualified"])
SUBJECTS = st.sampled_from(["", "математика", "Математика", "физика", "химия "])
GRADES = st.sampled_from([None, 9, 10, 11])


@st.composite
def stages(draw) -> list[Candidate]:
    size = draw(st.integers(0, 40))
    entries = []
    for entry_id in draw(st.lists(st.integers(1, 10_000), min_size=size, max_size=size,
                                  unique=True)):
        district = draw(st.sampled_from([None, 1, 2]))
        entries.append(Candidate(
            entry_id, draw(SCORES), draw(STATUSES), draw(SUBJECTS), draw(GRADES), district,
            draw(st.sampled_from(["", "Кожевниковский район", "г. Томск"])),
            draw(st.sampled_from([None, 5, 6])), draw(st.sampled_from(["", "Школа № 1"])),
            draw(st.sampled_from([None, 7, 8])), draw(st.sampled_from(["", "Гимназия"]))))
    return entries


RULES = st.one_of(
    st.builds(Quota, st.integers(1, 5), st.sampled_from(list(QuotaScope)), st.booleans(),
              st.booleans(), st.sampled_from(list(TiePolicy))),
    st.builds(Threshold, st.just((MinScore(2.0, "математика", 9), MinScore(2.5, "", 10),
                                  MinScore(7.0, "физика"))),
              st.sampled_from([None, 1.0, 3.0])),
    st.just(Manual()))


@settings(max_examples=400, deadline=None)
@given(stages(), RULES, st.data())
def test_decide_is_the_rules_entry_by_entry(entries, rule, data):
    marks = {e.id: data.draw(st.booleans()) for e in entries if data.draw(st.booleans())}
    assert decide(entries, rule, marks) == reference(entries, rule, marks)


def test_a_large_stage_with_many_small_groups_and_ties():
    entries = [Candidate(i, float(i * 7 % 13), "absent" if i % 17 == 0 else "admitted",
                         ("математика", "Математика", "физика")[i % 3], 9 + i % 3,
                         session_id=i % 50, session=f"Площадка {i % 50}")
               for i in range(1, 1200)]
    for rule in (Quota(3, QuotaScope.SESSION, by_subject=True, ties=TiePolicy.COORDINATOR),
                 Quota(2, QuotaScope.SESSION, by_grade=True), Threshold((), 6.0), Manual()):
        marks = {i: bool(i % 2) for i in range(1, 1200, 5)}
        assert decide(entries, rule, marks) == reference(entries, rule, marks)
