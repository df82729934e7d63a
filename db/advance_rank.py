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
from collections.abc import Iterable, Sequence
from itertools import accumulate, chain, compress, groupby, repeat
from operator import attrgetter, is_, is_not, itemgetter
from typing import Any

from sqlite_utils import Database

from rcro_tui.pass_decide import rank_fields
from rcro_tui.pass_rules import PassRule
from rcro_tui.pass_spans import Kind, Words, joined, rank_group
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

_ALL_SCHOOLS = """
SELECT id, district_id, COALESCE(NULLIF(short_name, ''), name, '') FROM organizations"""
_SCHOOLS = _ALL_SCHOOLS + " WHERE id IN (SELECT value FROM json_each(?))"

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

    def district_ids(self, schools: Sequence, sessions: Sequence) -> list[int | None]:
        """`district` of each row: its school's, looked up in C; its session's where the
        school has none (a few rows)."""
        found = list(map(self.school_districts.get, schools))
        for at in compress(range(len(found)), map(is_, found, repeat(None))):
            found[at] = self.session_districts.get(sessions[at])
        return found


@dataclass
class Ranked:
    """A stage's entries as read (`columns`, each in the order the entries are listed; the
    marks' may be empty), with the words on each (`said`) and the names of their places."""

    columns: list[Sequence]
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
    columns = list(zip(*rows))
    del rows  # the columns hold the values: one copy of 100 000 row tuples the fewer
    for at in (SUBJECT, STATUS) if columns else ():
        columns[at] = one_of_each(columns[at])
    places = read_places(db, *columns[SCHOOL:SESSION + 1]) if columns else read_places(db)
    if not columns:
        return Ranked([], [], places)
    ids, scores, statuses = columns[ID], columns[SCORE], columns[STATUS]
    marks = _marks(ids, columns[MARK], decisions)
    words, said = Words(rule), [None] * len(ids)
    scored = [status not in NEVER and score is not None
              for status, score in zip(statuses, scores)]
    starts, stops = _runs(columns, keys)
    runs = _Runs(columns, keys, scope, by_subject, by_grade, places, starts)
    by_score = scores.__getitem__
    for parts in runs.groups(words, starts, stops, scored):
        for at, words_of in zip(*rank_group(joined(parts, by_score), scores, ids, words,
                                            marks)):
            said[at] = words_of
    unranked: dict[tuple, Said] = {}
    for at in compress(range(len(ids)), map((False).__eq__, scored)):
        key = statuses[at], marks.get(ids[at])
        found = unranked.get(key)
        if found is None:
            found = unranked[key] = words.unranked(*key)
        said[at] = found
    shown = _listed(runs.listed, starts, stops, columns)
    if shown is None:  # the runs are listed as SQLite sorted them
        return Ranked(columns, said, places)
    take = itemgetter(*shown) if len(shown) > 1 else lambda column: (column[shown[0]],)
    return Ranked([take(column) if at in _SHOWN else () for at, column in enumerate(columns)],
                  list(take(said)), places)


def one_of_each(values: Sequence) -> tuple:
    """`values` with equal ones made one object: sqlite3 makes a new string for every row's
    subject and status, 14 MB of the app's memory for the few of them a country's stage of
    100 000 entries has."""
    kept: dict = {}
    return tuple(map(kept.setdefault, values, values))


def _marks(ids: Sequence[int], stored: Sequence[int | None],
           decisions: dict[int, bool] | None) -> dict[int, bool]:
    """The coordinator's marks as stored (a few of the column), then `decisions`."""
    marks = {entry: bool(mark) for entry, mark in compress(
        zip(ids, stored), map(is_not, stored, repeat(None)))}
    marks.update(decisions or {})
    return marks


