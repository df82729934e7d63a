"""Opening database files: pragmas, upgrades that keep every row, and Russian refusals."""

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from rcro_tui.errors import DatabaseError
from rcro_tui.db.connection import connect, open_database, schema_version
from rcro_tui.db.schema import known_migrations

V1 = Path(__file__).parent / "data" / "schema_v1.sqlite"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_file_gets_wal_foreign_keys_busy_timeout_and_the_whole_schema(tmp_path):
    db = open_database(tmp_path / "new.sqlite")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert schema_version(db) == known_migrations()[-1]
    db.close()


def test_connections_stay_in_their_thread(tmp_path):
    import threading

    open_database(tmp_path / "t.sqlite").close()
    db = connect(tmp_path / "t.sqlite")
    errors = []
    thread = threading.Thread(target=lambda: _try(db, errors))
    thread.start()
    thread.join()
    assert errors and isinstance(errors[0], sqlite3.ProgrammingError)


def _try(db, errors):
    try:
        db.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - the test inspects it
        errors.append(error)


def test_the_first_schema_upgrades_with_every_row_kept(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copyfile(V1, path)
    before = {t: sqlite3.connect(path).execute(f"SELECT * FROM [{t}] ORDER BY 1").fetchall()
              for t in ("districts", "organizations", "programs", "memberships", "events",
                        "agenda_parts", "changes")}
    db = open_database(path)
    assert schema_version(db) == known_migrations()[-1]
    for table, rows in before.items():
        width = len(rows[0]) if rows else 0  # later steps may add columns at the end
        assert [row[:width] for row in db.execute(f"SELECT * FROM [{table}] ORDER BY 1")] == rows, table
    assert db["holidays"].exists()
    assert db.execute("SELECT rowid FROM events_fts WHERE events_fts MATCH 'енота'").fetchall() == [], \
        "old events are indexed for search as the upgrade builds the index"
    assert db.execute("SELECT rowid FROM events_fts WHERE events_fts MATCH 'енот*'").fetchall() == [(1,)]
    db.close()
    backup = tmp_path / "old.sqlite.before-m002_holidays.bak"
    assert backup.exists(), "a copy is kept before upgrading a database with data"
    assert sqlite3.connect(backup).execute("SELECT count(*) FROM events").fetchone() == (1,)


def test_opening_twice_applies_nothing_twice(tmp_path):
    path = tmp_path / "x.sqlite"
    open_database(path).close()
    db = open_database(path)
    assert [m["name"] for m in db.query("SELECT name FROM _sqlite_migrations")] == known_migrations()
    db.close()
    assert not list(tmp_path.glob("*.bak"))


def test_missing_folder(tmp_path):
    path = tmp_path / "no" / "such" / "db.sqlite"
    with pytest.raises(DatabaseError, match=f"папка «{path.parent}» не существует"):
        open_database(path)
    assert not path.parent.exists()


def test_a_folder_instead_of_a_file(tmp_path):
    with pytest.raises(DatabaseError, match="это папка, а не файл"):
        open_database(tmp_path)


def test_a_file_that_is_not_sqlite_is_left_untouched(tmp_path):
    path = tmp_path / "calendar.xlsx"
    path.write_bytes(b"PK\x03\x04 not a database" * 100)
    before = digest(path)
    with pytest.raises(DatabaseError, match=f"«{path}» — не база SQLite"):
        open_database(path)
    assert digest(path) == before
    assert not Path(f"{path}-wal").exists()


def test_a_database_of_another_program_is_left_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE events (x)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="другой программы"):
        open_database(path)
    assert digest(path) == before


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "future.sqlite"
    db = open_database(path)
    db["_sqlite_migrations"].insert({"migration_set": "rcro_tui", "name": "m099_future",
                                     "applied_at": "2030-01-01"})
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="более новой версией rcro-tui .*m099_future"):
        open_database(path)
    assert digest(path) == before


def test_a_read_only_file_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "ro.sqlite"
    open_database(path).close()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == path and
                        mode == os.W_OK else real_access(p, mode))
    with pytest.raises(DatabaseError, match="только для чтения: дайте права"):
        open_database(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write read-only files")
def test_a_really_read_only_file_is_refused(tmp_path):
    path = tmp_path / "ro.sqlite"
    open_database(path).close()
    path.chmod(0o444)
    with pytest.raises(DatabaseError, match="только для чтения"):
        open_database(path)


def test_check_does_not_create_a_file(tmp_path):
    with pytest.raises(DatabaseError, match="не найден"):
        open_database(tmp_path / "absent.sqlite", create=False)
    assert not (tmp_path / "absent.sqlite").exists()
