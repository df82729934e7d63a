"""Values of iCalendar properties as our calendar stores them: text, moments, durations, repeats.

Each function raises `ValueProblem` with a Russian sentence (without the line number, which the
caller knows). Moments come back as dates (all-day) or datetimes: aware when the file says
which zone (TZID, UTC «Z», or X-WR-TIMEZONE for floating times), naive otherwise.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, timedelta, timezone, tzinfo

from icalendar import Timezone
from icalendar.prop import vDuration
from icalendar.timezone import tzp

from rcro_tui.recurrence import Frequency, Recurrence
from rcro_tui.rules import REGION_TZ
from rcro_tui.errors import InputError
from rcro_tui.db.import_ics_lines import Component, ContentLine

_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DATETIME = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)")
_ESCAPE = re.compile(r"\\(.)")
_UNESCAPED_COMMA = re.compile(r"(?<!\\),")
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_RULE_PARTS = {"FREQ", "INTERVAL", "UNTIL", "COUNT", "WKST", "BYDAY", "BYMONTHDAY", "BYMONTH"}
_SUPPORTED = ("Календарь хранит повторения еженедельно, ежемесячно или ежегодно (с интервалом, "
              "датой окончания или числом раз): разбейте такое мероприятие на отдельные.")


class ValueProblem(Exception):
    """A property value we cannot take: a Russian sentence and the line it is on (0: unknown)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class TimeZones:
    """TZID → tzinfo: zoneinfo, Windows and vendor names (icalendar), then the file's VTIMEZONE."""

    def __init__(self, root: Component) -> None:
        self.blocks = {}
        for block in root.walk("VTIMEZONE"):
            tzid = block.first("TZID")
            if tzid is not None:
                self.blocks[tzid.value.strip()] = block
        self.cache: dict[str, tzinfo | None] = {}
        self.floating: tzinfo | None = None
        """The zone of floating times, when the calendar names one in X-WR-TIMEZONE."""
        self.floating_problem = ""
        """Why X-WR-TIMEZONE cannot be used: reported only at floating times that need it."""
        name = next((c.first("X-WR-TIMEZONE") for c in root.walk("VCALENDAR")
                     if c.first("X-WR-TIMEZONE")), None)
        if name is not None and name.value.strip():
            self.floating = self.get(name.value.strip())
            if self.floating is None:
                self.floating_problem = (f"время без часового пояса, а X-WR-TIMEZONE "
                                         f"«{name.value.strip()}» (строка {name.line}) — "
                                         "неизвестный часовой пояс.")

    def get(self, tzid: str) -> tzinfo | None:
        if tzid not in self.cache:
            self.cache[tzid] = self._resolve(tzid)
        return self.cache[tzid]

    def _resolve(self, tzid: str) -> tzinfo | None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a vendor-prefixed TZID guessed from its tail
            known = tzp.timezone(tzid)
        if known is not None:
            return known
        block = self.blocks.get(tzid)
        if block is None:
            return None
        try:
            return Timezone.from_ical("\r\n".join(block.raw) + "\r\n").to_tz()
        except (ValueError, KeyError, TypeError):
            return None


def text(prop: ContentLine | None) -> str:
    """A TEXT value with \\n, \\, \\; and \\\\ unescaped."""
    if prop is None:
        return ""
    return _ESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], prop.value)


def text_list(props: list[ContentLine]) -> list[str]:
    """Comma-separated TEXT values (CATEGORIES) from every such line."""
    return [text(ContentLine(p.line, p.name, p.params, part)).strip()
            for p in props for part in _UNESCAPED_COMMA.split(p.value) if part.strip()]


def moment(prop: ContentLine, zones: TimeZones, value: str | None = None) -> date | datetime:
    """A DATE or DATE-TIME value (seconds dropped), in its zone where the file gives one."""
    raw = (prop.value if value is None else value).strip()
    if prop.params.get("VALUE", "").upper() == "DATE" or _DATE.fullmatch(raw):
        match = _DATE.fullmatch(raw)
        if not match:
            raise ValueProblem(f"{prop.name} «{raw}» — не дата (ожидается ГГГГММДД).", prop.line)
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            raise ValueProblem(f"{prop.name} «{raw}» — такой даты нет в календаре.",
                               prop.line) from None
    match = _DATETIME.fullmatch(raw)
    if not match:
        raise ValueProblem(f"{prop.name} «{raw}» — не дата и время (ожидается "
                           "ГГГГММДДTЧЧММСС, например 20220419T140000).", prop.line)
    year, month, day, hour, minute = (int(part) for part in match.groups()[:5])
    try:
        moment_ = datetime(year, month, day, hour, minute)
    except ValueError:
        raise ValueProblem(f"{prop.name} «{raw}» — такой даты или времени нет в календаре.",
                           prop.line) from None
    if match[7]:
        return moment_.replace(tzinfo=timezone.utc)
    tzid = prop.params.get("TZID")
    if tzid is None:
        if zones.floating_problem:
            raise ValueProblem(f"{prop.name} «{raw}»: {zones.floating_problem}", prop.line)
        return moment_.replace(tzinfo=zones.floating) if zones.floating else moment_
    zone = zones.get(tzid)
    if zone is None:
        raise ValueProblem(f"{prop.name}: часовой пояс «{tzid}» неизвестен — его нет ни в базе "
                           "часовых поясов, ни в блоке VTIMEZONE файла.", prop.line)
    return moment_.replace(tzinfo=zone)


