"""`rcro-tui events …`: the calendar's work for scripts and cron, the same calls the screens make.

Each subcommand lives in its own module and is attached to the `events` group here.
"""

from __future__ import annotations

import click

from rcro_tui.cli_common import HELP
from rcro_tui.cli_russian import RussianGroup


@click.group(cls=RussianGroup,
             short_help="Мероприятия календаря: список, просмотр, добавление, импорт.",
             help="Мероприятия календаря: список с фильтрами, просмотр одного мероприятия, "
                  "добавление, отмена, импорт из .ics, .csv и .xlsx.")
@click.help_option("-h", "--help", help=HELP)
def events() -> None:
    """The group; subcommands are added below."""


from rcro_tui import cli_events_add, cli_events_list  # noqa: E402  (list, views, cancel, add)

events.add_command(cli_events_list.list_events)
events.add_command(cli_events_list.list_views)
events.add_command(cli_events_list.cancel)
events.add_command(cli_events_add.add)
from rcro_tui.cli_events_import import import_command  # noqa: E402

events.add_command(import_command)
from rcro_tui.cli_events_show import show  # noqa: E402

events.add_command(show)
