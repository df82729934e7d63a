"""Pure rules: academic years, parsing of what people type, text cleaning, INN check digits."""

from datetime import date, datetime

import pytest

from rcro_tui.errors import InputError
from rcro_tui.rules import (AcademicYear, check_inn, check_span, clean_text, grades_label,
                            inn_is_valid, moment_text, parse_date, parse_moment, parse_time)


@pytest.mark.parametrize("day, start_year", [
    (date(2017, 9, 1), 2017), (date(2018, 8, 31), 2017), (date(2022, 4, 19), 2021),
    (date(2026, 11, 23), 2026), (date(2027, 1, 1), 2026)])
def test_academic_year_runs_september_to_august(day, start_year):
    year = AcademicYear.containing(day)
    assert year.start_year == start_year
    assert day in year
    assert year.first_day == date(start_year, 9, 1)
    assert year.last_day == date(start_year + 1, 8, 31)


@pytest.mark.parametrize("text", ["2017/2018", "2017-2018", "2017/18", "2017 – 2018", "2017"])
def test_academic_year_parses_the_ways_people_write_it(text):
    assert AcademicYear.parse(text) == AcademicYear(2017)
    assert AcademicYear(2017).label() == "2017/2018 учебный год"


@pytest.mark.parametrize("text", ["2017/2019", "17/18", "учебный год", ""])
def test_academic_year_refuses_nonsense_in_russian(text):
    with pytest.raises(InputError, match="учебный год|второй год"):
        AcademicYear.parse(text)


def test_dates_are_read_as_typed_and_as_stored():
    assert parse_date("19.04.2022") == date(2022, 4, 19)
    assert parse_date(" 1.9.2017 ") == date(2017, 9, 1)
    assert parse_date("2022-04-19") == date(2022, 4, 19)


@pytest.mark.parametrize("text, reason", [("31.02.2022", "такой даты нет"),
                                          ("19/04/2022", "не дата"), ("завтра", "не дата")])
def test_bad_dates_say_what_and_where(text, reason):
    with pytest.raises(InputError) as error:
        parse_date(text, field="Начало")
    assert error.value.message.startswith("Начало:")
    assert reason in error.value.message and text in error.value.message


def test_times():
    assert parse_time("14:00") == (14, 0)
    assert parse_time("9.30") == (9, 30)
    with pytest.raises(InputError, match="не время"):
        parse_time("25:00")


def test_an_end_before_the_start_is_refused():
    check_span(datetime(2022, 4, 19, 14), datetime(2022, 4, 19, 17))
    check_span(date(2022, 4, 19), date(2022, 4, 19))
    with pytest.raises(InputError, match=r"окончание \(19.04.2022 13:00\) раньше начала"):
        check_span(datetime(2022, 4, 19, 14), datetime(2022, 4, 19, 13))


def test_clean_text_keeps_official_names_byte_for_byte():
    name = "МБОУ «Кривошеинская СОШ им. Героя Советского Союза Федора Матвеевича Зинченко»"
    assert clean_text(name) == name
    assert clean_text('ООО "УТС" / НПО «Унитех», № 2') == 'ООО "УТС" / НПО «Унитех», № 2'


def test_clean_text_removes_control_characters_and_joins_lines():
    assert clean_text("Олимпиада\x00 по\x1b[31m физике\r\n7–8") == "Олимпиада по [31m физике 7–8"
    assert clean_text("первая\r\nвторая\x07", multiline=True) == "первая\nвторая"
    assert clean_text("е\u0308лка") == "ёлка"  # decomposed ё is normalised to one code point


def test_inn_check_digits():
    assert inn_is_valid("7017033960")  # ОГБУ «РЦРО», from the letterhead
    assert not inn_is_valid("7017033961")
    assert inn_is_valid("500100732259")  # a valid 12-digit (personal) INN
    assert not inn_is_valid("70170339")
    assert check_inn("7017 033 960") == "7017033960"
    with pytest.raises(InputError, match="ИНН «123»"):
        check_inn("123")


def test_grades_label():
    assert grades_label(7, 8) == "7–8 классы"
    assert grades_label(8, 8) == "8 класс"
    assert grades_label(None, None) == ""


def test_moments_round_trip_in_region_wall_clock():
    start = datetime(2022, 4, 19, 14, 0)
    assert moment_text(start) == "2022-04-19T14:00"
    assert parse_moment("2022-04-19T14:00") == start
    assert parse_moment("2022-04-19") == date(2022, 4, 19)
    from zoneinfo import ZoneInfo
    utc = datetime(2022, 4, 19, 7, 0, tzinfo=ZoneInfo("UTC"))
    assert moment_text(utc) == "2022-04-19T14:00"  # UTC+7 in Tomsk
    before_2016 = datetime(2014, 11, 30, 4, 0, tzinfo=ZoneInfo("UTC"))
    assert moment_text(before_2016) == "2014-11-30T10:00"  # Tomsk was UTC+6 then
