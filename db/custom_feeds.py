"""Saved views published as feeds: «Олимпиады 7–8 классов» at its own public URL.

A custom feed is a saved filter (`db.saved_views`) with a feed's name: it follows the view
when the view is changed and goes with it when the view is deleted. Its URL is public, so
it carries the matching **public** events only, whatever the filter says about access.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from rcro_tui.db import store
from rcro_tui.db.event_filter import EventFilter
from rcro_tui.db.saved_views import clean_name, get_view
from rcro_tui.errors import InputError


@dataclass(frozen=True)
class CustomFeed:
    id: int
    name: str
    view_name: str
    filter: EventFilter


def list_custom_feeds(db: Database) -> list[CustomFeed]:
    rows = db.query("SELECT f.id, f.name, v.name AS view_name, v.filter FROM custom_feeds f "
                    "JOIN saved_views v ON v.id = f.view_id ORDER BY f.id")
    return [CustomFeed(row["id"], row["name"], row["view_name"],
                       EventFilter.from_json(row["filter"])) for row in rows]


def add_custom_feed(db: Database, view_name: str, *, user: str, name: str = "") -> int:
    """Publish the saved view `view_name` as a feed named `name` (the view's name by default)."""
    view = get_view(db, view_name)
    title = clean_name(name) if name.strip() else view.name
    if db.execute("SELECT 1 FROM custom_feeds WHERE view_id = ?", [view.id]).fetchone():
        raise InputError(f"Вид «{view.name}» уже публикуется лентой.")
    if db.execute("SELECT 1 FROM custom_feeds WHERE name = ?", [title]).fetchone():
        raise InputError(f"Лента «{title}» уже есть: выберите другое название.")
    return store.insert(db, "custom_feeds", {"view_id": view.id, "name": title}, user=user)


def remove_custom_feed(db: Database, feed_id: int, *, user: str,
                       expected_revision: int | None = None) -> None:
    """Stop publishing it: its file disappears at the next publish (the view stays); not a
    feed changed since `expected_revision` was read."""
    store.delete(db, "custom_feeds", feed_id, user=user, expected_revision=expected_revision)


def matching_public_ids(db: Database, flt: EventFilter, among: set[int] | None = None) -> set[int]:
    """The public events the filter finds (its date range included, when it has one)."""
    where, params = flt.where()
    sql = ("SELECT e.id FROM events e LEFT JOIN organizations o ON o.id = e.host_org_id "
           f"WHERE e.visibility = 'public' AND {where}")
    if flt.first_day is not None:
        sql += " AND e.end_at >= ?"
        params.append(flt.first_day.isoformat())
    if flt.last_day is not None:
        sql += " AND e.start_at < ?"
        params.append(f"{flt.last_day.isoformat()}T99")
    found = {row[0] for row in db.execute(sql, params)}
    return found if among is None else found & among
