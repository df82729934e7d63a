"""One event as VEVENT text: written once, then reused by every feed it is in.

A feed of a school is mostly the same events as the region's, the programme's and the
district's feeds; serialising each event once and joining the texts per feed is what makes
publishing a country's 20 000 events quick (issue 7), and it keeps the bytes identical in
every file an event appears in.

What real clients need (`ICS-NOTES.md`): a stable UID, SEQUENCE from the event's revision,
DTSTAMP and LAST-MODIFIED from its last change (never «now»), TZID times with the feed's
VTIMEZONE or VALUE=DATE with an exclusive DTEND, «ОТМЕНЕНО:» and STATUS:CANCELLED for a
cancelled event, LOCATION and URL by format, CATEGORIES, the registration window as an
all-day item of its own, and the Moscow time beside Tomsk's for online events.

The lines are written directly (`ics_lines`): the same bytes icalendar's components give
(`ics_icalendar` builds them that way, and the tests compare the two), five to ten times
faster, which is what a country's 20 000 events need.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from icalendar import vRecur

from rcro_tui.exports.ics_lines import fold, line, text, utc_stamp, when
from rcro_tui.exports.ics_text import description_text, plain

CANCELLED_PREFIX = "ОТМЕНЕНО: "
REGISTRATION_PREFIX = "Приём заявок: "


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """What a feed says about one event: plain values read from the database.

    `start`/`end` are wall-clock datetimes in `tz` for timed events, dates for all-day ones
    (`end` is the last day, inclusive, as the database keeps it)."""

    uid: str
    title: str
    start: date | datetime
    end: date | datetime
    revision: int
    changed_at: datetime
    """UTC: the last change of the event (DTSTAMP and LAST-MODIFIED)."""
    created_at: datetime
    tz: str = "Asia/Tomsk"
    cancelled: bool = False
    status_label: str = ""
    location: str = ""
    url: str = ""
    online: bool = False
    categories: tuple[str, ...] = ()
    description: str = ""
    details: tuple[str, ...] = ()
    """Lines under the description: «Организатор: …», agenda parts, audience, contacts."""
    rrule: str = ""
    exdates: tuple[date, ...] = ()
    registration: tuple[date, date] | None = None
    registration_note: str = ""

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


_ZONE_SETS: dict[frozenset[str], frozenset[str]] = {}
"""One frozenset for each set of time zones the texts name (a handful: 200 bytes each
for a country's 100 000 texts was 20 MB)."""


class VeventText:
    """The serialised VEVENT(s) of one event and the key feeds sort them by.

    Kept as UTF-8 bytes only (`text` decodes them when asked): a country's 100 000 texts
    were held twice, as Python text and as bytes, 100 MB more in each publishing process.
    """

    __slots__ = ("sort_key", "data", "first", "last", "zones")

    def __init__(self, sort_key: tuple[str, str], text: str, first: date, last: date,
                 zones: frozenset[str] = frozenset(), data: bytes = b"") -> None:
        self.sort_key = sort_key
        self.data = data or text.encode("utf-8")
        """The VEVENT text in UTF-8, encoded once for all the feeds that join it."""
        self.first = first
        self.last = last
        self.zones = _ZONE_SETS.setdefault(zones, zones)

    @property
    def text(self) -> str:
        return self.data.decode("utf-8")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VeventText) and self._fields() == other._fields()

    def __repr__(self) -> str:
        return f"VeventText({self.sort_key!r}, {len(self.data)} bytes)"

    def __getstate__(self) -> tuple:
        return self._fields()

    def __setstate__(self, state: tuple) -> None:
        self.sort_key, self.data, self.first, self.last, zones = state
        self.zones = _ZONE_SETS.setdefault(zones, zones)  # as made, not one copy per text

    def _fields(self) -> tuple:
        return (self.sort_key, self.data, self.first, self.last, self.zones)


def event_text(event: FeedEvent) -> VeventText:
    """The event's VEVENT and, with a registration window, its «Приём заявок» item."""
    parts = [vevent(event)]
    first, last = _day(event.start), _day(event.end)
    if event.registration:
        parts.append(registration_vevent(event))
        first, last = min(first, event.registration[0]), max(last, event.registration[1])
    if event.rrule:
        last = max(last, _last_repeat(event))
    zones = frozenset() if event.all_day else frozenset({event.tz})
    start_key = event.start.isoformat() if event.all_day else f"{event.start:%Y-%m-%dT%H:%M}"
    return VeventText((start_key, event.uid), "".join(parts), first, last, zones)


