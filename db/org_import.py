"""Importing organisations: a plan first (what each row would do, or why it cannot), then all
or nothing.

A row finds its organisation by INN, then by the name's key (case, quote kinds, «№»/N and
spaces aside) in the same district, so re-importing a file — or another coordinator's copy
of it — never makes a duplicate, and re-importing the same file writes nothing at all (no
revision, no `updated_at`, no audit entry). A found organisation takes only the non-empty
cells that differ; the official name is changed only when the INN matched and the name is
really another one (not the same name typed with other quotes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from rcro_tui.i18n import count
from rcro_tui.model import MembershipStatus
from rcro_tui.org_names import kind_of, legal_form_of, name_key, search_key
from rcro_tui.db import access, store
from rcro_tui.db.import_problems import Problems
from rcro_tui.db.network import Step, add_membership
from rcro_tui.db.org_import_read import read_sheet, read_source
from rcro_tui.db.org_import_rows import MEMBERSHIP_STEPS, Lookups, RowParser, RowValues
from rcro_tui.db.orgs import refresh_keys

ACTIONS = {"add": "добавить", "update": "обновить", "same": "без изменений", "bad": "ошибка"}


@dataclass(slots=True)
class PlannedRow:
    """What one row of the file does."""

    number: int
    name: str
    action: str
    org_id: int | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    contact: dict[str, str] = field(default_factory=dict)
    membership: dict[str, Any] = field(default_factory=dict)
    note: str = ""

    @property
    def action_label(self) -> str:
        return ACTIONS[self.action]


@dataclass
class ImportPlan:
    source_name: str
    rows: list[PlannedRow] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)
    ignored_columns: list[str] = field(default_factory=list)
    applied: bool = False

    def tally(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    def summary(self) -> str:
        """«Добавлено 12 организаций, обновлено 3, без изменений 40.» (or «Будет …»)."""
        if self.problems:
            return (f"В файле {count(self.problems.total, 'ошибка', 'ошибки', 'ошибок')}: "
                    "ничего не импортировано.")
        verb = "Добавлено" if self.applied else "Будет добавлено"
        text = (f"{verb} {count(self.tally('add'), 'организация', 'организации', 'организаций')}"
                f", обновлено {self.tally('update')}, без изменений {self.tally('same')}.")
        if self.ignored_columns:
            text += ("\nСтолбцы без соответствия пропущены: "
                     + ", ".join(f"«{name}»" for name in self.ignored_columns) + ".")
        return text


_COMPARED = ("id", "name", "short_name", "kind", "legal_form", "district_id", "address", "inn",
             "phone", "email", "website", "note", "name_key", "search_key")
"""The stored columns an import matches on or may change."""


class _Index:
    """The stored organisations by INN and by name key, plus what this file has added."""

    def __init__(self, db: Database) -> None:
        refresh_keys(db)
        self.by_inn: dict[str, dict] = {}
        self.by_key: dict[str, list[dict]] = {}
        cursor = db.execute(f"SELECT {', '.join(_COMPARED)} FROM organizations")
        names = [c[0] for c in cursor.description]
        for values in cursor.fetchall():
            row = dict(zip(names, values))
            if row["inn"]:
                self.by_inn[row["inn"]] = row
            self.by_key.setdefault(row["name_key"], []).append(row)

    def find(self, fields: dict[str, Any], key: str) -> tuple[dict | None, str]:
        """The stored organisation a row means (or None), or a problem when it is ambiguous."""
        inn = fields.get("inn")
        if inn and inn in self.by_inn:
            return self.by_inn[inn], ""
        district = fields.get("district_id")
        same = [row for row in self.by_key.get(key, [])
                if (district is None or row["district_id"] in (None, district))
                and not (inn and row["inn"])]
        if len(same) > 1:
            return None, ("так называются несколько организаций — добавьте столбец «ИНН» или "
                          "«Муниципалитет», чтобы было однозначно.")
        return (same[0] if same else None), ""


def plan_import(db: Database, source: str | Path | bytes, *, source_name: str = "") -> ImportPlan:
    """Read the file and decide every row; writes nothing."""
    data, name = read_source(source)
    plan = ImportPlan(source_name or name)
    sheet = read_sheet(data, plan.source_name)
    plan.ignored_columns = sheet.ignored
    parser = RowParser(sheet.columns, sheet.headers, Lookups(db))
    index = _Index(db)
    seen: dict[tuple, int] = {}
    for number, cells in sheet.rows:
        values = parser.parse(number, cells)
        planned = _decide(db, values, index, seen)
        for problem in values.problems:
            plan.problems.add(problem, number)
        plan.rows.append(planned)
    return plan


def _decide(db: Database, values: RowValues, index: _Index, seen: dict) -> PlannedRow:
    fields = values.fields
    row = PlannedRow(values.number, str(fields.get("name", "")), "bad",
                     contact=values.contact, membership=values.membership)
    if values.problems:
        return row
    key = name_key(fields["name"])
    inn = fields.get("inn")
    by_name = ("name", key, fields.get("district_id"))
    earlier = seen.get(("inn", inn)) if inn else None
    earlier = earlier or seen.get(by_name)
    if earlier:
        values.problems.append(f"Строка {values.number}: та же организация, что в строке "
                               f"{earlier} — оставьте одну строку.")
        return row
    if inn:
        seen[("inn", inn)] = values.number
    seen[by_name] = values.number
    stored, problem = index.find(fields, key)
    if problem:
        values.problems.append(f"Строка {values.number}: «{fields['name']}» — {problem}")
        return row
    if stored is None:
        row.action, row.changes = "add", _new_row(fields, key)
        return row
    row.org_id = stored["id"]
    row.changes = _changes(stored, fields, key)
    news = bool(row.changes) or _contact_is_new(db, stored["id"], values.contact) or \
        _membership_is_new(db, stored["id"], values.membership)
    row.action = "update" if news else "same"
    return row


def _new_row(fields: dict[str, Any], key: str) -> dict[str, Any]:
    name = fields["name"]
    row = {"name": name, "short_name": "", "kind": fields.get("kind") or kind_of(name).value,
           "legal_form": fields.get("legal_form") or legal_form_of(name), "district_id": None,
           "address": "", "inn": None, "phone": "", "email": "", "website": "", "note": ""}
    row.update({k: v for k, v in fields.items() if k in row})
    row["name_key"] = key
    row["search_key"] = search_key(name, row["short_name"], row["inn"])
    return row


def _changes(stored: dict, fields: dict[str, Any], key: str) -> dict[str, Any]:
    """The file's non-empty cells that differ from the stored organisation."""
    changes = {k: v for k, v in fields.items() if k != "name" and stored.get(k) != v}
    if key != stored["name_key"]:
        changes["name"] = fields["name"]
        changes["name_key"] = key
    if changes:
        merged = {**stored, **changes}
        changes["search_key"] = search_key(merged["name"], merged["short_name"], merged["inn"])
        changes = {k: v for k, v in changes.items() if stored.get(k) != v}
    return changes


