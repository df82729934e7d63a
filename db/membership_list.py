"""The memberships list with its filters: one SQL query, statuses read on a given day.

The same `MemberFilter` serves the «Участие и заявки» tab and `rcro-tui members list`, so both
show the same rows. An approval whose term is over reads as «истекла» from its dates, and one
ending within `EXPIRY_WARNING_DAYS` is flagged, whether or not anybody recorded the step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

from rcro_tui.i18n import date_short
from rcro_tui.membership_rules import EXPIRING, EXPIRY_WARNING_DAYS, status_cell, status_text
from rcro_tui.model import MembershipStatus as S
from rcro_tui.model import Role
from rcro_tui.db.views import TableView

COLUMNS = ("№", "Организация", "Программа", "Роль", "Район", "Статус", "Заявка", "Решение",
           "Документ")
RECORD_KEYS = ("id", "organization", "program", "role", "role_label", "district", "status",
               "status_text", "applied_on", "decided_on", "valid_until", "decision_doc",
               "round_id")


ROLE_ORDER = ("CASE m.role " + " ".join(f"WHEN '{r.value}' THEN {n}" for n, r in enumerate(Role))
              + " ELSE 99 END")
"""Roles in the order of `Role` (hub schools first), not alphabetically by code."""


@dataclass(frozen=True)
class MemberFilter:
    """Filters that add up (AND); several values of one filter are alternatives (OR)."""

    program_ids: tuple[int, ...] = ()
    roles: tuple[str, ...] = ()
    district_ids: tuple[int, ...] = ()
    statuses: tuple[str, ...] = ()
    """Status codes as they read today (expired by date included) or `EXPIRING`."""
    organization_ids: tuple[int, ...] = ()
    round_id: int | None = None


def _status_sql(code: str, today: str, soon: str) -> tuple[str, list[str]]:
    if code == EXPIRING:
        return "(m.status = 'approved' AND m.valid_until BETWEEN ? AND ?)", [today, soon]
    if code == S.EXPIRED:
        return "(m.status = 'expired' OR (m.status = 'approved' AND m.valid_until < ?))", [today]
    if code == S.APPROVED:
        return "(m.status = 'approved' AND (m.valid_until IS NULL OR m.valid_until >= ?))", [today]
    return "m.status = ?", [code]


def _in(column: str, values: tuple[Any, ...]) -> tuple[str, list[Any]]:
    return f"{column} IN ({', '.join('?' for _ in values)})", list(values)


def where(given: MemberFilter, today: date) -> tuple[str, list[Any]]:
    """The WHERE clause (over `m`, `o`) and its parameters."""
    parts: list[str] = []
    params: list[Any] = []
    for column, values in (("m.program_id", given.program_ids), ("m.role", given.roles),
                           ("COALESCE(m.district_id, o.district_id)", given.district_ids),
                           ("m.organization_id", given.organization_ids)):
        if values:
            sql, args = _in(column, values)
            parts.append(sql)
            params += args
    if given.statuses:
        day, soon = today.isoformat(), (today + timedelta(days=EXPIRY_WARNING_DAYS)).isoformat()
        pieces = [_status_sql(code, day, soon) for code in given.statuses]
        parts.append("(" + " OR ".join(sql for sql, _ in pieces) + ")")
        params += [arg for _, args in pieces for arg in args]
    if given.round_id is not None:
        parts.append("m.round_id = ?")
        params.append(given.round_id)
    return (" AND ".join(parts) or "1"), params


def member_count(db: Database, given: MemberFilter, today: date) -> int:
    clause, params = where(given, today)
    return db.execute("SELECT count(*) FROM memberships m JOIN organizations o ON "
                      f"o.id = m.organization_id WHERE {clause}", params).fetchone()[0]


def member_records(db: Database, given: MemberFilter, today: date,
                   limit: int | None = None) -> list[dict[str, Any]]:
    """The rows as plain records (JSON/CSV and the table are made from them), by programme,
    role, district and name; the first `limit` of them when a screen shows only a page."""
    clause, params = where(given, today)
    if limit is not None:
        params = [*params, limit]
    rows = db.query(f"""
        SELECT m.id, o.name AS organization, COALESCE(NULLIF(p.short_name, ''), p.name) AS program,
               m.role, COALESCE(d.name, '') AS district, m.status, m.applied_on, m.decided_on,
               m.valid_until, m.decision_doc, m.round_id
        FROM memberships m JOIN organizations o ON o.id = m.organization_id
        JOIN programs p ON p.id = m.program_id
        LEFT JOIN districts d ON d.id = COALESCE(m.district_id, o.district_id)
        WHERE {clause}
        ORDER BY program, {ROLE_ORDER}, d.sort_order IS NULL, d.sort_order, o.name, m.id
        {"LIMIT ?" if limit is not None else ""}""", params)
    records = []
    for row in rows:
        until = date.fromisoformat(row["valid_until"]) if row["valid_until"] else None
        records.append({**row, "role_label": Role.label_of(row["role"]),
                        "status_text": status_text(S(row["status"]), until, today),
                        "status_cell": status_cell(S(row["status"]), until, today)})
    return records


def _day(value: str | None) -> str:
    return date_short(date.fromisoformat(value)) if value else ""


def members_view(db: Database, given: MemberFilter, today: date,
                 title: str = "Участие и заявки", *, columns: tuple[str, ...] = COLUMNS,
                 limit: int | None = None) -> TableView:
    """The table with the given `columns` of `COLUMNS` (a screen shows fewer than the CLI);
    with `limit`, only the first rows, the title saying how many there are in all."""
    records = member_records(db, given, today, limit)
    if limit is not None and len(records) == limit:
        total = member_count(db, given, today)
        if total > limit:
            title += f" · первые {limit} из {total} (уточните: F, P)"
    view = TableView(title, columns, empty="Заявок и участников с такими условиями нет.")
    for r in records:
        cells = dict(zip(COLUMNS, (
            str(r["id"]), r["organization"], r["program"], r["role_label"], r["district"],
            r["status_cell"], _day(r["applied_on"]), _day(r["decided_on"]), r["decision_doc"])))
        view.add(r["id"], *(cells[c] for c in columns))
    return view


def history_view(db: Database, membership_id: int) -> TableView:
    """The steps of one membership, oldest first, as the detail screen and the CLI show them."""
    view = TableView("История", ("Дата", "Статус", "Документ", "Примечание", "Кто"),
                     empty="Шагов нет.")
    for row in db.query("SELECT * FROM membership_steps WHERE membership_id = ? "
                        "ORDER BY on_date, id", [membership_id]):
        view.add(row["id"], _day(row["on_date"]), S.label_of(row["status"]), row["document"],
                 row["note"], row["user"])
    return view
