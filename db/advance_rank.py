"""The advance preview's ranking: a stage's entries read already sorted, ranked by group.

SQLite sorts the entries by the raw fields of their ranking group (the quota's session,
school or district, then subject and grade as written), then best score first, no score
last, then name and id: each group arrives as one run of rows, in the order it is listed
(SQLite's BINARY collation compares UTF-8 bytes, which orders names as Python orders str,
by code point). Python then only cuts the runs (`itertools.groupby`, in C), ranks each
group's entries that take a place (`pass_spans.rank_group`: the words once per group and
tie span), puts the runs in the order of their listed names, and takes the columns with
C-made maps. Measured at 100 000 entries: SQLite's window functions (RANK() OVER …) took
280–430 ms for the ranks alone; the sort costs SQLite about 60 ms; what it replaced (a
Candidate per entry, then Python sorts per group) took over a second.

An entry's district is its school's, else its session's (`_DISTRICT`, `Places.district`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import accumulate, chain, compress, groupby, repeat
from operator import attrgetter, itemgetter
from typing import Any

from sqlite_utils import Database

from rcro_tui.pass_decide import rank_fields
from rcro_tui.pass_rules import PassRule
from rcro_tui.pass_spans import Words, joined, rank_group
from rcro_tui.pass_types import NEVER, Said

ID, NAME, GRADE, SUBJECT, SCORE, STATUS, SCHOOL, SESSION, MARK, REVISION = range(10)
"""The columns of a row as read."""

_COLUMNS = ("id, participant_name, grade, subject, score, status, organization_id, "
            "session_id, pass_mark, revision")
_DISTRICT = ("COALESCE((SELECT district_id FROM organizations o WHERE o.id = "
             "entries.organization_id), (SELECT district_id FROM stage_sessions s "
             "WHERE s.id = entries.session_id))")
_SCOPE = {"district_id": "_district", "school_id": "organization_id",
          "session_id": "session_id"}
_AT = {"district_id": 10, "school_id": SCHOOL, "session_id": SESSION}

_SCHOOLS = """
SELECT id, district_id, COALESCE(NULLIF(short_name, ''), name, '') FROM organizations
WHERE id IN (SELECT value FROM json_each(?))"""

_ENTRY_SESSIONS = """
SELECT s.id, s.district_id, COALESCE(NULLIF(h.short_name, ''), h.name, v.title, '')
FROM stage_sessions s
LEFT JOIN organizations h ON h.id = s.host_org_id
LEFT JOIN events v ON v.id = s.event_id
WHERE s.id IN (SELECT value FROM json_each(?))"""


@dataclass
class Places:
    """The names of the schools, sessions and districts a stage's entries name: a few
    thousand, looked up once each instead of being joined onto every row."""

    schools: dict[int, str]
    school_districts: dict[int, int | None]
    sessions: dict[int, str]
    session_districts: dict[int, int | None]
    districts: dict[int, str]

    def district(self, school: int | None, session: int | None) -> int | None:
        found = self.school_districts.get(school)
        return self.session_districts.get(session) if found is None else found

    def district_ids(self, schools: tuple, sessions: tuple) -> list[int | None]:
        return [school if school is not None else session for school, session in zip(
            map(self.school_districts.get, schools), map(self.session_districts.get, sessions))]


@dataclass
class Ranked:
    """A stage's entries as read (`rows`, the columns above), in the order they are listed,
    with the words on each (`said`) and the names of their places."""

    rows: list[tuple]
    said: list[Said]
    places: Places


def ranked(db: Database, stage_id: int, rule: PassRule,
           decisions: dict[int, bool] | None = None) -> Ranked:
    """Rank the stage's entries under `rule`; `decisions` override the stored marks."""
    scope, by_subject, by_grade = rank_fields(rule)
    keys = ([_AT[scope]] if scope else []) + [SUBJECT] * by_subject + [GRADE] * by_grade
    order = ([_SCOPE[scope]] if scope else []) + ["subject"] * by_subject + ["grade"] * by_grade
    rows = db.execute(
        f"SELECT {_COLUMNS}{', ' + _DISTRICT + ' AS _district' if scope == 'district_id' else ''}"
        " FROM entries WHERE stage_id = ? ORDER BY "
        + ", ".join(order + ["score DESC NULLS LAST", "participant_name", "id"]),
        [stage_id]).fetchall()
    places = read_places(db, rows)
    if not rows:
        return Ranked([], [], places)
    columns = list(zip(*rows))
    ids, scores, statuses = columns[ID], columns[SCORE], columns[STATUS]
    marks = {entry: bool(mark) for entry, mark in zip(ids, columns[MARK]) if mark is not None}
    marks.update(decisions or {})
    words, said = Words(rule), [None] * len(rows)
    scored = [status not in NEVER and score is not None
              for status, score in zip(statuses, scores)]
    starts, stops = _runs(rows, keys)
    heads = list(map(rows.__getitem__, starts))  # every run's first row: its group's fields
    none = [None] * len(heads)
    subjects, grades = list(map(_SUBJECT, heads)), list(map(_GRADE, heads))
    scope_ids = list(map(itemgetter(keys[0]), heads)) if scope else none
    names = list(map(_NAMES[scope](places).get, scope_ids, repeat(""))) if scope else none
    folded = list(map(str.casefold, subjects)) if by_subject else none
    listed = list(zip(names if scope else [""] * len(heads), folded if by_subject else
                      [""] * len(heads), [grade or 0 for grade in grades] if by_grade else
                      [0] * len(heads)))
    ats = map(list, map(compress, map(range, starts, stops),
                        map(scored.__getitem__, map(slice, starts, stops))))
    reads_name, reads_subject, reads_grade = words.reads
    kinds = zip(names if reads_name else none, subjects if reads_subject else none,
                grades if reads_grade else none)
    groups: dict[tuple, list] = {}
    for group, kind, at in zip(zip(scope_ids, folded, grades if by_grade else none), kinds,
                               ats):
        if at:  # the run's entries that take a place
            groups.setdefault(group, []).append((kind, at))
    by_score = scores.__getitem__
    for parts in groups.values():
        for at, words_of in zip(*rank_group(joined(parts, by_score), scores, ids, words,
                                            marks)):
            said[at] = words_of
    unranked: dict[tuple, Said] = {}
    for at in compress(range(len(rows)), map((False).__eq__, scored)):
        key = statuses[at], marks.get(ids[at])
        found = unranked.get(key)
        if found is None:
            found = unranked[key] = words.unranked(*key)
        said[at] = found
    shown = _listed(listed, starts, stops, columns)
    return Ranked(list(map(rows.__getitem__, shown)), list(map(said.__getitem__, shown)),
                  places)


