"""A small competition for advance tests: «Весенний переполох» in two districts and a third.

Districts: Кожевниковский район and г. Томск (each with a hub school hosting a selection
session) and Томский район (a school, no hub). Stage 1 (selection) has both sessions; stage 2
(final) has one session per district given in `final_in` (or one regional final event).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlite_utils import Database

from rcro_tui.db.events import EventDraft, add_event
from rcro_tui.db.network import add_district, add_organization
from rcro_tui.db.stages import add_competition, add_entry, add_session, add_stage
from rcro_tui.model import DistrictKind, EventKind, OrgKind, StageLevel

USER = "ivanova"


@dataclass
class World:
    competition: int
    selection: int
    final: int
    districts: dict[str, int]
    schools: dict[str, int]
    sessions: dict[str, int]
    """Selection sessions by district name."""
    final_sessions: dict[str, int] = field(default_factory=dict)
    """Final sessions by district name («» for one without a district)."""
    final_events: dict[str, int] = field(default_factory=dict)


def event(db: Database, title: str, day: date, host: int | None, subjects: str = "") -> int:
    start = datetime.combine(day, datetime.min.time()).replace(hour=14)
    return add_event(db, EventDraft(title=title, kind=EventKind.FESTIVAL, start=start,
                                    end=start.replace(hour=17), host_org_id=host,
                                    subjects=subjects), user=USER)


def build(db: Database, *, final_in: tuple[str, ...] = ("",), rule: dict | None = None) -> World:
    districts = {name: add_district(db, name, kind, user=USER) for name, kind in (
        ("Кожевниковский район", DistrictKind.MUNICIPAL_DISTRICT),
        ("г. Томск", DistrictKind.URBAN_OKRUG),
        ("Томский район", DistrictKind.MUNICIPAL_DISTRICT))}
    schools = {name: add_organization(db, name, OrgKind.SCHOOL, user=USER,
                                      district_id=districts[district])
               for name, district in (("Кожевниковская СОШ № 1", "Кожевниковский район"),
                                      ("Кожевниковская СОШ № 2", "Кожевниковский район"),
                                      ("МАОУ СОШ № 58 г. Томска", "г. Томск"),
                                      ("МАОУ гимназия № 13 г. Томска", "г. Томск"),
                                      ("МБОУ «Зональненская СОШ»", "Томский район"))}
    competition = add_competition(db, "Весенний переполох", EventKind.FESTIVAL, 2026, user=USER)
    selection = add_stage(db, competition, 1, StageLevel.SELECTION, "Отборочный этап",
                          user=USER, pass_rule=rule or {"kind": "quota", "n": 3,
                                                        "per": "session"})
    final = add_stage(db, competition, 2, StageLevel.FINAL, "Итоговое событие", user=USER)
    world = World(competition, selection, final, districts, schools, {})
    for district, host in (("Кожевниковский район", "Кожевниковская СОШ № 1"),
                           ("г. Томск", "МАОУ СОШ № 58 г. Томска")):
        ev = event(db, f"Отборочный этап — {district}", date(2027, 3, 4), schools[host])
        world.sessions[district] = add_session(db, selection, ev, user=USER,
                                               district_id=districts[district],
                                               host_org_id=schools[host])
    for district in final_in:
        ev = event(db, f"Весенний переполох — итоговое событие {district}".strip(),
                   date(2027, 4, 15), schools["МАОУ гимназия № 13 г. Томска"])
        world.final_events[district] = ev
        world.final_sessions[district] = add_session(
            db, final, ev, user=USER, district_id=districts.get(district),
            host_org_id=schools["МАОУ гимназия № 13 г. Томска"])
    return world


def enter(db: Database, world: World, session_district: str, school: str,
          *scores: float | None, subject: str = "вокал", grade: int = 7,
          status: str = "admitted", prefix: str = "") -> list[int]:
    """Entries with the given scores at a selection session, named «<prefix>Участник N»."""
    start = db.execute("SELECT count(*) FROM entries").fetchone()[0]
    return [add_entry(db, world.selection, f"{prefix}Участник {start + n + 1}", user=USER,
                      grade=grade, organization_id=world.schools[school],
                      session_id=world.sessions[session_district], subject=subject,
                      score=score, status=status)
            for n, score in enumerate(scores)]
