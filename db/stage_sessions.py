"""Where and when a stage is held: its sessions, each of which *is* a calendar event.

`propose_sessions` offers one session per district at the programme's active hub school(s)
(«опорная», approved, within its term on the stage's first day — as «Сеть» counts them) and
names the districts without one; `create_sessions` writes the chosen ones — for each an event
of the calendar (host = the hub school, venue = its address, the stage's dates, public) and
the `stage_sessions` row — all in one transaction. A stage can also be held online, or at one
chosen organisation (the final event at the organiser).

Removing a session cancels its event rather than deleting it: the event may already be in
schools' calendars, and a cancellation is what tells them (STATUS:CANCELLED in the feeds).
`competitions.final_event_id` follows the final stage's session when there is exactly one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from rcro_tui.errors import UserError
from rcro_tui.i18n import count
from rcro_tui.model import EventFormat, EventKind, EventStatus, StageLevel, Visibility
from rcro_tui.db import store
from rcro_tui.db.events import EventDraft, add_event
from rcro_tui.db.stages import add_session

ONLINE = "дистанционно"


@dataclass(frozen=True)
class Proposal:
    """One session to create: a hub school of a district. `chosen` is the form's default tick
    (the first hub of a district; a second hub there is offered unticked)."""

    district_id: int | None
    district: str
    host_org_id: int
    host: str
    chosen: bool = True


@dataclass
class Proposals:
    items: list[Proposal] = field(default_factory=list)
    without_hub: list[str] = field(default_factory=list)
    """Districts where the programme has no active hub school: no session is proposed there."""
    already: list[str] = field(default_factory=list)
    """Hub schools that already hold a session of this stage (not proposed twice)."""
    program: str = ""


_HUBS = """
    SELECT o.id, COALESCE(NULLIF(o.short_name, ''), o.name) AS host,
           COALESCE(m.district_id, o.district_id) AS district_id, d.name AS district
    FROM memberships m JOIN organizations o ON o.id = m.organization_id
    LEFT JOIN districts d ON d.id = COALESCE(m.district_id, o.district_id)
    WHERE m.program_id = :program AND m.role = 'hub' AND m.status = 'approved'
      AND (m.valid_until IS NULL OR m.valid_until >= :day)
    GROUP BY o.id ORDER BY d.sort_order IS NULL, d.sort_order, d.name, host"""


def _stage_and_competition(db: Database, stage_id: int) -> tuple[dict, dict]:
    stage = store.get_row(db, "stages", stage_id)
    return stage, store.get_row(db, "competitions", stage["competition_id"])


def propose_sessions(db: Database, stage_id: int, today: date | None = None) -> Proposals:
    """One session per district at the competition's programme's hub school(s)."""
    stage, competition = _stage_and_competition(db, stage_id)
    day = stage["start_date"] or (today or date.today()).isoformat()
    found = Proposals()
    hub_districts: set[int | None] = set()
    if competition["program_id"] is not None:
        found.program = db.execute(
            "SELECT COALESCE(NULLIF(short_name, ''), name) FROM programs WHERE id = ?",
            [competition["program_id"]]).fetchone()[0]
        taken = {row[0] for row in db.execute(
            "SELECT host_org_id FROM stage_sessions WHERE stage_id = ?", [stage_id])}
        for row in db.query(_HUBS, {"program": competition["program_id"], "day": day}):
            first = row["district_id"] not in hub_districts
            hub_districts.add(row["district_id"])
            if row["id"] in taken:
                found.already.append(row["host"])
                continue
            found.items.append(Proposal(row["district_id"], row["district"] or "район не указан",
                                        row["id"], row["host"], chosen=first))
    found.without_hub = [row[1] for row in db.execute(
        "SELECT id, name FROM districts ORDER BY sort_order, name") if row[0] not in hub_districts]
    return found


def session_title(competition: dict, stage: dict, place: str = "") -> str:
    """«Весенний переполох: отборочный этап — Кожевниковский район»."""
    name = stage["name"]
    if name[:1].isupper() and name[1:2].islower():
        name = name[0].lower() + name[1:]
    title = f"{competition['title']}: {name}"
    return f"{title} — {place}" if place else title


def session_draft(db: Database, stage_id: int, host_org_id: int | None, place: str = "", *,
                  online: bool = False) -> EventDraft:
    """The calendar event of one session: the stage's dates, grades and subjects; public."""
    stage, competition = _stage_and_competition(db, stage_id)
    if not stage["start_date"]:
        raise UserError(f"Этап «{stage['name']}»: укажите даты этапа — площадка становится "
                        "мероприятием календаря и без даты не создаётся.")
    venue = ""
    if host_org_id is not None and not online:
        venue = store.get_row(db, "organizations", host_org_id)["address"]
    reg = (stage["reg_start"], stage["reg_end"])
    return EventDraft(
        title=session_title(competition, stage, place), kind=EventKind(competition["kind"]),
        start=date.fromisoformat(stage["start_date"]),
        end=date.fromisoformat(stage["end_date"] or stage["start_date"]),
        format=EventFormat.ONLINE if online else EventFormat.IN_PERSON,
        program_id=competition["program_id"], host_org_id=host_org_id, venue=venue,
        reg_start=date.fromisoformat(reg[0]) if reg[0] else None,
        reg_end=date.fromisoformat(reg[1]) if reg[1] else None,
        grades=(stage["grades_from"], stage["grades_to"]) if stage["grades_from"] else None,
        subjects=stage["subjects"], visibility=Visibility.PUBLIC)


