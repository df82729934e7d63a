"""Importing events from a spreadsheet: CSV as Excel saves it, or the first sheet of an .xlsx.

Coordinators hand over tables saved by Russian Excel: Windows-1251 or UTF-8 (with or without
BOM), `;` between cells (sometimes `,` or a tab). The first non-empty row holds the headers
(«Название», «Дата начала»… in any order, any case); rows are numbered as Excel shows them,
so «Строка 5» in a message is row 5 on the screen.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.db.import_apply import apply_items
from rcro_tui.db.import_cells import Cell, is_blank
from rcro_tui.db.import_problems import ImportReport, Problems
from rcro_tui.db.import_rows import References, RowReader, map_headers

XLSX_MAGIC = b"PK\x03\x04"
_DELIMITERS = (";", "\t", ",")


def import_table(db: Database, source: str | Path | bytes, *, user: str, source_name: str = "",
                 dry_run: bool = False) -> ImportReport:
    """Add or update the table's events (by the «UID» column, or title and start) all or nothing."""
    if isinstance(source, (str, Path)):
        source_name = source_name or Path(source).name
        data = Path(source).read_bytes()
    else:
        data = source
    rows = read_xlsx(data) if data.startswith(XLSX_MAGIC) else read_csv(data)
    rows = [(number, cells) for number, cells in rows if not all(is_blank(c) for c in cells)]
    if not rows:
        raise InputError(f"Таблица «{source_name}» пуста: нет ни заголовков, ни строк.")
    (header_row, header), body = rows[0], rows[1:]
    columns, ignored = map_headers(header, header_row)
    reader = RowReader(columns, header, References(db), seen={})
    problems = Problems()
    items = []
    for number, cells in body:
        item = reader.read(number, cells, lambda message, n=number: problems.add(message, n))
        if item is not None:
            items.append(item)
    problems.raise_if_any(source_name)
    report = apply_items(db, items, user=user, source_name=source_name, dry_run=dry_run)
    report.ignored_columns = ignored
    return report


def decode_csv(data: bytes) -> str:
    """UTF-8 (BOM or not) when the bytes are valid UTF-8, else Windows-1251 (Russian Excel)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise InputError(f"Строка {line}: байты не в кодировке UTF-8 и не в Windows-1251 — "
                         "сохраните таблицу из Excel как «CSV UTF-8» или как .xlsx.") from None


def sniff_delimiter(text: str) -> str:
    """The separator of the header line: whichever of `;`, tab, `,` it has most (`;` on ties)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: header.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: (counts[d], -_DELIMITERS.index(d)))
    return best if counts[best] else ";"


def read_csv(data: bytes) -> list[tuple[int, list[Cell]]]:
    """(row number, cells) for every record; a quoted cell may span lines, as Excel writes it."""
    text = decode_csv(data)
    if "\x00" in text:
        raise InputError("Файл не похож на таблицу CSV (в нём двоичные данные): ожидается "
                         ".csv, сохранённый из Excel, или .xlsx.")
    first, _, rest = text.partition("\n")
    if re.fullmatch(r"sep=(.)\r?", first, re.IGNORECASE):  # Excel's own separator hint
        delimiter, text = first[4], rest
    else:
        delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(number, row) for number, row in enumerate(reader, start=1)]
    except csv.Error as error:
        raise InputError(f"Строка {reader.line_num}: таблица CSV повреждена ({error}) — "
                         "проверьте кавычки в этой строке.") from None


def read_xlsx(data: bytes) -> list[tuple[int, list[Cell]]]:
    """(row number, cell values) of the first sheet; dates and times stay dates and times."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise InputError("Файл не читается как таблица Excel (.xlsx): он повреждён или это "
                         "другой формат. Откройте его в Excel и сохраните как .xlsx.") from None
    try:
        sheet = book.worksheets[0]
        return [(number, list(values)) for number, values in
                enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)]
    finally:
        book.close()
