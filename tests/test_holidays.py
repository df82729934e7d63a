"""db.holidays on fresh databases and the demo: checks, audited writes, filling, day marks."""

from __future__ import annotations

import json
from datetime import date

import pytest

from rcro_tui.db import calendar_data, store
from rcro_tui.db.demo_year_calendar import public_holidays as demo_public_holidays
from rcro_tui.db.holidays import (Holiday, HolidayDraft, HolidayError, add_holiday, day_marks,
                                  delete_holiday, fill_public_holidays, get_holiday,
                                  list_holidays, read_holiday, russian_public_holidays,
                                  update_holiday)
from rcro_tui.model import HolidayKind
from rcro_tui.rules import AcademicYear

YEAR = AcademicYear(2026)
AUTUMN = HolidayDraft(date(2026, 10, 31), date(2026, 11, 8), "Осенние каникулы")


def changes(db, action: str | None = None) -> list[dict]:
    sql = "SELECT * FROM changes WHERE table_name = 'holidays'"
    rows = list(db.query(sql + (" AND action = ?" if action else "") + " ORDER BY id",
                         [action] if action else []))
    return rows


def count_rows(db) -> tuple[int, int]:
    return db["holidays"].count, db["changes"].count


# The Labour Code -------------------------------------------------------------------------

def test_public_holidays_of_2026_2027_with_the_days_they_move_to():
    days = russian_public_holidays(YEAR)
    assert days[0] == (date(2026, 11, 4), date(2026, 11, 4), "День народного единства")
    assert (date(2027, 1, 1), date(2027, 1, 8), "Новогодние каникулы и Рождество Христово") in days
    # 1 May 2027 is a Saturday, 9 May a Sunday, 12 June a Saturday: each moves to a Monday
    moved = [(first, name) for first, _, name in days if name.startswith("Выходной день")]
    assert moved == [(date(2027, 5, 3), "Выходной день (перенос: Праздник Весны и Труда)"),
                     (date(2027, 5, 10), "Выходной день (перенос: День Победы)"),
                     (date(2027, 6, 14), "Выходной день (перенос: День России)")]
    assert len(days) == 10 and days == sorted(days)


def test_a_year_without_weekend_holidays_moves_nothing():
    assert len(russian_public_holidays(AcademicYear(2027))) == 7


def test_the_demo_uses_the_same_calculation():
    assert demo_public_holidays is russian_public_holidays


# Checking --------------------------------------------------------------------------------

def test_read_holiday_takes_dates_as_people_type_them_and_russian_kinds():
    draft = read_holiday(" 04.11.2026", "", "  День   народного единства ", "праздник")
    assert draft == HolidayDraft(date(2026, 11, 4), date(2026, 11, 4), "День народного единства",
                                 HolidayKind.PUBLIC)
    assert read_holiday("2026-10-31", "08.11.2026", "Осенние", "school_break").kind is \
        HolidayKind.SCHOOL_BREAK


def test_every_problem_is_reported_under_its_field_at_once():
    with pytest.raises(HolidayError) as caught:
        read_holiday("31.02.2027", "завтра", "", "выходной")
    problems = caught.value.problems
    assert list(problems) == ["first_day", "last_day", "name", "kind"]
    assert problems["first_day"] == "Первый день: «31.02.2027» — такой даты нет в календаре."
    assert "Последний день: «завтра» — не дата" in problems["last_day"]
    assert problems["name"].startswith("Название: впишите")
    assert "«праздник» (public) или «каникулы» (school_break)" in problems["kind"]
    assert caught.value.message.startswith("Первый день: ")


def test_last_day_before_first_and_an_empty_name():
    with pytest.raises(HolidayError) as caught:
        read_holiday("08.11.2026", "31.10.2026", " \t", "каникулы")
    assert caught.value.problems == {
        "last_day": "Последний день (31.10.2026) раньше первого (08.11.2026).",
        "name": "Название: впишите, что это за дни, например «Осенние каникулы».",
    }


@pytest.mark.parametrize("first, last, field, words", [
    ("04.11.1926", "05.11.2026", "first_day", "год вне 2000–2100"),
    ("30.08.2027", "01.01.2207", "last_day", "год вне 2000–2100"),
    ("01.06.2027", "31.12.2027", "last_day", "214 дней, а каникулы бывают не длиннее 120"),
])
def test_dates_outside_a_plausible_range_are_refused(first, last, field, words):
    with pytest.raises(HolidayError) as caught:
        read_holiday(first, last, "Летние каникулы", "каникулы")
    assert list(caught.value.problems) == [field]
    assert words in caught.value.problems[field]


