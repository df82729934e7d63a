"""Reading a coordinator's list of organisations: CSV or XLSX, Russian headers, merged cells.

Files come as people keep them: «Наименование ОО», «Полное наименование» or «Организация»
for the name, «МО» or «Район» for the district; a two-row header whose upper cell is merged
over several columns («Контактное лицо» over «ФИО», «Должность», «Телефон»); a district cell
merged down over its schools. Merged cells are read as if each cell held the value, and a
two-row header is read as «upper lower» («Контактное лицо Телефон»).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from rcro_tui.errors import InputError
from rcro_tui.org_names import name_key
from rcro_tui.db.import_cells import Cell, is_blank, shown
from rcro_tui.db.import_table import XLSX_MAGIC, read_csv, read_xlsx

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("Наименование", "Наименование ОО", "Полное наименование",
             "Полное наименование ОО", "Официальное наименование", "Наименование организации",
             "Название", "Название организации", "Организация", "Образовательная организация",
             "Наименование образовательной организации"),
    "short_name": ("Краткое наименование", "Сокращённое наименование", "Краткое название",
                   "Краткое наименование ОО"),
    "inn": ("ИНН", "ИНН организации", "ИНН ОО"),
    "district": ("Муниципалитет", "МО", "Район", "Муниципальное образование",
                 "Муниципальный район", "Территория", "Муниципальный район (городской округ)"),
    "address": ("Адрес", "Юридический адрес", "Фактический адрес", "Адрес ОО"),
    "kind": ("Тип", "Вид", "Тип организации", "Вид организации", "Тип ОО"),
    "legal_form": ("Правовая форма", "ОПФ", "Организационно-правовая форма"),
    "phone": ("Телефон", "Тел.", "Телефон ОО", "Телефон организации"),
    "email": ("Эл. почта", "Email", "E-mail", "Электронная почта", "Почта", "Эл. почта ОО"),
    "website": ("Сайт", "Сайт ОО", "Web-сайт", "Адрес сайта"),
    "contact_name": ("Контактное лицо", "Координатор", "ФИО координатора",
                     "ФИО контактного лица", "Контактное лицо ФИО", "Координатор ФИО"),
    "contact_position": ("Должность", "Должность координатора", "Контактное лицо Должность",
                         "Координатор Должность"),
    "contact_phone": ("Телефон координатора", "Телефон контактного лица",
                      "Контактное лицо Телефон", "Координатор Телефон"),
    "contact_email": ("Эл. почта координатора", "Email координатора",
                      "Контактное лицо Эл. почта", "Контактное лицо Email",
                      "Контактное лицо E-mail", "Координатор Email", "Координатор E-mail"),
    "program": ("Программа", "Сетевая программа", "Проект"),
    "role": ("Роль", "Роль в сети", "Статус в сети", "Статус организации"),
    "decision": ("Статус заявки", "Решение", "Заявка"),
    "decided_on": ("Дата решения", "Дата заявки", "Дата"),
    "document": ("Приказ", "Документ", "Документ о решении"),
    "note": ("Примечание", "Комментарий"),
}
"""Field → the headers it accepts; the first is what `orgs export` writes."""

_HEADERS = {name_key(header): key for key, headers in COLUMNS.items() for header in headers}
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


@dataclass
class Sheet:
    """The file's rows (Excel's numbering), its header row number(s) and mapped columns."""

    rows: list[tuple[int, list[Cell]]]
    headers: list[str]
    """Each column's header as the file writes it (two-row headers joined)."""
    columns: dict[str, int]
    ignored: list[str]


