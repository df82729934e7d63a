"""The `rcro-tui` command as a person runs it: Russian help, one-line errors, exit codes, files kept."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from rcro_tui import __version__


def run(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The installed command in a child process, without a terminal (as cron or CI runs it)."""
    return subprocess.run([sys.executable, "-m", "rcro_tui", *args], capture_output=True,
                          text=True, input=stdin or "", env={**os.environ, **(env or {})},
                          timeout=120)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_help_is_russian():
    result = run("--help")
    assert result.returncode == 0
    for text in ("Использование: rcro-tui", "Параметры:", "Команды:", "demo", "check", "show",
                 "Показать эту справку и выйти."):
        assert text in result.stdout
    assert "Usage" not in result.stdout and "Options" not in result.stdout


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"rcro-tui {__version__}"


def test_unknown_option_and_command_are_russian_one_liners():
    for args, text in ((["--nope"], "нет такого параметра: --nope"),
                       (["publishh"], "нет такой команды: publishh")):
        result = run(*args)
        assert result.returncode == 2
        assert text in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("make_bad, expected", [
    (lambda p: p / "absent-folder" / "db.sqlite", "не существует"),
    (lambda p: (p / "notes.txt", (p / "notes.txt").write_text("не база" * 50))[0],
     "не база SQLite"),
])
def test_bad_db_paths_get_one_russian_line_and_nonzero_exit(tmp_path, make_bad, expected):
    path = make_bad(tmp_path)
    before = digest(path) if path.exists() else None
    result = run("--db", str(path), "check")
    assert result.returncode != 0
    assert expected in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.stderr
    assert (digest(path) if path.exists() else None) == before


def test_the_app_refuses_a_bad_database_before_opening_the_screen(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 100)
    result = run("--db", str(path))
    assert result.returncode == 2 and "не база SQLite" in result.stderr
    assert "\x1b[" not in result.stdout  # no terminal UI was started


def test_demo_then_check_then_show(tmp_path):
    path = tmp_path / "x.db"
    made = run("demo", "--db", str(path), "--year", "2026/2027")
    assert made.returncode == 0, made.stderr
    assert "Демо-база создана" in made.stdout and "20 муниципалитетов" in made.stdout
    checked = run("check", "--db", str(path))
    assert checked.returncode == 0 and "Проверка пройдена" in checked.stdout
    shown = run("--db", str(path), "show", "agenda", "--since", "01.09.2026")
    assert shown.returncode == 0
    assert shown.stdout.startswith("Ближайшие мероприятия с 01.09.2026")
    assert "Дата" in shown.stdout and "Организатор" in shown.stdout
    districts = run("show", "districts", "--db", str(path), "--format", "tsv")
    assert "г. Томск" in districts.stdout and "Шегарский район" in districts.stdout
    assert not list(tmp_path.glob(".x.db.*")), "no temporary files are left behind"


def test_demo_never_silently_overwrites(tmp_path):
    path = tmp_path / "work.sqlite"
    assert run("demo", "--db", str(path)).returncode == 0
    conn = sqlite3.connect(path)
    conn.execute("UPDATE districts SET name = 'изменено вручную' WHERE id = 1")
    conn.commit()
    conn.close()
    before = digest(path)
    refused = run("demo", "--db", str(path))  # no terminal: cannot ask, so refuses
    assert refused.returncode == 1
    assert "уже существует и не будет перезаписан" in refused.stderr
    assert digest(path) == before
    forced = run("demo", "--db", str(path), "--force")
    assert forced.returncode == 0
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name FROM districts WHERE id = 1").fetchone()[0] != "изменено вручную"


def test_db_comes_from_option_then_environment_then_data_folder(tmp_path, keep_user_data_out):
    from rcro_tui.config import resolve_db_path

    assert resolve_db_path("/srv/rcro/x.sqlite", {"RCRO_DB": "/y"}) == Path("/srv/rcro/x.sqlite")
    assert resolve_db_path(None, {"RCRO_DB": "~/team.sqlite"}) == keep_user_data_out / "team.sqlite"
    default = resolve_db_path(None, {})
    assert default.name == "rcro.sqlite" and default.parent.is_dir()
    assert str(default).startswith(str(keep_user_data_out))


def test_show_names_the_tables_it_has(tmp_path):
    path = tmp_path / "e.sqlite"
    run("demo", "--db", str(path))
    result = run("show", "nonsense", "--db", str(path))
    assert result.returncode == 1
    assert "Нет таблицы «nonsense». Есть: agenda, year, districts" in result.stderr


def test_check_reports_a_broken_foreign_key(tmp_path):
    path = tmp_path / "broken.sqlite"
    assert run("demo", "--db", str(path)).returncode == 0
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE organizations SET district_id = 9999 WHERE id = 1")
    conn.commit()
    conn.close()
    result = run("check", "--db", str(path))
    assert result.returncode == 1
    assert "таблица organizations, строка 1: ссылка на несуществующую запись в districts" in result.stderr
