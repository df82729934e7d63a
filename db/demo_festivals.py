"""The final events of «Образование через коммуникацию» and their selection rounds at hub schools.

Letter 004 agreed that hub schools hold the *selection* stage (отборочный этап) of a final
event rather than a municipal stage: each hub's round is a calendar event tied to the
selection stage as a session; the final event is the session of the final stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from rcro_tui.model import EventFormat, EventKind, EventStatus, StageLevel
from rcro_tui.db.demo_refs import DemoRefs
from rcro_tui.db.events import EventDraft, add_event
from rcro_tui.db.stages import add_competition, add_session, add_stage


@dataclass(frozen=True)
class Festival:
    title: str
    genitive: str
    nominations: tuple[str, ...]
    grades: tuple[int, int]
    description: str


SPRING_RUMPUS = Festival(
    "Фестиваль искусств «Весенний переполох»", "фестиваля искусств «Весенний переполох»",
    ("вокал", "хореография", "художественное слово", "инструментальное исполнительство",
     "изобразительное искусство"), (1, 11),
    "Итоговое образовательное событие программы «Образование через коммуникацию»: "
    "творческие номера обучающихся по номинациям.")
SPORTS_MOSAIC = Festival(
    "Фестиваль «Спортивная мозаика»", "фестиваля «Спортивная мозаика»",
    ("лёгкая атлетика", "шахматы", "настольный теннис", "шашки", "дартс"), (5, 9),
    "Итоговое образовательное событие программы «Образование через коммуникацию»: "
    "личные соревнования обучающихся по видам программы.")

SELECTION_RULE = {"kind": "top_n", "n": 2, "per": "subject"}
"""The two best of each nomination go on to the final event."""


@dataclass(frozen=True)
class Round:
    """One selection round (or the final) at a host organisation."""

    district: str
    host: str
    start: datetime
    end: datetime
    status: EventStatus
    participants: int | None = None


@dataclass
class FestivalIds:
    competition: int
    selection_stage: int
    final_stage: int
    final_session: int
    sessions: dict[str, int] = field(default_factory=dict)
    """Selection session ids by the host's official name."""


def add_festival(refs: DemoRefs, festival: Festival, academic_year: int, rounds: list[Round],
                 final: Round, *, program_id: int, organizer: str, source: str,
                 note: str = "") -> FestivalIds:
    """The competition, its two stages, a session (an event) per round and the final event."""
    final_event = add_event(refs.db, _draft(refs, festival, final, program_id, source, note,
                                            title=f"{festival.title} — итоговое событие",
                                            is_final=True), user=refs.user)
    competition = add_competition(
        refs.db, festival.title, EventKind.FESTIVAL, academic_year, user=refs.user,
        program_id=program_id, grades=festival.grades, organizer_org_id=refs.org(organizer),
        final_event_id=final_event, description=festival.description, source=source)
    dates = [r.start.date() for r in rounds]
    selection = add_stage(refs.db, competition, 1, StageLevel.SELECTION, "Отборочный этап",
                          user=refs.user, start=min(dates), end=max(dates),
                          grades=festival.grades, pass_rule=SELECTION_RULE)
    final_stage = add_stage(refs.db, competition, 2, StageLevel.FINAL, "Итоговое событие",
                            user=refs.user, start=final.start.date(), end=final.end.date(),
                            grades=festival.grades)
    ids = FestivalIds(competition, selection, final_stage, add_session(
        refs.db, final_stage, final_event, user=refs.user,
        district_id=refs.district(final.district), host_org_id=refs.org(final.host)))
    for round_ in rounds:
        title = f"Отборочный этап {festival.genitive} — {round_.district}"
        event = add_event(refs.db, _draft(refs, festival, round_, program_id, source, note,
                                          title=title), user=refs.user)
        ids.sessions[round_.host] = add_session(
            refs.db, selection, event, user=refs.user, district_id=refs.district(round_.district),
            host_org_id=refs.org(round_.host))
    return ids


def _draft(refs: DemoRefs, festival: Festival, round_: Round, program_id: int, source: str,
           note: str, *, title: str, is_final: bool = False) -> EventDraft:
    held = round_.status == EventStatus.HELD and round_.participants
    outcome = ("определены победители и призёры в каждой номинации." if is_final else
               "лучшие в каждой номинации прошли на итоговое событие.")
    return EventDraft(
        title=title, kind=EventKind.FESTIVAL, format=EventFormat.IN_PERSON,
        start=round_.start, end=round_.end, program_id=program_id,
        host_org_id=refs.org(round_.host), venue=round_.host, grades=festival.grades,
        subjects=", ".join(festival.nominations), status=round_.status,
        description=f"{festival.description} {note}".strip(),
        participants_count=round_.participants if held else None,
        results_summary=(f"Приняли участие {round_.participants} обучающихся; {outcome}"
                         if held else ""),
        source=source)
