"""The advance preview: who passes a stage and why, and where each passer goes next.

An entry's district is its school's district, else its session's. A passer goes to the next
stage's session in that district (narrowed by subject when the district has several); else to
the next stage's only session; else to a session without a district for their subject (a
regional round per subject); else to none — listed as a warning, never guessed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import compress, repeat
from operator import itemgetter
from typing import Any

from sqlite_utils import Database

from rcro_tui.bulk import gc_paused
from rcro_tui.i18n import count
from rcro_tui.pass_decide import Candidate, Verdict
from rcro_tui.pass_rules import PassRule, parse_rule
from rcro_tui.db.advance_rows import Preview, PreviewRow, PreviewRows
from rcro_tui.db.advance_rank import ID, NAME, SCHOOL, SUBJECT, Places, ranked, read_places
from rcro_tui.db.store import get_row

__all__ = ["NO_SESSION", "Preview", "PreviewRow", "next_stage_of", "preview", "read_entries",
           "stage_rule"]

NO_SESSION = "в районе нет площадки следующего этапа"

_ENTRIES = """
SELECT id, participant_name, grade, subject, score, status, organization_id, session_id,
       pass_mark, revision
FROM entries WHERE stage_id = ?"""

_SESSIONS = """
SELECT s.id, s.district_id, v.subjects,
       COALESCE(NULLIF(h.short_name, ''), h.name, v.title, '')
FROM stage_sessions s JOIN events v ON v.id = s.event_id
LEFT JOIN organizations h ON h.id = s.host_org_id
WHERE s.stage_id = ? ORDER BY v.start_at, s.id"""


@dataclass(frozen=True, slots=True)
class NextSession:
    id: int
    district_id: int | None
    subjects: frozenset[str]
    name: str


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
    """The ranked rows (`advance_rank`) become the preview's columns with C-made maps and
    zips; only the passers' next sessions are looked up, once per district and subject."""
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
    passes = [said[0] is Verdict.YES for said in seen.said]
    (next_ids, next_names), missing = _going(db, nxt, places, district_ids, subjects, passes)
    linked = _already_advanced(db, stage_id, nxt["id"], seen.rows) if nxt else {}
    columns = {
        "entry_id": ids, "name": names, "grade": grades, "subject": subjects,
        "school_id": schools, "school": list(map(places.schools.get, schools, repeat(""))),
        "district": list(map(places.districts.get, district_ids, repeat(""))),
        "session": list(map(places.sessions.get, sessions, repeat(""))), "score": scores,
        "status": statuses, "next_session_id": next_ids, "next_session": next_names,
        "advanced_to": list(map(linked.get, ids)), "revision": revisions}
    return Preview(stage, rule, nxt, PreviewRows(columns, seen.said),
                   _warnings(stage, nxt, missing))


def _going(db: Database, nxt: dict[str, Any] | None, places: Places,
           district_ids: list[int | None], subjects: tuple, passes: list[bool]
           ) -> tuple[tuple[list, list], Counter[str]]:
    """The next stage's session (ids, names) of each passer, and how many passers in each
    district have none; worked out once per district and subject."""
    size = len(passes)
    if nxt is None:
        return ([None] * size, [""] * size), Counter()
    sessions = _sessions(db, nxt["id"])
    by_district: dict[int, list[NextSession]] = defaultdict(list)
    for session in sessions:
        if session.district_id is not None:
            by_district[session.district_id].append(session)
    regional = [s for s in sessions if s.district_id is None]
    wheres = [where if passing else None for where, passing in
              zip(zip(district_ids, subjects), passes)]  # None: not a passer
    goes = {where: _session_for(where, sessions, by_district, regional)
            for where in set(wheres) if where is not None}
    ids = {where: session.id for where, session in goes.items() if session is not None}
    names = {where: session.name for where, session in goes.items() if session is not None}
    lacking = {where for where, session in goes.items() if session is None}
    missing: Counter[str] = Counter()
    for where, n in Counter(filter(lacking.__contains__, wheres)).items():
        missing[places.districts.get(where[0], "") or "без района"] += n
    return (list(map(ids.get, wheres)), list(map(names.get, wheres, repeat("")))), missing




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
    found = dict(db.execute(  # CROSS JOIN: from the next stage's few linked entries
        "SELECT n.from_entry_id, n.id FROM entries n CROSS JOIN entries e "
        "ON e.id = n.from_entry_id WHERE n.stage_id = ? AND n.from_entry_id IS NOT NULL "
        "AND e.stage_id = ?", [next_id, stage_id]).fetchall())
    unlinked = {identity(name, org, subject): entry_id for entry_id, name, org, subject in
                db.execute("SELECT id, participant_name, organization_id, subject FROM entries "
                           "WHERE stage_id = ? AND from_entry_id IS NULL ORDER BY id DESC",
                           [next_id]).fetchall()}
    if not unlinked:
        return found
    named = {key[:2] for key in unlinked}  # only rows of those names and schools can match
    folded = map(str.casefold, map(str.strip, map(_NAME, rows)))
    for r in sorted(compress(rows, map(named.__contains__, zip(folded, map(_SCHOOL, rows)))),
                    key=_FIRST):
        if r[ID] in found:  # in id order: the first of two namesakes gets the match
            continue
        match = unlinked.pop(identity(r[NAME], r[SCHOOL], r[SUBJECT]), None)
        if match is not None:
            found[r[ID]] = match
    return found


_FIRST, _NAME, _SCHOOL = itemgetter(ID), itemgetter(NAME), itemgetter(SCHOOL)


def identity(name: str, organization_id: int | None, subject: str) -> tuple:
    """Who a participant is across stages when no link says so: name, school, subject."""
    return (name.strip().casefold(), organization_id, subject.strip().casefold())


def _warnings(stage: dict[str, Any], nxt: dict[str, Any] | None,
              missing: Counter[str]) -> list[str]:
    if nxt is None:
        return [f"Этап «{stage['name']}» — последний в конкурсе: переходить некуда."]
    return [f"{district}: {NO_SESSION} ({count(n, 'участник', 'участника', 'участников')} "
            "без площадки)" for district, n in sorted(missing.items())]
