"""Rows of the scaled demo: municipalities, organisations, programmes, memberships, events.

Written with one `executemany` per table in the caller's transaction, not through the
audited `store`: a country's 100 000 events and 40 000 organisations written one by one
with an audit entry each took minutes, and what the scaled demo is for is reading,
publishing and printing. Every derived column the normal path fills is filled here too
(organisations' search keys; the events' search index by its triggers).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from rcro_tui.db.demo_scale_names import (DISTRICT_ROOTS, KINDS, PROGRAM_TOPICS, REGIONS,
                                          SCHOOL_NAMES, TOPICS, TOWNS)
from rcro_tui.model import EventFormat, EventKind, Visibility
from rcro_tui.org_names import name_key, search_key
from rcro_tui.rules import AcademicYear, _check_digit, _INN10_WEIGHTS

STAMP = "2026-09-01T03:00:00Z"
"""Every synthetic row's creation time: the same seed gives the same database."""


@dataclass
class Built:
    """Ids of what was written, for the next steps (memberships, events, stages)."""

    districts: list[int]
    organizations: list[tuple[int, int]]
    """(organisation id, its district id)."""
    programs: list[int]


def add_districts(db: Database, wanted: int, rng: random.Random) -> list[int]:
    """Municipalities up to `wanted`: «Каргасокский район (Томская область)», unique."""
    have = db["districts"].count
    names = [f"{_adjective(root)} район ({region})" for region in REGIONS
             for root in DISTRICT_ROOTS]
    taken = {row[0] for row in db.execute("SELECT name FROM districts")}
    names = [name for name in names if name not in taken]
    rng.shuffle(names)
    db.conn.executemany("INSERT INTO districts (name, kind, sort_order) VALUES (?, ?, ?)",
                        [(name, "district", 100 + n)
                         for n, name in enumerate(names[:max(0, wanted - have)])])
    return [row[0] for row in db.execute("SELECT id FROM districts ORDER BY id")]


def _adjective(root: str) -> str:
    if root.endswith("ск"):
        return root + "ий"
    return root + ("кий" if root.endswith("ц") else "ский")


def add_organizations(db: Database, wanted: int, districts: Sequence[int],
                      rng: random.Random) -> list[tuple[int, int]]:
    """Schools, kindergartens, centres… up to `wanted`, spread over the municipalities."""
    have = db["organizations"].count
    used_inns = {row[0] for row in db.execute("SELECT inn FROM organizations WHERE inn != ''")}
    patterns = [pattern for pattern in SCHOOL_NAMES for _ in range(pattern[2])]
    rows = []
    for n in range(max(0, wanted - have)):
        pattern, short, _ = rng.choice(patterns)
        number = rng.randrange(1, 120)
        kind, forms = KINDS[pattern.split()[0]]
        form = rng.choice(forms)
        inner = pattern.format(n=number)
        town = rng.choice(TOWNS)
        name = f"{form} «{inner}» {town}".strip() if form else f"{inner} {town}"
        short_name = f"{form} {short.format(n=number)}".strip()
        inn = _inn(rng, used_inns)
        rows.append((name, short_name, kind, form, rng.choice(districts), inn,
                     f"school{n}@edu.example.ru", f"(3822) {rng.randrange(100, 999)}-"
                     f"{rng.randrange(100, 999)}", name_key(name),
                     search_key(name, short_name, inn), STAMP, STAMP))
    db.conn.executemany(
        "INSERT INTO organizations (name, short_name, kind, legal_form, district_id, inn, "
        "email, phone, name_key, search_key, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return [tuple(row) for row in db.execute(
        "SELECT id, district_id FROM organizations WHERE district_id IS NOT NULL ORDER BY id")]


def _inn(rng: random.Random, used: set[str]) -> str:
    """A 10-digit INN with its right check digit, not given to anyone else."""
    while True:
        digits = "70" + "".join(str(rng.randrange(10)) for _ in range(7))
        inn = digits + str(_check_digit(digits, _INN10_WEIGHTS))
        if inn not in used:
            used.add(inn)
            return inn


def add_programs(db: Database, wanted: int, rng: random.Random) -> list[int]:
    """Network programmes up to `wanted`: «Инженерные классы — 12»."""
    have = db["programs"].count
    kinds = ("regional_network", "regional_network", "federal_site", "regional_project")
    db.conn.executemany(
        "INSERT INTO programs (name, short_name, kind, start_date, created_at, updated_at) "
        "VALUES (?, ?, ?, '2024-09-01', ?, ?)",
        [(f"Сетевая программа «{topic} — {n + 1}»", f"{topic} — {n + 1}", rng.choice(kinds),
          STAMP, STAMP)
         for n, topic in ((n, PROGRAM_TOPICS[n % len(PROGRAM_TOPICS)])
                          for n in range(max(0, wanted - have)))])
    return [row[0] for row in db.execute("SELECT id FROM programs ORDER BY id")]


