"""Each format read back the way its reader would: XLSX through openpyxl, CSV as Excel opens
it, HTML's print rules, grouped text, and saving with Russian errors."""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from conftest import TODAY
from rcro_tui.db.table_list import BY_NAME
from rcro_tui.db.tables import DATE, DELTA, NUMBER, TEXT, Group, Printable, TableParams, build_table
from rcro_tui.db.views import TableView
from rcro_tui.exports import table_formats
from rcro_tui.exports.table_formats import SaveError, save_table, table_bytes, table_text
from rcro_tui.exports.table_html import column_shares, css_string, is_landscape
from rcro_tui.exports.table_xlsx import sheet_title, typed
from rcro_tui.rules import AcademicYear

PARAMS = TableParams(year=AcademicYear(2026), program_id=1, stage_id=5, today=TODAY)


def small() -> Printable:
    view = TableView("Проба «кавычек» \"и\" </style>", ("Дата", "Название", "Баллы", "±"))
    view.add(1, "19.04.2022", "=СУММ(A1)", "12", "+3")
    view.add(2, "20.04.2022", "Школа «Тест»; №№ 32, 47", "7.5", "−2")
    view.add(3, "", "", "", "—")
    return Printable("sample", view, (DATE, TEXT, NUMBER, DELTA),
                     [Group("Апрель 2022", 0, 2), Group("Без даты", 2, 3)], "Месяц", "Подзаголовок")


def test_xlsx_has_a_frozen_header_widths_and_real_dates_and_numbers():
    data = table_bytes(small(), "xlsx", made=TODAY)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.title == "sample" and sheet.freeze_panes == "A5"
    assert sheet["A1"].value.startswith("Проба") and sheet["A2"].value == "Подзаголовок"
    assert "Сформировано 23 ноября 2026 г." in sheet["A3"].value
    assert [c.value for c in sheet[4]] == ["Дата", "Название", "Баллы", "±"]
    assert sheet["A5"].value == "Апрель 2022" and sheet["A5"].font.bold
    day = sheet["A6"]
    assert day.value == datetime(2022, 4, 19) and day.number_format == "DD.MM.YYYY"
    assert sheet["B6"].value == "=СУММ(A1)" and sheet["B6"].data_type == "s"
    assert sheet["C6"].value == 12 and sheet["C7"].value == 7.5
    assert sheet["D6"].value == 3 and sheet["D7"].value == -2 and sheet["D9"].value == "—"
    assert sheet["A9"].value is None
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["C"].width >= 5
    assert sheet.print_title_rows == "$4:$4"


def test_xlsx_bytes_are_stable_for_the_same_table_and_day():
    first = table_bytes(small(), "xlsx", made=TODAY)
    with zipfile.ZipFile(io.BytesIO(first)) as book:
        core = book.read("docProps/core.xml").decode()
        assert {info.date_time for info in book.infolist()} == {(2026, 11, 23, 0, 0, 0)}
    assert re.findall(r"<dcterms:(\w+)[^>]*>([^<]*)<", core) == [
        ("created", "2026-11-23T00:00:00Z"), ("modified", "2026-11-23T00:00:00Z")]
    assert table_bytes(small(), "xlsx", made=TODAY) == first
    assert table_bytes(small(), "xlsx", made=date(2026, 11, 24)) != first


def test_the_demo_calendar_in_xlsx_keeps_every_row_with_its_date(demo_db):
    calendar = build_table(demo_db, BY_NAME["calendar"], PARAMS)
    sheet = openpyxl.load_workbook(io.BytesIO(table_bytes(calendar, "xlsx", made=TODAY))).active
    dates = [row[0] for row in sheet.iter_rows(min_row=5, values_only=True)
             if isinstance(row[0], datetime)]
    assert len(dates) == len(calendar.view.rows) and dates == sorted(dates)
    assert sheet.max_row == 4 + len(calendar.view.rows) + len(calendar.groups)


@pytest.mark.parametrize("text, kind, value", [
    ("01.09.2026", DATE, date(2026, 9, 1)), ("по 01.09.2026", DATE, "по 01.09.2026"),
    ("12", NUMBER, 12), ("12,5", NUMBER, 12.5), ("−4", DELTA, -4), ("—", DELTA, "—"),
    ("", TEXT, None), ("12", TEXT, "12")])
def test_cells_become_the_type_excel_should_hold(text, kind, value):
    assert typed(text, kind) == value


def test_sheet_titles_keep_to_excels_rules():
    assert sheet_title("a/b:c*d?e[f]g\\h" * 3) == "a b c d e f g ha b c d e f g ha"[:31].strip()
    assert sheet_title("///") == "Таблица"


