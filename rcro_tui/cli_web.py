"""`rcro-tui web --user LOGIN --port N`: the app in a browser for one identity (rcro_tui.web)."""

from __future__ import annotations

from pathlib import Path

import click

from rcro_tui.cli_common import HELP, acting_user, database_path, db_option


@click.command("web", short_help="Открыть приложение в браузере (через ssh -L).",
               help="Запустить приложение для браузера от имени одного пользователя на "
                    "петлевом порту 127.0.0.1:PORT. Напечатает ссылку с секретным токеном; "
                    "без токена сервер отвечает 403. С другого компьютера — через "
                    "ssh -L PORT:127.0.0.1:PORT.")
@click.option("--user", metavar="ЛОГИН",
              help="От чьего имени работает приложение (иначе --user перед командой или "
                   "пользователь ОС).")
@click.option("--port", type=click.IntRange(1024, 65535), required=True, metavar="PORT",
              help="Петлевой порт (1024–65535).")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="АДРЕС",
              help="Только 127.0.0.1 или localhost: другие адреса отклоняются.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def web_command(ctx: click.Context, user: str | None, port: int, host: str,
                db_path: Path | None) -> None:
    from rcro_tui.db.connection import open_database
    from rcro_tui.web import check_host, make_server

    from rcro_tui.db.access import require_identity

    check_host(host)  # refused before anything else is touched
    path = database_path(ctx, db_path)
    login = user or acting_user(ctx)
    db = open_database(path)  # a missing folder or a foreign file is reported here, in Russian
    try:
        require_identity(db, login)  # a login that may not work here gets no server at all
    finally:
        db.close()
    make_server(path, login, port=port, host=host).serve()
