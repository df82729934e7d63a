"""The linter's second pass: the calendar's components against ICS-NOTES' rules, by number."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rcro_tui.exports.ics_lint_lines import Line

Report = Callable[[int, int, str], None]
TEXT_PROPERTIES = {"SUMMARY", "DESCRIPTION", "LOCATION", "NAME", "X-WR-CALNAME",
                   "X-WR-CALDESC", "COMMENT"}
SINGLE = ("UID", "DTSTART", "DTEND", "DTSTAMP", "SEQUENCE", "SUMMARY", "STATUS",
          "LAST-MODIFIED")
ZONED = ("DTSTART", "DTEND", "EXDATE", "RDATE", "RECURRENCE-ID")
_ESCAPE = re.compile(r"\\[\\;,nN]")
_DATE = re.compile(r"^\d{8}$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_DATETIME = re.compile(r"^\d{8}T\d{6}Z?$")


@dataclass
class Component:
    name: str
    line: int
    props: list[Line] = field(default_factory=list)

    def first(self, name: str) -> Line | None:
        return next((p for p in self.props if p.name == name), None)


def check_components(lines: list[Line], report: Report) -> None:
    """Structure first; then the calendar's header, its time zones and each event."""
    calendar, events, zones = _structure(lines, report)
    if calendar is None:
        return
    _check_header(calendar, report)
    for line in lines:
        if line.name in TEXT_PROPERTIES:
            _check_text(line, report)
    zone_starts = {z.first("TZID").value: z for z in zones if z.first("TZID")}
    first_event = min((e.line for e in events), default=None)
    for zone in zones:
        if first_event is not None and zone.line > first_event:
            report(zone.line, 5, "VTIMEZONE стоит после событий: Outlook ждёт его раньше.")
    seen: dict[str, int] = {}
    for event in events:
        _check_event(event, zone_starts, seen, report)


def _structure(lines: list[Line], report: Report):
    """The VCALENDAR, its VEVENTs and VTIMEZONEs; BEGIN/END that do not pair are reported."""
    if not lines or (lines[0].name, lines[0].value.upper()) != ("BEGIN", "VCALENDAR"):
        report(lines[0].number if lines else 0, 3, "файл не начинается с BEGIN:VCALENDAR.")
        return None, [], []
    stack: list[Component] = []
    found: list[Component] = []
    for line in lines:
        if line.name == "BEGIN":
            stack.append(Component(line.value.upper(), line.number))
        elif line.name == "END":
            if not stack or stack[-1].name != line.value.upper():
                report(line.number, 3, f"END:{line.value} без парного BEGIN.")
                continue
            done = stack.pop()
            found.append(done)
            if done.name in ("STANDARD", "DAYLIGHT") and stack and stack[-1].name == "VTIMEZONE":
                stack[-1].props.extend(done.props)
        elif stack:
            stack[-1].props.append(line)
    for open_component in reversed(stack):
        report(open_component.line, 3, f"BEGIN:{open_component.name} без END.")
        found.append(open_component)
    calendar = next((c for c in found if c.name == "VCALENDAR"), None)
    return (calendar, [c for c in found if c.name == "VEVENT"],
            [c for c in found if c.name == "VTIMEZONE"])


HEADER_RULES = (
    ("VERSION", 3, "нет VERSION:2.0."), ("PRODID", 3, "нет PRODID: Nextcloud отбрасывает ленту."),
    ("METHOD", 4, "нет METHOD:PUBLISH."),
    ("NAME", 9, "нет NAME (RFC 7986): название ленты не видно в Apple и Thunderbird."),
    ("X-WR-CALNAME", 9, "нет X-WR-CALNAME: Google покажет ленту без названия."),
    ("REFRESH-INTERVAL", 10, "нет REFRESH-INTERVAL: клиенты сами решат, как редко обновлять."),
    ("X-PUBLISHED-TTL", 10, "нет X-PUBLISHED-TTL: Outlook сам решит, как редко обновлять."),
)


def _check_header(calendar: Component, report: Report) -> None:
    for name, rule, message in HEADER_RULES:
        if calendar.first(name) is None:
            report(calendar.line, rule, message)
    version, method = calendar.first("VERSION"), calendar.first("METHOD")
    if version and version.value != "2.0":
        report(version.number, 3, f"VERSION:{version.value} — нужна 2.0.")
    if method and method.value.upper() != "PUBLISH":
        report(method.number, 4, f"METHOD:{method.value}: нужен PUBLISH, иначе Outlook "
                                 "считает события приглашениями.")


def _check_text(line: Line, report: Report) -> None:
    bare = _ESCAPE.sub("", line.value)
    if "\\" in bare:
        report(line.number, 8, f"{line.name}: «\\» экранирует только \\, ; , и n "
                               "(двоеточие не экранируется).")
    if ";" in bare or "," in bare:
        report(line.number, 8, f"{line.name}: запятая или точка с запятой без «\\»: "
                               "клиенты обрежут текст.")