def _contact_is_new(db: Database, org_id: int, contact: dict[str, str]) -> bool:
    if not contact:
        return False
    return not any(name_key(r[0]) == name_key(contact["name"]) for r in db.execute(
        "SELECT name FROM contacts WHERE organization_id = ?", [org_id]).fetchall())


def _membership_is_new(db: Database, org_id: int, membership: dict[str, Any]) -> bool:
    if not membership:
        return False
    return db.execute("SELECT 1 FROM memberships WHERE organization_id = ? AND program_id = ? "
                      "AND role = ?", [org_id, membership["program_id"],
                                       membership["role"]]).fetchone() is None


def apply_plan(db: Database, plan: ImportPlan, *, user: str, today: date) -> ImportPlan:
    """Write the plan in one transaction; InputError listing every problem instead."""
    plan.problems.raise_if_any(plan.source_name)
    source = f"импорт из «{plan.source_name}»" if plan.source_name else "импорт"
    # A country's schools overflow SQLite's 2 MB page cache while their keys go into the
    # indexes in no order; 64 MB for this connection keeps those pages in memory.
    db.execute("PRAGMA cache_size = -65536")
    with db.atomic():
        new = [row for row in plan.rows if row.action == "add"]
        ids = _insert_new(db, [row.changes for row in new], user=user, source=source)
        for row, org_id in zip(new, ids):
            row.org_id = org_id
        for row in plan.rows:
            if row.action == "update" and row.changes:
                store.update(db, "organizations", row.org_id, row.changes, user=user)
            if row.action in ("add", "update"):
                _add_links(db, row, user=user, today=today, source=source)
    plan.applied = True
    return plan


def _add_links(db: Database, row: PlannedRow, *, user: str, today: date, source: str) -> None:
    """The row's contact and membership, when the organisation does not have them yet."""
    if _contact_is_new(db, row.org_id, row.contact):
        store.insert(db, "contacts", {"organization_id": row.org_id, "name": row.contact["name"],
                                      "position": row.contact.get("position", ""),
                                      "phone": row.contact.get("phone", ""),
                                      "email": row.contact.get("email", ""), "source": source},
                     user=user)
    if _membership_is_new(db, row.org_id, row.membership):
        m = row.membership
        day = m["on_date"] or today
        steps = [Step(MembershipStatus(status), day,
                      m["document"] if status is MembershipStatus.APPROVED else "")
                 for status in MEMBERSHIP_STEPS[m["status"]]]
        district = db.execute("SELECT district_id FROM organizations WHERE id = ?",
                              [row.org_id]).fetchone()[0]
        add_membership(db, row.org_id, m["program_id"], m["role"], steps, user=user,
                       district_id=district, source=source)


def _insert_new(db: Database, rows: list[dict[str, Any]], *, user: str, source: str) -> list[int]:
    """Many new organisations at once, each audited as `store.insert` does
    (`store.insert_many`)."""
    if not rows:
        return []
    access.check_rows(db, user, "organizations", rows)
    stamp = store.utc_now()
    columns = [*rows[0], "source", "created_at", "updated_at"]
    return store.insert_many(db, "organizations", columns,
                             ([*row.values(), source, stamp, stamp] for row in rows), user=user,
                             stamp=stamp)


def import_orgs(db: Database, source: str | Path | bytes, *, user: str, today: date,
                source_name: str = "", dry_run: bool = False) -> ImportPlan:
    """Plan, then (unless a dry run) apply; InputError with every row's problem otherwise."""
    plan = plan_import(db, source, source_name=source_name)
    if dry_run:
        plan.problems.raise_if_any(plan.source_name)
        return plan
    return apply_plan(db, plan, user=user, today=today)

