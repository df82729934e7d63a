"""Event tables by month: the academic year's calendar, a programme's, a district's events and
one organisation's schedule.

Rows are the calendar's occurrences (`db.occurrences`), so a repeating event is printed on
each of its days, as the calendar screen shows it. An organisation's schedule is exactly
what its private feed holds: the feed planning (`db.feed_members.plan_feeds`) chooses it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlite_utils import Database

from rcro_tui.i18n import MONTHS_NOMINATIVE, count, date_short
from rcro_tui.model import EventFormat, EventKind
from rcro_tui.rules import AcademicYear
from rcro_tui.db.event_filter import EventFilter
from rcro_tui.db.feed_events import events_between
from rcro_tui.db.feed_members import plan_feeds
from rcro_tui.db.kept import kept
from rcro_tui.db.occurrences import Occurrence, occurrences
from rcro_tui.db.tables import (DATE, TEXT, Group, Printable, TableParams, name_of, year_of)
from rcro_tui.db.views import TableView, event_title
from rcro_tui.feed_scope import FeedKind

_CELLS = {
    "Дата": lambda o: date_short(o.first_day),
    "Время": lambda o: when_cell(o),
    "Мероприятие": lambda o: event_title(o.title, o.status),
    "Вид": lambda o: EventKind.label_of(o.kind),
    "Формат": lambda o: EventFormat.label_of(o.format),
    "Организатор": lambda o: o.host,
    "Муниципалитет": lambda o: o.district,
    "Программа": lambda o: o.program,
}


def when_cell(item: Occurrence) -> str:
    """«14:00–17:00», «весь день», «по 21.04.2022» or «10:00 – 21.04 17:00» (the end's
    year only when it differs: the cell stays narrow enough to show whole on screen)."""
    timed = isinstance(item.start, datetime) and isinstance(item.end, datetime)
    if item.first_day == item.last_day:
        return f"{item.start:%H:%M}–{item.end:%H:%M}" if timed else "весь день"
    if not timed:
        return f"по {date_short(item.last_day)}"
    last = item.last_day
    day = date_short(last) if last.year != item.first_day.year else f"{last:%d.%m}"
    return f"{item.start:%H:%M} – {day} {item.end:%H:%M}"


def month_title(day: date) -> str:
    """«Сентябрь 2026»: the heading of a month's rows."""
    return f"{MONTHS_NOMINATIVE[day.month - 1].capitalize()} {day.year}"


def by_month(name: str, title: str, items: list[Occurrence], columns: tuple[str, ...],
             empty: str) -> Printable:
    """The occurrences in date order, one group per month, with a count under the title."""
    view = TableView(title, columns, empty=empty)
    groups: list[Group] = []
    for item in items:
        heading = month_title(item.first_day)
        if not groups or groups[-1].title != heading:
            groups.append(Group(heading, len(view.rows), len(view.rows)))
        view.add(item.event_id, *(_CELLS[column](item) for column in columns))
        groups[-1] = Group(heading, groups[-1].start, len(view.rows))
    kinds = tuple(DATE if column == "Дата" else TEXT for column in columns)
    subtitle = count(len(items), "мероприятие", "мероприятия", "мероприятий")
    return Printable(name, view, kinds, groups, group_label="Месяц", subtitle=subtitle)


def _year_items(db: Database, year: AcademicYear, params: TableParams, *,
                program_ids: tuple[int, ...] = (),
                district_ids: tuple[int, ...] = ()) -> list[Occurrence]:
    """The year's occurrences, narrowed to programmes or districts in memory.

    A publish prints the calendar, every programme's and every district's table: the year is
    read once (`db.kept`, while the file is unchanged) and each narrower table picks its
    events from it, where 28 reads of the same year took 1.4 s (a district's SQL filter
    looks up the host's district and the stage sessions' for every event).
    """
    visible = ("public",) if params.public_only else ()
    items, places = kept(db, "table-year", (year.first_day, visible),
                         lambda: _with_places(occurrences(db, year.first_day, year.last_day,
                                                          EventFilter(visibilities=visible))))
    chosen: set[int] | None = None
    if program_ids:
        chosen = _events_of(_program_events(db), program_ids)
    if district_ids:
        in_districts = _events_of(_district_events(db), district_ids)
        chosen = in_districts if chosen is None else chosen & in_districts
    if chosen is None:
        return items
    return [items[place] for place in sorted(place for event_id in chosen
                                             for place in places.get(event_id, ()))]


