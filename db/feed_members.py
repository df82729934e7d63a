"""Which events each feed holds, for every feed at once: what publishing writes.

The rules are `rcro_tui.feed_scope`'s, the same the detail view asks one event at a time
(`db.feed_rules`); here they run the other way round, per feed, so that a region's thousands
of organisations do not each scan every event. An organisation's private feed is its
district's public events plus what it hosts, what its memberships bring it and the stage
sessions its pupils are entered for.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sized
from dataclasses import dataclass, field

from sqlite_utils import Database

from rcro_tui.db.custom_feeds import list_custom_feeds, matching_public_ids
from rcro_tui.db.feed_events import EventFacts
from rcro_tui.db.feed_rules import REGION_FEED_NAME, scope_of_row, tenure_of
from rcro_tui.feed_scope import (EventScope, FeedKind, Tenure, feed_key, in_district_feed,
                                 in_program_feed, in_region_feed)


@dataclass
class Feed:
    """One feed to write: its key («org-31»), the name subscribers see, and its events."""

    kind: FeedKind
    key: str
    name: str
    owner_id: int | None = None
    """The programme, district or organisation the feed is of (None for the region's)."""
    event_ids: set[int] = field(default_factory=set)


def plan_feeds(db: Database, facts: Iterable[EventFacts]) -> list[Feed]:
    """Every feed (region, each programme, each district, each organisation) with its events."""
    return plan_feeds_of(db, {fact.row["id"]: event_scope_of(fact) for fact in facts})


def plan_feeds_of(db: Database, scopes: dict[int, EventScope], *,
                  keep: Callable[[set[int]], Collection[int]] = set) -> list[Feed]:
    """`plan_feeds` from the events' scopes alone (a publish keeps those, not the facts).
    `keep`: what each feed keeps of its ids, made as the feed is: `as_array` for publishing
    (a country's 40 000 private feeds as sets were 200 MB; as arrays, 12 MB), `EventCount`
    for a list of feeds that shows only how many."""
    scopes = {key: scope for key, scope in scopes.items() if scope.published}
    feeds = [Feed(FeedKind.REGION, feed_key(FeedKind.REGION), REGION_FEED_NAME,
                  event_ids={k for k, s in scopes.items() if in_region_feed(s)})]
    feeds += _program_feeds(db, scopes) + _district_feeds(db, scopes)
    feeds += _custom_feeds(db, scopes)
    if keep is not set:
        for feed in feeds:
            feed.event_ids = keep(feed.event_ids)  # type: ignore[assignment]
    return feeds + _org_feeds(db, scopes, keep)


def as_array(ids: Iterable[int]) -> array:
    """Event ids as a sorted array of C ints: 4 bytes an id instead of about 70 in a set."""
    return array("i", sorted(ids))


class EventCount(Sized):
    """How many events a feed holds, without which (the «Публикация» screen's list)."""

    __slots__ = ("size",)

    def __init__(self, ids: Collection[int]) -> None:
        self.size = len(ids)

    def __len__(self) -> int:
        return self.size


def _custom_feeds(db: Database, scopes: dict[int, EventScope]) -> list[Feed]:
    """Saved views published as feeds: their public events."""
    published = {key for key, scope in scopes.items() if scope.public}
    return [Feed(FeedKind.CUSTOM, feed_key(FeedKind.CUSTOM, feed.id), feed.name, feed.id,
                 matching_public_ids(db, feed.filter, published))
            for feed in list_custom_feeds(db)]


def event_scope_of(fact: EventFacts) -> EventScope:
    """What the feed rules need of an event's facts."""
    return scope_of_row(fact.row, fact.district_id)


def _program_feeds(db: Database, scopes: dict[int, EventScope]) -> list[Feed]:
    """One pass over the events, grouped by programme (a pass per programme was 17 s of a
    country's publish: 200 programmes × 100 000 events)."""
    by_program: dict[int, set[int]] = defaultdict(set)
    for key, scope in scopes.items():
        if scope.program_id is not None and in_program_feed(scope, scope.program_id):
            by_program[scope.program_id].add(key)
    feeds = []
    for program in db.query("SELECT id, name, short_name FROM programs ORDER BY id"):
        name = f"Программа «{program['short_name'] or program['name']}»"
        feeds.append(Feed(FeedKind.PROGRAM, feed_key(FeedKind.PROGRAM, program["id"]), name,
                          program["id"], by_program.get(program["id"], set())))
    return feeds


def _district_feeds(db: Database, scopes: dict[int, EventScope]) -> list[Feed]:
    by_district: dict[int, set[int]] = defaultdict(set)
    for key, scope in scopes.items():
        if scope.district_id is not None and in_district_feed(scope, scope.district_id):
            by_district[scope.district_id].add(key)
    return [Feed(FeedKind.DISTRICT, feed_key(FeedKind.DISTRICT, row["id"]), row["name"],
                 row["id"], by_district.get(row["id"], set()))
            for row in db.query("SELECT id, name FROM districts ORDER BY id")]


def _org_feeds(db: Database, scopes: dict[int, EventScope],
               made: Callable[[set[int]], Collection[int]]) -> list[Feed]:
    """Each organisation's private feed: district, hosted, member and participant events,
    each feed's ids `made` into what the feed keeps (`plan_feeds_of`'s `keep`)."""
    public_by_district: dict[int, set[int]] = defaultdict(set)
    hosted: dict[int, set[int]] = defaultdict(set)
    by_program: dict[int, list[int]] = defaultdict(list)
    for key, scope in scopes.items():
        if scope.public and scope.district_id is not None:
            public_by_district[scope.district_id].add(key)
        if scope.host_org_id is not None:
            hosted[scope.host_org_id].add(key)
        if scope.program_id is not None:
            by_program[scope.program_id].append(key)
    brought = _member_events(db, scopes, by_program)
    pupils = _participant_events(db, scopes)
    feeds = []
    for org in db.query("SELECT id, name, district_id FROM organizations ORDER BY id"):
        ids = set(public_by_district.get(org["district_id"], ())).union(
            hosted.get(org["id"], ()), pupils.get(org["id"], ()), *brought.get(org["id"], ()))
        feeds.append(Feed(FeedKind.ORGANIZATION, feed_key(FeedKind.ORGANIZATION, org["id"]),
                          f"Личная лента: {org['name']}", org["id"], made(ids)))
    return feeds


def _member_events(db: Database, scopes: dict[int, EventScope],
                   by_program: dict[int, list[int]]) -> dict[int, list[frozenset[int]]]:
    """The programme events each organisation's approved memberships cover on their day:
    sets shared by the members holding the same terms, joined into each feed as it is made."""
    tenures: dict[tuple[int, int], list[Tenure]] = defaultdict(list)
    for row in db.query("SELECT organization_id, program_id, role, status, valid_from, "
                        "valid_until FROM memberships"):
        tenures[(row["organization_id"], row["program_id"])].append(tenure_of(row))
    found: dict[int, list[frozenset[int]]] = defaultdict(list)
    covered: dict[tuple[int, tuple[Tenure, ...]], frozenset[int]] = {}
    for (org_id, program_id), held in tenures.items():
        key = (program_id, tuple(sorted(set(held), key=repr)))
        if key not in covered:  # most members of a programme hold the same terms
            covered[key] = frozenset(
                event for event in by_program.get(program_id, ())
                if any(tenure.covers(scopes[event].day) for tenure in held))
        found[org_id].append(covered[key])
    return found


def _participant_events(db: Database, scopes: dict[int, EventScope]) -> dict[int, set[int]]:
    """The sessions each organisation has pupils entered for (m018's index), as their
    events; sessions are few, so they are matched to events here rather than joined."""
    event_of = dict(db.execute("SELECT id, event_id FROM stage_sessions").fetchall())
    found: dict[int, set[int]] = defaultdict(set)
    for session_id, org_id in db.execute(
            "SELECT DISTINCT session_id, organization_id FROM entries "
            "WHERE organization_id IS NOT NULL AND session_id IS NOT NULL"):
        event_id = event_of.get(session_id)
        if event_id in scopes:
            found[org_id].add(event_id)
    return found
