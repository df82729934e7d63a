"""Reads kept in memory while the database file stays the same.

A coordinator going back and forth between views of one month, or typing a search, asks
for the same (id, start, end) spans and the same warnings again and again; with 100 000
events each such read costs tens to hundreds of milliseconds. They are kept, keyed by what
they were read with and by a stamp of the file that changes with every commit from any
process, so a change made by a colleague is seen at the next read.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlite_utils import Database

from rcro_tui.db.connection import database_file

T = TypeVar("T")

KEPT_READS = 12
"""How many reads are kept (the spans and warnings of a few windows, a search)."""

_kept: OrderedDict[tuple, object] = OrderedDict()
_lock = threading.Lock()


def kept(db: Database, name: str, args: Hashable, read: Callable[[], T]) -> T:
    """`read()`'s result, from memory when the same read was made on the unchanged file.

    Results are shared between threads and callers: they must not be changed in place.
    """
    stamp = file_stamp(db)
    if stamp is None:
        return read()
    key = (stamp, name, args)
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]  # type: ignore[return-value]
    result = read()
    with _lock:
        _kept[key] = result
        while len(_kept) > KEPT_READS:
            _kept.popitem(last=False)
    return result


def file_stamp(db: Database) -> tuple | None:
    """What changes whenever anyone commits to the file: the last audit entry, the size and
    time of the file and the size of its WAL (each commit appends to it; its time is no help,
    every connection that closes touches it). None for a database without a file."""
    path = database_file(db)
    if not path:
        return None
    marks: list = [path, db.execute("SELECT max(id) FROM changes").fetchone()[0]]
    for name, with_time in ((path, True), (path + "-wal", False)):
        try:
            info = os.stat(name)
            marks += [info.st_size, info.st_mtime_ns if with_time else None]
        except OSError:
            marks += [None, None]
    return tuple(marks)


class KeptById:
    """Items read whole by id, kept while the file stays the same, up to `limit` of them.

    A search keystroke in the month shows mostly the titles the previous one showed; reading
    each of those rows again and making its item was a third of the keystroke's read.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.stamp: tuple | None = None
        self.items: dict[int, object] = {}
        _by_id_stores.append(self)

    def get(self, db: Database, ids: list[int],
            read: Callable[[list[int]], dict[int, T]]) -> dict[int, T]:
        """`read(ids)`, except for the ids read since the file last changed."""
        stamp = file_stamp(db)
        if stamp is None:
            return read(ids)
        with _lock:
            if stamp != self.stamp:
                self.stamp, self.items = stamp, {}
            found = {key: self.items[key] for key in ids if key in self.items}
        missing = [key for key in ids if key not in found]
        if missing:
            fresh = read(missing)
            with _lock:
                if stamp == self.stamp:
                    if len(self.items) + len(fresh) > self.limit:
                        self.items = {}
                    self.items.update(fresh)
            found.update(fresh)
        return found  # type: ignore[return-value]


_by_id_stores: list[KeptById] = []


def forget() -> None:
    """Drop everything kept (for tests that rewrite a file in place)."""
    with _lock:
        _kept.clear()
        for store in _by_id_stores:
            store.stamp, store.items = None, {}
