"""Writing the published folder: each file replaced atomically, unchanged files left alone.

A web server may be serving a feed while we publish: a reader must get the old file or the
new one, never half of one, so every file is written beside its place and renamed over it.
No fsync: a reader never sees a partial file either way, a crash at worst leaves the
previous publish's file (rewritten by the next run), and a thousand fsyncs would be most
of a publish. A file whose bytes would not change is not touched at all: its mtime stays, so the server's
ETag and Last-Modified stay, and hundreds of schools' calendars do not download it again.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

from rcro_tui.errors import UserError


class PublishError(UserError):
    """The folder could not be written; the message says which file and why, in Russian."""


def is_current(path: Path, data: bytes) -> bool:
    """The file at `path` holds exactly `data` (False when there is no such file)."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except (FileNotFoundError, NotADirectoryError):
        return False


def is_current_blocks(path: Path, size: int, blocks: Iterable[bytes]) -> bool:
    """`is_current` for a file given as consecutive blocks of `size` bytes in all, read a
    block at a time: a country's region feed is 120 MB, and holding it joined and read back
    whole cost a publish 350 MB of memory."""
    try:
        if path.stat().st_size != size:
            return False
        with path.open("rb") as old:
            return all(old.read(len(block)) == block for block in blocks)
    except (FileNotFoundError, NotADirectoryError):
        return False


def write_if_changed(path: Path, data: bytes | list[bytes]) -> bool:
    """Put `data` (bytes, or a list of blocks of bytes) at `path` unless it is already
    there; True when the file was written."""
    if isinstance(data, list):
        if is_current_blocks(path, sum(map(len, data)), data):
            return False
    elif is_current(path, data):
        return False
    replace_file(path, data)
    return True


def replace_file(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write `data` (bytes, or blocks of bytes written one after another) beside `path` and
    rename it over `path`: readers see the old file or the new one, never half of it; a
    failure leaves the old file and no temporary behind."""
    temporary = path.parent / f".{path.name}.{os.getpid()}.tmp"
    try:
        handle = _create(temporary)
        with os.fdopen(handle, "wb") as out:
            if isinstance(data, bytes):
                out.write(data)
            else:
                for block in data:
                    out.write(block)
        os.replace(temporary, path)
    except OSError as error:
        with suppress(OSError):
            Path(temporary).unlink(missing_ok=True)
        raise PublishError(_why(path, error)) from error


def _create(temporary: Path) -> int:
    """Open a new temporary file, making its folder only when it is missing (asking for a
    folder that exists costs a failed mkdir: a fifth of writing two thousand files)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    try:
        return os.open(temporary, flags, 0o644)
    except FileNotFoundError:
        temporary.parent.mkdir(parents=True, exist_ok=True)
        return os.open(temporary, flags, 0o644)


def _why(path: Path, error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        reason = "на диске нет места"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "нет прав на запись"
    else:
        reason = error.strerror or str(error)
    return (f"Не удалось записать {path}: {reason}. Уже опубликованный файл не изменён; "
            "освободите место или исправьте права и опубликуйте снова.")


def remove_stale(folder: Path, keep: set[Path]) -> list[Path]:
    """Delete files (and then empty folders) under `folder` that are not in `keep`.

    This is how a revoked token's URL stops working and a removed feed disappears. Walked
    with `os.walk` on strings: a country's 40 000 private folders made `Path.rglob` and a
    `stat` per entry a second of every publish.
    """
    if not folder.exists():
        return []
    kept = {str(path) for path in keep}
    removed: list[Path] = []
    gone: set[str] = set()
    for top, folders, files in os.walk(folder, topdown=False):
        left = sum(os.path.join(top, name) not in gone for name in folders)
        for name in files:
            path = os.path.join(top, name)
            if path in kept:
                left += 1
            else:
                os.unlink(path)
                removed.append(Path(path))
        if not left and top != str(folder):
            os.rmdir(top)
            gone.add(top)
    return sorted(removed, reverse=True)
