"""One table in any format, as bytes: text (tabulate), printable HTML, XLSX and Excel's CSV.

The screen's export, `rcro-tui table` and the published folder all call `table_bytes`.
Text and CSV carry no date of making, so they are the same bytes for the same rows; HTML
and XLSX say the day they were made (`made`).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from rcro_tui.errors import UserError
from rcro_tui.db.tables import DELTA, Printable
from rcro_tui.db.views import TableView
from rcro_tui.exports.records import records_csv
from rcro_tui.exports.table_html import table_html
from rcro_tui.exports.table_xlsx import table_xlsx, typed
from rcro_tui.exports.text import render

TEXT_FORMATS = ("plain", "grid", "markdown")
FORMATS = ("html", "xlsx", "csv", *TEXT_FORMATS)
SUFFIXES = {"html": ".html", "xlsx": ".xlsx", "csv": ".csv", "plain": ".txt", "grid": ".txt",
            "markdown": ".md"}
FORMAT_LABELS = {"html": "HTML для печати (A4)", "xlsx": "Excel (XLSX)",
                 "csv": "CSV для Excel (;, UTF-8)", "plain": "Текст", "grid": "Текст с рамками",
                 "markdown": "Markdown"}


def table_text(printable: Printable, fmt: str = "plain") -> str:
    """The title, the subtitle, then each group under its heading (one table when none)."""
    view = printable.view
    head = view.title + (f"\n{printable.subtitle}" if printable.subtitle else "")
    if not view.rows or not printable.groups:
        body = render(TableView(head, view.columns, list(view.rows), empty=view.empty), fmt)
        return body
    blocks = [head + "\n"]
    for heading, rows in printable.sections():
        title = f"## {heading}" if fmt == "markdown" else heading
        blocks.append(render(TableView(title, view.columns, rows), fmt))
    return "\n".join(blocks)


def table_csv(printable: Printable) -> bytes:
    """Excel's CSV; groups named by `group_label` become the first column («Месяц»), changes
    are plain signed numbers (Excel would take «+3» for a formula; the guard would quote it).
    The records are made as they are written (a country's calendar: 100 000 rows)."""
    columns = printable.view.columns
    grouped = bool(printable.groups and printable.group_label)
    header = (printable.group_label, *columns) if grouped else columns
    return records_csv(_csv_records(printable, grouped), header)


def _csv_records(printable: Printable, grouped: bool) -> Iterator[dict[str, object]]:
    columns = printable.view.columns
    for heading, rows in printable.sections():
        for row in rows:
            record = {column: typed(cell, kind) if kind == DELTA else cell
                      for column, cell, kind in zip(columns, row, printable.kinds)}
            if grouped:
                record[printable.group_label] = heading
            yield record


def table_bytes(printable: Printable, fmt: str, *, made: date, back: str = "") -> bytes:
    """The table in `fmt` (one of FORMATS)."""
    if fmt == "html":
        return table_html(printable, made, back=back)
    if fmt == "xlsx":
        return table_xlsx(printable, made)
    if fmt == "csv":
        return table_csv(printable)
    if fmt in TEXT_FORMATS:
        return table_text(printable, fmt).encode("utf-8")
    raise ValueError(f"unknown table format {fmt!r}")


class SaveError(UserError):
    """The table could not be saved; the message says where and why, in Russian."""


def save_table(path: Path, data: bytes) -> Path:
    """Write `data` to `path` whole (a temporary file renamed over it): a failed save leaves
    the previous file as it was. Russian errors for a missing folder, rights, a full disk."""
    if path.is_dir():
        raise SaveError(f"«{path}» — папка; укажите имя файла.")
    if not path.parent.is_dir():
        raise SaveError(f"Не удалось сохранить таблицу: папки «{path.parent}» нет.")
    temporary = path.parent / f".{path.name}.{os.getpid()}.tmp"
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise SaveError(f"Не удалось сохранить таблицу в «{path}»: {_reason(error)}.") from error
    return path


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "на диске нет места"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "нет прав на запись"
    return error.strerror or str(error)


def default_file(printable: Printable, fmt: str) -> str:
    """«calendar.html», «protocol.xlsx»: the file name offered for a table."""
    return f"{printable.name}{SUFFIXES[fmt]}"
