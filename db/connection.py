"""Opening the one database file: checks first, then WAL, foreign keys, a busy timeout and upgrades.

A sqlite3 connection belongs to the thread that opened it (the default `check_same_thread`),
so code that works in a thread calls `connect()` there instead of borrowing one.

Several coordinators write to one file at once (one process each). Every transaction of ours
takes the write lock when it begins (`BEGIN IMMEDIATE`, see `WritingDatabase`): in WAL a
transaction that reads first and writes later cannot wait for another writer (SQLite refuses
the upgrade at once, without calling the busy handler), while one that asks for the lock
first simply waits its turn, up to `BUSY_TIMEOUT_MS`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from rcro_tui.errors import DatabaseBusy, DatabaseError
from rcro_tui.db.schema import MIGRATIONS, known_migrations

BUSY_TIMEOUT_MS = 10_000
SQLITE_MAGIC = b"SQLite format 3\x00"
MEMORY = ":memory:"


def fold_text(value: str | None) -> str:
    """SQL `fold(x)`: lower case with «ё» as «е» (SQLite's own lower() knows only ASCII)."""
    return (value or "").lower().replace("ё", "е")


PURGE_FUNCTION = "audit_purge_allowed"
"""What the audit log's DELETE trigger asks (m016): 0 on every connection made here."""


def _purge_refused() -> int:
    return 0


def _purge_allowed() -> int:
    return 1


def allow_audit_purge(db: Database, allowed: bool) -> None:
    """Let this one connection delete audit entries (only `db.audit_purge` does, briefly)."""
    db.conn.create_function(PURGE_FUNCTION, 0, _purge_allowed if allowed else _purge_refused)


def database_file(db: Database) -> str:
    """The file a connection reads, or "" for a database in memory."""
    return next((row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"), "")


class WritingDatabase(Database):
    """sqlite-utils' Database whose outermost `atomic()` begins with the write lock taken.

    Nested `atomic()` blocks stay savepoints (store.insert inside an import's transaction),
    and statements that start a transaction implicitly begin IMMEDIATE as well. A lock still
    not granted after the busy timeout ends as `DatabaseBusy` (a Russian sentence), never as
    sqlite3's «database is locked».
    """

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise busy_or_same(error, database_file(self)) from None
        try:
            yield self
        except BaseException as error:
            self.rollback()
            if isinstance(error, sqlite3.OperationalError):
                raise busy_or_same(error, database_file(self)) from None
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException as error:
            self.rollback()
            if isinstance(error, sqlite3.OperationalError):
                raise busy_or_same(error, database_file(self)) from None
            raise


def is_busy(error: BaseException) -> bool:
    """SQLite's «database is locked» / «database table is locked» / SQLITE_BUSY, in any wording."""
    text = str(error).lower()
    return isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def busy_or_same(error: sqlite3.OperationalError, path: str | Path) -> BaseException:
    """The Russian `DatabaseBusy` for a lock not granted in time; any other error unchanged."""
    if not is_busy(error):
        return error
    if not str(path):
        return DatabaseBusy(f"База занята другим пользователем дольше "
                            f"{BUSY_TIMEOUT_MS // 1000} с: повторите действие.")
    return explain(error, path)


def connect(path: str | Path, *, wal: bool = True) -> Database:
    """A configured connection to an existing, already upgraded database (cheap: for threads).

    Args:
        wal: switch the file to WAL; off only while a file is inspected before it is trusted,
            because switching rewrites the header of a file that may not be ours.
    """
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000,
                           isolation_level="IMMEDIATE")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.create_function("fold", 1, fold_text, deterministic=True)
    conn.create_function(PURGE_FUNCTION, 0, _purge_refused)
    if wal and str(path) != MEMORY:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return WritingDatabase(conn)


def open_database(path: str | Path, *, create: bool = True) -> Database:
    """Check the file, open it and bring its schema up to date; Russian `DatabaseError` otherwise.

    Args:
        create: make a new database when the file does not exist (else refuse).
    """
    if str(path) != MEMORY:
        path = Path(path).expanduser()
        check_location(path, create=create)
    try:
        db = connect(path, wal=False)
    except sqlite3.Error as error:
        raise explain(error, path) from None
    try:
        refuse_foreign_or_newer(db, path)
        if str(path) != MEMORY:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        upgrade(db, path)
    except sqlite3.Error as error:
        db.close()
        raise explain(error, path) from None
    except BaseException:
        db.close()
        raise
    return db


def check_location(path: Path, *, create: bool) -> None:
    """Refuse, before SQLite touches anything, paths that cannot hold our database."""
    if path.is_dir():
        raise DatabaseError(f"«{path}» — это папка, а не файл базы: укажите путь к файлу, "
                            "например --db ~/rcro.sqlite.")
    if not path.exists():
        if not path.parent.is_dir():
            raise DatabaseError(f"База «{path}»: папка «{path.parent}» не существует — "
                                f"создайте её (mkdir -p {path.parent}) или укажите другой путь --db.")
        if not create:
            raise DatabaseError(f"Файл базы «{path}» не найден: проверьте путь (--db или RCRO_DB).")
        if not os.access(path.parent, os.W_OK):
            raise DatabaseError(f"В папку «{path.parent}» нельзя писать: выберите другую "
                                "папку для базы или попросите администратора дать права.")
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header and header != SQLITE_MAGIC:
        raise DatabaseError(f"«{path}» — не база SQLite: укажите файл базы rcro-tui "
                            "или новый путь, тогда база будет создана.")
    if not os.access(path, os.W_OK):
        raise DatabaseError(f"Файл базы «{path}» доступен только для чтения: дайте права на "
                            f"запись (chmod u+w {path}) или откройте его копию.")
    if not os.access(path.parent, os.W_OK):
        raise DatabaseError(f"В папку «{path.parent}» нельзя писать, а SQLite держит рядом с "
                            "базой журнал (-wal): дайте права на запись в эту папку.")


def refuse_foreign_or_newer(db: Database, path: str | Path) -> None:
    """Before anything is written: is this our database, and one this version understands?"""
    known = known_migrations()
    applied = [m.name for m in MIGRATIONS.applied(db)]
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise DatabaseError(f"База «{path}» создана более новой версией rcro-tui (схема "
                            f"{unknown[-1]}): обновите программу; файл не изменён.")
    if not applied and _foreign_tables(db):
        raise DatabaseError(f"«{path}» — база SQLite другой программы (в ней есть таблицы, "
                            "но нет схемы rcro-tui): укажите другой файл; он не изменён.")


def upgrade(db: Database, path: str | Path) -> list[str]:
    """Apply the migrations this database lacks, each in its own transaction.

    Before upgrading a database that already holds data, a copy is kept beside it
    (`<file>.before-<migration>.bak`), so even a failure outside SQLite loses nothing.
    Returns the names applied.
    """
    applied = MIGRATIONS.applied(db)
    pending = [m.name for m in MIGRATIONS.pending(db)]
    if applied and pending and str(path) != MEMORY:
        backup_copy(db, Path(f"{path}.before-{pending[0]}.bak"))
    MIGRATIONS.apply(db)
    return pending


def _foreign_tables(db: Database) -> list[str]:
    return [name for name in db.table_names() if not name.startswith("sqlite_")]


def backup_copy(db: Database, destination: Path) -> None:
    """A consistent copy through SQLite's online backup (safe while others write)."""
    target = sqlite3.connect(str(destination))
    try:
        db.conn.backup(target)
    finally:
        target.close()


def schema_version(db: Database) -> str:
    """The name of the last applied migration, e.g. «m002_holidays»."""
    applied = MIGRATIONS.applied(db)
    return applied[-1].name if applied else ""


def explain(error: sqlite3.Error, path: str | Path) -> DatabaseError:
    """Turn SQLite's English into a Russian sentence that names the file and what to do."""
    text = str(error).lower()
    if "not a database" in text or "malformed" in text:
        return DatabaseError(f"«{path}» — не база SQLite или файл повреждён: проверьте путь; "
                             "повреждённую базу восстановите из резервной копии.")
    if "readonly" in text or "read-only" in text:
        return DatabaseError(f"Базу «{path}» нельзя изменить (только чтение): проверьте права.")
    if "disk is full" in text or "disk i/o" in text:
        return DatabaseError(f"Нет места на диске для базы «{path}»: освободите место; "
                             "незавершённое изменение отменено, данные не потеряны.")
    if "locked" in text or "busy" in text:
        return DatabaseBusy(f"База «{path}» занята другим пользователем дольше "
                             f"{BUSY_TIMEOUT_MS // 1000} с: повторите действие.")
    if "unable to open" in text:
        return DatabaseError(f"Не удаётся открыть «{path}»: проверьте путь и права доступа.")
    return DatabaseError(f"Ошибка базы «{path}»: {error}.")
