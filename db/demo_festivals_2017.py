"""The 2017/2018 final events agreed at the webinar of 14.09.2017, with their selection rounds.

The letter fixes the hosts (selection of «Весенний переполох» at МАОУ СОШ № 58, of
«Спортивная мозаика» at МАОУ СОШ № 47); the spring 2018 dates, the final's host and the
children in the protocols are demo data, and the events' descriptions say so.
"""

from __future__ import annotations

from datetime import datetime

from rcro_tui.model import EntryResult, EntryStatus, EventStatus
from rcro_tui.db import demo_letters_orgs as o
from rcro_tui.db.demo_festivals import (SPORTS_MOSAIC, SPRING_RUMPUS, Festival, FestivalIds,
                                        Round, add_festival)
from rcro_tui.db.demo_people import distinct_names
from rcro_tui.db.demo_refs import LETTER_WEBINAR, OCHK, DemoRefs
from rcro_tui.db.stages import add_entry

_NOTE = "Даты и итоги — демо: письмо называет только площадку отборочного этапа."
_SOURCE = f"{LETTER_WEBINAR} (площадка отборочного этапа; даты и участники — демо)"
_TOMSK_SCHOOLS = (o.GYMNASIUM_13, o.LYCEUM_7, o.SOSH_32, o.SOSH_47, o.SOSH_50, o.SOSH_58)
_HELD = EventStatus.HELD


def add_festivals_2017(refs: DemoRefs) -> None:
    program = refs.program(OCHK)
    spring = add_festival(
        refs, SPRING_RUMPUS, 2017,
        [Round(o.TOMSK, o.SOSH_58, datetime(2018, 3, 15, 14), datetime(2018, 3, 15, 17),
               _HELD, 46)],
        Round(o.TOMSK, o.GYMNASIUM_13, datetime(2018, 4, 19, 14), datetime(2018, 4, 19, 17),
              _HELD, 38),
        program_id=program, organizer=o.RCRO, source=_SOURCE, note=_NOTE)
    add_protocols(refs, SPRING_RUMPUS, spring, o.SOSH_58)
    sport = add_festival(
        refs, SPORTS_MOSAIC, 2017,
        [Round(o.TOMSK, o.SOSH_47, datetime(2018, 2, 16, 15), datetime(2018, 2, 16, 18),
               _HELD, 52)],
        Round(o.TOMSK, o.SOSH_32, datetime(2018, 4, 13, 15), datetime(2018, 4, 13, 18), _HELD, 40),
        program_id=program, organizer=o.RCRO, source=_SOURCE, note=_NOTE)
    add_protocols(refs, SPORTS_MOSAIC, sport, o.SOSH_47)


def add_protocols(refs: DemoRefs, festival: Festival, ids: FestivalIds, host: str) -> None:
    """A handful of entries per nomination at the selection round; the two best go to the final."""
    rng = refs.rng
    for nomination in festival.nominations[:3]:
        children = distinct_names(rng, 3)
        scored = sorted(((rng.randint(14, 30), name) for name in children), reverse=True)
        for place, (score, name) in enumerate(scored):
            grade = rng.randint(max(festival.grades[0], 5), festival.grades[1])
            school = refs.org(rng.choice(_TOMSK_SCHOOLS))
            advanced = place < 2
            add_entry(refs.db, ids.selection_stage, name, user=refs.user, grade=grade,
                      organization_id=school, session_id=ids.sessions[host], subject=nomination,
                      score=score, result=(EntryResult.WINNER, EntryResult.PRIZE,
                                           EntryResult.PARTICIPANT)[place],
                      status=EntryStatus.ADVANCED if advanced else EntryStatus.ADMITTED)
            if advanced:
                final_score = rng.randint(18, 30)
                add_entry(refs.db, ids.final_stage, name, user=refs.user, grade=grade,
                          organization_id=school, session_id=ids.final_session,
                          subject=nomination, score=final_score,
                          result=EntryResult.WINNER if final_score >= 27 else EntryResult.PRIZE)