class _Runs:
    """The runs' group fields, read from each run's first row."""

    def __init__(self, columns: list[Sequence], keys: list[int], scope: str | None,
                 by_subject: bool, by_grade: bool, places: Places, starts: list[int]) -> None:
        none = [None] * len(starts)
        self.subjects = list(map(columns[SUBJECT].__getitem__, starts))
        self.grades = list(map(columns[GRADE].__getitem__, starts))
        self.scope_ids = list(map(columns[keys[0]].__getitem__, starts)) if scope else none
        self.names = (list(map(_NAMES[scope](places).get, self.scope_ids, repeat("")))
                      if scope else none)
        self.folded = list(map(str.casefold, self.subjects)) if by_subject else none
        self.by_grade = by_grade
        blank = [""] * len(starts)
        self.listed = list(zip(self.names if scope else blank, self.folded if by_subject else
                               blank, [grade or 0 for grade in self.grades] if by_grade else
                               [0] * len(starts)))
        """The names a run is listed under: its group's scope, subject (folded), grade."""

    def groups(self, words: Words, starts: list[int], stops: list[int], scored: list[bool]
               ) -> list[list[tuple[Kind, list[int]]]]:
        """Each group's parts (kind, the positions of its runs' entries that take a place):
        one run a group, unless subjects differ in case or the words do not read a field."""
        none = [None] * len(starts)
        reads_name, reads_subject, reads_grade = words.reads
        kinds = zip(self.names if reads_name else none, self.subjects if reads_subject else
                    none, self.grades if reads_grade else none)
        ats = map(list, map(compress, map(range, starts, stops),
                            map(scored.__getitem__, map(slice, starts, stops))))
        keys = list(zip(self.scope_ids, self.folded, self.grades if self.by_grade else none))
        if len(set(keys)) == len(keys):
            return [[(kind, at)] for kind, at in zip(kinds, ats) if at]
        groups: dict[tuple, list] = {}
        for group, kind, at in zip(keys, kinds, ats):
            if at:  # the run's entries that take a place
                groups.setdefault(group, []).append((kind, at))
        return list(groups.values())


def _runs(columns: list[Sequence], keys: list[int]) -> tuple[list[int], list[int]]:
    """Where each run of rows with the same raw group fields starts and stops."""
    if not keys:
        return [0], [len(columns[0])]
    sizes = list(map(len, map(list, map(_SECOND, groupby(zip(*map(columns.__getitem__,
                                                                   keys)))))))
    stops = list(accumulate(sizes))
    return [0] + stops[:-1], stops


def _listed(listed: list[tuple], starts: list[int], stops: list[int],
            columns: list[Sequence]) -> list[int] | None:
    """Row positions in the listed order (None: as read): runs by their group's names
    (`listed`), each as SQLite sorted it; runs listed under the same names (two sessions of
    one name, «Математика» and «математика») merged back into score, name and id order."""
    order = sorted(range(len(listed)), key=listed.__getitem__)
    if len(set(listed)) == len(listed):
        if order == list(range(len(order))):
            return None
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


_SHOWN = {ID, NAME, GRADE, SUBJECT, SCORE, STATUS, SCHOOL, SESSION, REVISION}
"""The columns read after ranking (not the marks, nor a district quota's own column)."""
_SECOND = itemgetter(1)
_NAMES = {"school_id": attrgetter("schools"), "session_id": attrgetter("sessions"),
          "district_id": attrgetter("districts")}


def read_places(db: Database, schools: Iterable[int | None] = (),
                sessions: Iterable[int | None] = ()) -> Places:
    """The names and districts of the entries' `schools` and `sessions`, and all districts.

    Where the entries name most of the organisations (a country's stage: 36 000 schools of
    40 000), all are read: a plain scan took 35 ms, a lookup of each 50 ms."""
    wanted = set(schools)
    wanted.discard(None)
    total = db.execute("SELECT count(*) FROM organizations").fetchone()[0]
    found = (db.execute(_ALL_SCHOOLS).fetchall() if len(wanted) * 2 > total else
             _names(db, _SCHOOLS, wanted))
    school_ids, school_districts, school_names = zip(*found) if found else ((), (), ())
    places = _names(db, _ENTRY_SESSIONS, set(sessions) - {None})
    session_ids, session_districts, session_names = zip(*places) if places else ((), (), ())
    return Places(dict(zip(school_ids, school_names)), dict(zip(school_ids, school_districts)),
                  dict(zip(session_ids, session_names)),
                  dict(zip(session_ids, session_districts)),
                  dict(db.execute("SELECT id, name FROM districts").fetchall()))


def _names(db: Database, sql: str, ids: set[Any]) -> list[tuple[int, int | None, str]]:
    """(id, district id, display name) of the schools or sessions the entries name."""
    return db.execute(sql, [json.dumps(list(ids))]).fetchall()
