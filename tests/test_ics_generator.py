"""The feed generator, without a database: bytes, rules of ICS-NOTES, and four other parsers.

The golden file is rewritten by `RCRO_UPDATE_GOLDEN=1 pytest tests/test_ics_generator.py`;
read its diff before committing it.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream

from rcro_tui.exports.ics_event import FeedEvent, event_text, utc
from rcro_tui.exports.ics_feed import FeedHeader, feed_bytes
from rcro_tui.exports.ics_icalendar import event_text_icalendar

GOLDEN = Path(__file__).parent / "data" / "golden" / "feed_sample.ics"
CHANGED = utc("2022-04-01T03:00:00Z")
CREATED = utc("2022-03-01T03:00:00Z")
LONG_TITLE = ("Региональная стратегическая сессия «Школа — территория возможностей: "
              "ёлочки, запятые; точки с запятой и обратная косая \\ черта»")


def sample_events() -> list[FeedEvent]:
    """A timed online event with a registration window, a cancelled multi-day all-day
    festival, a weekly seminar with a skipped week, and an event of 2014 at UTC+6."""
    return [
        FeedEvent(uid="event-1@rcro.tomsk.ru", title=LONG_TITLE,
                  start=datetime(2022, 4, 19, 14), end=datetime(2022, 4, 19, 17), revision=3,
                  changed_at=CHANGED, created_at=CREATED, online=True,
                  url="https://rcro.tomsk.ru/webinar", location="ТОИПКРО, ул. Пирогова, 10",
                  categories=("стратегическая сессия", "Программа «ОЧК»", "7–8 классы"),
                  description="Первая строка описания.\nВторая строка, с запятой.",
                  details=("Организатор: ОГБУ «РЦРО» (г. Томск)",
                           "14:00–15:00 Пленарная часть (дистанционно)"),
                  registration=(date(2022, 4, 1), date(2022, 4, 15)),
                  registration_note="Регистрация по ссылке на сайте РЦРО."),
        FeedEvent(uid="event-2@rcro.tomsk.ru", title="Фестиваль «Весенний переполох»",
                  start=date(2022, 4, 3), end=date(2022, 4, 5), revision=5,
                  changed_at=CHANGED, created_at=CREATED, cancelled=True,
                  location="МБОУ «Кожевниковская СОШ № 2»"),
        FeedEvent(uid="event-3@rcro.tomsk.ru", title="Онлайн-час «Навигатор»",
                  start=datetime(2022, 9, 7, 15), end=datetime(2022, 9, 7, 16), revision=1,
                  changed_at=CHANGED, created_at=CREATED, rrule="FREQ=WEEKLY;UNTIL=20221026",
                  exdates=(date(2022, 10, 5),)),
        FeedEvent(uid="event-4@rcro.tomsk.ru", title="Семинар 2014 года",
                  start=datetime(2014, 11, 30, 10), end=datetime(2014, 11, 30, 12),
                  revision=1, changed_at=CHANGED, created_at=CREATED),
    ]


def sample_feed() -> bytes:
    return feed_bytes(FeedHeader("Общая лента региона", "Мероприятия ОГБУ «РЦРО», Томская область"),
                      [event_text(event) for event in sample_events()])


def test_the_sample_feed_matches_its_golden_file():
    data = sample_feed()
    if os.environ.get("RCRO_UPDATE_GOLDEN"):
        GOLDEN.write_bytes(data)
    assert data == GOLDEN.read_bytes()


def test_the_direct_writer_gives_icalendars_bytes():
    for event in sample_events():
        assert event_text(event).text == event_text_icalendar(event), event.uid


def test_the_same_events_in_any_order_give_the_same_bytes():
    texts = [event_text(event) for event in sample_events()]
    header = FeedHeader("Лента")
    assert feed_bytes(header, texts) == feed_bytes(header, list(reversed(texts)))


def test_every_line_ends_in_crlf_and_is_at_most_75_octets():
    data = sample_feed()
    assert data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in b"".join(lines), "no bare LF anywhere"
    for line in lines:
        line.decode("utf-8")  # a fold never splits a letter


def test_the_header_has_what_clients_need():
    text = sample_feed().decode()
    for needed in ("VERSION:2.0", "PRODID:", "METHOD:PUBLISH", "NAME:Общая лента региона",
                   "X-WR-CALNAME:Общая лента региона", "REFRESH-INTERVAL;VALUE=DURATION:PT4H",
                   "X-PUBLISHED-TTL:PT4H", "BEGIN:VTIMEZONE"):
        assert needed in text
    assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")


def test_the_timezone_block_covers_2014s_change_of_offset():
    """The 2014 event is at UTC+6, the 2022 ones at UTC+7: one block covers both."""
    calendar = vobject.readOne(sample_feed().decode())
    starts = {event.uid.value: event.dtstart.value for event in calendar.vevent_list}
    assert starts["event-4@rcro.tomsk.ru"].astimezone(timezone.utc) == \
        datetime(2014, 11, 30, 4, tzinfo=timezone.utc)
    assert starts["event-1@rcro.tomsk.ru"].astimezone(timezone.utc) == \
        datetime(2022, 4, 19, 7, tzinfo=timezone.utc)


def _summaries_by_parser(data: bytes) -> dict[str, set[tuple[str, str]]]:
    """(summary, start in UTC or the date) of every VEVENT, as each parser reads them."""
    def key(value):
        if isinstance(value, datetime):
            return value.astimezone(timezone.utc).isoformat()
        return value.isoformat()

    found = {"icalendar": {(str(e["SUMMARY"]), key(e.decoded("DTSTART")))
                           for e in icalendar.Calendar.from_ical(data).walk("VEVENT")},
             "vobject": {(e.summary.value, key(e.dtstart.value))
                         for e in vobject.readOne(data.decode()).vevent_list},
             "ical": {(e.summary, key(e.dtstart))
                      for e in IcsCalendarStream.calendar_from_ics(data.decode()).events}}
    repeats = recurring_ical_events.of(icalendar.Calendar.from_ical(data))
    found["recurring-ical-events"] = {
        (str(e["SUMMARY"]), key(e.decoded("DTSTART")))
        for e in repeats.between(date(2010, 1, 1), date(2030, 1, 1))
        if not str(e.get("RRULE", "")) and "Онлайн-час" not in str(e["SUMMARY"])}
    return found


def test_four_parsers_read_the_same_events_times_and_texts():
    found = _summaries_by_parser(sample_feed())
    expected = found["icalendar"]
    assert (LONG_TITLE, "2022-04-19T07:00:00+00:00") in expected
    assert ("ОТМЕНЕНО: Фестиваль «Весенний переполох»", "2022-04-03") in expected
    assert ("Приём заявок: " + LONG_TITLE, "2022-04-01") in expected
    for parser, events in found.items():
        if parser == "recurring-ical-events":
            events |= {e for e in expected if "Онлайн-час" in e[0]}
        assert events == expected, parser


def test_a_weekly_event_repeats_without_its_skipped_week():
    calendar = icalendar.Calendar.from_ical(sample_feed())
    days = sorted(e.decoded("DTSTART").date() for e in recurring_ical_events.of(calendar)
                  .between(date(2022, 9, 1), date(2022, 11, 1)) if "Онлайн-час" in e["SUMMARY"])
    assert days == [date(2022, 9, 7), date(2022, 9, 14), date(2022, 9, 21), date(2022, 9, 28),
                    date(2022, 10, 12), date(2022, 10, 19), date(2022, 10, 26)]


def test_an_all_day_festival_ends_the_day_after_its_last_day():
    event = next(e for e in icalendar.Calendar.from_ical(sample_feed()).walk("VEVENT")
                 if e["UID"] == "event-2@rcro.tomsk.ru")
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (date(2022, 4, 3), date(2022, 4, 6))
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 5


def test_an_online_event_says_the_moscow_time():
    event = next(e for e in icalendar.Calendar.from_ical(sample_feed()).walk("VEVENT")
                 if e["UID"] == "event-1@rcro.tomsk.ru")
    assert "Время: 14:00–17:00 по Томску, 10:00–13:00 по Москве" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == "https://rcro.tomsk.ru/webinar"
    assert str(event["LOCATION"]) == "ТОИПКРО, ул. Пирогова, 10"


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400) | \
    st.sampled_from(["Ёлочки «…», запятые, ; и \\ и\nперевод строки", "🎓" * 40,
                     "а" * 5000, ",;\\:\"'"])


@settings(max_examples=150, deadline=None)
@given(title=TEXT, description=TEXT)
def test_any_title_and_description_survive_the_round_trip(title, description):
    """What a coordinator types comes back exactly, control characters aside (those are
    replaced by spaces), and no folded line splits a UTF-8 sequence."""
    from rcro_tui.exports.ics_text import plain

    event = FeedEvent(uid="event-9@x", title=title or "—", start=date(2022, 4, 3),
                      end=date(2022, 4, 3), revision=1, changed_at=CHANGED, created_at=CREATED,
                      description=description, location=description[:60],
                      categories=(title[:20], "олимпиада"))
    assert event_text(event).text == event_text_icalendar(event)
    data = feed_bytes(FeedHeader("Лента"), [event_text(event)])
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    parsed = next(iter(icalendar.Calendar.from_ical(data).walk("VEVENT")))
    assert str(parsed["SUMMARY"]) == plain(title or "—")
    assert str(parsed.get("DESCRIPTION", "")) == plain(description, multiline=True)
