"""Writing organisations from the editor, the import and the CLI: checked, audited, revisioned.

The official name is kept as typed («МБОУ «Кожевниковская СОШ № 2»», any quotes): only
control characters and doubled spaces go. Beside it the row carries its keys (`name_key`,
`search_key`, see `rcro_tui.org_names`) so matching and searching never touch the name itself.
An edit names the revision it started from; a colleague's save in between is a ConflictError.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.model import OrgKind
from rcro_tui.org_names import name_key, search_key
from rcro_tui.rules import clean_text, inn_is_valid
from rcro_tui.db import store

MAX_NAME = 300
FIELD_LABELS = {"name": "Официальное название", "short_name": "Краткое название",
                "legal_form": "Правовая форма", "kind": "Вид", "inn": "ИНН",
                "address": "Адрес", "district_id": "Муниципальное образование",
                "phone": "Телефон", "email": "Эл. почта", "website": "Сайт", "note": "Примечание"}
"""The editor's fields; an OrgError says which of them is wrong."""


@dataclass(frozen=True)
class OrgDraft:
    """An organisation as typed in the editor or read from a file, before it is stored."""

    name: str
    kind: str = OrgKind.SCHOOL.value
    short_name: str = ""
    legal_form: str = ""
    inn: str = ""
    address: str = ""
    district_id: int | None = None
    phone: str = ""
    email: str = ""
    website: str = ""
    note: str = ""


@dataclass(frozen=True)
class ContactDraft:
    """A coordinator of an organisation: name, position, phone, email."""

    name: str
    position: str = ""
    phone: str = ""
    email: str = ""
    id: int | None = None
    """The stored contact this edits (None: a new one)."""


