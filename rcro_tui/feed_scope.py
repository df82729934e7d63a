"""Which calendar feeds an event belongs to: the rules every published feed is built on.

Schools never log in; they subscribe. So who sees an event is decided here, once, for the
detail view («Ленты») and for the feed generator alike:

- the region's public feed, one per programme and one per district carry **public** events
  only (a public URL must never show a network-only or internal event);
- an organisation's private feed (secret URL) carries, for public and network events alike,
  what it hosts, what its programmes bring it (an approved membership, in any role, valid on
  the event's day) and the stage sessions its participants go to; and, for public events, what
  happens in its own district — one URL per school instead of five overlapping subscriptions;
- internal events reach no feed at all;
- a cancelled event stays wherever it was, marked cancelled: deleting it would leave stale
  copies in subscribers' calendars (ICS-NOTES rule 11).

Pure Python: the database side (`rcro_tui.db.feed_rules`) gathers the facts and asks these rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rcro_tui.i18n import place_genitive, plural
from rcro_tui.model import EventStatus, Labelled, MembershipStatus, Role, Visibility


class FeedKind(Labelled):
    REGION = "region", "общая лента региона"
    PROGRAM = "program", "лента программы"
    DISTRICT = "district", "лента муниципалитета"
    ORGANIZATION = "organization", "личная лента организации"
    CUSTOM = "custom", "своя лента по сохранённому виду"


class OrgReason(Labelled):
    """Why an organisation's private feed carries an event, in the order summaries group them."""

    HOST = "host", "организатор"
    PARTICIPANTS = "participants", "её участники на этом этапе"
    MEMBER = "member", "участник программы"
    DISTRICT = "district", "в её муниципалитете"


REGION_KEY = "region"


def feed_key(kind: FeedKind, ident: int | None = None) -> str:
    """A stable name for a feed: «region», «program-2», «district-18», «org-31» (files, ids)."""
    if kind is FeedKind.REGION:
        return REGION_KEY
    prefix = "org" if kind is FeedKind.ORGANIZATION else kind.value
    return f"{prefix}-{ident}"


@dataclass(frozen=True)
class FeedRef:
    """One feed an event appears in, named as a coordinator reads it."""

    kind: FeedKind
    key: str
    name: str
    reasons: tuple[OrgReason, ...] = ()
    """For a private feed: why the organisation gets the event (at least one)."""


@dataclass(frozen=True, slots=True)
class EventScope:
    """The facts about an event that decide its feeds."""

    visibility: Visibility
    status: EventStatus
    day: date
    """The first day: memberships are checked against it."""
    program_id: int | None = None
    host_org_id: int | None = None
    district_id: int | None = None
    """The host's district (or, without a host, the stage session's)."""

    @property
    def published(self) -> bool:
        return self.visibility != Visibility.INTERNAL

    @property
    def public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED


@dataclass(frozen=True)
class Tenure:
    """One membership of an organisation in the event's programme."""

    role: Role
    status: MembershipStatus
    valid_from: date | None = None
    valid_until: date | None = None

    def covers(self, day: date) -> bool:
        """Approved and valid that day; an expired status still counts inside its own period.

        A base school of 2022–2024 keeps the programme's 2023 events in its feed, but an
        application, a rejection or a withdrawal brings nothing, whatever the role.
        """
        if self.status == MembershipStatus.EXPIRED and self.valid_until is None:
            return False
        if self.status not in (MembershipStatus.APPROVED, MembershipStatus.EXPIRED):
            return False
        return ((self.valid_from is None or self.valid_from <= day)
                and (self.valid_until is None or day <= self.valid_until))


@dataclass(frozen=True)
class OrgTies:
    """What ties one organisation to one event."""

    org_id: int
    district_id: int | None = None
    tenures: tuple[Tenure, ...] = ()
    """Its memberships in the event's programme (none when the event has no programme)."""
    has_participants: bool = False
    """Its pupils are entered for the stage session this event is."""


