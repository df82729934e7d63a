"""EventForm: every validation message, all problems at once, and the round trip with drafts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from rcro_tui.db.events import MAX_TITLE, AgendaPart, AudienceSegment
from rcro_tui.event_form import (EventForm, FormErrors, differing_fields, form_of,
                                 parse_form)
from rcro_tui.event_form_lines import agenda_text, parse_agenda
from rcro_tui.model import Attendance, EventFormat, EventKind, EventStatus
from rcro_tui.recurrence import Frequency

GOOD = EventForm(title="Стратегическая сессия «Парк ЕНОТо»", kind="strategy_session",
                 start_date="19.04.2022", start_time="14:00", end_date="19.04.2022",
                 end_time="17:00", venue="ОГБУ «РЦРО», г. Томск, ул. Татарская, 16")


def problems(**changes) -> dict[str, str]:
    with pytest.raises(FormErrors) as caught:
        parse_form(replace(GOOD, **changes))
    return caught.value.problems


def test_a_good_form_gives_the_draft():
    draft = parse_form(GOOD)
    assert draft.start == datetime(2022, 4, 19, 14, 0)
    assert draft.end == datetime(2022, 4, 19, 17, 0)
    assert draft.kind is EventKind.STRATEGY_SESSION
    assert draft.format is EventFormat.IN_PERSON


@pytest.mark.parametrize("changes, field, words", [
    ({"title": "   "}, "title", "Напишите название"),
    ({"title": "О" * (MAX_TITLE + 1)}, "title", f"не больше {MAX_TITLE}"),
    ({"start_date": "31.02.2026"}, "start_date", "такой даты нет в календаре"),
    ({"start_date": ""}, "start_date", "Укажите дату начала"),
    ({"end_date": "19.13.2022"}, "end_date", "такой даты нет в календаре"),
    ({"start_date": "завтра"}, "start_date", "не дата"),
    ({"start_time": "25:00"}, "start_time", "нет такого времени"),
    ({"end_time": ""}, "end_time", "Укажите время окончания"),
    ({"end_date": "18.04.2022"}, "end_date", "Окончание (18.04.2022) раньше начала (19.04.2022)"),
    ({"end_time": "13:00"}, "end_time", "Окончание (13:00) раньше начала (14:00)"),
    ({"reg_start_date": "20.04.2022"}, "reg_start_date", "позже самого мероприятия"),
    ({"reg_start_date": "19.04.2022", "reg_start_time": "15:00"}, "reg_start_date",
     "позже самого мероприятия"),
    ({"reg_start_date": "10.04.2022", "reg_end_date": "01.04.2022"}, "reg_end_date",
     "раньше, чем начинается"),
    ({"reg_start_time": "13:30"}, "reg_start_date", "Укажите дату"),
    ({"venue": ""}, "venue", "укажите место проведения"),
    ({"format": "online", "venue": ""}, "online_url", "укажите ссылку"),
    ({"format": "hybrid", "online_url": "https://rcro.tomsk.ru/x", "venue": ""}, "venue",
     "«смешанный» укажите место"),
    ({"format": "смешанный"}, "online_url", "«смешанный» укажите ссылку"),
    ({"online_url": "ссылка будет позже"}, "online_url", "не похоже на ссылку"),
    ({"grades": "7/8"}, "grades", "ожидается вид 7–8"),
    ({"grades": "10–12"}, "grades", "с 1 по 11"),
    ({"grades": "8–7"}, "grades", "сначала младший класс"),
    ({"participants_count": "-5"}, "participants_count", "не может быть отрицательным"),
    ({"views_count": "много"}, "views_count", "целое число"),
    ({"agenda": "Открытие\n14:00–25:00 Пленарная часть"}, "agenda", "Строка 2: «25:00»"),
    ({"agenda": "15:00–14:00 Пленарная часть"}, "agenda", "раньше, чем начинается"),
    ({"agenda": "14:00–15:00"}, "agenda", "нужно название такта"),
    ({"audience": "Педагоги; заочно"}, "audience", "участие бывает «очно»"),
    ({"audience": "Педагоги; очно; такты 1–3", "agenda": "Первый\nВторой"}, "audience",
     "такт 3 — в программе такты с 1 по 2"),
    ({"repeat": "WEEKLY", "until": "01.04.2022"}, "until", "раньше первого раза"),
    ({"repeat": "WEEKLY", "interval": "0"}, "interval", "от 1 до 52"),
    ({"repeat": "WEEKLY", "until": "01.06.2022", "count": "5"}, "count", "либо"),
    ({"repeat": "WEEKLY", "exdates": "26.04.2022 31.04.2022"}, "exdates", "такой даты нет"),
    ({"repeat": "ежечасно"}, "repeat", "еженедельно, ежемесячно, ежегодно"),
    ({"kind": "пикник"}, "kind", "нет такого значения"),
])
def test_each_problem_is_reported_on_its_field(changes, field, words):
    found = problems(**changes)
    assert field in found, found
    assert words in found[field]
    assert not found[field][0].islower(), "a sentence, not a fragment"


def test_every_problem_is_reported_at_once():
    found = problems(title="", start_time="25:00", format="online", venue="", grades="0",
                     participants_count="-1", agenda="99:00 x")
    assert set(found) == {"title", "start_time", "online_url", "grades", "participants_count",
                          "agenda"}
    assert "Название:" in str(FormErrors(found))


def test_a_held_or_cancelled_event_needs_no_link_any_more():
    parse_form(replace(GOOD, format="online", venue="", status="held"))
    parse_form(replace(GOOD, format="online", venue="", status="отменено"))


def test_all_day_events_ignore_the_times_and_may_last_several_days():
    draft = parse_form(replace(GOOD, all_day=True, start_time="", end_time="",
                               end_date="21.04.2022"))
    assert (draft.start, draft.end) == (date(2022, 4, 19), date(2022, 4, 21))


def test_an_empty_end_date_means_the_same_day():
    draft = parse_form(replace(GOOD, end_date=""))
    assert draft.end == datetime(2022, 4, 19, 17, 0)


def test_registration_with_a_time_on_one_end_stores_both_with_times():
    draft = parse_form(replace(GOOD, reg_start_date="01.04.2022", reg_end_date="19.04.2022",
                               reg_end_time="13:50"))
    assert draft.reg_start == datetime(2022, 4, 1, 0, 0)
    assert draft.reg_end == datetime(2022, 4, 19, 13, 50)


def test_labels_or_codes_are_both_accepted():
    draft = parse_form(replace(GOOD, kind="Олимпиада", status="подтверждено",
                               visibility="internal", format="очный"))
    assert (draft.kind, draft.status) == (EventKind.OLYMPIAD, EventStatus.CONFIRMED)


def test_agenda_and_audience_lines():
    draft = parse_form(replace(
        GOOD, agenda="14:00–15:30 Пленарная часть (дист.)\n\n15.40-17:00 Работа в группах\n"
                     "Подведение итогов",
        audience="Педагоги школ-участников; очно; такты 1–2\n"
                 "Специалисты МОУО; дистанционно; такты 1; по ссылке\nРодители"))
    assert draft.agenda == (
        AgendaPart("Пленарная часть", "14:00", "15:30", remote=True),
        AgendaPart("Работа в группах", "15:40", "17:00"), AgendaPart("Подведение итогов"))
    assert draft.audience == (
        AudienceSegment("Педагоги школ-участников", Attendance.IN_PERSON, "1–2"),
        AudienceSegment("Специалисты МОУО", Attendance.REMOTE, "1", "по ссылке"),
        AudienceSegment("Родители", Attendance.IN_PERSON))


def test_agenda_text_round_trips():
    text = "14:00–15:30 Пленарная часть (дист.)\n16:00 Кофе-брейк\nИтоги"
    assert agenda_text(parse_agenda(text)) == text


def test_recurrence():
    draft = parse_form(replace(GOOD, repeat="еженедельно", interval="2", until="31.05.2022",
                               exdates="03.05.2022, 17.05.2022"))
    rule = draft.recurrence
    assert (rule.freq, rule.interval, rule.until) == (Frequency.WEEKLY, 2, date(2022, 5, 31))
    assert rule.exdates == (date(2022, 5, 3), date(2022, 5, 17))
    assert parse_form(replace(GOOD, repeat="нет", until="01.01.2000")).recurrence is None


def test_form_of_a_draft_gives_the_same_draft_back():
    form = replace(GOOD, reg_start_date="01.04.2022", reg_end_date="18.04.2022",
                   grades="7–8", participants_count="62", views_count="700",
                   agenda="14:00–15:30 Пленарная часть (дист.)\nРабота в группах",
                   audience="Педагоги; очно или дистанционно; такты 1–2; по приглашениям",
                   repeat="YEARLY", until="19.04.2025", exdates="19.04.2024",
                   source="письмо № 1")
    draft = parse_form(form)
    again = form_of(draft)
    assert again == form
    assert parse_form(again) == draft
    assert differing_fields(again, replace(again, title="Другое", venue="Онлайн")) == [
        "title", "venue"]


def test_a_new_form_starts_on_the_day():
    form = EventForm.for_day(date(2026, 11, 23))
    assert (form.start_date, form.end_date, form.all_day) == ("23.11.2026", "23.11.2026", False)
