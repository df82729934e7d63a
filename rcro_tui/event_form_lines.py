"""The editor's text formats (agenda and audience lines, grades, counts, dates, repeats).

Each `parse_*` returns the value or raises `LineProblem` with a Russian sentence; each
`*_text` writes the value back in the same format, so a stored event opens in the editor
exactly as a coordinator would have typed it. Pure Python: no textual, no database.
"""

from __future__ import annotations

import re
from datetime import date

from rcro_tui.db.events import AgendaPart, AudienceSegment
from rcro_tui.errors import InputError
from rcro_tui.i18n import date_short
from rcro_tui.model import Attendance
from rcro_tui.recurrence import MAX_OCCURRENCES, Frequency, Recurrence
from rcro_tui.rules import parse_date

REMOTE_MARK = "(дист.)"
AGENDA_HINT = ("Один такт в строке: «14:00–15:30 Пленарная часть»; время можно не писать; "
               "«(дист.)» в конце — такт для дистанционных участников.")
AUDIENCE_HINT = ("Одна группа в строке: «Педагоги школ-участников; очно; такты 1–2; примечание». "
                 "Участие: очно, дистанционно или «очно или дистанционно»; такты и примечание "
                 "можно не писать.")
GRADES_HINT = "Например 7–8 или 8 (классы от 1 до 11)."
EXDATES_HINT = "Даты через пробел или запятую: 04.11.2026 02.01.2027."

_TIME_START = re.compile(r"^\s*\d{1,2}[:.]\d{2}")
_AGENDA_LINE = re.compile(
    r"^\s*(?P<start>\d{1,2}[:.]\d{2})(?:\s*[–—-]\s*(?P<end>\d{1,2}[:.]\d{2}))?\s*(?P<title>.*?)\s*$")
_GRADES = re.compile(r"^\s*(\d{1,2})(?:\s*[–—-]\s*(\d{1,2}))?\s*(?:кл(?:асс(?:ы|а|ов)?)?\.?)?\s*$",
                     re.IGNORECASE)
_PARTS = re.compile(r"^такт(?:ы|а)?\s+(?P<parts>\d+(?:\s*[–—,-]\s*\d+)*)$", re.IGNORECASE)


