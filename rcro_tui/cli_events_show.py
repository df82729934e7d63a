"""`rcro-tui events show`: one event's detail as text, the same call the detail screen makes."""

from __future__ import annotations

from pathlib import Path

import click

from rcro_tui.cli_common import HELP, database_path, db_option
from rcro_tui.cli_russian import RussianCommand


@click.command("show", cls=RussianCommand, short_help="Всё о мероприятии: поля, ленты, история.",
               help="Показать мероприятие по номеру или UID так же, как экран мероприятия: "
                    "все поля, организатор и его муниципалитет, программа и аудитория, этап, "
                    "ленты, в которые оно попадает, и история изменений.")
@click.argument("ref", metavar="UID_ИЛИ_НОМЕР")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def show(ctx: click.Context, ref: str, db_path: Path | None) -> None:
    from rcro_tui.cli_events_list import _write, find_event
    from rcro_tui.db.connection import open_database
    from rcro_tui.db.event_detail import event_detail
    from rcro_tui.screens.event_detail import detail_text

    db = open_database(database_path(ctx, db_path), create=False)
    try:
        detail = event_detail(db, find_event(db, ref)["id"])
    finally:
        db.close()
    _write(detail_text(detail).encode("utf-8"))
