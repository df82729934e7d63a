"""The texts of a VEVENT: clean values and the description a school reads in its calendar.

icalendar escapes `\\ ; ,` and newlines and folds at 75 octets without splitting a letter;
what it leaves to us is control characters (a title pasted from Word can hold them, and
several clients drop the whole feed on one) and what the description says.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from rcro_tui.exports.ics_event import FeedEvent

MOSCOW = ZoneInfo("Europe/Moscow")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_KEEP_NEWLINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def plain(text: str, *, multiline: bool = False) -> str:
    """`text` without control characters; CRLF and CR become LF where lines are allowed."""
    if not multiline:
        return _CONTROL.sub(" ", text.replace("\r\n", " ").replace("\n", " ")).strip()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_KEEP_NEWLINES.sub(" ", text).strip()


def description_text(event: FeedEvent) -> str:
    """The description, then the Moscow time of an online event, then the detail lines."""
    blocks = [plain(event.description, multiline=True)]
    moscow = moscow_line(event)
    lines = ([moscow] if moscow else []) + [plain(line) for line in event.details if line]
    if lines:
        blocks.append("\n".join(lines))
    return "\n\n".join(block for block in blocks if block)


def moscow_line(event: FeedEvent) -> str:
    """«Время: 14:00–17:00 по Томску, 10:00–13:00 по Москве» for a timed online event."""
    if not event.online or event.all_day:
        return ""
    zone = ZoneInfo(event.tz)
    start, end = event.start.replace(tzinfo=zone), event.end.replace(tzinfo=zone)
    return (f"Время: {_span(start, end)} по Томску, "
            f"{_span(start.astimezone(MOSCOW), end.astimezone(MOSCOW))} по Москве")


def _span(start: datetime, end: datetime) -> str:
    if start.date() == end.date():
        return f"{start:%H:%M}–{end:%H:%M}"
    return f"{start:%d.%m %H:%M} – {end:%d.%m %H:%M}"
