"""One row of an organisations file as values: each cell checked, each problem in Russian.

A row says «Строка 7, столбец «ИНН»: …» for whatever is wrong, naming the header as the
file writes it, so the person finds the cell in Excel at once.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from datetime import date

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.model import MembershipStatus, OrgKind, Role
from rcro_tui.org_names import district_key, fold, name_key
from rcro_tui.rules import clean_text, inn_is_valid
from rcro_tui.db.import_cells import Cell, date_of, is_blank, shown

KIND_SYNONYMS = {"оо": "school", "общеобразовательная": "school", "сош": "school",
                 "до": "additional", "удо": "additional", "доп образование": "additional",
                 "дополнительное": "additional", "колледж": "college", "техникум": "college",
                 "спо": "college", "университет": "university", "вуз": "university",
                 "нии": "research", "институт": "research", "научная организация": "research",
                 "компания": "company", "предприятие": "company", "организация": "company",
                 "музей": "museum", "планетарий": "museum", "прочее": "other"}
ROLE_SYNONYMS = {"опорная": "hub", "опорная школа": "hub", "опорная оо": "hub",
                 "базовая": "base", "базовая площадка": "base",
                 "базовая образовательная организация": "base", "базовая оо": "base",
                 "апробационная": "pilot", "апробационная площадка": "pilot",
                 "участник": "participant", "участник сети": "participant",
                 "партнер": "partner", "партнер соисполнитель": "partner",
                 "соисполнитель": "partner", "координатор": "coordinator"}
DECISIONS = {"заявка подана": "applied", "подана": "applied", "заявка": "applied",
             "одобрена": "approved", "одобрено": "approved", "утверждена": "approved",
             "присвоен": "approved", "присвоено": "approved", "да": "approved"}


class RowValues:
    """What a row gives: the columns it fills (blank cells are not «values»)."""

    __slots__ = ("number", "fields", "contact", "membership", "problems")

    def __init__(self, number: int) -> None:
        self.number = number
        self.fields: dict[str, object] = {}
        self.contact: dict[str, str] = {}
        self.membership: dict[str, object] = {}
        self.problems: list[str] = []


class Lookups:
    """Districts and programmes by the names people type, loaded once per import."""

    def __init__(self, db: Database) -> None:
        self.districts: dict[str, int] = {}
        for row_id, name in db.execute("SELECT id, name FROM districts").fetchall():
            self.districts[district_key(name)] = row_id
            self.districts[name_key(name)] = row_id
        self.programs: dict[str, int] = {}
        for row_id, name, short in db.execute(
                "SELECT id, name, short_name FROM programs").fetchall():
            for text in (name, short):
                if text:
                    self.programs[name_key(text)] = row_id


class RowParser:
    """Turns the cells of one row into RowValues, using the sheet's column map."""

    def __init__(self, columns: dict[str, int], headers: list[str], lookups: Lookups) -> None:
        self.columns, self.headers, self.lookups = columns, headers, lookups
        self.plain = [key for key in ("short_name", "address", "legal_form", "phone", "email",
                                      "website", "note") if key in columns]

    def parse(self, number: int, cells: list[Cell]) -> RowValues:
        values = RowValues(number)
        row = _Cells(self, number, cells, values)
        name = row.text("name")
        if not name:
            row.fail("name", "нет названия организации.")
        else:
            values.fields["name"] = name
        for key in self.plain:
            if text := row.text(key):
                values.fields[key] = text
        if inn := row.text("inn").replace(" ", ""):
            if inn.endswith(".0"):  # a number cell Excel saved as 7017033960.0
                inn = inn[:-2]
            if len(inn) in (9, 11) and inn.isdigit() and not isinstance(row.cell("inn"), str):
                inn = "0" + inn  # a number cell lost the leading zero (regions 01–09)
            if inn_is_valid(inn):
                values.fields["inn"] = inn
            else:
                row.fail("inn", f"ИНН «{inn}» неверный — нужно 10 или 12 цифр с верными "
                                "контрольными цифрами.")
        if "district" in self.columns and (text := row.text("district")):
            found = (self.lookups.districts.get(name_key(text))
                     or self.lookups.districts.get(district_key(text)))
            if found is None:
                row.fail("district", f"муниципальное образование «{text}» не найдено — "
                                     "впишите его как в разделе «Сеть» (например, "
                                     "«Томский район», «г. Томск»).")
            else:
                values.fields["district_id"] = found
        if "kind" in self.columns and (text := row.text("kind")):
            kind = _labelled(OrgKind, text, KIND_SYNONYMS)
            if kind is None:
                row.fail("kind", f"«{text}» — нет такого вида; допустимо: "
                                 + ", ".join(f"«{k.label}»" for k in OrgKind) + ".")
            else:
                values.fields["kind"] = kind
        self._contact(row, values)
        self._membership(row, values)
        return values

    def _contact(self, row: "_Cells", values: RowValues) -> None:
        if "contact_name" not in self.columns and "contact_phone" not in self.columns:
            return
        for key in ("contact_name", "contact_position", "contact_phone", "contact_email"):
            if text := row.text(key):
                values.contact[key.removeprefix("contact_")] = text
        if values.contact and "name" not in values.contact:
            row.fail("contact_name", "у контакта (должность, телефон) нет ФИО.")

    def _membership(self, row: "_Cells", values: RowValues) -> None:
        if "program" not in self.columns and "role" not in self.columns:
            return
        program, role = row.text("program"), row.text("role")
        if not program and not role:
            return
        if not program or not role:
            missing = "program" if not program else "role"
            row.fail(missing, "для участия в программе нужны и программа, и роль.")
            return
        program_id = self.lookups.programs.get(name_key(program))
        if program_id is None:
            row.fail("program", f"программа «{program}» не найдена — впишите название или "
                                "краткое название, как в разделе «Сеть».")
        role_code = _labelled(Role, role, ROLE_SYNONYMS)
        if role_code is None:
            row.fail("role", f"«{role}» — нет такой роли; допустимо: "
                             + ", ".join(f"«{r.label}»" for r in Role) + ".")
        decision = row.text("decision")
        status = DECISIONS.get(fold(decision), None) if decision else "applied"
        if status is None:
            row.fail("decision", f"«{decision}» — ожидается «заявка подана» или «одобрена».")
        on = row.cell("decided_on")
        day = row.parsed_date("decided_on") if not is_blank(on) else None
        values.membership = {"program_id": program_id, "role": role_code, "status": status,
                             "on_date": day, "document": row.text("document")}


