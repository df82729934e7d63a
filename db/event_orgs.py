"""The organisations that took part in an event, as «Об итогах …» lists them.

Kept in `event_organizations` (m014) in the coordinator's order. An event without such a
list but with a selection stage's entries (a stage session) lists its pupils' schools.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.i18n import place_genitive
from rcro_tui.org_grouping import Listed
from rcro_tui.db import store


def participant_ids(db: Database, event_id: int) -> list[int]:
    """The listed organisations in order; else the schools of the event's stage entries."""
    listed = [row[0] for row in db.execute(
        "SELECT organization_id FROM event_organizations WHERE event_id = ? ORDER BY position",
        [event_id]).fetchall()]
    if listed:
        return listed
    return [row[0] for row in db.execute(
        "SELECT DISTINCT e.organization_id FROM stage_sessions ss "
        "JOIN entries e ON e.session_id = ss.id WHERE ss.event_id = ? "
        "AND e.organization_id IS NOT NULL AND e.status != 'absent' ORDER BY e.organization_id",
        [event_id]).fetchall()]


def participants(db: Database, event_id: int) -> list[Listed]:
    """Each organisation's name with its district's genitive («г. Томска»), in letter order:
    a list the coordinator made keeps its order, stage schools go by district then name."""
    ids = participant_ids(db, event_id)
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = {row["id"]: row for row in db.query(
        f"SELECT o.id, o.name, d.name AS district, d.sort_order FROM organizations o "
        f"LEFT JOIN districts d ON d.id = o.district_id WHERE o.id IN ({marks})", ids)}
    if not _has_list(db, event_id):
        ids = sorted(ids, key=lambda i: (rows[i]["sort_order"] or 0, rows[i]["name"]))
    return [Listed(rows[i]["name"], place_genitive(rows[i]["district"] or "") or "")
            for i in ids if i in rows]


def _has_list(db: Database, event_id: int) -> bool:
    return db.execute("SELECT 1 FROM event_organizations WHERE event_id = ? LIMIT 1",
                      [event_id]).fetchone() is not None


def set_participants(db: Database, event_id: int, org_ids: Sequence[int], *, user: str) -> None:
    """Replace the event's list of organisations (audited, all or nothing)."""
    event = store.get_row(db, "events", event_id)
    seen: list[int] = []
    for org_id in org_ids:
        if org_id in seen:
            raise InputError(f"Организация {org_id} указана дважды для «{event['title']}».")
        store.get_row(db, "organizations", org_id)
        seen.append(org_id)
    with db.atomic():
        for (row_id,) in db.execute("SELECT id FROM event_organizations WHERE event_id = ?",
                                    [event_id]).fetchall():
            store.delete(db, "event_organizations", row_id, user=user)
        for position, org_id in enumerate(seen, start=1):
            store.insert(db, "event_organizations", {
                "event_id": event_id, "organization_id": org_id, "position": position},
                user=user)
