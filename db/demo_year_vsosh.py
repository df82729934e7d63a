"""The all-Russian olympiad (ВсОШ) of the generated year: school → municipal → regional → final.

Each stage's sessions are calendar events (one per subject). Stages already held by the
demo's «today» have scored protocols; those who pass a stage's threshold are entered in the
next stage, unscored, exactly as advancing would do it — so the children are the same
people from stage to stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import NamedTuple

from rcro_tui.model import EntryResult, EntryStatus, EventFormat, EventKind, EventStatus
from rcro_tui.model import HighRatedList, StageLevel
from rcro_tui.db import demo_letters_orgs as o
from rcro_tui.db.demo_people import distinct_names
from rcro_tui.db.demo_refs import DEMO_SOURCE, TRC
from rcro_tui.db.demo_year_calendar import at
from rcro_tui.db.demo_year_events import YearEvents
from rcro_tui.db.demo_year_schools import SCHOOLS
from rcro_tui.db.stages import add_competition, add_entry, add_session, add_stage

SAT = 5
TO_MUNICIPAL = {7: 45, 8: 45, 9: 50, 10: 50, 11: 55}
TO_REGIONAL = {9: 60, 10: 62, 11: 65}
SIRIUS_VENUE = "платформа «Сириус.Курсы»"
SIRIUS_LINK = "https://siriusolymp.ru"


class Subject(NamedTuple):
    name: str
    dative: str
    grades: tuple[int, int]
    sirius: bool
    regional_host: str
    two_days: bool


SUBJECTS = (
    Subject("математика", "математике", (4, 11), True, o.TSU, False),
    Subject("физика", "физике", (7, 11), True, o.PHYSICS_TSU, True),
    Subject("химия", "химии", (8, 11), True, o.TPU, True),
    Subject("биология", "биологии", (5, 11), True, o.TSPU, True),
    Subject("информатика", "информатике", (5, 11), True, o.TPU, True),
    Subject("астрономия", "астрономии", (5, 11), True, o.OBSERVATORY, False),
    Subject("экология", "экологии", (5, 11), False, o.TSPU, False),
    Subject("география", "географии", (5, 11), False, o.TSPU, False),
)


@dataclass
class Child:
    name: str
    grade: int
    school: int
    score: int | None = None


def school_pool() -> list[str]:
    """Schools children come from; Tomsk's are listed three times, as it has most pupils."""
    tomsk = [s for s in o.WEBINAR_SCHOOLS if s.endswith("г. Томска")]
    others = [s for s in o.WEBINAR_SCHOOLS if s not in tomsk]
    others += [name for district, rows in SCHOOLS.items() if district != o.TOMSK
               for name, _, _ in rows]
    tomsk += [name for name, _, _ in SCHOOLS[o.TOMSK]]
    return tomsk * 3 + others


def add_vsosh(ev: YearEvents) -> dict[str, list[Child]]:
    """The whole olympiad; returns the municipal protocols (physics feeds the Maxwell olympiad)."""
    refs, cal = ev.refs, ev.cal
    year = cal.year
    competition = add_competition(
        refs.db, "Всероссийская олимпиада школьников", EventKind.OLYMPIAD, year.start_year,
        user=refs.user, program_id=refs.program(TRC), subjects=", ".join(s.name for s in SUBJECTS),
        grades=(4, 11), high_rated=HighRatedList.MINPROS, organizer_org_id=refs.org(o.DOO),
        description="Организатор регионального этапа — Департамент общего образования Томской "
        "области, региональный оператор — ОГБУ «РЦРО».", source=DEMO_SOURCE)

    def stage(position, level, name, first, last, grades, rule=None):
        return add_stage(refs.db, competition, position, level, name, user=refs.user,
                         start=first, end=last, grades=grades, pass_rule=rule)

    school = stage(1, StageLevel.SCHOOL, "Школьный этап", cal.month_day(9, 15),
                   cal.month_day(10, 24), (4, 11), {"kind": "threshold", "by_grade": TO_MUNICIPAL})
    municipal = stage(2, StageLevel.MUNICIPAL, "Муниципальный этап", cal.month_day(11, 9),
                      cal.month_day(12, 12), (7, 11),
                      {"kind": "threshold", "by_grade": TO_REGIONAL})
    regional = stage(3, StageLevel.REGIONAL, "Региональный этап", cal.month_day(1, 13),
                     cal.month_day(2, 25), (9, 11),
                     {"kind": "manual",
                      "note": "проходной балл устанавливает Минпросвещения России"})
    stage(4, StageLevel.FINAL, "Заключительный этап", cal.month_day(4, 1), cal.month_day(4, 30),
          (9, 11))
    pool = school_pool()
    protocols: dict[str, list[Child]] = {}
    for number, subject in enumerate(SUBJECTS):
        children = school_round(ev, school, subject, number, pool)
        protocols[subject.name] = municipal_round(ev, municipal, subject, number, children)
        regional_round(ev, regional, subject, number, protocols[subject.name])
    return protocols


