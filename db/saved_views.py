"""Named filters («виды»): a coordinator saves «Олимпиады Томского района» once and opens it again.

Views are shared by everyone who works on the database (one name, one view), and every
save, rename and delete goes through `store`, so the audit log says who changed which view.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from rcro_tui.errors import InputError, UserError
from rcro_tui.rules import require_text
from rcro_tui.db import store
from rcro_tui.db.event_filter import EventFilter

MAX_NAME = 80
"""Long enough for «Олимпиады 7–8 классов, Томский район, очно»; short enough for a list line."""


@dataclass(frozen=True)
class SavedView:
    """One saved filter and who saved it first."""

    id: int
    name: str
    filter: EventFilter
    owner: str
    revision: int
    updated_at: str


def clean_name(name: str) -> str:
    """The name as stored: one line, no control characters, not empty, not too long."""
    cleaned = require_text(name, field="Название вида")
    if len(cleaned) > MAX_NAME:
        raise InputError(f"Название вида: {len(cleaned)} символов, а можно не больше {MAX_NAME}.")
    return cleaned


def list_views(db: Database) -> list[SavedView]:
    """Every saved view, by name (case-insensitive, «ё» with «е»)."""
    rows = db.query("SELECT * FROM saved_views ORDER BY fold(name), id")
    return [_view(row) for row in rows]


def find_view(db: Database, name: str) -> SavedView | None:
    rows = list(db.query("SELECT * FROM saved_views WHERE name = ?", [clean_name(name)]))
    return _view(rows[0]) if rows else None


def get_view(db: Database, name: str) -> SavedView:
    """The view by its exact name, or a UserError that lists the names there are."""
    found = find_view(db, name)
    if found is not None:
        return found
    names = [view.name for view in list_views(db)]
    known = ("Сохранённые виды: " + ", ".join(f"«{n}»" for n in names) + "."
             if names else "Сохранённых видов пока нет.")
    raise UserError(f"Вида «{clean_name(name)}» нет. {known}")


def save_view(db: Database, name: str, flt: EventFilter, *, user: str) -> SavedView:
    """Create the view, or replace the filter of the view with this name (audited either way)."""
    name = clean_name(name)
    with db.atomic():
        existing = find_view(db, name)
        if existing is None:
            key = store.insert(db, "saved_views", {"name": name, "filter": flt.to_json(),
                                                   "owner": user}, user=user)
        else:
            key = existing.id
            store.update(db, "saved_views", key, {"filter": flt.to_json()}, user=user)
    return _view(store.get_row(db, "saved_views", key))


def rename_view(db: Database, old: str, new: str, *, user: str,
                expected_revision: int | None = None) -> SavedView:
    """Give a view another name; a name that another view has is refused (and a view changed
    since `expected_revision` was read is a ConflictError)."""
    view = get_view(db, old)
    new = clean_name(new)
    with db.atomic():
        other = find_view(db, new)
        if other is not None and other.id != view.id:
            raise InputError(f"Вид «{new}» уже есть: выберите другое название "
                             "или удалите тот вид.")
        row = store.update(db, "saved_views", view.id, {"name": new}, user=user,
                           expected_revision=expected_revision)
    return _view(row)


def delete_view(db: Database, name: str, *, user: str,
                expected_revision: int | None = None) -> None:
    """Delete a view (its last state stays in the audit log); not one changed since
    `expected_revision` was read."""
    with db.atomic():
        store.delete(db, "saved_views", get_view(db, name).id, user=user,
                     expected_revision=expected_revision)


def _view(row: dict) -> SavedView:
    return SavedView(id=row["id"], name=row["name"], filter=EventFilter.from_json(row["filter"]),
                     owner=row["owner"], revision=row["revision"], updated_at=row["updated_at"])
