"""The same VEVENT texts built with icalendar's components: the reference the direct writer
(`ics_event`) is tested against, byte for byte, and the benchmark's baseline (what building
every feed from scratch with icalendar costs).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Event

from rcro_tui.exports.ics_event import (CANCELLED_PREFIX, REGISTRATION_PREFIX, FeedEvent,
                                        rule)
from rcro_tui.exports.ics_text import description_text, plain


def event_text_icalendar(event: FeedEvent) -> str:
    """`ics_event.event_text(event).text`, made the slow, obvious way."""
    parts = [_vevent(event)]
    if event.registration:
        parts.append(_registration_vevent(event))
    return "".join(parts)


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
        component.add("rrule", rule(event))
        for day in event.exdates:
            component.add("exdate", _moment_on(event, day))
    return component.to_ical().decode("utf-8")


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
