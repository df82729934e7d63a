"""Which events each feed holds (publishing's side) against the detail view's per-event rules."""

from __future__ import annotations

from datetime import date

from rcro_tui.db.feed_events import events_between
from rcro_tui.db.feed_members import plan_feeds
from rcro_tui.db.feed_rules import feeds_for_event
from rcro_tui.exports.feed_events import feed_event
from rcro_tui.exports.ics_event import event_text
from rcro_tui.feed_scope import FeedKind

YEAR = (date(2026, 9, 1), date(2027, 8, 31))


def _by_event(feeds):
    found = {}
    for feed in feeds:
        for event_id in feed.event_ids:
            found.setdefault(event_id, set()).add(feed.key)
    return found


def test_every_event_is_in_exactly_the_feeds_its_detail_view_lists(demo_db):
    facts = events_between(demo_db, *YEAR)
    assert len(facts) > 150
    planned = _by_event(plan_feeds(demo_db, facts))
    for fact in facts:
        expected = {ref.key for ref in feeds_for_event(demo_db, fact.row["id"])}
        assert planned.get(fact.row["id"], set()) == expected, fact.row["title"]


def test_every_programme_district_and_organisation_has_a_feed(demo_db):
    feeds = plan_feeds(demo_db, events_between(demo_db, *YEAR))
    kinds = [feed.kind for feed in feeds]
    assert kinds.count(FeedKind.REGION) == 1
    assert kinds.count(FeedKind.DISTRICT) == demo_db["districts"].count
    assert kinds.count(FeedKind.PROGRAM) == demo_db["programs"].count
    assert kinds.count(FeedKind.ORGANIZATION) == demo_db["organizations"].count


def test_internal_and_network_events_stay_out_of_public_feeds(demo_db):
    facts = {f.row["id"]: f for f in events_between(demo_db, *YEAR)}
    feeds = plan_feeds(demo_db, facts.values())
    public = set().union(*(f.event_ids for f in feeds if f.kind is not FeedKind.ORGANIZATION))
    everywhere = set().union(*(f.event_ids for f in feeds))
    assert {facts[i].row["visibility"] for i in public} == {"public"}
    internal = {i for i, f in facts.items() if f.row["visibility"] == "internal"}
    assert internal and not internal & everywhere
    network = {i for i, f in facts.items() if f.row["visibility"] == "network"}
    assert network and network <= everywhere - public


def test_a_stage_session_tells_counts_and_never_a_pupils_name(demo_db):
    facts = events_between(demo_db, date(2014, 9, 1), date(2027, 8, 31))
    names = {row[0] for row in demo_db.execute("SELECT participant_name FROM entries")}
    sessions = [f for f in facts if f.stages and any(s["entries"] for s in f.stages)]
    assert sessions and names
    for fact in sessions:
        body = event_text(feed_event(fact)).text.replace("\r\n ", "")
        assert "заявлено" in body
        assert not any(name in body for name in names)


def test_joining_by_index_gives_the_same_bytes_as_joining_texts(demo_db):
    from rcro_tui.exports.ics_feed import EventIndex, FeedHeader, feed_bytes, indexed_feed_bytes

    facts = events_between(demo_db, *YEAR)
    texts = {fact.row["id"]: event_text(feed_event(fact)) for fact in facts}
    index = EventIndex.build(texts)
    for feed in plan_feeds(demo_db, facts)[:40]:
        header = FeedHeader(feed.name, "Описание")
        assert indexed_feed_bytes(header, feed.event_ids, index) == \
            feed_bytes(header, [texts[key] for key in feed.event_ids]), feed.key


def test_events_read_in_small_batches_are_the_events_read_at_once(demo_db):
    """Batches cut anywhere (here every 7 events) keep each event's parts, audience and
    stage sessions, which are read per batch."""
    from rcro_tui.db.feed_events import events_between_in_batches

    whole = events_between(demo_db, date(2014, 9, 1), date(2027, 8, 31))
    batches = list(events_between_in_batches(demo_db, date(2014, 9, 1), date(2027, 8, 31),
                                             size=7))
    assert len(batches) == -(-len(whole) // 7) and all(len(b) <= 7 for b in batches)
    assert [fact for batch in batches for fact in batch] == whole
    assert any(f.parts for f in whole) and any(f.audience for f in whole) and \
        any(f.stages for f in whole)


def test_shared_values_make_the_same_events_and_texts(demo_db):
    """Equal strings shared across events change nothing a feed says."""
    facts = events_between(demo_db, *YEAR)
    shared: dict = {}
    alone = [feed_event(fact) for fact in facts]
    together = [feed_event(fact, shared) for fact in facts]
    assert together == alone
    assert [event_text(e) for e in together] == [event_text(e) for e in alone]
    lines = [line for e in together for line in e.details if line.startswith("Формат: ")]
    assert len(lines) > len(set(lines)) == len({id(line) for line in lines}), \
        "one object for each distinct «Формат: …» line"


def test_the_feed_lists_scopes_are_those_of_the_published_facts(demo_db):
    """`published_scopes` reads a few columns where publishing reads the facts: the same
    events, the same scopes, a long-cancelled event left out of both."""
    from datetime import timedelta

    from rcro_tui.db.event_edit import cancel_event
    from rcro_tui.db.feed_members import event_scope_of
    from rcro_tui.exports.publish import (CANCELLED_DAYS, published_fact_batches,
                                          published_scopes)

    cancelled = demo_db.execute("SELECT id FROM events WHERE status != 'cancelled' "
                                "ORDER BY start_at DESC LIMIT 1").fetchone()[0]
    cancel_event(demo_db, cancelled, user="demo")
    for as_of in (date.today(), date.today() + timedelta(days=CANCELLED_DAYS + 1)):
        from_facts = {fact.row["id"]: event_scope_of(fact)
                      for batch in published_fact_batches(demo_db, as_of) for fact in batch}
        assert published_scopes(demo_db, as_of) == from_facts and len(from_facts) > 150
        assert (cancelled in from_facts) is (as_of == date.today())


def test_the_feed_list_counts_each_feeds_events_as_publishing_plans_them(demo_db):
    from rcro_tui.exports.feed_list import feeds_view
    from rcro_tui.exports.publish import published_fact_batches

    as_of = date(2026, 11, 23)
    facts = [fact for batch in published_fact_batches(demo_db, as_of) for fact in batch]
    planned = {feed.key: len(feed.event_ids) for feed in plan_feeds(demo_db, facts)}
    view = feeds_view(demo_db, as_of)
    assert dict(zip(view.keys, (int(row[2]) for row in view.rows))) == planned
    assert sum(planned.values()) > 1000 and len(view.rows) == len(planned)
