"""Competitions as coordinators edit them, and the list the «Отборы» section starts from.

What is typed is read by `read_competition` (every problem at once, each under its field, in
Russian); `save_competition` adds or changes the row through `store` (audited; a change names
the revision it started from, so two coordinators never overwrite each other).

Deleting follows one rule, said in the confirmation: a competition that has participants is
refused (their results are records); otherwise its stages go with it and its sessions' events
are cancelled, not deleted (subscribers' calendars learn that they are off).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from rcro_tui.errors import InputError, UserError
from rcro_tui.i18n import count, date_short
from rcro_tui.model import EventKind, HighRatedList
from rcro_tui.rules import AcademicYear, clean_text, grades_label
from rcro_tui.db import store
from rcro_tui.db.event_filter import fold
from rcro_tui.db.stages import add_competition
from rcro_tui.db.views import TableView

FIELD_LABELS = {"title": "Название", "kind": "Вид", "program": "Программа",
                "year": "Учебный год", "subjects": "Предметы", "grades": "Классы",
                "high_rated": "Перечень", "organizer": "Организатор",
                "description": "Описание"}
MAX_TITLE = 300
_GRADES = re.compile(r"\s*(\d{1,2})\s*(?:[-–—]\s*(\d{1,2}))?\s*(?:класс\w*)?\s*$")


@dataclass(frozen=True)
class CompetitionDraft:
    title: str
    kind: EventKind
    academic_year: int
    program_id: int | None = None
    subjects: str = ""
    grades: tuple[int, int] | None = None
    high_rated: HighRatedList = HighRatedList.NONE
    organizer_org_id: int | None = None
    description: str = ""


class FormError(InputError):
    """Everything wrong at once: `problems[field] = Russian sentence`."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__(" ".join(problems.values()))


def parse_grades(text: str, *, field: str = "Классы") -> tuple[int, int] | None:
    """«7–8», «7-8», «8», «5–11 классы» as (from, to); None when empty."""
    if not text.strip():
        return None
    match = _GRADES.match(text)
    if match is None:
        raise InputError(f"{field}: «{text.strip()}» — ожидается вид 7–8 или 8.")
    low = int(match[1])
    high = int(match[2]) if match[2] else low
    if not 1 <= low <= high <= 11:
        raise InputError(f"{field}: «{text.strip()}» — классы с 1 по 11, сначала младший.")
    return low, high


def grades_text(low: int | None, high: int | None) -> str:
    """What the form shows for stored grades: «7–8», «8» or «»."""
    if low is None and high is None:
        return ""
    low, high = low or high, high or low
    return str(low) if low == high else f"{low}–{high}"


def read_competition(values: dict) -> CompetitionDraft:
    """A draft from the form's values (text, and ids or None for the choices)."""
    problems: dict[str, str] = {}
    title = clean_text(values.get("title", ""))
    if not title:
        problems["title"] = "Название: впишите название конкурса или олимпиады."
    elif len(title) > MAX_TITLE:
        problems["title"] = f"Название: {len(title)} символов, а можно не больше {MAX_TITLE}."
    kind = values.get("kind") or ""
    if kind not in {k.value for k in EventKind}:
        problems["kind"] = "Вид: выберите вид (олимпиада, конкурс, фестиваль…)."
    year = None
    try:
        year = AcademicYear.parse(values.get("year", "")).start_year
    except InputError as error:
        problems["year"] = f"Учебный год: {error.message}"
    grades = None
    try:
        grades = parse_grades(values.get("grades", ""))
    except InputError as error:
        problems["grades"] = error.message
    if problems:
        raise FormError(problems)
    return CompetitionDraft(
        title, EventKind(kind), year, values.get("program") or None,
        clean_text(values.get("subjects", "")), grades,
        HighRatedList(values.get("high_rated") or ""), values.get("organizer") or None,
        clean_text(values.get("description", ""), multiline=True))


def get_competition(db: Database, competition_id: int) -> dict:
    rows = list(db.query("SELECT * FROM competitions WHERE id = ?", [competition_id]))
    if not rows:
        raise store.NotFoundError(f"Конкурса №{competition_id} нет: возможно, его удалили.")
    return rows[0]


def save_competition(db: Database, draft: CompetitionDraft, *, user: str,
                     competition_id: int | None = None,
                     expected_revision: int | None = None) -> int:
    """Add (no `competition_id`) or change a competition; return its number."""
    with db.atomic():
        same = db.execute("SELECT id FROM competitions WHERE title = ? AND academic_year = ? "
                          "AND id IS NOT ?", [draft.title, draft.academic_year,
                                              competition_id]).fetchone()
        if same:
            raise FormError({"title": f"Название: «{draft.title}» в "
                                      f"{AcademicYear(draft.academic_year)} уч. году уже есть "
                                      f"(№{same[0]})."})
        if competition_id is None:
            return add_competition(
                db, draft.title, draft.kind, draft.academic_year, user=user,
                program_id=draft.program_id, subjects=draft.subjects, grades=draft.grades,
                high_rated=draft.high_rated, organizer_org_id=draft.organizer_org_id,
                description=draft.description)
        low, high = draft.grades or (None, None)
        store.update(db, "competitions", competition_id, {
            "title": draft.title, "kind": draft.kind.value, "program_id": draft.program_id,
            "academic_year": draft.academic_year, "subjects": draft.subjects,
            "grades_from": low, "grades_to": high, "high_rated": draft.high_rated.value,
            "organizer_org_id": draft.organizer_org_id, "description": draft.description},
            user=user, expected_revision=expected_revision)
    return competition_id


