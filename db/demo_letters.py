"""The demo region's real part: Tomsk region's municipalities and what the five letters of РЦРО say.

Districts, organisations, people, programmes, memberships and events keep the letters' own
names and historical dates; each row's `source` names the letter it comes from. Where a
letter leaves a detail out (a time, a decision document) the demo fills it in and says so.
"""

from __future__ import annotations

from datetime import date

from rcro_tui.model import DistrictKind, ProgramKind
from rcro_tui.db.demo_festivals_2017 import add_festivals_2017
from rcro_tui.db.demo_letters_events import add_letter_events
from rcro_tui.db.demo_letters_network import add_letter_memberships
from rcro_tui.db.demo_letters_participants import add_letter_participants
from rcro_tui.db.demo_letters_orgs import add_letter_orgs
from rcro_tui.db.demo_refs import (ENOTO, INTEGRATION, LETTER_521, LETTER_766, LETTER_883,
                                   LETTER_SESSION, LETTER_WEBINAR, NATURAL_SCIENCE, OCHK,
                                   SCHOOL_ENTERPRISES, TRC, VCP, DemoRefs)
from rcro_tui.db.network import add_district, add_program

URBAN_OKRUGS = ("г. Томск", "ЗАТО Северск", "г. Стрежевой", "г. Кедровый")
DISTRICTS = ("Александровский район", "Асиновский район", "Бакчарский район",
             "Верхнекетский район", "Зырянский район", "Каргасокский район",
             "Кожевниковский район", "Колпашевский район", "Кривошеинский район",
             "Молчановский район", "Парабельский район", "Первомайский район",
             "Тегульдетский район", "Томский район", "Чаинский район", "Шегарский район")
MUNICIPALITIES = URBAN_OKRUGS + DISTRICTS
"""All 20 municipalities in their sort order: the four urban okrugs, then districts A–Я."""

_PROGRAMS = (
    (OCHK, "", ProgramKind.REGIONAL_NETWORK, date(2017, 9, 1), None, "Сафонова В.П.",
     "Региональная открытая сетевая инновационная программа. Координатор от сети — "
     "МАОУ гимназия № 13 г. Томска (Лобастова М.П.).", LETTER_WEBINAR),
    (ENOTO, "Парк ЕНОТо", ProgramKind.FEDERAL_SITE, date(2022, 1, 1), date(2024, 12, 31),
     "Ковалев Е.В.", "Проект Федеральной инновационной площадки Минпросвещения России "
     "(ОГБУ «РЦРО») на 2022–2024 годы; создаётся в структуре ТРЦ.",
     f"{LETTER_SESSION}; {LETTER_521}"),
    (TRC, "ТРЦ", ProgramKind.CENTRE, date(2023, 1, 1), None, "Лыжина Н.П.",
     "Модель ТРЦ представлена 19.04.2022; официальное открытие — в 2023 году (дата начала "
     "в демо условная). Отбор обучающихся на программы ОЦ «Сириус» и ТРЦ.",
     f"{LETTER_521}; {LETTER_766}"),
    (VCP, "ВЦП по выявлению и поддержке одарённых детей", ProgramKind.CENTRE, None, None,
     "Лыжина Н.П.",
     "ОГБУ «РЦРО» — региональный оператор программы.", LETTER_766),
    (INTEGRATION, "", ProgramKind.REGIONAL_PROJECT, None, None, "",
     "Проект Департамента по молодёжной политике, физической культуре и спорту Томской "
     "области; одна из его площадок — Молодёжный экспертный клуб.", LETTER_883),
    (NATURAL_SCIENCE, "Естественнонаучное образование 2017–2021", ProgramKind.REGIONAL_PROJECT,
     date(2017, 1, 1), date(2021, 12, 31), "", "Региональный проект; его результаты "
     "представлены на стратегической сессии 19.04.2022.", LETTER_521),
    (SCHOOL_ENTERPRISES, "Сеть школьных предприятий", ProgramKind.REGIONAL_PROJECT, None, None,
     "", "Региональный проект; выездные образовательные события с участием проекта "
     "«Интеграция».", LETTER_883),
)


def add_letters(refs: DemoRefs) -> None:
    """Everything the letters hold, in the order the foreign keys need."""
    add_districts(refs)
    add_letter_orgs(refs)
    add_programs(refs)
    add_letter_memberships(refs)
    add_letter_events(refs)
    add_letter_participants(refs)
    add_festivals_2017(refs)


def add_districts(refs: DemoRefs) -> None:
    """The 20 municipalities of Tomsk region: urban okrugs first, then districts alphabetically."""
    for position, name in enumerate(MUNICIPALITIES, start=1):
        kind = (DistrictKind.URBAN_OKRUG if name in URBAN_OKRUGS
                else DistrictKind.MUNICIPAL_DISTRICT)
        refs.districts[name] = add_district(refs.db, name, kind, user=refs.user,
                                            sort_order=position)


def add_programs(refs: DemoRefs) -> None:
    for name, short, kind, start, end, coordinator, description, source in _PROGRAMS:
        refs.programs[name] = add_program(
            refs.db, name, kind, user=refs.user, short_name=short, start=start, end=end,
            coordinator=coordinator, description=description, source=source)
