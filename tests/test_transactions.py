"""Writes take the lock when they begin, nested writes stay savepoints, and a lock not
granted in time is a Russian sentence (app and CLI), never «database is locked»."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from rcro_tui.cli import main
from rcro_tui.db import connection, store
from rcro_tui.db.connection import connect, open_database
from rcro_tui.errors import DatabaseBusy, UserError


@pytest.fixture
def path(tmp_path):
    file = tmp_path / "rcro.sqlite"
    open_database(file).close()
    return file


def hold_write_lock(path, seconds: float) -> threading.Event:
    """Another coordinator's long write, in a thread: returns once the lock is held."""
    taken = threading.Event()

    def work() -> None:
        other = connect(path)
        with other.atomic():
            other.execute("INSERT INTO settings (key, value) VALUES ('held', '1')")
            taken.set()
            time.sleep(seconds)
        other.close()

    threading.Thread(target=work, daemon=True).start()
    assert taken.wait(5)
    return taken


def test_the_outermost_transaction_takes_the_write_lock_before_it_reads(path):
    db = connect(path)
    other = connect(path)
    other.execute("PRAGMA busy_timeout = 50")
    with db.atomic():
        db.execute("SELECT count(*) FROM settings").fetchone()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    db.close()
    other.close()


def test_a_read_then_write_waits_for_a_colleague_instead_of_failing(path):
    """The case deferred transactions get wrong: a snapshot read before another writer's
    commit cannot be upgraded (SQLITE_BUSY at once). Ours waits and then writes."""
    db = connect(path)
    hold_write_lock(path, 0.4)
    started = time.monotonic()
    with db.atomic():
        seen = db.execute("SELECT count(*) FROM settings").fetchone()[0]
        store.set_setting(db, "mine", str(seen), user="ivanova")
    assert time.monotonic() - started >= 0.2, "it waited for the colleague's commit"
    assert store.get_setting(db, "mine") == "1", "and read after it"
    db.close()


def test_nested_blocks_are_savepoints_inside_the_outer_transaction(path):
    db = connect(path)
    with db.atomic():
        store.insert(db, "settings", {"key": "a", "value": "1"}, user="ivanova")
        with pytest.raises(UserError):
            with db.atomic():
                store.insert(db, "settings", {"key": "b", "value": "2"}, user="ivanova")
                raise UserError("передумала")
        store.insert(db, "settings", {"key": "c", "value": "3"}, user="ivanova")
    keys = [r["key"] for r in db.query("SELECT key FROM settings ORDER BY key")]
    assert keys == ["a", "c"]
    assert db.execute("SELECT count(*) FROM changes").fetchone()[0] == 2
    db.close()


def test_a_lock_held_too_long_is_a_russian_sentence_and_nothing_is_written(path):
    db = connect(path)
    db.execute("PRAGMA busy_timeout = 100")
    hold_write_lock(path, 1.0)
    with pytest.raises(DatabaseBusy) as caught:
        store.set_setting(db, "mine", "1", user="ivanova")
    assert "занята другим пользователем" in caught.value.message
    assert str(path) in caught.value.message
    assert caught.value.exit_code == 1
    time.sleep(1.1)
    assert store.get_setting(db, "mine") == ""
    assert not db.conn.in_transaction
    db.close()


def test_the_cli_says_the_database_is_busy_and_exits_1(path, monkeypatch, capsys):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 100)
    hold_write_lock(path, 1.0)
    with pytest.raises(SystemExit) as done:
        main(["--db", str(path), "--user", "ivanova", "holidays", "add", "2026-12-30",
              "2027-01-08", "Зимние каникулы", "--kind", "school_break"])
    assert done.value.code == 1
    said = capsys.readouterr().err
    assert "занята другим пользователем" in said
    assert "Traceback" not in said and "database is locked" not in said


def test_a_raw_lock_error_outside_a_transaction_is_also_said_in_russian(capsys, monkeypatch):
    from rcro_tui import cli

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(cli.cli, "main", locked)
    with pytest.raises(SystemExit) as done:
        main(["holidays", "list"])
    assert done.value.code == 1
    assert "База занята другим пользователем" in capsys.readouterr().err
