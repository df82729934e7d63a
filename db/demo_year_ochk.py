"""The generated year of «Образование через коммуникацию»: network webinars, modules, hub events.

The shape follows letter 004: a setup webinar in September, a calendar of educational
events run by hub schools, the module «Тайны науки» at МАОУ лицей № 7, and a final
conference; the selection rounds of the festivals are in `demo_year_contests`.
"""

from __future__ import annotations

from datetime import timedelta

from rcro_tui.model import Attendance, EventFormat, EventKind, Visibility
from rcro_tui.db import demo_letters_orgs as o
from rcro_tui.db.demo_refs import OCHK
from rcro_tui.db.demo_year_calendar import at
from rcro_tui.db.demo_year_events import YearEvents
from rcro_tui.db.demo_year_network import HUBS
from rcro_tui.db.events import AgendaPart, AudienceSegment

WED, THU = 2, 3
CONTACT = "Отдел маркетинга ОГБУ «РЦРО», (3822) 51-56-66"

_WEBINARS = (  # month, topic
    (10, "календарь образовательных событий и роли опорных школ"),
    (11, "положение об отборочных этапах фестивалей «Весенний переполох» и «Спортивная мозаика»"),
    (12, "модуль «Тайны науки» — сетевые занятия для 5–7 классов"),
    (1, "подготовка площадок к отборочным этапам фестивалей"),
    (2, "жюри отборочного этапа и критерии оценивания номинаций"),
    (3, "протоколы отборочных этапов и передача итогов в РЦРО"),
    (4, "организационные вопросы итоговых событий сети"),
    (5, "итоги года и планирование на следующий учебный год"),
)

_SCIENCE = ((10, "занимательная физика", EventFormat.IN_PERSON),
            (12, "химия вокруг нас", EventFormat.IN_PERSON),
            (2, "загадки живой клетки", EventFormat.HYBRID),
            (4, "небо над Томском", EventFormat.IN_PERSON))

_HUB_EVENTS = (  # title, kind, grades
    ("Сетевой квест «Тайны родного края»", EventKind.CONTEST, (5, 7)),
    ("Мастер-класс «Театральная мастерская»", EventKind.MASTER_CLASS, (5, 9)),
    ("Конкурс чтецов «Живое слово»", EventKind.CONTEST, (5, 11)),
    ("Интеллектуальная игра «Что? Где? Когда?»", EventKind.CONTEST, (8, 11)),
    ("Фестиваль народных промыслов «Сибирская горница»", EventKind.FESTIVAL, (1, 7)),
    ("Мастер-класс «Медиашкола: школьная газета»", EventKind.MASTER_CLASS, (7, 11)),
    ("Сетевая игра «Экологическая тропа»", EventKind.CONTEST, (5, 8)),
    ("Фестиваль школьных театров «Премьера»", EventKind.FESTIVAL, (5, 11)),
    ("Мастер-класс «Робототехника для начинающих»", EventKind.MASTER_CLASS, (5, 7)),
    ("Конкурс проектов «Моя малая родина»", EventKind.CONTEST, (7, 10)),
    ("Турнир юных математиков", EventKind.OLYMPIAD, (6, 8)),
    ("Мастер-класс «Английский через песню»", EventKind.MASTER_CLASS, (3, 6)),
    ("Фестиваль «Дружба народов»", EventKind.FESTIVAL, (1, 11)),
    ("Сетевая олимпиада «Юный эколог»", EventKind.OLYMPIAD, (5, 7)),
    ("Конкурс исследовательских работ «Живая история»", EventKind.CONTEST, (5, 9)),
    ("Мастер-класс «Шахматная школа»", EventKind.MASTER_CLASS, (1, 5)),
    ("Форум юных лидеров «Вместе»", EventKind.FORUM, (8, 11)),
)


def add_ochk_year(ev: YearEvents) -> None:
    opening_webinar(ev)
    network_webinars(ev)
    science_module(ev)
    hub_events(ev)
    closing_conference(ev)


