"""Users of the database (coordinators) and the secret tokens of organisations' private feeds."""

from __future__ import annotations

import secrets

from sqlite_utils import Database

from rcro_tui.model import UserRole
from rcro_tui.rules import clean_text, require_text
from rcro_tui.db import store


def add_user(db: Database, login: str, role: UserRole, *, user: str, full_name: str = "",
             district_id: int | None = None) -> str:
    return store.insert(db, "users", {
        "login": require_text(login, field="Логин"), "full_name": clean_text(full_name),
        "role": UserRole(role).value, "district_id": district_id, "active": 1,
        "created_at": store.utc_now()}, user=user)


def find_user(db: Database, login: str) -> dict | None:
    rows = list(db.query("SELECT * FROM users WHERE login = ?", [login]))
    return rows[0] if rows else None


def issue_feed_token(db: Database, organization_id: int, *, user: str) -> str:
    """A new unguessable token for an organisation's private feed URL (never derived from data)."""
    token = secrets.token_urlsafe(18)
    store.insert(db, "feed_tokens", {"organization_id": organization_id, "token": token,
                                     "created_at": store.utc_now()}, user=user)
    return token
