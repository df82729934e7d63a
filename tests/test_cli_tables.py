"""`rcro-tui table`: the list, text to the terminal, files in every format, Russian errors."""

from __future__ import annotations

import io

import openpyxl

from conftest import run_rcro


def test_the_list_names_every_table_and_what_it_is_of(demo_path):
    ran = run_rcro(demo_path, "table", "list")
    assert ran.code == 0
    lines = ran.text.splitlines()
    assert len(lines) == 9 and lines[0].startswith("calendar    Календарь учебного года")
    assert "district    Мероприятия муниципалитета (ЧТО: муниципалитет)" in lines


def test_a_districts_table_found_by_name_prints_as_markdown(demo_path):
    ran = run_rcro(demo_path, "table", "district", "Зырянский район", "--year", "2026/2027",
                   "--format", "markdown")
    assert ran.code == 0, ran.err
    assert ran.text.startswith("Мероприятия: Зырянский район, 2026/2027 учебный год\n"
                               "3 мероприятия\n\n## Декабрь 2026\n| Дата ")


def test_xlsx_goes_into_a_folder_under_the_tables_name(demo_path, tmp_path):
    ran = run_rcro(demo_path, "table", "network", "1", "--format", "xlsx", "-o", str(tmp_path))
    assert ran.code == 0, ran.err
    saved = tmp_path / "network.xlsx"
    assert f"сохранена: {saved}" in ran.err
    sheet = openpyxl.load_workbook(io.BytesIO(saved.read_bytes())).active
    assert sheet["A1"].value == "Сеть программы «Образование через коммуникацию»"


def test_csv_and_html_can_go_to_the_terminal(demo_path):
    ran = run_rcro(demo_path, "table", "totals", "5", "--format", "csv")
    assert ran.out.startswith("\ufeffРайон;Участников".encode()) and b"\r\n" in ran.out
    page = run_rcro(demo_path, "table", "engagement", "--year", "2026", "--format", "html")
    assert page.text.startswith("<!DOCTYPE html>") and "Итого по области" in page.text


def test_mistakes_are_explained_in_russian(demo_path, tmp_path):
    cases = [
        (("table", "nothing"), "Нет таблицы «nothing». Есть: calendar, program"),
        (("table", "calendar", "--format", "xlsx"), "XLSX не выводится в терминал"),
        (("table", "program"), "нужен параметр: программа"),
        (("table", "protocol", "999"), "Этап № 999 не найден в базе"),
        (("table", "calendar", "5"), "ни о чём отдельном: уберите «5»"),
        (("table", "network", "1", "-o", str(tmp_path / "нет" / "x.html"), "--format", "html"),
         "папки «"),
    ]
    for args, message in cases:
        ran = run_rcro(demo_path, *args)
        assert ran.code == 1 and message in ran.err, (args, ran.err)
