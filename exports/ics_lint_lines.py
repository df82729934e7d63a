"""The linter's first pass: bytes into content lines, checking what only raw bytes show —
line ends (rule 3), 75-octet lines and folds inside a letter (rule 7), control characters
(rule 8)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

Report = Callable[[int, int, str], None]
LIMIT = 75
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_NAME = re.compile(r"^[A-Za-z0-9-]+")


@dataclass
class Line:
    """One unfolded content line: its name, parameters, value and first physical line."""

    number: int
    name: str
    params: dict[str, str] = field(default_factory=dict)
    value: str = ""


def unfold(data: bytes, report: Report) -> list[Line]:
    """Content lines of the file; problems of the raw text go to `report`."""
    if data.startswith(b"\xef\xbb\xbf"):
        report(1, 3, "файл начинается с метки BOM: часть клиентов не узнаёт BEGIN:VCALENDAR.")
        data = data[3:]
    physical = _physical_lines(data, report)
    logical: list[tuple[int, bytes]] = []
    for number, raw in physical:
        if raw[:1] in (b" ", b"\t") and logical:
            start, text = logical[-1]
            logical[-1] = (start, text + raw[1:])
        elif raw:
            logical.append((number, raw))
    return [line for number, raw in logical if (line := _content_line(number, raw, report))]


def _physical_lines(data: bytes, report: Report) -> list[tuple[int, bytes]]:
    bare = data.replace(b"\r\n", b"").count(b"\n")
    if bare:
        first = data.split(b"\n").index(next(x for x in data.split(b"\n") if not x.endswith(b"\r")))
        report(first + 1, 3, f"строки кончаются на LF без CR ({bare}): нужен CRLF, "
                             "иначе Nextcloud и другие отбрасывают ленту.")
    if data and not data.endswith(b"\n"):
        report(0, 3, "последняя строка не кончается переводом строки CRLF.")
    lines = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.removesuffix(b"\r")
        if len(raw) > LIMIT:
            report(number, 7, f"строка длиной {len(raw)} байт: длиннее 75 октетов её надо "
                              "переносить (folding).")
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            report(number, 7, "строка не читается как UTF-8: перенос разрезал букву "
                              "посередине или файл не в UTF-8.")
        lines.append((number, raw))
    return lines


def _content_line(number: int, raw: bytes, report: Report) -> Line | None:
    text = raw.decode("utf-8", errors="replace")
    if _CONTROL.search(text.replace("\t", " ")):
        report(number, 8, "в значении управляющий символ: часть клиентов отбрасывает всю "
                          "ленту; уберите его.")
    name_match = _NAME.match(text)
    if not name_match:
        report(number, 3, f"не строка iCalendar: «{text[:40]}».")
        return None
    name = name_match.group(0).upper()
    rest = text[name_match.end():]
    params, value = _split_params(rest)
    if value is None:
        report(number, 3, f"у свойства {name} нет двоеточия перед значением.")
        return None
    return Line(number, name, params, value)


def _split_params(rest: str) -> tuple[dict[str, str], str | None]:
    """`;A=1;B="x:y":value` → ({A: 1, B: x:y}, value); quotes may hold `:` and `;`."""
    params: dict[str, str] = {}
    i = 0
    while i < len(rest) and rest[i] == ";":
        j = rest.find("=", i)
        if j < 0:
            return params, None
        key = rest[i + 1:j].upper()
        k = j + 1
        if rest[k:k + 1] == '"':
            end = rest.find('"', k + 1)
            if end < 0:
                return params, None
            params[key], i = rest[k + 1:end], end + 1
        else:
            end = k
            while end < len(rest) and rest[end] not in ";:":
                end += 1
            params[key], i = rest[k:end], end
    if i >= len(rest) or rest[i] != ":":
        return params, None
    return params, rest[i + 1:]