def test_csv_opens_in_excel_with_cyrillic_groups_and_no_formulas():
    data = table_bytes(small(), "csv", made=TODAY)
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["Месяц", "Дата", "Название", "Баллы", "±"]
    assert rows[1] == ["Апрель 2022", "19.04.2022", "'=СУММ(A1)", "12", "3"]
    assert rows[2][2] == "Школа «Тест»; №№ 32, 47" and rows[2][4] == "-2"
    assert rows[3][0] == "Без даты" and len(rows) == 4


def test_csv_has_no_date_of_making_so_it_is_the_same_every_day():
    assert table_bytes(small(), "csv", made=TODAY) == table_bytes(small(), "csv",
                                                                  made=date(2030, 1, 1))


def test_text_prints_each_group_under_its_heading():
    text = table_text(small(), "grid")
    assert text.startswith("Проба «кавычек» \"и\" </style>\nПодзаголовок\n\nАпрель 2022\n+")
    assert "\nБез даты\n+" in text
    assert "## Апрель 2022" in table_text(small(), "markdown")


def test_html_escapes_the_title_in_the_page_and_in_the_print_header():
    page = table_bytes(small(), "html", made=TODAY).decode()
    assert "<title>Проба «кавычек» &quot;и&quot; &lt;/style&gt;</title>" in page
    assert 'content: "Проба «кавычек» \\"и\\" \\3C /style>"' in page
    assert page.count("</style>") == 1
    assert '<tr class="group"><th colspan="4" scope="colgroup">Апрель 2022</th></tr>' in page
    assert '<td class="num">12</td>' in page and "Сформировано 23 ноября 2026 г." in page
    assert 'content: "стр. " counter(page) " из " counter(pages)' in page


def test_html_width_shares_fill_the_line_and_wide_tables_turn_landscape(demo_db):
    calendar = build_table(demo_db, BY_NAME["calendar"], PARAMS)
    totals = build_table(demo_db, BY_NAME["totals"], PARAMS)
    assert is_landscape(calendar) and not is_landscape(totals)
    for printable in (calendar, totals, small()):
        shares = column_shares(printable, is_landscape(printable))
        assert abs(sum(shares) - 100) < 0.01 and min(shares) > 3
    assert b"size: A4 landscape" in table_bytes(calendar, "html", made=TODAY)
    assert b"size: A4 portrait" in table_bytes(totals, "html", made=TODAY)


def test_an_empty_table_prints_its_sentence_not_an_empty_grid(fresh_db):
    empty = build_table(fresh_db, BY_NAME["calendar"], TableParams(year=AcademicYear(2026)))
    page = table_bytes(empty, "html", made=TODAY).decode()
    assert "<table>" not in page and "мероприятий нет" in page
    sheet = openpyxl.load_workbook(io.BytesIO(table_bytes(empty, "xlsx", made=TODAY))).active
    assert "мероприятий нет" in sheet["A5"].value


def test_css_strings_cannot_end_early():
    assert css_string('a"b\\c\n  d') == 'a\\"b\\\\c d'


def test_saving_replaces_the_file_whole(tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    path = tmp_path / "t.csv"
    path.write_bytes(b"old")
    save_table(path, b"new")
    assert path.read_bytes() == b"new" and os.listdir(tmp_path) == ["t.csv"]


def test_saving_says_in_russian_what_is_wrong_with_the_path(tmp_path, monkeypatch):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(SaveError, match="папки «.*нет» нет"):
        save_table(tmp_path / "нет" / "t.csv", b"x")
    with pytest.raises(SaveError, match="— папка; укажите имя файла"):
        save_table(tmp_path, b"x")
    (tmp_path / "t.csv").write_bytes(b"old")

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(table_formats.os, "replace", full)
    with pytest.raises(SaveError, match="на диске нет места"):
        save_table(tmp_path / "t.csv", b"new")
    assert (tmp_path / "t.csv").read_bytes() == b"old"
    assert sorted(os.listdir(tmp_path)) == ["t.csv"]


def test_every_format_of_every_demo_table_is_made(demo_db):
    from rcro_tui.db.table_list import TABLES

    for spec in TABLES:
        printable = build_table(demo_db, spec, TableParams(
            year=AcademicYear(2026), program_id=1, district_id=9, org_id=31, stage_id=5,
            today=TODAY))
        for fmt in table_formats.FORMATS:
            data = table_bytes(printable, fmt, made=TODAY)
            assert printable.view.title.split(",")[0].encode() in data.replace(b"&quot;", b'"') \
                or fmt in ("xlsx", "csv"), (spec.name, fmt)
            assert re.search(rb"\S", data)
    assert Path(table_formats.default_file(printable, "markdown")).suffix == ".md"
