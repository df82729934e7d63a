"""What the audit log's rows are about, in Russian: object kinds, field labels, value enums.

`changes.table_name` is a table; a coordinator thinks in «Мероприятие», «Организация»,
«Участие в сети». The CLI names the kinds in short English (`--object orgs`), as its other
commands do (`rcro-tui orgs`, `rcro-tui members`).
"""

from __future__ import annotations

from dataclasses import dataclass

from rcro_tui.errors import InputError
from rcro_tui.model import (Attendance, DistrictKind, EntryResult, EntryStatus, EventFormat,
                            EventKind, EventStatus, HolidayKind, Labelled, MembershipStatus,
                            OrgKind, ProgramKind, Role, StageLevel, UserRole, Visibility)


@dataclass(frozen=True)
class Kind:
    """A kind of object: its table, the CLI's name for it and the Russian noun."""

    table: str
    cli: str
    label: str


KINDS = (
    Kind("events", "events", "Мероприятие"),
    Kind("organizations", "orgs", "Организация"),
    Kind("memberships", "members", "Участие в сети"),
    Kind("membership_steps", "member-steps", "Шаг заявки"),
    Kind("selection_rounds", "rounds", "Конкурсный отбор"),
    Kind("programs", "programs", "Программа"),
    Kind("districts", "districts", "Муниципалитет"),
    Kind("contacts", "contacts", "Контакт"),
    Kind("competitions", "competitions", "Конкурс"),
    Kind("stages", "stages", "Этап"),
    Kind("stage_sessions", "sessions", "Площадка этапа"),
    Kind("entries", "entries", "Участник этапа"),
    Kind("agenda_parts", "agenda", "Такт программы"),
    Kind("audience_segments", "audience", "Аудитория мероприятия"),
    Kind("event_organizations", "event-orgs", "Участница мероприятия"),
    Kind("holidays", "holidays", "Праздник или каникулы"),
    Kind("saved_views", "views", "Сохранённый вид"),
    Kind("custom_feeds", "feeds", "Своя лента"),
    Kind("feed_tokens", "tokens", "Ссылка на ленту"),
    Kind("users", "users", "Пользователь"),
    Kind("settings", "settings", "Настройка"),
    Kind("changes", "audit", "Журнал изменений"),
    Kind("database", "database", "База данных"),
)
BY_TABLE = {kind.table: kind for kind in KINDS}
BY_CLI = {kind.cli: kind for kind in KINDS}

ACTIONS = {"insert": "создано", "update": "изменено", "delete": "удалено"}
ACTION_NAMES = {"insert": "создание", "update": "изменение", "delete": "удаление"}


def kind_label(table: str) -> str:
    kind = BY_TABLE.get(table)
    return kind.label if kind else table


def parse_kind(text: str) -> str:
    """The table for `--object` (its short name, the table's own, or the Russian noun)."""
    wanted = text.strip().lower()
    for kind in KINDS:
        if wanted in (kind.cli, kind.table, kind.label.lower()):
            return kind.table
    names = ", ".join(kind.cli for kind in KINDS)
    raise InputError(f"--object {text}: нет такого вида объектов. Есть: {names}.")


COMMON_LABELS = {
    "name": "название", "title": "название", "short_name": "краткое название",
    "kind": "вид", "status": "статус", "note": "примечание", "source": "источник",
    "description": "описание", "district_id": "муниципалитет", "program_id": "программа",
    "organization_id": "организация", "event_id": "мероприятие", "position": "номер по порядку",
    "phone": "телефон", "email": "эл. почта", "role": "роль", "subjects": "предметы",
    "grades_from": "классы с", "grades_to": "классы по", "host_org_id": "организатор",
    "start_date": "дата начала", "end_date": "дата окончания", "first_day": "первый день",
    "last_day": "последний день", "value": "значение", "full_name": "ФИО",
    "active": "активен", "sort_order": "порядок", "address": "адрес", "inn": "ИНН",
    "website": "сайт", "legal_form": "правовая форма", "coordinator": "координатор",
    "topic": "тема", "applied_on": "заявка подана", "decided_on": "решение принято",
    "valid_from": "действует с", "valid_until": "действует до",
    "decision_doc": "документ о решении", "round_id": "конкурсный отбор",
    "membership_id": "участие в сети", "on_date": "дата", "document": "документ",
    "user": "кто записал", "opened_on": "объявлен", "deadline": "приём заявок до",
    "academic_year": "учебный год", "high_rated": "перечневая олимпиада",
    "organizer_org_id": "организатор", "final_event_id": "заключительное мероприятие",
    "competition_id": "конкурс", "level": "уровень", "reg_start": "приём заявок с",
    "reg_end": "приём заявок до", "pass_rule": "правило прохода", "max_score": "наибольший балл",
    "stage_id": "этап", "session_id": "площадка", "participant_name": "участник",
    "grade": "класс", "subject": "предмет", "score": "балл", "result": "результат",
    "from_entry_id": "переведён из записи", "pass_mark": "отметка о проходе",
    "token": "токен", "revoked_at": "отозвана", "filter": "условия", "owner": "владелец",
    "view_id": "сохранённый вид", "who": "кто", "attendance": "участие", "parts": "такты",
    "start_time": "время начала", "end_time": "время окончания", "remote": "дистанционно",
    "login": "логин", "key": "ключ",
}
"""Field labels for every table but `events` (whose labels are the editor's: history_values)."""

HIDDEN = {"id", "revision", "created_at", "updated_at", "name_key", "search_key", "recorded_at"}
"""Technical columns a coordinator never changes; the diff leaves them out."""

ENUMS: dict[tuple[str, str], type[Labelled]] = {
    ("districts", "kind"): DistrictKind, ("organizations", "kind"): OrgKind,
    ("programs", "kind"): ProgramKind, ("memberships", "role"): Role,
    ("memberships", "status"): MembershipStatus, ("membership_steps", "status"): MembershipStatus,
    ("selection_rounds", "role"): Role, ("competitions", "kind"): EventKind,
    ("stages", "level"): StageLevel, ("entries", "result"): EntryResult,
    ("entries", "status"): EntryStatus, ("holidays", "kind"): HolidayKind,
    ("audience_segments", "attendance"): Attendance, ("users", "role"): UserRole,
    ("events", "kind"): EventKind, ("events", "status"): EventStatus,
    ("events", "format"): EventFormat, ("events", "visibility"): Visibility,
}

REFERENCES = {
    "district_id": "districts", "program_id": "programs", "organization_id": "organizations",
    "host_org_id": "organizations", "organizer_org_id": "organizations", "event_id": "events",
    "final_event_id": "events", "competition_id": "competitions", "stage_id": "stages",
    "round_id": "selection_rounds", "membership_id": "memberships", "view_id": "saved_views",
}
"""Columns holding another object's id: shown by that object's name."""

FLAGS = {"active", "remote", "all_day", "pass_mark"}


def field_label(table: str, column: str) -> str:
    return COMMON_LABELS.get(column, column)
