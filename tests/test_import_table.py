"""Importing events from tables: CSV as Russian Excel saves it, .xlsx, and every bad cell named."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date, datetime, time

import pytest
from openpyxl import Workbook

from rcro_tui.db.import_table import import_table
from rcro_tui.errors import InputError

HEADER = ("Название;Вид;Дата начала;Время начала;Дата окончания;Время окончания;Формат;"
          "Место;Ссылка;Организатор;Программа;Классы;Статус;Доступ")


def csv_bytes(*lines: str, header: str = HEADER, encoding: str = "cp1251",
              delimiter: str = ";") -> bytes:
    text = "\r\n".join([header, *lines]) + "\r\n"
    return text.replace(";", delimiter).encode(encoding)


def events(db) -> list[dict]:
    return list(db.query("SELECT * FROM events WHERE source LIKE 'импорт%' ORDER BY id"))


def failure(db, data: bytes) -> str:
    """The message of a refused import, after checking that nothing was written."""
    counts = [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("events", "changes")]
    with pytest.raises(InputError) as caught:
        import_table(db, data, user="demo", source_name="план.csv")
    assert [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("events", "changes")] == counts
    return caught.value.message


def org_id(db, short_name: str) -> int:
    query = "SELECT id FROM organizations WHERE short_name = ?"
    return db.execute(query, [short_name]).fetchone()[0]


def test_csv_from_russian_excel_in_windows_1251(demo_db):
    data = csv_bytes(
        "Региональный этап олимпиады Максвелла;олимпиада;19.04.2022;14.00;19.04.2022;17:00;;"
        "ОГБУ «РЦРО», ул. Татарская, 16;;ОГБУ \"РЦРО\";Парк ЕНОТо;7-8;Подтверждено;для всех",
        "Вебинар «Ёлка знаний»;ВЕБИНАР;20.04.2022;10:00;;11:30;;;https://vk.com/rcro;ТГУ;;8;;"
        "внутреннее",
        "Фестиваль «Весенний переполох»;фестиваль;03.04.2023;;05.04.2023;;очный;"
        "МАОУ СОШ № 58;;;;;запланировано;")
    report = import_table(demo_db, data, user="demo", source_name="план.csv")
    assert (report.added, report.updated, report.unchanged) == (3, 0, 0)
    olympiad, webinar, festival = events(demo_db)
    assert (olympiad["title"], olympiad["kind"], olympiad["status"]) == (
        "Региональный этап олимпиады Максвелла", "olympiad", "confirmed")
    assert (olympiad["start_at"], olympiad["end_at"]) == ("2022-04-19T14:00", "2022-04-19T17:00")
    assert olympiad["host_org_id"] == org_id(demo_db, "ОГБУ «РЦРО»")  # matched despite "quotes"
    assert olympiad["program_id"] == demo_db.execute(
        "SELECT id FROM programs WHERE short_name = 'Парк ЕНОТо'").fetchone()[0]
    assert (olympiad["grades_from"], olympiad["grades_to"], olympiad["format"]) == (
        7, 8, "in_person")
    assert webinar["title"] == "Вебинар «Ёлка знаний»"
    assert (webinar["format"], webinar["visibility"], webinar["grades_from"]) == (
        "online", "internal", 8)
    assert (webinar["start_at"], webinar["end_at"]) == ("2022-04-20T10:00", "2022-04-20T11:30")
    assert (festival["all_day"], festival["start_at"], festival["end_at"]) == (
        1, "2023-04-03", "2023-04-05")


@pytest.mark.parametrize("encoding, delimiter", [("utf-8-sig", ","), ("utf-8", "\t"),
                                                 ("utf-8-sig", ";")])
def test_utf8_with_or_without_bom_and_any_separator(fresh_db, encoding, delimiter):
    data = csv_bytes("Семинар;семинар;19.04.2022;14:00;;;;Томск;;;;;;",
                     encoding=encoding, delimiter=delimiter)
    import_table(fresh_db, data, user="demo")
    (row,) = events(fresh_db)
    assert (row["title"], row["kind"], row["start_at"], row["venue"]) == (
        "Семинар", "seminar", "2022-04-19T14:00", "Томск")


def test_xlsx_with_real_date_and_time_cells(demo_db):
    book = Workbook()
    sheet = book.active
    sheet.append(["UID", "Дата начала", "Время начала", "Название", "Классы", "Организатор",
                  "Весь день", "Дата окончания", "Заметки"])
    sheet.append([None, date(2022, 4, 19), time(14, 0), "Конференция «Ступени»", 8,
                  "7017033960", None, None, "не импортируется"])
    sheet.append([None, datetime(2022, 5, 12, 9, 30), None, "Форум", "5–11 классы", None,
                  None, datetime(2022, 5, 13, 18, 0), None])
    sheet.append([])
    sheet.append(["x-1@example.ru", datetime(2022, 9, 1), None, "День знаний", None, None,
                  "да", None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    report = import_table(demo_db, buffer.getvalue(), user="demo", source_name="план.xlsx")
    assert report.added == 3 and report.ignored_columns == ["Заметки"]
    conference, forum, day = events(demo_db)
    assert (conference["start_at"], conference["grades_from"], conference["grades_to"]) == (
        "2022-04-19T14:00", 8, 8)
    assert conference["host_org_id"] == org_id(demo_db, "ОГБУ «РЦРО»")  # by INN
    assert (forum["start_at"], forum["end_at"]) == ("2022-05-12T09:30", "2022-05-13T18:00")
    assert (forum["grades_from"], forum["grades_to"]) == (5, 11)
    assert (day["uid"], day["all_day"], day["start_at"]) == ("x-1@example.ru", 1, "2022-09-01")


def test_every_bad_cell_is_named_and_nothing_is_written(demo_db):
    data = csv_bytes("Семинар;семинар;19.04.2022;14:00;;;;Томск;;;;;;",
                     "Олимпиада;олимпиада;20.04.2022;14:00;;;;Томск;;;;;;",
                     "Вебинар;вебинар;21.04.2022;14:00;;;;Томск;;;;;;",
                     "Конкурс;конкурс;31.02.2022;25:00;;;;Томск;;СОШ № 999;;12;странно;")
    message = failure(demo_db, data)
    assert message.startswith("Файл «план.csv» не импортирован, в базу ничего не записано: "
                              "5 ошибок.")
    assert "Строка 5, столбец «Дата начала»: «31.02.2022» — такой даты нет в календаре." in message
    assert "Строка 5, столбец «Время начала»: «25:00» — не время" in message
    assert "Строка 5, столбец «Организатор»: организация «СОШ № 999» не найдена" in message
    assert "Строка 5, столбец «Классы»: «12» — классы должны быть от 1 до 11" in message
    assert "Строка 5, столбец «Статус»: «странно» — нет такого значения" in message


@pytest.mark.parametrize("cells, expected", [
    ("Семинар;;19.04.2022;14:00;19.04.2022;12:00", "Строка 2, столбец «Время окончания»: "
     "окончание (19.04.2022 12:00) раньше начала (19.04.2022 14:00)."),
    ("Семинар;созвон;19.04.2022;;;", "Строка 2, столбец «Вид»: «созвон» — нет такого значения; "
     "допустимо: «олимпиада»"),
    (";;19.04.2022;;;", "Строка 2, столбец «Название»: нет названия мероприятия."),
    ("Семинар;;;14:00;;", "Строка 2, столбец «Дата начала»: дата начала не указана."),
    ("Семинар;;19.04.2022;;;15:00", "Строка 2, столбец «Время окончания»: указано время, а "
     "мероприятие на весь день"),
])
def test_row_problems(fresh_db, cells, expected):
    header = "Название;Вид;Дата начала;Время начала;Дата окончания;Время окончания"
    assert expected in failure(fresh_db, csv_bytes(cells, header=header))


def test_long_titles_are_refused_and_control_characters_stripped(fresh_db):
    header = "Название;Дата начала"
    long_title = "«Ёлочки»\x07 " + "очень длинное название " * 87
    message = failure(fresh_db, csv_bytes(f"{long_title};19.04.2022", header=header,
                                          encoding="utf-8"))
    assert "Строка 2, столбец «Название»: название длиной 2009 символов — допускается не " \
           "больше 300" in message
    import_table(fresh_db, csv_bytes("«Ёлочки»\x07\x1b[31m и № 5;19.04.2022", header=header,
                                     encoding="utf-8"), user="demo")
    assert events(fresh_db)[0]["title"] == "«Ёлочки» [31m и № 5"


def test_re_import_by_uid_updates_instead_of_duplicating(fresh_db):
    header = "UID;Название;Дата начала;Описание"
    first = csv_bytes("ev-1@x;Семинар;19.04.2022;Первый вариант", "ev-2@x;Форум;20.04.2022;",
                      header=header)
    import_table(fresh_db, first, user="demo")
    edited = csv_bytes("ev-1@x;Семинар для методистов;19.04.2022;Первый вариант",
                       "ev-2@x;Форум;20.04.2022;", header=header)
    report = import_table(fresh_db, edited, user="demo")
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    rows = {row["uid"]: row for row in events(fresh_db)}
    assert (rows["ev-1@x"]["title"], rows["ev-1@x"]["revision"]) == ("Семинар для методистов", 2)
    # A table without «Описание» leaves descriptions alone.
    import_table(fresh_db, csv_bytes("ev-1@x;Семинар для методистов;19.04.2022",
                                     header="UID;Название;Дата начала"), user="demo")
    assert events(fresh_db)[0]["description"] == "Первый вариант"


def test_rows_without_uid_are_not_duplicated_on_re_import(fresh_db):
    data = csv_bytes("Семинар;19.04.2022", "Семинар;19.04.2022", header="Название;Дата начала")
    import_table(fresh_db, data, user="demo")
    assert import_table(fresh_db, data, user="demo").unchanged == 2
    assert len(events(fresh_db)) == 2


@pytest.mark.parametrize("data, expected", [
    (csv_bytes("Семинар", header="Название;Место"), "нет столбца «Дата начала»"),
    (csv_bytes("a;b;c", header="Название;Дата;Дата начала"), "«Дата начала» встречается дважды"),
    (b"", "пуста"),
    (b"\x98\x98;\x98", "не в кодировке UTF-8 и не в Windows-1251"),
    (b"PK\x03\x04broken zip", "не читается как таблица Excel"),
])
def test_files_that_are_not_our_tables(fresh_db, data, expected):
    assert expected in failure(fresh_db, data)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rcro_tui", "--user", "demo", *args], capture_output=True,
                          text=True, env=os.environ.copy(), timeout=120)


def test_cli_imports_a_csv_and_refuses_a_bad_one(demo_path, tmp_path):
    good = tmp_path / "план.csv"
    good.write_bytes(csv_bytes("Семинар;19.04.2022;14:00", header="Название;Дата начала;Время"))
    result = run("events", "import", str(good), "--db", str(demo_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Добавлено 1 мероприятие, обновлено 0, без изменений 0."
    bad = tmp_path / "плохой.csv"
    bad.write_bytes(csv_bytes("Семинар;19.04.2022;25:00", header="Название;Дата начала;Время"))
    result = run("events", "import", str(bad), "--db", str(demo_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Строка 2, столбец «Время»: «25:00» — не время" in result.stderr


def test_excel_csv_quirks_sep_line_seconds_and_date_with_time(fresh_db):
    data = ("sep=,\r\nНазвание,Дата начала,Время окончания\r\n"
            "\"Форум «Большие вызовы», финал\",19.04.2022 14:00:00,17:30:00\r\n").encode("cp1251")
    import_table(fresh_db, data, user="demo")
    (row,) = events(fresh_db)
    assert row["title"] == "Форум «Большие вызовы», финал"
    assert (row["start_at"], row["end_at"]) == ("2022-04-19T14:00", "2022-04-19T17:30")
