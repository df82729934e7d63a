"""Reading the database from a screen: a short-lived connection in the thread that uses it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from rcro_tui.db.connection import connect


@contextmanager
def reading(path: Path) -> Iterator[Database]:
    """A connection for one read (sqlite3 connections must not cross threads)."""
    db = connect(path)
    try:
        yield db
    finally:
        db.close()