def opening_webinar(ev: YearEvents) -> None:
    day = ev.cal.shift(ev.cal.nth(9, WED, 2))
    ev.add(f"Установочный вебинар сети «Образование через коммуникацию» на {ev.cal.year.label()}",
           EventKind.WEBINAR, *at(day, "15:00", "16:30"), fmt=EventFormat.ONLINE, program=OCHK,
           host=o.RCRO, visibility=Visibility.NETWORK, contacts=CONTACT,
           agenda=(AgendaPart(f"Календарь образовательных событий на {ev.cal.year.label()}",
                              "15:00", "15:30", remote=True),
                   AgendaPart("Опорные школы и отборочные этапы фестивалей", "15:30", "16:00",
                              remote=True),
                   AgendaPart("Модуль «Тайны науки» и вопросы участников", "16:00", "16:30",
                              remote=True)),
           audience=(AudienceSegment("Координаторы опорных школ", Attendance.REMOTE),
                     AudienceSegment("Руководители и педагоги образовательных организаций — "
                                     "участников сети", Attendance.REMOTE)))


def network_webinars(ev: YearEvents) -> None:
    """A webinar a month for the network, on the third Wednesday, 15:00–16:30."""
    for number, (month, topic) in enumerate(_WEBINARS):
        day = ev.cal.shift(ev.cal.nth(month, WED, 3))
        ev.add(f"Вебинар сети «Образование через коммуникацию»: {topic}", EventKind.WEBINAR,
               *at(day, "15:00", "16:30"), fmt=EventFormat.ONLINE, program=OCHK,
               host=o.GYMNASIUM_13 if number % 2 else o.RCRO, visibility=Visibility.NETWORK,
               contacts=CONTACT,
               cancelled="перенесён, тема включена в вебинар апреля." if month == 3 else "")


def science_module(ev: YearEvents) -> None:
    for month, topic, fmt in _SCIENCE:
        day = ev.cal.shift(ev.cal.nth(month, THU, 2))
        ev.add(f"Модуль «Тайны науки»: {topic}", EventKind.MASTER_CLASS,
               *at(day, "15:00", "17:00"), fmt=fmt, program=OCHK, host=o.LYCEUM_7,
               grades=(5, 7), description="Модуль программы «Образование через коммуникацию» "
               "на базе опорной школы МАОУ лицей № 7 г. Томска.")


def hub_events(ev: YearEvents) -> None:
    """Each hub school holds one network event for its district, from September to May."""
    hosts = list(HUBS.items()) + [(o.TOMSK_DISTRICT, o.BOGASHEVO)]
    first = ev.cal.month_day(9, 21)
    for number, ((district, school), (title, kind, grades)) in enumerate(zip(hosts, _HUB_EVENTS)):
        day = ev.cal.shift(first + timedelta(days=14 * number))
        ev.add(f"{title} — {district}", kind, *at(day, "14:00", "16:00"), program=OCHK,
               host=school, grades=grades, local=True,
               description="Сетевое событие опорной школы для образовательных организаций района.",
               cancelled="карантин по гриппу и ОРВИ в школе." if number == 1 else "")


def closing_conference(ev: YearEvents) -> None:
    day = ev.cal.shift(ev.cal.nth(5, THU, 3))
    ev.add("Итоговая конференция сети «Образование через коммуникацию»: результаты "
           f"{ev.cal.year} учебного года", EventKind.CONFERENCE, *at(day, "10:00", "13:00"),
           fmt=EventFormat.HYBRID, program=OCHK, host=o.GYMNASIUM_13, contacts=CONTACT,
           agenda=(AgendaPart("Итоги фестивалей «Весенний переполох» и «Спортивная мозаика»",
                              "10:00", "11:00", remote=True),
                   AgendaPart("Опыт опорных школ: выступления координаторов", "11:00", "12:15",
                              remote=True),
                   AgendaPart("Календарь событий на следующий учебный год", "12:15", "13:00")),
           audience=(AudienceSegment("Координаторы опорных школ", Attendance.IN_PERSON),
                     AudienceSegment("Педагоги образовательных организаций — участников сети",
                                     Attendance.EITHER, parts="1–2")))
