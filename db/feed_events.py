"""The events of a published period, read in bulk with what their feeds say about them.

One query for the events with their programme, host and district names, and one each for
agenda parts, audience segments and stage sessions (entry counts only: pupils' names never
leave the program through a feed). Publishing 20 000 events reads them once for every feed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any

from sqlite_utils import Database

EVENT_COLUMNS = (
    "e.id, e.uid, e.title, e.kind, e.program_id, e.host_org_id, e.all_day, e.start_at, "
    "e.end_at, e.tz, e.reg_start_at, e.reg_end_at, e.format, e.venue, e.online_url, "
    "e.grades_from, e.grades_to, e.subjects, e.status, e.visibility, e.description, "
    "e.contacts, e.participants_count, e.organizations_count, e.results_summary, e.revision, "
    "e.created_at, e.updated_at, e.rrule, e.exdates")


@dataclass
class EventFacts:
    """An events row and its surroundings, as plain values for `exports.feed_events`."""

    row: dict[str, Any]
    program: str = ""
    host: str = ""
    host_address: str = ""
    district_id: int | None = None
    district: str = ""
    parts: list[dict[str, Any]] = field(default_factory=list)
    audience: list[dict[str, Any]] = field(default_factory=list)
    stages: list[dict[str, Any]] = field(default_factory=list)
    """Stage sessions this event is: competition, stage name, number of entries."""


BATCH = 5000
"""Events read, with their surroundings, per batch of `events_between_in_batches`."""

_SESSION_DISTRICT = (
    "LEFT JOIN organizations o ON o.id = e.host_org_id "
    "LEFT JOIN (SELECT event_id, MIN(district_id) AS district_id FROM stage_sessions "
    "           GROUP BY event_id) ss ON ss.event_id = e.id ")
_BETWEEN = "WHERE e.start_at <= ? AND (e.end_at >= ? OR e.rrule != '') ORDER BY e.id"
_EVENTS_SQL = (
    f"SELECT {EVENT_COLUMNS}, COALESCE(p.short_name, '') AS p_short, "
    "COALESCE(p.name, '') AS p_name, COALESCE(o.name, '') AS host_name, "
    "COALESCE(o.address, '') AS host_address, "
    "COALESCE(o.district_id, ss.district_id) AS district_id, COALESCE(d.name, '') AS d_name "
    "FROM events e LEFT JOIN programs p ON p.id = e.program_id " + _SESSION_DISTRICT +
    "LEFT JOIN districts d ON d.id = COALESCE(o.district_id, ss.district_id) " + _BETWEEN)
_SCOPE_SQL = (
    "SELECT e.id, e.start_at, e.visibility, e.status, e.program_id, e.host_org_id, "
    "e.updated_at, COALESCE(o.district_id, ss.district_id) AS district_id "
    "FROM events e " + _SESSION_DISTRICT + _BETWEEN)


def scope_rows_between(db: Database, first: date, last: date) -> Iterator[dict[str, Any]]:
    """The same events as `events_between`, each only with what the feed rules ask of it
    (`feed_rules.scope_of_row`, with its `district_id`) and `updated_at`: the «Публикация»
    screen counts each feed's events from these in a second of a country's 100 000, where
    the whole facts took four."""
    return db.query(_SCOPE_SQL, _period(first, last))


def _period(first: date, last: date) -> list[str]:
    return [f"{last.isoformat()}T99", first.isoformat()]


def events_between(db: Database, first: date, last: date) -> list[EventFacts]:
    """Every event touching [first, last] (repeating ones from their first day), by id."""
    return [fact for batch in events_between_in_batches(db, first, last) for fact in batch]


def events_between_in_batches(db: Database, first: date, last: date, *,
                              size: int = BATCH) -> Iterator[list[EventFacts]]:
    """The same events, `size` at a time with their surroundings: a caller that turns each
    batch into something smaller holds one batch of facts at a time (a country's 100 000
    events as facts were 300 MB at once, and the memory freed after stayed the process's)."""
    rows = db.query(_EVENTS_SQL, _period(first, last))
    while batch := list(islice(rows, size)):
        facts = {row["id"]: _facts(row) for row in batch}
        del batch
        _attach(db, facts)
        yield list(facts.values())


def _facts(row: dict[str, Any]) -> EventFacts:
    return EventFacts(
        row={key: row[key] for key in row if key not in (
            "p_short", "p_name", "host_name", "host_address", "district_id", "d_name")},
        program=row["p_short"] or row["p_name"], host=row["host_name"],
        host_address=row["host_address"], district_id=row["district_id"],
        district=row["d_name"])


def _attach(db: Database, facts: dict[int, EventFacts]) -> None:
    """Agenda parts, audience and stage sessions of the chosen events, three queries in all."""
    if not facts:
        return
    low, high = min(facts), max(facts)
    grouped: dict[str, dict[int, list]] = {"parts": defaultdict(list),
                                           "audience": defaultdict(list),
                                           "stages": defaultdict(list)}
    queries = {
        "parts": "SELECT event_id, position, title, start_time, end_time, remote "
                 "FROM agenda_parts WHERE event_id BETWEEN ? AND ? ORDER BY event_id, position",
        "audience": "SELECT event_id, position, who, attendance, parts, note "
                    "FROM audience_segments WHERE event_id BETWEEN ? AND ? "
                    "ORDER BY event_id, position",
        "stages": "SELECT ss.event_id, c.title AS competition, s.name AS stage, "
                  "(SELECT count(*) FROM entries en WHERE en.session_id = ss.id) AS entries "
                  "FROM stage_sessions ss JOIN stages s ON s.id = ss.stage_id "
                  "JOIN competitions c ON c.id = s.competition_id "
                  "WHERE ss.event_id BETWEEN ? AND ? ORDER BY ss.event_id, ss.id",
    }
    for name, sql in queries.items():
        for row in db.query(sql, [low, high]):
            if row["event_id"] in facts:
                grouped[name][row["event_id"]].append(row)
    for event_id, fact in facts.items():
        fact.parts = grouped["parts"].get(event_id, [])
        fact.audience = grouped["audience"].get(event_id, [])
        fact.stages = grouped["stages"].get(event_id, [])
