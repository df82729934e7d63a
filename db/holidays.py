"""Public holidays and school breaks (каникулы) of each academic year, as coordinators edit them.

The calendar shades these days and the editor warns about an event on a public holiday, so
the table must say what this region actually rests on: the Labour Code's holidays are filled
in by `fill_public_holidays`, the government's yearly decree and the region's school breaks
are typed in by hand. Every write goes through `store` (audited); the table has no revision
column, so an edit is a plain audited update (last writer wins, the log keeps both).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.i18n import count, date_span
from rcro_tui.model import HolidayKind
from rcro_tui.rules import AcademicYear, clean_text, parse_date
from rcro_tui.db import store

MIN_YEAR, MAX_YEAR = 2000, 2100
"""Dates outside these years are typing slips (2207 for 2027), not holidays to shade."""
MAX_DAYS = 120
"""Longer than any break (summer is 92 days): a period this long has a wrong year in it."""
MAX_NAME = 120

FIELD_LABELS = {"first_day": "Первый день", "last_day": "Последний день", "name": "Название",
                "kind": "Вид", "period": "Даты"}
"""The fields a problem can be about; the form shows each message next to its field."""

SATURDAY = 5


@dataclass(frozen=True)
class HolidayDraft:
    """A holiday or break as typed, before it is stored."""

    first_day: date
    last_day: date
    name: str
    kind: HolidayKind = HolidayKind.SCHOOL_BREAK


@dataclass(frozen=True)
class Holiday:
    """One stored row of `holidays`."""

    id: int
    first_day: date
    last_day: date
    name: str
    kind: HolidayKind
    revision: int = 1
    """The version the person saw: a save or delete from an older one is refused."""

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def dates_text(self) -> str:
        """«4 ноября 2026 г.», «31 октября – 8 ноября 2026 г.»"""
        return date_span(self.first_day, self.last_day)

    def days_text(self) -> str:
        """«9 дней»"""
        return count(self.days, "день", "дня", "дней")

    def draft(self) -> HolidayDraft:
        return HolidayDraft(self.first_day, self.last_day, self.name, self.kind)


class HolidayError(InputError):
    """Everything wrong with a holiday at once: `problems[field] = Russian sentence`."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = {name: problems[name] for name in FIELD_LABELS if name in problems}
        super().__init__(" ".join(self.problems.values()))


# Checking ----------------------------------------------------------------------------------

def read_holiday(first: str, last: str, name: str, kind: str) -> HolidayDraft:
    """What a person typed (dates as 04.11.2026, kind as a code or «каникулы») as a draft.

    An empty last day means a single day. Raises HolidayError with every problem found,
    each under its field.
    """
    problems: dict[str, str] = {}
    first_day = _read_day(first, "first_day", problems)
    last_day = _read_day(last, "last_day", problems) if last.strip() else first_day
    holiday_kind = _read_kind(kind, problems)
    if problems:
        _name_problem(name, problems)
        raise HolidayError(problems)
    return check_holiday(HolidayDraft(first_day, last_day, name, holiday_kind))


def check_holiday(draft: HolidayDraft) -> HolidayDraft:
    """The draft with its name cleaned, or HolidayError: order, plausible years and length."""
    problems: dict[str, str] = {}
    name = _name_problem(draft.name, problems)
    for field, day in (("first_day", draft.first_day), ("last_day", draft.last_day)):
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            problems[field] = (f"{FIELD_LABELS[field]}: {day:%d.%m.%Y} — год вне "
                               f"{MIN_YEAR}–{MAX_YEAR}; проверьте год.")
    if "last_day" not in problems and draft.last_day < draft.first_day:
        problems["last_day"] = (f"Последний день ({draft.last_day:%d.%m.%Y}) раньше первого "
                                f"({draft.first_day:%d.%m.%Y}).")
    days = (draft.last_day - draft.first_day).days + 1
    if not problems and days > MAX_DAYS:
        problems["last_day"] = (f"Период {draft.first_day:%d.%m.%Y} – {draft.last_day:%d.%m.%Y}"
                                f" — {count(days, 'день', 'дня', 'дней')}, а каникулы бывают "
                                f"не длиннее {MAX_DAYS} дней; проверьте даты.")
    if problems:
        raise HolidayError(problems)
    return HolidayDraft(draft.first_day, draft.last_day, name, HolidayKind(draft.kind))


