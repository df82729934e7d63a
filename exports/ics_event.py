"""One event as VEVENT text: built once with icalendar, then reused by every feed it is in.

A feed of a school is mostly the same events as the region's, the programme's and the
district's feeds; serialising each event once and joining the texts per feed is what makes
publishing a country's 20 000 events quick (issue 7), and it keeps the bytes identical in
every file an event appears in.

What real clients need (`ICS-NOTES.md`): a stable UID, SEQUENCE from the event's revision,
DTSTAMP and LAST-MODIFIED from its last change (never «now»), TZID times with the feed's
VTIMEZONE or VALUE=DATE with an exclusive DTEND, «ОТМЕНЕНО:» and STATUS:CANCELLED for a
cancelled event, LOCATION and URL by format, CATEGORIES, the registration window as an
all-day item of its own, and the Moscow time beside Tomsk's for online events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from icalendar import Event, vRecur

from rcro_tui.exports.ics_text import description_text, plain

CANCELLED_PREFIX = "ОТМЕНЕНО: "
REGISTRATION_PREFIX = "Приём заявок: "


@dataclass(frozen=True)
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


@dataclass
class VeventText:
    """The serialised VEVENT(s) of one event and the key feeds sort them by."""

    sort_key: tuple[str, str]
    text: str
    first: date
    last: date
    zones: frozenset[str] = field(default_factory=frozenset)


def event_text(event: FeedEvent) -> VeventText:
    """The event's VEVENT and, with a registration window, its «Приём заявок» item."""
    parts = [_vevent(event)]
    first, last = _day(event.start), _day(event.end)
    if event.registration:
        parts.append(_registration_vevent(event))
        first, last = min(first, event.registration[0]), max(last, event.registration[1])
    if event.rrule:
        last = max(last, _last_repeat(event))
    zones = frozenset() if event.all_day else frozenset({event.tz})
    start_key = event.start.isoformat() if event.all_day else f"{event.start:%Y-%m-%dT%H:%M}"
    return VeventText((start_key, event.uid), "".join(parts), first, last, zones)


def _vevent(event: FeedEvent) -> str:
    title = plain(event.title)
    component = Event.new(
        uid=event.uid, stamp=event.changed_at, sequence=event.revision,
        summary=CANCELLED_PREFIX + title if event.cancelled else title,
        description=description_text(event) or None)
    categories = [plain(c) for c in event.categories if c]
    if categories:
        component.add("categories", categories)
    _add_span(component, event)
    component.add("created", event.created_at)
    component.add("last-modified", event.changed_at)
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.location:
        component.add("location", plain(event.location))
    if event.url:
        component.add("url", event.url)
        component.add("conference", event.url,
                      parameters={"VALUE": "URI", "FEATURE": "VIDEO", "LABEL": "Подключение"})
    if event.rrule:
        component.add("rrule", _rule(event))
        for day in event.exdates:
            component.add("exdate", _moment_on(event, day))
    return component.to_ical().decode("utf-8")


def _rule(event: FeedEvent) -> vRecur:
    """The stored rule; a timed event's UNTIL (a day) becomes its last start in UTC, as RFC
    5545 requires beside a TZID start (clients otherwise drop the last repeat)."""
    rule = vRecur.from_ical(event.rrule)
    if not event.all_day and rule.get("UNTIL"):
        last_day = _day(rule["UNTIL"][0])
        last = datetime.combine(last_day, event.start.time(), ZoneInfo(event.tz))
        rule["UNTIL"] = [last.astimezone(timezone.utc)]
    return rule


def _add_span(component: Event, event: FeedEvent) -> None:
    """DTSTART/DTEND in the event's zone, or dates with DTEND the day after the last."""
    if event.all_day:
        component.add("dtstart", event.start)
        component.add("dtend", event.end + timedelta(days=1))
        return
    zone = ZoneInfo(event.tz)
    component.add("dtstart", event.start.replace(tzinfo=zone))
    component.add("dtend", event.end.replace(tzinfo=zone))


def _moment_on(event: FeedEvent, day: date) -> date | datetime:
    """A skipped repeat (EXDATE) as the same kind of value as DTSTART."""
    if event.all_day:
        return day
    return datetime.combine(day, event.start.time(), ZoneInfo(event.tz))


def _registration_vevent(event: FeedEvent) -> str:
    """«Приём заявок: …» on the window's days, marked free so it blocks nothing."""
    first, last = event.registration
    title = REGISTRATION_PREFIX + plain(event.title)
    component = Event.new(
        uid=f"registration-{event.uid}", stamp=event.changed_at, sequence=event.revision,
        summary=CANCELLED_PREFIX + title if event.cancelled else title,
        start=first, end=last + timedelta(days=1), transparency="TRANSPARENT",
        description=plain(event.registration_note, multiline=True) or None,
        categories=["приём заявок"])
    component.add("last-modified", event.changed_at)
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    return component.to_ical().decode("utf-8")


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _last_repeat(event: FeedEvent) -> date:
    """The last day a repeating event can reach, for the VTIMEZONE's range (UNTIL, else a year)."""
    recur = vRecur.from_ical(event.rrule)
    until = recur.get("UNTIL")
    if until:
        return _day(until[0])
    return _day(event.end) + timedelta(days=366)


def utc(text: str) -> datetime:
    """«2026-11-23T10:19:56Z» (the audit clock) as an aware UTC datetime."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
