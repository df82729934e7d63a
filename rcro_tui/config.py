"""Where the data lives and who is working: resolved at run time, never at import time."""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "rcro-tui"
DB_ENV = "RCRO_DB"
DB_FILENAME = "rcro.sqlite"
DEMO_FILENAME = "demo.sqlite"


def data_dir() -> Path:
    """The user's data folder (e.g. ~/.local/share/rcro-tui), created on first use."""
    path = user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def resolve_db_path(option: str | os.PathLike[str] | None,
                    env: Mapping[str, str] | None = None) -> Path:
    """`--db PATH`, else `$RCRO_DB`, else `rcro.sqlite` in the user's data folder."""
    env = os.environ if env is None else env
    if option:
        return Path(option).expanduser()
    if env.get(DB_ENV):
        return Path(env[DB_ENV]).expanduser()
    return data_dir() / DB_FILENAME


def resolve_demo_path(option: str | os.PathLike[str] | None) -> Path:
    """The demo gets a file of its own, so it can never overwrite the working database by default."""
    return Path(option).expanduser() if option else data_dir() / DEMO_FILENAME


def current_user(option: str | None = None) -> str:
    """The identity written to the audit log: `--user` (set by an SSH forced command) or the OS user."""
    if option:
        return option
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a container user without a passwd entry
        return f"uid{os.getuid()}" if hasattr(os, "getuid") else "unknown"