def _read_day(text: str, field: str, problems: dict[str, str]) -> date | None:
    label = FIELD_LABELS[field]
    if not text.strip():
        problems[field] = f"{label}: укажите дату, например 04.11.2026."
        return None
    try:
        return parse_date(text, field=label)
    except InputError as error:
        problems[field] = error.message
        return None


def _read_kind(text: str, problems: dict[str, str]) -> HolidayKind | None:
    key = text.strip().lower()
    for kind in HolidayKind:
        if key in (kind.value, kind.label):
            return kind
    problems["kind"] = (f"Вид: «{text}» — можно «{HolidayKind.PUBLIC.label}» (public) или "
                        f"«{HolidayKind.SCHOOL_BREAK.label}» (school_break).")
    return None


def _name_problem(name: str, problems: dict[str, str]) -> str:
    """The cleaned name; an empty or overlong one adds its problem."""
    cleaned = clean_text(name)
    if not cleaned:
        problems["name"] = "Название: впишите, что это за дни, например «Осенние каникулы»."
    elif len(cleaned) > MAX_NAME:
        problems["name"] = (f"Название: {len(cleaned)} символов, а можно не больше "
                            f"{MAX_NAME}.")
    return cleaned


def _refuse_overlap(db: Database, draft: HolidayDraft, own_id: int | None = None) -> None:
    """Two breaks (or two holidays) on one day are a typing slip: say which one is there."""
    rows = list(db.query(
        "SELECT * FROM holidays WHERE kind = ? AND first_day <= ? AND last_day >= ? "
        "AND id IS NOT ? ORDER BY first_day LIMIT 1",
        [draft.kind.value, draft.last_day.isoformat(), draft.first_day.isoformat(), own_id]))
    if rows:
        other = _holiday(rows[0])
        what = "праздником" if other.kind is HolidayKind.PUBLIC else "каникулами"
        raise HolidayError({"period": (
            f"Даты пересекаются с {what} «{other.name}» ({other.dates_text()}, №{other.id}): "
            "измените даты или исправьте ту запись.")})


# Reading and writing -----------------------------------------------------------------------

def list_holidays(db: Database, year: AcademicYear) -> list[Holiday]:
    """The holidays and breaks with at least one day in the academic year, by date."""
    rows = db.query("SELECT * FROM holidays WHERE first_day <= ? AND last_day >= ? "
                    "ORDER BY first_day, last_day, id",
                    [year.last_day.isoformat(), year.first_day.isoformat()])
    return [_holiday(row) for row in rows]


def get_holiday(db: Database, holiday_id: int) -> Holiday:
    """The row by its number, or a UserError saying it is not there (deleted meanwhile?)."""
    rows = list(db.query("SELECT * FROM holidays WHERE id = ?", [holiday_id]))
    if not rows:
        raise store.NotFoundError(f"Праздника или каникул №{holiday_id} нет: возможно, "
                                  "запись уже удалили.")
    return _holiday(rows[0])


def add_holiday(db: Database, draft: HolidayDraft, *, user: str) -> int:
    """Store a checked holiday or break (audited); return its number."""
    draft = check_holiday(draft)
    with db.atomic():
        _refuse_overlap(db, draft)
        return store.insert(db, "holidays", _row(draft), user=user)


def update_holiday(db: Database, holiday_id: int, draft: HolidayDraft, *, user: str,
                   expected_revision: int | None = None) -> Holiday:
    """Change a holiday or break; the audit log keeps the row before and after.

    ConflictError when someone changed it since `expected_revision` was read.
    """
    draft = check_holiday(draft)
    with db.atomic():
        get_holiday(db, holiday_id)
        _refuse_overlap(db, draft, holiday_id)
        return _holiday(store.update(db, "holidays", holiday_id, _row(draft), user=user,
                                     expected_revision=expected_revision))


