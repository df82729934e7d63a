"""A table as an Excel workbook: the title above, the header row frozen, columns as wide as
their content, dates as real dates (ДД.ММ.ГГГГ) and numbers as numbers, groups as headed rows.

The bytes are stable: the workbook's created/modified stamps and every zip member's time are
the day it was made, so the published folder does not rewrite an unchanged table (openpyxl
would stamp the current second into each).
"""

from __future__ import annotations

import io
from copy import copy
import re
import zipfile
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from rcro_tui.i18n import date_long
from rcro_tui.db.tables import DATE, DELTA, NUMBER, Printable
from rcro_tui.exports.table_html import ISSUER, natural_widths

DATE_FORMAT = "DD.MM.YYYY"
DELTA_FORMAT = "+0;−0;0"
HEADER_ROW = 4
"""Title, subtitle and «Сформировано …» above; the header on row 4, frozen with all above."""
_DAY = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")
_NUMBER = re.compile(r"^[+−-]?\d+([.,]\d+)?$")
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")
WIDTH_CAP = 60


def typed(cell: str, kind: str) -> object:
    """The value Excel should hold: a date, an int or float, None for empty, else the text."""
    if cell == "":
        return None
    if kind == DATE and (match := _DAY.match(cell)):
        return date(int(match[3]), int(match[2]), int(match[1]))
    if kind in (NUMBER, DELTA) and _NUMBER.match(cell):
        number = float(cell.replace("−", "-").replace(",", "."))
        return int(number) if number.is_integer() else number
    return cell


def sheet_title(title: str) -> str:
    """Excel's sheet name: at most 31 characters, none of []:*?/\\ ."""
    return _BAD_SHEET.sub(" ", title)[:31].strip() or "Таблица"


def table_xlsx(printable: Printable, made: date) -> bytes:
    """The workbook's bytes (stable for the same table and day)."""
    book = Workbook()
    sheet = book.active
    view = printable.view
    sheet.title = sheet_title(printable.name)
    sheet["A1"] = view.title
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = printable.subtitle or None
    sheet["A3"] = f"{ISSUER}. Сформировано {date_long(made)}"
    sheet["A3"].font = Font(italic=True, color="555555")
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DFE6EE")
    for index, column in enumerate(view.columns, start=1):
        cell = sheet.cell(HEADER_ROW, index, column)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    _rows(sheet, printable)
    for index, width in enumerate(natural_widths(printable), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, WIDTH_CAP)
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if len(view.columns) > 5 else "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    stamp = datetime(made.year, made.month, made.day)
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = book.properties.lastModifiedBy = "rcro-tui"
    out = io.BytesIO()
    book.save(out)
    return stable_zip(out.getvalue(), stamp)


def _rows(sheet, printable: Printable) -> None:
    """The table's rows under its header. Each cell's style is copied from a styled template
    cell (`_style`, a small array): assigning a style object hashes it anew for every cell,
    which took most of a year's calendar at 20 000 events (about 0.2 s a table)."""
    row_number = HEADER_ROW + 1
    templates = _style_templates(sheet)
    for heading, rows in printable.sections():
        if heading:
            sheet.cell(row_number, 1, heading).font = Font(bold=True)
            row_number += 1
        for row in rows:
            for index, (cell, kind) in enumerate(zip(row, printable.kinds), start=1):
                target = sheet.cell(row_number, index, typed(cell, kind))
                if isinstance(target.value, str) and target.value.startswith("="):
                    target.data_type = "s"  # text, never a formula («CSV injection»)
                if kind == DATE and isinstance(target.value, date):
                    target._style = copy(templates["date"])
                elif kind == DELTA:
                    target._style = copy(templates["delta"])
                else:
                    target._style = copy(templates["wrap"])
            row_number += 1
    if not printable.view.rows:
        sheet.cell(row_number, 1, printable.view.empty)


def _style_templates(sheet) -> dict[str, object]:
    """Style arrays for date, change and wrapped text cells, made once on a scratch cell."""
    scratch = sheet.cell(1, 200)
    templates = {}
    for name, (number_format, alignment) in {
            "date": (DATE_FORMAT, None), "delta": (DELTA_FORMAT, None),
            "wrap": (None, Alignment(wrap_text=True, vertical="top"))}.items():
        scratch._style = copy(sheet.cell(1, 201)._style)
        if number_format:
            scratch.number_format = number_format
        if alignment:
            scratch.alignment = alignment
        templates[name] = copy(scratch._style)
    for column in (200, 201):
        del sheet._cells[(1, column)]
    return templates


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def stable_zip(data: bytes, stamp: datetime) -> bytes:
    """The same zip with every member dated `stamp`, and the workbook's «modified» too
    (openpyxl sets it to the moment of saving): equal tables give equal bytes."""
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, stamp.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + when + rb"\g<2>", content)
            target.writestr(member, content)
    return out.getvalue()