def wall_clock(value: date | datetime) -> date | datetime:
    """Our wall clock: aware moments moved to Asia/Tomsk, floating ones kept as they are."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(REGION_TZ).replace(tzinfo=None)
    return value


def day_of(value: date | datetime) -> date:
    """The Tomsk day a moment falls on (the day an EXDATE or RECURRENCE-ID names)."""
    value = wall_clock(value)
    return value.date() if isinstance(value, datetime) else value


def duration(prop: ContentLine) -> timedelta:
    try:
        length = vDuration.from_ical(prop.value.strip())
    except (ValueError, TypeError):
        raise ValueProblem(f"DURATION «{prop.value}» — не длительность (ожидается вид PT2H "
                           "или P1D).", prop.line) from None
    if length < timedelta(0):
        raise ValueProblem(f"DURATION «{prop.value}»: длительность отрицательная.", prop.line)
    return length


def exdates(props: list[ContentLine], zones: TimeZones) -> list[date]:
    """The Tomsk days that EXDATE lines skip."""
    return [day_of(moment(prop, zones, part)) for prop in props
            for part in prop.value.split(",") if part.strip()]


def recurrence(prop: ContentLine, first: date | datetime, zones: TimeZones,
               skipped: list[date]) -> Recurrence:
    """RRULE → Recurrence, or ValueProblem saying which part the calendar cannot keep.

    `first` is DTSTART in the file's own zone: BYDAY and BYMONTHDAY are checked against it
    (Google writes FREQ=WEEKLY;BYDAY=TU for «every Tuesday»; that repeats DTSTART's weekday).
    """
    parts = _rule_parts(prop.value)
    unknown = sorted(set(parts) - _RULE_PARTS)
    if unknown:
        raise ValueProblem(f"повторение «{prop.value}»: часть {unknown[0]} не поддерживается. "
                           + _SUPPORTED, prop.line)
    try:
        freq = Frequency(parts.get("FREQ", "").upper())
    except ValueError:
        raise ValueProblem(f"повторение «{prop.value}»: частота FREQ={parts.get('FREQ', '')} "
                           "не поддерживается. " + _SUPPORTED, prop.line) from None
    _check_by_parts(prop, parts, freq, first)
    try:
        interval = int(parts.get("INTERVAL", "1"))
        count = int(parts["COUNT"]) if "COUNT" in parts else None
    except ValueError:
        raise ValueProblem(f"повторение «{prop.value}»: INTERVAL и COUNT должны быть числами.",
                           prop.line) from None
    until = _until(prop, parts.get("UNTIL"), first, zones)
    try:
        return Recurrence(freq=freq, interval=interval, until=until, count=count,
                          exdates=tuple(sorted(set(skipped))))
    except InputError as error:
        raise ValueProblem(error.message, prop.line) from None


def _rule_parts(value: str) -> dict[str, str]:
    parts = {}
    for piece in value.strip().split(";"):
        if piece:
            key, _, part = piece.partition("=")
            parts[key.strip().upper()] = part.strip()
    return parts


def _check_by_parts(prop: ContentLine, parts: dict[str, str], freq: Frequency,
                    first: date | datetime) -> None:
    """Accept BY* parts only where they say what DTSTART already says (one day, its own)."""
    expected = {"BYDAY": _WEEKDAYS[first.weekday()] if freq is Frequency.WEEKLY else None,
                "BYMONTHDAY": str(first.day) if freq is not Frequency.WEEKLY else None,
                "BYMONTH": str(first.month) if freq is Frequency.YEARLY else None}
    for key, own in expected.items():
        if key in parts and parts[key].upper().lstrip("0") != (own or "").lstrip("0"):
            raise ValueProblem(f"повторение «{prop.value}»: {key}={parts[key]} не поддерживается "
                               "(несколько дней или не день начала). " + _SUPPORTED, prop.line)


def _until(prop: ContentLine, value: str | None, first: date | datetime,
           zones: TimeZones) -> date | None:
    """UNTIL as the last Tomsk day that still has an occurrence."""
    if not value:
        return None
    until = moment(ContentLine(prop.line, "UNTIL", {}, value), zones)
    if not isinstance(until, datetime) or not isinstance(first, datetime):
        return day_of(until)
    until_wall, first_wall = wall_clock(until), wall_clock(first)
    if until_wall.time() < first_wall.time():  # UNTIL before that day's occurrence
        return until_wall.date() - timedelta(days=1)
    return until_wall.date()
