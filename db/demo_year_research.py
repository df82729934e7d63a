"""The generated year's research conferences and contests, the August forum and internal meetings.

The conferences are those letter 003 lists for students' research; the seminars follow the
recommendations of letter 002 (analyse engagement in high-rated competitions, build
municipal teams of teachers); internal meetings are visible only to the centre's staff.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from rcro_tui.model import Attendance, EventFormat, EventKind, Visibility
from rcro_tui.db import demo_letters_orgs as o
from rcro_tui.db.demo_refs import TRC, VCP
from rcro_tui.db.demo_year_calendar import at
from rcro_tui.db.demo_year_events import RCRO_VENUE, YearEvents
from rcro_tui.db.events import AudienceSegment

MON, TUE, WED, THU, FRI, SAT = range(6)
SIBMED_HOST = "ФГБОУ ВО «Сибирский государственный медицинский университет» Минздрава России"
TEACHERS = AudienceSegment("Педагогические и руководящие работники образовательных организаций",
                           Attendance.EITHER)

_ONE_DAY = (  # title, month, n-th Saturday, host, grades
    ("Открытый конкурс проектных, исследовательских и реферативных работ школьников «Мир "
     "начинается с меня»", 12, 1, "МАОУ гимназия № 24 им. М.В. Октябрьской г. Томска", (5, 11)),
    ("Открытая конференция проектных и исследовательских работ обучающихся «Юный "
     "исследователь»", 2, 1, "МАОУ «Северская гимназия»", (5, 11)),
    ("Открытая конференция проектных и исследовательских работ обучающихся «Шаг в будущее»",
     3, 3, "МАОУ СОШ № 40 г. Томска", (7, 11)),
    ("Открытая научно-практическая конференция обучающихся 7-11 классов «Исследовательский "
     "дебют»", 4, 2, "МАОУ лицей № 8 им. Н.Н. Рукавишникова г. Томска", (7, 11)),
    ("Открытая научно-практическая конференция «Исследовательский марафон»", 4, 4,
     "МАОУ гимназия № 24 им. М.В. Октябрьской г. Томска", (5, 11)),
)

_TWO_DAYS = (  # title, kind, month, weekday, n-th, host, grades, format
    ("Всероссийская научно-практическая конференция «Организация исследовательской "
     "деятельности детей и молодежи: проблемы, поиск, решения»", EventKind.CONFERENCE, 11, THU,
     2, o.RCRO, None, EventFormat.HYBRID),
    ("Всероссийская конференция-конкурс исследовательских работ «Юные исследователи – науке и "
     "технике»", EventKind.CONFERENCE, 3, FRI, 2, o.TPU, (7, 11), EventFormat.HYBRID),
    ("Всероссийская конференция-конкурс исследовательских и проектных работ школьников "
     "«СибМед»", EventKind.CONFERENCE, 4, FRI, 3, SIBMED_HOST, (8, 11), EventFormat.IN_PERSON),
    ("Открытый областной молодёжный форум «Новое поколение: кадровый резерв XXI века»",
     EventKind.FORUM, 4, THU, 4, o.TPU, (9, 11), EventFormat.HYBRID),
)


def add_research_year(ev: YearEvents) -> None:
    one_day_conferences(ev)
    two_day_conferences(ev)
    long_contests(ev)
    august_forum(ev)
    seminars(ev)
    internal_meetings(ev)


def one_day_conferences(ev: YearEvents) -> None:
    for title, month, week, host, grades in _ONE_DAY:
        day = ev.cal.shift(ev.cal.nth(month, SAT, week), weekly=True)
        kind = EventKind.CONTEST if "конкурс" in title else EventKind.CONFERENCE
        ev.add(title, kind, *at(day, "10:00", "15:00"), program=TRC, host=host, grades=grades)


def two_day_conferences(ev: YearEvents) -> None:
    """Two days, timed from the first morning to the second afternoon."""
    for title, kind, month, weekday, week, host, grades, fmt in _TWO_DAYS:
        day = ev.cal.shift(ev.cal.nth(month, weekday, week), length=2)
        start = datetime.combine(day, time(10))
        ev.add(title, kind, start, start + timedelta(days=1, hours=7), fmt=fmt, program=TRC,
               host=host, grades=grades, audience=() if grades else (TEACHERS,))


def long_contests(ev: YearEvents) -> None:
    """Contests whose works are accepted over weeks: all-day spans (holidays may fall inside)."""
    cal = ev.cal
    first = cal.shift(cal.month_day(10, 5))
    ev.add("Региональный этап Всероссийского конкурса творческих, проектных и исследовательских "
           "работ обучающихся «#ВместеЯрче»", EventKind.CONTEST, first, cal.month_day(10, 23),
           fmt=EventFormat.ONLINE, program=TRC, host=o.RCRO, grades=(1, 11),
           subjects="энергосбережение, экология")
    first = cal.shift(cal.month_day(2, 1))
    ev.add("Конкурс образовательных программ внеурочной деятельности естественнонаучной "
           "направленности", EventKind.CONTEST, first, cal.month_day(3, 15),
           fmt=EventFormat.ONLINE, program=TRC, host=o.RCRO, audience=(TEACHERS,))


def august_forum(ev: YearEvents) -> None:
    """The August forum before the next year, with an online hour inside it."""
    first = ev.cal.shift(ev.cal.nth(8, TUE, 4), length=2, school=False)
    ev.add("Августовский педагогический форум «Август.Pro»", EventKind.FORUM, first,
           first + timedelta(days=1), fmt=EventFormat.HYBRID, host=o.RCRO, venue=RCRO_VENUE,
           audience=(TEACHERS,))
    ev.add("Онлайн-час с руководителями и координаторами региональных и межмуниципальных центров "
           "по работе с одарёнными детьми: итоги учебного года", EventKind.ONLINE_HOUR,
           *at(first, "11:00", "12:00"), fmt=EventFormat.ONLINE, program=VCP, host=o.RCRO,
           description="В рамках программы форума «Август.Pro».")


def seminars(ev: YearEvents) -> None:
    for month, topic in ((10, "анализ вовлечённости и результативности участия обучающихся в "
                                "высокорейтинговых мероприятиях"),
                         (2, "обновление сети межмуниципальных центров по работе с одарёнными "
                             "детьми")):
        day = ev.cal.shift(ev.cal.nth(month, THU, 3))
        ev.add(f"Семинар для муниципальных координаторов: {topic}", EventKind.SEMINAR,
               *at(day, "10:00", "13:00"), fmt=EventFormat.HYBRID, program=VCP, host=o.RCRO,
               venue=RCRO_VENUE, audience=(
                   AudienceSegment("Муниципальные координаторы по работе с одарёнными детьми",
                                   Attendance.EITHER),))


def internal_meetings(ev: YearEvents) -> None:
    """Meetings of the centre's own staff: internal, never published in feeds."""
    year = ev.cal.year
    for month in (9, 1, 4):
        day = ev.cal.shift(ev.cal.nth(month, MON, 1))
        ev.add("Совещание проектной команды ТРЦ", EventKind.OTHER, *at(day, "10:00", "11:30"),
               program=TRC, host=o.RCRO, venue=RCRO_VENUE, visibility=Visibility.INTERNAL,
               size=(8, 15))
    day = ev.cal.shift(ev.cal.nth(6, WED, 2))
    ev.add(f"Планирование календаря образовательных событий на {year.start_year + 1}/"
           f"{year.start_year + 2} учебный год", EventKind.SEMINAR, *at(day, "10:00", "12:00"),
           host=o.RCRO, venue=RCRO_VENUE, visibility=Visibility.INTERNAL)
    day = ev.cal.shift(ev.cal.nth(7, TUE, 1), school=False)
    ev.add("Рабочее совещание: отчёт регионального оператора ВЦП за учебный год", EventKind.OTHER,
           *at(day, "10:00", "11:30"), program=VCP, host=o.RCRO, venue=RCRO_VENUE,
           visibility=Visibility.INTERNAL)
