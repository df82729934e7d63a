"""Reading an iCalendar file into components of content lines, each knowing its line number.

icalendar parses content lines one character at a time (about 7 s for 10 000 events on our
server) and forgets where each line was, yet every import error must name its line. So the
lines are unfolded and split here with regular expressions, keeping the physical line number;
icalendar is still used for what it does well (VTIMEZONE blocks, time-zone names, durations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rcro_tui.errors import InputError
from rcro_tui.db.import_problems import Problems

_NAME = re.compile(r"[A-Za-z0-9-]+")
_PARAM = re.compile(r';([A-Za-z0-9-]+)=((?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)')
_NOT_ICS_HINTS = ((b"PK\x03\x04", "это архив или таблица Excel (.xlsx)"),
                  (b"%PDF", "это документ PDF"),
                  (b"\xd0\xcf\x11\xe0", "это документ Microsoft Office старого формата"))


@dataclass(frozen=True)
class ContentLine:
    """One unfolded `NAME;PARAM=…:value` line; `line` is where it starts in the file (from 1)."""

    line: int
    name: str
    params: dict[str, str]
    value: str


@dataclass
class Component:
    """A BEGIN…END block with its own properties (by upper-case name) and sub-components."""

    name: str
    line: int
    properties: dict[str, list[ContentLine]] = field(default_factory=dict)
    children: list["Component"] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)
    """Unfolded lines of the block itself, kept only for VTIMEZONE (icalendar reads those)."""

    def first(self, name: str) -> ContentLine | None:
        found = self.properties.get(name)
        return found[0] if found else None

    def all(self, name: str) -> list[ContentLine]:
        return self.properties.get(name, [])

    def walk(self, name: str) -> list["Component"]:
        """Every component of that name inside this one, in file order."""
        found = []
        for child in self.children:
            if child.name == name:
                found.append(child)
            found.extend(child.walk(name))
        return found


def refuse_binary(data: bytes) -> None:
    """A clear message for a spreadsheet, PDF or Word file given instead of a calendar."""
    for magic, what in _NOT_ICS_HINTS:
        if data.startswith(magic):
            raise InputError(f"Файл не похож на календарь iCalendar: {what}. Ожидается файл "
                             ".ics, который начинается строкой BEGIN:VCALENDAR.")


def refuse_non_calendar(first_line: str) -> None:
    """A text file that is not iCalendar (a CSV, a letter…): say so, not list every line."""
    if first_line.strip().upper() != "BEGIN:VCALENDAR":
        shown = first_line.strip()[:60] or "(пустой файл)"
        raise InputError(f"Файл не похож на календарь iCalendar: первая строка — «{shown}», а "
                         "ожидается BEGIN:VCALENDAR. Выгрузите календарь в формате .ics.")


def unfold(data: bytes, problems: Problems) -> list[tuple[int, str]]:
    """Logical lines with the number of the physical line each starts on; blank lines dropped.

    Lines are unfolded as bytes, before decoding: generators that fold at 75 characters
    instead of octets split a Cyrillic letter in two, and only the joined bytes are UTF-8.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    pieces: list[tuple[int, list[bytes]]] = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        line = line.rstrip(b"\r")
        if line[:1] in (b" ", b"\t"):
            if not pieces:
                problems.add(f"Строка {number}: строка-продолжение (с пробела в начале) "
                             "стоит до первой строки файла.", number)
                continue
            pieces[-1][1].append(line[1:])
        elif line.strip():
            pieces.append((number, [line]))
    return [(number, _decoded(number, b"".join(parts), problems)) for number, parts in pieces]


def _decoded(number: int, raw: bytes, problems: Problems) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        problems.add(f"Строка {number}: байты не в кодировке UTF-8 — сохраните файл календаря "
                     "в UTF-8 (так его пишут все календари).", number)
        return raw.decode("utf-8", errors="replace")


def split_line(number: int, text: str) -> ContentLine | None:
    """`NAME;P=V:value` into its parts, or None when the line is not a content line."""
    match = _NAME.match(text)
    if not match:
        return None
    params: dict[str, str] = {}
    position = match.end()
    while position < len(text) and text[position] == ";":
        param = _PARAM.match(text, position)
        if not param:
            return None
        value = param[2]
        quoted = len(value) > 1 and value[0] == value[-1] == '"'
        params[param[1].upper()] = value[1:-1] if quoted else value
        position = param.end()
    if position >= len(text) or text[position] != ":":
        return None
    return ContentLine(number, match[0].upper(), params, text[position + 1:])


def parse_components(data: bytes, problems: Problems) -> Component:
    """The file as a tree under a root; broken lines and unbalanced blocks go to `problems`."""
    refuse_binary(data)
    lines = unfold(data, problems)
    refuse_non_calendar(lines[0][1] if lines else "")
    root = Component("ROOT", 0)
    stack = [root]
    for number, raw in lines:
        content = split_line(number, raw)
        if content is None:
            shown = raw if len(raw) <= 60 else raw[:60] + "…"
            problems.add(f"Строка {number}: «{shown}» — не строка iCalendar (ожидается "
                         "ИМЯ:значение); возможно, длинную строку перенесли без пробела в "
                         "начале продолжения.", number)
            continue
        keeper = _vtimezone(stack)  # an END line belongs to the block it closes
        if content.name == "BEGIN":
            block = Component(content.value.strip().upper(), number)
            stack[-1].children.append(block)
            stack.append(block)
            keeper = _vtimezone(stack)
        elif content.name == "END":
            name = content.value.strip().upper()
            if len(stack) == 1 or stack[-1].name != name:
                problems.add(f"Строка {number}: END:{name} без соответствующего "
                             f"BEGIN:{name}.", number)
                continue
            stack.pop()
        elif len(stack) == 1:
            problems.add(f"Строка {number}: свойство {content.name} вне блока "
                         "BEGIN:VCALENDAR … END:VCALENDAR.", number)
        else:
            stack[-1].properties.setdefault(content.name, []).append(content)
        if keeper is not None:
            keeper.raw.append(raw)
    for block in stack[1:]:
        problems.add(f"Строка {block.line}: блок BEGIN:{block.name} не закрыт — нет "
                     f"END:{block.name} (файл обрезан?).", block.line)
    return root


def _vtimezone(stack: list[Component]) -> Component | None:
    """The VTIMEZONE block being read, if any: its lines are kept whole for icalendar."""
    for block in stack:
        if block.name == "VTIMEZONE":
            return block
    return None