def in_region_feed(event: EventScope) -> bool:
    return event.public


def in_program_feed(event: EventScope, program_id: int) -> bool:
    return event.public and event.program_id == program_id


def in_district_feed(event: EventScope, district_id: int) -> bool:
    return event.public and event.district_id == district_id


def org_reasons(event: EventScope, ties: OrgTies) -> tuple[OrgReason, ...]:
    """Why the organisation's private feed carries the event; () when it does not."""
    if not event.published:
        return ()
    reasons = []
    if event.host_org_id is not None and ties.org_id == event.host_org_id:
        reasons.append(OrgReason.HOST)
    if ties.has_participants:
        reasons.append(OrgReason.PARTICIPANTS)
    if event.program_id is not None and any(t.covers(event.day) for t in ties.tenures):
        reasons.append(OrgReason.MEMBER)
    if event.public and event.district_id is not None and ties.district_id == event.district_id:
        reasons.append(OrgReason.DISTRICT)
    return tuple(reasons)


def public_feed_kinds(event: EventScope) -> list[FeedKind]:
    """The shared feeds the event is in: the region's, its programme's, its district's."""
    if not event.public:
        return []
    kinds = [FeedKind.REGION]
    if event.program_id is not None:
        kinds.append(FeedKind.PROGRAM)
    if event.district_id is not None:
        kinds.append(FeedKind.DISTRICT)
    return kinds


LISTED_PRIVATE = 5
"""Up to this many private feeds are named one by one; more are counted by reason."""


def feed_lines(event: EventScope, refs: list[FeedRef], *, district_name: str = "") -> list[str]:
    """The «Ленты» section: notes on status and access, then the feeds, private ones summarised.

    Args:
        district_name: the event's district, for «личные ленты 37 организаций Томского района».
    """
    if not event.published:
        return ["Ни в одной ленте: мероприятие внутреннее."]
    lines = []
    if event.cancelled:
        lines.append("Отменено: остаётся в лентах с пометкой «ОТМЕНЕНО:», чтобы подписчики "
                     "узнали об отмене.")
    if not event.public:
        lines.append("В общие ленты не попадает: только для участников сети.")
    lines += [ref.name for ref in refs if ref.kind is not FeedKind.ORGANIZATION]
    private = [ref for ref in refs if ref.kind is FeedKind.ORGANIZATION]
    lines += _private_lines(private, district_name)
    if not refs:
        lines.append("Ни в одной ленте: нет ни организатора, ни программы, ни участников.")
    return lines


def _private_lines(private: list[FeedRef], district_name: str) -> list[str]:
    """Each feed by name when there are few; else the host's by name and the rest counted."""
    if len(private) <= LISTED_PRIVATE:
        return [_named(ref) for ref in private]
    groups: dict[OrgReason, list[FeedRef]] = {}
    for ref in private:
        groups.setdefault(ref.reasons[0], []).append(ref)
    lines: list[str] = []
    for reason in OrgReason:
        group = groups.get(reason, [])
        if reason is OrgReason.HOST or len(group) == 1:
            lines += [_named(ref) for ref in group]
        elif group:
            lines.append(_group_line(reason, len(group), "ещё " if lines else "", district_name))
    return lines


def _named(ref: FeedRef) -> str:
    return f"{ref.name} ({'; '.join(reason.label for reason in ref.reasons)})"


def _group_line(reason: OrgReason, n: int, more: str, district_name: str) -> str:
    orgs = f"{n} {plural(n, 'организации', 'организаций', 'организаций')}"
    head = f"Личные ленты {more}{orgs}"
    if reason is OrgReason.PARTICIPANTS:
        return f"{head}, чьи участники заявлены на этот этап"
    if reason is OrgReason.MEMBER:
        return f"{head} — участников программы"
    genitive = place_genitive(district_name)
    return f"{head} {genitive}" if genitive else f"{head} муниципалитета «{district_name}»"
