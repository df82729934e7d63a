"""Writing the networks: districts, organisations and their contacts, programmes, memberships.

Official names are kept byte for byte («МБОУ «Кожевниковская СОШ № 2»»): only control
characters and doubled spaces are removed, quotes of every kind stay as typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from rcro_tui.model import DistrictKind, MembershipStatus, OrgKind, ProgramKind, Role
from rcro_tui.org_names import name_key, search_key
from rcro_tui.rules import check_inn, check_span, clean_text, require_text
from rcro_tui.db import store


def add_district(db: Database, name: str, kind: DistrictKind, *, user: str,
                 sort_order: int = 0) -> int:
    return store.insert(db, "districts", {
        "name": require_text(name, field="Муниципальное образование"),
        "kind": DistrictKind(kind).value, "sort_order": sort_order}, user=user)


def add_organization(db: Database, name: str, kind: OrgKind, *, user: str,
                     district_id: int | None = None, short_name: str = "",
                     legal_form: str = "", address: str = "", inn: str | None = None,
                     phone: str = "", email: str = "", website: str = "", note: str = "",
                     source: str = "") -> int:
    """A school or partner; `inn`, when given, must have valid check digits."""
    inn = check_inn(inn) if inn else None
    return store.insert(db, "organizations", {
        "name": require_text(name, field="Официальное название"),
        "short_name": clean_text(short_name), "kind": OrgKind(kind).value,
        "legal_form": clean_text(legal_form), "district_id": district_id,
        "address": clean_text(address), "inn": inn,
        "phone": clean_text(phone), "email": clean_text(email),
        "website": clean_text(website), "note": clean_text(note, multiline=True),
        "source": clean_text(source), "name_key": name_key(clean_text(name)),
        "search_key": search_key(clean_text(name), clean_text(short_name), inn)}, user=user)


def add_contact(db: Database, organization_id: int, name: str, *, user: str,
                position: str = "", phone: str = "", email: str = "", source: str = "") -> int:
    return store.insert(db, "contacts", {
        "organization_id": organization_id, "name": require_text(name, field="Контакт"),
        "position": clean_text(position), "phone": clean_text(phone),
        "email": clean_text(email), "source": clean_text(source)}, user=user)


def add_program(db: Database, name: str, kind: ProgramKind, *, user: str,
                short_name: str = "", start: date | None = None, end: date | None = None,
                coordinator: str = "", description: str = "", source: str = "") -> int:
    if start and end:
        check_span(start, end, what=f"Программа «{name}»")
    return store.insert(db, "programs", {
        "name": require_text(name, field="Название программы"),
        "short_name": clean_text(short_name), "kind": ProgramKind(kind).value,
        "start_date": start.isoformat() if start else None,
        "end_date": end.isoformat() if end else None,
        "coordinator": clean_text(coordinator),
        "description": clean_text(description, multiline=True),
        "source": clean_text(source)}, user=user)


@dataclass(frozen=True)
class Step:
    """One step of a membership's history: the status it reached, when, and on what document."""

    status: MembershipStatus
    on_date: date
    document: str = ""
    note: str = ""


def add_membership(db: Database, organization_id: int, program_id: int, role: Role,
                   steps: Sequence[Step], *, user: str, district_id: int | None = None,
                   topic: str = "", valid_until: date | None = None, note: str = "",
                   source: str = "") -> int:
    """An organisation's role in a programme, with its history; the last step is its status."""
    if not steps:
        raise ValueError("a membership starts with at least one step (the application)")
    first, last = steps[0], steps[-1]
    decided = next((s for s in reversed(steps) if s.status in _DECISIONS), None)
    with db.atomic():
        membership_id = store.insert(db, "memberships", {
            "organization_id": organization_id, "program_id": program_id,
            "role": Role(role).value, "status": MembershipStatus(last.status).value,
            "district_id": district_id, "topic": clean_text(topic),
            "applied_on": first.on_date.isoformat(),
            "decided_on": decided.on_date.isoformat() if decided else None,
            "valid_from": decided.on_date.isoformat() if decided and
            decided.status == MembershipStatus.APPROVED else None,
            "valid_until": valid_until.isoformat() if valid_until else None,
            "decision_doc": clean_text(decided.document) if decided else "",
            "note": clean_text(note, multiline=True), "source": clean_text(source)}, user=user)
        for step in steps:
            store.insert(db, "membership_steps", {
                "membership_id": membership_id,
                "status": MembershipStatus(step.status).value,
                "on_date": step.on_date.isoformat(), "document": clean_text(step.document),
                "note": clean_text(step.note), "user": user,
                "recorded_at": store.utc_now()}, user=user)
    return membership_id


_DECISIONS = {MembershipStatus.APPROVED, MembershipStatus.REJECTED}
