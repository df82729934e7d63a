"""The secret part of each organisation's private feed URL: create, rotate, revoke.

Calendar apps cannot log in, so the secret is in the URL (ICS-NOTES rule 14). It comes from
`secrets`, never from a name, an id or a password; a revoked token's folder disappears at the
next publish, so the old URL stops working there. An organisation that never had a token
gets one at its first publish; one whose token was revoked (and not rotated) gets none
until a coordinator issues a new one.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlite_utils import Database

from rcro_tui.db import access, store
from rcro_tui.db.store import get_row, utc_now
from rcro_tui.errors import InputError

TOKEN_BYTES = 18
"""24 URL-safe characters: 144 random bits."""


@dataclass(frozen=True)
class TokenState:
    """An organisation's current token (None when revoked) and when it was issued."""

    organization_id: int
    token: str | None
    created_at: str | None
    revoked: int
    """How many earlier tokens were revoked or rotated away."""


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def issue(db: Database, organization_id: int, *, user: str) -> str:
    """A new token for the organisation, revoking the current one (rotation)."""
    get_row(db, "organizations", organization_id)
    with db.atomic():
        _revoke_current(db, organization_id, user)
        token = new_token()
        store.insert(db, "feed_tokens", {"organization_id": organization_id, "token": token},
                     user=user)
    return token


def revoke(db: Database, organization_id: int, *, user: str) -> None:
    """Stop the organisation's private feed: its URL dies at the next publish."""
    get_row(db, "organizations", organization_id)
    with db.atomic():
        if not _revoke_current(db, organization_id, user):
            raise InputError(f"У организации № {organization_id} нет действующей ссылки "
                             "на личную ленту: отзывать нечего.")


def _revoke_current(db: Database, organization_id: int, user: str) -> bool:
    rows = list(db.query("SELECT id FROM feed_tokens WHERE organization_id = ? "
                         "AND revoked_at IS NULL", [organization_id]))
    for row in rows:
        store.update(db, "feed_tokens", row["id"], {"revoked_at": utc_now()}, user=user)
    return bool(rows)


def tokens_for_publish(db: Database, *, user: str) -> dict[int, str]:
    """Every organisation's active token, issuing one to those that never had any."""
    active = {row["organization_id"]: row["token"] for row in db.query(
        "SELECT organization_id, token FROM feed_tokens WHERE revoked_at IS NULL")}
    never = [row[0] for row in db.execute(
        "SELECT id FROM organizations WHERE id NOT IN (SELECT organization_id FROM feed_tokens) "
        "ORDER BY id")]
    if never:
        active.update(_issue_many(db, never, user=user))
    return active


def _issue_many(db: Database, org_ids: list[int], *, user: str) -> dict[int, str]:
    """A new token for each organisation, written and audited as `store.insert` would, in
    one statement each (the first publish of a country issues 40 000: 11 s one by one)."""
    tokens = {org_id: new_token() for org_id in org_ids}
    stamp = utc_now()
    rows = [{"organization_id": org_id, "token": token, "created_at": stamp}
            for org_id, token in tokens.items()]
    with db.atomic():
        access.check_rows(db, user, "feed_tokens", rows)
        store.insert_many(db, "feed_tokens", ["organization_id", "token", "created_at"],
                          [tuple(row.values()) for row in rows], user=user, stamp=stamp)
    return tokens


def token_state(db: Database, organization_id: int) -> TokenState:
    rows = list(db.query("SELECT token, created_at, revoked_at FROM feed_tokens "
                         "WHERE organization_id = ? ORDER BY id", [organization_id]))
    current = next((row for row in rows if row["revoked_at"] is None), None)
    return TokenState(organization_id, current and current["token"],
                      current and current["created_at"],
                      sum(1 for row in rows if row["revoked_at"] is not None))
