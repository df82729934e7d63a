"""`rcro-tui stages …`: competitions' stages for scripts — the same calls as the «Отборы» section.

This module holds the group; each part of the section registers its commands on it from its
own module (`cli_stage_*.py`), imported by `rcro_tui.cli`.
"""

from __future__ import annotations

from pathlib import Path

import click

from rcro_tui.cli_common import HELP, database_path
from rcro_tui.cli_russian import RussianGroup


@click.group("stages", cls=RussianGroup, short_help="Отборочные этапы конкурсов и олимпиад.",
             help="Конкурсы и олимпиады по этапам: этапы и площадки, участники и "
                  "протоколы, правила перехода и переход на следующий этап.")
@click.help_option("-h", "--help", help=HELP)
def stages() -> None:
    """The group; its subcommands come from the `cli_stage_*` modules."""


def open_db(ctx: click.Context, db_path: Path | None):
    """The database the command works on (never created here: a typo must not make an empty one)."""
    from rcro_tui.db.connection import open_database

    return open_database(database_path(ctx, db_path), create=False)
