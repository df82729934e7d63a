"""`rcro-tui demo --scale region|country`: the demo region grown to a region's or a country's size.

Tomsk region is about 20 municipalities, 400 organisations and a few hundred events a
year; the same tool serving a federal operator holds 40 000 schools, 100 000 events and a
million stage entries. The benchmarks (bench/run.py) measure the app on both; a
coordinator can open them to see how the screens behave with that much. Everything comes
from one seeded generator: the same seed and year give the same rows.
"""

from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass, replace

from sqlite_utils import Database

from rcro_tui.db.demo import build_demo
from rcro_tui.db.demo_scale_rows import (Built, add_districts, add_events, add_memberships,
                                         add_organizations, add_programs)
from rcro_tui.db.demo_scale_stages import add_competitions
from rcro_tui.errors import InputError
from rcro_tui.i18n import count
from rcro_tui.rules import AcademicYear


@dataclass(frozen=True)
class Scale:
    """How much of everything (totals, the Tomsk demo's rows included)."""

    name: str
    districts: int
    organizations: int
    programs: int
    memberships: int
    events: int
    """Events of the year beside the stage sessions' own."""
    program_share: float
    """The part of the events held in a programme (each programme ~10–40 a year)."""
    competitions: int
    entries: int
    largest_stage: int

    def shrunk(self, factor: int) -> Scale:
        """The same shape, `factor` times smaller (tests build a country in seconds)."""
        return replace(self, districts=max(20, self.districts // factor),
                       organizations=max(100, self.organizations // factor),
                       programs=max(7, self.programs // factor),
                       memberships=max(74, self.memberships // factor),
                       events=max(185, self.events // factor),
                       competitions=max(2, self.competitions // factor),
                       entries=max(100, self.entries // factor),
                       largest_stage=max(50, self.largest_stage // factor))


SCALES = {
    "region": Scale("region", districts=20, organizations=400, programs=12, memberships=800,
                    events=500, program_share=0.25, competitions=10, entries=10_000,
                    largest_stage=2_000),
    "country": Scale("country", districts=2_000, organizations=40_000, programs=200,
                     memberships=60_000, events=100_000, program_share=0.05, competitions=30,
                     entries=1_000_000, largest_stage=100_000),
}


@dataclass
class ScaleSummary:
    scale: str
    districts: int
    organizations: int
    programs: int
    memberships: int
    events: int
    entries: int
    seconds: float

    def __str__(self) -> str:
        return (f"масштаб «{self.scale}»: "
                f"{count(self.districts, 'муниципалитет', 'муниципалитета', 'муниципалитетов')}, "
                f"{count(self.organizations, 'организация', 'организации', 'организаций')}, "
                f"{count(self.programs, 'программа', 'программы', 'программ')}, "
                f"{count(self.memberships, 'участие в программе', 'участия в программах', 'участий в программах')}, "
                f"{count(self.events, 'мероприятие', 'мероприятия', 'мероприятий')}, "
                f"{count(self.entries, 'участник этапов', 'участника этапов', 'участников этапов')}")


def scale_named(name: str) -> Scale:
    try:
        return SCALES[name]
    except KeyError:
        raise InputError(f"Масштаб «{name}» неизвестен: выберите region (область) или "
                         "country (страна).") from None


def build_scaled_demo(db: Database, scale: Scale, *, seed: int = 7,
                      academic_year: AcademicYear, user: str = "demo",
                      progress: bool = False) -> ScaleSummary:
    """The Tomsk demo (`build_demo`, with its users and letters), then everything up to
    `scale`, in one transaction per step."""
    started = time.perf_counter()
    rng = random.Random(f"{scale.name}-{seed}-{academic_year.start_year}")
    build_demo(db, academic_year=academic_year, user=user)
    say = _say if progress else (lambda text: None)
    with db.atomic():
        districts = add_districts(db, scale.districts, rng)
        say(f"Муниципалитеты: {len(districts)}")
        organizations = add_organizations(db, scale.organizations, districts, rng)
        say(f"Организации: {len(organizations)}")
        built = Built(districts, organizations, add_programs(db, scale.programs, rng))
        add_memberships(db, scale.memberships, built, rng)
        say(f"Программы и участие в них: {len(built.programs)}")
    with db.atomic():
        add_events(db, scale.events, built, academic_year, rng,
                   program_share=scale.program_share)
        say(f"Мероприятия: {scale.events}")
    with db.atomic():
        add_competitions(db, scale.competitions, scale.entries, scale.largest_stage, built,
                         academic_year, rng, user=user)
        say("Этапы и участники")
    db.execute("ANALYZE")
    return _summary(db, scale.name, time.perf_counter() - started)


def _summary(db: Database, name: str, seconds: float) -> ScaleSummary:
    def rows(table: str) -> int:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return ScaleSummary(name, rows("districts"), rows("organizations"), rows("programs"),
                        rows("memberships"), rows("events"), rows("entries"), seconds)


def _say(text: str) -> None:
    print(f"{text}…", file=sys.stderr, flush=True)
