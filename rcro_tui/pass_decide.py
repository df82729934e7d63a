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

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import NamedTuple

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
    entries = list(entries)
    marks = marks or {}
    ranked = [e for e in entries if e.status not in _NEVER and e.score is not None]
    ranks = _ranks(ranked, _group_key(rule))
    situation = _situation(rule)
    memo: dict[tuple, tuple] = {}
    words: dict[Hashable, tuple] = {}
    decisions = []
    for entry in entries:
        rank, mark = ranks.get(entry.id), marks.get(entry.id)
        key = situation(entry, rank, mark)
        said = words.get(key)
        if said is None:
            said = words[key] = _decision(entry, rule, rank, mark, memo)[1:]
        decisions.append(Decision(entry.id, *said))
    return decisions


def _situation(rule: PassRule) -> Callable[[Candidate, _Rank | None, bool | None], Hashable]:
    """What an entry's verdict, reason and place are made of under the rule, besides its id."""
    if isinstance(rule, Manual):
        return lambda e, rank, mark: (e.status, rank, bool(mark))
    if isinstance(rule, Threshold):
        return lambda e, rank, mark: (e.status, rank, e.subject, e.grade, e.score)
    where = {QuotaScope.STAGE: "", QuotaScope.DISTRICT: "district",
             QuotaScope.SCHOOL: "school", QuotaScope.SESSION: "session"}[rule.per]
    subject, grade = rule.by_subject, rule.by_grade
    return lambda e, rank, mark: (e.status, rank, mark, getattr(e, where) if where else "",
                                  e.subject if subject else "", e.grade if grade else None)


def _decision(entry: Candidate, rule: PassRule, rank: _Rank | None, mark: bool | None,
              memo: dict[tuple, tuple]) -> Decision:
    places = rank_text(rank[0], rank[1]) if rank else ""
    if entry.status in _NEVER:
        return Decision(entry.id, Verdict.NO, _NEVER[entry.status], places)
    if isinstance(rule, Manual):
        reason = "отмечен координатором" if mark else "не отмечен координатором"
        return Decision(entry.id, Verdict.YES if mark else Verdict.NO, reason, places, True)
    if rank is None:
        return Decision(entry.id, Verdict.NO, "нет балла", places)
    if isinstance(rule, Threshold):
        return _by_threshold(entry, rule, places, memo)
    return _by_quota(entry, rule, rank, mark, places)


def _by_threshold(entry: Candidate, rule: Threshold, places: str,
                  memo: dict[tuple, tuple]) -> Decision:
    key = (entry.subject, entry.grade)
    if key not in memo:  # a few subjects × grades among thousands of entries
        line = rule.min_for(entry.subject, entry.grade)
        memo[key] = (line, "" if line is None else
                     f"проходной балл {grade_subject(line.subject, line.grade)}")
    line, what = memo[key]
    if line is None:
        why = f"проходной балл {grade_subject(entry.subject, entry.grade)} не задан"
        return Decision(entry.id, Verdict.NO, why, places)
    score, least = score_text(entry.score), score_text(line.min_score)
    if entry.score >= line.min_score:
        return Decision(entry.id, Verdict.YES, f"{score} ≥ {least} — {what}", places)
    return Decision(entry.id, Verdict.NO, f"{score} < {least} — {what}", places)


def _by_quota(entry: Candidate, rule: Quota, rank: _Rank, mark: bool | None,
              places: str) -> Decision:
    first, last, total = rank
    where = f"{place_text(first, last)} {_where(entry, rule)} из {total}"
    where += _within(entry, rule)
    if last <= rule.n:
        return Decision(entry.id, Verdict.YES, where, places)
    if first > rule.n:
        return Decision(entry.id, Verdict.NO, f"{where}: проходят первые {rule.n}", places)
    if rule.ties is TiePolicy.ALL:
        return Decision(entry.id, Verdict.YES,
                        f"{where}: равный балл на границе, проходят все с равным баллом", places)
    if mark is None:
        return Decision(entry.id, Verdict.UNDECIDED,
                        f"{where}: равный балл на границе: решает координатор", places, True)
    said = "проходит" if mark else "не проходит"
    return Decision(entry.id, Verdict.YES if mark else Verdict.NO,
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


def _ranks(entries: list[Candidate], key: Callable[[Candidate], Hashable]) -> dict[int, _Rank]:
    """Competition ranking per group: equal scores share the span of places («2–3»)."""
    groups: dict[Hashable, list[Candidate]] = defaultdict(list)
    for entry in entries:
        groups[key(entry)].append(entry)
    ranks: dict[int, _Rank] = {}
    for members in groups.values():
        members.sort(key=_score, reverse=True)
        total, start = len(members), 0
        while start < total:
            end, score = start, members[start].score
            while end + 1 < total and members[end + 1].score == score:
                end += 1
            rank = (start + 1, end + 1, total)
            for member in members[start:end + 1]:
                ranks[member.id] = rank
            start = end + 1
    return ranks


def _score(entry: Candidate) -> float:
    return entry.score


def counts(decisions: Iterable[Decision]) -> tuple[int, int]:
    """(how many pass, how many wait for the coordinator)."""
    passes = undecided = 0
    for decision in decisions:
        passes += decision.verdict is Verdict.YES
        undecided += decision.verdict is Verdict.UNDECIDED
    return passes, undecided
