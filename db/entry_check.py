"""What a participant's entry is checked against: the stage's grades, subjects, maximum score
and sessions, and the entries already there.

A stage is read once (`StageRules`) and every entry — typed in the form or read from a
protocol of 20 000 rows — is checked against it in memory. Problems are Russian sentences
keyed by field, so the form shows each beside its field and the import names the column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.model import EntryResult, EntryStatus
from rcro_tui.org_names import fold

FIELD_LABELS = {"participant_name": "Участник", "grade": "Класс", "organization_id": "Школа",
                "subject": "Предмет", "session_id": "Площадка", "score": "Балл",
                "result": "Результат", "status": "Статус", "note": "Примечание"}
"""The form's fields; an EntryError says which of them is wrong."""

RESULT_WORDS = {"участник": "participant", "призер": "prize", "призёр": "prize",
                "победитель": "winner", "": "participant"}
STATUS_WORDS = {"допущен": "admitted", "допущена": "admitted", "": "admitted",
                "прошел дальше": "advanced", "прошла дальше": "advanced",
                "прошел": "advanced", "прошла": "advanced",
                "не явился": "absent", "не явилась": "absent", "неявка": "absent",
                "дисквалифицирован": "disqualified", "дисквалифицирована": "disqualified"}
_GRADE = re.compile(r"^\s*(\d{1,2})\s*(?:[а-яё]?\s*(?:класс\w*|кл\.?)?)?\s*$", re.IGNORECASE)


class EntryError(InputError):
    """Everything wrong with an entry at once: `problems[field] = Russian sentence`."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = {name: problems[name] for name in FIELD_LABELS if name in problems}
        super().__init__(" ".join(self.problems.values()))


@dataclass(frozen=True)
class EntryDraft:
    """A participant as typed or read from a protocol, before it is stored."""

    participant_name: str
    grade: int | None = None
    organization_id: int | None = None
    subject: str = ""
    session_id: int | None = None
    score: float | None = None
    result: str = EntryResult.PARTICIPANT.value
    status: str = EntryStatus.ADMITTED.value
    note: str = ""


def person_key(name: str) -> str:
    """A name compared: case, «ё» and spacing aside («Иванов  Пётр» = «иванов петр»)."""
    return fold(name)


def subject_key(subject: str) -> str:
    return fold(subject)


def split_subjects(text: str) -> list[str]:
    """«математика; физика» → ['математика', 'физика'] (commas accepted too)."""
    return [part.strip() for part in re.split(r"[;,]", text or "") if part.strip()]


def parse_score(text: object) -> float | None:
    """A typed or read score: «17», «17,5», «17.5» or a number cell; blank is None."""
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return float(text)
    cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"«{str(text).strip()}» — не число; балл пишется цифрами, "
                         "например 17 или 17,5.") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"«{str(text).strip()}» — не число.")
    return value


def parse_grade(text: object) -> int | None:
    """«8», «8 класс», «8 кл.», «8А» or a number cell; blank is None."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    match = _GRADE.match(str(text))
    if not match:
        raise ValueError(f"«{str(text).strip()}» — не класс; ожидается число от 1 до 11.")
    return int(match[1])


def parse_word(text: object, words: dict[str, str], what: str) -> str:
    """A result or status written in Russian (or as its code), as its stored code."""
    key = fold(str(text or ""))
    if key in words:
        return words[key]
    if key in set(words.values()):
        return key
    enum = EntryResult if words is RESULT_WORDS else EntryStatus
    raise ValueError(f"«{str(text).strip()}» — не {what}; ожидается: "
                     + ", ".join(f"«{member.label}»" for member in enum) + ".")


def score_text(score: float | None) -> str:
    """17.5 → «17,5», 17.0 → «17», None → «»."""
    if score is None:
        return ""
    return f"{score:g}".replace(".", ",")


@dataclass
class SessionInfo:
    id: int
    district_id: int | None
    label: str
    """«Кожевниковский район: МБОУ «Кожевниковская СОШ № 2», 14.03.2027»."""
    key_words: tuple[str, ...] = ()


