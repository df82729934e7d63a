"""Makes the organisation import files under tests/data/orgs/ (run once; the files are committed).

    .venv/bin/python tests/data/make_org_files.py

The shapes are those coordinators send: a Windows-1251 CSV with «;» saved by Russian Excel,
an XLSX with a two-row header (merged «Наименование ОО» and «Контактное лицо» over three
columns), a district merged down over its schools and an extra column, and a CSV with one
bad row (a wrong INN).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent / "orgs"

CP1251_ROWS = [
    "Наименование ОО;ИНН;Муниципалитет;Адрес;Тип;Телефон",
    "МБОУ «Кожевниковская СОШ № 2»;7008004480;Кожевниковский район;"
    "с. Кожевниково, ул. Гагарина, 20;школа;8 (38244) 2-14-85",
    'МБОУ "Зырянская СОШ";;Зырянский;с. Зырянское, ул. Советская, 12;;',
    "МАОУ «Губернаторский Светленский лицей»;7014038751;Томский район;"
    "п. Светлый, 11;ОО;",
    "ОГБОУ «Кадетская школа-интернат «Северский кадетский корпус»»;;ЗАТО Северск;"
    "г. Северск, ул. Ленина, 9;;",
]

BAD_ROWS = [
    "Полное наименование,ИНН,МО",
    "МБОУ «Уртамская СОШ»,,Кожевниковский район",
    "МБОУ «Новая СОШ № 5»,7008004481,Томский район",
    "МБОУ «Октябрьская СОШ»,,Томский район",
]


def write_xlsx(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Опорные школы"
    sheet.append(["Наименование ОО", "Муниципалитет", "Контактное лицо", None, None,
                  "Программа", "Роль", "Статус заявки", "Приказ", "Дата решения",
                  "Отметка РЦРО"])
    sheet.append([None, None, "ФИО", "Должность", "Телефон"])
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:B2")
    sheet.merge_cells("C1:E1")
    for column in "FGHIJK":
        sheet.merge_cells(f"{column}1:{column}2")
    sheet.append(["МАОУ СОШ № 32 г. Томска", "г. Томск", "Иванова Анна Петровна",
                  "заместитель директора", "8 (3822) 44-12-10", "Парк ЕНОТо", "опорная школа",
                  "одобрена", "приказ № 521 от 02.06.2022", "02.06.2022", "проверено"])
    sheet.append(["МАОУ гимназия № 13 г. Томска", None, "Петров Илья Сергеевич", "методист",
                  "", "Парк ЕНОТо", "участник", "заявка подана", "", "", ""])
    sheet.merge_cells("B3:B4")  # the district written once for both schools
    book.save(path)


def main() -> None:
    HERE.mkdir(exist_ok=True)
    (HERE / "schools-cp1251.csv").write_bytes(
        ("\r\n".join(CP1251_ROWS) + "\r\n").encode("cp1251"))
    (HERE / "one-bad-row.csv").write_bytes(
        ("\ufeff" + "\r\n".join(BAD_ROWS) + "\r\n").encode("utf-8"))
    write_xlsx(HERE / "hub-schools-merged.xlsx")


if __name__ == "__main__":
    main()
