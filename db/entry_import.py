"""Importing a stage's results protocol: a plan first (every row checked), then all or nothing.

Every row is checked against the stage (grades, subjects, maximum score, sessions), its
school found by INN or name, and duplicates refused — within the file and against the
entries already at the stage. Any problem and nothing is written; the whole list comes back
at once, each line naming the row, the column and the value.

Schools not in the database are not guessed: each is a problem offering the closest names,
until the caller decides — match it with one (`choices[key] = org id`) or create it
(`choices[key] = CREATE`, or `create_missing=True` for all) as a school of the row's district.

`replace=True` re-imports a corrected protocol: the stage's entries (or, with `session_id`,
that session's) are deleted and the file's written in the same transaction. A protocol whose
participants already went on to the next stage is not replaced (their «прошёл дальше» would
be lost): correct those entries one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace as replaced

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.i18n import count
from rcro_tui.model import OrgKind
from rcro_tui.org_names import fold, name_key
from rcro_tui.rules import inn_is_valid
from rcro_tui.db import access, store
from rcro_tui.db.entries import describe_entry, duplicate_key, entry_row
from rcro_tui.db.entry_check import FIELD_LABELS, EntryDraft, StageRules, stage_rules
from rcro_tui.db.entry_import_read import ProtocolRow, read_protocol
from rcro_tui.db.entry_import_schools import (CREATE, SchoolIndex, UnknownSchool,
                                              unknown_key, unknown_problem)
from rcro_tui.db.import_problems import Problems
from rcro_tui.db.network import add_organization

_COLUMN_OF = {"participant_name": "name", "grade": "grade", "subject": "subject",
              "score": "score", "session_id": "session", "result": "result",
              "status": "status", "organization_id": "school"}


@dataclass
class PlannedEntry:
    number: int
    draft: EntryDraft
    school: str
    district: str
    new_school: str | None = None
    """The UnknownSchool key this row waits for (a school the import creates)."""


@dataclass
class EntryImportPlan:
    stage_id: int
    source_name: str
    rows: list[PlannedEntry] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)
    unknown: list[UnknownSchool] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    replace: bool = False
    session_id: int | None = None
    replaced: list[int] = field(default_factory=list)
    applied: bool = False

    @property
    def created(self) -> list[UnknownSchool]:
        return [school for school in self.unknown if school.choice == CREATE]

    def summary(self) -> str:
        """«Будет добавлено 120 участников; удалено прежних 118; создано 2 школы.»"""
        if self.problems:
            return (f"В файле {count(self.problems.total, 'ошибка', 'ошибки', 'ошибок')}: "
                    "ничего не импортировано.")
        verb = "Добавлено" if self.applied else "Будет добавлено"
        text = f"{verb} {count(len(self.rows), 'участник', 'участника', 'участников')}"
        if self.replace:
            text += f"; прежних записей {'удалено' if self.applied else 'будет удалено'} " \
                    f"{len(self.replaced)}"
        if self.created:
            text += (f"; {'создано' if self.applied else 'будет создано'} "
                     f"{count(len(self.created), 'школа', 'школы', 'школ')}")
        text += "."
        if self.ignored_columns:
            text += ("\nСтолбцы без соответствия пропущены: "
                     + ", ".join(f"«{name}»" for name in self.ignored_columns) + ".")
        return text


def plan_entry_import(db: Database, stage_id: int, source, *, source_name: str = "",
                      session_id: int | None = None, create_missing: bool = False,
                      replace: bool = False, choices: dict[str, int] | None = None
                      ) -> EntryImportPlan:
    """What importing the file would do, or every problem with it; nothing is written.

    Raises InputError only for the file as a whole (unreadable, empty, a missing column)."""
    rules = stage_rules(db, stage_id)
    if session_id is not None and session_id not in rules.sessions:
        raise InputError(f"Площадка № {session_id} — не площадка этапа «{rules.name}».")
    protocol = read_protocol(source, source_name, need_subject=len(rules.subjects) > 1)
    plan = EntryImportPlan(stage_id, protocol.source_name, ignored_columns=protocol.ignored,
                           replace=replace, session_id=session_id)
    _Planner(db, rules, plan, protocol.headers, create_missing, choices or {}).run(protocol.rows)
    return plan


class _Planner:
    def __init__(self, db: Database, rules: StageRules, plan: EntryImportPlan,
                 headers: dict[str, str], create_missing: bool, choices: dict[str, int]) -> None:
        self.db, self.rules, self.plan, self.headers = db, rules, plan, headers
        self.create_missing, self.choices = create_missing, choices
        self.schools = SchoolIndex(db)
        self.unknown: dict[str, UnknownSchool] = {}
        self.seen: dict[tuple, int] = {}
        self.advanced = 0
        self.existing = self._existing()

    def _existing(self) -> dict[tuple, dict]:
        """The stage's entries that stay (all of them unless replaced), by participant."""
        scope, params = "stage_id = ?", [self.rules.stage_id]
        if self.plan.replace and self.plan.session_id is not None:
            scope += " AND session_id IS NOT ?"
            params.append(self.plan.session_id)
        kept: dict[tuple, dict] = {}
        rows = self.db.query(
            "SELECT e.id, e.participant_name, e.grade, e.organization_id, e.subject, "
            "e.session_id, e.status, COALESCE(o.name, '') AS school FROM entries e "
            "LEFT JOIN organizations o ON o.id = e.organization_id WHERE e.stage_id = ?",
            [self.rules.stage_id])
        for row in rows:
            replaced_here = self.plan.replace and (
                self.plan.session_id is None or row["session_id"] == self.plan.session_id)
            if replaced_here:
                self.plan.replaced.append(row["id"])
                if row["status"] == "advanced":
                    self.advanced += 1
                continue
            kept[duplicate_key(row["participant_name"], row["grade"], row["organization_id"],
                               row["subject"])] = row
        return kept

    def run(self, rows: list[ProtocolRow]) -> None:
        if self.advanced:
            self.plan.problems.add(
                f"{count(self.advanced, 'участник', 'участника', 'участников')} заменяемого "
                "протокола уже прошли на следующий этап: заменить протокол целиком нельзя, "
                "исправьте эти записи по одной.")
        for row in rows:
            self.row(row)
        for school in self.unknown.values():
            school.choice = self.choices.get(school.key,
                                             CREATE if self.create_missing else None)
            if school.choice == CREATE and school.district_id is None:
                self.plan.problems.add(
                    f"Строка {school.rows[0]}, столбец «{self.headers['school']}»: "
                    f"«{school.name}» нет в базе, а создать школу без района нельзя — "
                    "добавьте столбец «Муниципалитет».", school.rows[0])
            elif school.choice is None:
                self.plan.problems.add(unknown_problem(school, self.headers["school"]),
                                       school.rows[0])
        self.plan.unknown = list(self.unknown.values())
        for entry in self.plan.rows:
            if entry.new_school:
                choice = self.unknown[entry.new_school].choice
                if choice not in (None, CREATE):
                    entry.draft = replaced(entry.draft, organization_id=choice)
                    entry.new_school = None

    def row(self, row: ProtocolRow) -> None:
        for message in row.problems:
            self.plan.problems.add(message, row.number)
        district_id, district = None, ""
        if row.district:
            found = self.schools.district(row.district)
            if found is None:
                self.problem(row, "district", f"«{row.district}» — нет такого муниципалитета.")
            else:
                district_id, district = found
        org, ambiguous = self.schools.find(row.school, row.inn, district_id)
        new_school = None
        if ambiguous:
            self.problem(row, "school", f"«{row.school}»: {ambiguous}")
        elif org is None and row.school:
            new_school = unknown_key(row.school, district_id)
            school = self.unknown.setdefault(new_school, UnknownSchool(
                new_school, row.school, district_id, district, row.inn,
                suggestions=self.schools.suggestions(row.school, district_id)))
            school.rows.append(row.number)
        if org is not None:
            district_id, district = org.district_id, org.district
        session = self.session_of(row, district_id)
        draft = self.rules.subject_of(EntryDraft(
            row.name, row.grade, org.id if org else None, row.subject, session, row.score,
            row.result, row.status, row.note))
        for name, message in self.rules.check(draft).items():
            if name == "participant_name" and not row.name:
                continue  # already said: «пусто — заполните ячейку»
            self.problem(row, _COLUMN_OF.get(name, "name"), message)
        self.duplicate(row, draft, org.id if org else new_school)
        self.plan.rows.append(PlannedEntry(row.number, draft, org.name if org else row.school,
                                           district, new_school))

    def session_of(self, row: ProtocolRow, district_id: int | None) -> int | None:
        """The «Площадка» cell (a district or host school name), else --session, else the
        stage's one session in the school's district."""
        if row.session:
            wanted = fold(row.session)
            for session in self.rules.sessions.values():
                if any(wanted in (fold(word), name_key(word)) or name_key(row.session)
                       == name_key(word) for word in session.key_words):
                    return session.id
            known = "; ".join(s.label for s in self.rules.sessions.values()) or "у этапа нет площадок"
            self.problem(row, "session", f"«{row.session}» — не площадка этапа ({known}).")
            return None
        if self.plan.session_id is not None:
            return self.plan.session_id
        return self.rules.session_for_district(district_id)

    def duplicate(self, row: ProtocolRow, draft: EntryDraft, school: object) -> None:
        key = duplicate_key(draft.participant_name, draft.grade, school, draft.subject)
        if not draft.participant_name:
            return
        if key in self.seen:
            self.problem(row, "name", f"«{draft.participant_name}» уже есть в строке "
                                      f"{self.seen[key]} этого файла.")
        elif key in self.existing:
            self.problem(row, "name", f"«{draft.participant_name}» уже внесён(а) на этап "
                                      f"({describe_entry(self.existing[key])}).")
        self.seen.setdefault(key, row.number)

    def problem(self, row: ProtocolRow, field_: str, message: str) -> None:
        header = self.headers.get(field_) or FIELD_LABELS.get(field_, field_)
        self.plan.problems.add(f"Строка {row.number}, столбец «{header}»: {message}", row.number)


