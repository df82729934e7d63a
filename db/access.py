"""Who may write what: the roles, checked in the core on every write (not only in screens).

- administrator: everything, including users, their keys and the audit retention;
- regional coordinator: everything except those;
- municipal coordinator: reads all; writes only the events hosted by an organisation of
  their district (and the events' parts, audience and participants), their district's
  organisations (and contacts), those organisations' memberships (and steps) and stage
  entries of their district's schools; a row may neither come from nor go to another
  district (checked before and after);
- viewer: reads.

Identity is gitolite's: the login (`--user` from an SSH forced command, else the OS user).
While `users` has no active user (one coordinator on their own machine) everyone acts as
administrator; once it has some, a login that is not an active user there may not write.

A person's role is read once per connection and kept until the database changes under it
(`PRAGMA data_version` moves when another connection commits; a write to `users` through
this connection forgets it), so a check on a write that passes costs a dictionary look-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from rcro_tui.errors import AccessDenied
from rcro_tui.model import UserRole
from rcro_tui.db.access_words import (SCOPE_WORDS, district_name, object_words, table_label,
                                      where_words)

ADMIN_TABLES = frozenset({"users", "user_keys"})
ADMIN_SETTINGS = frozenset({"audit_retention_months"})  # db.audit_purge.RETENTION_KEY
"""Settings only an administrator changes (the audit log's retention)."""

SCOPES = {  # table → (the table whose rule it follows, how its district is found)
    "organizations": ("organizations", "self"),
    "contacts": ("organizations", "organization_id"),
    "events": ("events", "host_org_id"),
    "agenda_parts": ("events", "event_id"),
    "audience_segments": ("events", "event_id"),
    "event_organizations": ("events", "event_id"),
    "memberships": ("memberships", "organization_id"),
    "membership_steps": ("memberships", "membership_id"),
    "entries": ("entries", "organization_id"),
}
"""The tables a municipal coordinator may write, each row belonging to one district."""

_PARENT_SQL = {
    "organization_id": "SELECT id, district_id FROM organizations WHERE id IN ({})",
    "host_org_id": "SELECT id, district_id FROM organizations WHERE id IN ({})",
    "event_id": "SELECT e.id, o.district_id FROM events e "
                "LEFT JOIN organizations o ON o.id = e.host_org_id WHERE e.id IN ({})",
    "membership_id": "SELECT m.id, o.district_id FROM memberships m "
                     "JOIN organizations o ON o.id = m.organization_id WHERE m.id IN ({})",
}
_CACHE = "_rcro_access"


@dataclass(frozen=True)
class Access:
    """What one login may do in one database."""

    login: str
    role: UserRole | None
    district_id: int | None = None
    district: str = ""
    full_name: str = ""
    sole: bool = False
    """No active users yet: the login acts as administrator on their own machine."""
    refusal: str = ""
    """Why this login may not work here at all (unknown or disabled), else empty."""

    @property
    def who(self) -> str:
        """«муниципальный координатор (petrov, Асиновский район)»"""
        role = self.role.label if self.role else "пользователь"
        return f"{role} ({', '.join(filter(None, (self.login, self.district)))})"

    @property
    def may_write(self) -> bool:
        return not self.refusal and self.role is not UserRole.VIEWER


def user_access(db: Database, login: str) -> Access:
    """The login's role and district, read once per connection while nothing changes."""
    version = db.conn.execute("PRAGMA data_version").fetchone()[0]
    cache = db.__dict__.get(_CACHE)
    if cache is None or cache[0] != version:
        cache = (version, {})
        setattr(db, _CACHE, cache)
    access = cache[1].get(login)
    if access is None:
        access = cache[1][login] = _load(db, login)
    return access


def forget(db: Database) -> None:
    """Drop the cached roles (after `users` changed through this connection)."""
    db.__dict__.pop(_CACHE, None)


def _load(db: Database, login: str) -> Access:
    if db.execute("SELECT 1 FROM users WHERE active = 1 LIMIT 1").fetchone() is None:
        return Access(login, UserRole.ADMIN, sole=True)
    row = db.execute("SELECT u.role, u.district_id, u.full_name, u.active, d.name FROM users u "
                     "LEFT JOIN districts d ON d.id = u.district_id WHERE u.login = ?",
                     [login]).fetchone()
    if row is None:
        return Access(login, None, refusal=(
            f"Нет прав: пользователя «{login}» нет в списке пользователей этой базы. "
            f"Попросите администратора добавить вас: rcro-tui users add {login} --role РОЛЬ."))
    role, district_id, full_name, active, district = row
    if not active:
        return Access(login, None, refusal=(
            f"Нет прав: пользователь «{login}» отключён. Попросите администратора включить "
            f"вас снова: rcro-tui users role {login} РОЛЬ."))
    return Access(login, UserRole(role), district_id, district or "", full_name)


def require_identity(db: Database, login: str) -> Access:
    """At the start of the app and of a writing command: an unknown or disabled login stops."""
    access = user_access(db, login)
    if access.refusal:
        raise AccessDenied(access.refusal)
    return access


def check_write(db: Database, user: str, table: str, before: Mapping[str, Any] | None,
                after: Mapping[str, Any] | None) -> None:
    """AccessDenied unless `user` may turn row `before` into `after` (None: insert/delete)."""
    rows = [row for row in (before, after) if row is not None]
    check_rows(db, user, table, rows)
    if table in ADMIN_TABLES:
        forget(db)


def check_rows(db: Database, user: str, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
    """One check for many rows of one table (bulk imports): a look-up per parent set, not per row."""
    access = user_access(db, user)
    if access.refusal:
        raise AccessDenied(access.refusal)
    role = access.role
    if role is UserRole.ADMIN:
        return
    if table in ADMIN_TABLES:
        raise AccessDenied(f"Нет прав: пользователей и их ключи меняет только администратор; "
                           f"{access.login} — {role.label}.")
    if table == "settings":
        _check_settings(access, rows)
    if role is UserRole.REGIONAL:
        return
    if role is UserRole.VIEWER:
        raise AccessDenied(f"Нет прав: {access.who} только просматривает данные и не меняет "
                           f"{table_label(table)}.")
    _check_district(db, access, table, list(rows))


def _check_settings(access: Access, rows: Iterable[Mapping[str, Any]]) -> None:
    if any(row.get("key") in ADMIN_SETTINGS for row in rows):
        raise AccessDenied(f"Нет прав: срок хранения журнала изменений меняет только "
                           f"администратор; {access.login} — {access.role.label}.")


def _check_district(db: Database, access: Access, table: str, rows: list[Mapping[str, Any]]) -> None:
    scope = SCOPES.get(table)
    if scope is None:
        raise AccessDenied(f"Нет прав: {access.who} не меняет {table_label(table)}: это делают "
                           "региональные координаторы.")
    rule = scope[0]
    districts = row_districts(db, table, rows)
    for row, district_id in zip(rows, districts):
        if district_id is None or district_id != access.district_id:
            obj = object_words(db, table, dict(row))
            where = where_words(rule, obj, district_name(db, district_id))
            raise AccessDenied(f"Нет прав: {access.who} меняет только {SCOPE_WORDS[rule]} "
                               f"своего района; {where}.")


def row_districts(db: Database, table: str, rows: list[Mapping[str, Any]]) -> list[int | None]:
    """Each row's district, parents read in one query per 500 distinct ids."""
    column = SCOPES[table][1]
    if column == "self":
        return [row.get("district_id") for row in rows]
    ids = sorted({row.get(column) for row in rows if row.get(column) is not None})
    found: dict[Any, int | None] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        sql = _PARENT_SQL[column].format(", ".join("?" for _ in chunk))
        found.update(db.execute(sql, chunk).fetchall())
    return [found.get(row.get(column)) for row in rows]


def may_write_table(access: Access, table: str) -> bool:
    """May this person write some row of `table`? (No database needed: for key bindings.)"""
    if not access.may_write:
        return False
    if access.role is UserRole.MUNICIPAL:
        return table in SCOPES
    return access.role is UserRole.ADMIN or table not in ADMIN_TABLES


def why_not(db: Database, user: str, table: str, row: Mapping[str, Any]) -> str:
    """The «Нет прав: …» sentence a write of `row` would get, or "" when it may go ahead."""
    try:
        check_rows(db, user, table, [row])
    except AccessDenied as refusal:
        return refusal.message
    return ""


def can(db: Database, user: str, table: str, row: Mapping[str, Any] | None = None) -> bool:
    """May `user` write `row` of `table` (or, without a row, any row of it)? For screens to
    hide or disable keys; the write itself is checked again in the core."""
    if row is None:
        return may_write_table(user_access(db, user), table)
    return not why_not(db, user, table, row)


def role_line(access: Access) -> str:
    """For the header: «муниципальный координатор, Асиновский район» (empty for full rights
    on one's own machine)."""
    if access.sole or access.role is None:
        return ""
    return ", ".join(filter(None, (access.role.label, access.district)))
