"""The audit log's retention: an administrator keeps it N months (0 = forever) and purges older entries.

The log is append-only (m016's triggers); this is the one way entries leave it. The purge
switches `audit_purge_allowed()` on for its own connection inside its own transaction only,
and leaves a `changes` entry saying what it removed, so even a purge is traceable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timezone

from dateutil.relativedelta import relativedelta
from sqlite_utils import Database

from rcro_tui.db import store
from rcro_tui.db.access import user_access
from rcro_tui.db.connection import allow_audit_purge
from rcro_tui.errors import AccessDenied, InputError
from rcro_tui.i18n import count, date_long
from rcro_tui.model import UserRole
from rcro_tui.rules import REGION_TZ, today_in_region

RETENTION_KEY = "audit_retention_months"
PURGE_ROW = "purge"
"""The `row_id` of the entry a purge leaves (its table is `changes` itself)."""
AUDIT_TIME = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class PurgeResult:
    """What a purge did: entries removed, and the local day before which they were."""

    removed: int
    months: int
    before_day: date | None

    def text(self) -> str:
        if not self.months:
            return "Срок хранения журнала не ограничен (0 месяцев): удалять нечего."
        return (f"Удалено {count(self.removed, 'запись', 'записи', 'записей')} журнала "
                f"старше {date_long(self.before_day)} (срок хранения — "
                f"{count(self.months, 'месяц', 'месяца', 'месяцев')}).")


def require_admin(db: Database, user: str, what: str) -> None:
    """AccessDenied unless `user` is an active administrator (or nobody is registered yet:
    a single coordinator on their own machine administers their own file): `db.access`."""
    access = user_access(db, user)
    if access.refusal:
        raise AccessDenied(access.refusal)
    if access.role is not UserRole.ADMIN:
        raise AccessDenied(f"Нет прав: {what} может только администратор ({user} — "
                           f"{access.role.label}).")


def retention_months(db: Database) -> int:
    """How many months the log keeps its entries; 0 = forever (the default)."""
    text = store.get_setting(db, RETENTION_KEY, "0")
    return int(text) if text.isdigit() else 0


def set_retention(db: Database, months: int, *, user: str) -> None:
    """The administrator's setting «хранить журнал N месяцев» (audited like every setting)."""
    require_admin(db, user, "менять срок хранения журнала")
    if not isinstance(months, int) or months < 0 or months > 1200:
        raise InputError(f"Срок хранения журнала: {months} — укажите число месяцев от 0 "
                         "(хранить всегда) до 1200.")
    store.set_setting(db, RETENTION_KEY, str(months), user=user)


def cutoff_day(months: int, today: date) -> date:
    """Entries from before this local day are older than `months` months."""
    return today - relativedelta(months=months)


def utc_start_of(day: date) -> str:
    """The audit clock's text for local (Asia/Tomsk) midnight starting `day`."""
    local = datetime.combine(day, time(0, 0), tzinfo=REGION_TZ)
    return local.astimezone(timezone.utc).strftime(AUDIT_TIME)


def purge_audit(db: Database, user: str, *, today: date | None = None) -> PurgeResult:
    """Delete the entries older than the retention setting; the administrator only."""
    require_admin(db, user, "очищать журнал изменений")
    months = retention_months(db)
    if not months:
        return PurgeResult(0, 0, None)
    day = cutoff_day(months, today or today_in_region())
    older_than = utc_start_of(day)
    with db.atomic():
        allow_audit_purge(db, True)
        try:
            removed = db.execute("DELETE FROM changes WHERE at < ?", [older_than]).rowcount
        finally:
            allow_audit_purge(db, False)
        store.record_change(db, user, "changes", PURGE_ROW, "delete",
                            {"removed": removed, "older_than": older_than,
                             "retention_months": months}, None)
    return PurgeResult(removed, months, day)
