"""`rcro-tui districts list|import`: the region's municipalities, for another region's list."""

from __future__ import annotations

from pathlib import Path

import click

from rcro_tui.cli_common import HELP, acting_user, database_path, db_option
from rcro_tui.cli_russian import RussianGroup
from rcro_tui.i18n import count


@click.group("districts", cls=RussianGroup, short_help="Муниципальные образования региона.",
             help="Муниципальные образования региона: список и загрузка списка другого "
                  "региона из CSV.")
@click.help_option("-h", "--help", help=HELP)
def districts() -> None:
    """The group; its subcommands follow."""


def _open(ctx: click.Context, db_path: Path | None, create: bool = False):
    from rcro_tui.db.connection import open_database

    return open_database(database_path(ctx, db_path), create=create)


@districts.command("list", short_help="Муниципальные образования с опорными школами.",
                   help="Муниципальные образования; с --program — опорные школы, число "
                        "участников и партнёров программы, ⚠ где опорной школы нет.")
@click.option("--program", metavar="ПРОГРАММА", help="Программа: название или номер.")
@click.option("--format", "fmt", default="simple", show_default=True,
              type=click.Choice(["simple", "plain", "grid", "markdown", "tsv"]),
              help="Вид текстовой таблицы.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def list_districts(ctx: click.Context, program: str | None, fmt: str,
                   db_path: Path | None) -> None:
    from rcro_tui.db.filter_names import resolve_id
    from rcro_tui.db.network_overview import default_program, districts_view
    from rcro_tui.exports.text import render
    from rcro_tui.rules import today_in_region

    db = _open(ctx, db_path)
    try:
        program_id = (resolve_id(db, "programs", program, option="--program") if program
                      else default_program(db))
        if program_id is None:
            from rcro_tui.db.views_sections import districts as plain
            click.echo(render(plain(db), fmt), nl=False)
            return
        click.echo(render(districts_view(db, program_id, today_in_region()), fmt), nl=False)
    finally:
        db.close()


@districts.command("import", short_help="Загрузить муниципалитеты из CSV.",
                   help="Загрузить муниципальные образования из CSV (UTF-8 или Windows-1251, "
                        "«;» или «,»): столбец «Муниципальное образование» и, по желанию, «Вид» "
                        "(городской округ / муниципальный район). Уже внесённые не меняются; "
                        "при ошибке в строке ничего не загружается.")
@click.argument("path", metavar="ФАЙЛ", type=click.Path(exists=True, dir_okay=False,
                                                        path_type=Path))
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def import_command(ctx: click.Context, path: Path, db_path: Path | None) -> None:
    from rcro_tui.db.districts import import_districts

    db = _open(ctx, db_path, create=True)
    try:
        done = import_districts(db, path, user=acting_user(ctx, db))
    finally:
        db.close()
    click.echo(f"Добавлено: {count(len(done.added), 'муниципалитет', 'муниципалитета', 'муниципалитетов')}"
               f"; уже были: {len(done.kept)}.")
