"""Rules of the domain that need no storage: academic years, date parsing, text and INN checks.

Every rule that rejects input raises `InputError` with a Russian message that says what is
wrong and where, so the CLI, the screens and imports can show it as it is.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from rcro_tui.errors import InputError

REGION_TZ_NAME = "Asia/Tomsk"
REGION_TZ = ZoneInfo(REGION_TZ_NAME)
MOSCOW_TZ = ZoneInfo("Europe/Moscow")

_DATE_DMY = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_DATE_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True, order=True)
class AcademicYear:
    """The school year that starts on 1 September of `start_year` and ends on 31 August."""

    start_year: int

    @classmethod
    def containing(cls, day: date) -> "AcademicYear":
        return cls(day.year if day.month >= 9 else day.year - 1)

    @classmethod
    def parse(cls, text: str) -> "AcademicYear":
        """Accept «2017/2018», «2017-2018», «2017/18» or «2017»."""
        match = re.fullmatch(r"\s*(\d{4})(?:\s*[/\-–]\s*(\d{2}|\d{4}))?\s*", text)
        if not match:
            raise InputError(f"«{text}» — не учебный год: ожидается вид 2017/2018.")
        year = int(match[1])
        if match[2] and int(match[2]) % 100 != (year + 1) % 100:
            raise InputError(f"«{text}»: второй год должен следовать за первым (2017/2018).")
        return cls(year)

    @property
    def first_day(self) -> date:
        return date(self.start_year, 9, 1)

    @property
    def last_day(self) -> date:
        return date(self.start_year + 1, 8, 31)

    def __contains__(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    def __str__(self) -> str:
        return f"{self.start_year}/{self.start_year + 1}"

    def label(self) -> str:
        """«2017/2018 учебный год»"""
        return f"{self} учебный год"


def today_in_region() -> date:
    """Today's date on the region's wall clock, whatever the server's own zone is."""
    return datetime.now(REGION_TZ).date()


def parse_date(text: str, *, field: str = "дата") -> date:
    """Parse 19.04.2022 (as people type it) or 2022-04-19 (as files store it)."""
    match = _DATE_DMY.match(text) or _DATE_ISO.match(text)
    if not match:
        raise InputError(f"{field}: «{text}» — не дата; ожидается ДД.ММ.ГГГГ, например 19.04.2022.")
    parts = [int(p) for p in match.groups()]
    day, month, year = parts if _DATE_DMY.match(text) else reversed(parts)
    try:
        return date(year, month, day)
    except ValueError:
        raise InputError(f"{field}: «{text}» — такой даты нет в календаре.") from None


def parse_time(text: str, *, field: str = "время") -> tuple[int, int]:
    """Parse 14:00 or 14.00 into (hour, minute)."""
    match = _TIME.match(text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise InputError(f"{field}: «{text}» — не время; ожидается ЧЧ:ММ, например 14:00.")
    return int(match[1]), int(match[2])


def check_span(start: datetime | date, end: datetime | date, *, what: str = "мероприятие") -> None:
    """Refuse an end before the start (an all-day event may end on its first day)."""
    if end < start:
        raise InputError(f"{what}: окончание ({end:%d.%m.%Y %H:%M}) раньше начала "
                         f"({start:%d.%m.%Y %H:%M}).".replace(" 00:00", ""))


def clean_text(value: str, *, field: str = "текст", multiline: bool = False) -> str:
    """Strip control characters that break terminals, feeds and tables; keep «ёлочки», № and quotes.

    Line breaks survive only in multi-line fields; NFC keeps «ё» one code point.
    """
    value = unicodedata.normalize("NFC", value)
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        lines = [_CONTROL.sub("", line.replace("\t", " ")).rstrip() for line in value.split("\n")]
        return "\n".join(lines).strip()
    return " ".join(_CONTROL.sub(" ", value.replace("\n", " ")).split())


def require_text(value: str, *, field: str) -> str:
    """A cleaned, non-empty one-line value."""
    cleaned = clean_text(value, field=field)
    if not cleaned:
        raise InputError(f"{field}: поле не может быть пустым.")
    return cleaned


_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS_1 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS_2 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _check_digit(digits: str, weights: tuple[int, ...]) -> int:
    return sum(map(operator.mul, map(int, digits), weights)) % 11 % 10


def inn_is_valid(inn: str) -> bool:
    """Whether a 10-digit (organisation) or 12-digit INN has correct check digits."""
    if not inn.isdigit() or len(inn) not in (10, 12):
        return False
    if len(inn) == 10:
        return _check_digit(inn, _INN10_WEIGHTS) == int(inn[9])
    return (_check_digit(inn, _INN12_WEIGHTS_1) == int(inn[10])
            and _check_digit(inn, _INN12_WEIGHTS_2) == int(inn[11]))


def check_inn(inn: str) -> str:
    """The INN without spaces, or an InputError saying why it is not one."""
    digits = re.sub(r"\s", "", inn)
    if not inn_is_valid(digits):
        raise InputError(f"ИНН «{inn}»: неверный — нужно 10 или 12 цифр с верными контрольными цифрами.")
    return digits


def grades_label(grades_from: int | None, grades_to: int | None) -> str:
    """«7–8 классы», «8 класс», or «» when no grades are set."""
    if grades_from is None and grades_to is None:
        return ""
    low, high = grades_from or grades_to, grades_to or grades_from
    if low == high:
        return f"{low} класс"
    return f"{low}–{high} классы"


def moment_text(value: date | datetime) -> str:
    """How the database stores a wall-clock moment: «2022-04-19T14:00», or «2022-04-19» for a day."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(REGION_TZ).replace(tzinfo=None)
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


def parse_moment(text: str) -> date | datetime:
    """The inverse of `moment_text`: a naive wall-clock datetime, or a date for all-day values."""
    if "T" in text:
        return datetime.fromisoformat(text)
    return date.fromisoformat(text)
