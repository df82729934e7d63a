"""The advance preview: who passes a stage and why, and where each passer goes next.

An entry's district is its school's district, else its session's. A passer goes to the next
stage's session in that district (narrowed by subject when the district has several); else to
the next stage's only session; else to a session without a district for their subject (a
regional round per subject); else to none — listed as a warning, never guessed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from sqlite_utils import Database

from rcro_tui.bulk import gc_paused
from rcro_tui.i18n import count
from rcro_tui.pass_decide import Candidate, Decision, Verdict
from rcro_tui.pass_rules import PassRule, parse_rule
from rcro_tui.db.advance_rank import ID, NAME, SCHOOL, SUBJECT, Places, ranked, read_places
from rcro_tui.db.store import get_row

NO_SESSION = "в районе нет площадки следующего этапа"

_ENTRIES = """
SELECT id, participant_name, grade, subject, score, status, organization_id, session_id,
       pass_mark, revision
FROM entries WHERE stage_id = ?"""

_SESSIONS = """
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
        return self._verdicts().count(Verdict.YES)

    @property
    def undecided(self) -> int:
        return self._verdicts().count(Verdict.UNDECIDED)

    def _verdicts(self) -> list[Verdict]:
        return list(map(_VERDICT, self.rows))  # C-made: 100 000 rows in a few ms

    def summary(self) -> str:
        """«Пройдут 12 из 40, 2 решения за координатором.»"""
        verdicts = self._verdicts()
        passes, undecided = verdicts.count(Verdict.YES), verdicts.count(Verdict.UNDECIDED)
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
    """The ranked rows (`advance_rank`) become columns, then `PreviewRow`s, with C-made
    maps and zips; only the passers' next sessions are looked up one by one."""
    stage = get_row(db, "stages", stage_id)
    rule = stage_rule(db, stage)
    seen = ranked(db, stage_id, rule, decisions)
    nxt = next_stage_of(db, stage)
    if not seen.rows:
        return Preview(stage, rule, nxt, [], _warnings(stage, nxt, Counter()))
    (ids, names, grades, subjects, scores, statuses, schools, sessions, _, revisions,
     *_) = zip(*seen.rows)  # the columns of `advance_rank`
    places = seen.places
    district_ids = places.district_ids(schools, sessions)
    new = tuple.__new__  # what the named tuples' _make do, without their Python calls
    decided = list(map(new, repeat(Decision), zip(ids, *zip(*seen.said))))
    going, missing = _going(db, nxt, places, district_ids, subjects, decided)
    linked = _already_advanced(db, stage_id, nxt["id"], seen.rows) if nxt else {}
    rows = list(map(new, repeat(PreviewRow), zip(
        ids, names, grades, subjects, schools, map(places.schools.get, schools, repeat("")),
        map(places.districts.get, district_ids, repeat("")),
        map(places.sessions.get, sessions, repeat("")), scores, statuses, decided,
        going[0], going[1], map(linked.get, ids), revisions)))
    return Preview(stage, rule, nxt, rows, _warnings(stage, nxt, missing))


def _going(db: Database, nxt: dict[str, Any] | None, places: Places,
           district_ids: list[int | None], subjects: tuple, decided: list[Decision]
           ) -> tuple[tuple[list, list], Counter[str]]:
    """The next stage's session (ids, names) of each passer, and how many passers in each
    district have none; worked out once per district and subject."""
    size = len(decided)
    ids, names, missing = [None] * size, [""] * size, Counter()
    if nxt is None:
        return (ids, names), missing
    sessions = _sessions(db, nxt["id"])
    by_district: dict[int, list[NextSession]] = defaultdict(list)
    for session in sessions:
        if session.district_id is not None:
            by_district[session.district_id].append(session)
    regional = [s for s in sessions if s.district_id is None]
    goes: dict[tuple, NextSession | None] = {}
    yes = Verdict.YES
    for at in compress(range(size), map(yes.__eq__, map(_OF_DECISION, decided))):
        where = district_ids[at], subjects[at]
        if where not in goes:
            goes[where] = _session_for(where, sessions, by_district, regional)
        session = goes[where]
        if session is None:
            missing[places.districts.get(where[0], "") or "без района"] += 1
        else:
            ids[at], names[at] = session.id, session.name
    return (ids, names), missing


_OF_DECISION = itemgetter(1)  # Decision.verdict
_VERDICT = attrgetter("decision.verdict")


def read_entries(db: Database, stage_id: int) -> tuple[list[tuple], list[Candidate]]:
    """The stage's entries as stored (`_ENTRIES`' columns) and as the rules see them."""
    rows = db.execute(_ENTRIES, [stage_id]).fetchall()
    places = read_places(db, rows)
    make = tuple.__new__
    return rows, [make(Candidate, (r[0], r[4], r[5], r[3], r[2], district,
                                   places.districts.get(district, ""), r[6],
                                   places.schools.get(r[6], ""), r[7],
                                   places.sessions.get(r[7], "")))
                  for r, district in zip(rows, places.district_ids(
                      tuple(r[6] for r in rows), tuple(r[7] for r in rows)))]


def _sessions(db: Database, stage_id: int) -> list[NextSession]:
    return [NextSession(r[0], r[1], frozenset(
        s.strip().casefold() for s in re.split(r"[,;]", r[2] or "") if s.strip()), r[3])
            for r in db.execute(_SESSIONS, [stage_id]).fetchall()]


def _session_for(where: tuple[int | None, str], sessions: list[NextSession],
                 by_district: dict[int, list[NextSession]], regional: list[NextSession]
                 ) -> NextSession | None:
    """The session of the passer's district (the one for their subject if several); else
    the only session; else a session without a district for their subject."""
    district_id, subject = where[0], where[1].strip().casefold()
    local = by_district.get(district_id) if district_id is not None else None
    if local:
        return next((s for s in local if subject in s.subjects), local[0])
    if len(sessions) == 1:
        return sessions[0]
    return next((s for s in regional if subject in s.subjects), None)


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
    if not unlinked:
        return found
    schools = {key[1] for key in unlinked}  # only rows of those schools can match
    for r in sorted((r for r in rows if r[SCHOOL] in schools and r[ID] not in found),
                    key=_FIRST):  # in id order: the first of two namesakes gets the match
        match = unlinked.pop(identity(r[NAME], r[SCHOOL], r[SUBJECT]), None)
        if match is not None:
            found[r[ID]] = match
    return found


_FIRST = itemgetter(0)


def identity(name: str, organization_id: int | None, subject: str) -> tuple:
    """Who a participant is across stages when no link says so: name, school, subject."""
    return (name.strip().casefold(), organization_id, subject.strip().casefold())


def _warnings(stage: dict[str, Any], nxt: dict[str, Any] | None,
              missing: Counter[str]) -> list[str]:
    if nxt is None:
        return [f"Этап «{stage['name']}» — последний в конкурсе: переходить некуда."]
    return [f"{district}: {NO_SESSION} ({count(n, 'участник', 'участника', 'участников')} "
            "без площадки)" for district, n in sorted(missing.items())]
