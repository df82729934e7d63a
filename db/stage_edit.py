"""A competition's stages as coordinators edit them: add, change, delete, move up or down.

Stages are numbered 1, 2, 3… within their competition (the order participants go through
them); deleting one closes the gap and moving one swaps it with its neighbour, so the numbers
stay unique and without holes. A stage with participants is not deleted (their results are
records); a stage's sessions go with it and their events are cancelled, not deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from rcro_tui.errors import InputError, UserError
from rcro_tui.i18n import count
from rcro_tui.model import StageLevel
from rcro_tui.rules import clean_text, parse_date
from rcro_tui.db import store
from rcro_tui.db.competitions import FormError, parse_grades
from rcro_tui.db.stage_sessions import remove_session
from rcro_tui.db.stages import add_stage

MAX_NAME = 200
DATE_FIELDS = {"start": "Начало", "end": "Окончание", "reg_start": "Приём заявок с",
               "reg_end": "Приём заявок по"}


@dataclass(frozen=True)
class StageDraft:
    level: StageLevel
    name: str
    start: date | None = None
    end: date | None = None
    reg: tuple[date, date] | None = None
    grades: tuple[int, int] | None = None
    subjects: str = ""
    max_score: float | None = None


def default_name(level: StageLevel) -> str:
    """«Отборочный этап» for a stage whose name was left empty (not for «другой»)."""
    return f"{level.label.capitalize()} этап"


def read_stage(values: dict) -> StageDraft:
    """A draft from the form's text; every problem at once, keyed by field."""
    problems: dict[str, str] = {}
    level_text = values.get("level") or ""
    level = StageLevel(level_text) if level_text in {lv.value for lv in StageLevel} else None
    if level is None:
        problems["level"] = "Уровень: выберите уровень этапа."
    name = clean_text(values.get("name", ""))
    if not name and level is StageLevel.OTHER:
        problems["name"] = "Название: для уровня «другой» впишите название этапа."
    elif len(name) > MAX_NAME:
        problems["name"] = f"Название: {len(name)} символов, а можно не больше {MAX_NAME}."
    days = _dates(values, problems)
    grades = None
    try:
        grades = parse_grades(values.get("grades", ""))
    except InputError as error:
        problems["grades"] = error.message
    max_score = _max_score(values.get("max_score", ""), problems)
    if problems:
        raise FormError(problems)
    reg = None
    if days["reg_start"] or days["reg_end"]:
        reg = (days["reg_start"] or days["reg_end"], days["reg_end"] or days["reg_start"])
    return StageDraft(level, name or default_name(level), days["start"],
                      days["end"] or days["start"], reg, grades,
                      clean_text(values.get("subjects", "")), max_score)


def _dates(values: dict, problems: dict[str, str]) -> dict[str, date | None]:
    days: dict[str, date | None] = {}
    for field, label in DATE_FIELDS.items():
        text = (values.get(field) or "").strip()
        try:
            days[field] = parse_date(text, field=label) if text else None
        except InputError as error:
            problems[field] = error.message
            days[field] = None
    if days["end"] and not days["start"] and "start" not in problems:
        problems["start"] = "Начало: укажите первый день этапа."
    if days["start"] and days["end"] and days["end"] < days["start"]:
        problems["end"] = f"Окончание {days['end']:%d.%m.%Y} раньше начала {days['start']:%d.%m.%Y}."
    if days["reg_start"] and days["reg_end"] and days["reg_end"] < days["reg_start"]:
        problems["reg_end"] = (f"Приём заявок по {days['reg_end']:%d.%m.%Y} — раньше, чем "
                               f"с {days['reg_start']:%d.%m.%Y}.")
    if days["reg_start"] and days["start"] and days["reg_start"] > days["start"]:
        problems["reg_start"] = ("Приём заявок с: начинается позже самого этапа "
                                 f"({days['start']:%d.%m.%Y}).")
    return days


def _max_score(text: str, problems: dict[str, str]) -> float | None:
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        problems["max_score"] = f"Макс. балл: «{text}» — не число (например 100 или 42,5)."
        return None
    if value <= 0:
        problems["max_score"] = f"Макс. балл: {value:g} — должен быть больше нуля."
    return value


