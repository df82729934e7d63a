"""Backups while others work, and restoring one: SQLite's own online backup, checked, atomic.

`backup` copies through `sqlite3.Connection.backup` in steps of pages into a temporary file
beside the destination, makes the copy a self-contained file (no -wal beside it), runs
`PRAGMA integrity_check` on it and only then renames it into place: a half-written or
damaged copy never carries a backup's name. In a folder the copies are named by their local
time (`rcro-2026-11-23-0230.sqlite`) and `keep` prunes the oldest.

`restore` checks the file is one of ours (not another program's SQLite, not a newer
schema, whole), keeps the current database as `<db>.before-restore-<time>.bak`, and copies
the backup into the live database through SQLite's backup API again: one write transaction,
so other sessions see the old content or the new, never a mix, and no file is swapped under
a process that has it open (which is how SQLite files get corrupted).
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from rcro_tui.db import store
from rcro_tui.db.backup_copy import (copy_online, explain_copy_error, integrity_problems,
                                     replace_content)
from rcro_tui.db.connection import SQLITE_MAGIC, check_location, connect, refuse_foreign_or_newer
from rcro_tui.errors import DatabaseError
from rcro_tui.rules import REGION_TZ

NAME_PATTERN = re.compile(r"^rcro-(\d{4}-\d{2}-\d{2}-\d{4})(?:-(\d+))?\.sqlite$")
"""Timestamped backups in a folder; only these are ever pruned."""


def now_local() -> datetime:
    return datetime.now(REGION_TZ)


def backup(source: Database | str | Path, dest: str | Path, *, keep: int | None = None,
           now: datetime | None = None) -> Path:
    """Copy the database to `dest` (a file, or a folder for a timestamped name); return the path.

    Args:
        keep: in a folder, keep only the newest `keep` timestamped backups afterwards.
    """
    moment = now or now_local()
    target = backup_target(Path(dest).expanduser(), moment, keep=keep)
    if isinstance(source, Database):
        _write_checked(source, target)
    else:
        db = _open_source(Path(source).expanduser())
        try:
            _write_checked(db, target)
        finally:
            db.close()
    if keep is not None:
        prune(target.parent, keep)
    return target


def backup_target(dest: Path, moment: datetime, *, keep: int | None) -> Path:
    """The file to write: `dest` itself, or a new timestamped name inside the folder `dest`."""
    if dest.is_dir():
        stamp = f"rcro-{moment:%Y-%m-%d-%H%M}"
        target, number = dest / f"{stamp}.sqlite", 1
        while target.exists():
            number += 1
            target = dest / f"{stamp}-{number}.sqlite"
        return target
    if keep is not None:
        raise DatabaseError(f"--keep работает только с папкой: «{dest}» — не папка. Укажите "
                            "папку для копий, например /var/backups/rcro/.")
    if not dest.parent.is_dir():
        raise DatabaseError(f"Папка «{dest.parent}» не существует: создайте её "
                            f"(mkdir -p {dest.parent}) или укажите другую.")
    if dest.exists() and not _is_sqlite(dest):
        raise DatabaseError(f"«{dest}» уже есть и это не база SQLite: не перезаписываю. "
                            "Укажите новый файл или папку.")
    return dest


def _open_source(path: Path) -> Database:
    """The database to copy, checked to be ours first (it is not changed)."""
    check_location(path, create=False)
    db = connect(path, wal=False)
    try:
        refuse_foreign_or_newer(db, path)
    except BaseException:
        db.close()
        raise
    return db


def _write_checked(db: Database, target: Path) -> None:
    """Online copy into a temporary file beside `target`, checked, then renamed over it."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        copy_online(db.conn, temporary)
        problems = integrity_problems(temporary)
        if problems:
            raise DatabaseError(f"Копия «{target}» не прошла проверку целостности "
                                f"({problems[0]}): она не сохранена; проверьте базу "
                                "командой rcro-tui check.")
        os.replace(temporary, target)
        _sync_folder(target.parent)
    except (sqlite3.Error, OSError) as error:
        raise explain_copy_error(error, target) from None
    finally:
        temporary.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """The rename survives a power cut only once the folder's entry is on disk."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` timestamped backups in `folder`; return those deleted."""
    if keep < 1:
        raise DatabaseError(f"--keep {keep}: нужно хранить хотя бы одну копию (число от 1).")
    found = sorted((p for p in folder.iterdir() if NAME_PATTERN.match(p.name)),
                   key=_backup_order, reverse=True)
    removed = found[keep:]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _backup_order(path: Path) -> tuple[str, int]:
    match = NAME_PATTERN.match(path.name)
    assert match is not None
    return match.group(1), int(match.group(2) or 1)


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError:
        return False
    return header in (SQLITE_MAGIC, b"")


def check_backup_file(src: Path) -> None:
    """DatabaseError unless `src` is a whole rcro-tui database this version can read."""
    if not src.is_file():
        raise DatabaseError(f"Файл копии «{src}» не найден: проверьте путь.")
    if not _is_sqlite(src) or src.stat().st_size == 0:
        raise DatabaseError(f"«{src}» — не база SQLite: укажите файл резервной копии rcro-tui.")
    db = connect(src, wal=False)
    try:
        refuse_foreign_or_newer(db, src)
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = '_sqlite_migrations'"
                          ).fetchone():
            raise DatabaseError(f"«{src}» — пустая база SQLite, а не копия базы rcro-tui.")
    except sqlite3.Error as error:
        raise DatabaseError(f"«{src}» — не база SQLite или файл повреждён ({error}).") from None
    finally:
        db.close()
    problems = integrity_problems(src)
    if problems:
        raise DatabaseError(f"Копия «{src}» повреждена ({problems[0]}): выберите другую.")


def _require_admin_of(db_path: Path, user: str) -> None:
    """Only an administrator replaces everyone's data; a database too damaged to read its
    users is exactly when a restore is needed, so then whoever can reach the file may."""
    from rcro_tui.db.audit_purge import require_admin

    if not db_path.exists():
        return
    try:
        db = connect(db_path)
    except sqlite3.Error:
        return
    try:
        require_admin(db, user, "восстанавливать базу из резервной копии")
    except sqlite3.Error:
        return
    finally:
        db.close()


def restore(src: str | Path, db_path: str | Path, *, user: str,
            now: datetime | None = None) -> Path:
    """Replace the database's content with the backup `src`; return where the old one was kept.

    The caller has asked for confirmation. Refuses, in Russian, a file that is not ours,
    a newer schema, a damaged copy, and a database another process is writing to.
    """
    src, db_path = Path(src).expanduser(), Path(db_path).expanduser()
    check_backup_file(src)
    if db_path.exists() and src.resolve() == db_path.resolve():
        raise DatabaseError(f"«{src}» — это и есть текущая база: укажите файл резервной копии.")
    _require_admin_of(db_path, user)
    moment = now or now_local()
    kept = db_path.with_name(f"{db_path.name}.before-restore-{moment:%Y-%m-%d-%H%M%S}.bak")
    replace_content(src, db_path, kept)
    db = connect(db_path)
    try:
        with db.atomic():
            store.record_change(db, user, "database", "restore", "update",
                                {"kept": str(kept)}, {"restored_from": str(src)})
    finally:
        db.close()
    return kept

