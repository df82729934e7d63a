"""Reading the audit log (`changes`): filtered, newest first, a page at a time.

The log grows by every save of every coordinator; at a million entries it must still open at
once. Pages are read by keyset — «the 100 entries before (time, id) of the last one shown» —
down one of m016's indexes ((user, at), (table_name, at), (action, at), or (at) alone), so
the hundredth page costs what the first does. Dates are typed and shown in Asia/Tomsk local
time; the log itself keeps UTC.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlite_utils import Database

from rcro_tui.db.audit_purge import AUDIT_TIME, utc_start_of
from rcro_tui.errors import InputError
from rcro_tui.rules import REGION_TZ

PAGE = 100


@dataclass(frozen=True)
class AuditFilter:
    """Which entries: every condition left empty matches all."""

    user: str = ""
    table: str = ""
    row_id: str = ""
    since: date | None = None
    until: date | None = None
    action: str = ""
    text: str = ""

    def __post_init__(self) -> None:
        if self.since and self.until and self.until < self.since:
            raise InputError("Период журнала: дата «по» раньше даты «с» — поменяйте их местами.")
        if self.action and self.action not in ("insert", "update", "delete"):
            raise InputError(f"Действие «{self.action}»: бывает insert, update или delete.")

    def is_empty(self) -> bool:
        return self == AuditFilter()


@dataclass(frozen=True)
class AuditEntry:
    """One entry of the log, its JSON rows already read."""

    id: int
    at: datetime
    user: str
    table: str
    row_id: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @classmethod
    def of(cls, row: tuple) -> "AuditEntry":
        entry_id, at, user, table, row_id, action, before, after = row
        return cls(entry_id, datetime.strptime(at, AUDIT_TIME).replace(tzinfo=timezone.utc),
                   user, table, row_id, action, json.loads(before) if before else None,
                   json.loads(after) if after else None)

    @property
    def local(self) -> datetime:
        return self.at.astimezone(REGION_TZ)

    @property
    def when(self) -> str:
        """«23.11.2026 14:05» in Tomsk time."""
        return f"{self.local:%d.%m.%Y %H:%M}"

    @property
    def row(self) -> dict[str, Any]:
        """The row as it last stood (after, else before)."""
        return self.after or self.before or {}

    def cursor(self) -> tuple[str, int]:
        return self.at.strftime(AUDIT_TIME), self.id


@dataclass
class AuditPage:
    """Entries newest first; `more` when older ones follow (read them from `cursor`)."""

    entries: list[AuditEntry] = field(default_factory=list)
    more: bool = False

    @property
    def cursor(self) -> tuple[str, int] | None:
        return self.entries[-1].cursor() if self.entries else None


_COLUMNS = "id, at, user, table_name, row_id, action, before, after"


def conditions(flt: AuditFilter) -> tuple[list[str], list[Any]]:
    """The WHERE clauses and their values for a filter."""
    where: list[str] = []
    args: list[Any] = []
    for column, value in (("user", flt.user), ("table_name", flt.table),
                          ("row_id", flt.row_id), ("action", flt.action)):
        if value:
            where.append(f"{column} = ?")
            args.append(value)
    if flt.since:
        where.append("at >= ?")
        args.append(utc_start_of(flt.since))
    if flt.until:
        where.append("at < ?")
        args.append(utc_start_of(flt.until + timedelta(days=1)))
    if flt.text.strip():
        where.append("instr(fold(user || ' ' || row_id || ' ' || COALESCE(before, '') || ' ' "
                     "|| COALESCE(after, '')), fold(?)) > 0")
        args.append(flt.text.strip())
    return where, args


def read_page(db: Database, flt: AuditFilter = AuditFilter(), *,
              after: tuple[str, int] | None = None, limit: int = PAGE) -> AuditPage:
    """Up to `limit` entries matching `flt`, newest first, older than `after` when given."""
    where, args = conditions(flt)
    if after is not None:
        # `at <= ?` walks the index; the rest breaks ties of one second by id.
        where.append("at <= ? AND (at < ? OR id < ?)")
        args += [after[0], after[0], after[1]]
    sql = (f"SELECT {_COLUMNS} FROM changes"
           + (f" WHERE {' AND '.join(where)}" if where else "")
           + " ORDER BY at DESC, id DESC LIMIT ?")
    rows = db.execute(sql, [*args, limit + 1]).fetchall()
    return AuditPage([AuditEntry.of(row) for row in rows[:limit]], len(rows) > limit)


def read_entry(db: Database, entry_id: int) -> AuditEntry | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM changes WHERE id = ?", [entry_id]).fetchone()
    return AuditEntry.of(row) if row else None


def read_all(db: Database, flt: AuditFilter, *, limit: int | None = None):
    """Every matching entry, page by page (for the CLI, which may print thousands)."""
    cursor, left = None, limit
    while left is None or left > 0:
        page = read_page(db, flt, after=cursor, limit=min(PAGE * 10, left or PAGE * 10))
        yield from page.entries
        if left is not None:
            left -= len(page.entries)
        if not page.more:
            return
        cursor = page.cursor


def log_users(db: Database) -> list[str]:
    """The logins that appear in the log, for a filter's choices (one index skip per login)."""
    found: list[str] = []
    row = db.execute("SELECT min(user) FROM changes").fetchone()
    while row and row[0] is not None:
        found.append(row[0])
        row = db.execute("SELECT min(user) FROM changes WHERE user > ?", [row[0]]).fetchone()
    return found