def role_code(text: str) -> str | None:
    """A role as people write it: «опорная», «базовая площадка», «партнёр/соисполнитель»."""
    return _labelled(Role, text, ROLE_SYNONYMS)


def _labelled(enum, text: str, synonyms: dict[str, str]) -> str | None:
    key = name_key(text).replace("-", " ")
    found = _labels(enum).get(key)
    return found if found is not None else synonyms.get(key.replace("/", " ").strip())


@lru_cache(maxsize=None)
def _labels(enum) -> dict[str, str]:
    """Each member by its label's key and by its code."""
    labels = {name_key(member.label).replace("-", " "): member.value for member in enum}
    return {**labels, **{member.value: member.value for member in enum}}


class _Cells:
    __slots__ = ("parser", "number", "cells", "values", "texts")

    def __init__(self, parser: RowParser, number: int, cells: list[Cell],
                 values: RowValues) -> None:
        self.parser, self.number, self.cells, self.values = parser, number, cells, values
        self.texts = {key: _clean_cell(cells[index]) for key, index in parser.columns.items()
                      if index < len(cells) and cells[index] is not None}

    def cell(self, key: str) -> Cell:
        index = self.parser.columns.get(key)
        return self.cells[index] if index is not None and index < len(self.cells) else None

    def text(self, key: str) -> str:
        """The cell as clean one-line text («» for a column the file does not have)."""
        return self.texts.get(key, "")

    def where(self, key: str) -> str:
        index = self.parser.columns.get(key)
        header = self.parser.headers[index] if index is not None else key
        return f"Строка {self.number}, столбец «{header}»"

    def fail(self, key: str, message: str) -> None:
        self.values.problems.append(f"{self.where(key)}: {message}")

    def parsed_date(self, key: str) -> date | None:
        try:
            return date_of(self.cell(key), self.where(key))
        except InputError as error:
            self.values.problems.append(error.message)
            return None


def _clean_cell(cell: Cell) -> str:
    """A cell as clean one-line text; every cell of a row is cleaned at once, as it is read.

    Most cells are already clean: tested in C (printable, no double space, NFC) they are only
    stripped, which is what `clean_text` would give without its work (40 000 rows × 6 cells).
    """
    if isinstance(cell, str) and cell.isprintable() and "  " not in cell \
            and unicodedata.is_normalized("NFC", cell):
        return cell.strip()
    return clean_text(shown(cell))


MEMBERSHIP_STEPS = {"applied": (MembershipStatus.APPLIED,),
                    "approved": (MembershipStatus.APPROVED,)}
"""The one history step an imported membership starts with, as the file says; the rest of
its workflow is the memberships screens' (a file records where things stand, not how)."""