def vevent(event: FeedEvent) -> str:
    """The VEVENT: icalendar's canonical properties first, then the rest by name."""
    title = plain(event.title)
    zone = None if event.all_day else event.tz
    out = ["BEGIN:VEVENT\r\n",
           line("SUMMARY", text(CANCELLED_PREFIX + title if event.cancelled else title)),
           when_line("DTSTART", event.start, zone),
           when_line("DTEND", _end(event), zone),
           line("DTSTAMP", utc_stamp(event.changed_at)), line("UID", text(event.uid)),
           line("SEQUENCE", str(event.revision))]
    if event.rrule:
        out.append(line("RRULE", rule(event).to_ical().decode("ascii")))
        out += [when_line("EXDATE", _moment_on(event, day), zone) for day in event.exdates]
    categories = [text(plain(c)) for c in event.categories if c]
    if categories:
        out.append(line("CATEGORIES", ",".join(categories)))
    if event.url:
        out.append(line("CONFERENCE", event.url, CONFERENCE_PARAMS))
    out.append(line("CREATED", utc_stamp(event.created_at)))
    description = description_text(event)
    if description:
        out.append(line("DESCRIPTION", text(description)))
    out.append(line("LAST-MODIFIED", utc_stamp(event.changed_at)))
    if event.location:
        out.append(line("LOCATION", text(plain(event.location))))
    out.append(line("STATUS", "CANCELLED" if event.cancelled else "CONFIRMED"))
    if event.url:
        out.append(line("URL", event.url))
    out.append("END:VEVENT\r\n")
    return "".join(out)


def registration_vevent(event: FeedEvent) -> str:
    """«Приём заявок: …» on the window's days, marked free so it blocks nothing."""
    first, last = event.registration
    title = REGISTRATION_PREFIX + plain(event.title)
    out = ["BEGIN:VEVENT\r\n",
           line("SUMMARY", text(CANCELLED_PREFIX + title if event.cancelled else title)),
           when_line("DTSTART", first, None), when_line("DTEND", last + timedelta(days=1), None),
           line("DTSTAMP", utc_stamp(event.changed_at)),
           line("UID", text(f"registration-{event.uid}")),
           line("SEQUENCE", str(event.revision)), line("CATEGORIES", text("приём заявок"))]
    note = plain(event.registration_note, multiline=True)
    if note:
        out.append(line("DESCRIPTION", text(note)))
    out += [line("LAST-MODIFIED", utc_stamp(event.changed_at)),
            line("STATUS", "CANCELLED" if event.cancelled else "CONFIRMED"),
            line("TRANSP", "TRANSPARENT"), "END:VEVENT\r\n"]
    return "".join(out)


CONFERENCE_PARAMS = {"VALUE": "URI", "FEATURE": "VIDEO", "LABEL": "Подключение"}


def when_line(name: str, value: date | datetime, zone: str | None) -> str:
    head, value_text = when(name, value, zone).split(":", 1)
    return fold(f"{head}:{value_text}") + "\r\n"


def _end(event: FeedEvent) -> date | datetime:
    """DTEND: exclusive for all-day events (a festival 3–5 April ends on 6 April)."""
    return event.end + timedelta(days=1) if event.all_day else event.end


def rule(event: FeedEvent) -> vRecur:
    """The stored rule; a timed event's UNTIL (a day) becomes its last start in UTC, as RFC
    5545 requires beside a TZID start (clients otherwise drop the last repeat)."""
    recur = vRecur.from_ical(event.rrule)
    if not event.all_day and recur.get("UNTIL"):
        last = datetime.combine(_day(recur["UNTIL"][0]), event.start.time(), ZoneInfo(event.tz))
        recur["UNTIL"] = [last.astimezone(timezone.utc)]
    return recur


def _moment_on(event: FeedEvent, day: date) -> date | datetime:
    """A skipped repeat (EXDATE) as the same kind of value as DTSTART."""
    return day if event.all_day else datetime.combine(day, event.start.time())


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _last_repeat(event: FeedEvent) -> date:
    """The last day a repeating event can reach, for the VTIMEZONE's range (UNTIL, else a year)."""
    until = vRecur.from_ical(event.rrule).get("UNTIL")
    return _day(until[0]) if until else _day(event.end) + timedelta(days=366)


def utc(value: str) -> datetime:
    """«2026-11-23T10:19:56Z» (the audit clock) as an aware UTC datetime."""
    return datetime.fromisoformat(value).astimezone(timezone.utc)
