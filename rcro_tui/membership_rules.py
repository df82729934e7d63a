"""The status workflow of a membership (заявка → рассмотрение → решение → срок → истечение).

Pure rules, no storage: which step may follow which, what each step needs (a date not before
the last one, a decision document for a decision, an end date for a status with a term), and
how a status reads on a given day («действует до 31.08.2027», «истекает через 20 дней»).
Every refusal is an `InputError` with a Russian sentence that names both statuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rcro_tui.errors import InputError
from rcro_tui.i18n import count, date_short
from rcro_tui.model import MembershipStatus as S
from rcro_tui.model import Role

EXPIRY_WARNING_DAYS = 60
"""A status that ends within this many days is flagged, so a renewal can be prepared in time."""

TRANSITIONS: dict[S, tuple[S, ...]] = {
    S.APPLIED: (S.REVIEW, S.APPROVED, S.REJECTED, S.WITHDRAWN),
    S.REVIEW: (S.APPROVED, S.REJECTED, S.WITHDRAWN),
    S.APPROVED: (S.APPROVED, S.WITHDRAWN, S.EXPIRED),
    S.REJECTED: (S.APPLIED,),
    S.WITHDRAWN: (S.APPLIED,),
    S.EXPIRED: (S.APPLIED,),
}
"""What may follow each status. Approved → approved is a prolongation (a new term); a
rejected, withdrawn or expired membership is applied for again in the same row, so its whole
history stays in one place."""

DECISIONS = (S.APPROVED, S.REJECTED)
"""Steps that need a decision document (приказ, протокол)."""
OPEN = (S.APPLIED, S.REVIEW)
"""Applications waiting for a decision."""

ROLE_WORDS: dict[str, Role] = {
    "опорная": Role.HUB, "опорная школа": Role.HUB, "базовая": Role.BASE,
    "базовая организация": Role.BASE, "базовая площадка": Role.BASE,
    "апробационная": Role.PILOT, "апробационная площадка": Role.PILOT,
    "участник": Role.PARTICIPANT, "участник сети": Role.PARTICIPANT,
    "партнёр": Role.PARTNER, "партнер": Role.PARTNER, "соисполнитель": Role.PARTNER,
    "координатор": Role.COORDINATOR,
}
"""How coordinators name the roles in speech and in `--role`."""

STATUS_WORDS: dict[str, S] = {
    "подана": S.APPLIED, "заявка": S.APPLIED, "рассмотрение": S.REVIEW,
    "на рассмотрении": S.REVIEW, "одобрена": S.APPROVED, "действует": S.APPROVED,
    "отклонена": S.REJECTED, "отозвана": S.WITHDRAWN, "истекла": S.EXPIRED,
}
EXPIRING = "expiring"
"""A filter value beside the statuses: approved and ending within the warning period."""


@dataclass(frozen=True)
class StepDraft:
    """A step a person asks for: the status to reach, on what day, on what document."""

    status: S
    on_date: date
    document: str = ""
    note: str = ""
    valid_until: date | None = None
    """For an approval: the last day the status holds (none: without a term)."""


@dataclass(frozen=True)
class Standing:
    """Where a membership is now: its stored status, its term and its last step's day."""

    status: S
    last_step: date
    valid_until: date | None = None


def check_step(standing: Standing, step: StepDraft) -> None:
    """Refuse a step the workflow does not allow, or one missing what it needs."""
    allowed = TRANSITIONS[standing.status]
    if step.status not in allowed:
        options = ", ".join(f"«{s.label}»" + (" (продление)" if s == standing.status else "")
                            for s in allowed)
        raise InputError(f"Из статуса «{standing.status.label}» нельзя перейти в "
                         f"«{step.status.label}»: можно {options}.")
    if step.on_date < standing.last_step:
        raise InputError(f"Дата шага {date_short(step.on_date)} раньше предыдущего шага "
                         f"({date_short(standing.last_step)}): история идёт по порядку.")
    if step.status in DECISIONS and not step.document.strip():
        raise InputError(f"Решение «{step.status.label}» принимается документом: укажите его, "
                         "например «приказ № 521 от 02.06.2022».")
    if step.status == S.APPROVED:
        _check_term(standing, step)
    if step.status == S.EXPIRED:
        _check_expiry(standing, step)
    if step.valid_until is not None and step.status != S.APPROVED:
        raise InputError(f"Срок действия указывают только при одобрении, а не для "
                         f"«{step.status.label}».")


