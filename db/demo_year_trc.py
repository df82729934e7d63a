"""The generated year of the regional centre for gifted children (ТРЦ): sessions, hours, intensives.

Drawn from the plans in letters 002 and 003: a strategy session, online hours with municipal
coordinators, the olympiad-preparation centre's webinars for teachers, profile intensives in
the school breaks and in summer, the regional distance championship in physics and maths,
and further training of municipal teams of subject teachers.
"""

from __future__ import annotations

from datetime import timedelta

from rcro_tui.model import Attendance, EventFormat, EventKind
from rcro_tui.db import demo_letters_orgs as o
from rcro_tui.db.demo_refs import TRC
from rcro_tui.db.demo_year_calendar import at
from rcro_tui.db.demo_year_events import RCRO_VENUE, YearEvents
from rcro_tui.db.events import AgendaPart, AudienceSegment

MON, TUE, WED, THU, FRI, SAT = range(6)
CONTACT = "Отдел выявления и поддержки молодых талантов ОГБУ «РЦРО», (3822) 515-326"
TEACHERS = AudienceSegment("Учителя-предметники, муниципальные педагогические команды",
                           Attendance.REMOTE)

_HOURS = ((9, 4, "старт олимпиадного сезона"), (12, 2, "итоги муниципального этапа ВсОШ"),
          (3, 2, "отбор обучающихся на программы ОЦ «Сириус» и ТРЦ"), (5, 3, "итоги года"))

_PREP_TOPICS = (
    "разбор заданий школьного этапа ВсОШ по физике",
    "типичные ошибки муниципального этапа ВсОШ по математике",
    "подготовка к региональному этапу ВсОШ по химии", "практический тур по биологии",
    "задачи олимпиадного программирования по информатике",
    "экспериментальный тур олимпиады имени Дж. К. Максвелла",
    "наблюдательные задачи по астрономии", "составление олимпиадных заданий для школьного этапа")

_INTENSIVES = (  # title, host, grades, subjects, length in days
    ("Осенняя олимпиадная смена-интенсив «Физика и математика»", o.KVANTORIUM, (7, 9),
     "физика, математика", 4),
    ("Зимняя смена-интенсив «Химия и биология»", o.TSPU, (8, 10), "химия, биология", 3),
    ("Профильная смена ТРЦ «Математика»", o.TSU, (8, 11), "математика", 5),
    ("Весенняя смена-интенсив «Астрономия»", o.OBSERVATORY, (7, 11), "астрономия", 5),
    ("Летняя естественнонаучная смена-интенсив", o.BOTANIC, (6, 9), "биология, экология", 5),
    ("Летняя профильная смена «Инженерные каникулы»", o.TPU, (8, 10), "физика, технология", 5),
    ("Олимпиадная смена по информатике", o.KVANTORIUM, (8, 11), "информатика", 4),
)


def add_trc_year(ev: YearEvents) -> None:
    strategy_session(ev)
    online_hours(ev)
    prep_webinars(ev)
    intensives(ev)
    championship(ev)
    training_course(ev)
    season_milestones(ev)


def strategy_session(ev: YearEvents) -> None:
    day = ev.cal.shift(ev.cal.nth(10, TUE, 2))
    start, end = at(day, "14:00", "17:00")
    ev.add("Стратегическая сессия ТРЦ: олимпиадная подготовка и отбор на программы ОЦ «Сириус»",
           EventKind.STRATEGY_SESSION, start, end, fmt=EventFormat.HYBRID, program=TRC,
           host=o.RCRO, venue=RCRO_VENUE, contacts=CONTACT, reg=at(day, "13:30", "13:50"),
           agenda=(AgendaPart("Итоги прошлого учебного года в высокорейтинговых мероприятиях",
                              remote=True),
                   AgendaPart("Модель отбора обучающихся на программы ТРЦ", remote=True),
                   AgendaPart("Групповая работа по муниципальным командам"),
                   AgendaPart("Презентация итогов работы групп, рефлексия")),
           audience=(AudienceSegment("Специалисты ОГБУ «РЦРО»", Attendance.IN_PERSON),
                     AudienceSegment("Специалисты муниципальных органов управления "
                                     "образованием", Attendance.REMOTE, parts="1–2",
                                     note="по заранее направленной ссылке"),
                     AudienceSegment("Руководители базовых площадок ТРЦ и опорных школ",
                                     Attendance.IN_PERSON, note="по персональным приглашениям"),
                     AudienceSegment("Представители вузов и организаций-партнёров",
                                     Attendance.IN_PERSON, note="по персональным приглашениям")))


