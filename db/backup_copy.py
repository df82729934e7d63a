"""The SQLite steps under `db.backups`: an online copy that finishes while others write, checks,
and copying a backup into the live database.

SQLite's backup restarts from the first page whenever another connection writes between two
of its steps. Stepping keeps each read short, but under a steady stream of edits it could
start over forever; after a few restarts the copy is taken in one step instead, which reads
one consistent snapshot (in WAL, writers are not blocked by it).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from rcro_tui.db.connection import BUSY_TIMEOUT_MS, connect
from rcro_tui.errors import DatabaseError

STEP_PAGES = 1024
"""Pages per step (4 MiB at SQLite's default page size)."""
STEP_PAUSE_S = 0.005
MAX_RESTARTS = 3


class _KeptRestarting(Exception):
    """Others wrote between our steps too often: take the copy in one step."""


def copy_online(source: sqlite3.Connection, path: Path) -> None:
    """A consistent copy of `source` in the new file `path`, self-contained (no -wal beside it)."""
    target = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        try:
            source.backup(target, pages=STEP_PAGES, progress=_restart_watch(),
                          sleep=STEP_PAUSE_S)
        except _KeptRestarting:
            source.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
        target.commit()
    finally:
        target.close()


def _restart_watch():
    """A progress callback that counts restarts (pages left going up) and gives up after a few."""
    state = {"left": None, "restarts": 0}

    def progress(status: int, remaining: int, total: int) -> None:
        if state["left"] is not None and remaining > state["left"]:
            state["restarts"] += 1
            if state["restarts"] > MAX_RESTARTS:
                raise _KeptRestarting()
        state["left"] = remaining

    return progress


def integrity_problems(path: Path) -> list[str]:
    """What `PRAGMA integrity_check` finds wrong with the file (empty when it is whole)."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()
    return [row[0] for row in rows if row[0] != "ok"]


def explain_copy_error(error: Exception, target: Path) -> DatabaseError:
    """No space, no permission, a busy or damaged source: in Russian, naming the file."""
    if isinstance(error, DatabaseError):
        return error
    text = str(error).lower()
    no_space = getattr(error, "errno", None) == 28 or "disk is full" in text or "full" in text
    if no_space:
        return DatabaseError(f"Нет места на диске для копии «{target}»: освободите место или "
                             "укажите другую папку; неполная копия удалена.")
    if isinstance(error, PermissionError) or "readonly" in text or "permission" in text:
        return DatabaseError(f"Нельзя записать копию «{target}»: нет прав на запись в "
                             f"«{target.parent}».")
    if "locked" in text or "busy" in text:
        return DatabaseError(f"База занята дольше {BUSY_TIMEOUT_MS // 1000} с: копия «{target}» "
                             "не сделана, повторите позже.")
    if "not a database" in text or "malformed" in text:
        return DatabaseError(f"База повреждена или не SQLite ({error}): копия «{target}» не "
                             "сделана; проверьте базу командой rcro-tui check.")
    return DatabaseError(f"Копия «{target}» не сделана: {error}.")


def replace_content(src: Path, db_path: Path, kept: Path) -> None:
    """Keep the live database as `kept`, then copy `src` into it in one SQLite transaction.

    The live database is first locked for writing (BEGIN IMMEDIATE, waiting the busy timeout):
    when another session is in the middle of a write, the restore is refused rather than
    racing it, and the kept copy is taken under that lock.
    """
    live = connect(db_path) if db_path.exists() else None
    source = sqlite3.connect(str(src), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        if live is not None:
            _keep_current(live.conn, db_path, kept)
            destination = live.conn
        else:
            destination = sqlite3.connect(str(db_path))
        try:
            source.backup(destination)
        finally:
            if live is None:
                destination.close()
    except sqlite3.Error as error:
        raise explain_copy_error(error, db_path) from None
    finally:
        source.close()
        if live is not None:
            live.close()


def _keep_current(live: sqlite3.Connection, db_path: Path, kept: Path) -> None:
    """Copy the live database to `kept` while `live` holds the write lock (WAL lets a second
    connection read meanwhile), so nothing is written between the copy and the lock's end."""
    try:
        live.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if "locked" in str(error).lower() or "busy" in str(error).lower():
            raise DatabaseError(f"Базу «{db_path}» сейчас изменяет другой пользователь (ждали "
                                f"{BUSY_TIMEOUT_MS // 1000} с): восстановление не начато, "
                                "повторите, когда правки закончатся.") from None
        raise
    try:
        reader = connect(db_path)
        try:
            copy_online(reader.conn, kept)
        finally:
            reader.close()
    except OSError as error:
        raise explain_copy_error(error, kept) from None
    finally:
        live.rollback()
