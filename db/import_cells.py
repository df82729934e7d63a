"""Cells of a spreadsheet as event values: dates, times, yes/no, grades and Russian labels.

A cell is whatever the file gives: text from a CSV, or a date, time, number or boolean from an
Excel sheet. Each reader raises InputError whose message starts with `where` («Строка 5,
столбец «Дата начала»»), so the importer can list it as it is.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from rcro_tui.errors import InputError
from rcro_tui.model import EventFormat, EventStatus, Labelled, Visibility
from rcro_tui.rules import parse_date, parse_time

Cell = Any
"""str | int | float | bool | date | datetime | time | None."""

_GRADES = re.compile(r"^\s*(\d{1,2})\s*(?:[-–—]\s*(\d{1,2}))?\s*(?:класс\w*|кл\.?)?\s*$",
                     re.IGNORECASE)
_DATE_AND_TIME = re.compile(r"^\s*(\S+)\s+(\d{1,2}[:.]\d{2})(?:[:.]\d{2})?\s*$")
_SECONDS = re.compile(r"^\s*(\d{1,2}[:.]\d{2})[:.]\d{2}\s*$")
_QUOTES = re.compile(r"[«»\"“”„'’]")
_YES = {"да", "+", "1", "x", "х", "✓", "истина", "true", "yes", "весь день"}
_NO = {"нет", "-", "0", "ложь", "false", "no"}
SYNONYMS: dict[type[Labelled], dict[str, str]] = {
    EventFormat: {"очно": "in_person", "очная": "in_person", "дистанционно": "online",
                  "дистанционная": "online", "онлайн": "online", "online": "online",
                  "заочный": "online", "гибрид": "hybrid", "гибридный": "hybrid",
                  "смешанная": "hybrid", "очно-дистанционный": "hybrid",
                  "очно-дистанционно": "hybrid", "очно и дистанционно": "hybrid"},
    EventStatus: {"запланирован": "planned", "план": "planned", "подтвержден": "confirmed",
                  "отменен": "cancelled", "отмена": "cancelled", "проведен": "held",
                  "состоялось": "held"},
    Visibility: {"все": "public", "открытый": "public", "открытое": "public",
                 "публичный": "public", "публичное": "public", "сеть": "network",
                 "для сети": "network", "участники сети": "network", "внутренний": "internal",
                 "служебное": "internal", "служебный": "internal"},
}


def fold(text: str) -> str:
    """How names are compared: case, ё/е, quote marks and spacing aside."""
    return " ".join(_QUOTES.sub(" ", str(text)).casefold().replace("ё", "е").split())


def shown(cell: Cell) -> str:
    """A cell as the person sees it in the message: 19.04.2022, 14:00 or the text itself."""
    if isinstance(cell, datetime):
        return f"{cell:%d.%m.%Y %H:%M}".replace(" 00:00", "")
    if isinstance(cell, date):
        return f"{cell:%d.%m.%Y}"
    if isinstance(cell, time):
        return f"{cell:%H:%M}"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell).strip()


def is_blank(cell: Cell) -> bool:
    return shown(cell) == ""


def date_of(cell: Cell, where: str) -> date:
    """A date cell, or text 19.04.2022 / 2022-04-19 (a time after it, as Excel's CSV writes a
    date-and-time cell, is read by `clock_in`)."""
    if isinstance(cell, str) and (both := _DATE_AND_TIME.match(cell)):
        return parse_date(both[1], field=where)
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        raise InputError(f"{where}: число «{shown(cell)}» — не дата; задайте ячейке формат "
                         "«Дата» или впишите дату как 19.04.2022.")
    return parse_date(shown(cell), field=where)


def clock_in(cell: Cell, where: str) -> time | None:
    """The time a date-and-time cell carries (None at midnight: a plain date cell)."""
    if isinstance(cell, datetime) and cell.time() != time(0, 0):
        return cell.time().replace(second=0, microsecond=0)
    if isinstance(cell, str) and (both := _DATE_AND_TIME.match(cell)):
        found = time_of(both[2], where)
        return found if found != time(0, 0) else None
    return None


def time_of(cell: Cell, where: str) -> time:
    """A time cell, or text 14:00 / 14.00; «25:00» is refused."""
    if isinstance(cell, datetime):
        return cell.time().replace(second=0, microsecond=0)
    if isinstance(cell, time):
        return cell.replace(second=0, microsecond=0)
    if isinstance(cell, (int, float)) and not isinstance(cell, bool) and float(cell) != int(cell):
        raise InputError(f"{where}: число «{shown(cell)}» — не время; задайте ячейке формат "
                         "«Время» или впишите время как 14:00.")
    text = shown(cell)
    with_seconds = _SECONDS.match(text)  # «14:00:00», as Excel may save a time
    hour, minute = parse_time(with_seconds[1] if with_seconds else text, field=where)
    return time(hour, minute)


def yes_no(cell: Cell, where: str) -> bool:
    if isinstance(cell, bool):
        return cell
    value = shown(cell).casefold()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise InputError(f"{where}: «{shown(cell)}» — ожидается «да» или «нет».")


def grades_of(cell: Cell, where: str) -> tuple[int, int]:
    """«7–8», «7-8», «8», «5–11 классы» → (low, high) within 1–11."""
    match = _GRADES.match(shown(cell))
    if not match:
        raise InputError(f"{where}: «{shown(cell)}» — не классы; ожидается вид 7–8 или 8.")
    low = int(match[1])
    high = int(match[2]) if match[2] else low
    if not 1 <= low <= high <= 11:
        raise InputError(f"{where}: «{shown(cell)}» — классы должны быть от 1 до 11, "
                         "первый не больше второго.")
    return low, high


def label_of(enum: type[Labelled], cell: Cell, where: str) -> Labelled:
    """A member by its Russian label (or stored code, or a common synonym), case and ё aside."""
    value = fold(shown(cell))
    for member in enum:
        if value in (fold(member.label), member.value):
            return member
    synonym = SYNONYMS.get(enum, {}).get(value)
    if synonym is not None:
        return enum(synonym)
    allowed = ", ".join(f"«{member.label}»" for member in enum)
    raise InputError(f"{where}: «{shown(cell)}» — нет такого значения; допустимо: {allowed}.")