def apply_entry_import(db: Database, plan: EntryImportPlan, *, user: str) -> EntryImportPlan:
    """Write a plan without problems in one transaction: old entries (replace), new schools,
    then the entries. A plan with problems raises them all and writes nothing."""
    plan.problems.raise_if_any(plan.source_name)
    access.check_rows(db, user, "entries", [entry_row(plan.stage_id, entry.draft)
                                            for entry in plan.rows if not entry.new_school])
    with db.atomic():
        known_inns = {row[0] for row in db.execute(
            "SELECT inn FROM organizations WHERE inn IS NOT NULL AND inn != ''").fetchall()}
        for entry_id in plan.replaced:
            store.delete(db, "entries", entry_id, user=user)
        created = {school.key: add_organization(
            db, school.name, OrgKind.SCHOOL, user=user, district_id=school.district_id,
            inn=school.inn if inn_is_valid(school.inn) and school.inn not in known_inns else None,
            source=f"протокол «{plan.source_name}»") for school in plan.created}
        for entry in plan.rows:
            draft = entry.draft
            if entry.new_school:
                draft = replaced(draft, organization_id=created[entry.new_school])
            store.insert(db, "entries", entry_row(plan.stage_id, draft), user=user)
    plan.applied = True
    return plan


def import_results(db: Database, stage_id: int, source, *, user: str, dry_run: bool = False,
                   **options) -> EntryImportPlan:
    """Plan and (unless `dry_run`) apply; any problem raises them all as one InputError."""
    plan = plan_entry_import(db, stage_id, source, **options)
    plan.problems.raise_if_any(plan.source_name)
    return plan if dry_run else apply_entry_import(db, plan, user=user)
