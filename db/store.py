"""Every write goes through here: one transaction that changes a row and appends to the audit log.

The `changes` table keeps who, when (UTC), which row, and the row before → after as JSON, so
any change can be traced and undone by hand. Rows with a `revision` column get it bumped on
each update, and an update that names the revision it started from is refused if someone
else changed the row meanwhile (no lost updates between coordinators).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from sqlite_utils import Database

from rcro_tui.errors import UserError
from rcro_tui.db import access

KEY_COLUMNS = {"users": "login", "settings": "key"}


class ConflictError(UserError):
    """The row changed since the person opened it."""


class NotFoundError(UserError):
    """The row asked for does not exist (any more)."""


def utc_now() -> str:
    """The audit clock: UTC, to the second, ISO 8601 with Z."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def key_column(table: str) -> str:
    return KEY_COLUMNS.get(table, "id")


def get_row(db: Database, table: str, key: Any) -> dict[str, Any]:
    """One row by its key, or NotFoundError naming the table and key."""
    rows = list(db[table].rows_where(f"[{key_column(table)}] = ?", [key]))
    if not rows:
        raise NotFoundError(f"Запись {key} в таблице «{table}» не найдена: возможно, её удалили.")
    return rows[0]


def insert(db: Database, table: str, values: Mapping[str, Any], *, user: str,
           derive: Callable[[Any], Mapping[str, Any]] | None = None) -> Any:
    """Insert a row (stamping created/updated times where the table has them); return its key.

    Args:
        derive: computes further columns from the new key (an event's UID from its id),
            written in the same transaction before the change is logged.
    """
    row = dict(values)
    columns = db[table].columns_dict
    stamp = utc_now()
    for column in ("created_at", "updated_at"):
        if column in columns:
            row.setdefault(column, stamp)
    access.check_write(db, user, table, None, row)
    with db.atomic():
        cursor = db.execute(
            f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in row)}) "
            f"VALUES ({', '.join('?' for _ in row)})", list(row.values()))
        key = row.get(key_column(table), cursor.lastrowid)
        if derive is not None:
            extra = derive(key)
            db.execute(f"UPDATE [{table}] SET {', '.join(f'[{c}] = ?' for c in extra)} "
                       f"WHERE [{key_column(table)}] = ?", [*extra.values(), key])
        record_change(db, user, table, key, "insert", None, get_row(db, table, key))
    return key


def update(db: Database, table: str, key: Any, changes: Mapping[str, Any], *, user: str,
           expected_revision: int | None = None) -> dict[str, Any]:
    """Change some columns of one row; return the row after. Unchanged values write nothing."""
    with db.atomic():
        before = get_row(db, table, key)
        check_revision(before, expected_revision)
        real = {c: v for c, v in changes.items() if before.get(c) != v}
        if not real:
            return before
        access.check_write(db, user, table, before, {**before, **real})
        if "revision" in before:
            real["revision"] = before["revision"] + 1
        if "updated_at" in before:
            real["updated_at"] = utc_now()
        assignments = ", ".join(f"[{c}] = ?" for c in real)
        db.execute(f"UPDATE [{table}] SET {assignments} WHERE [{key_column(table)}] = ?",
                   [*real.values(), key])
        after = get_row(db, table, key)
        record_change(db, user, table, key, "update", before, after)
    return after


def check_revision(before: Mapping[str, Any], expected_revision: int | None, *,
                   deleting: bool = False) -> None:
    """ConflictError when the row moved past the revision the person started from."""
    if expected_revision is None or before.get("revision") == expected_revision:
        return
    redo = ("посмотрите её заново и, если нужно, удалите снова" if deleting
            else "откройте её заново и повторите правку")
    raise ConflictError(
        f"Запись изменил другой пользователь (версия {before.get('revision')}, а вы "
        f"{'видели' if deleting else 'правили'} версию {expected_revision}): {redo}.")


def delete(db: Database, table: str, key: Any, *, user: str,
           expected_revision: int | None = None) -> None:
    """Delete one row, keeping its last state in the audit log.

    With `expected_revision`, a row someone changed since the person looked at it is not
    deleted (ConflictError): they decided on a version that no longer exists.
    """
    with db.atomic():
        before = get_row(db, table, key)
        check_revision(before, expected_revision, deleting=True)
        access.check_write(db, user, table, before, None)
        db.execute(f"DELETE FROM [{table}] WHERE [{key_column(table)}] = ?", [key])
        record_change(db, user, table, key, "delete", before, None)


def insert_many(db: Database, table: str, columns: list[str], rows: Iterable[Sequence[Any]],
                *, user: str, stamp: str | None = None) -> list[int]:
    """Many new rows with one prepared INSERT, each audited as `insert` does (an «insert»
    entry holding the whole new row as JSON), made by SQLite's `json_object` in one
    INSERT … SELECT: 40 000 rows read back and dumped in Python took longer than the
    writing itself. The caller checks access and holds the transaction; `stamp` is the
    entries' time (the rows' own created_at, when they have one). Returns the new ids."""
    last_id = db.execute(f"SELECT COALESCE(MAX(id), 0) FROM [{table}]").fetchone()[0]
    db.conn.executemany(f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
                        f"VALUES ({', '.join('?' for _ in columns)})", rows)
    stored = sorted(db[table].columns_dict)
    row_json = "json_object(" + ", ".join(f"'{c}', [{c}]" for c in stored) + ")"
    db.execute("INSERT INTO changes (at, user, table_name, row_id, action, before, after) "
               f"SELECT ?, ?, ?, CAST(id AS TEXT), 'insert', NULL, {row_json} "
               f"FROM [{table}] WHERE id > ? ORDER BY id",
               [stamp or utc_now(), user, table, last_id])
    return [row[0] for row in db.execute(f"SELECT id FROM [{table}] WHERE id > ? ORDER BY id",
                                         [last_id]).fetchall()]


def record_change(db: Database, user: str, table: str, key: Any, action: str,
                  before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> None:
    """Append one entry to the audit log (inside the caller's transaction)."""
    db.execute(
        "INSERT INTO changes (at, user, table_name, row_id, action, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [utc_now(), user, table, str(key), action, _as_json(before), _as_json(after)])


def _as_json(row: Mapping[str, Any] | None) -> str | None:
    return None if row is None else json.dumps(row, ensure_ascii=False, sort_keys=True)


def get_setting(db: Database, key: str, default: str = "") -> str:
    rows = list(db.query("SELECT value FROM settings WHERE key = ?", [key]))
    return rows[0]["value"] if rows else default


def set_setting(db: Database, key: str, value: str, *, user: str) -> None:
    """Create or change one setting, audited like every other write."""
    with db.atomic():
        if db.execute("SELECT 1 FROM settings WHERE key = ?", [key]).fetchone():
            update(db, "settings", key, {"value": value}, user=user)
        else:
            insert(db, "settings", {"key": key, "value": value}, user=user)