def school_round(ev: YearEvents, stage_id: int, subject: Subject, number: int,
                 pool: list[str]) -> list[Child]:
    """A weekday from mid-September; protocols of 14 children, one of them absent."""
    day = ev.cal.shift(ev.cal.month_day(9, 16) + timedelta(days=3 * number))
    event = ev.add(f"Школьный этап ВсОШ по {subject.dative}", EventKind.OLYMPIAD, day, day,
                   fmt=EventFormat.ONLINE if subject.sirius else EventFormat.IN_PERSON,
                   venue=SIRIUS_VENUE if subject.sirius else
                   "в общеобразовательных организациях по месту обучения",
                   program=TRC, grades=subject.grades, subjects=subject.name, size=(1500, 6000),
                   everywhere=True, link=SIRIUS_LINK if subject.sirius else None)
    session = add_session(ev.refs.db, stage_id, event, user=ev.refs.user)
    rng = ev.refs.rng
    low = max(subject.grades[0], 7)
    children = [Child(name, rng.randint(low, 11), ev.refs.org(rng.choice(pool)),
                      rng.randint(10, 100)) for name in distinct_names(rng, 14)]
    children[-1].score = None
    write_protocol(ev, stage_id, session, subject.name, children, TO_MUNICIPAL, held=True)
    return [c for c in children if c.score is not None and c.score >= TO_MUNICIPAL[c.grade]]


def municipal_round(ev: YearEvents, stage_id: int, subject: Subject, number: int,
                    children: list[Child]) -> list[Child]:
    """Two subjects a Saturday from mid-November, 10:00–14:00 in every municipality."""
    first = ev.cal.shift(ev.cal.nth(11, SAT, 2), weekly=True)
    day = ev.cal.shift(first + timedelta(weeks=number // 2), weekly=True)
    event = ev.add(f"Муниципальный этап ВсОШ по {subject.dative}", EventKind.OLYMPIAD,
                   *at(day, "10:00", "14:00"), venue="пункты проведения в муниципальных "
                   "образованиях Томской области", program=TRC, grades=(7, 11),
                   subjects=subject.name, size=(400, 1200), everywhere=True)
    session = add_session(ev.refs.db, stage_id, event, user=ev.refs.user)
    held = ev.cal.status(day, day) == EventStatus.HELD
    rng = ev.refs.rng
    protocol = [Child(c.name, c.grade, c.school, rng.randint(20, 100) if held else None)
                for c in children]
    write_protocol(ev, stage_id, session, subject.name, protocol, TO_REGIONAL, held=held)
    return protocol


def regional_round(ev: YearEvents, stage_id: int, subject: Subject, number: int,
                   municipal: list[Child]) -> None:
    """At a university in January–February; two days (theory and practice) for some subjects."""
    day = ev.cal.shift(ev.cal.month_day(1, 13) + timedelta(days=4 * number),
                       length=2 if subject.two_days else 1)
    start = datetime.combine(day, time(10))
    end = start + (timedelta(days=1, hours=5) if subject.two_days else timedelta(hours=5))
    event = ev.add(f"Региональный этап ВсОШ по {subject.dative}", EventKind.OLYMPIAD, start, end,
                   program=TRC, host=subject.regional_host, grades=(9, 11), subjects=subject.name)
    session = add_session(ev.refs.db, stage_id, event, user=ev.refs.user,
                          host_org_id=ev.refs.org(subject.regional_host))
    admitted = [Child(c.name, c.grade, c.school) for c in municipal
                if c.score is not None and c.grade >= 9 and c.score >= TO_REGIONAL[c.grade]]
    write_protocol(ev, stage_id, session, subject.name, admitted, TO_REGIONAL, held=False)


def write_protocol(ev: YearEvents, stage_id: int, session: int, subject: str,
                   children: list[Child], thresholds: dict[int, int], *, held: bool) -> None:
    """Entries ranked by score: the best a winner, the next three prize-winners if above half."""
    ranked = sorted(children, key=lambda c: -(c.score if c.score is not None else -1))
    for place, child in enumerate(ranked):
        result, status = EntryResult.PARTICIPANT, EntryStatus.ADMITTED
        if held and child.score is None:
            status = EntryStatus.ABSENT
        elif held:
            if place == 0:
                result = EntryResult.WINNER
            elif place <= 3 and child.score >= 50:
                result = EntryResult.PRIZE
            if child.score >= thresholds.get(child.grade, 101):
                status = EntryStatus.ADVANCED
        add_entry(ev.refs.db, stage_id, child.name, user=ev.refs.user, grade=child.grade,
                  organization_id=child.school, session_id=session, subject=subject,
                  score=child.score, result=result, status=status)
