"""Changing events: edit, cancel, delete, duplicate, and carry over to the next academic year.

Every function is one transaction through `store`, so each change lands in the audit log and
bumps the event's revision (the iCalendar SEQUENCE). Edits name the revision they started
from; if a colleague saved in between, `store.ConflictError` is raised instead of a silent
overwrite, and the editor shows both versions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone

from sqlite_utils import Database

from rcro_tui.errors import UserError
from rcro_tui.model import Attendance, EventFormat, EventKind, EventStatus, Visibility
from rcro_tui.recurrence import Recurrence
from rcro_tui.rules import REGION_TZ, AcademicYear, parse_moment
from rcro_tui.db import store
from rcro_tui.db.events import AgendaPart, AudienceSegment, EventDraft, add_event, event_row, write_parts


def draft_of(db: Database, event_id: int) -> tuple[EventDraft, int]:
    """The stored event as a draft the editor can change, and the revision it was read at."""
    row = store.get_row(db, "events", event_id)
    agenda = [AgendaPart(title=p["title"], start_time=p["start_time"], end_time=p["end_time"],
                         remote=bool(p["remote"]))
              for p in db.query("SELECT * FROM agenda_parts WHERE event_id = ? ORDER BY position",
                                [event_id])]
    audience = [AudienceSegment(who=s["who"], attendance=Attendance(s["attendance"]),
                                parts=s["parts"], note=s["note"])
                for s in db.query("SELECT * FROM audience_segments WHERE event_id = ? "
                                  "ORDER BY position", [event_id])]
    grades = None
    if row["grades_from"] is not None or row["grades_to"] is not None:
        grades = (row["grades_from"] or row["grades_to"], row["grades_to"] or row["grades_from"])
    draft = EventDraft(
        title=row["title"], kind=EventKind(row["kind"]), start=parse_moment(row["start_at"]),
        end=parse_moment(row["end_at"]), format=EventFormat(row["format"]),
        program_id=row["program_id"], host_org_id=row["host_org_id"],
        reg_start=parse_moment(row["reg_start_at"]) if row["reg_start_at"] else None,
        reg_end=parse_moment(row["reg_end_at"]) if row["reg_end_at"] else None,
        venue=row["venue"], online_url=row["online_url"], grades=grades,
        subjects=row["subjects"], status=EventStatus(row["status"]),
        visibility=Visibility(row["visibility"]), description=row["description"],
        contacts=row["contacts"], participants_count=row["participants_count"],
        organizations_count=row["organizations_count"], views_count=row["views_count"],
        results_summary=row["results_summary"], source=row["source"],
        agenda=tuple(agenda), audience=tuple(audience),
        recurrence=Recurrence.parse(row["rrule"], row["exdates"]))
    return draft, row["revision"]


def update_event(db: Database, event_id: int, draft: EventDraft, *, user: str,
                 expected_revision: int | None) -> int:
    """Save an edited event (agenda and audience included); return its new revision.

    Raises ConflictError when the event changed since `expected_revision` was read.
    """
    row = event_row(draft)
    with db.atomic():
        before, revision = draft_of(db, event_id)
        after = store.update(db, "events", event_id, row, user=user,
                             expected_revision=expected_revision)
        parts_changed = (tuple(before.agenda), tuple(before.audience)) != (
            tuple(draft.agenda), tuple(draft.audience))
        if parts_changed:
            _delete_parts(db, event_id, user=user)
            write_parts(db, event_id, draft, user=user)
            if after["revision"] == revision:  # only the parts changed: still a new version
                after = store.update(db, "events", event_id, {"revision": revision + 1},
                                     user=user)
    return after["revision"]


def _delete_parts(db: Database, event_id: int, *, user: str) -> None:
    for table in ("agenda_parts", "audience_segments"):
        for key in [r["id"] for r in db.query(f"SELECT id FROM [{table}] WHERE event_id = ?",
                                              [event_id])]:
            store.delete(db, table, key, user=user)


def set_status(db: Database, event_id: int, status: EventStatus, *, user: str,
               expected_revision: int | None = None) -> int:
    """Change only the status; return the new revision."""
    after = store.update(db, "events", event_id, {"status": EventStatus(status).value},
                         user=user, expected_revision=expected_revision)
    return after["revision"]


def cancel_event(db: Database, event_id: int, *, user: str,
                 expected_revision: int | None = None) -> int:
    """Cancel, keeping the event: feeds must tell subscribers (STATUS:CANCELLED), not drop it."""
    return set_status(db, event_id, EventStatus.CANCELLED, user=user,
                      expected_revision=expected_revision)


def delete_event(db: Database, event_id: int, *, user: str,
                 expected_revision: int | None = None) -> None:
    """Delete an event entered by mistake; events that a stage or a feed depends on are refused,
    and so is one changed since `expected_revision` was read (the person decided on another
    version)."""
    event = store.get_row(db, "events", event_id)
    if db.execute("SELECT 1 FROM stage_sessions WHERE event_id = ?", [event_id]).fetchone():
        raise UserError(f"«{event['title']}» — площадка отборочного этапа: удалите её в "
                        "разделе «Отборы» или отмените мероприятие.")
    if db.execute("SELECT 1 FROM competitions WHERE final_event_id = ?", [event_id]).fetchone():
        raise UserError(f"«{event['title']}» — итоговое событие конкурса: отмените его, "
                        "а не удаляйте.")
    with db.atomic():
        store.check_revision(store.get_row(db, "events", event_id), expected_revision,
                             deleting=True)
        _delete_parts(db, event_id, user=user)
        store.delete(db, "events", event_id, user=user)


def duplicate_event(db: Database, event_id: int, *, user: str, shift: timedelta = timedelta(0),
                    title: str | None = None) -> int:
    """A new event like this one (new UID), moved by `shift`; status planned, results cleared."""
    draft, _ = draft_of(db, event_id)
    moved = replace(
        draft, title=title or draft.title, start=draft.start + shift, end=draft.end + shift,
        reg_start=draft.reg_start + shift if draft.reg_start else None,
        reg_end=draft.reg_end + shift if draft.reg_end else None,
        status=EventStatus.PLANNED, participants_count=None, organizations_count=None,
        views_count=None, results_summary="", source="",
        recurrence=_moved_recurrence(draft.recurrence, shift))
    return add_event(db, moved, user=user)


def _moved_recurrence(rule: Recurrence | None, shift: timedelta) -> Recurrence | None:
    if rule is None:
        return None
    return replace(rule, until=rule.until + shift if rule.until else None,
                   exdates=tuple(day + shift for day in rule.exdates))


def next_year_shift(start: date | datetime) -> timedelta:
    """52 weeks (same weekday, about the same date), or 53 if that stays in the same school year.

    «Tuesday 19 April 2022» becomes «Tuesday 18 April 2023»: schools plan by weekday.
    """
    day = start.date() if isinstance(start, datetime) else start
    target = AcademicYear(AcademicYear.containing(day).start_year + 1)
    shift = timedelta(weeks=52)
    return shift if day + shift in target else timedelta(weeks=53)


def duplicate_to_next_year(db: Database, event_id: int, *, user: str) -> int:
    """Carry an event over to the next academic year (same weekday); return the new id."""
    draft, _ = draft_of(db, event_id)
    return duplicate_event(db, event_id, user=user, shift=next_year_shift(draft.start))


@dataclass(frozen=True)
class ChangeStamp:
    """Who last changed an event and when (wall clock of the region), for the conflict dialog."""

    login: str
    full_name: str
    at: datetime

    @property
    def who(self) -> str:
        """«Петров Андрей Владимирович (petrov)», or the login alone for an unknown user."""
        return f"{self.full_name} ({self.login})" if self.full_name else self.login


def last_change(db: Database, event_id: int) -> ChangeStamp | None:
    """The latest audit entry of the event's own row (a parts-only edit logs one too)."""
    rows = list(db.query(
        "SELECT c.user, c.at, COALESCE(u.full_name, '') AS full_name FROM changes c "
        "LEFT JOIN users u ON u.login = c.user WHERE c.table_name = 'events' AND c.row_id = ? "
        "ORDER BY c.id DESC LIMIT 1", [str(event_id)]))
    if not rows:
        return None
    at = datetime.strptime(rows[0]["at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    return ChangeStamp(rows[0]["user"], rows[0]["full_name"],
                       at.astimezone(REGION_TZ).replace(tzinfo=None))
