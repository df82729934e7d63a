"""The organisation list as records: for `orgs list --format json|csv` and `orgs export`.

Export headers are the import's own first synonyms («Наименование», «ИНН», «Муниципалитет»…),
so an exported file, edited in Excel, imports back onto the same organisations.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from rcro_tui.model import OrgKind
from rcro_tui.db.org_import_read import COLUMNS
from rcro_tui.db.org_list import OrgFilter, org_ids
from rcro_tui.db.orgs import refresh_keys

RECORD_KEYS = ("id", "name", "short_name", "kind", "kind_label", "legal_form", "inn",
               "district", "address", "phone", "email", "website")
EXPORTED = ("name", "short_name", "inn", "district", "address", "kind", "legal_form", "phone",
            "email", "website")
"""Fields an export writes, in this order, under the import's headers."""


def org_records(db: Database, flt: OrgFilter) -> list[dict[str, Any]]:
    """Every organisation the filter keeps, in the list's order, as plain dicts."""
    refresh_keys(db)
    ids = org_ids(db, flt)
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        cursor = db.execute(
            "SELECT o.id, o.name, o.short_name, o.kind, o.legal_form, COALESCE(o.inn, '') AS inn,"
            " COALESCE(d.name, '') AS district, o.address, o.phone, o.email, o.website "
            "FROM organizations o LEFT JOIN districts d ON d.id = o.district_id "
            f"WHERE o.id IN ({', '.join('?' for _ in chunk)})", chunk)
        names = [c[0] for c in cursor.description]
        for values in cursor.fetchall():
            record = dict(zip(names, values))
            record["kind_label"] = OrgKind.label_of(record["kind"])
            found[record["id"]] = record
    return [{key: found[i][key] for key in RECORD_KEYS} for i in ids]


def export_rows(records: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """Headers and rows for a file a coordinator can edit and import back."""
    headers = [COLUMNS[field][0] for field in EXPORTED]
    rows = [[r["kind_label"] if f == "kind" else r[f] for f in EXPORTED] for r in records]
    return headers, rows