@dataclass
class StageRules:
    """One stage as its entries are checked: grades, subjects, maximum score, sessions."""

    stage_id: int
    name: str
    grades: tuple[int | None, int | None]
    subjects: list[str]
    max_score: float | None
    sessions: dict[int, SessionInfo] = field(default_factory=dict)

    def check(self, draft: EntryDraft) -> dict[str, str]:
        """Problems of one entry against the stage (duplicates aside): field → sentence."""
        problems: dict[str, str] = {}
        if not draft.participant_name.strip():
            problems["participant_name"] = "Участник: укажите фамилию и имя."
        low, high = self.grades
        if draft.grade is not None:
            if not 1 <= draft.grade <= 11:
                problems["grade"] = f"Класс {draft.grade}: ожидается число от 1 до 11."
            elif (low is not None and draft.grade < low) or (high is not None and draft.grade > high):
                problems["grade"] = (f"Класс {draft.grade}: на этап «{self.name}» допускаются "
                                     f"{grades_text(low, high)}.")
        if self.subjects and draft.subject.strip():
            if subject_key(draft.subject) not in {subject_key(s) for s in self.subjects}:
                problems["subject"] = (f"Предмет «{draft.subject.strip()}» не из предметов "
                                       f"этапа: {'; '.join(self.subjects)}.")
        elif self.subjects and len(self.subjects) > 1:
            problems["subject"] = f"Предмет: укажите один из предметов этапа — {'; '.join(self.subjects)}."
        if draft.score is not None:
            if draft.score < 0:
                problems["score"] = f"Балл {score_text(draft.score)} не может быть отрицательным."
            elif self.max_score is not None and draft.score > self.max_score:
                problems["score"] = (f"Балл {score_text(draft.score)} больше максимального "
                                     f"балла этапа ({score_text(self.max_score)}).")
        if draft.session_id is not None and draft.session_id not in self.sessions:
            problems["session_id"] = (f"Площадка № {draft.session_id} — не площадка этапа "
                                      f"«{self.name}».")
        return problems

    def subject_of(self, draft: EntryDraft) -> EntryDraft:
        """A stage of one subject fills an empty subject with it (and writes the stage's
        spelling of a matching one)."""
        from dataclasses import replace
        if not draft.subject.strip() and len(self.subjects) == 1:
            return replace(draft, subject=self.subjects[0])
        for subject in self.subjects:
            if subject_key(subject) == subject_key(draft.subject):
                return replace(draft, subject=subject)
        return draft

    def session_for_district(self, district_id: int | None) -> int | None:
        """The stage's session in this district when there is exactly one, else None."""
        if district_id is None:
            return None
        found = [s.id for s in self.sessions.values() if s.district_id == district_id]
        return found[0] if len(found) == 1 else None


def grades_text(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{low} класс" if low == high else f"{low}–{high} классы"
    if low is not None:
        return f"с {low} класса"
    return f"до {high} класса"


def stage_rules(db: Database, stage_id: int) -> StageRules:
    """The stage and its sessions, read once; InputError when there is no such stage."""
    row = db.execute("SELECT name, grades_from, grades_to, subjects, max_score FROM stages "
                     "WHERE id = ?", [stage_id]).fetchone()
    if row is None:
        raise InputError(f"Этапа № {stage_id} нет в базе.")
    rules = StageRules(stage_id, row[0], (row[1], row[2]), split_subjects(row[3]), row[4])
    for values in db.execute("""
            SELECT s.id, s.district_id, COALESCE(d.name, ''), COALESCE(o.name, ''),
                   COALESCE(o.short_name, ''), e.title, substr(e.start_at, 1, 10)
            FROM stage_sessions s JOIN events e ON e.id = s.event_id
            LEFT JOIN districts d ON d.id = s.district_id
            LEFT JOIN organizations o ON o.id = s.host_org_id
            WHERE s.stage_id = ? ORDER BY d.sort_order, d.name, e.start_at, s.id""",
                                 [stage_id]).fetchall():
        session_id, district_id, district, host, short, title, day = values
        rules.sessions[session_id] = SessionInfo(
            session_id, district_id, session_label(district, host or title, day),
            tuple(k for k in (district, host, short, title,
                              f"{district}: {short or host or title}" if district else "") if k))
    return rules


def session_label(district: str, place: str, day: str) -> str:
    """«Кожевниковский район: МБОУ «…», 14.03.2027» (day as ISO from the database)."""
    when = f"{day[8:10]}.{day[5:7]}.{day[:4]}" if len(day) == 10 else day
    head = f"{district}: {place}" if district else place
    return f"{head}, {when}" if when else head
