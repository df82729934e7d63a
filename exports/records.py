"""Lists of records as JSON for scripts and as CSV the way Excel in a Russian office opens it.

Pure functions from dicts to bytes: the CLI writes them, the published folder can too.
Excel in the ru-RU locale splits CSV on `;` and reads UTF-8 only after a BOM; lines end in CRLF.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with these is a formula to Excel («CSV injection»): such text gets a leading «'»."""


def records_json(records: Sequence[Mapping[str, Any]]) -> bytes:
    """UTF-8 JSON, Cyrillic as it is (not \\u escapes), indented, ending with a newline."""
    return (json.dumps(list(records), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def records_csv(records: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> bytes:
    """UTF-8 with BOM, `;` between fields, CRLF; the header is `columns`, also with no records.
    Each line is encoded as it is written: a country's calendar as one Python string, then
    encoded, held 200 MB for a 25 MB file."""
    lines = [BOM.encode("utf-8")]
    writer = csv.writer(_Encoding(lines), delimiter=";", lineterminator="\r\n",
                        quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for record in records:
        writer.writerow([csv_cell(record.get(column)) for column in columns])
    return b"".join(lines)


class _Encoding:
    """What `csv.writer` writes to: each line appended to `lines` in UTF-8."""

    def __init__(self, lines: list[bytes]) -> None:
        self.lines = lines

    def write(self, line: str) -> None:
        self.lines.append(line.encode("utf-8"))


def csv_cell(value: Any) -> str:
    """One value as Excel should show it: booleans as 1/0, nothing as empty, text safe to open."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    text = str(value)
    if not isinstance(value, (int, float)) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text