def _check_event(event: Component, zones: dict[str, Component], seen: dict[str, int],
                 report: Report) -> None:
    uid = event.first("UID")
    if uid is None:
        report(event.line, 1, "у события нет UID: при каждом обновлении оно задвоится.")
    elif event.first("RECURRENCE-ID") is None:
        if uid.value in seen:
            report(uid.number, 1, f"UID {uid.value} уже был в строке {seen[uid.value]}: "
                                  "одно из событий затрёт другое.")
        seen.setdefault(uid.value, uid.number)
    for name in SINGLE:
        twice = [p for p in event.props if p.name == name][1:]
        for line in twice:
            report(line.number, 3, f"{name} второй раз в одном событии: клиенты возьмут "
                                   "любое из значений.")
    for name, rule, message in (
            ("DTSTAMP", 3, "у события нет DTSTAMP: Google не импортирует ленту."),
            ("SEQUENCE", 2, "у события нет SEQUENCE: изменения не дойдут до подписчиков."),
            ("LAST-MODIFIED", 2, "у события нет LAST-MODIFIED.")):
        if event.first(name) is None:
            report(event.line, rule, message)
    _check_times(event, zones, report)
    _check_links(event, report)
    status, summary = event.first("STATUS"), event.first("SUMMARY")
    if status and status.value.upper() == "CANCELLED" and summary \
            and not summary.value.startswith("ОТМЕНЕНО:"):
        report(summary.number, 11, "отменённое событие без «ОТМЕНЕНО:» в названии: Google "
                                   "скрывает отмены, и школа не узнает об отмене.")


def _check_links(event: Component, report: Report) -> None:
    """Rule 16: online events carry a link clients can open (URL, CONFERENCE)."""
    for line in event.props:
        if line.name in ("URL", "CONFERENCE") and not _URI.match(line.value):
            report(line.number, 16, f"{line.name}: «{line.value[:40]}» — не адрес: нужна "
                                    "полная ссылка вида https://…, иначе её не открыть.")
    if event.first("CONFERENCE") and not event.first("URL"):
        report(event.first("CONFERENCE").number, 16, "есть CONFERENCE, но нет URL: Google и "
                                                     "Outlook показывают только URL.")


def _check_times(event: Component, zones: dict[str, Component], report: Report) -> None:
    start, end = event.first("DTSTART"), event.first("DTEND")
    if start is None:
        report(event.line, 6, "у события нет DTSTART.")
        return
    if end is None and event.first("DURATION") is None:
        report(event.line, 6, "у события нет DTEND: клиенты по-разному решат, когда оно "
                              "кончается.")
    for line in event.props:
        if line.name in ZONED:
            _check_moment(line, zones, report)
    if end is not None and _is_date(start) != _is_date(end):
        report(end.number, 6, "DTSTART и DTEND разного типа (дата и дата-время).")
    elif end is not None and end.value <= start.value:
        report(end.number, 6, "DTEND не позже DTSTART: у событий на весь день DTEND — "
                              "следующий день после последнего (исключительно).")


def _is_date(line: Line) -> bool:
    return line.params.get("VALUE", "").upper() == "DATE"


def _check_moment(line: Line, zones: dict[str, Component], report: Report) -> None:
    values = line.value.split(",")
    if _is_date(line):
        if not all(_DATE.match(v) for v in values):
            report(line.number, 6, f"{line.name}: VALUE=DATE, а значение «{line.value}».")
        return
    if any(_DATE.match(v) for v in values):
        report(line.number, 6, f"{line.name}: дата без VALUE=DATE.")
        return
    if not all(_DATETIME.match(v) for v in values):
        report(line.number, 5, f"{line.name}: «{line.value}» — не дата-время iCalendar.")
        return
    tzid = line.params.get("TZID")
    if tzid is None:
        if not all(v.endswith("Z") for v in values):
            report(line.number, 5, f"{line.name}: «плавающее» время без TZID и без Z — "
                                   "каждый клиент покажет его в своём поясе.")
        return
    zone = zones.get(tzid)
    if zone is None:
        report(line.number, 5, f"{line.name}: TZID={tzid} без блока VTIMEZONE: Outlook "
                               "сдвинет время.")
        return
    starts = [p.value for p in zone.props if p.name == "DTSTART"]
    if not starts:
        first_sub = [p for p in zone.props if p.name == "TZOFFSETTO"]
        if not first_sub:
            report(zone.line, 5, f"VTIMEZONE {tzid} без смещений (TZOFFSETTO).")
        return
    if min(v for v in values) < min(starts):
        report(line.number, 5, f"{line.name}: {min(values)} раньше начала блока VTIMEZONE "
                               f"{tzid} ({min(starts)}): пояс не покрывает дату.")