class LineProblem(ValueError):
    """One value of the form cannot be read; `message` is the Russian sentence to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_clock(text: str) -> str:
    """«9.30» or «09:30» as «09:30»; LineProblem for 25:00 or 14:75."""
    match = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise LineProblem(f"«{text.strip()}» — нет такого времени; ожидается ЧЧ:ММ от 00:00 "
                          "до 23:59, например 14:00.")
    return f"{int(match[1]):02d}:{match[2]}"


def parse_day(text: str) -> date:
    """A date typed as 19.04.2022; LineProblem saying what is wrong (31.02 included)."""
    try:
        return parse_date(text.strip())
    except InputError as error:
        if "нет в календаре" in error.message:
            raise LineProblem(f"«{text.strip()}» — такой даты нет в календаре.") from None
        raise LineProblem(f"«{text.strip()}» — не дата; ожидается ДД.ММ.ГГГГ, "
                          "например 19.04.2022.") from None


def parse_agenda(text: str) -> tuple[AgendaPart, ...]:
    """One part per non-empty line; LineProblem names the line number and what is wrong."""
    parts = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                parts.append(_agenda_part(line))
            except LineProblem as problem:
                raise LineProblem(f"строка {number}: {problem.message}") from None
    return tuple(parts)


def _agenda_part(line: str) -> AgendaPart:
    body = line.strip()
    remote = body.endswith(REMOTE_MARK)
    if remote:
        body = body[: -len(REMOTE_MARK)].rstrip()
    if not _TIME_START.match(body):
        return AgendaPart(title=body, remote=remote)
    match = _AGENDA_LINE.match(body)
    if match is None:
        raise LineProblem(f"«{line.strip()}» — ожидается «14:00–15:30 Название такта».")
    start = parse_clock(match["start"])
    end = parse_clock(match["end"]) if match["end"] else None
    if not match["title"]:
        raise LineProblem(f"«{line.strip()}» — после времени нужно название такта.")
    if end is not None and end < start:
        raise LineProblem(f"«{line.strip()}» — такт заканчивается ({end}) раньше, чем "
                          f"начинается ({start}).")
    return AgendaPart(title=match["title"], start_time=start, end_time=end, remote=remote)


def agenda_text(parts: tuple[AgendaPart, ...] | list[AgendaPart]) -> str:
    """The agenda as the editor shows it, one «14:00–15:30 Название (дист.)» per line."""
    lines = []
    for part in parts:
        times = "–".join(t for t in (part.start_time, part.end_time) if t)
        line = f"{times} {part.title}" if times else part.title
        lines.append(f"{line} {REMOTE_MARK}" if part.remote else line)
    return "\n".join(lines)


def parse_audience(text: str, agenda_size: int) -> tuple[AudienceSegment, ...]:
    """One segment per non-empty line: «кто; участие; такты 1–2; примечание»."""
    segments = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                segments.append(_segment(line, agenda_size))
            except LineProblem as problem:
                raise LineProblem(f"строка {number}: {problem.message}") from None
    return tuple(segments)


def _segment(line: str, agenda_size: int) -> AudienceSegment:
    pieces = [piece.strip() for piece in line.split(";")]
    who, rest = pieces[0], pieces[1:]
    if not who:
        raise LineProblem(f"«{line.strip()}» — сначала напишите, кто приглашён.")
    attendance = Attendance.IN_PERSON
    if rest and rest[0]:
        attendance = attendance_of(rest[0])
    parts = ""
    if len(rest) > 1 and (match := _PARTS.match(rest[1])):
        parts = re.sub(r"\s*[–—-]\s*", "–", match["parts"])
        _check_parts(parts, agenda_size)
        rest = rest[:1] + rest[2:]
    note = "; ".join(piece for piece in rest[1:] if piece)
    return AudienceSegment(who=who, attendance=attendance, parts=parts, note=note)


def attendance_of(text: str) -> Attendance:
    key = text.strip().lower().replace("ё", "е")
    for member in Attendance:
        if key in (member.value, member.label):
            return member
    labels = ", ".join(f"«{member.label}»" for member in Attendance)
    raise LineProblem(f"«{text.strip()}» — участие бывает {labels}.")


def _check_parts(parts: str, agenda_size: int) -> None:
    numbers = [int(n) for n in re.findall(r"\d+", parts)]
    wrong = [n for n in numbers if n < 1 or (agenda_size and n > agenda_size)]
    if wrong:
        raise LineProblem(f"такт {wrong[0]} — в программе "
                          f"{'тактов нет' if not agenda_size else f'такты с 1 по {agenda_size}'}.")


def audience_text(segments: tuple[AudienceSegment, ...] | list[AudienceSegment]) -> str:
    lines = []
    for segment in segments:
        pieces = [segment.who, Attendance(segment.attendance).label]
        if segment.parts:
            pieces.append(f"такты {segment.parts}")
        if segment.note:
            pieces.append(segment.note)
        lines.append("; ".join(pieces))
    return "\n".join(lines)


def parse_grades(text: str) -> tuple[int, int] | None:
    """«7–8», «7-8», «8», «7–8 классы» as (from, to); None when empty."""
    if not text.strip():
        return None
    match = _GRADES.match(text)
    if match is None:
        raise LineProblem(f"«{text.strip()}» — ожидается вид 7–8 или 8.")
    low = int(match[1])
    high = int(match[2]) if match[2] else low
    if not 1 <= low <= 11 or not 1 <= high <= 11:
        raise LineProblem(f"«{text.strip()}» — классы бывают с 1 по 11.")
    if high < low:
        raise LineProblem(f"«{text.strip()}» — сначала младший класс, потом старший: "
                          f"{high}–{low}.")
    return low, high


def grades_text(grades: tuple[int, int] | None) -> str:
    if grades is None:
        return ""
    return str(grades[0]) if grades[0] == grades[1] else f"{grades[0]}–{grades[1]}"


def parse_count(text: str) -> int | None:
    """A number of participants, organisations or views: a whole number ≥ 0, or empty."""
    value = text.strip().replace(" ", "").replace("\u00a0", "")
    if not value:
        return None
    if re.fullmatch(r"-\d+", value):
        raise LineProblem(f"«{text.strip()}» — число не может быть отрицательным.")
    if not value.isdigit():
        raise LineProblem(f"«{text.strip()}» — ожидается целое число, например 62.")
    return int(value)


def count_text(value: int | None) -> str:
    return "" if value is None else str(value)


def parse_days(text: str) -> tuple[date, ...]:
    """Dates separated by spaces, commas or semicolons (the days a series skips)."""
    return tuple(parse_day(item) for item in re.split(r"[\s,;]+", text.strip()) if item)


def days_text(days: tuple[date, ...]) -> str:
    return " ".join(date_short(day) for day in sorted(set(days)))


class FieldReader:
    """Reads fields one by one, collecting a message per field instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: dict[str, str] = {}

    def read(self, name: str, parse, text: str):
        """`parse(text)`, or None with the problem recorded under `name`."""
        try:
            return parse(text)
        except LineProblem as problem:
            self.problems[name] = _sentence(problem.message)
            return None

    def add(self, name: str, message: str) -> None:
        self.problems.setdefault(name, _sentence(message))

    def ok(self, *names: str) -> bool:
        return not any(name in self.problems for name in names)


def _sentence(text: str) -> str:
    """Messages start with a capital letter (they stand alone under a field)."""
    return text[:1].upper() + text[1:] if text else text


def read_recurrence(r: FieldReader, *, repeat: str, interval: str, until: str, count: str,
                    exdates: str, first: date | None) -> Recurrence | None:
    """The repeat fields as a Recurrence (None for «нет»); problems go to `r`."""
    key = repeat.strip().lower()
    if key in ("", "нет", "не повторяется"):
        return None
    freq = next((f for f in Frequency if key in (f.value.lower(), f.label)), None)
    if freq is None:
        r.add("repeat", f"«{repeat}» — можно: еженедельно, ежемесячно, ежегодно.")
    every = r.read("interval", lambda t: _whole(t or "1", 1, 52), interval)
    last = r.read("until", parse_day, until) if until.strip() else None
    times = (r.read("count", lambda t: _whole(t, 1, MAX_OCCURRENCES), count)
             if count.strip() else None)
    skipped = r.read("exdates", parse_days, exdates) or ()
    if last is not None and first is not None and last < first:
        r.add("until", f"Повторение заканчивается ({date_short(last)}) раньше первого раза "
                       f"({date_short(first)}).")
    if last is not None and times is not None:
        r.add("count", "Укажите либо «Повторять до», либо число повторов, не оба.")
    if freq is None or every is None or not r.ok("until", "count", "exdates"):
        return None
    return Recurrence(freq=freq, interval=every, until=last, count=times, exdates=skipped)


def _whole(text: str, low: int, high: int) -> int:
    value = text.strip()
    if not value.isdigit() or not low <= int(value) <= high:
        raise LineProblem(f"«{value}» — ожидается целое число от {low} до {high}.")
    return int(value)
