"""The advance preview: who passes a stage and why, and where each passer goes next.

An entry's district is its school's district, else its session's. A passer goes to the next
stage's session in that district (narrowed by subject when the district has several); else to
the next stage's only session; else to a session without a district for their subject (a
regional round per subject); else to none — listed as a warning, never guessed.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter
from typing import Any, NamedTuple

from sqlite_utils import Database

from rcro_tui.bulk import gc_paused
from rcro_tui.i18n import count
from rcro_tui.pass_decide import Candidate, Decision, Verdict, counts, decide
from rcro_tui.pass_rules import PassRule, Quota, QuotaScope, Threshold, parse_rule
from rcro_tui.db.store import get_row

NO_SESSION = "в районе нет площадки следующего этапа"
_NOWHERE = (None, "")

_ENTRIES = """
SELECT id, participant_name, grade, subject, score, status, organization_id, session_id,
       pass_mark, revision
FROM entries WHERE stage_id = ?"""
"""Only the entries' own columns: their schools and sessions, a few hundred, are looked up
once each (`_names`) instead of being joined onto every one of 20 000 rows."""

_SCHOOLS = """
SELECT id, district_id, COALESCE(NULLIF(short_name, ''), name, '') FROM organizations
WHERE id IN (SELECT value FROM json_each(?))"""

_ENTRY_SESSIONS = """
SELECT s.id, s.district_id, COALESCE(NULLIF(h.short_name, ''), h.name, v.title, '')
FROM stage_sessions s
LEFT JOIN organizations h ON h.id = s.host_org_id
LEFT JOIN events v ON v.id = s.event_id
WHERE s.id IN (SELECT value FROM json_each(?))"""

_SESSIONS = """
SELECT s.id, s.district_id, v.subjects,
       COALESCE(NULLIF(h.short_name, ''), h.name, v.title, '')
FROM stage_sessions s JOIN events v ON v.id = s.event_id
LEFT JOIN organizations h ON h.id = s.host_org_id
WHERE s.stage_id = ? ORDER BY v.start_at, s.id"""


class PreviewRow(NamedTuple):
    """One entry of the stage as the «Переход» tab lists it (a named tuple: immutable, and
    20 000 of them are made four times faster than frozen dataclasses)."""

    entry_id: int
    name: str
    grade: int | None
    subject: str
    school_id: int | None
    school: str
    district: str
    session: str
    score: float | None
    status: str
    decision: Decision
    next_session_id: int | None = None
    next_session: str = ""
    advanced_to: int | None = None
    """The entry already made for it in the next stage (advancing again creates nothing)."""
    revision: int = 1
    """The entry's version as read: a mark saved from this preview names it (`set_marks`)."""


@dataclass(frozen=True, slots=True)
class NextSession:
    id: int
    district_id: int | None
    subjects: frozenset[str]
    name: str


@dataclass
class Preview:
    stage: dict[str, Any]
    rule: PassRule
    next_stage: dict[str, Any] | None
    rows: list[PreviewRow]
    warnings: list[str] = field(default_factory=list)

    @property
    def passes(self) -> int:
        return counts(row.decision for row in self.rows)[0]

    @property
    def undecided(self) -> int:
        return counts(row.decision for row in self.rows)[1]

    def summary(self) -> str:
        """«Пройдут 12 из 40, 2 решения за координатором.»"""
        passes, undecided = counts(row.decision for row in self.rows)
        text = f"Пройдут {passes} из {len(self.rows)}"
        if undecided:
            text += f", {count(undecided, 'решение', 'решения', 'решений')} за координатором"
        return text + "."


def stage_rule(db: Database, stage: dict[str, Any]) -> PassRule:
    return parse_rule(stage["pass_rule"], stage=stage["name"])


def next_stage_of(db: Database, stage: dict[str, Any]) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM stages WHERE competition_id = ? AND position = ?",
                         [stage["competition_id"], stage["position"] + 1]))
    return rows[0] if rows else None