def _check_term(standing: Standing, step: StepDraft) -> None:
    if step.valid_until is not None and step.valid_until < step.on_date:
        raise InputError(f"Срок действия до {date_short(step.valid_until)} раньше даты решения "
                         f"{date_short(step.on_date)}.")
    if standing.status == S.APPROVED:
        old = standing.valid_until
        if step.valid_until is None or (old is not None and step.valid_until <= old):
            was = f"до {date_short(old)}" if old else "без срока"
            raise InputError(f"Продление: статус уже действует {was}; укажите новый срок "
                             "позже прежнего.")


def _check_expiry(standing: Standing, step: StepDraft) -> None:
    if standing.valid_until is None:
        raise InputError("Статус без срока действия не может истечь: чтобы снять его, "
                         "отзовите статус.")
    if step.on_date <= standing.valid_until:
        raise InputError(f"Статус действует до {date_short(standing.valid_until)} "
                         f"включительно: истечь он может не раньше "
                         f"{date_short(standing.valid_until + timedelta(days=1))}.")


def next_steps(status: S) -> tuple[S, ...]:
    return TRANSITIONS[status]


def effective_status(status: S, valid_until: date | None, today: date) -> S:
    """An approval whose term is over reads as expired, even before the step is recorded."""
    if status == S.APPROVED and valid_until is not None and valid_until < today:
        return S.EXPIRED
    return status


def expiring(status: S, valid_until: date | None, today: date,
             days: int = EXPIRY_WARNING_DAYS) -> bool:
    """Approved, still valid today, and ending within `days` days."""
    return (status == S.APPROVED and valid_until is not None
            and today <= valid_until <= today + timedelta(days=days))


def status_text(status: S, valid_until: date | None, today: date) -> str:
    """«одобрена», «действует до 31.08.2027», «⚠ истекает 15.01.2027 (через 53 дня)»,
    «истекла (действовала до 31.12.2024)»."""
    shown = effective_status(status, valid_until, today)
    if shown == S.EXPIRED and valid_until is not None:
        return f"истекла (действовала до {date_short(valid_until)})"
    if status != S.APPROVED or valid_until is None:
        return status.label
    if expiring(status, valid_until, today):
        left = (valid_until - today).days
        when = "сегодня последний день" if left == 0 else \
            f"через {count(left, 'день', 'дня', 'дней')}"
        return f"⚠ истекает {date_short(valid_until)} ({when})"
    return f"действует до {date_short(valid_until)}"


def status_cell(status: S, valid_until: date | None, today: date) -> str:
    """The short form for a table column: «до 31.08.2027», «⚠ до 31.08.2027», «истекла»."""
    shown = effective_status(status, valid_until, today)
    if shown != S.APPROVED or valid_until is None:
        return shown.label
    mark = "⚠ " if expiring(status, valid_until, today) else ""
    return f"{mark}до {date_short(valid_until)}"


def parse_role(text: str, *, option: str = "роль") -> Role:
    """«опорная», «опорная школа», «hub», «соисполнитель» → the role; else a list of words."""
    key = " ".join(text.strip().lower().split())
    for role in Role:
        if key in (role.value, role.label):
            return role
    if key in ROLE_WORDS:
        return ROLE_WORDS[key]
    raise InputError(f"{option} «{text}»: нет такой роли. Можно: опорная, базовая, "
                     "апробационная, участник, партнёр (соисполнитель), координатор.")


def parse_status(text: str, *, option: str = "статус") -> S:
    """A status by its label («на рассмотрении»), a short word («рассмотрение») or its code."""
    key = " ".join(text.strip().lower().split())
    for status in S:
        if key in (status.value, status.label):
            return status
    if key in STATUS_WORDS:
        return STATUS_WORDS[key]
    labels = ", ".join(s.label for s in S)
    raise InputError(f"{option} «{text}»: нет такого статуса. Можно: {labels}.")


def parse_status_filter(text: str, *, option: str = "--status") -> str:
    """A status code, or `EXPIRING` for «истекает» (approved, ending soon)."""
    if text.strip().lower() in ("истекает", "истекают", EXPIRING):
        return EXPIRING
    try:
        return parse_status(text, option=option).value
    except InputError as error:
        raise InputError(error.message.rstrip(".") + ", истекает.") from None