@dataclass(frozen=True)
class Footprint:
    """What deleting a competition would touch: the confirmation says it in numbers."""

    title: str
    stages: int
    sessions: int
    entries: int

    def question(self) -> str:
        if self.entries:
            return refusal(self)
        return (f"Удалить «{self.title}» и его {count(self.stages, 'этап', 'этапа', 'этапов')}? "
                f"Мероприятия площадок ({self.sessions}) останутся в календаре со статусом "
                "«отменено», чтобы подписчики узнали об отмене.")


def refusal(footprint: Footprint) -> str:
    return (f"«{footprint.title}» удалить нельзя: в нём "
            f"{count(footprint.entries, 'участник', 'участника', 'участников')}. "
            "Сначала удалите участников этапов (их результаты — документ).")


def footprint(db: Database, competition_id: int) -> Footprint:
    title = get_competition(db, competition_id)["title"]
    stages, sessions, entries = db.execute("""
        SELECT count(DISTINCT s.id), count(DISTINCT ss.id),
               (SELECT count(*) FROM entries e JOIN stages s2 ON s2.id = e.stage_id
                WHERE s2.competition_id = :c)
        FROM stages s LEFT JOIN stage_sessions ss ON ss.stage_id = s.id
        WHERE s.competition_id = :c""", {"c": competition_id}).fetchone()
    return Footprint(title, stages, sessions, entries)


def delete_competition(db: Database, competition_id: int, *, user: str,
                       expected_revision: int | None = None) -> Footprint:
    """Delete a competition without participants: stages and sessions go, events are cancelled.

    Not one changed since `expected_revision` was read (ConflictError)."""
    from rcro_tui.db.stage_edit import delete_stage  # stage_edit imports this module

    with db.atomic():
        store.check_revision(store.get_row(db, "competitions", competition_id),
                             expected_revision, deleting=True)
        found = footprint(db, competition_id)
        if found.entries:
            raise UserError(refusal(found))
        store.update(db, "competitions", competition_id, {"final_event_id": None}, user=user)
        for (stage_id,) in db.execute("SELECT id FROM stages WHERE competition_id = ? "
                                      "ORDER BY position DESC", [competition_id]).fetchall():
            delete_stage(db, stage_id, user=user)
        store.delete(db, "competitions", competition_id, user=user)
    return found


def competition_years(db: Database) -> list[int]:
    """The academic years that have competitions, newest first."""
    return [row[0] for row in db.execute(
        "SELECT DISTINCT academic_year FROM competitions ORDER BY 1 DESC")]


def competitions_view(db: Database, year: int | None = None, text: str = "") -> TableView:
    """Competitions of one academic year (None: all), narrowed by words of the title."""
    title = f"Конкурсы и олимпиады · {AcademicYear(year)} уч. год" if year else \
        "Конкурсы и олимпиады"
    view = TableView(title, ("№", "Название", "Вид", "Классы", "Этапов", "Площадок",
                             "Участников", "Даты"),
                     empty="Конкурсов нет: A — добавить; [ и ] — другой учебный год.")
    words = fold(text).split()
    for row in db.query("""
        SELECT c.id, c.title, c.kind, c.grades_from, c.grades_to,
               (SELECT count(*) FROM stages s WHERE s.competition_id = c.id) AS stages,
               (SELECT count(*) FROM stage_sessions ss JOIN stages s ON s.id = ss.stage_id
                WHERE s.competition_id = c.id) AS sessions,
               (SELECT count(*) FROM entries e JOIN stages s ON s.id = e.stage_id
                WHERE s.competition_id = c.id) AS entries,
               (SELECT min(start_date) FROM stages s WHERE s.competition_id = c.id) AS first,
               (SELECT max(end_date) FROM stages s WHERE s.competition_id = c.id) AS last
        FROM competitions c WHERE :year IS NULL OR c.academic_year = :year
        ORDER BY c.title, c.id""", {"year": year}):
        if words and not all(word in fold(row["title"]) for word in words):
            continue
        view.add(row["id"], str(row["id"]), row["title"], EventKind(row["kind"]).label,
                 grades_label(row["grades_from"], row["grades_to"]), str(row["stages"]),
                 str(row["sessions"]), str(row["entries"]), _span(row["first"], row["last"]))
    return view


def _span(first: str | None, last: str | None) -> str:
    if not first:
        return ""
    start, end = date.fromisoformat(first), date.fromisoformat(last or first)
    return date_short(start) if start == end else f"{date_short(start)}–{date_short(end)}"
