"""`--revision N` on commands that change or delete one stored row.

A script (or a person) that looked at a row, decided, and then changes it names the version it
looked at: if a colleague changed the row in between, the command is refused with the same
conflict sentence the screens show, instead of silently overwriting their work. Without the
option the command still guards its own read-modify-write against a colleague's save.
"""

from __future__ import annotations

import click

REVISION_HELP = ("Версия записи, которую вы видели (её показывают list и show): если запись "
                 "с тех пор изменили, команда откажет, ничего не меняя.")


def revision_option():
    return click.option("--revision", type=click.IntRange(min=1), metavar="N",
                        help=REVISION_HELP)


def started_from(given: int | None, read_now: int) -> int:
    """The revision the change is made from: the one the person saw, else the one just read."""
    return read_now if given is None else given
