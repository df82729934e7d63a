"""Competitions of the scaled demo: municipal → regional → final stages, sessions, entries.

Competitions and stages go through `db.stages` (a few dozen, audited as usual); sessions'
events, the sessions and the entries are written in bulk (a country's million entries one
by one would take an hour). The first competition is the largest: its municipal stage has
a session in every municipality and `Scale.largest_stage` entries, the stage whose ranking
and advance preview the benchmark times.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, timedelta

from sqlite_utils import Database

from rcro_tui.db.demo_scale_names import (COMPETITION_TITLES, FATHERS, FEMALE_NAMES,
                                          MALE_NAMES, SUBJECTS, SURNAMES)
from rcro_tui.db.demo_scale_rows import STAMP, Built
from rcro_tui.db.stages import add_competition, add_stage
from rcro_tui.model import EventKind, StageLevel
from rcro_tui.rules import AcademicYear

LEVELS = ((StageLevel.MUNICIPAL, "Муниципальный этап", 70, 1.0),
          (StageLevel.REGIONAL, "Региональный этап", 130, 0.2),
          (StageLevel.FINAL, "Заключительный этап", 200, 0.02))
"""(level, name, day of the school year, share of the competition's entries)."""
QUOTA_RULE = {"kind": "quota", "n": 3, "per": "session", "by_subject": True,
              "by_grade": False, "ties": "coordinator"}


def add_competitions(db: Database, count: int, entries: int, largest: int, built: Built,
                     year: AcademicYear, rng: random.Random, *, user: str) -> int:
    """`count` competitions with three stages each and about `entries` entries in all;
    returns how many entries were written."""
    names = dict(db.execute("SELECT id, name FROM districts").fetchall())
    by_district: dict[int, list[int]] = defaultdict(list)
    for org, district in built.organizations:
        by_district[district].append(org)
    districts = sorted(by_district)
    per_stage_total = sum(share for *_, share in LEVELS)
    rest = max(0, entries - int(largest * per_stage_total))
    written = 0
    for number in range(count):
        size = largest if number == 0 else max(10, min(largest, rest // max(1, count - 1)))
        title = f"{COMPETITION_TITLES[number % len(COMPETITION_TITLES)]}" + \
            (f" — {number // len(COMPETITION_TITLES) + 1}" if number >= len(COMPETITION_TITLES)
             else "")
        competition = add_competition(db, title, EventKind.OLYMPIAD, year.start_year,
                                      user=user, subjects=", ".join(SUBJECTS[:6]))
        places = districts if number == 0 else rng.sample(districts, min(len(districts), 40))
        for position, (level, name, day, share) in enumerate(LEVELS, start=1):
            stage = add_stage(db, competition, position, level, name, user=user,
                              pass_rule=QUOTA_RULE if level is not StageLevel.FINAL else None)
            held_in = places if level is StageLevel.MUNICIPAL else \
                places[:max(1, len(places) // (10 if level is StageLevel.REGIONAL else 1000))]
            when = datetime.combine(year.first_day, datetime.min.time()) + \
                timedelta(days=day + number % 20, hours=10)
            sessions = _sessions(db, stage, f"{title}: {name.lower()}", held_in, names,
                                 by_district, when, rng)
            written += _entries(db, stage, sessions, int(size * share), by_district, rng)
    return written


SESSION_NOTE = "Аудитории площадки; при себе паспорт или свидетельство о рождении."
"""A session's note to participants: its description. Not its venue: a session is held at
its host school (the feeds give the host's address), and one venue text shared by the
sessions of a whole country held at the same hour made every pair of them a «same room»
clash — 780 000 warnings in one month, which no real calendar has."""


def _sessions(db: Database, stage: int, title: str, districts: list[int],
              names: dict[int, str], by_district: dict[int, list[int]], when: datetime,
              rng: random.Random) -> list[tuple[int, int]]:
    """A session (and its calendar event) in each district: [(session id, district id)]."""
    first_event = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM events").fetchone()[0]
    events = []
    for n, district in enumerate(districts):
        host = rng.choice(by_district[district])
        start = when + timedelta(days=n % 3)
        events.append((f"stage-{stage}-{n}@rcro.tomsk.ru", f"{title} — {names[district]}",
                       "olympiad", host, start.strftime("%Y-%m-%dT%H:%M"),
                       (start + timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"),
                       SESSION_NOTE, "confirmed", "public", STAMP, STAMP))
    db.conn.executemany(
        "INSERT INTO events (uid, title, kind, host_org_id, start_at, end_at, description, "
        "status, visibility, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        events)
    rows = [(stage, first_event + n, district, events[n][3])
            for n, district in enumerate(districts)]
    db.conn.executemany("INSERT INTO stage_sessions (stage_id, event_id, district_id, "
                        "host_org_id) VALUES (?, ?, ?, ?)", rows)
    return [(row[0], row[1]) for row in db.execute(
        "SELECT id, district_id FROM stage_sessions WHERE stage_id = ? ORDER BY id", [stage])]


def _entries(db: Database, stage: int, sessions: list[tuple[int, int]], count: int,
             by_district: dict[int, list[int]], rng: random.Random) -> int:
    """`count` participants spread over the sessions, from schools of each session's
    district: a grade, a subject, a score out of 100 (4 % absent, without one)."""
    rows = []
    for n in range(count):
        session, district = sessions[n % len(sessions)]
        absent = rng.random() < 0.04
        rows.append((stage, session, _person(rng), rng.randrange(5, 12),
                     rng.choice(by_district[district]), rng.choice(SUBJECTS),
                     None if absent else round(rng.uniform(0, 100), 1),
                     "absent" if absent else "admitted", STAMP, STAMP))
    db.conn.executemany(
        "INSERT INTO entries (stage_id, session_id, participant_name, grade, organization_id, "
        "subject, score, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows)
    return count


def _person(rng: random.Random) -> str:
    """«Петрова Дарья Сергеевна»: surname, name and patronymic of one gender."""
    female = rng.random() < 0.5
    surname = rng.choice(SURNAMES)[female]
    name = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
    return f"{surname} {name} {rng.choice(FATHERS)[female]}"
