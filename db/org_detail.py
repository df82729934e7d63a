"""One organisation whole, as the detail screen and `orgs show` present it.

Events «attended» are those where the organisation's students had an entry at a stage
session (`entries.organization_id` → `stage_sessions.event_id`): the schema's only record of
an organisation taking part in someone else's event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlite_utils import Database

from rcro_tui.i18n import date_short
from rcro_tui.model import MembershipStatus, OrgKind, Role
from rcro_tui.rules import parse_moment
from rcro_tui.db import store
from rcro_tui.db.orgs import ContactDraft, contacts_of


@dataclass(frozen=True)
class MembershipLine:
    program: str
    role: str
    status: str
    until: str
    document: str


@dataclass(frozen=True)
class EventLine:
    event_id: int
    when: str
    title: str
    note: str = ""


@dataclass
class OrgDetail:
    """Everything shown about one organisation."""

    row: dict
    district: str
    contacts: list[ContactDraft] = field(default_factory=list)
    memberships: list[MembershipLine] = field(default_factory=list)
    hosted: list[EventLine] = field(default_factory=list)
    attended: list[EventLine] = field(default_factory=list)
    sessions: list[EventLine] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return OrgKind.label_of(self.row["kind"])


def _day(moment: str) -> str:
    value = parse_moment(moment)
    return date_short(value.date() if isinstance(value, datetime) else value)


def org_detail(db: Database, org_id: int) -> OrgDetail:
    row = store.get_row(db, "organizations", org_id)
    district = ""
    if row["district_id"] is not None:
        district = db.execute("SELECT name FROM districts WHERE id = ?",
                              [row["district_id"]]).fetchone()[0]
    detail = OrgDetail(row, district, contacts_of(db, org_id))
    for m in db.query("""
            SELECT m.*, COALESCE(NULLIF(p.short_name, ''), p.name) AS program
            FROM memberships m JOIN programs p ON p.id = m.program_id
            WHERE m.organization_id = ? ORDER BY p.name, m.role""", [org_id]):
        until = date_short(date.fromisoformat(m["valid_until"])) if m["valid_until"] else ""
        detail.memberships.append(MembershipLine(
            m["program"], Role.label_of(m["role"]), MembershipStatus.label_of(m["status"]),
            until, m["decision_doc"]))
    for e in db.query("SELECT id, title, start_at FROM events WHERE host_org_id = ? "
                      "ORDER BY start_at DESC", [org_id]):
        detail.hosted.append(EventLine(e["id"], _day(e["start_at"]), e["title"]))
    for e in db.query("""
            SELECT ev.id, ev.title, ev.start_at, count(*) AS n
            FROM entries en JOIN stage_sessions s ON s.id = en.session_id
            JOIN events ev ON ev.id = s.event_id
            WHERE en.organization_id = ? GROUP BY ev.id ORDER BY ev.start_at DESC""", [org_id]):
        detail.attended.append(EventLine(e["id"], _day(e["start_at"]), e["title"],
                                         f"участников: {e['n']}"))
    for e in db.query("""
            SELECT ev.id, ev.title, ev.start_at, st.name AS stage
            FROM stage_sessions s JOIN events ev ON ev.id = s.event_id
            JOIN stages st ON st.id = s.stage_id
            WHERE s.host_org_id = ? ORDER BY ev.start_at DESC""", [org_id]):
        detail.sessions.append(EventLine(e["id"], _day(e["start_at"]), e["title"], e["stage"]))
    return detail