def _with_places(items: list[Occurrence]) -> tuple[list[Occurrence], dict[int, list[int]]]:
    """The year's occurrences and where each event's are in that list: a district's table
    picks its few dozen events by place, where a scan of the whole year per table took 15 s
    for a country's 2 000 districts × 100 000 events."""
    places: dict[int, list[int]] = {}
    for place, item in enumerate(items):
        places.setdefault(item.event_id, []).append(place)
    return items, places


def _events_of(groups: dict[int, set[int]], keys: tuple[int, ...]) -> set[int]:
    return set().union(*(groups.get(key, set()) for key in keys))


def _program_events(db: Database) -> dict[int, set[int]]:
    """Each programme's events (`EventFilter.program_ids`: the event's own programme)."""
    return _events_by(db, "table-program-events",
                      "SELECT program_id, id FROM events WHERE program_id IS NOT NULL")


def _district_events(db: Database) -> dict[int, set[int]]:
    """Each district's events (`EventFilter.district_ids`: the host's district or a stage
    session's held there)."""
    return _events_by(db, "table-district-events",
                      "SELECT o.district_id, e.id FROM events e JOIN organizations o "
                      "ON o.id = e.host_org_id WHERE o.district_id IS NOT NULL "
                      "UNION SELECT district_id, event_id FROM stage_sessions "
                      "WHERE district_id IS NOT NULL AND event_id IS NOT NULL")


def _events_by(db: Database, name: str, sql: str) -> dict[int, set[int]]:
    """(key, event id) pairs as each key's set of events, kept while the file is unchanged."""
    def read() -> dict[int, set[int]]:
        groups: dict[int, set[int]] = {}
        for key, event_id in db.execute(sql):
            groups.setdefault(key, set()).add(event_id)
        return groups
    return kept(db, name, (), read)


def year_calendar(db: Database, params: TableParams) -> Printable:
    """Every event of the academic year, month by month."""
    year = year_of(params)
    return by_month("calendar", f"Календарь образовательных событий на {year.label()}",
                    _year_items(db, year, params),
                    ("Дата", "Время", "Мероприятие", "Вид", "Формат", "Организатор",
                     "Муниципалитет"), f"На {year.label()} мероприятий нет.")


def program_events(db: Database, params: TableParams) -> Printable:
    """A programme's events of the academic year."""
    year = year_of(params)
    program = name_of(db, "programs", params.program_id, "Программа № не найдена")
    return by_month("program", f"Мероприятия программы «{program}», {year.label()}",
                    _year_items(db, year, params, program_ids=(params.program_id,)),
                    ("Дата", "Время", "Мероприятие", "Формат", "Организатор", "Муниципалитет"),
                    f"У программы нет мероприятий на {year.label()}.")


def district_events(db: Database, params: TableParams) -> Printable:
    """The events held in a district (by their host's or session's district) in the year."""
    year = year_of(params)
    district = name_of(db, "districts", params.district_id, "Муниципалитет № не найден")
    return by_month("district", f"Мероприятия: {district}, {year.label()}",
                    _year_items(db, year, params, district_ids=(params.district_id,)),
                    ("Дата", "Время", "Мероприятие", "Формат", "Организатор", "Программа"),
                    f"В муниципалитете нет мероприятий на {year.label()}.")


def org_schedule(db: Database, params: TableParams) -> Printable:
    """What the organisation's private feed holds in the year: its calendar on paper."""
    year = year_of(params)
    org = name_of(db, "organizations", params.org_id, "Организация № не найдена")
    held = feed_events_of(db, params.org_id, year)
    items = [item for item in occurrences(db, year.first_day, year.last_day)
             if item.event_id in held]
    return by_month("schedule", f"Расписание: {org}, {year.label()}", items,
                    ("Дата", "Время", "Мероприятие", "Формат", "Организатор", "Программа"),
                    f"В ленте организации нет мероприятий на {year.label()}.")


def feed_events_of(db: Database, org_id: int | None, year: AcademicYear) -> set[int]:
    """The events of the year the organisation's private feed holds (the feed planning's)."""
    facts = events_between(db, year.first_day, year.last_day)
    for feed in plan_feeds(db, facts):
        if feed.kind is FeedKind.ORGANIZATION and feed.owner_id == org_id:
            return feed.event_ids
    return set()
