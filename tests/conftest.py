"""Shared fixtures: the user's own data kept out, fresh databases, the demo region, the app."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from rcro_tui.db.connection import open_database
from rcro_tui.rules import AcademicYear

TODAY = date(2026, 11, 23)
"""The fixed «today» of every UI test and snapshot (a Monday in academic year 2026/2027)."""
FROZEN_UTC = "2026-09-01T03:00:00Z"


@pytest.fixture(autouse=True)
def steady_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text cursors that never blink: a snapshot taken mid-blink would differ by one cell."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture(autouse=True)
def keep_user_data_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own HOME and XDG folders and no $RCRO_DB."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / f".{name.lower()}"))
    monkeypatch.delenv("RCRO_DB", raising=False)
    return home


@pytest.fixture
def fresh_db():
    """An empty database at the current schema, in memory."""
    db = open_database(":memory:")
    yield db
    db.close()


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo region for 2026/2027, built once, with the audit clock frozen for stable output."""
    from rcro_tui.db import store
    from rcro_tui.db.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store, "utc_now", lambda: FROZEN_UTC)
        db = open_database(path)
        build_demo(db, academic_year=AcademicYear(2026))
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
    return path


@pytest.fixture
def demo_path(demo_master: Path, keep_user_data_out: Path) -> Path:
    """A private copy of the demo database inside the test's HOME (shown as ~/demo.sqlite)."""
    path = keep_user_data_out / "demo.sqlite"
    shutil.copyfile(demo_master, path)
    return path


@pytest.fixture
def demo_db(demo_path: Path):
    db = open_database(demo_path)
    yield db
    db.close()


@pytest.fixture
def make_app(demo_path: Path):
    """An app factory on the demo database, on the fixed date, as user «ivanova»."""
    from rcro_tui.app import RcroApp

    def factory(path: Path | None = None) -> RcroApp:
        return RcroApp(db_path=path or demo_path, user="ivanova", today=TODAY)

    return factory


@dataclass
class Ran:
    """What one `rcro-tui …` run gave: its exit code, stdout bytes and stderr text."""

    code: int
    out: bytes
    err: str

    @property
    def text(self) -> str:
        return self.out.decode("utf-8")


def run_rcro(db_path: Path, *args: str) -> Ran:
    """`rcro-tui --db PATH --user ivanova …` in this process, as a script would run it."""
    from click.testing import CliRunner

    from rcro_tui.cli import main

    with CliRunner().isolation() as (out, err, _):
        try:
            main(["--db", str(db_path), "--user", "ivanova", *args])
            code = 0
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        return Ran(code, out.getvalue(), err.getvalue().decode("utf-8"))
