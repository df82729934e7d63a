"""The Russian sentences of a refused write: who the person is, which rule, which object.

Kept apart from `db.access` (the rules) so the rules stay short; only a refusal reads here,
so the look-ups of titles and district names cost nothing on the writes that pass.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

TABLE_LABELS = {
    "events": "мероприятия", "agenda_parts": "программы мероприятий",
    "audience_segments": "аудиторию мероприятий", "event_organizations": "участников мероприятий",
    "organizations": "организации", "contacts": "контакты организаций",
    "memberships": "участие организаций в сетях", "membership_steps": "шаги заявок в сети",
    "entries": "участников этапов", "districts": "муниципалитеты", "programs": "программы",
    "competitions": "конкурсы и олимпиады", "stages": "этапы", "stage_sessions": "площадки этапов",
    "holidays": "праздники и каникулы", "settings": "настройки",
    "saved_views": "сохранённые виды", "custom_feeds": "свои ленты",
    "feed_tokens": "ссылки на ленты организаций", "selection_rounds": "конкурсные отборы",
    "users": "пользователей", "user_keys": "ключи пользователей",
}
"""What a table holds, in the accusative plural («не меняет мероприятия»)."""

SCOPE_WORDS = {
    "events": "мероприятия", "organizations": "организации",
    "memberships": "заявки и участие в сетях организаций", "entries": "участников этапов из школ",
}
"""What a municipal coordinator may change «своего района», by the table that decides it."""


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, f"таблицу «{table}»")


def district_name(db: Database, district_id: int | None) -> str:
    if district_id is None:
        return ""
    row = db.execute("SELECT name FROM districts WHERE id = ?", [district_id]).fetchone()
    return row[0] if row else f"муниципалитет № {district_id}"


def _one(db: Database, sql: str, key: Any) -> str:
    row = db.execute(sql, [key]).fetchone() if key is not None else None
    return row[0] if row and row[0] else "?"


def _org_name(db: Database, org_id: Any) -> str:
    return _one(db, "SELECT COALESCE(NULLIF(short_name, ''), name) FROM organizations "
                    "WHERE id = ?", org_id)


def object_words(db: Database, table: str, row: dict[str, Any]) -> str:
    """«Олимпиада по физике» / «МАОУ СОШ № 4» / участник «Иванов И.» («МАОУ СОШ № 4»)."""
    if table == "events":
        return f"«{row.get('title') or '?'}»"
    if table in ("agenda_parts", "audience_segments", "event_organizations"):
        return f"«{_one(db, 'SELECT title FROM events WHERE id = ?', row.get('event_id'))}»"
    if table == "organizations":
        return f"«{row.get('short_name') or row.get('name') or '?'}»"
    if table == "membership_steps":
        org_id = _one(db, "SELECT organization_id FROM memberships WHERE id = ?",
                      row.get("membership_id"))
        return f"участие «{_org_name(db, org_id)}»"
    if table == "memberships":
        return f"участие «{_org_name(db, row.get('organization_id'))}»"
    if table == "entries":
        return (f"участник «{row.get('participant_name') or '?'}» "
                f"(«{_org_name(db, row.get('organization_id'))}»)")
    return f"«{_org_name(db, row.get('organization_id'))}»"  # contacts


def where_words(scope: str, obj: str, district: str) -> str:
    """«Олимпиада» проводит Томский район / «МАОУ СОШ № 4» — Томский район."""
    if scope == "events":
        return f"{obj} проводит {district}" if district else \
            f"у {obj} не указана проводящая организация с районом"
    return f"{obj} — {district}" if district else f"у {obj} не указан район"
