"""The words of verdicts, made once per group and once per tie span — not once per entry.

A group is ranked best first; entries with equal scores share a span of places («2–3-е
место»). What a reason says besides the place is the same for a whole group of one kind
(`Words.context`: «на площадке «…» из 12 (математика)», or the threshold's line), and what
it says besides the entry's id is the same for a whole span (`Words.said`). At 100 000
entries in 20 000 groups, the words are made per group and per span, and an entry only picks
its span's tuple. `rank_group` is shared by `pass_decide.decide` (entries as `Candidate`s)
and the advance preview (rows as read, already sorted by SQLite). Pure Python.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from operator import itemgetter
from typing import Any

from rcro_tui.pass_rules import Manual, PassRule, Quota, QuotaScope, Threshold, TiePolicy
from rcro_tui.pass_types import NEVER, Said, Verdict
from rcro_tui.pass_words import (grade_subject, place_prepositional, place_text, rank_text,
                                 score_text)

YES, NO, UNDECIDED = Verdict.YES, Verdict.NO, Verdict.UNDECIDED
Kind = tuple[str | None, str | None, int | None]
"""(the quota scope's name, subject, grade) of a group's entries, None where the rule's words
do not read it: entries of one kind in one group share their words but the place."""


class Words:
    """One rule's words: `context` once per kind and group size, `said` once per span."""

    def __init__(self, rule: PassRule) -> None:
        self.rule = rule
        quota = rule if isinstance(rule, Quota) else None
        self.reads = (quota is not None and quota.per is not QuotaScope.STAGE,
                      isinstance(rule, Threshold) or bool(quota and quota.by_subject),
                      isinstance(rule, Threshold) or bool(quota and quota.by_grade))
        """Which of the kind's (name, subject, grade) the words read."""
        self._spans: dict[tuple[int, int], tuple[str, str]] = {}
        self._memo: dict[Any, Any] = {}
        self._firsts: list[tuple[str, str]] = [("", "")]
        """«k-е место» and «k» for k = 1, 2, …: a place of its own, as most entries have."""
        # The rule's functions, kept unbound: bound methods kept on `self` would make a cycle
        # (self → method → self) that only the garbage collector frees, with every memo in it
        # (at 100 000 entries, 180 000 tuples it had to walk after each preview).
        self._context: Callable[..., Any] = _no_context
        self._said: Callable[..., Said] = Words._manual_said
        self._by_place: Callable[..., list[Said]] | None = None
        self._boundary = -1
        """A quota's N when the coordinator settles its boundary ties (-1: never)."""
        self._manual = isinstance(rule, Manual)
        if isinstance(rule, Quota):
            self._context, self._said = Words._quota_context, Words._quota_said
            self._beyond = f": проходят первые {rule.n}"
            self._by_place = Words._quota_by_place
            self._boundary = rule.n if rule.ties is TiePolicy.COORDINATOR else -1
        elif isinstance(rule, Threshold):
            self._context, self._said = Words._threshold_context, Words._threshold_said

    def context(self, name: str | None, subject: str | None, grade: int | None,
                total: int) -> Any:
        """What the words of a group of one kind and size share but the place."""
        return self._context(self, name, subject, grade, total)

    def said(self, context: Any, first: int, last: int, score: float,
             mark: bool | None) -> Said:
        """The words of a span of places `first`–`last` (one entry's, where a mark counts)."""
        return self._said(self, context, first, last, score, mark)

    def kind(self, name: str | None, subject: str | None, grade: int | None) -> Kind:
        reads_name, reads_subject, reads_grade = self.reads
        return (name if reads_name else None, subject if reads_subject else None,
                grade if reads_grade else None)

    def places(self, first: int, last: int) -> tuple[str, str]:
        """(«2–3-е место», «2–3») of a span, made once per span shape."""
        key = first, last
        found = self._spans.get(key)
        if found is None:
            found = self._spans[key] = (place_text(first, last), rank_text(first, last))
        return found

    def unranked(self, status: str, mark: bool | None) -> Said:
        """The words of an entry without a place: absent, disqualified or without a score."""
        if status in NEVER:
            return NO, NEVER[status], "", False
        if isinstance(self.rule, Manual):
            return self._manual_said(None, 0, 0, 0.0, mark)
        return NO, "нет балла", "", False

    def uniform(self, context: Any, scores: list[float], at: list[int], ids: list[int],
                marks: Mapping[int, bool]) -> list[Said]:
        """The words of a group's entries of one kind, sorted best first (their `scores`,
        and their positions `at` in `ids`): one `said` per span (per entry only where a mark
        matters); a quota's group without ties at once."""
        total = len(scores)
        if self._by_place is not None and len(set(scores)) == total:
            return self._by_place(self, context, total)
        said, boundary, manual, out, start = self._said, self._boundary, self._manual, [], 0
        for tied in Counter(scores).values():  # in order of first appearance: best first
            last = start + tied
            if manual or start < boundary < last:  # `_marked`, without a call per span
                out += [said(self, context, start + 1, last, scores[start], marks.get(ids[p]))
                        for p in at[start:last]]
            elif tied == 1:
                out.append(said(self, context, last, last, scores[start], None))
            else:
                out += [said(self, context, start + 1, last, scores[start], None)] * tied
            start = last
        return out

    def mixed(self, contexts: list, scores: list[float], ids: list[int],
              marks: Mapping[int, bool]) -> list[Said]:
        """`uniform` for a group whose entries differ in kind (each with its context)."""
        out: list[Said] = []
        start = 0
        for tied in Counter(scores).values():
            last = start + tied
            marked, seen = self._marked(start + 1, last), {}
            for i in range(start, last):
                mark = marks.get(ids[i]) if marked else None
                key = id(contexts[i]), mark
                found = seen.get(key)
                if found is None:
                    found = seen[key] = self.said(contexts[i], start + 1, last, scores[i], mark)
                out.append(found)
            start = last
        return out

    def _marked(self, first: int, last: int) -> bool:
        """Whether the coordinator's marks decide a span: under a manual rule, and for a tie
        across a quota's boundary that the coordinator settles."""
        rule = self.rule
        if isinstance(rule, Quota):
            return rule.ties is TiePolicy.COORDINATOR and first <= rule.n < last
        return isinstance(rule, Manual)

    # --- quota ---------------------------------------------------------------------------

    def _quota_context(self, name: str | None, subject: str | None, grade: int | None,
                       total: int) -> str:
        """« на площадке «…» из 12 (математика)»: the reason but its place."""
        key = name, subject, grade, total
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = (f" {self._where(name)} из {total}"
                                       f"{self._within(subject, grade)}")
        return found

    def _where(self, name: str | None) -> str:
        per = self.rule.per
        if per is QuotaScope.DISTRICT:
            return place_prepositional(name) if name else "среди участников без района"
        if per is QuotaScope.SCHOOL:
            return f"в школе «{name}»" if name else "среди участников без школы"
        if per is QuotaScope.SESSION:
            return f"на площадке «{name}»" if name else "без площадки"
        return "по этапу"

    def _within(self, subject: str | None, grade: int | None) -> str:
        parts = []
        if self.rule.by_subject:
            parts.append(subject or "предмет не указан")
        if self.rule.by_grade:
            parts.append(f"{grade} класс" if grade is not None else "класс не указан")
        return f" ({', '.join(parts)})" if parts else ""

    def _quota_by_place(self, around: str, total: int) -> list[Said]:
        """A quota's group without ties: the first N pass, the others do not."""
        firsts = self._firsts
        if len(firsts) <= total:
            firsts += [self.places(k, k) for k in range(len(firsts), total + 1)]
        n, beyond = self.rule.n, self._beyond
        return ([(YES, place + around, places, False)
                 for place, places in firsts[1:min(n, total) + 1]]
                + [(NO, place + around + beyond, places, False)
                   for place, places in firsts[n + 1:total + 1]])

    def _quota_said(self, around: str, first: int, last: int, score: float,
                    mark: bool | None) -> Said:
        place, places = self.places(first, last)
        where, rule = place + around, self.rule
        if last <= rule.n:
            return YES, where, places, False
        if first > rule.n:
            return NO, where + self._beyond, places, False
        if rule.ties is TiePolicy.ALL:
            return (YES, f"{where}: равный балл на границе, проходят все с равным баллом",
                    places, False)
        if mark is None:
            return UNDECIDED, f"{where}: равный балл на границе: решает координатор", places, True
        said = "проходит" if mark else "не проходит"
        return (YES if mark else NO,
                f"{where}: равный балл на границе, координатор решил: {said}", places, True)

    # --- threshold and manual ------------------------------------------------------------

    def _threshold_context(self, name: str | None, subject: str, grade: int | None,
                           total: int) -> tuple:
        """(the line that applies, «проходной балл для 9 класса по математике», its verdicts
        and reasons by score, filled by `_threshold_said`), or (None, why there is none, —):
        per subject and grade as written, a few among thousands."""
        key = subject, grade
        found = self._memo.get(key)
        if found is None:
            line = self.rule.min_for(subject, grade)
            found = self._memo[key] = (
                (None, f"проходной балл {grade_subject(subject, grade)} не задан", {})
                if line is None else
                (line, f"проходной балл {grade_subject(line.subject, line.grade)}", {}))
        return found

    def _threshold_said(self, context: tuple, first: int, last: int, score: float,
                        mark: bool | None) -> Said:
        """A span's words: its rank, and the verdict and reason of its score (made once a
        score and line, kept in the line's `context`)."""
        line, what, by_score = context
        places = self.places(first, last)[1]
        if line is None:
            return NO, what, places, False
        found = by_score.get(score)
        if found is None:
            text, least = score_text(score), score_text(line.min_score)
            found = by_score[score] = (
                (YES, f"{text} ≥ {least} — {what}") if score >= line.min_score
                else (NO, f"{text} < {least} — {what}"))
        return found[0], found[1], places, False

    def _manual_said(self, context: None, first: int, last: int, score: float,
                     mark: bool | None) -> Said:
        places = self.places(first, last)[1] if first else ""
        if mark:
            return YES, "отмечен координатором", places, True
        return NO, "не отмечен координатором", places, True


def _no_context(words: Words, *kind: Any) -> None:
    """A manual rule's words read nothing of the group."""
    return None


def rank_group(parts: list[tuple[Kind, list[int]]], scores: list[float], ids: list[int],
               words: Words, marks: Mapping[int, bool]) -> tuple[list[int], list[Said]]:
    """The words of one group's ranked entries: `parts` are its entries' positions in
    `scores` and `ids`, by kind, each sorted best first (equal scores in any order); returns
    the positions, best first, and the words of each."""
    if len(parts) == 1:
        kind, at = parts[0]
        return at, words.uniform(words.context(*kind, len(at)),
                                 list(map(scores.__getitem__, at)), at, ids, marks)
    # kinds differ inside one group (e.g. «Математика» and «математика»): rare
    total = sum(len(at) for _, at in parts)
    tagged = sorted(((scores[p], p, words.context(*kind, total)) for kind, at in parts
                     for p in at), key=_FIRST, reverse=True)
    at = [p for _, p, _ in tagged]
    return at, words.mixed([c for _, _, c in tagged], [s for s, _, _ in tagged],
                           [ids[p] for p in at], marks)


_FIRST = itemgetter(0)


def joined(parts: list[tuple[Kind, list[int]]], by_score: Callable[[int], float]
           ) -> list[tuple[Kind, list[int]]]:
    """Parts of the same kind in one group (split by what the words do not read: a school
    under a quota per district, say) as one part, best first."""
    if len(parts) == 1:
        return parts
    kinds: dict[Kind, list[int]] = {}
    for kind, members in parts:
        kinds.setdefault(kind, []).extend(members)
    for members in kinds.values():
        members.sort(key=by_score, reverse=True)
    return list(kinds.items())