def create_sessions(db: Database, stage_id: int, proposals: list[Proposal], *,
                    user: str) -> list[int]:
    """Create the chosen proposals' events and sessions, all or nothing; return session ids."""
    created = []
    with db.atomic():
        for proposal in proposals:
            draft = session_draft(db, stage_id, proposal.host_org_id, proposal.district)
            event_id = add_event(db, draft, user=user)
            created.append(add_session(db, stage_id, event_id, user=user,
                                       district_id=proposal.district_id,
                                       host_org_id=proposal.host_org_id))
        sync_final_event(db, stage_id, user=user)
    return created


def create_online_session(db: Database, stage_id: int, *, user: str,
                          host_org_id: int | None = None) -> int:
    """The stage held online (дистанционно): one session for everyone, no district."""
    with db.atomic():
        draft = session_draft(db, stage_id, host_org_id, ONLINE, online=True)
        session = add_session(db, stage_id, add_event(db, draft, user=user), user=user,
                              host_org_id=host_org_id)
        sync_final_event(db, stage_id, user=user)
    return session


def create_org_session(db: Database, stage_id: int, org_id: int, *, user: str) -> int:
    """The stage held at one chosen organisation (the final event at the organiser)."""
    with db.atomic():
        district_id = store.get_row(db, "organizations", org_id)["district_id"]
        draft = session_draft(db, stage_id, org_id)
        session = add_session(db, stage_id, add_event(db, draft, user=user), user=user,
                              district_id=district_id, host_org_id=org_id)
        sync_final_event(db, stage_id, user=user)
    return session


def remove_session(db: Database, session_id: int, *, user: str) -> None:
    """Take a session off its stage and cancel its event (kept: feeds announce the cancellation).

    Refused while participants are placed at it: they would lose where they take the stage."""
    with db.atomic():  # checked under the write lock: nobody places a participant meanwhile
        session = store.get_row(db, "stage_sessions", session_id)
        placed = db.execute("SELECT count(*) FROM entries WHERE session_id = ?",
                            [session_id]).fetchone()[0]
        if placed:
            raise UserError(f"На площадке {count(placed, 'участник', 'участника', 'участников')}"
                            ": сначала перенесите их на другую площадку или удалите.")
        store.delete(db, "stage_sessions", session_id, user=user)
        event = db.execute("SELECT status FROM events WHERE id = ?",
                           [session["event_id"]]).fetchone()
        if event and event[0] != EventStatus.CANCELLED.value:
            store.update(db, "events", session["event_id"],
                         {"status": EventStatus.CANCELLED.value}, user=user)
        competition_id = store.get_row(db, "stages", session["stage_id"])["competition_id"]
        if db.execute("SELECT 1 FROM competitions WHERE id = ? AND final_event_id = ?",
                      [competition_id, session["event_id"]]).fetchone():
            store.update(db, "competitions", competition_id, {"final_event_id": None}, user=user)
        sync_final_event(db, session["stage_id"], user=user)


def sync_final_event(db: Database, stage_id: int, *, user: str) -> None:
    """A final stage with exactly one session: that session's event is the competition's final."""
    stage = store.get_row(db, "stages", stage_id)
    if stage["level"] != StageLevel.FINAL.value:
        return
    events = [row[0] for row in db.execute(
        "SELECT event_id FROM stage_sessions WHERE stage_id = ?", [stage_id])]
    if len(events) == 1:
        store.update(db, "competitions", stage["competition_id"],
                     {"final_event_id": events[0]}, user=user)
