"""Where a stage's passers go next: the next stage's session of each, worked out per district.

A passer goes to the next stage's session in their district (the one for their subject when
the district has several); else to the next stage's only session; else to a session without a
district for their subject (a regional round per subject); else to none. The answer depends
on the subject only in a district with several sessions, or, in a district without one, when
there are regional sessions: so it is worked out once per district (2 000 at country scale)
and per subject only there, and the passers' columns are then filled by C-made maps instead
of a Python call per district and subject pair (20 000 pairs: 0.1 s).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any

from sqlite_utils import Database

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


def read_sessions(db: Database, stage_id: int) -> list[NextSession]:
    return [NextSession(r[0], r[1], frozenset(
        s.strip().casefold() for s in re.split(r"[,;]", r[2] or "") if s.strip()), r[3])
            for r in db.execute(_SESSIONS, [stage_id]).fetchall()]


class Routes:
    """The next stage's sessions and the rule that picks one for a passer, as positions in
    `sessions` (`NONE`: no session)."""

    def __init__(self, sessions: list[NextSession]) -> None:
        self.sessions = sessions
        self.NONE = len(sessions)
        self.local: dict[int, list[int]] = defaultdict(list)
        for at, session in enumerate(sessions):
            if session.district_id is not None:
                self.local[session.district_id].append(at)
        self.regional = [at for at, s in enumerate(sessions) if s.district_id is None]

    def session_for(self, district_id: int | None, subject: str) -> int:
        """The session of the passer's district (the one for their subject if several); else
        the only session; else a session without a district for their subject."""
        subject, sessions = subject.strip().casefold(), self.sessions
        local = self.local.get(district_id) if district_id is not None else None
        if local:
            return next((at for at in local if subject in sessions[at].subjects), local[0])
        if len(sessions) == 1:
            return 0
        return next((at for at in self.regional if subject in sessions[at].subjects),
                    self.NONE)

    def by_district(self, district_id: int | None) -> int:
        """`session_for` when the district alone decides it (whatever the subject), else
        `BY_SUBJECT`."""
        sessions = self.sessions
        local = self.local.get(district_id) if district_id is not None else None
        if local:
            return local[0] if not any(sessions[at].subjects for at in local[1:]) \
                else BY_SUBJECT
        if len(sessions) == 1:
            return 0
        return BY_SUBJECT if any(sessions[at].subjects for at in self.regional) else self.NONE


BY_SUBJECT = -1
"""`Routes.by_district` when the passer's subject decides."""


def going(db: Database, next_id: int, districts: list[int | None], subjects: list[str],
          passes: Sequence[bool]) -> tuple[list[int | None], list[str], Counter[int | None]]:
    """The next stage's session (ids, names; None and "" for those who do not pass) of each
    row, given the passers' `districts` and `subjects`, and how many passers of each
    district have none."""
    routes = Routes(read_sessions(db, next_id))
    at = list(compress(range(len(passes)), passes))
    distinct = set(districts)
    chosen = dict(zip(distinct, map(routes.by_district, distinct)))
    found = list(map(chosen.__getitem__, districts))
    if BY_SUBJECT in chosen.values():
        _by_subject(routes, found, districts, subjects)
    ids: list[int | None] = [None] * len(passes)
    names = [""] * len(passes)
    _scatter(ids, at, map([*(s.id for s in routes.sessions), None].__getitem__, found))
    _scatter(names, at, map([*(s.name for s in routes.sessions), ""].__getitem__, found))
    return ids, names, Counter(compress(districts, map(routes.NONE.__eq__, found)))


def _by_subject(routes: Routes, found: list[int], districts: list, subjects: list) -> None:
    """Fill the passers whose subject decides, once per district and subject."""
    pairs: dict[tuple, int] = {}
    for at in [at for at, session in enumerate(found) if session == BY_SUBJECT]:
        where = districts[at], subjects[at]
        session = pairs.get(where)
        if session is None:
            session = pairs[where] = routes.session_for(*where)
        found[at] = session


def _scatter(target: list, at: list[int], values: Iterable[Any]) -> None:
    """target[at[i]] = values[i] for every i, in C."""
    deque(map(target.__setitem__, at, values), maxlen=0)


_LINKED = """
SELECT n.from_entry_id, n.id FROM entries n CROSS JOIN entries e ON e.id = n.from_entry_id
WHERE n.stage_id = ? AND n.from_entry_id IS NOT NULL AND e.stage_id = ?"""
# CROSS JOIN: from the next stage's few linked entries

_TYPED = """
SELECT id, participant_name, organization_id, subject FROM entries
WHERE stage_id = ? AND from_entry_id IS NULL ORDER BY id DESC"""


def already_advanced(db: Database, stage_id: int, next_id: int, ids: Sequence[int],
                     names: Sequence[str], schools: Sequence[int | None],
                     subjects: Sequence[str]) -> dict[int, int]:
    """Source entry id → its entry in the next stage: linked, or typed or imported there by
    hand (same `identity`, not linked yet) — matched rather than duplicated.

    Only entries of a school some typed entry has can match (found by C-made set lookups of
    an int: no string of the 100 000 is hashed), and of those only the ones sharing a
    school and subject with a typed entry (`_matchable`): a few thousand, in id order."""
    found = dict(db.execute(_LINKED, [next_id, stage_id]).fetchall())
    typed = db.execute(_TYPED, [next_id]).fetchall()
    maybe = list(compress(range(len(ids)), map({row[2] for row in typed}.__contains__,
                                                 schools))) if typed else []
    if not maybe:
        return found
    unlinked, maybe = _matchable(typed, maybe, schools, subjects)
    for at in sorted(maybe, key=ids.__getitem__):
        if ids[at] in found:  # in id order: the first of two namesakes gets the match
            continue
        match = unlinked.pop(identity(names[at], schools[at], subjects[at]), None)
        if match is not None:
            found[ids[at]] = match
    return found


def _matchable(typed: list[tuple], maybe: list[int], schools: Sequence[int | None],
               subjects: Sequence[str]) -> tuple[dict[tuple, int], list[int]]:
    """The typed entries (`_TYPED`' rows) by `identity`, of those sharing a school and
    subject (folded) with an entry at `maybe`; and the positions of `maybe` sharing one
    with a typed entry. Only those typed entries' names are folded."""
    typed_ids, typed_names, typed_schools, typed_subjects = zip(*typed)
    maybe_subjects = list(map(subjects.__getitem__, maybe))
    folded = {subject: fold(subject) for subject in {*typed_subjects, *maybe_subjects}}
    maybe_pairs = list(zip(map(schools.__getitem__, maybe),
                           map(folded.__getitem__, maybe_subjects)))
    typed_subjects = tuple(map(folded.__getitem__, typed_subjects))
    keep = list(map(set(maybe_pairs).__contains__, zip(typed_schools, typed_subjects)))
    unlinked = dict(zip(zip(map(str.casefold, map(str.strip, compress(typed_names, keep))),
                            compress(typed_schools, keep), compress(typed_subjects, keep)),
                        compress(typed_ids, keep)))  # from the last id: the first one wins
    wanted = set(zip(compress(typed_schools, keep), compress(typed_subjects, keep)))
    return unlinked, list(compress(maybe, map(wanted.__contains__, maybe_pairs)))


def fold(text: str) -> str:
    return text.strip().casefold()


def identity(name: str, organization_id: int | None, subject: str) -> tuple:
    """Who a participant is across stages when no link says so: name, school, subject."""
    return (fold(name), organization_id, fold(subject))
