"""The organisation list: which organisations a search and filters keep, district by district.

Built for 40 000 rows and a keystroke each: one query per change gives every matching id in
order (districts in their order, then names) as one string — no row is fetched beyond its id
— and only the rows on screen are then read, a page at a time (`org_rows`). The query walks
the covering index `idx_organizations_list` (district, search key, kind, legal form).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from rcro_tui.model import MembershipStatus, OrgKind, Role
from rcro_tui.org_names import search_words
from rcro_tui.db.orgs import refresh_keys

INACTIVE = (MembershipStatus.REJECTED.value, MembershipStatus.WITHDRAWN.value)
"""Memberships that do not put an organisation into a programme's or a role's filter."""


@dataclass(frozen=True)
class OrgFilter:
    """What the list keeps: every given condition (AND); several values of one are OR."""

    text: str = ""
    kinds: tuple[str, ...] = ()
    legal_forms: tuple[str, ...] = ()
    district_ids: tuple[int, ...] = ()
    program_ids: tuple[int, ...] = ()
    roles: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return self == OrgFilter()

    def without_text(self) -> "OrgFilter":
        return OrgFilter("", self.kinds, self.legal_forms, self.district_ids,
                         self.program_ids, self.roles)

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on `o` (organizations) and its parameters."""
        parts, args = ["1"], []
        for word in search_words(self.text):  # bytes: a plain byte search, not UTF-8 stepping
            parts.append("instr(CAST(o.search_key AS BLOB), ?) > 0")
            args.append(word.encode())
        for column, values in (("o.kind", self.kinds), ("o.legal_form", self.legal_forms),
                               ("o.district_id", self.district_ids)):
            if values:
                parts.append(f"{column} IN ({', '.join('?' for _ in values)})")
                args += list(values)
        if self.program_ids or self.roles:
            inner = [f"m.status NOT IN ({', '.join('?' for _ in INACTIVE)})"]
            inner_args: list[Any] = list(INACTIVE)
            for column, values in (("m.program_id", self.program_ids), ("m.role", self.roles)):
                if values:
                    inner.append(f"{column} IN ({', '.join('?' for _ in values)})")
                    inner_args += list(values)
            parts.append("o.id IN (SELECT m.organization_id FROM memberships m WHERE "
                         + " AND ".join(inner) + ")")
            args += inner_args
        return " AND ".join(parts), args


def org_ids(db: Database, flt: OrgFilter) -> list[int]:
    """Every organisation the filter keeps, by district (in the region's order), then by name;
    organisations without a district come last.

    One scan of the covering index `idx_organizations_list`, which is in (district, search
    key) order: grouped by district with no sort, each district's ids cross into Python as
    one `group_concat` string in name order, and Python puts the districts in the region's
    order. (One index range per district, to have SQL keep that order, was 2 000 arms in
    five statements at country scale: twice as slow.)
    """
    where, args = flt.where()
    found = dict(db.execute(
        "SELECT o.district_id, group_concat(o.id) FROM organizations o "
        f"INDEXED BY idx_organizations_list WHERE {where} GROUP BY o.district_id",
        args).fetchall())
    ids: list[int] = []
    if not found:
        return ids
    order = [row[0] for row in db.execute("SELECT id FROM districts ORDER BY sort_order, id")]
    for district in [*order, None]:
        text = found.get(district)
        if text:
            ids += map(int, text.split(","))
    return ids


@dataclass(frozen=True)
class OrgRow:
    """One line of the list."""

    id: int
    name: str
    short_name: str
    kind: str
    legal_form: str
    district: str
    inn: str

    @property
    def kind_label(self) -> str:
        return OrgKind.label_of(self.kind)


def org_rows(db: Database, ids: list[int]) -> dict[int, OrgRow]:
    """The rows of the given ids (a screenful), by id."""
    if not ids:
        return {}
    rows = db.execute(
        "SELECT o.id, o.name, o.short_name, o.kind, o.legal_form, COALESCE(d.name, ''), "
        "COALESCE(o.inn, '') FROM organizations o LEFT JOIN districts d ON d.id = o.district_id "
        f"WHERE o.id IN ({', '.join('?' for _ in ids)})", ids).fetchall()
    return {row[0]: OrgRow(*row) for row in rows}


def list_orgs(db: Database, flt: OrgFilter) -> list[OrgRow]:
    """The whole filtered list as rows (the CLI and the export; the screen reads pages)."""
    refresh_keys(db)
    ids = org_ids(db, flt)
    rows: dict[int, OrgRow] = {}
    for start in range(0, len(ids), 500):
        rows.update(org_rows(db, ids[start:start + 500]))
    return [rows[i] for i in ids]


@dataclass(frozen=True)
class FilterChoices:
    """What the filter dialog offers: (label, value) pairs of each condition."""

    kinds: list[tuple[str, str]]
    legal_forms: list[tuple[str, str]]
    districts: list[tuple[str, int]]
    programs: list[tuple[str, int]]
    roles: list[tuple[str, str]]


def filter_choices(db: Database) -> FilterChoices:
    forms = [r[0] for r in db.execute(
        "SELECT DISTINCT legal_form FROM organizations WHERE legal_form != '' "
        "ORDER BY legal_form").fetchall()]
    return FilterChoices(
        kinds=OrgKind.choices(),
        legal_forms=[(form, form) for form in forms],
        districts=[(r[1], r[0]) for r in db.execute(
            "SELECT id, name FROM districts ORDER BY sort_order, id").fetchall()],
        programs=[(r[1], r[0]) for r in db.execute(
            "SELECT id, COALESCE(NULLIF(short_name, ''), name) FROM programs "
            "ORDER BY name").fetchall()],
        roles=Role.choices())


def filter_summary(choices: FilterChoices, flt: OrgFilter) -> str:
    """«вид: школа; МО: Томский район» — the conditions set, for the status line and the CLI."""
    parts = []
    for label, pairs, values in (("вид", choices.kinds, flt.kinds),
                                 ("форма", choices.legal_forms, flt.legal_forms),
                                 ("МО", choices.districts, flt.district_ids),
                                 ("программа", choices.programs, flt.program_ids),
                                 ("роль", choices.roles, flt.roles)):
        if values:
            names = [name for name, value in pairs if value in values]
            parts.append(f"{label}: {', '.join(names)}")
    return "; ".join(parts)