class OrgError(InputError):
    """Everything wrong with a draft at once: `problems[field] = Russian sentence`."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__(" ".join(problems.values()))


def check_org(db: Database, draft: OrgDraft, *, org_id: int | None = None) -> dict[str, Any]:
    """The row to store for a draft, or OrgError with every problem under its field."""
    problems: dict[str, str] = {}
    name = clean_text(draft.name)
    if not name:
        problems["name"] = "Официальное название: поле не может быть пустым."
    elif len(name) > MAX_NAME:
        problems["name"] = (f"Официальное название: {len(name)} символов — допускается не "
                            f"больше {MAX_NAME}.")
    inn = "".join(draft.inn.split())
    if inn and not inn_is_valid(inn):
        problems["inn"] = (f"ИНН «{draft.inn.strip()}»: неверный — нужно 10 цифр (организация) "
                           "или 12, и контрольные цифры должны сойтись; проверьте по выписке ЕГРЮЛ.")
    elif inn and (other := _inn_owner(db, inn, org_id)):
        problems["inn"] = f"ИНН {inn} уже у организации «{other}»."
    try:
        kind = OrgKind(draft.kind).value
    except ValueError:
        problems["kind"] = f"Вид «{draft.kind}»: нет такого вида организации."
        kind = OrgKind.OTHER.value
    if draft.district_id is not None and not db.execute(
            "SELECT 1 FROM districts WHERE id = ?", [draft.district_id]).fetchone():
        problems["district_id"] = "Муниципальное образование не найдено: выберите из списка."
    if problems:
        raise OrgError(problems)
    short = clean_text(draft.short_name)
    return {"name": name, "short_name": short, "kind": kind,
            "legal_form": clean_text(draft.legal_form), "inn": inn or None,
            "address": clean_text(draft.address), "district_id": draft.district_id,
            "phone": clean_text(draft.phone), "email": clean_text(draft.email),
            "website": clean_text(draft.website), "note": clean_text(draft.note, multiline=True),
            "name_key": name_key(name), "search_key": search_key(name, short, inn or None)}


def _inn_owner(db: Database, inn: str, org_id: int | None) -> str | None:
    row = db.execute("SELECT name FROM organizations WHERE inn = ? AND id IS NOT ?",
                     [inn, org_id]).fetchone()
    return row[0] if row else None


def add_org(db: Database, draft: OrgDraft, *, user: str, contacts: list[ContactDraft] = (),
            source: str = "") -> int:
    """A new organisation (with its contacts) in one transaction; returns its id."""
    with db.atomic():
        row = check_org(db, draft)
        org_id = store.insert(db, "organizations", {**row, "source": clean_text(source)},
                              user=user)
        save_contacts(db, org_id, list(contacts), user=user)
    return org_id


def update_org(db: Database, org_id: int, draft: OrgDraft, *, user: str,
               expected_revision: int | None = None,
               contacts: list[ContactDraft] | None = None) -> dict[str, Any]:
    """Change an organisation (and, if given, its whole contact list); returns the row after.

    Nothing changed writes nothing: no revision bump, no audit entry.
    """
    with db.atomic():
        row = check_org(db, draft, org_id=org_id)
        after = store.update(db, "organizations", org_id, row, user=user,
                             expected_revision=expected_revision)
        if contacts is not None and save_contacts(db, org_id, contacts, user=user):
            if expected_revision is not None and after["revision"] == expected_revision:
                # only the contacts changed: still a new version of the organisation, so a
                # colleague's editor opened before this save cannot overwrite the contacts
                after = store.update(db, "organizations", org_id,
                                     {"revision": expected_revision + 1}, user=user)
        refresh_keys(db)
    return after


def draft_of(db: Database, org_id: int) -> tuple[OrgDraft, int]:
    """The stored organisation as a draft, and the revision the editor starts from."""
    row = store.get_row(db, "organizations", org_id)
    names = {f.name for f in fields(OrgDraft)}
    values = {name: row[name] for name in names}
    values["inn"] = row["inn"] or ""
    return OrgDraft(**values), row["revision"]


def contacts_of(db: Database, org_id: int) -> list[ContactDraft]:
    return [ContactDraft(r["name"], r["position"], r["phone"], r["email"], r["id"])
            for r in db.query("SELECT * FROM contacts WHERE organization_id = ? ORDER BY id",
                              [org_id])]


def save_contacts(db: Database, org_id: int, wanted: list[ContactDraft], *, user: str) -> bool:
    """Make the organisation's contacts be `wanted`: add, change and remove, each audited.

    Returns whether anything was written.
    """
    stored = {c.id: c for c in contacts_of(db, org_id)}
    changed = False
    for index, contact in enumerate(wanted, start=1):
        name = clean_text(contact.name)
        if not name:
            raise OrgError({"contacts": f"Контакт {index}: укажите имя (ФИО)."})
        values = {"name": name, "position": clean_text(contact.position),
                  "phone": clean_text(contact.phone), "email": clean_text(contact.email)}
        if contact.id is None:
            store.insert(db, "contacts", {"organization_id": org_id, **values}, user=user)
            changed = True
        elif contact.id in stored and values != _contact_values(stored[contact.id]):
            store.update(db, "contacts", contact.id, values, user=user)
            changed = True
    kept = {c.id for c in wanted if c.id is not None}
    for contact_id in stored.keys() - kept:
        store.delete(db, "contacts", contact_id, user=user)
        changed = True
    return changed


def _contact_values(contact: ContactDraft) -> dict[str, str]:
    return {"name": contact.name, "position": contact.position, "phone": contact.phone,
            "email": contact.email}


def refresh_keys(db: Database) -> int:
    """Fill the keys a writer left empty (old rows, other writers); returns how many."""
    rows = db.execute("SELECT id, name, short_name, inn FROM organizations "
                      "WHERE name_key IS NULL OR search_key IS NULL").fetchall()
    if rows:
        with db.atomic():
            db.conn.executemany(
                "UPDATE organizations SET name_key = ?, search_key = ? WHERE id = ?",
                [(name_key(n), search_key(n, s, i), k) for k, n, s, i in rows])
    return len(rows)
