"""The demo region: Tomsk region as the letters of РЦРО describe it, plus a living current year.

`build_demo` fills a fresh, migrated database in one transaction: settings, users, the
letters' real data with their historical dates (`demo_letters`), and a generated academic
year around 1 September (`demo_year`) so the calendar looks alive whenever it is built.
The same academic year always gives the same rows (only feed tokens are random, as they
must be); every row goes through the audited writes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlite_utils import Database

from rcro_tui.errors import UserError
from rcro_tui.model import UserRole
from rcro_tui.rules import AcademicYear, today_in_region
from rcro_tui.db import store
from rcro_tui.db.demo_letters import add_letters
from rcro_tui.db.demo_refs import DemoRefs
from rcro_tui.db.demo_year import add_year
from rcro_tui.db.users import add_user, issue_feed_token

SEED = 883_2014
"""The demo's dice are loaded: seeded by this constant and the academic year."""

SETTINGS = (("region_name", "Томская область"), ("uid_domain", "rcro.tomsk.ru"), ("demo", "1"))

USERS = (  # login, role, full name, district
    ("ivanova", UserRole.REGIONAL, "Иванова Ольга Сергеевна", None),
    ("petrov", UserRole.MUNICIPAL, "Петров Андрей Владимирович", "Асиновский район"),
    ("kuznetsova", UserRole.MUNICIPAL, "Кузнецова Татьяна Викторовна", "Колпашевский район"),
    ("smirnov", UserRole.VIEWER, "Смирнов Дмитрий Игоревич", None),
)


@dataclass(frozen=True)
class DemoSummary:
    """How many rows the demo wrote, for the CLI to print."""

    districts: int
    organizations: int
    programs: int
    memberships: int
    events: int
    competitions: int
    stages: int
    entries: int


def build_demo(db: Database, *, academic_year: AcademicYear | None = None,
               user: str = "demo") -> DemoSummary:
    """Fill an empty database with the demo region; the year defaults to the current one."""
    year = academic_year or AcademicYear.containing(today_in_region())
    if db["districts"].count or db["events"].count:
        raise UserError("Демо-базу можно создать только в пустой базе: в этой уже есть данные.")
    refs = DemoRefs(db=db, user=user, rng=random.Random(SEED * 10_000 + year.start_year))
    with db.atomic():
        for key, value in SETTINGS:
            store.set_setting(db, key, value, user=user)
        add_letters(refs)
        add_users(refs)
        add_year(refs, year)
        add_feed_tokens(refs)
    return summary(db)


def add_users(refs: DemoRefs) -> None:
    """The admin who built the demo, a regional coordinator, two municipal ones and a viewer."""
    add_user(refs.db, refs.user, UserRole.ADMIN, user=refs.user,
             full_name="Администратор демо-базы")
    for login, role, full_name, district in USERS:
        if login == refs.user:
            continue
        add_user(refs.db, login, role, user=refs.user, full_name=full_name,
                 district_id=refs.district(district) if district else None)


def add_feed_tokens(refs: DemoRefs) -> None:
    """A private feed for every school that is, or was, an approved hub or base organisation."""
    rows = refs.db.query("""
        SELECT DISTINCT o.id FROM organizations o JOIN memberships m ON m.organization_id = o.id
        WHERE o.kind = 'school' AND m.role IN ('hub', 'base') AND m.valid_from IS NOT NULL
        ORDER BY o.id""")
    for row in list(rows):
        issue_feed_token(refs.db, row["id"], user=refs.user)


def summary(db: Database) -> DemoSummary:
    return DemoSummary(**{name: db[name].count for name in (
        "districts", "organizations", "programs", "memberships", "events", "competitions",
        "stages", "entries")})
