"""Programmes as coordinators edit them: name, kind, period, coordinator, description.

What is typed is read by `read_program` (every problem at once, each under its field, in
Russian); `save_program` adds or changes the row through `store` (audited; a change names
the revision it started from, so two coordinators never overwrite each other).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.model import ProgramKind
from rcro_tui.rules import clean_text, parse_date
from rcro_tui.db import store
from rcro_tui.db.network import add_program

FIELD_LABELS = {"name": "Название", "short_name": "Краткое", "kind": "Вид",
                "start": "Начало", "end": "Окончание", "coordinator": "Координатор",
                "description": "Описание"}
MAX_NAME = 300


@dataclass(frozen=True)
class ProgramDraft:
    name: str
    kind: ProgramKind
    short_name: str = ""
    start: date | None = None
    end: date | None = None
    coordinator: str = ""
    description: str = ""


class ProgramError(InputError):
    """Everything wrong at once: `problems[field] = Russian sentence`."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__(" ".join(problems.values()))


def read_program(values: dict[str, str]) -> ProgramDraft:
    """A draft from typed text (dates as 01.09.2017, empty for «не указано»)."""
    problems: dict[str, str] = {}
    name = clean_text(values.get("name", ""))
    if not name:
        problems["name"] = "Название: впишите название программы или проекта."
    elif len(name) > MAX_NAME:
        problems["name"] = f"Название: {len(name)} символов, а можно не больше {MAX_NAME}."
    kind = values.get("kind", "")
    if kind not in {k.value for k in ProgramKind}:
        problems["kind"] = "Вид: выберите вид программы."
    days: dict[str, date | None] = {}
    for field in ("start", "end"):
        text = values.get(field, "").strip()
        try:
            days[field] = parse_date(text, field=FIELD_LABELS[field]) if text else None
        except InputError as error:
            problems[field] = error.message
    if not problems and days["start"] and days["end"] and days["end"] < days["start"]:
        problems["end"] = (f"Окончание {days['end']:%d.%m.%Y} раньше начала "
                           f"{days['start']:%d.%m.%Y}.")
    if problems:
        raise ProgramError(problems)
    return ProgramDraft(name, ProgramKind(kind), clean_text(values.get("short_name", "")),
                        days["start"], days["end"], clean_text(values.get("coordinator", "")),
                        clean_text(values.get("description", ""), multiline=True))


def get_program(db: Database, program_id: int) -> dict:
    rows = list(db.query("SELECT * FROM programs WHERE id = ?", [program_id]))
    if not rows:
        raise store.NotFoundError(f"Программы №{program_id} нет: возможно, её удалили.")
    return rows[0]


def _refuse_same_name(db: Database, draft: ProgramDraft, own_id: int | None) -> None:
    row = db.execute("SELECT id FROM programs WHERE name = ? AND id IS NOT ?",
                     [draft.name, own_id]).fetchone()
    if row:
        raise ProgramError({"name": f"Название: программа «{draft.name}» уже есть (№{row[0]})."})


def save_program(db: Database, draft: ProgramDraft, *, user: str, program_id: int | None = None,
                 expected_revision: int | None = None) -> int:
    """Add (no `program_id`) or change a programme; return its number."""
    with db.atomic():
        _refuse_same_name(db, draft, program_id)
        if program_id is None:
            return add_program(db, draft.name, draft.kind, user=user, short_name=draft.short_name,
                               start=draft.start, end=draft.end, coordinator=draft.coordinator,
                               description=draft.description)
        store.update(db, "programs", program_id, {
            "name": draft.name, "short_name": draft.short_name, "kind": draft.kind.value,
            "start_date": draft.start.isoformat() if draft.start else None,
            "end_date": draft.end.isoformat() if draft.end else None,
            "coordinator": draft.coordinator, "description": draft.description},
            user=user, expected_revision=expected_revision)
    return program_id
