"""The words of the letters: dates, times, formats, counts that agree, kinds in their cases."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rcro_tui.i18n import plural
from rcro_tui.letter_words import (KIND_NOUNS, agenda_item, audience_item, count_words,
                                   date_words, decline_adjective, format_words,
                                   from_organizations, held_verb, is_singular, list_items,
                                   lower_first, participants_sentence, program_phrase,
                                   time_words, title_case_form, title_genitive, took_part)
from rcro_tui.model import EventKind, ProgramKind


def test_the_seed_sentence_words():
    assert date_words(date(2022, 4, 19)) == "19 апреля 2022 года"
    assert time_words(datetime(2022, 4, 19, 14), datetime(2022, 4, 19, 17)) == "с 14:00 до 17:00"
    assert time_words(datetime(2022, 4, 19, 13, 30), datetime(2022, 4, 19, 13, 50)) \
        == "с 13:30 до 13:50"
    assert time_words(datetime(2022, 4, 19, 9, 5), None) == "в 09:05"
    assert format_words("hybrid") == "в смешанном формате"
    assert format_words("in_person") == "в очном формате"
    assert format_words("online") == "в дистанционном формате"
    assert format_words("carrier pigeon") == ""


@pytest.mark.parametrize(("n", "text"), [
    (1, "1 человек"), (2, "2 человека"), (4, "4 человека"), (5, "5 человек"),
    (11, "11 человек"), (12, "12 человек"), (14, "14 человек"), (21, "21 человек"),
    (22, "22 человека"), (62, "62 человека"), (100, "100 человек"), (111, "111 человек"),
    (112, "112 человек"), (1001, "1001 человек")])
def test_people_agree_with_their_number(n, text):
    assert count_words(n) == text


def test_a_phrase_of_two_nouns_agrees_too():
    forms = ("руководитель и педагог", "руководителя и педагога", "руководителей и педагогов")
    assert count_words(17, forms) == "17 руководителей и педагогов"
    assert count_words(3, forms) == "3 руководителя и педагога"
    assert count_words(31, forms) == "31 руководитель и педагог"


@pytest.mark.parametrize(("n", "text"), [
    (1, "из 1 образовательной организации"), (2, "из 2 образовательных организаций"),
    (11, "из 11 образовательных организаций"), (21, "из 21 образовательной организации"),
    (111, "из 111 образовательных организаций"), (101, "из 101 образовательной организации")])
def test_organisations_take_the_genitive_after_iz(n, text):
    assert from_organizations(n) == text


def test_the_verb_agrees_with_the_count():
    assert took_part(62) == "приняли участие"
    assert took_part(21) == "принял участие"
    assert took_part(11) == "приняли участие"
    assert participants_sentence("strategy_session", 62, None) \
        == "В стратегической сессии приняли участие 62 человека"
    assert participants_sentence("webinar", 17, 11) \
        == "В вебинаре приняли участие 17 человек из 11 образовательных организаций"
    assert participants_sentence("webinar", 21, 1) \
        == "В вебинаре принял участие 21 человек из 1 образовательной организации"
    assert participants_sentence("olympiad", None, 21) \
        == "В олимпиаде приняла участие 21 образовательная организация"
    assert participants_sentence("olympiad", None, None) == ""
    assert participants_sentence("olympiad", 0, None) == ""


@given(st.integers(min_value=0, max_value=10**6))
def test_singular_agreement_is_the_plural_rule_for_one(n):
    assert is_singular(n) == (plural(n, "one", "few", "many") == "one")
    assert from_organizations(n).endswith("организации" if is_singular(n) else "организаций")
    assert took_part(n).endswith("принял участие" if is_singular(n) else "приняли участие")


def test_every_kind_has_its_cases_and_a_past_verb():
    assert set(KIND_NOUNS) == set(EventKind)
    assert held_verb("strategy_session", future=False) == "состоялась"
    assert held_verb("webinar", future=False) == "состоялся"
    assert held_verb("other", future=False) == "состоялось"
    assert held_verb("webinar", future=True) == "состоится"
    assert held_verb("unknown kind", future=False) == "состоялось"


@pytest.mark.parametrize(("title", "kind", "genitive"), [
    ("Стратегическая сессия проекта ФИП «Парк ЕНОТо»", "strategy_session",
     "стратегической сессии проекта ФИП «Парк ЕНОТо»"),
    ("Установочный вебинар для участников программы", "webinar",
     "установочного вебинара для участников программы"),
    ("Онлайн-час с координаторами", "online_hour", "онлайн-часа с координаторами"),
    ("Всероссийская олимпиада школьников", "olympiad", "Всероссийской олимпиады школьников"),
    ("Открытая научно-практическая конференция", "conference",
     "Открытой научно-практической конференции"),
    ("Исследовательский дебют", "conference", "конференции «Исследовательский дебют»"),
    ("«Шаг в будущее»", "conference", "конференции «Шаг в будущее»"),
    ("Фестиваль", "festival", "фестиваля"),
    ("Фестивальный день", "festival", "фестиваля «Фестивальный день»"),
    ("Летняя смена-интенсив", "intensive", "летней смены-интенсива"),
])
def test_titles_in_the_genitive(title, kind, genitive):
    assert title_genitive(title, kind) == genitive


def test_titles_in_the_prepositional():
    assert title_case_form("Установочный вебинар", "webinar", "prepositional") \
        == "установочном вебинаре"
    assert title_case_form("Всероссийский конкурс", "contest", "prepositional") \
        == "Всероссийском конкурсе"


def test_adjectives_decline_by_gender():
    assert decline_adjective("всероссийский", "m", "genitive") == "всероссийского"
    assert decline_adjective("летний", "m", "genitive") == "летнего"
    assert decline_adjective("зимняя", "f", "genitive") == "зимней"
    assert decline_adjective("открытое", "n", "prepositional") == "открытом"
    assert decline_adjective("проекта", "m", "genitive") is None


def test_list_items_start_small_unless_an_abbreviation():
    assert lower_first("Презентация Проекта Парка ЕНОТо") == "презентация Проекта Парка ЕНОТо"
    assert lower_first("ТРЦ и его модель") == "ТРЦ и его модель"
    assert lower_first("ОЦ «Сириус»") == "ОЦ «Сириус»"
    assert lower_first("«Кванториум»") == "«Кванториум»"
    assert lower_first("") == ""
    assert list_items(["Один;", "Два.", " ", "Три"]) == ["Один;", "Два;", "Три."]


def test_agenda_and_audience_items_read_like_the_seed():
    assert agenda_item("Презентация Проекта Парка ЕНОТо", remote=True) \
        == "презентация Проекта Парка ЕНОТо (в том числе, для дистанционных участников)"
    assert agenda_item("Открытие", start_time="14:00", end_time="14:15") == "14:00–14:15 — открытие"
    assert audience_item("Представители организаций-партнёров", "in_person",
                         note="очное участие по персональным приглашениям") \
        == "представители организаций-партнёров (очное участие по персональным приглашениям)"
    assert audience_item("Специалисты ОГБУ «РЦРО»", "in_person") == "специалисты ОГБУ «РЦРО»"
    assert audience_item("Учителя", "remote") == "учителя (дистанционное участие)"
    assert audience_item("Учителя", "either") == "учителя (очное или дистанционное участие)"
    assert audience_item("Учителя", "remote", parts="1–2") \
        == "учителя (дистанционное участие в тактах 1–2)"


def test_the_programme_phrase():
    assert program_phrase(ProgramKind.FEDERAL_SITE, "Создание парка", "Парк ЕНОТо") \
        == "в рамках реализации проекта ФИП «Создание парка» (далее – «Парк ЕНОТо»)"
    assert program_phrase(ProgramKind.REGIONAL_NETWORK, "Образование через коммуникацию") \
        == "в рамках реализации региональной сетевой программы «Образование через коммуникацию»"
    assert program_phrase(None, "") == ""