def delete_holiday(db: Database, holiday_id: int, *, user: str,
                   expected_revision: int | None = None) -> Holiday:
    """Delete one holiday or break; return what it was (its last state stays in the log)."""
    with db.atomic():
        holiday = get_holiday(db, holiday_id)
        store.delete(db, "holidays", holiday_id, user=user, expected_revision=expected_revision)
    return holiday


def fill_public_holidays(db: Database, year: AcademicYear, *, user: str) -> list[Holiday]:
    """Add the Labour Code's holidays of the year that are missing; return the added ones.

    A holiday counts as present when any public holiday is stored on one of its days, so a
    coordinator's corrections (a renamed day, New Year days moved by the decree) are kept
    and running it again adds nothing.
    """
    added: list[Holiday] = []
    with db.atomic():
        for first, last, name in russian_public_holidays(year):
            draft = HolidayDraft(first, last, name, HolidayKind.PUBLIC)
            if _covered(db, draft):
                continue
            added.append(get_holiday(db, store.insert(db, "holidays", _row(draft), user=user)))
    return added


def _covered(db: Database, draft: HolidayDraft) -> bool:
    return db.execute("SELECT 1 FROM holidays WHERE kind = ? AND first_day <= ? AND "
                      "last_day >= ?", [draft.kind.value, draft.last_day.isoformat(),
                                        draft.first_day.isoformat()]).fetchone() is not None


def _row(draft: HolidayDraft) -> dict[str, str]:
    return {"first_day": draft.first_day.isoformat(), "last_day": draft.last_day.isoformat(),
            "name": draft.name, "kind": draft.kind.value}


def _holiday(row: dict) -> Holiday:
    return Holiday(id=row["id"], first_day=date.fromisoformat(row["first_day"]),
                   last_day=date.fromisoformat(row["last_day"]), name=row["name"],
                   kind=HolidayKind(row["kind"]), revision=row.get("revision", 1))


def day_marks(db: Database, first: date, last: date) -> dict[date, tuple[str, str]]:
    """Public holidays and school breaks by day: (kind, name); a holiday wins over a break."""
    marks: dict[date, tuple[str, str]] = {}
    rows = db.query("SELECT first_day, last_day, name, kind FROM holidays "
                    "WHERE first_day <= ? AND last_day >= ? ORDER BY kind = 'public'",
                    [last.isoformat(), first.isoformat()])
    for row in rows:
        day = max(first, date.fromisoformat(row["first_day"]))
        end = min(last, date.fromisoformat(row["last_day"]))
        while day <= end:
            marks[day] = (row["kind"], row["name"])
            day += timedelta(days=1)
    return marks


# The Labour Code ---------------------------------------------------------------------------

def _on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def russian_public_holidays(year: AcademicYear) -> list[tuple[date, date, str]]:
    """Non-working holidays of the academic year (Labour Code art. 112), with moved days off.

    A holiday on a Saturday or Sunday moves to the next working day; the New Year days do
    not (the government's yearly decree moves those, and nobody can compute a decree).
    """
    autumn, spring = year.start_year, year.start_year + 1
    single = [(date(autumn, 11, 4), "День народного единства"),
              (date(spring, 2, 23), "День защитника Отечества"),
              (date(spring, 3, 8), "Международный женский день"),
              (date(spring, 5, 1), "Праздник Весны и Труда"),
              (date(spring, 5, 9), "День Победы"),
              (date(spring, 6, 12), "День России")]
    days = [(date(spring, 1, 1), date(spring, 1, 8), "Новогодние каникулы и Рождество Христово")]
    taken = {d for d, _ in single}
    for day, name in single:
        days.append((day, day, name))
        if day.weekday() >= SATURDAY:
            moved = _on_or_after(day, 0)
            while moved in taken:
                moved += timedelta(days=1)
            taken.add(moved)
            days.append((moved, moved, f"Выходной день (перенос: {name})"))
    return sorted(days)