def test_a_summer_break_of_92_days_is_fine():
    draft = read_holiday("01.06.2027", "31.08.2027", "Летние каникулы", "каникулы")
    assert (draft.last_day - draft.first_day).days + 1 == 92


def test_an_overlong_name_is_refused():
    with pytest.raises(HolidayError) as caught:
        read_holiday("01.06.2027", "", "к" * 121, "каникулы")
    assert caught.value.problems == {"name": "Название: 121 символов, а можно не больше 120."}


# Writing, audited ------------------------------------------------------------------------

def test_add_update_delete_each_leave_an_audit_row(fresh_db):
    holiday_id = add_holiday(fresh_db, AUTUMN, user="ivanova")
    assert get_holiday(fresh_db, holiday_id) == Holiday(
        holiday_id, date(2026, 10, 31), date(2026, 11, 8), "Осенние каникулы",
        HolidayKind.SCHOOL_BREAK)
    changed = update_holiday(fresh_db, holiday_id, HolidayDraft(
        date(2026, 10, 24), date(2026, 11, 1), "Осенние каникулы (Томск)"), user="petrov")
    assert (changed.first_day, changed.name) == (date(2026, 10, 24), "Осенние каникулы (Томск)")
    deleted = delete_holiday(fresh_db, holiday_id, user="sidorova")
    assert deleted == changed
    with pytest.raises(store.NotFoundError, match=f"№{holiday_id} нет"):
        get_holiday(fresh_db, holiday_id)
    log = changes(fresh_db)
    assert [(c["action"], c["user"], c["row_id"]) for c in log] == [
        ("insert", "ivanova", str(holiday_id)), ("update", "petrov", str(holiday_id)),
        ("delete", "sidorova", str(holiday_id))]
    update = log[1]
    assert json.loads(update["before"])["first_day"] == "2026-10-31"
    assert json.loads(update["after"])["name"] == "Осенние каникулы (Томск)"
    assert json.loads(log[2]["before"])["last_day"] == "2026-11-01" and log[2]["after"] is None


def test_an_update_that_changes_nothing_writes_nothing(fresh_db):
    holiday_id = add_holiday(fresh_db, AUTUMN, user="ivanova")
    update_holiday(fresh_db, holiday_id, AUTUMN, user="ivanova")
    assert [c["action"] for c in changes(fresh_db)] == ["insert"]


def test_a_break_may_not_overlap_another_break_but_may_hold_a_holiday(fresh_db):
    autumn = add_holiday(fresh_db, AUTUMN, user="ivanova")
    add_holiday(fresh_db, HolidayDraft(date(2026, 11, 4), date(2026, 11, 4),
                                       "День народного единства", HolidayKind.PUBLIC),
                user="ivanova")
    before = count_rows(fresh_db)
    with pytest.raises(HolidayError) as caught:
        add_holiday(fresh_db, HolidayDraft(date(2026, 11, 8), date(2026, 11, 10), "Доп. дни"),
                    user="ivanova")
    assert caught.value.problems == {"period": (
        f"Даты пересекаются с каникулами «Осенние каникулы» (31 октября – 8 ноября 2026 г., "
        f"№{autumn}): измените даты или исправьте ту запись.")}
    assert count_rows(fresh_db) == before, "nothing written"


def test_two_holidays_on_one_day_are_refused_and_editing_a_row_does_not_clash_with_itself(
        fresh_db):
    first = HolidayDraft(date(2027, 1, 1), date(2027, 1, 8), "Новогодние каникулы",
                         HolidayKind.PUBLIC)
    holiday_id = add_holiday(fresh_db, first, user="ivanova")
    with pytest.raises(HolidayError, match="с праздником «Новогодние каникулы»"):
        add_holiday(fresh_db, HolidayDraft(date(2027, 1, 7), date(2027, 1, 7), "Рождество",
                                           HolidayKind.PUBLIC), user="ivanova")
    moved = update_holiday(fresh_db, holiday_id, HolidayDraft(
        date(2027, 1, 1), date(2027, 1, 10), "Новогодние каникулы", HolidayKind.PUBLIC),
        user="ivanova")
    assert moved.days == 10


def test_update_and_delete_of_a_missing_row_say_so(fresh_db):
    with pytest.raises(store.NotFoundError):
        update_holiday(fresh_db, 99, AUTUMN, user="ivanova")
    with pytest.raises(store.NotFoundError):
        delete_holiday(fresh_db, 99, user="ivanova")
    assert count_rows(fresh_db) == (0, 0)


