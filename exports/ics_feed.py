"""A whole feed as bytes: the calendar's header, its VTIMEZONE and its events' VEVENT texts.

The header is written here rather than through icalendar's Calendar so that a feed is a join
of texts made once per event (`ics_event.event_text`): nothing is parsed or rebuilt per feed.
The same events give the same bytes (ICS-NOTES rule 13): the events are sorted, and nothing
in the file depends on when it was made.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date


from rcro_tui.exports.ics_event import VeventText
from rcro_tui.exports.ics_lines import fold, text
from rcro_tui.exports.ics_text import plain
from rcro_tui.exports.ics_zone import vtimezone_text

PRODID = "-//OGBU RCRO Tomsk//rcro-tui//RU"
REFRESH = "PT4H"
"""Clients that honour it poll every four hours; Google polls every 8–24 h whatever we say."""
FEED_END = b"END:VCALENDAR\r\n"
BLOCK = 1 << 20
"""A large feed is compared and written in blocks of about this many bytes."""


@dataclass(frozen=True)
class FeedHeader:
    """The feed's own name and description, in Russian, as calendar apps show them."""

    name: str
    description: str = ""
    zone: str = "Asia/Tomsk"


def feed_bytes(header: FeedHeader, events: Iterable[VeventText]) -> bytes:
    """The .ics file: UTF-8, CRLF, lines folded at 75 octets, events in start order."""
    chosen = sorted(events, key=lambda item: item.sort_key)
    head = _head(header)
    zones = _zone_blocks(chosen)
    body = b"".join(item.data for item in chosen)
    return b"".join(((head + zones).encode("utf-8"), body, FEED_END))


def _head(header: FeedHeader) -> str:
    """BEGIN:VCALENDAR and the calendar's own properties, folded, with their CRLFs."""
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
    return "".join(fold(line) + "\r\n" for line in lines)


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
    return f"{name}:{text(plain(value))}"


@dataclass
class EventIndex:
    """Every event's text, place in the order and days, computed once per publish, so that
    joining a feed is a sort of integers and a join of bytes (a region's thousand private
    feeds hold hundreds of thousands of event-feed pairs)."""

    order: dict[int, int]
    data: dict[int, bytes]
    first: dict[int, int]
    last: dict[int, int]
    zoned: dict[str, set[int]]

    @classmethod
    def build(cls, texts: dict[int, VeventText]) -> EventIndex:
        ranked = sorted(texts, key=lambda key: texts[key].sort_key)
        zoned: dict[str, set[int]] = {}
        for key, item in texts.items():
            for zone in item.zones:
                zoned.setdefault(zone, set()).add(key)
        return cls({key: rank for rank, key in enumerate(ranked)},
                   {key: item.data for key, item in texts.items()},
                   {key: item.first.toordinal() for key, item in texts.items()},
                   {key: item.last.toordinal() for key, item in texts.items()}, zoned)


def feed_frame(header: FeedHeader, ids: set[int], index: EventIndex) -> bytes:
    """The feed's head and VTIMEZONE blocks (what is not its events), encoded."""
    zones = []
    for zone in sorted(index.zoned):
        timed = index.zoned[zone].intersection(ids)
        if timed:
            first = date.fromordinal(min(map(index.first.__getitem__, timed)))
            last = date.fromordinal(max(map(index.last.__getitem__, timed)))
            zones.append(vtimezone_text(zone, first, last))
    return (_head(header) + "".join(zones)).encode("utf-8")


def indexed_feed_bytes(header: FeedHeader, ids: set[int], index: EventIndex,
                       frame: bytes | None = None) -> bytes:
    """`feed_bytes` for the events of `index` with these ids: the same bytes, faster."""
    if frame is None:
        frame = feed_frame(header, ids, index)
    return indexed_feed_parts(ids, index, frame).joined()


@dataclass(frozen=True)
class FeedParts:
    """A feed's bytes as its frame and its events' texts in feed order, not joined: a
    country's region feed is 120 MB, a private feed a few kilobytes (`size` says which)."""

    frame: bytes
    texts: list[bytes]
    size: int

    def joined(self) -> bytes:
        return b"".join((self.frame, b"".join(self.texts), FEED_END))

    def blocks(self, block: int = BLOCK) -> Iterator[bytes]:
        """The same bytes as `joined`, in consecutive blocks of about `block` bytes."""
        yield self.frame
        pending: list[bytes] = []
        held = 0
        for item in self.texts:
            pending.append(item)
            held += len(item)
            if held >= block:
                yield b"".join(pending)
                pending, held = [], 0
        pending.append(FEED_END)
        yield b"".join(pending)


def indexed_feed_parts(ids: Iterable[int], index: EventIndex, frame: bytes) -> FeedParts:
    """`indexed_feed_bytes` (with its frame made) as parts, without joining them."""
    texts = list(map(index.data.__getitem__, sorted(ids, key=index.order.__getitem__)))
    return FeedParts(frame, texts, len(frame) + sum(map(len, texts)) + len(FEED_END))


def all_zones(index: EventIndex) -> bytes:
    """VTIMEZONE blocks covering every event of the index (to lint events on their own)."""
    return feed_frame(FeedHeader(""), set(index.order), index)[len(_head(FeedHeader("")).encode()):]
