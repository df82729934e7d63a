"""The generated year's work with partners: a club, university Saturdays, open days, workshops.

Letter 003 lists these resources of the project's co-executors: club activities (Клуб 4К),
ОЦ «Сириус»'s volunteer cycle «Уроки настоящего», university Saturdays and open days, the
planetarium, and master classes on the universities' experimental equipment.
"""

from __future__ import annotations

from rcro_tui.model import EventFormat, EventKind
from rcro_tui.db import demo_letters_orgs as o
from rcro_tui.db.demo_refs import TRC
from rcro_tui.db.demo_year_calendar import at
from rcro_tui.db.demo_year_events import RCRO_VENUE, YearEvents
from rcro_tui.db.demo_year_schools import SCHOOLS

TUE, WED, THU, FRI, SAT = 1, 2, 3, 4, 5

_CLUB = ((9, "знакомство с клубом и его четырьмя «К»"),
         (10, "критическое мышление в естественных науках"),
         (11, "креативность и изобретательские задачи"),
         (12, "как рассказать о своём исследовании"),
         (1, "кооперация в командном проекте"), (2, "научные дебаты"),
         (3, "наука в городе: экскурсия по лабораториям"),
         (4, "как выбрать тему исследования"), (5, "итоговая встреча клуба"))

_LESSONS = ((10, "Асиновский район", "как устроен синхротрон"),
            (12, "Колпашевский район", "атмосфера Земли и лазеры"),
            (2, "Шегарский район", "материалы будущего"),
            (4, "Парабельский район", "геном и жизнь"))

_SATURDAYS = ((9, o.TPU, "как устроен ядерный реактор"),
              (10, o.TSU, "квантовый мир вокруг нас"), (11, o.TPU, "энергетика будущего"),
              (12, o.TSPU, "как учить математике"),
              (1, "ФГБОУ ВО «Сибирский государственный медицинский университет» Минздрава России",
               "как работает иммунитет"),
              (2, o.IAO, "лазеры и атмосфера"), (3, o.TPU, "химия новых материалов"),
              (4, o.TSU, "биоразнообразие Сибири"), (5, o.TSPU, "юные исследователи природы"))

_OPEN_DAYS = ((11, o.TSU), (3, o.TPU), (4, o.TSPU))

_EQUIPMENT = ((11, o.TPU, "рентгеноструктурный анализ"),
              (2, o.IAO, "лидарное зондирование атмосферы"),
              (4, o.PHYSICS_TSU, "оптический практикум"))


def add_outreach_year(ev: YearEvents) -> None:
    club(ev)
    lessons(ev)
    university_saturdays(ev)
    open_days(ev)
    equipment_classes(ev)
    planetarium(ev)


def club(ev: YearEvents) -> None:
    """Клуб 4К meets on the third Friday of each month, September to May."""
    for month, topic in _CLUB:
        day = ev.cal.shift(ev.cal.nth(month, FRI, 3))
        ev.add(f"Клуб 4К: {topic}", EventKind.OTHER, *at(day, "16:00", "17:30"), program=TRC,
               host=o.RCRO, venue=RCRO_VENUE, grades=(8, 11), size=(12, 30),
               cancelled="ведущий заболел, встреча перенесена на январь." if month == 12 else "")


def lessons(ev: YearEvents) -> None:
    """«Уроки настоящего»: students-volunteers of ОЦ «Сириус» visit schools across the region."""
    for month, district, topic in _LESSONS:
        day = ev.cal.shift(ev.cal.nth(month, WED, 3))
        ev.add(f"«Уроки настоящего»: {topic} — {district}", EventKind.MASTER_CLASS,
               *at(day, "13:00", "14:30"), program=TRC, host=SCHOOLS[district][0][0],
               grades=(8, 11), local=True,
               description="Цикл мероприятий волонтёрского проекта ОЦ «Сириус» «Уроки "
               "настоящего» в Томской области.")


def university_saturdays(ev: YearEvents) -> None:
    for month, host, topic in _SATURDAYS:
        day = ev.cal.shift(ev.cal.nth(month, SAT, 1), weekly=True)
        ev.add(f"Университетская суббота: {topic}", EventKind.OTHER, *at(day, "12:00", "14:00"),
               program=TRC, host=host, grades=(8, 11),
               cancelled="лектор в командировке; лекция пройдёт в мае." if month == 3 else "")


def open_days(ev: YearEvents) -> None:
    for month, host in _OPEN_DAYS:
        day = ev.cal.shift(ev.cal.nth(month, SAT, 3), weekly=True)
        short = next(org.short for org in o.ORGS if org.name == host)
        ev.add(f"День открытых дверей {short}", EventKind.OTHER, *at(day, "11:00", "14:00"),
               fmt=EventFormat.HYBRID, host=host, grades=(9, 11), size=(150, 400))


def equipment_classes(ev: YearEvents) -> None:
    for month, host, topic in _EQUIPMENT:
        day = ev.cal.shift(ev.cal.nth(month, THU, 4))
        ev.add(f"Мастер-класс для педагогов по работе с экспериментальным оборудованием: {topic}",
               EventKind.MASTER_CLASS, *at(day, "15:00", "17:00"), program=TRC, host=host)


def planetarium(ev: YearEvents) -> None:
    for month, topic in ((10, "звёздное небо осени"), (2, "планеты и их спутники")):
        day = ev.cal.shift(ev.cal.nth(month, TUE, 4))
        ev.add(f"Астрономический вечер в Томском планетарии: {topic}", EventKind.MASTER_CLASS,
               *at(day, "18:00", "19:30"), program=TRC, host=o.PLANETARIUM, grades=(5, 11))