def online_hours(ev: YearEvents) -> None:
    for month, week, topic in _HOURS:
        day = ev.cal.shift(ev.cal.nth(month, THU, week))
        ev.add(f"Онлайн-час с муниципальными координаторами по работе с одарёнными детьми: {topic}",
               EventKind.ONLINE_HOUR, *at(day, "16:00", "17:00"), fmt=EventFormat.ONLINE,
               program=TRC, host=o.RCRO, contacts=CONTACT,
               audience=(AudienceSegment("Муниципальные и школьные координаторы по работе с "
                                         "одарёнными детьми", Attendance.REMOTE),))


def prep_webinars(ev: YearEvents) -> None:
    """The olympiad-preparation centre's webinars for teachers: second Wednesday, October to May."""
    for month, topic in zip((10, 11, 12, 1, 2, 3, 4, 5), _PREP_TOPICS):
        day = ev.cal.shift(ev.cal.nth(month, WED, 2))
        ev.add(f"Центр олимпиадной подготовки: {topic}", EventKind.WEBINAR,
               *at(day, "15:00", "16:30"), fmt=EventFormat.ONLINE, program=TRC, host=o.RCRO,
               contacts=CONTACT, audience=(TEACHERS,))


def intensives(ev: YearEvents) -> None:
    """Profile intensives of three to five days: in the breaks, in February, in summer."""
    cal = ev.cal
    autumn, _, spring, _ = cal.breaks
    starts = (autumn[0], cal.month_day(1, 9), cal.nth(2, MON, 2), spring[0], cal.nth(6, MON, 2),
              cal.nth(7, MON, 3), cal.nth(8, MON, 1))
    for wanted, (title, host, grades, subjects, length) in zip(starts, _INTENSIVES):
        first = cal.shift(wanted, length=length, school=False)
        ev.add(title, EventKind.INTENSIVE, first, first + timedelta(days=length - 1),
               program=TRC, host=host, grades=grades, subjects=subjects, contacts=CONTACT,
               description="Профильная смена-интенсив с мастер-классами по работе с "
               "экспериментальным оборудованием вузов; отбор по итогам олимпиад.")


def championship(ev: YearEvents) -> None:
    """Two rounds of the regional distance championship, on Saturdays in December and February."""
    for number, month in (("I", 12), ("II", 2)):
        day = ev.cal.shift(ev.cal.nth(month, SAT, 2), weekly=True)
        ev.add("Региональное дистанционное личное первенство обучающихся 8-11 классов "
               "образовательных организаций в предметных областях «физика» и «математика»: "
               f"{number} тур", EventKind.CONTEST, day, day, fmt=EventFormat.ONLINE, program=TRC,
               host=o.RCRO, grades=(8, 11), subjects="физика, математика", contacts=CONTACT)


def training_course(ev: YearEvents) -> None:
    first = ev.cal.shift(ev.cal.month_day(1, 13), length=3)
    ev.add("Курсы повышения квалификации «Подготовка обучающихся к олимпиадам повышенного "
           "уровня»", EventKind.SEMINAR, first, first + timedelta(days=2),
           fmt=EventFormat.HYBRID, program=TRC, host=o.RCRO, venue=RCRO_VENUE, contacts=CONTACT,
           description="Для муниципальных педагогических команд учителей-предметников "
           "(рекомендация Коллегии Департамента общего образования Томской области).",
           audience=(AudienceSegment("Муниципальные педагогические команды учителей-предметников",
                                     Attendance.EITHER),))


def season_milestones(ev: YearEvents) -> None:
    """The olympiad season's start in September, its awards in May and its review in June."""
    day = ev.cal.shift(ev.cal.nth(9, THU, 1))
    ev.add("Вебинар для школьных и муниципальных координаторов: организация школьного этапа ВсОШ",
           EventKind.WEBINAR, *at(day, "15:00", "16:30"), fmt=EventFormat.ONLINE, program=TRC,
           host=o.RCRO, contacts=CONTACT, audience=(
               AudienceSegment("Школьные и муниципальные координаторы ВсОШ", Attendance.REMOTE),))
    day = ev.cal.shift(ev.cal.nth(5, FRI, 2))
    ev.add("Торжественная церемония награждения победителей и призёров регионального этапа ВсОШ",
           EventKind.OTHER, *at(day, "15:00", "17:00"), program=TRC, host=o.DOO,
           venue=RCRO_VENUE, grades=(9, 11))
    day = ev.cal.shift(ev.cal.nth(6, TUE, 1))
    ev.add("Вебинар: итоги олимпиадного сезона и планы на следующий учебный год",
           EventKind.WEBINAR, *at(day, "15:00", "16:30"), fmt=EventFormat.ONLINE, program=TRC,
           host=o.RCRO, contacts=CONTACT, audience=(TEACHERS,))
