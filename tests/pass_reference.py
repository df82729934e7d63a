"""A straightforward reference for `rcro_tui.pass_decide.decide` and the preview's order:
the semantics spelt out entry by entry (quadratic, no memos), for the tests that compare the
fast, grouped implementation with it on random stages."""

from __future__ import annotations

from rcro_tui.pass_decide import Candidate, Decision, Verdict
from rcro_tui.pass_rules import Manual, PassRule, Quota, QuotaScope, Threshold, TiePolicy
from rcro_tui.pass_words import (grade_subject, place_prepositional, place_text, rank_text,
                                 score_text)

NEVER = {"absent": "не явился", "disqualified": "дисквалифицирован"}


def group_of(entry: Candidate, rule: PassRule) -> tuple:
    """Which entries are ranked together."""
    if isinstance(rule, Quota):
        scope = {QuotaScope.STAGE: None, QuotaScope.DISTRICT: entry.district_id,
                 QuotaScope.SCHOOL: entry.school_id, QuotaScope.SESSION: entry.session_id}
        return (scope[rule.per], entry.subject.casefold() if rule.by_subject else None,
                entry.grade if rule.by_grade else None)
    if isinstance(rule, Threshold):
        return (entry.subject.casefold(), entry.grade)
    return (entry.subject.casefold(),)


def ranked(entry: Candidate) -> bool:
    return entry.status not in NEVER and entry.score is not None


def rank_of(entry: Candidate, entries: list[Candidate], rule: PassRule) -> tuple | None:
    """(first place, last place, group size) by counting, or None for an unranked entry."""
    if not ranked(entry):
        return None
    group = [e for e in entries if ranked(e) and group_of(e, rule) == group_of(entry, rule)]
    better = sum(e.score > entry.score for e in group)
    equal = sum(e.score == entry.score for e in group)
    return better + 1, better + equal, len(group)


def decide(entries: list[Candidate], rule: PassRule, marks: dict | None = None
           ) -> list[Decision]:
    marks = marks or {}
    return [Decision(e.id, *said(e, rule, rank_of(e, entries, rule), marks.get(e.id)))
            for e in entries]


def said(entry: Candidate, rule: PassRule, rank: tuple | None, mark: bool | None) -> tuple:
    places = rank_text(rank[0], rank[1]) if rank else ""
    if entry.status in NEVER:
        return Verdict.NO, NEVER[entry.status], places, False
    if isinstance(rule, Manual):
        reason = "отмечен координатором" if mark else "не отмечен координатором"
        return Verdict.YES if mark else Verdict.NO, reason, places, True
    if rank is None:
        return Verdict.NO, "нет балла", places, False
    if isinstance(rule, Threshold):
        line = rule.min_for(entry.subject, entry.grade)
        if line is None:
            why = f"проходной балл {grade_subject(entry.subject, entry.grade)} не задан"
            return Verdict.NO, why, places, False
        what = f"проходной балл {grade_subject(line.subject, line.grade)}"
        sign = "≥" if entry.score >= line.min_score else "<"
        verdict = Verdict.YES if sign == "≥" else Verdict.NO
        return (verdict, f"{score_text(entry.score)} {sign} {score_text(line.min_score)} — "
                f"{what}", places, False)
    first, last, total = rank
    where = f"{place_text(first, last)} {where_words(entry, rule)} из {total}"
    where += within_words(entry, rule)
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
    return (Verdict.YES if mark else Verdict.NO, f"{where}: равный балл на границе, "
            f"координатор решил: {'проходит' if mark else 'не проходит'}", places, True)


def where_words(entry: Candidate, rule: Quota) -> str:
    if rule.per is QuotaScope.DISTRICT:
        return place_prepositional(entry.district) if entry.district else \
            "среди участников без района"
    if rule.per is QuotaScope.SCHOOL:
        return f"в школе «{entry.school}»" if entry.school else "среди участников без школы"
    if rule.per is QuotaScope.SESSION:
        return f"на площадке «{entry.session}»" if entry.session else "без площадки"
    return "по этапу"


def within_words(entry: Candidate, rule: Quota) -> str:
    parts = []
    if rule.by_subject:
        parts.append(entry.subject or "предмет не указан")
    if rule.by_grade:
        parts.append(f"{entry.grade} класс" if entry.grade is not None else "класс не указан")
    return f" ({', '.join(parts)})" if parts else ""


def listed_order(rows: list, rule: PassRule) -> list:
    """The preview's order: by the listed group (the names of the quota's scope, subject,
    grade), then score best first (no score last), then name, then id."""
    def key(row):
        scope, subject, grade = "", "", 0
        if isinstance(rule, Quota):
            scope = {QuotaScope.STAGE: "", QuotaScope.DISTRICT: row.district,
                     QuotaScope.SCHOOL: row.school, QuotaScope.SESSION: row.session}[rule.per]
        if not isinstance(rule, Quota) or rule.by_subject:
            subject = row.subject.casefold()
        if isinstance(rule, Threshold) or (isinstance(rule, Quota) and rule.by_grade):
            grade = row.grade or 0
        return (scope, subject, grade, row.score is None, -(row.score or 0), row.name,
                row.entry_id)
    return sorted(rows, key=key)
