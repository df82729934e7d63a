"""`rcro-tui holidays list / add / edit / remove / fill` on the demo region, as scripts run them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from rcro_tui import cli_holidays
from rcro_tui.db.connection import open_database

from conftest import TODAY, run_rcro


@pytest.fixture
def rcro(demo_path, monkeypatch):
    """Run `rcro-tui --db DEMO --user ivanova …` in this process, with today fixed."""
    monkeypatch.setattr(cli_holidays, "today_in_region", lambda: TODAY)
    return lambda *args: run_rcro(demo_path, *args)


def rows(demo_path, sql: str, params=()) -> list[tuple]:
    db = open_database(demo_path)
    try:
        return db.execute(sql, list(params)).fetchall()
    finally:
        db.close()


def test_list_defaults_to_the_current_academic_year(rcro):
    ran = rcro("holidays", "list", "--format", "plain")
    assert ran.code == 0, ran.err
    lines = ran.text.splitlines()
    assert lines[0] == "Праздники и каникулы: 2026/2027 учебный год"
    assert lines[1].split() == ["№", "Даты", "Название", "Вид", "Дней"]
    assert lines[2].split()[1:] == ["31", "октября", "–", "8", "ноября", "2026", "г.", "Осенние",
                                    "каникулы", "каникулы", "9", "дней"]
    assert len(lines) == 2 + 14


def test_list_of_another_year_in_grid_and_an_empty_year(rcro):
    ran = rcro("holidays", "list", "--year", "2025/2026", "--format", "grid")
    assert ran.code == 0, ran.err
    assert ran.text.splitlines()[1] == ("Записей нет: rcro-tui holidays fill — праздники по ТК "
                                        "РФ, rcro-tui holidays add — каникулы.")
    ran = rcro("holidays", "list", "--format", "markdown")
    assert "| 4 ноября 2026 г." in ran.text and "| праздник |" in ran.text


def test_json_and_csv_have_stable_keys(rcro):
    records = json.loads(rcro("holidays", "list", "--format", "json").text)
    assert len(records) == 14 and all(tuple(r) == cli_holidays.RECORD_KEYS for r in records)
    assert records[0] | {"id": 0} == {"id": 0, "first_day": "2026-10-31",
                                      "last_day": "2026-11-08", "name": "Осенние каникулы",
                                      "kind": "school_break", "kind_label": "каникулы", "days": 9,
                                      "revision": 1}
    data = rcro("holidays", "list", "--format", "csv").out
    assert data.startswith("\ufeff".encode("utf-8")) and b"\r\n" in data
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert table[0] == list(cli_holidays.RECORD_KEYS) and len(table) == 15


def test_add_edit_remove_one_break(rcro, demo_path):
    ran = rcro("holidays", "add", "01.02.2027", "07.02.2027", "Дополнительные каникулы")
    assert ran.code == 0, ran.err
    assert ran.text.startswith("Добавлено: №")
    assert ran.text.rstrip().endswith("«Дополнительные каникулы», 1–7 февраля 2027 г. "
                                      "(каникулы, 7 дней).")
    number = ran.text.split("№")[1].split()[0]
    ran = rcro("holidays", "edit", number, "--last", "08.02.2027", "--kind", "каникулы")
    assert ran.code == 0, ran.err
    assert "1–8 февраля 2027 г. (каникулы, 8 дней)" in ran.text
    assert rows(demo_path, "SELECT user, action FROM changes WHERE table_name = 'holidays' "
                           "AND row_id = ? ORDER BY id", [number]) == [
        ("ivanova", "insert"), ("ivanova", "update")]
    ran = rcro("holidays", "remove", number)
    assert ran.code == 0, ran.err
    assert ran.text.startswith(f"Удалено: №{number} «Дополнительные каникулы»")
    assert rows(demo_path, "SELECT count(*) FROM holidays WHERE id = ?", [number]) == [(0,)]


def test_add_a_public_holiday_of_one_day(rcro, demo_path):
    ran = rcro("holidays", "add", "04.11.2027", "04.11.2027", "День народного единства",
               "--kind", "public")
    assert ran.code == 0, ran.err
    assert "(праздник, 1 день)" in ran.text


@pytest.mark.parametrize("args, message", [
    (("01.02.2027", "25.01.2027", ""),
     "Ошибка: Последний день (25.01.2027) раньше первого (01.02.2027). Название: впишите"),
    (("31.02.2027", "01.03.2027", "Х"), "Ошибка: Первый день: «31.02.2027» — такой даты нет"),
    (("01.11.2026", "03.11.2026", "Х"), "Ошибка: Даты пересекаются с каникулами «Осенние"),
    (("01.11.2026", "03.11.2026", "Х", "--kind", "выходной"), "Ошибка: Вид: «выходной» — можно"),
])
def test_refused_input_says_why_in_russian_and_writes_nothing(rcro, demo_path, args, message):
    before = rows(demo_path, "SELECT count(*) FROM changes")
    ran = rcro("holidays", "add", *args)
    assert ran.code == 1
    assert ran.err.startswith(message), ran.err
    assert rows(demo_path, "SELECT count(*) FROM changes") == before


def test_remove_needs_an_existing_number(rcro):
    ran = rcro("holidays", "remove", "abc")
    assert (ran.code, ran.err.strip()) == (
        1, "Ошибка: «abc» — не номер записи: номера показывает rcro-tui holidays list.")
    ran = rcro("holidays", "remove", "999")
    assert ran.code == 1 and "№999 нет" in ran.err


def test_fill_adds_the_years_holidays_once(rcro, demo_path):
    ran = rcro("holidays", "fill", "--year", "2027/2028")
    assert ran.code == 0, ran.err
    lines = ran.text.splitlines()
    assert lines[0] == "2027/2028 учебный год: добавлены праздники по ТК РФ (7 записей):"
    assert lines[1].endswith("«День народного единства», 4 ноября 2027 г. (праздник, 1 день)")
    again = rcro("holidays", "fill", "--year", "2027")
    assert again.text == "Все праздники на 2027/2028 учебный год уже внесены.\n"
    assert rcro("holidays", "fill").text == \
        "Все праздники на 2026/2027 учебный год уже внесены.\n"
    assert rows(demo_path, "SELECT count(*) FROM holidays "
                           "WHERE first_day >= '2027-09-01'") == [(7,)]


def test_help_is_russian(rcro):
    ran = rcro("holidays", "--help")
    assert ran.code == 0
    for word in ("Использование: rcro-tui holidays", "add", "edit", "fill", "list", "remove",
                 "Shift+H"):
        assert word in ran.text
    assert "Учебный год" in rcro("holidays", "list", "--help").text
