"""A small region with one olympiad stage, for the entries and protocol tests.

Two districts, four schools (one with an INN), a competition with a regional stage for
grades 7–11 in «математика; физика» with a maximum of 50 points, and one session per district
at its first school.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlite_utils import Database

from rcro_tui.model import DistrictKind, EventKind, OrgKind, StageLevel
from rcro_tui.db.events import EventDraft, add_event
from rcro_tui.db.network import add_district, add_organization
from rcro_tui.db.stages import add_competition, add_session, add_stage

USER = "ivanova"
KOZH_INN = "7008004480"


@dataclass
class Region:
    kozh: int
    zyr: int
    kozh2: int
    """МБОУ «Кожевниковская СОШ № 2» (INN 7008004480), Кожевниковский район."""
    urtam: int
    """МБОУ «Уртамская СОШ», Кожевниковский район."""
    zyr1: int
    """МБОУ «Зырянская СОШ», Зырянский район."""
    zyr_gym: int
    """МАОУ «Зырянская гимназия», Зырянский район."""
    competition: int
    stage: int
    kozh_session: int
    zyr_session: int


def build_region(db: Database, *, max_score: float | None = 50,
                 subjects: str = "математика; физика") -> Region:
    kozh = add_district(db, "Кожевниковский район", DistrictKind.MUNICIPAL_DISTRICT, user=USER,
                        sort_order=1)
    zyr = add_district(db, "Зырянский район", DistrictKind.MUNICIPAL_DISTRICT, user=USER,
                       sort_order=2)
    kozh2 = add_organization(db, "МБОУ «Кожевниковская СОШ № 2»", OrgKind.SCHOOL, user=USER,
                             district_id=kozh, inn=KOZH_INN)
    urtam = add_organization(db, "МБОУ «Уртамская СОШ»", OrgKind.SCHOOL, user=USER,
                             district_id=kozh)
    zyr1 = add_organization(db, "МБОУ «Зырянская СОШ»", OrgKind.SCHOOL, user=USER,
                            district_id=zyr)
    zyr_gym = add_organization(db, "МАОУ «Зырянская гимназия»", OrgKind.SCHOOL, user=USER,
                               district_id=zyr)
    competition = add_competition(db, "Олимпиада «Весна»", EventKind.OLYMPIAD, 2026, user=USER,
                                  subjects=subjects, grades=(7, 11))
    stage = add_stage(db, competition, 1, StageLevel.REGIONAL, "Региональный этап", user=USER,
                      start=date(2027, 3, 14), end=date(2027, 3, 14), grades=(7, 11),
                      subjects=subjects, max_score=max_score)
    sessions = []
    for district, host, name in ((kozh, kozh2, "Кожевниково"), (zyr, zyr1, "Зырянское")):
        event = add_event(db, EventDraft(
            title=f"Олимпиада «Весна»: региональный этап ({name})", kind=EventKind.OLYMPIAD,
            start=datetime(2027, 3, 14, 10, 0), end=datetime(2027, 3, 14, 14, 0),
            host_org_id=host), user=USER)
        sessions.append(add_session(db, stage, event, user=USER, district_id=district,
                                    host_org_id=host))
    return Region(kozh, zyr, kozh2, urtam, zyr1, zyr_gym, competition, stage, *sessions)


def add_second_session(db: Database, region: Region) -> int:
    """A second session in the Zyryansky district (at the gymnasium)."""
    event = add_event(db, EventDraft(
        title="Олимпиада «Весна»: региональный этап (гимназия)", kind=EventKind.OLYMPIAD,
        start=datetime(2027, 3, 15, 10, 0), end=datetime(2027, 3, 15, 14, 0),
        host_org_id=region.zyr_gym), user=USER)
    return add_session(db, region.stage, event, user=USER, district_id=region.zyr,
                       host_org_id=region.zyr_gym)