def test_checks_apply_to_drafts_given_directly(fresh_db):
    with pytest.raises(HolidayError, match="раньше первого"):
        add_holiday(fresh_db, HolidayDraft(date(2026, 11, 8), date(2026, 11, 1), "X"),
                    user="ivanova")
    assert count_rows(fresh_db) == (0, 0)


# Filling ---------------------------------------------------------------------------------

def test_fill_adds_the_years_holidays_once(fresh_db):
    added = fill_public_holidays(fresh_db, YEAR, user="ivanova")
    assert [(h.first_day, h.last_day, h.name) for h in added] == russian_public_holidays(YEAR)
    assert all(h.kind is HolidayKind.PUBLIC for h in added)
    assert len(changes(fresh_db, "insert")) == 10
    assert fill_public_holidays(fresh_db, YEAR, user="ivanova") == []
    assert fresh_db["holidays"].count == 10 and len(changes(fresh_db)) == 10


def test_fill_keeps_corrections_and_restores_only_what_was_deleted(fresh_db):
    fill_public_holidays(fresh_db, YEAR, user="ivanova")
    rows = {h.name: h for h in list_holidays(fresh_db, YEAR)}
    new_year = rows["Новогодние каникулы и Рождество Христово"]
    update_holiday(fresh_db, new_year.id, HolidayDraft(
        date(2027, 1, 1), date(2027, 1, 10), "Новогодние каникулы (постановление)",
        HolidayKind.PUBLIC), user="ivanova")
    delete_holiday(fresh_db, rows["День России"].id, user="ivanova")
    added = fill_public_holidays(fresh_db, YEAR, user="ivanova")
    assert [h.name for h in added] == ["День России"]
    assert fresh_db["holidays"].count == 10
    names = {h.name for h in list_holidays(fresh_db, YEAR)}
    assert "Новогодние каникулы (постановление)" in names


def test_the_demo_year_has_every_holiday_fill_would_add(demo_db):
    assert fill_public_holidays(demo_db, YEAR, user="ivanova") == []


# Reading ---------------------------------------------------------------------------------

def test_list_holds_what_touches_the_academic_year_in_date_order(fresh_db):
    for first, last, name in [((2026, 8, 20), (2026, 9, 2), "Конец лета"),
                              ((2027, 3, 27), (2027, 4, 4), "Весенние каникулы"),
                              ((2026, 10, 31), (2026, 11, 8), "Осенние каникулы"),
                              ((2027, 9, 1), (2027, 9, 1), "Следующий год")]:
        add_holiday(fresh_db, HolidayDraft(date(*first), date(*last), name), user="ivanova")
    names = [h.name for h in list_holidays(fresh_db, YEAR)]
    assert names == ["Конец лета", "Осенние каникулы", "Весенние каникулы"]
    assert [h.name for h in list_holidays(fresh_db, AcademicYear(2027))] == ["Следующий год"]


def test_dates_and_days_in_russian(demo_db):
    holidays = {h.name: h for h in list_holidays(demo_db, YEAR)}
    unity = holidays["День народного единства"]
    assert (unity.dates_text(), unity.days_text()) == ("4 ноября 2026 г.", "1 день")
    autumn = holidays["Осенние каникулы"]
    assert (autumn.dates_text(), autumn.days_text()) == ("31 октября – 8 ноября 2026 г.", "9 дней")
    winter = holidays["Зимние каникулы"]
    assert winter.dates_text() == "29 декабря 2026 г. – 11 января 2027 г."
    assert holidays["Летние каникулы"].days_text() == "92 дня"


def test_day_marks_a_holiday_wins_over_the_break_around_it(demo_db):
    marks = day_marks(demo_db, date(2026, 10, 30), date(2026, 11, 9))
    assert date(2026, 10, 30) not in marks and date(2026, 11, 9) not in marks
    assert marks[date(2026, 10, 31)] == ("school_break", "Осенние каникулы")
    assert marks[date(2026, 11, 4)] == ("public", "День народного единства")
    assert len(marks) == 9
    assert calendar_data.day_marks is day_marks


def test_a_new_break_is_marked(fresh_db):
    add_holiday(fresh_db, HolidayDraft(date(2027, 2, 1), date(2027, 2, 7), "Доп. каникулы"),
                user="ivanova")
    marks = day_marks(fresh_db, date(2027, 2, 6), date(2027, 2, 10))
    assert marks == {date(2027, 2, 6): ("school_break", "Доп. каникулы"),
                     date(2027, 2, 7): ("school_break", "Доп. каникулы")}
