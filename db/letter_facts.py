"""Everything a letter about one event says, read from the database in one place.

`letter_facts` refuses (InputError, in Russian, naming what is missing) only where the letter
would have nothing to say: a cancelled event, or «Об итогах» with no results at all. A fact
that is merely absent (no agenda, no audience, no registration, no venue) leaves its
paragraph out; the README says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.model import EventStatus
from rcro_tui.org_grouping import Listed
from rcro_tui.rules import parse_moment
from rcro_tui.db.event_orgs import participants
from rcro_tui.db.letter_settings import LetterSettings, letter_settings
from rcro_tui.db.store import NotFoundError, get_row

ANNOUNCE, RESULTS = "announce", "results"
LETTER_KINDS = {ANNOUNCE: "О проведении", RESULTS: "Об итогах"}


@dataclass(frozen=True)
class Program:
    kind: str
    name: str
    short_name: str


@dataclass(frozen=True)
class LetterFacts:
    """One event as a letter needs it; times are wall-clock (`date` for all-day events)."""

    letter: str
    title: str
    kind: str
    format: str
    start: date | datetime
    end: date | datetime
    reg_start: date | datetime | None = None
    reg_end: date | datetime | None = None
    venue: str = ""
    online_url: str = ""
    program: Program | None = None
    participants_count: int | None = None
    organizations_count: int | None = None
    views_count: int | None = None
    results_summary: str = ""
    contacts: str = ""
    agenda: list[dict] = field(default_factory=list)
    audience: list[dict] = field(default_factory=list)
    organizations: list[Listed] = field(default_factory=list)
    settings: LetterSettings = field(default_factory=LetterSettings)


def letter_facts(db: Database, event_id: int, letter: str) -> LetterFacts:
    """The facts of `letter` («announce» or «results») for one event, or InputError why not."""
    if letter not in LETTER_KINDS:
        raise InputError(f"Письмо «{letter}» — бывают announce (о проведении) и results "
                         "(об итогах).")
    try:
        event = get_row(db, "events", event_id)
    except NotFoundError:
        raise InputError(f"Мероприятия № {event_id} нет в базе.") from None
    if event["status"] == EventStatus.CANCELLED:
        raise InputError(f"«{event['title']}» отменено: письмо «{LETTER_KINDS[letter]} …» "
                         "о нём не составляется.")
    orgs = participants(db, event_id) if letter == RESULTS else []
    if letter == RESULTS and not (event["participants_count"] or event["results_summary"]
                                  or orgs or event["organizations_count"]):
        raise InputError(f"У «{event['title']}» ещё нет итогов: укажите число участников "
                         "или итоги мероприятия (поля «Участников» и «Итоги»), затем "
                         "составьте письмо «Об итогах».")
    return LetterFacts(
        letter=letter, title=event["title"], kind=event["kind"], format=event["format"],
        start=parse_moment(event["start_at"]), end=parse_moment(event["end_at"]),
        reg_start=_moment(event["reg_start_at"]), reg_end=_moment(event["reg_end_at"]),
        venue=event["venue"], online_url=event["online_url"],
        program=_program(db, event["program_id"]),
        participants_count=event["participants_count"],
        organizations_count=event["organizations_count"], views_count=event["views_count"],
        results_summary=event["results_summary"], contacts=event["contacts"],
        agenda=list(db.query("SELECT title, remote, start_time, end_time FROM agenda_parts "
                             "WHERE event_id = ? ORDER BY position", [event_id])),
        audience=list(db.query("SELECT who, attendance, parts, note FROM audience_segments "
                               "WHERE event_id = ? ORDER BY position", [event_id])),
        organizations=orgs, settings=letter_settings(db))


def _moment(text: str | None) -> date | datetime | None:
    return parse_moment(text) if text else None


def _program(db: Database, program_id: int | None) -> Program | None:
    if program_id is None:
        return None
    row = get_row(db, "programs", program_id)
    return Program(row["kind"], row["name"], row["short_name"])


def find_letter_event(db: Database, ref: str) -> int:
    """An event by number, UID or words of its title; InputError when none or several match."""
    ref = ref.strip()
    if ref.isdigit():
        if db.execute("SELECT 1 FROM events WHERE id = ?", [int(ref)]).fetchone():
            return int(ref)
        raise InputError(f"Мероприятия № {ref} нет в базе.")
    rows = db.execute("SELECT id FROM events WHERE uid = ?", [ref]).fetchall()
    if rows:
        return rows[0][0]
    words = [w for w in ref.casefold().replace("ё", "е").split() if w]
    if not words:
        raise InputError("Не указано мероприятие: номер, UID или слова из названия.")
    found = [(i, t, s) for i, t, s in db.execute(
        "SELECT id, title, start_at FROM events ORDER BY start_at, id")
        if all(w in t.casefold().replace("ё", "е") for w in words)]
    if len(found) == 1:
        return found[0][0]
    if not found:
        raise InputError(f"Мероприятие «{ref}» не найдено: укажите номер, UID или другие "
                         "слова из названия.")
    shown = "; ".join(f"№ {i} «{t}» ({s[:10]})" for i, t, s in found[:5])
    raise InputError(f"Под «{ref}» подходит несколько мероприятий: {shown}"
                     f"{' …' if len(found) > 5 else ''}. Укажите номер.")
