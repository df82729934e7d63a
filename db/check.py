"""`rcro-tui check`: is the database file whole, consistent and of a schema this version knows?"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rcro_tui.db.connection import open_database, schema_version


@dataclass
class CheckReport:
    """What was checked and what is wrong; `ok` when `problems` is empty."""

    path: Path
    schema: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


COUNTED = ("districts", "organizations", "programs", "memberships", "events", "competitions",
           "stages", "entries", "holidays", "users", "changes")


def check_database(path: Path) -> CheckReport:
    """SQLite's integrity and foreign-key checks plus row counts; never creates a file."""
    db = open_database(path, create=False)
    try:
        report = CheckReport(path=path, schema=schema_version(db))
        for (message,) in db.execute("PRAGMA integrity_check").fetchall():
            if message != "ok":
                report.problems.append(f"целостность: {message}")
        for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
            report.problems.append(f"таблица {table}, строка {rowid}: ссылка на "
                                   f"несуществующую запись в {parent}")
        for table in COUNTED:
            report.counts[table] = db[table].count
    finally:
        db.close()
    return report