def preview(db: Database, stage_id: int, decisions: dict[int, bool] | None = None) -> Preview:
    """Who passes and why; `decisions` (entry id → passes?) override the stored marks."""
    with gc_paused():  # a few tuples per entry, all acyclic (rcro_tui.bulk)
        return _preview(db, stage_id, decisions)


def _preview(db: Database, stage_id: int, decisions: dict[int, bool] | None) -> Preview:
    stage = get_row(db, "stages", stage_id)
    rule = stage_rule(db, stage)
    rows, candidates = read_entries(db, stage_id)
    marks = {r[0]: bool(r[8]) for r in rows if r[8] is not None}
    marks.update(decisions or {})
    verdicts = decide(candidates, rule, marks)
    nxt = next_stage_of(db, stage)
    sessions = _sessions(db, nxt["id"]) if nxt else []
    linked = _already_advanced(db, stage_id, nxt["id"], rows) if nxt else {}
    result = []
    missing: Counter[str] = Counter()
    goes: dict[tuple, NextSession | None] = {}
    yes = Verdict.YES if nxt else None
    make = partial(tuple.__new__, PreviewRow)  # PreviewRow._make without its Python call
    for r, cand, decision in zip(rows, candidates, verdicts):
        going = _NOWHERE
        if decision.verdict is yes:
            where = (cand.district_id, cand.subject)
            if where not in goes:
                goes[where] = _session_for(cand, sessions)
            session = goes[where]
            if session is None:
                missing[cand.district or "без района"] += 1
            else:
                going = session.id, session.name
        result.append(make((r[0], r[1], r[2], r[3], r[6], cand.school, cand.district,
                            cand.session, r[4], r[5], decision) + going
                           + (linked.get(r[0]), r[9])))
    return Preview(stage, rule, nxt, _in_order(rule, result), _warnings(stage, nxt, missing))


def read_entries(db: Database, stage_id: int) -> tuple[list[tuple], list[Candidate]]:
    """The stage's entries as stored (`_ENTRIES`' columns) and as the rules see them."""
    rows = db.execute(_ENTRIES, [stage_id]).fetchall()
    schools = _names(db, _SCHOOLS, {r[6] for r in rows})
    sessions = _names(db, _ENTRY_SESSIONS, {r[7] for r in rows})
    districts = dict(db.execute("SELECT id, name FROM districts").fetchall())
    places: dict[tuple, tuple] = {}  # (school, session) → the six fields: a few hundred pairs
    make = partial(tuple.__new__, Candidate)  # Candidate._make without its Python call
    candidates = []
    for r in rows:
        pair = r[6], r[7]
        place = places.get(pair)
        if place is None:
            place = places[pair] = _place(pair, schools, sessions, districts)
        candidates.append(make((r[0], r[4], r[5], r[3], r[2]) + place))
    return rows, candidates


def _place(pair: tuple, schools: dict, sessions: dict, districts: dict) -> tuple:
    """(district id, district, school id, school, session id, session) of an entry: its
    district is its school's, else its session's."""
    school_district, school = schools.get(pair[0], (None, ""))
    session_district, session = sessions.get(pair[1], (None, ""))
    district_id = session_district if school_district is None else school_district
    return (district_id, districts.get(district_id, ""), pair[0], school, pair[1], session)


def _names(db: Database, sql: str, ids: set[int | None]) -> dict[int, tuple[int | None, str]]:
    """id → (district id, display name) of the schools or sessions the entries name."""
    wanted = json.dumps(sorted(i for i in ids if i is not None))
    return {r[0]: (r[1], r[2]) for r in db.execute(sql, [wanted]).fetchall()}


def _sessions(db: Database, stage_id: int) -> list[NextSession]:
    return [NextSession(r[0], r[1], frozenset(
        s.strip().casefold() for s in re.split(r"[,;]", r[2] or "") if s.strip()), r[3])
            for r in db.execute(_SESSIONS, [stage_id]).fetchall()]


