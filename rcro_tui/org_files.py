"""Writing an organisation list as a file Excel opens: CSV (UTF-8 with BOM, «;») or XLSX."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from rcro_tui.exports.records import records_csv


def table_csv(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    return records_csv([dict(zip(headers, row)) for row in rows], headers)


def table_xlsx(headers: Sequence[str], rows: Sequence[Sequence[Any]],
               title: str = "Организации") -> bytes:
    """One sheet, a bold frozen header, columns wide enough for names; text cells stay text
    (an INN is not turned into a number)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers):
        letter = chr(ord("A") + index)
        sheet.column_dimensions[letter].width = 60 if index == 0 else 20
    from openpyxl.cell import WriteOnlyCell

    bold = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = Font(bold=True)
        bold.append(cell)
    sheet.append(bold)
    for row in rows:
        sheet.append(["" if value is None else str(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
