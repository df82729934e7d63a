"""The advance preview: who passes a stage and why, and where each passer goes next.

An entry's district is its school's district, else its session's. A passer goes to the next
stage's session in that district (narrowed by subject when the district has several); else to
the next stage's only session; else to a session without a district for their subject (a
regional round per subject); else to none — listed as a warning, never guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import compress, repeat
from operator import itemgetter
from typing import Any

from sqlite_utils import Database

from rcro_tui.bulk import gc_paused
from rcro_tui.i18n import count
from rcro_tui.pass_decide import Candidate, Verdict
from rcro_tui.pass_rules import PassRule, parse_rule
from rcro_tui.db.advance_rows import Lazy, Preview, PreviewRow, PreviewRows
from rcro_tui.db.advance_next import already_advanced, going
from rcro_tui.db.advance_rank import Ranked, ranked, read_places
from rcro_tui.db.store import get_row

__all__ = ["NO_SESSION", "Preview", "PreviewRow", "next_stage_of", "preview", "read_entries",
           "stage_rule"]

NO_SESSION = "в районе нет площадки следующего этапа"

_ENTRIES = """
SELECT id, participant_name, grade, subject, score, status, organization_id, session_id,
       pass_mark, revision
FROM entries WHERE stage_id = ?"""


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
    """The ranked columns (`advance_rank`) become the preview's with C-made maps; only the
    passers' districts and next sessions are looked up, once per district (`advance_next`);
    the district and session names of every row only when read (`Lazy`)."""
    stage = get_row(db, "stages", stage_id)
    rule = stage_rule(db, stage)
    seen = ranked(db, stage_id, rule, decisions)
    nxt = next_stage_of(db, stage)
    if not seen.said:
        return Preview(stage, rule, nxt, [], _warnings(stage, nxt, Counter()))
    size = len(seen.said)
    if nxt is None:
        going_to, missing = ([None] * size, [""] * size, {}), Counter()
    else:
        going_to, missing = _going(db, stage_id, nxt["id"], seen)
    return Preview(stage, rule, nxt, PreviewRows(_columns(seen, *going_to), seen.said),
                   _warnings(stage, nxt, missing))


def _going(db: Database, stage_id: int, next_id: int, seen: Ranked
           ) -> tuple[tuple[list, list, dict[int, int]], Counter[str]]:
    """(the next session's ids and names of each row, source → entry already in the next
    stage), and how many passers of each district (by name) have no session."""
    ids, names, _, subjects, _, _, schools, sessions, *_ = seen.columns
    places = seen.places
    passes = list(map(Verdict.YES.__eq__, map(_VERDICT, seen.said)))
    next_ids, next_names, lacking = going(
        db, next_id, places.district_ids(list(compress(schools, passes)),
                                         list(compress(sessions, passes))),
        list(compress(subjects, passes)), passes)
    missing: Counter[str] = Counter()
    for district_id, n in lacking.items():
        missing[places.districts.get(district_id, "") or "без района"] += n
    linked = already_advanced(db, stage_id, next_id, ids, names, schools, subjects)
    return (next_ids, next_names, linked), missing


def _columns(seen: Ranked, next_ids: list, next_names: list, linked: dict[int, int]
             ) -> dict[str, Sequence]:
    """The preview's columns (`advance_rows.COLUMNS`) from the ranked ones."""
    ids, names, grades, subjects, scores, statuses, schools, sessions, _, revisions, *_ = \
        seen.columns
    places, size = seen.places, len(ids)
    return {
        "entry_id": ids, "name": names, "grade": grades, "subject": subjects,
        "school_id": schools, "school": list(map(places.schools.get, schools, repeat(""))),
        "district": Lazy(size, lambda at: places.districts.get(
            places.district(schools[at], sessions[at]), ""), lambda: list(map(
                places.districts.get, places.district_ids(schools, sessions), repeat("")))),
        "session": Lazy(size, lambda at: places.sessions.get(sessions[at], ""),
                        lambda: list(map(places.sessions.get, sessions, repeat("")))),
        "score": scores, "status": statuses, "next_session_id": next_ids,
        "next_session": next_names, "revision": revisions,
        "advanced_to": list(map(linked.get, ids)) if linked else [None] * size}


_VERDICT = itemgetter(0)


def read_entries(db: Database, stage_id: int) -> tuple[list[tuple], list[Candidate]]:
    """The stage's entries as stored (`_ENTRIES`' columns) and as the rules see them."""
    rows = db.execute(_ENTRIES, [stage_id]).fetchall()
    places = read_places(db, (r[6] for r in rows), (r[7] for r in rows))
    make = tuple.__new__
    return rows, [make(Candidate, (r[0], r[4], r[5], r[3], r[2], district,
                                   places.districts.get(district, ""), r[6],
                                   places.schools.get(r[6], ""), r[7],
                                   places.sessions.get(r[7], "")))
                  for r, district in zip(rows, places.district_ids(
                      tuple(r[6] for r in rows), tuple(r[7] for r in rows)))]


def _warnings(stage: dict[str, Any], nxt: dict[str, Any] | None,
              missing: Counter[str]) -> list[str]:
    if nxt is None:
        return [f"Этап «{stage['name']}» — последний в конкурсе: переходить некуда."]
    return [f"{district}: {NO_SESSION} ({count(n, 'участник', 'участника', 'участников')} "
            "без площадки)" for district, n in sorted(missing.items())]
