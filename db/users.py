"""Users of the database (coordinators) and the secret tokens of organisations' private feeds.

Only an administrator changes users (`db.access` refuses everyone else in `store`). Two
guards keep a database from locking everyone out: the first user must be an administrator
(while `users` is empty the acting person is one, and would stop being one), and the last
active administrator can be neither disabled nor given another role.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.model import UserRole
from rcro_tui.rules import clean_text
from rcro_tui.db import store

LOGIN = re.compile(r"[a-z_][a-z0-9_.-]{0,31}")
"""A login as Unix spells one: it goes into authorized_keys' forced command unquoted-safe."""


@dataclass(frozen=True)
class UserRow:
    login: str
    full_name: str
    role: UserRole
    district_id: int | None
    district: str
    active: bool
    keys: int


def check_login(login: str) -> str:
    """The login, or InputError saying what a login may contain."""
    login = (login or "").strip()
    if not LOGIN.fullmatch(login):
        raise InputError(f"Логин «{login}» не подходит: нужны строчные латинские буквы, цифры, "
                         "«_», «.» или «-» (до 32 знаков), первая — буква или «_», например "
                         "ivanova или petrov_av.")
    return login


def _district(db: Database, role: UserRole, district_id: int | None) -> int | None:
    """A municipal coordinator's district (required); other roles have none."""
    if role is not UserRole.MUNICIPAL:
        return None
    if district_id is None:
        raise InputError("Муниципальному координатору нужен район: укажите --district "
                         "(название или номер муниципалитета).")
    if db.execute("SELECT 1 FROM districts WHERE id = ?", [district_id]).fetchone() is None:
        raise InputError(f"Муниципалитета № {district_id} нет в базе.")
    return district_id


def _active_admins(db: Database) -> list[str]:
    return [r[0] for r in db.execute(
        "SELECT login FROM users WHERE active = 1 AND role = 'admin'").fetchall()]


def add_user(db: Database, login: str, role: UserRole, *, user: str, full_name: str = "",
             district_id: int | None = None) -> str:
    """A new active user; the first one must be an administrator."""
    login, role = check_login(login), UserRole(role)
    with db.atomic():
        if find_user(db, login) is not None:
            raise InputError(f"Пользователь «{login}» уже есть: сменить роль — "
                             f"rcro-tui users role {login} РОЛЬ.")
        if role is not UserRole.ADMIN and not _active_admins(db):
            raise InputError("Первым добавьте администратора (например, себя: rcro-tui users "
                             f"add {user} --role admin): как только в базе есть пользователи, "
                             "работать в ней могут только они.")
        return store.insert(db, "users", {
            "login": login, "full_name": clean_text(full_name), "role": role.value,
            "district_id": _district(db, role, district_id), "active": 1,
            "created_at": store.utc_now()}, user=user)


def find_user(db: Database, login: str) -> dict | None:
    rows = list(db.query("SELECT * FROM users WHERE login = ?", [login]))
    return rows[0] if rows else None


def require_user(db: Database, login: str) -> dict:
    row = find_user(db, login)
    if row is None:
        raise InputError(f"Пользователя «{login}» нет: список — rcro-tui users list.")
    return row


def _keep_an_admin(db: Database, login: str, row: dict) -> None:
    if row["role"] == UserRole.ADMIN and row["active"] and _active_admins(db) == [login]:
        raise InputError(f"«{login}» — последний администратор: сначала назначьте другого "
                         "(rcro-tui users add ЛОГИН --role admin), иначе пользователями "
                         "некому будет управлять.")


def disable_user(db: Database, login: str, *, user: str) -> None:
    """The person may no longer work here (their keys leave authorized-keys); history stays."""
    with db.atomic():
        row = require_user(db, login)
        _keep_an_admin(db, login, row)
        store.update(db, "users", login, {"active": 0}, user=user)


def set_role(db: Database, login: str, role: UserRole, *, user: str,
             district_id: int | None = None) -> None:
    """A new role (and district); a disabled user is enabled again."""
    role = UserRole(role)
    with db.atomic():
        row = require_user(db, login)
        if role is not UserRole.ADMIN:
            _keep_an_admin(db, login, row)
        store.update(db, "users", login, {
            "role": role.value, "district_id": _district(db, role, district_id),
            "active": 1}, user=user)


def list_users(db: Database) -> list[UserRow]:
    """Every user, active ones first, by login."""
    rows = db.execute("""
        SELECT u.login, u.full_name, u.role, u.district_id, COALESCE(d.name, ''), u.active,
               (SELECT count(*) FROM user_keys k WHERE k.login = u.login)
        FROM users u LEFT JOIN districts d ON d.id = u.district_id
        ORDER BY u.active DESC, u.login""").fetchall()
    return [UserRow(login, name, UserRole(role), district_id, district, bool(active), keys)
            for login, name, role, district_id, district, active, keys in rows]


def issue_feed_token(db: Database, organization_id: int, *, user: str) -> str:
    """A new unguessable token for an organisation's private feed URL (never derived from data)."""
    token = secrets.token_urlsafe(18)
    store.insert(db, "feed_tokens", {"organization_id": organization_id, "token": token,
                                     "created_at": store.utc_now()}, user=user)
    return token
