"""A whole feed as bytes: the calendar's header, its VTIMEZONE and its events' VEVENT texts.

The header is written here rather than through icalendar's Calendar so that a feed is a join
of texts made once per event (`ics_event.event_text`): nothing is parsed or rebuilt per feed.
The same events give the same bytes (ICS-NOTES rule 13): the events are sorted, and nothing
in the file depends on when it was made.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from icalendar import vText
from icalendar.parser import Contentline

from rcro_tui.exports.ics_event import VeventText
from rcro_tui.exports.ics_text import plain
from rcro_tui.exports.ics_zone import vtimezone_text

PRODID = "-//OGBU RCRO Tomsk//rcro-tui//RU"
REFRESH = "PT4H"
"""Clients that honour it poll every four hours; Google polls every 8–24 h whatever we say."""


@dataclass(frozen=True)
class FeedHeader:
    """The feed's own name and description, in Russian, as calendar apps show them."""

    name: str
    description: str = ""
    zone: str = "Asia/Tomsk"


def feed_bytes(header: FeedHeader, events: Iterable[VeventText]) -> bytes:
    """The .ics file: UTF-8, CRLF, lines folded at 75 octets, events in start order."""
    chosen = sorted(events, key=lambda item: item.sort_key)
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", _text_line("NAME", header.name),
        _text_line("X-WR-CALNAME", header.name),
    ]
    if header.description:
        lines += [_text_line("DESCRIPTION", header.description),
                  _text_line("X-WR-CALDESC", header.description)]
    lines += [f"X-WR-TIMEZONE:{header.zone}", f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}",
              f"X-PUBLISHED-TTL:{REFRESH}"]
    head = "".join(Contentline(line).to_ical().decode("utf-8") + "\r\n" for line in lines)
    zones = _zone_blocks(chosen)
    body = b"".join(item.data for item in chosen)
    return b"".join(((head + zones).encode("utf-8"), body, b"END:VCALENDAR\r\n"))


def _zone_blocks(events: list[VeventText]) -> str:
    """One VTIMEZONE per zone the timed events use, covering all their days."""
    spans: dict[str, tuple[date, date]] = {}
    for item in events:
        for zone in item.zones:
            if zone in spans:
                first, last = spans[zone]
                if item.first < first or item.last > last:
                    spans[zone] = (min(first, item.first), max(last, item.last))
            else:
                spans[zone] = (item.first, item.last)
    return "".join(vtimezone_text(zone, *spans[zone]) for zone in sorted(spans))


def _text_line(name: str, value: str) -> str:
    """A TEXT property with RFC 5545 escaping (before folding)."""
    return f"{name}:{vText(plain(value)).to_ical().decode('utf-8')}"
