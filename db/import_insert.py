"""Inserting many imported events at once, each still audited as `store.insert` audits it.

`add_event` costs about 1 ms an event (sqlite-utils looks the table up three times per call and
every call opens two savepoints); a 10 000-event feed then takes over ten seconds. Imported
events have no agenda or audience, so here the rows go in with one prepared INSERT, are read
back in one query, and each gets the same audit entry through `store.record_change`.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from rcro_tui.db import access, store

FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title",), "kind": ("kind",), "start": ("start_at", "all_day"),
    "end": ("end_at",), "format": ("format",), "venue": ("venue",),
    "online_url": ("online_url",), "description": ("description",),
    "recurrence": ("rrule", "exdates"), "status": ("status",), "visibility": ("visibility",),
    "program_id": ("program_id",), "host_org_id": ("host_org_id",),
    "grades": ("grades_from", "grades_to"), "subjects": ("subjects",),
    "contacts": ("contacts",), "reg_start": ("reg_start_at",), "reg_end": ("reg_end_at",),
}
"""The `events` columns each EventDraft field is stored in (`event_row` decides the values)."""


def insert_events(db: Database, rows: list[tuple[str, dict[str, Any]]], *, user: str) -> list[int]:
    """Insert (uid, events row) pairs in the caller's transaction; return the new ids in order."""
    if not rows:
        return []
    access.check_rows(db, user, "events", [row for _, row in rows])
    stamp = store.utc_now()
    columns = [*rows[0][1], "uid", "created_at", "updated_at"]
    statement = (f"INSERT INTO events ({', '.join(f'[{c}]' for c in columns)}) "
                 f"VALUES ({', '.join('?' for _ in columns)})")
    last_id = db.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0]
    db.conn.executemany(statement, ([*row.values(), uid, stamp, stamp] for uid, row in rows))
    cursor = db.conn.execute("SELECT * FROM events WHERE id > ? ORDER BY id", [last_id])
    names = [column[0] for column in cursor.description]
    ids = []
    for values in cursor.fetchall():
        after = dict(zip(names, values))
        store.record_change(db, user, "events", after["id"], "insert", None, after)
        ids.append(after["id"])
    return ids
