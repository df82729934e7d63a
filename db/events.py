"""Writing events of the calendar, with their agenda parts and audience segments.

Every value is checked before it is stored (enums, an end not before the start, text without
control characters), and each event gets a UID that never changes: `event-<id>@<domain>`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.model import Attendance, EventFormat, EventKind, EventStatus, Visibility
from rcro_tui.recurrence import Recurrence
from rcro_tui.rules import REGION_TZ_NAME, check_span, clean_text, moment_text, require_text
from rcro_tui.db import store

DEFAULT_UID_DOMAIN = "rcro.tomsk.ru"
MAX_TITLE = 300
"""Longest title any writer stores: longer text is a description pasted into the wrong field."""


@dataclass(frozen=True)
class AgendaPart:
    """One part (такт) of an event's programme; `remote` if online participants follow it."""

    title: str
    start_time: str | None = None
    end_time: str | None = None
    remote: bool = False


@dataclass(frozen=True)
class AudienceSegment:
    """Who is invited, how they attend, and (optionally) for which agenda parts («1–2»)."""

    who: str
    attendance: Attendance = Attendance.IN_PERSON
    parts: str = ""
    note: str = ""


@dataclass
class EventDraft:
    """Everything a new event can carry; validated by `add_event`."""

    title: str
    kind: EventKind
    start: date | datetime
    end: date | datetime
    format: EventFormat = EventFormat.IN_PERSON
    program_id: int | None = None
    host_org_id: int | None = None
    reg_start: date | datetime | None = None
    reg_end: date | datetime | None = None
    venue: str = ""
    online_url: str = ""
    grades: tuple[int, int] | None = None
    subjects: str = ""
    status: EventStatus = EventStatus.PLANNED
    visibility: Visibility = Visibility.PUBLIC
    description: str = ""
    contacts: str = ""
    participants_count: int | None = None
    organizations_count: int | None = None
    views_count: int | None = None
    results_summary: str = ""
    source: str = ""
    agenda: Sequence[AgendaPart] = field(default_factory=tuple)
    audience: Sequence[AudienceSegment] = field(default_factory=tuple)
    recurrence: Recurrence | None = None


def event_row(draft: EventDraft) -> dict[str, Any]:
    """The events row for a draft, or InputError saying which field is wrong."""
    title = require_text(draft.title, field="Название мероприятия")
    if len(title) > MAX_TITLE:
        raise InputError(f"Название мероприятия длиной {len(title)} символов — допускается "
                         f"не больше {MAX_TITLE}; подробности перенесите в описание.")
    all_day = not isinstance(draft.start, datetime)
    if all_day == isinstance(draft.end, datetime):
        raise InputError(f"«{title}»: начало и окончание должны быть оба с временем или оба без.")
    check_span(draft.start, draft.end, what=f"«{title}»")
    if draft.reg_start and draft.reg_end:
        check_span(draft.reg_start, draft.reg_end, what=f"«{title}», приём заявок")
    if draft.reg_start and _day(draft.reg_start) > _day(draft.start):
        raise InputError(f"«{title}»: приём заявок начинается "
                         f"({_day(draft.reg_start):%d.%m.%Y}) позже самого мероприятия "
                         f"({_day(draft.start):%d.%m.%Y}).")
    if draft.recurrence and draft.recurrence.until and draft.recurrence.until < _day(draft.start):
        raise InputError(f"«{title}»: повторение заканчивается "
                         f"({draft.recurrence.until:%d.%m.%Y}) раньше первого раза.")
    if draft.grades and not 1 <= draft.grades[0] <= draft.grades[1] <= 11:
        raise InputError(f"«{title}»: классы {draft.grades[0]}–{draft.grades[1]} — ожидается 1–11.")
    grades = draft.grades or (None, None)
    return {
        "title": title, "kind": EventKind(draft.kind).value,
        "program_id": draft.program_id, "host_org_id": draft.host_org_id,
        "all_day": int(all_day), "start_at": moment_text(draft.start),
        "end_at": moment_text(draft.end), "tz": REGION_TZ_NAME,
        "reg_start_at": moment_text(draft.reg_start) if draft.reg_start else None,
        "reg_end_at": moment_text(draft.reg_end) if draft.reg_end else None,
        "format": EventFormat(draft.format).value, "venue": clean_text(draft.venue),
        "online_url": clean_text(draft.online_url), "grades_from": grades[0],
        "grades_to": grades[1], "subjects": clean_text(draft.subjects),
        "status": EventStatus(draft.status).value,
        "visibility": Visibility(draft.visibility).value,
        "description": clean_text(draft.description, multiline=True),
        "contacts": clean_text(draft.contacts, multiline=True),
        "participants_count": draft.participants_count,
        "organizations_count": draft.organizations_count, "views_count": draft.views_count,
        "results_summary": clean_text(draft.results_summary, multiline=True),
        "source": clean_text(draft.source),
        "rrule": draft.recurrence.rrule_text() if draft.recurrence else "",
        "exdates": draft.recurrence.exdates_text() if draft.recurrence else "",
    }


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def add_event(db: Database, draft: EventDraft, *, user: str) -> int:
    """Store a new event with its agenda and audience in one transaction; return its id."""
    row = event_row(draft)
    domain = store.get_setting(db, "uid_domain", DEFAULT_UID_DOMAIN)
    with db.atomic():
        event_id = store.insert(db, "events", row, user=user,
                                derive=lambda new_id: {"uid": f"event-{new_id}@{domain}"})
        write_parts(db, event_id, draft, user=user)
    return event_id


def write_parts(db: Database, event_id: int, draft: EventDraft, *, user: str) -> None:
    """Insert the draft's agenda parts and audience segments, numbered from 1 (audited)."""
    for position, part in enumerate(draft.agenda, start=1):
        store.insert(db, "agenda_parts", {
            "event_id": event_id, "position": position,
            "title": require_text(part.title, field="Такт программы"),
            "start_time": part.start_time, "end_time": part.end_time,
            "remote": int(part.remote)}, user=user)
    for position, segment in enumerate(draft.audience, start=1):
        store.insert(db, "audience_segments", {
            "event_id": event_id, "position": position,
            "who": require_text(segment.who, field="Целевая аудитория"),
            "attendance": Attendance(segment.attendance).value,
            "parts": clean_text(segment.parts), "note": clean_text(segment.note)}, user=user)
