"""A compact VTIMEZONE for the days a feed covers, from the system's tz data.

icalendar's `add_missing_timezones()` writes a zone's whole history since 1970 as RDATE
lists, which some Outlook versions ignore (ICS-NOTES rule 5). A feed only needs the offsets
in force over its own days: one observance for the offset at the first day, then one per
change of offset inside the range. Asia/Tomsk has changed twice in living memory (+07 → +06
on 26.10.2014, +06 → +07 on 29.05.2016), so a feed of the 2014/2015 year gets two blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class Observance:
    """From `start` (wall-clock, in the offset before it) the zone is `offset` from UTC."""

    start: datetime
    offset_from: timedelta
    offset: timedelta
    name: str


def observances(zone_name: str, first: date, last: date) -> list[Observance]:
    """The offset in force on `first`, then each change up to the end of `last`."""
    zone = ZoneInfo(zone_name)
    begin = datetime.combine(first, time(), timezone.utc)
    end = datetime.combine(last + timedelta(days=1), time(), timezone.utc)
    offset = begin.astimezone(zone).utcoffset()
    found = [Observance(datetime.combine(first, time()), offset, offset,
                        _name(begin.astimezone(zone)))]
    for change in _changes(zone, begin, end):
        before = (change - HOUR).astimezone(zone).utcoffset()
        after = change.astimezone(zone)
        found.append(Observance((change + before).replace(tzinfo=None), before,
                                after.utcoffset(), _name(after)))
    return found


def _changes(zone: ZoneInfo, begin: datetime, end: datetime) -> list[datetime]:
    """UTC instants (to the hour) where the offset changes: a week's steps, then bisection
    (no zone changes its offset twice within a week)."""
    found = []
    moment = begin
    previous = moment.astimezone(zone).utcoffset()
    while moment < end:
        step = min(moment + timedelta(days=7), end)
        offset = step.astimezone(zone).utcoffset()
        if offset != previous:
            found.append(_first_hour(zone, moment, step, offset))
            previous = offset
        moment = step
    return found


def _first_hour(zone: ZoneInfo, low: datetime, high: datetime, offset: timedelta) -> datetime:
    """The first whole hour in (low, high] with `offset` (zones change on the hour)."""
    while high - low > HOUR:
        middle = low + (high - low) // 2
        middle = middle.replace(minute=0, second=0)
        if middle <= low:
            middle = low + HOUR
        if middle.astimezone(zone).utcoffset() == offset:
            high = middle
        else:
            low = middle
    return high


def _name(moment: datetime) -> str:
    """«+07», the way tz data names zones without a letter abbreviation."""
    name = moment.tzname() or ""
    return name if name else _offset_text(moment.utcoffset(), colon=False)


def _offset_text(offset: timedelta, *, colon: bool = False) -> str:
    """+0700 (iCalendar's TZOFFSETTO) from a timedelta."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{':' if colon else ''}{rest:02d}"


@lru_cache(maxsize=512)
def vtimezone_text(zone_name: str, first: date, last: date) -> str:
    """The VTIMEZONE block (CRLF lines, ASCII, never longer than 75 octets)."""
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone_name}"]
    for observance in observances(zone_name, first, last):
        lines += ["BEGIN:STANDARD", f"DTSTART:{observance.start:%Y%m%dT%H%M%S}",
                  f"TZOFFSETFROM:{_offset_text(observance.offset_from)}",
                  f"TZOFFSETTO:{_offset_text(observance.offset)}",
                  f"TZNAME:{observance.name}", "END:STANDARD"]
    lines.append("END:VTIMEZONE")
    return "\r\n".join(lines) + "\r\n"
