"""Russian dates and plurals, without any system locale."""

from datetime import date, datetime

import pytest

from rcro_tui.i18n import count, date_heading, date_long, date_short, date_span, plural, time_range


@pytest.mark.parametrize("n, word", [(1, "школа"), (2, "школы"), (4, "школы"), (5, "школ"),
                                     (11, "школ"), (12, "школ"), (14, "школ"), (21, "школа"),
                                     (22, "школы"), (25, "школ"), (101, "школа"), (111, "школ"),
                                     (0, "школ")])
def test_plural(n, word):
    assert plural(n, "школа", "школы", "школ") == word


def test_count():
    assert count(62, "участник", "участника", "участников") == "62 участника"
    assert count(11, "участник", "участника", "участников") == "11 участников"
    assert count(20, "муниципалитет", "муниципалитета", "муниципалитетов") == "20 муниципалитетов"


def test_dates_in_genitive_with_monday_first_weekdays():
    assert date_short(date(2022, 4, 19)) == "19.04.2022"
    assert date_long(date(2022, 4, 19)) == "19 апреля 2022 г."
    assert date_heading(date(2022, 4, 19)) == "Вт, 19 апреля 2022 г."
    assert date_heading(date(2014, 11, 30)) == "Вс, 30 ноября 2014 г."
    assert date_heading(date(2026, 11, 23)) == "Пн, 23 ноября 2026 г."


def test_spans_and_times():
    assert date_span(date(2027, 4, 3), date(2027, 4, 5)) == "3–5 апреля 2027 г."
    assert date_span(date(2027, 3, 30), date(2027, 4, 2)) == "30 марта – 2 апреля 2027 г."
    assert date_span(date(2026, 12, 29), date(2027, 1, 11)) == "29 декабря 2026 г. – 11 января 2027 г."
    assert time_range(datetime(2022, 4, 19, 14), datetime(2022, 4, 19, 17)) == "14:00–17:00"
