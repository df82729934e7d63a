"""Which school a protocol row means: by INN, then by the name's key in the row's district.

A jury writes «МБОУ Кожевниковская СОШ №2» where the database has «МБОУ «Кожевниковская
СОШ № 2»»: name keys make them one. A name found nowhere is an unknown school: the importer
offers the closest names of the district (to match with) or to create it — the coordinator
decides, the file is never half-imported meanwhile.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from sqlite_utils import Database

from rcro_tui.org_names import district_key, name_key
from rcro_tui.rules import inn_is_valid

CREATE = 0
"""A choice for an unknown school: create it (any other choice is an organisation id)."""
SUGGESTED = 3


@dataclass
class UnknownSchool:
    """A school name of the file found in no row of `organizations`."""

    key: str
    """«district id|name key»: what the screen's and the CLI's choices are keyed by."""
    name: str
    district_id: int | None
    district: str
    inn: str
    rows: list[int] = field(default_factory=list)
    suggestions: list[tuple[int, str]] = field(default_factory=list)
    """(organisation id, «name — district») of the closest names, best first."""
    choice: int | None = None
    """An organisation id to match with, CREATE, or None (undecided: a problem)."""


@dataclass
class _Org:
    id: int
    name: str
    district_id: int | None
    district: str


class SchoolIndex:
    """Organisations by INN and by name key (full and short names), districts by name."""

    def __init__(self, db: Database) -> None:
        self.by_inn: dict[str, _Org] = {}
        self.by_key: dict[str, list[_Org]] = {}
        self.keys_in: dict[int | None, set[str]] = {}
        self.districts: dict[str, tuple[int, str]] = {}
        for row_id, name in db.execute("SELECT id, name FROM districts").fetchall():
            self.districts[district_key(name)] = (row_id, name)
            self.districts[name_key(name)] = (row_id, name)
        for row in db.execute("""
                SELECT o.id, o.name, o.short_name, o.inn, o.district_id, COALESCE(d.name, '')
                FROM organizations o LEFT JOIN districts d ON d.id = o.district_id""").fetchall():
            org = _Org(row[0], row[1], row[4], row[5])
            if row[3]:
                self.by_inn[row[3]] = org
            for text in (row[1], row[2]):
                if text:
                    key = name_key(text)
                    self.by_key.setdefault(key, []).append(org)
                    self.keys_in.setdefault(org.district_id, set()).add(key)

    def district(self, text: str) -> tuple[int, str] | None:
        return self.districts.get(district_key(text)) or self.districts.get(name_key(text))

    def find(self, name: str, inn: str, district_id: int | None) -> tuple[_Org | None, str]:
        """The organisation a row means, or (None, why it is ambiguous), or (None, «»)."""
        if inn and inn_is_valid(inn) and inn in self.by_inn:
            return self.by_inn[inn], ""
        found = {org.id: org for org in self.by_key.get(name_key(name), [])
                 if district_id is None or org.district_id == district_id}
        if len(found) > 1:
            return None, ("так называются несколько организаций в разных районах — добавьте "
                          "столбец «ИНН» или «Муниципалитет», чтобы было однозначно.")
        return (next(iter(found.values())) if found else None), ""

    def suggestions(self, name: str, district_id: int | None) -> list[tuple[int, str]]:
        """The closest existing names (of the district when it is known)."""
        if district_id is not None:
            keys = self.keys_in.get(district_id, set())
        else:
            keys = set(self.by_key)
        close = difflib.get_close_matches(name_key(name), list(keys), n=SUGGESTED, cutoff=0.5)
        picked: dict[int, str] = {}
        for key in close:
            for org in self.by_key[key]:
                if district_id is None or org.district_id == district_id:
                    label = f"{org.name} — {org.district}" if org.district else org.name
                    picked.setdefault(org.id, label)
        return list(picked.items())[:SUGGESTED]


def unknown_key(name: str, district_id: int | None) -> str:
    return f"{district_id or ''}|{name_key(name)}"


def unknown_problem(school: UnknownSchool, header: str) -> str:
    """«Строки 5, 9, столбец «Школа»: «…» (Зырянский район) нет в базе. Похожие: …»."""
    where = ("Строка " if len(school.rows) == 1 else "Строки ") + ", ".join(
        str(n) for n in school.rows[:6]) + ("…" if len(school.rows) > 6 else "")
    place = f" ({school.district})" if school.district else ""
    text = f"{where}, столбец «{header}»: «{school.name}»{place} нет в базе."
    if school.suggestions:
        text += " Похожие: " + ", ".join(f"«{label}»" for _, label in school.suggestions) + "."
    return text + " Сопоставьте её со школой из базы или создайте (--create-missing)."