def read_sheet(data: bytes, source_name: str = "") -> Sheet:
    """Rows and mapped columns of a CSV or the first sheet of an XLSX; InputError when the
    header names no organisation column."""
    if data.startswith(XLSX_MAGIC):
        rows, merged = read_xlsx(data), merged_ranges(data)
        fill_merged(rows, merged)
    else:
        rows, merged = read_csv(data), []
    rows = [(n, cells) for n, cells in rows if any(_filled(c) for c in cells)]
    if not rows:
        raise InputError(f"Таблица «{source_name}» пуста: нет ни заголовков, ни строк.")
    first = rows[0][0]
    two_rows = any(top == first and bottom > first for top, _, bottom, _ in merged)
    header = [shown(c) for c in rows[0][1]]
    body = rows[1:]
    if two_rows and body:
        lower = [shown(c) for c in body[0][1]]
        header = [_joined(upper, lower[i] if i < len(lower) else "")
                  for i, upper in enumerate(header)]
        body = body[1:]
    columns, ignored = map_headers(header, first)
    return Sheet(body, header, columns, ignored)


def _filled(cell: Cell) -> bool:
    if isinstance(cell, str):
        return bool(cell.strip())
    return not is_blank(cell)


def _joined(upper: str, lower: str) -> str:
    return upper if not lower or lower == upper else f"{upper} {lower}".strip()


def map_headers(header: list[str], row_number: int) -> tuple[dict[str, int], list[str]]:
    """Field → column; the headers nothing matches; InputError when no name column."""
    found: dict[str, int] = {}
    ignored = []
    for index, text in enumerate(header):
        key = _match(text)
        if key is None or key in found:
            if text.strip():
                ignored.append(text.strip())
            continue
        found[key] = index
    if "name" not in found:
        raise InputError(f"Строка {row_number}: в заголовке нет столбца с названием "
                         "организации — например, «Наименование ОО», «Полное наименование» "
                         "или «Организация».")
    return found, ignored


def _match(text: str) -> str | None:
    """The field of a header: the whole text, else its lower part («Контактное лицо ФИО»)."""
    key = name_key(text).rstrip("*").strip()
    if key in _HEADERS:
        return _HEADERS[key]
    words = key.split()
    for start in range(1, len(words)):
        tail = " ".join(words[start:])
        if tail in _HEADERS:
            return _HEADERS[tail]
    return None


def merged_ranges(data: bytes) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column), 1-based, of the first sheet's merges."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheet = _first_sheet_path(book)
        xml = book.read(sheet) if sheet in book.namelist() else b""
    return [(int(r1), _column(c1), int(r2), _column(c2))
            for c1, r1, c2, r2 in _MERGE.findall(xml)]


def _first_sheet_path(book: zipfile.ZipFile) -> str:
    workbook = book.read("xl/workbook.xml")
    rid = re.search(rb'<sheet\b[^>]*\br:id="([^"]+)"', workbook)
    rels = book.read("xl/_rels/workbook.xml.rels")
    if rid:
        for rel in re.finditer(rb"<Relationship\b[^>]*>", rels):
            if f'Id="{rid[1].decode()}"'.encode() in rel[0]:
                target = re.search(rb'Target="([^"]+)"', rel[0])[1].decode()
                return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return "xl/worksheets/sheet1.xml"


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters.decode():
        number = number * 26 + ord(letter) - 64
    return number


def fill_merged(rows: list[tuple[int, list[Cell]]],
                merged: list[tuple[int, int, int, int]]) -> None:
    """Every cell of a merged range gets the range's value (Excel keeps it in the first)."""
    by_number = {number: cells for number, cells in rows}
    for top, left, bottom, right in merged:
        first = by_number.get(top) or []
        value = first[left - 1] if left <= len(first) else None
        for number in range(top, bottom + 1):
            cells = by_number.get(number)
            if cells is None:
                continue
            while len(cells) < right:
                cells.append(None)
            for column in range(left, right + 1):
                cells[column - 1] = value


def read_source(source: str | Path | bytes) -> tuple[bytes, str]:
    """The file's bytes and its name for messages."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise InputError(f"Файл «{source}» не найден.")
        return path.read_bytes(), path.name
    return source, ""