def get_stage(db: Database, stage_id: int) -> dict:
    rows = list(db.query("SELECT * FROM stages WHERE id = ?", [stage_id]))
    if not rows:
        raise store.NotFoundError(f"Этапа №{stage_id} нет: возможно, его удалили.")
    return rows[0]


def save_stage(db: Database, draft: StageDraft, *, user: str, competition_id: int | None = None,
               stage_id: int | None = None, expected_revision: int | None = None) -> int:
    """Add a stage after the competition's last one (no `stage_id`), or change one."""
    with db.atomic():
        if stage_id is None:
            if competition_id is None:
                raise UserError("Этап добавляется в конкурс: выберите конкурс.")
            position = db.execute("SELECT COALESCE(max(position), 0) + 1 FROM stages "
                                  "WHERE competition_id = ?", [competition_id]).fetchone()[0]
            return add_stage(db, competition_id, position, draft.level, draft.name, user=user,
                             start=draft.start, end=draft.end, reg=draft.reg,
                             grades=draft.grades, subjects=draft.subjects,
                             max_score=draft.max_score)
        low, high = draft.grades or (None, None)
        store.update(db, "stages", stage_id, {
            "level": draft.level.value, "name": draft.name,
            "start_date": _iso(draft.start), "end_date": _iso(draft.end),
            "reg_start": _iso(draft.reg[0]) if draft.reg else None,
            "reg_end": _iso(draft.reg[1]) if draft.reg else None,
            "grades_from": low, "grades_to": high, "subjects": draft.subjects,
            "max_score": draft.max_score}, user=user, expected_revision=expected_revision)
    return stage_id


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def stage_footprint(db: Database, stage_id: int) -> tuple[str, int, int]:
    """(name, sessions, entries) of a stage: what the delete confirmation names."""
    stage = get_stage(db, stage_id)
    sessions = db.execute("SELECT count(*) FROM stage_sessions WHERE stage_id = ?",
                          [stage_id]).fetchone()[0]
    entries = db.execute("SELECT count(*) FROM entries WHERE stage_id = ?",
                         [stage_id]).fetchone()[0]
    return stage["name"], sessions, entries


def delete_question(db: Database, stage_id: int) -> tuple[str, bool]:
    """The confirmation's text, and whether deleting is allowed at all."""
    name, sessions, entries = stage_footprint(db, stage_id)
    if entries:
        return (f"Этап «{name}» удалить нельзя: в нём "
                f"{count(entries, 'участник', 'участника', 'участников')}. Сначала удалите "
                "участников этапа.", False)
    return (f"Удалить этап «{name}»? Мероприятия его площадок ({sessions}) останутся в "
            "календаре со статусом «отменено».", True)


def delete_stage(db: Database, stage_id: int, *, user: str,
                 expected_revision: int | None = None) -> None:
    """Delete a stage without participants; its sessions' events are cancelled, numbers closed up.

    Not a stage changed since `expected_revision` was read (ConflictError)."""
    with db.atomic():
        text, allowed = delete_question(db, stage_id)
        if not allowed:
            raise UserError(text)
        stage = get_stage(db, stage_id)
        store.check_revision(stage, expected_revision, deleting=True)
        for (session_id,) in db.execute("SELECT id FROM stage_sessions WHERE stage_id = ?",
                                        [stage_id]).fetchall():
            remove_session(db, session_id, user=user)
        store.delete(db, "stages", stage_id, user=user)
        later = db.execute("SELECT id, position FROM stages WHERE competition_id = ? AND "
                           "position > ? ORDER BY position", [stage["competition_id"],
                                                              stage["position"]]).fetchall()
        for other_id, position in later:
            store.update(db, "stages", other_id, {"position": position - 1}, user=user)


def move_stage(db: Database, stage_id: int, step: int, *, user: str) -> bool:
    """Swap a stage with the one before (step -1) or after (+1); False at either end."""
    with db.atomic():
        stage = get_stage(db, stage_id)
        other = db.execute("SELECT id, position FROM stages WHERE competition_id = ? AND "
                           "position = ?", [stage["competition_id"],
                                            stage["position"] + step]).fetchone()
        if other is None:
            return False
        store.update(db, "stages", stage_id, {"position": -stage["position"]}, user=user)
        store.update(db, "stages", other[0], {"position": stage["position"]}, user=user)
        store.update(db, "stages", stage_id, {"position": other[1]}, user=user)
    return True
