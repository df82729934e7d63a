"""Who passes a stage under its rule, and why — in words a coordinator can read out.

`decide(entries, rule, marks)` gives each entry a verdict (проходит / не проходит / решает
координатор), the reason («87 ≥ 75 — проходной балл для 9 класса по математике», «3-е место
в Кожевниковском районе из 12», «равный балл на границе: решает координатор») and its rank in
its group with ties («2–3»). Absent and disqualified entries never pass; under a threshold or
a quota an entry without a score does not pass either, and says so. `marks` are the
coordinator's choices (entry id → passes?): who passes under a manual rule, and how each
tie at a quota's boundary was settled. Pure Python, linear after one sort per group.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from operator import attrgetter
from typing import NamedTuple

from rcro_tui.bulk import gc_paused
from rcro_tui.model import EntryStatus, Labelled
from rcro_tui.pass_rules import Manual, PassRule, Quota, QuotaScope, Threshold, TiePolicy
from rcro_tui.pass_words import (grade_subject, place_prepositional, place_text, rank_text,
                                 score_text)


class Verdict(Labelled):
    YES = "yes", "✓"
    NO = "no", "✗"
    UNDECIDED = "undecided", "?"


class Candidate(NamedTuple):
    """An entry as the rules see it (the db layer fills the names of its groups).

    A named tuple, not a frozen dataclass: as immutable, and a stage's 20 000 of them are
    made four times faster (a frozen dataclass sets each field through `object.__setattr__`).
    """

    id: int
    score: float | None
    status: str = EntryStatus.ADMITTED.value
    subject: str = ""
    grade: int | None = None
    district_id: int | None = None
    district: str = ""
    school_id: int | None = None
    school: str = ""
    session_id: int | None = None
    session: str = ""


class Decision(NamedTuple):
    """The verdict on one entry (a named tuple for the same reason as `Candidate`)."""

    entry_id: int
    verdict: Verdict
    reason: str
    rank: str = ""
    choosable: bool = False
    """The coordinator may set this one (a manual rule, or a tie they decide)."""

    @property
    def passes(self) -> bool:
        return self.verdict is Verdict.YES


_Rank = tuple[int, int, int]
"""(first place, last place, group size): «2–3-е место … из 12»; shared by a tie span."""

_NEVER = {EntryStatus.ABSENT.value: "не явился", EntryStatus.DISQUALIFIED.value:
          "дисквалифицирован"}


def decide(entries: Iterable[Candidate], rule: PassRule,
           marks: Mapping[int, bool] | None = None) -> list[Decision]:
    """One decision per entry, in the order given.

    The words are worked out once per distinct situation (`_situation`: everything they
    depend on but the entry's id) and reused: thousands of entries share a few hundred
    places and scores, so a regional stage is decided without formatting 20 000 sentences.
    """
    with gc_paused():  # a tuple per entry, all acyclic (rcro_tui.bulk)
        return _decide(list(entries), rule, marks or {})


def _decide(entries: list[Candidate], rule: PassRule, marks: Mapping[int, bool]
            ) -> list[Decision]:
    ranked = [e for e in entries if e.status not in _NEVER and e.score is not None]
    ranks = _ranks(ranked, rule)
    situation = _situation(rule)
    memo: dict[tuple, tuple] = {}
    words: dict[Hashable, _Said] = {}
    decisions, new = [], tuple.__new__  # what Decision._make does, without its call
    for entry in entries:
        rank, mark = ranks.get(entry.id), marks.get(entry.id)
        key = (situation(entry), rank, mark)
        said = words.get(key)
        if said is None:
            said = words[key] = _decision(entry, rule, rank, mark, memo)
        decisions.append(new(Decision, (entry.id, *said)))
    return decisions


def _situation(rule: PassRule) -> Callable[[Candidate], tuple]:
    """The fields of an entry its verdict, reason and place are made of under the rule,
    besides its rank and mark (a C-made tuple)."""
    if isinstance(rule, Manual):
        return attrgetter("status", "status")
    if isinstance(rule, Threshold):
        return attrgetter("status", "subject", "grade", "score")
    where = {QuotaScope.STAGE: "status", QuotaScope.DISTRICT: "district",
             QuotaScope.SCHOOL: "school", QuotaScope.SESSION: "session"}[rule.per]
    within = ("subject",) * rule.by_subject + ("grade",) * rule.by_grade
    return attrgetter("status", where, *within)


def _decision(entry: Candidate, rule: PassRule, rank: _Rank | None, mark: bool | None,
              memo: dict[tuple, tuple]) -> _Said:
    places = rank_text(rank[0], rank[1]) if rank else ""
    if entry.status in _NEVER:
        return Verdict.NO, _NEVER[entry.status], places, False
    if isinstance(rule, Manual):
        reason = "отмечен координатором" if mark else "не отмечен координатором"
        return Verdict.YES if mark else Verdict.NO, reason, places, True
    if rank is None:
        return Verdict.NO, "нет балла", places, False
    if isinstance(rule, Threshold):
        return _by_threshold(entry, rule, places, memo)
    return _by_quota(entry, rule, rank, mark, places, memo)


def _by_threshold(entry: Candidate, rule: Threshold, places: str,
                  memo: dict[tuple, tuple]) -> _Said:
    key = (entry.subject, entry.grade)
    if key not in memo:  # a few subjects × grades among thousands of entries
        line = rule.min_for(entry.subject, entry.grade)
        memo[key] = (line, "" if line is None else
                     f"проходной балл {grade_subject(line.subject, line.grade)}")
    line, what = memo[key]
    if line is None:
        why = f"проходной балл {grade_subject(entry.subject, entry.grade)} не задан"
        return Verdict.NO, why, places, False
    score, least = score_text(entry.score), score_text(line.min_score)
    if entry.score >= line.min_score:
        return Verdict.YES, f"{score} ≥ {least} — {what}", places, False
    return Verdict.NO, f"{score} < {least} — {what}", places, False


def _by_quota(entry: Candidate, rule: Quota, rank: _Rank, mark: bool | None, places: str,
              memo: dict[tuple, tuple]) -> _Said:
    first, last, total = rank
    group = (entry.district, entry.school, entry.session, entry.subject, entry.grade, total)
    around = memo.get(group)
    if around is None:  # «на площадке «…» из 12 (математика)»: once per group
        around = memo[group] = f" {_where(entry, rule)} из {total}{_within(entry, rule)}"
    where = place_text(first, last) + around
    if last <= rule.n:
        return Verdict.YES, where, places, False
    if first > rule.n:
        return Verdict.NO, f"{where}: проходят первые {rule.n}", places, False
    if rule.ties is TiePolicy.ALL:
        return (Verdict.YES, f"{where}: равный балл на границе, проходят все с равным баллом",
                places, False)
    if mark is None:
        return (Verdict.UNDECIDED, f"{where}: равный балл на границе: решает координатор",
                places, True)
    said = "проходит" if mark else "не проходит"
    return (Verdict.YES if mark else Verdict.NO,
            f"{where}: равный балл на границе, координатор решил: {said}", places, True)


def _where(entry: Candidate, rule: Quota) -> str:
    if rule.per is QuotaScope.DISTRICT:
        if not entry.district:
            return "среди участников без района"
        return place_prepositional(entry.district)
    if rule.per is QuotaScope.SCHOOL:
        return f"в школе «{entry.school}»" if entry.school else "среди участников без школы"
    if rule.per is QuotaScope.SESSION:
        return f"на площадке «{entry.session}»" if entry.session else "без площадки"
    return "по этапу"


def _within(entry: Candidate, rule: Quota) -> str:
    parts = []
    if rule.by_subject:
        parts.append(entry.subject or "предмет не указан")
    if rule.by_grade:
        parts.append(f"{entry.grade} класс" if entry.grade is not None else "класс не указан")
    return f" ({', '.join(parts)})" if parts else ""


def _group_key(rule: PassRule) -> Callable[[Candidate], Hashable]:
    """Which entries are ranked together: a quota's groups; by subject and grade otherwise."""
    if isinstance(rule, Quota):
        scope = {QuotaScope.STAGE: lambda e: None, QuotaScope.DISTRICT: lambda e: e.district_id,
                 QuotaScope.SCHOOL: lambda e: e.school_id,
                 QuotaScope.SESSION: lambda e: e.session_id}[rule.per]
        subject, grade = rule.by_subject, rule.by_grade
        return lambda e: (scope(e), e.subject.casefold() if subject else None,
                          e.grade if grade else None)
    if isinstance(rule, Threshold):
        return lambda e: (e.subject.casefold(), e.grade)
    return lambda e: e.subject.casefold()


def _grouped(entries: list[Candidate], rule: PassRule) -> Iterable[list[Candidate]]:
    """The entries in `_group_key`'s groups: bucketed first by the raw fields that key reads
    (one C-made tuple per entry), the key itself then worked out once per bucket."""
    if isinstance(rule, Quota):
        fields = [name for name, on in (({QuotaScope.STAGE: "", QuotaScope.DISTRICT:
                                          "district_id", QuotaScope.SCHOOL: "school_id",
                                          QuotaScope.SESSION: "session_id"}[rule.per], True),
                                        ("subject", rule.by_subject), ("grade", rule.by_grade))
                  if name and on]
    else:
        fields = ["subject", "grade"] if isinstance(rule, Threshold) else ["subject"]
    if not fields:
        return [entries] if entries else []
    raw: dict[Hashable, list[Candidate]] = defaultdict(list)
    for entry, fields_of in zip(entries, map(attrgetter(*fields), entries)):
        raw[fields_of].append(entry)
    key, groups = _group_key(rule), defaultdict(list)
    for members in raw.values():
        groups[key(members[0])].extend(members)
    return groups.values()


def _ranks(entries: list[Candidate], rule: PassRule) -> dict[int, _Rank]:
    """Competition ranking per group: equal scores share the span of places («2–3»)."""
    ranks: dict[int, _Rank] = {}
    for members in _grouped(entries, rule):
        members.sort(key=_SCORE, reverse=True)
        ids, total, start = [m.id for m in members], len(members), 0
        for tied in Counter(m.score for m in members).values():  # best first, as sorted
            ranks.update(dict.fromkeys(ids[start:start + tied], (start + 1, start + tied, total)))
            start += tied
    return ranks


_SCORE = attrgetter("score")


def counts(decisions: Iterable[Decision]) -> tuple[int, int]:
    """(how many pass, how many wait for the coordinator)."""
    passes = undecided = 0
    for decision in decisions:
        passes += decision.verdict is Verdict.YES
        undecided += decision.verdict is Verdict.UNDECIDED
    return passes, undecided