def _runs(rows: list[tuple], keys: list[int]) -> tuple[list[int], list[int]]:
    """Where each run of rows with the same raw group fields starts and stops."""
    if not keys:
        return [0], [len(rows)]
    sizes = list(map(len, map(list, map(_SECOND, groupby(map(itemgetter(*keys), rows))))))
    stops = list(accumulate(sizes))
    return [0] + stops[:-1], stops


def _listed(listed: list[tuple], starts: list[int], stops: list[int], columns: list[tuple]
            ) -> list[int]:
    """Row positions in the listed order: runs by their group's names (`listed`), each as
    SQLite sorted it; runs listed under the same names (two sessions of one name,
    «Математика» and «математика») merged back into score, name and id order."""
    order = sorted(range(len(listed)), key=listed.__getitem__)
    if len(set(listed)) == len(listed):
        return list(chain.from_iterable(map(range, map(starts.__getitem__, order),
                                            map(stops.__getitem__, order))))
    scores, names, ids = columns[SCORE], columns[NAME], columns[ID]
    shown: list[int] = []
    for _, same in groupby(order, key=listed.__getitem__):
        same = list(same)
        if len(same) == 1:
            shown += range(starts[same[0]], stops[same[0]])
            continue
        merged = [at for run in same for at in range(starts[run], stops[run])]
        merged.sort(key=ids.__getitem__)  # then stable sorts by name, by score: keys C reads
        merged.sort(key=names.__getitem__)
        scored = [at for at in merged if scores[at] is not None]
        scored.sort(key=scores.__getitem__, reverse=True)
        shown += scored
        shown += (at for at in merged if scores[at] is None)
    return shown


_SECOND, _SUBJECT, _GRADE = itemgetter(1), itemgetter(SUBJECT), itemgetter(GRADE)
_NAMES = {"school_id": attrgetter("schools"), "session_id": attrgetter("sessions"),
          "district_id": attrgetter("districts")}


def read_places(db: Database, rows: list[tuple]) -> Places:
    schools = _names(db, _SCHOOLS, {r[SCHOOL] for r in rows})
    sessions = _names(db, _ENTRY_SESSIONS, {r[SESSION] for r in rows})
    return Places({k: v[1] for k, v in schools.items()}, {k: v[0] for k, v in schools.items()},
                  {k: v[1] for k, v in sessions.items()},
                  {k: v[0] for k, v in sessions.items()},
                  dict(db.execute("SELECT id, name FROM districts").fetchall()))


def _names(db: Database, sql: str, ids: set[Any]) -> dict[int, tuple[int | None, str]]:
    """id → (district id, display name) of the schools or sessions the entries name."""
    wanted = json.dumps(sorted(i for i in ids if i is not None))
    return {r[0]: (r[1], r[2]) for r in db.execute(sql, [wanted]).fetchall()}

