"""Backups while another process writes, restoring them, and every refusal in Russian."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from rcro_tui.db import connection, store
from rcro_tui.db.backups import backup, prune, restore
from rcro_tui.db.connection import open_database
from rcro_tui.errors import AccessDenied, DatabaseError
from conftest import run_rcro

WRITER = """
import sys, pathlib
from rcro_tui.db.connection import connect
from rcro_tui.db import store
db = connect(sys.argv[1]); stop = pathlib.Path(sys.argv[2]); n = 0
while not stop.exists():
    store.insert(db, "holidays", {"first_day": "2026-12-31", "last_day": "2026-12-31",
                                  "name": "Запись " + str(n) + " " + "ж" * 2000,
                                  "kind": "public"}, user="ivanova")
    n += 1
"""
MOMENT = datetime(2026, 11, 23, 2, 30)


def count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
    finally:
        conn.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_backups_taken_while_another_process_writes_restore_whole(demo_path, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(demo_path), str(stop)])
    try:
        deadline = time.monotonic() + 30
        while count(demo_path, "holidays") < 200 and time.monotonic() < deadline:
            time.sleep(0.05)
        made = [backup(demo_path, folder) for _ in range(3)]
        written_meanwhile = count(demo_path, "holidays")
    finally:
        stop.touch()
        writer.wait(timeout=30)
    assert writer.returncode == 0
    assert len(set(made)) == 3 and all(p.parent == folder for p in made)
    for path in made:
        assert integrity(path) == "ok"
        assert not Path(f"{path}-wal").exists(), "a backup is one self-contained file"
        holidays = count(path, "holidays")
        assert 200 <= holidays <= written_meanwhile
        assert count(path, "changes") - holidays == count(made[0], "changes") - count(
            made[0], "holidays"), "every copied row has its audit entry: one consistent moment"
    target = tmp_path / "restored.sqlite"
    open_database(target).close()
    restore(made[-1], target, user="anyone")
    assert integrity(target) == "ok"
    assert count(target, "holidays") == count(made[-1], "holidays")
    db = open_database(target)
    assert db.execute("SELECT table_name, action FROM changes ORDER BY id DESC LIMIT 1"
                      ).fetchone() == ("database", "update"), "the restore is in the log"
    db.close()


def test_a_folder_gets_timestamped_names_and_keep_prunes_the_oldest(demo_path, tmp_path):
    tmp_path = tmp_path / "backups"
    tmp_path.mkdir()
    names = [backup(demo_path, tmp_path, keep=2, now=MOMENT.replace(day=day)).name
             for day in (21, 22, 23)]
    assert names == ["rcro-2026-11-21-0230.sqlite", "rcro-2026-11-22-0230.sqlite",
                     "rcro-2026-11-23-0230.sqlite"]
    again = backup(demo_path, tmp_path, keep=2, now=MOMENT)
    assert again.name == "rcro-2026-11-23-0230-2.sqlite", "same minute: a second name"
    (tmp_path / "notes.txt").write_text("not a backup")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "notes.txt", "rcro-2026-11-23-0230-2.sqlite", "rcro-2026-11-23-0230.sqlite"]
    assert prune(tmp_path, 1) == [tmp_path / "rcro-2026-11-23-0230.sqlite"]


def test_a_file_destination_and_its_refusals(demo_path, tmp_path):
    target = backup(demo_path, tmp_path / "copy.sqlite")
    assert target == tmp_path / "copy.sqlite" and integrity(target) == "ok"
    assert backup(demo_path, target) == target, "an earlier backup may be replaced"
    (tmp_path / "letter.docx").write_text("not a database")
    with pytest.raises(DatabaseError, match="это не база SQLite: не перезаписываю"):
        backup(demo_path, tmp_path / "letter.docx")
    with pytest.raises(DatabaseError, match="Папка .* не существует"):
        backup(demo_path, tmp_path / "missing" / "copy.sqlite")
    with pytest.raises(DatabaseError, match="--keep работает только с папкой"):
        backup(demo_path, tmp_path / "other.sqlite", keep=3)
    assert not list(tmp_path.glob(".*tmp")), "no temporary file is left behind"


def test_no_space_is_said_in_russian_and_leaves_nothing(demo_path, tmp_path, monkeypatch):
    from rcro_tui.db import backups

    def full(source, path):
        Path(path).write_bytes(b"partial")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "copy_online", full)
    folder = tmp_path / "backups"
    folder.mkdir()
    with pytest.raises(DatabaseError, match="^Нет места на диске для копии"):
        backup(demo_path, folder / "copy.sqlite")
    assert list(folder.iterdir()) == []


def test_restore_refuses_what_is_not_our_database(demo_path, tmp_path):
    text = tmp_path / "notes.sqlite"
    text.write_text("hello")
    with pytest.raises(DatabaseError, match="не база SQLite"):
        restore(text, demo_path, user="demo")
    foreign = tmp_path / "foreign.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE photos (id INTEGER)").connection.commit()
    with pytest.raises(DatabaseError, match="база SQLite другой программы"):
        restore(foreign, demo_path, user="demo")
    newer = backup(demo_path, tmp_path / "newer.sqlite")
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('rcro_tui', 'm099_future', '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="более новой версией rcro-tui"):
        restore(newer, demo_path, user="demo")
    with pytest.raises(DatabaseError, match="не найден"):
        restore(tmp_path / "missing.sqlite", demo_path, user="demo")
    with pytest.raises(DatabaseError, match="это и есть текущая база"):
        restore(demo_path, demo_path, user="demo")
    assert not list(tmp_path.glob("*.before-restore-*")) and not list(
        demo_path.parent.glob("*.before-restore-*")), "nothing replaced, nothing kept"


def test_restore_is_for_the_administrator(demo_path, tmp_path):
    copy = backup(demo_path, tmp_path / "copy.sqlite")
    with pytest.raises(AccessDenied, match="^Нет прав: восстанавливать базу"):
        restore(copy, demo_path, user="ivanova")


def test_restore_refuses_while_another_process_is_writing(demo_path, tmp_path, monkeypatch):
    copy = backup(demo_path, tmp_path / "copy.sqlite")
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 300)
    other = sqlite3.connect(demo_path)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE settings SET value = value")
    try:
        with pytest.raises(DatabaseError, match="сейчас изменяет другой пользователь"):
            restore(copy, demo_path, user="demo")
    finally:
        other.rollback()
        other.close()


def test_restore_keeps_the_current_database_and_replaces_its_content(demo_path, tmp_path):
    copy = backup(demo_path, tmp_path / "copy.sqlite")
    db = open_database(demo_path)
    store.update(db, "events", 1, {"title": "После копии"}, user="demo")
    db.close()
    kept = restore(copy, demo_path, user="demo", now=MOMENT)
    assert kept.name == "demo.sqlite.before-restore-2026-11-23-023000.bak"
    assert sqlite3.connect(kept).execute("SELECT title FROM events WHERE id = 1"
                                         ).fetchone() == ("После копии",)
    assert sqlite3.connect(demo_path).execute("SELECT title FROM events WHERE id = 1"
                                              ).fetchone() != ("После копии",)


def test_cli_backup_and_restore_with_confirmation(demo_path, tmp_path):
    from rcro_tui.cli import cli

    folder = tmp_path / "nightly"
    folder.mkdir()
    made = run_rcro(demo_path, "backup", str(folder), "--keep", "30")
    assert made.code == 0, made.err
    copy = next(folder.iterdir())
    assert made.text == f"Копия сохранена и проверена: {copy}\n"

    def restore_with(answer: str, *extra: str):
        result = CliRunner().invoke(cli, ["--db", str(demo_path), "--user", "demo", "restore",
                                           str(copy), *extra], input=answer)
        return result

    declined = restore_with("нет\n")
    assert str(declined.exception) == "Восстановление отменено: база не изменена."
    assert not list(demo_path.parent.glob("*.before-restore-*"))
    agreed = restore_with("да\n")
    assert "База восстановлена" in agreed.output, agreed.output
    forced = restore_with("", "--yes")
    assert "База восстановлена" in forced.output
    assert len(list(demo_path.parent.glob("*.before-restore-*"))) >= 1
    missing = run_rcro(tmp_path / "none.sqlite", "backup", str(folder))
    assert missing.code == 1 and "не найден" in missing.err
