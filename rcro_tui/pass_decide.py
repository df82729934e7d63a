"""Who passes a stage under its rule, and why — in words a coordinator can read out.

`decide(entries, rule, marks)` gives each entry a verdict (проходит / не проходит / решает
координатор), the reason («87 ≥ 75 — проходной балл для 9 класса по математике», «3-е место
в Кожевниковском районе из 12», «равный балл на границе: решает координатор») and its rank in
its group with ties («2–3»). Absent and disqualified entries never pass; under a threshold or
a quota an entry without a score does not pass either, and says so. `marks` are the
coordinator's choices (entry id → passes?): who passes under a manual rule, and how each
tie at a quota's boundary was settled. Pure Python, linear after one sort per group; the
words are made per group and tie span (`pass_spans`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from itertools import repeat
from operator import attrgetter

from rcro_tui.bulk import gc_paused
from rcro_tui.pass_rules import PassRule, Quota, QuotaScope, Threshold
from rcro_tui.pass_spans import Kind, Words, joined, rank_group
from rcro_tui.pass_types import NEVER, Candidate, Decision, Said, Verdict

__all__ = ["Candidate", "Decision", "Verdict", "counts", "decide", "rank_fields"]


def decide(entries: Iterable[Candidate], rule: PassRule,
           marks: Mapping[int, bool] | None = None) -> list[Decision]:
    """One decision per entry, in the order given (entry ids are unique).

    The words are worked out once per group and tie span (`pass_spans.rank_group`), and
    once per status for the entries without a place: thousands of entries share a few
    hundred places and scores, so a stage is decided without formatting a sentence each.
    """
    with gc_paused():  # a tuple per entry, all acyclic (rcro_tui.bulk)
        return _decide(list(entries), rule, marks or {})


def _decide(entries: list[Candidate], rule: PassRule, marks: Mapping[int, bool]
            ) -> list[Decision]:
    words = Words(rule)
    ids, scores = list(map(_ID, entries)), list(map(_SCORE, entries))
    said: list[Said | None] = [None] * len(entries)
    unranked: dict[tuple, Said] = {}
    ranked = []
    for at, (entry, status, score) in enumerate(zip(ids, map(_STATUS, entries), scores)):
        if status not in NEVER and score is not None:
            ranked.append(at)
            continue
        key = status, marks.get(entry)
        found = unranked.get(key)
        if found is None:
            found = unranked[key] = words.unranked(*key)
        said[at] = found
    for parts in _groups(entries, ranked, scores, rule, words):
        for at, words_of in zip(*rank_group(parts, scores, ids, words, marks)):
            said[at] = words_of
    new = tuple.__new__  # what Decision._make does, without its call
    return list(map(new, repeat(Decision), zip(ids, *zip(*said)))) if entries else []


_ID, _SCORE, _STATUS = attrgetter("id"), attrgetter("score"), attrgetter("status")


def rank_fields(rule: PassRule) -> tuple[str | None, bool, bool]:
    """How the rule groups entries to rank them: the quota's scope (`Candidate`'s id field
    of it, None for the whole stage), by subject (casefolded), by grade."""
    if isinstance(rule, Quota):
        scope = {QuotaScope.STAGE: None, QuotaScope.DISTRICT: "district_id",
                 QuotaScope.SCHOOL: "school_id", QuotaScope.SESSION: "session_id"}[rule.per]
        return scope, rule.by_subject, rule.by_grade
    return None, True, isinstance(rule, Threshold)


_NAME_OF = {"district_id": "district", "school_id": "school", "session_id": "session"}


def _groups(entries: list[Candidate], ranked: list[int], scores: list[float],
            rule: PassRule, words: Words) -> Iterable[list[tuple[Kind, list[int]]]]:
    """The ranked entries' positions in their groups, each as parts of one kind, best first.

    Bucketed first by the raw fields the group and the words read (one C-made tuple per
    entry); the group and the kind are then worked out once per bucket."""
    scope, by_subject, by_grade = rank_fields(rule)
    fields = (([scope, _NAME_OF[scope]] if scope else []) + ["subject"] * by_subject
              + ["grade"] * by_grade)
    by_score = scores.__getitem__
    if not fields:
        ranked.sort(key=by_score, reverse=True)
        return [[(words.kind(None, None, None), ranked)]] if ranked else []
    raws = list(map(attrgetter(*fields), entries) if len(fields) > 1 else zip(
        map(attrgetter(*fields), entries)))  # always a tuple
    buckets: dict[Hashable, list[int]] = defaultdict(list)
    for at in ranked:
        buckets[raws[at]].append(at)
    groups: dict[Hashable, list[tuple[Kind, list[int]]]] = defaultdict(list)
    for raw, members in buckets.items():
        members.sort(key=by_score, reverse=True)
        name, subject, grade = _named(raw, bool(scope), by_subject, by_grade)
        group = (raw[0] if scope else None, subject.casefold() if by_subject else None, grade)
        groups[group].append((words.kind(name, subject, grade), members))
    return [joined(parts, by_score) for parts in groups.values()]


def _named(raw: tuple, scoped: bool, by_subject: bool, by_grade: bool) -> Kind:
    """(scope's name, subject, grade) of a bucket's raw fields, None where not read."""
    at = 2 if scoped else 0
    subject = raw[at] if by_subject else None
    return raw[1] if scoped else None, subject, raw[at + by_subject] if by_grade else None


def counts(decisions: Iterable[Decision]) -> tuple[int, int]:
    """(how many pass, how many wait for the coordinator)."""
    passes = undecided = 0
    for decision in decisions:
        passes += decision.verdict is Verdict.YES
        undecided += decision.verdict is Verdict.UNDECIDED
    return passes, undecided
