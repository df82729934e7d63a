"""Making the demo database file: built aside, then moved into place in one rename.

An interrupted build (Ctrl+C, a full disk) leaves the old file as it was; an existing file
is replaced only when the caller says so.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rcro_tui.errors import DatabaseError, UserError
from rcro_tui.rules import AcademicYear, today_in_region
from rcro_tui.db.connection import check_location, open_database
from rcro_tui.db.demo import DemoSummary, build_demo
from rcro_tui.db.demo_scale import Scale, ScaleSummary, build_scaled_demo


class DemoExistsError(UserError):
    """The target file exists and replacing it was not confirmed."""


def create_demo_file(path: Path, *, replace: bool = False,
                     academic_year: AcademicYear | None = None, admin: str = "demo",
                     scale: Scale | None = None, seed: int = 7) -> DemoSummary | ScaleSummary:
    """Build the demo region into `path`; refuse to touch an existing file unless `replace`.

    Args:
        admin: the login of the demo's administrator (the CLI gives the person building it,
            so that they can open the demo, whose other users have roles).
        scale: grow it to a region's or a country's size (`db.demo_scale`), from `seed`.
    """
    if path.exists() and not replace:
        raise DemoExistsError(f"Файл «{path}» уже существует и не будет перезаписан: укажите "
                              "другой путь (--db) или добавьте --force, чтобы заменить его.")
    if not path.exists():
        check_location(path, create=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        db = open_database(temp)
        try:
            if scale is None:
                summary = build_demo(db, academic_year=academic_year, user=admin)
            else:
                summary = build_scaled_demo(
                    db, scale, seed=seed, user=admin, progress=True,
                    academic_year=academic_year or AcademicYear.containing(today_in_region()))
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
        for stale in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)  # an old WAL must never be replayed into the new file
        os.replace(temp, path)
    except OSError as error:
        raise DatabaseError(f"Не удалось записать демо-базу «{path}»: {error.strerror}. "
                            "Прежний файл не изменён.") from None
    finally:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            leftover.unlink(missing_ok=True)
    return summary
