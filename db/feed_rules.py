"""The feeds one event appears in: the facts from the database, the decision by `feed_scope`.

The detail view shows them («Ленты»), and the feed generator of issue 7 asks the same rules,
so what a coordinator reads here is what subscribers get.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from rcro_tui.feed_scope import (EventScope, FeedKind, FeedRef, OrgReason, OrgTies, Tenure,
                                 feed_key, feed_lines, org_reasons, public_feed_kinds)
from rcro_tui.model import EventStatus, MembershipStatus, Role, Visibility
from rcro_tui.rules import parse_date, parse_moment
from rcro_tui.db.store import get_row
from rcro_tui.db.custom_feeds import list_custom_feeds, matching_public_ids

REGION_FEED_NAME = "Общая лента региона"


def event_scope(db: Database, event: dict[str, Any]) -> EventScope:
    """The facts the rules need: access, status, day, programme, host and district."""
    return scope_of_row(event, _district_of(db, event))


def scope_of_row(event: dict[str, Any], district_id: int | None) -> EventScope:
    """`event_scope` for an events row whose district was read with it (publishing in bulk)."""
    start = parse_moment(event["start_at"])
    return EventScope(
        visibility=Visibility(event["visibility"]), status=EventStatus(event["status"]),
        day=start.date() if isinstance(start, datetime) else start,
        program_id=event["program_id"], host_org_id=event["host_org_id"],
        district_id=district_id)


def _district_of(db: Database, event: dict[str, Any]) -> int | None:
    """The host's district, or (a stage session without a host) the session's."""
    row = db.execute(
        "SELECT COALESCE((SELECT district_id FROM organizations WHERE id = ?), "
        "(SELECT district_id FROM stage_sessions WHERE event_id = ?))",
        [event["host_org_id"], event["id"]]).fetchone()
    return row[0]


def feeds_for_event(db: Database, event_id: int) -> list[FeedRef]:
    """Every feed the event is in: shared ones first, then private ones, host first, by name."""
    event = get_row(db, "events", event_id)
    return _feeds(db, event_scope(db, event), event_id)


def event_feed_lines(db: Database, event_id: int) -> list[str]:
    """The detail view's «Ленты» lines (private feeds counted by reason when there are many)."""
    scope = event_scope(db, get_row(db, "events", event_id))
    district = ""
    if scope.district_id is not None:
        district = get_row(db, "districts", scope.district_id)["name"]
    return feed_lines(scope, _feeds(db, scope, event_id), district_name=district)


def _feeds(db: Database, scope: EventScope, event_id: int) -> list[FeedRef]:
    if not scope.published:
        return []
    refs = [_shared_ref(db, kind, scope) for kind in public_feed_kinds(scope)]
    if scope.public:
        refs += [FeedRef(FeedKind.CUSTOM, feed_key(FeedKind.CUSTOM, feed.id),
                         f"Лента «{feed.name}»") for feed in list_custom_feeds(db)
                 if matching_public_ids(db, feed.filter, {event_id})]
    private = []
    for org in _candidates(db, scope, event_id):
        ties = OrgTies(org_id=org["id"], district_id=org["district_id"],
                       tenures=org["tenures"], has_participants=org["participants"])
        reasons = org_reasons(scope, ties)
        if reasons:
            key = feed_key(FeedKind.ORGANIZATION, org["id"])
            private.append(FeedRef(FeedKind.ORGANIZATION, key, f"Личная лента: {org['name']}",
                                   reasons))
    order = list(OrgReason)
    private.sort(key=lambda ref: (order.index(ref.reasons[0]), ref.name.lower()))
    return refs + private


def _shared_ref(db: Database, kind: FeedKind, scope: EventScope) -> FeedRef:
    if kind is FeedKind.REGION:
        return FeedRef(kind, feed_key(kind), REGION_FEED_NAME)
    if kind is FeedKind.PROGRAM:
        program = get_row(db, "programs", scope.program_id)
        name = program["short_name"] or program["name"]
        return FeedRef(kind, feed_key(kind, scope.program_id), f"Программа «{name}»")
    district = get_row(db, "districts", scope.district_id)
    return FeedRef(kind, feed_key(kind, scope.district_id), district["name"])


def _candidates(db: Database, scope: EventScope, event_id: int) -> list[dict[str, Any]]:
    """Every organisation that could get the event: host, members, district, participants."""
    tenures: dict[int, list[Tenure]] = {}
    if scope.program_id is not None:
        for row in db.query("SELECT organization_id, role, status, valid_from, valid_until "
                            "FROM memberships WHERE program_id = ?", [scope.program_id]):
            tenures.setdefault(row["organization_id"], []).append(tenure_of(row))
    participants = {row[0] for row in db.execute(
        "SELECT DISTINCT e.organization_id FROM entries e JOIN stage_sessions s "
        "ON s.id = e.session_id WHERE s.event_id = ? AND e.organization_id IS NOT NULL",
        [event_id])}
    ids = set(tenures) | participants
    if scope.host_org_id is not None:
        ids.add(scope.host_org_id)
    rows = db.query(
        "SELECT id, name, district_id FROM organizations WHERE id IN "
        "(SELECT value FROM json_each(?)) OR (? AND district_id = ?)",
        [json.dumps(sorted(ids)), int(scope.public), scope.district_id])
    return [{**row, "tenures": tuple(tenures.get(row["id"], ())),
             "participants": row["id"] in participants} for row in rows]


def tenure_of(row: dict[str, Any]) -> Tenure:
    return Tenure(role=Role(row["role"]), status=MembershipStatus(row["status"]),
                  valid_from=parse_date(row["valid_from"]) if row["valid_from"] else None,
                  valid_until=parse_date(row["valid_until"]) if row["valid_until"] else None)
