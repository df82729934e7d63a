"""The other high-rated competitions letter 003 lists, for the generated year.

The regional stage of the Maxwell olympiad (physics, grades 7–8), the Euler olympiad's
distance stage (mathematics, grade 8), the regional stage of the Vernadsky contest and of
«Большие вызовы». They lie mostly after the demo's «today», so their entries are the
registered, not yet scored participants.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from rcro_tui.model import EntryStatus, EventFormat, EventKind, HighRatedList, StageLevel
from rcro_tui.db import demo_letters_orgs as o
from rcro_tui.db.demo_people import distinct_names
from rcro_tui.db.demo_refs import DEMO_SOURCE, TRC
from rcro_tui.db.demo_year_calendar import at
from rcro_tui.db.demo_year_events import RCRO_VENUE, YearEvents
from rcro_tui.db.demo_year_vsosh import Child, school_pool
from rcro_tui.db.stages import add_competition, add_entry, add_session, add_stage

MON, FRI, SAT = 0, 4, 5
MANUAL = {"kind": "manual",
          "note": "проходной балл устанавливает организатор заключительного этапа"}


def add_olympiads(ev: YearEvents, vsosh_physics: list[Child]) -> None:
    maxwell(ev, vsosh_physics)
    euler(ev)
    vernadsky(ev)
    big_challenges(ev)


def _competition(ev: YearEvents, title: str, kind: EventKind, grades: tuple[int, int],
                 subjects: str) -> int:
    return add_competition(ev.refs.db, title, kind, ev.cal.year.start_year, user=ev.refs.user,
                           program_id=ev.refs.program(TRC), subjects=subjects, grades=grades,
                           high_rated=HighRatedList.MINPROS, organizer_org_id=ev.refs.org(o.RCRO),
                           source=DEMO_SOURCE)


def _stage(ev: YearEvents, competition: int, position: int, level: StageLevel, name: str,
           first, last, grades, rule=None) -> int:
    return add_stage(ev.refs.db, competition, position, level, name, user=ev.refs.user,
                     start=first, end=last, grades=grades, pass_rule=rule)


def _session(ev: YearEvents, stage: int, event: int, host: str | None) -> int:
    host_id = ev.refs.org(host) if host else None
    return add_session(ev.refs.db, stage, event, user=ev.refs.user, host_org_id=host_id,
                       district_id=ev.refs.district_of(host_id) if host_id else None)


def _register(ev: YearEvents, stage: int, session: int, children: list[Child],
              subject: str) -> None:
    for child in children:
        add_entry(ev.refs.db, stage, child.name, user=ev.refs.user, grade=child.grade,
                  organization_id=child.school, session_id=session, subject=subject,
                  status=EntryStatus.ADMITTED)


def _new_children(ev: YearEvents, count: int, grades: tuple[int, int]) -> list[Child]:
    rng, pool = ev.refs.rng, school_pool()
    return [Child(name, rng.randint(*grades), ev.refs.org(rng.choice(pool)))
            for name in distinct_names(rng, count)]


def maxwell(ev: YearEvents, vsosh_physics: list[Child]) -> None:
    """Two days in January (theory, then experiment) at the physics faculty of ТГУ."""
    cal = ev.cal
    title = "Олимпиада имени Дж. К. Максвелла по физике"
    competition = _competition(ev, title, EventKind.OLYMPIAD, (7, 8), "физика")
    day = cal.shift(cal.nth(1, MON, 3), length=2)
    regional = _stage(ev, competition, 1, StageLevel.REGIONAL, "Региональный этап", day,
                      day + timedelta(days=1), (7, 8), MANUAL)
    _stage(ev, competition, 2, StageLevel.FINAL, "Заключительный этап", cal.month_day(4, 1),
           cal.month_day(4, 15), (7, 8))
    start = datetime.combine(day, time(10))
    event = ev.add("Региональный этап олимпиады имени Дж. К. Максвелла по физике для "
                   "обучающихся 7-8 классов", EventKind.OLYMPIAD, start,
                   start + timedelta(days=1, hours=4), program=TRC, host=o.PHYSICS_TSU,
                   grades=(7, 8), subjects="физика",
                   description="Первый день — теоретический тур, второй — экспериментальный.")
    scored = sorted((c for c in vsosh_physics if c.grade <= 8 and c.score is not None),
                    key=lambda c: -c.score)
    chosen = [Child(c.name, c.grade, c.school) for c in scored[:max(3, len(scored) // 2)]]
    _register(ev, regional, _session(ev, regional, event, o.PHYSICS_TSU), chosen, "физика")


def euler(ev: YearEvents) -> None:
    """Three online rounds of three days each in November and December; then regional, final."""
    cal = ev.cal
    competition = _competition(ev, "Математическая олимпиада имени Леонарда Эйлера",
                               EventKind.OLYMPIAD, (8, 8), "математика")
    rounds = [cal.shift(d, length=3) for d in (cal.nth(11, MON, 2), cal.nth(11, MON, 4),
                                                cal.nth(12, MON, 2))]
    distance = _stage(ev, competition, 1, StageLevel.SELECTION, "Дистанционный этап", rounds[0],
                      rounds[-1] + timedelta(days=2), (8, 8),
                      {"kind": "threshold", "min_score": 20, "note": "сумма баллов трёх туров"})
    regional_day = cal.shift(cal.nth(2, SAT, 1), weekly=True)
    _stage(ev, competition, 2, StageLevel.REGIONAL, "Региональный этап", regional_day,
           regional_day, (8, 8), MANUAL)
    _stage(ev, competition, 3, StageLevel.FINAL, "Заключительный этап", cal.month_day(3, 20),
           cal.month_day(3, 31), (8, 8))
    sessions = []
    for number, first in enumerate(rounds, start=1):
        event = ev.add(f"Дистанционный этап математической олимпиады имени Леонарда Эйлера для "
                       f"обучающихся 8-х классов: {number} тур", EventKind.OLYMPIAD, first,
                       first + timedelta(days=2), fmt=EventFormat.ONLINE, program=TRC,
                       host=o.RCRO, grades=(8, 8), subjects="математика", size=(80, 200))
        sessions.append(_session(ev, distance, event, o.RCRO))
    _register(ev, distance, sessions[0], _new_children(ev, 20, (8, 8)), "математика")


def vernadsky(ev: YearEvents) -> None:
    cal = ev.cal
    competition = _competition(ev, "Всероссийский конкурс юношеских исследовательских работ им. "
                               "В.И. Вернадского", EventKind.CONTEST, (8, 11), "")
    day = cal.shift(cal.nth(2, FRI, 3))
    regional = _stage(ev, competition, 1, StageLevel.REGIONAL, "Региональный этап", day, day,
                      (8, 11), {"kind": "top_n", "n": 5})
    _stage(ev, competition, 2, StageLevel.FINAL, "Заключительный этап", cal.month_day(4, 15),
           cal.month_day(4, 25), (8, 11))
    event = ev.add("Региональный этап Всероссийского конкурса им. В.И. Вернадского",
                   EventKind.CONTEST, *at(day, "10:00", "16:00"), fmt=EventFormat.HYBRID,
                   program=TRC, host=o.RCRO, venue=RCRO_VENUE, grades=(8, 11))
    session = _session(ev, regional, event, o.RCRO)
    sections = ("экология", "история", "физика", "биология", "краеведение")
    for number, child in enumerate(_new_children(ev, 10, (8, 11))):
        _register(ev, regional, session, [child], sections[number % len(sections)])


def big_challenges(ev: YearEvents) -> None:
    """Regional stage at «Кванториум» in March; the final runs in July at ОЦ «Сириус»."""
    cal = ev.cal
    competition = _competition(ev, "Всероссийский конкурс научно-технологических проектов "
                               "«Большие вызовы»", EventKind.CONTEST, (7, 11), "")
    day = cal.shift(cal.nth(3, FRI, 2), length=2)
    regional = _stage(ev, competition, 1, StageLevel.REGIONAL, "Региональный этап", day,
                      day + timedelta(days=1), (7, 11), {"kind": "top_n", "n": 8})
    final_first, final_last = cal.month_day(7, 1), cal.month_day(7, 24)
    final = _stage(ev, competition, 2, StageLevel.FINAL, "Заключительный этап", final_first,
                   final_last, (7, 11))
    start = datetime.combine(day, time(10))
    event = ev.add("Региональный этап Всероссийского конкурса научно-технологических проектов "
                   "«Большие вызовы»", EventKind.CONTEST, start, start + timedelta(days=1, hours=6),
                   program=TRC, host=o.KVANTORIUM, grades=(7, 11))
    session = _session(ev, regional, event, o.KVANTORIUM)
    for number, child in enumerate(_new_children(ev, 12, (7, 11))):
        track = ("Беспилотный транспорт", "Биотехнологии", "Большие данные",
                 "Новые материалы")[number % 4]
        _register(ev, regional, session, [child], track)
    event = ev.add("Заключительный этап Всероссийского конкурса научно-технологических проектов "
                   "«Большие вызовы»", EventKind.CONTEST, final_first, final_last, program=TRC,
                   host=o.SIRIUS, venue="ОЦ «Сириус», федеральная территория «Сириус»",
                   grades=(7, 11), description="Сроки условные (демо): финал проходит в июле.")
    _session(ev, final, event, o.SIRIUS)