def _session_for(entry: Candidate, sessions: list[NextSession]) -> NextSession | None:
    subject = entry.subject.strip().casefold()
    local = [s for s in sessions
             if s.district_id is not None and s.district_id == entry.district_id]
    if local:
        return next((s for s in local if subject in s.subjects), local[0])
    if len(sessions) == 1:
        return sessions[0]
    return next((s for s in sessions if s.district_id is None and subject in s.subjects), None)


def _already_advanced(db: Database, stage_id: int, next_id: int,
                      rows: list[tuple]) -> dict[int, int]:
    """Source entry id → its entry in the next stage: linked, or typed or imported there by
    hand (same name, school and subject, not linked yet) — matched rather than duplicated."""
    found = dict(db.execute(
        "SELECT n.from_entry_id, n.id FROM entries n JOIN entries e ON e.id = n.from_entry_id "
        "WHERE n.stage_id = ? AND e.stage_id = ?", [next_id, stage_id]).fetchall())
    unlinked = {identity(name, org, subject): entry_id for entry_id, name, org, subject in
                db.execute("SELECT id, participant_name, organization_id, subject FROM entries "
                           "WHERE stage_id = ? AND from_entry_id IS NULL ORDER BY id DESC",
                           [next_id]).fetchall()}
    for r in rows:
        if r[0] not in found and unlinked:
            match = unlinked.pop(identity(r[1], r[6], r[3]), None)
            if match is not None:
                found[r[0]] = match
    return found


def identity(name: str, organization_id: int | None, subject: str) -> tuple:
    """Who a participant is across stages when no link says so: name, school, subject."""
    return (name.strip().casefold(), organization_id, subject.strip().casefold())


def _warnings(stage: dict[str, Any], nxt: dict[str, Any] | None,
              missing: Counter[str]) -> list[str]:
    if nxt is None:
        return [f"Этап «{stage['name']}» — последний в конкурсе: переходить некуда."]
    return [f"{district}: {NO_SESSION} ({count(n, 'участник', 'участника', 'участников')} "
            "без площадки)" for district, n in sorted(missing.items())]


def _in_order(rule: PassRule, rows: list[PreviewRow]) -> list[PreviewRow]:
    """Rows in the groups the rule ranks by, best first, equal scores by name, no score last.

    Bucketed by group (the raw fields read in C, the group worked out once per distinct
    fields), then each group sorted twice by one field (name, then score, stable) — keys
    C can read — instead of one Python-made tuple key per row."""
    fields, group = _group_of(rule)
    known: dict[tuple, tuple] = {}
    groups: dict[tuple, list[PreviewRow]] = defaultdict(list)
    for row, raw in zip(rows, map(fields, rows)):
        key = known.get(raw)
        if key is None:
            key = known[raw] = group(row)
        groups[key].append(row)
    ordered: list[PreviewRow] = []
    for key in sorted(groups):
        members = groups[key]
        members.sort(key=_NAME)
        scored = [row for row in members if row.score is not None]
        scored.sort(key=_SCORE, reverse=True)
        ordered += scored
        ordered += (row for row in members if row.score is None)
    return ordered


_NAME, _SCORE = attrgetter("name"), attrgetter("score")


def _group_of(rule: PassRule) -> tuple[Callable[[PreviewRow], tuple],
                                      Callable[[PreviewRow], tuple]]:
    """The group a row is listed in (its place under a quota's scope, subject and grade),
    and the row's fields that group is made of."""
    scope, subject, grade = None, True, isinstance(rule, Threshold)
    if isinstance(rule, Quota):
        scope = {QuotaScope.STAGE: None, QuotaScope.DISTRICT: "district",
                 QuotaScope.SCHOOL: "school", QuotaScope.SESSION: "session"}[rule.per]
        subject, grade = rule.by_subject, rule.by_grade
    fields = attrgetter(scope or "status", "subject", "grade")
    return fields, lambda row: (getattr(row, scope) if scope else "",
                                row.subject.casefold() if subject else "",
                                (row.grade or 0) if grade else 0)