def add_memberships(db: Database, wanted: int, built: Built, rng: random.Random) -> None:
    """Schools in one to three programmes: mostly approved participants, some hubs and
    bases, some applications still open."""
    have = db["memberships"].count
    taken = {tuple(row) for row in db.execute(
        "SELECT organization_id, program_id, role FROM memberships")}
    roles = ("participant",) * 6 + ("hub", "base", "partner")
    statuses = ("approved",) * 8 + ("applied", "review")
    rows = []
    while len(rows) < max(0, wanted - have):
        org, district = rng.choice(built.organizations)
        key = (org, rng.choice(built.programs), rng.choice(roles))
        if key in taken:
            continue
        taken.add(key)
        status = rng.choice(statuses)
        approved = status == "approved"
        rows.append((*key, status, district, "2025-08-20",
                     "2025-08-28" if approved else None, "2025-09-01" if approved else None,
                     "Приказ ОГБУ «РЦРО» № 112" if approved else "", STAMP, STAMP))
    db.conn.executemany(
        "INSERT INTO memberships (organization_id, program_id, role, status, district_id, "
        "applied_on, decided_on, valid_from, decision_doc, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def add_events(db: Database, wanted: int, built: Built, year: AcademicYear,
               rng: random.Random, *, program_share: float) -> None:
    """Events over the school year: every kind and format, a tenth all-day, some lasting
    days, some with a registration window, mostly public, a few cancelled."""
    have = db.execute("SELECT count(*) FROM events").fetchone()[0]
    kinds = [kind.value for kind in EventKind]
    formats = [fmt.value for fmt in EventFormat]
    first = datetime.combine(year.first_day, datetime.min.time())
    rows = []
    for n in range(max(0, wanted - have)):
        host, _ = rng.choice(built.organizations)
        kind = rng.choice(kinds)
        fmt = rng.choice(formats)
        day = first + timedelta(days=rng.randrange(365))
        start, end, all_day = _when(day, rng)
        low = rng.randrange(1, 11)
        title = f"{EventKind(kind).label.capitalize()} {rng.choice(TOPICS)} для " \
                f"обучающихся {low}–11 классов"
        reg = rng.random() < 0.15
        rows.append((
            f"scale-{n}@rcro.tomsk.ru", title, kind,
            rng.choice(built.programs) if rng.random() < program_share else None, host,
            int(all_day), start, end,
            (day - timedelta(days=14)).strftime("%Y-%m-%dT09:00") if reg else None,
            (day - timedelta(days=3)).strftime("%Y-%m-%dT18:00") if reg else None,
            fmt, "" if fmt == "online" else f"Актовый зал, ул. Ленина, {rng.randrange(1, 200)}",
            "" if fmt == "in_person" else f"https://rcro.tomsk.ru/online/{n}", low, 11,
            rng.choice(("planned",) * 5 + ("confirmed",) * 4 + ("cancelled",)),
            rng.choice((Visibility.PUBLIC.value,) * 17 + (Visibility.NETWORK.value,) * 2
                       + (Visibility.INTERNAL.value,)),
            "Участие бесплатное. Положение и форма заявки — в письме РЦРО.",
            "Отдел сопровождения мероприятий ОГБУ «РЦРО», (3822) 515-326", STAMP, STAMP))
    db.conn.executemany(
        "INSERT INTO events (uid, title, kind, program_id, host_org_id, all_day, start_at, "
        "end_at, reg_start_at, reg_end_at, format, venue, online_url, grades_from, grades_to, "
        "status, visibility, description, contacts, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _when(day: datetime, rng: random.Random) -> tuple[str, str, bool]:
    """(start, end, all day): a tenth all-day (some lasting up to three days), the rest
    one to three hours between 9:00 and 18:30."""
    if rng.random() < 0.1:
        last = day + timedelta(days=rng.choice((0, 0, 1, 2)))
        return day.date().isoformat(), last.date().isoformat(), True
    begin = day + timedelta(hours=9 + rng.randrange(9), minutes=rng.choice((0, 30)))
    end = begin + timedelta(hours=rng.choice((1, 1.5, 2, 3)))
    return begin.strftime("%Y-%m-%dT%H:%M"), end.strftime("%Y-%m-%dT%H:%M"), False
