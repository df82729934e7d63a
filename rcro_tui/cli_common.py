"""What every `rcro-tui` command shares: the `--db` option and how the database and user are found."""

from __future__ import annotations

from pathlib import Path

import click

from rcro_tui.config import DB_ENV, current_user, resolve_db_path

HELP = "Показать эту справку и выйти."
DB_HELP = f"Файл базы SQLite (иначе ${DB_ENV}, иначе файл в папке данных пользователя)."


def db_option(help_text: str = DB_HELP):
    """`--db` on every command, so both `rcro-tui --db X check` and `rcro-tui check --db X` work."""
    return click.option("--db", "db_path", metavar="ПУТЬ", help=help_text,
                        type=click.Path(dir_okay=True, path_type=Path))


def database_path(ctx: click.Context, db_path: Path | None) -> Path:
    """The command's own --db, else the top-level --db, else $RCRO_DB, else the data folder."""
    root = ctx.find_root().obj or {}
    return resolve_db_path(db_path or root.get("db"))


def acting_user(ctx: click.Context, db=None) -> str:
    """Who the change is recorded as: --user (SSH forced command), else the OS user.

    Given the open database, an identity that may not work in it (not an active user while
    there are some) stops here, before the command reads its input (`db.access`)."""
    root = ctx.find_root().obj or {}
    login = current_user(root.get("user"))
    if db is not None:
        from rcro_tui.db.access import require_identity

        require_identity(db, login)
    return login
