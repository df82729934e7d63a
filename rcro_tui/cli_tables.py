"""`rcro-tui table NAME [ЧТО] --format html|xlsx|csv|plain|grid|markdown [-o ПУТЬ]` and
`rcro-tui table list`: the printable tables, the same calls as the «Таблицы» screen.

ЧТО is what the table is of (a programme, district, organisation or stage: a number or a
name); `--year` picks the academic year. Text formats and CSV/HTML go to the terminal
without `-o`; XLSX needs a file. `-o` naming a folder saves «NAME.suffix» inside it.
"""

from __future__ import annotations

from pathlib import Path

import click

from rcro_tui.cli_common import HELP, database_path, db_option
from rcro_tui.errors import UserError
from rcro_tui.rules import AcademicYear, today_in_region

FORMAT_CHOICES = ("html", "xlsx", "csv", "plain", "grid", "markdown")


@click.command("table", short_help="Таблица для печати: HTML, XLSX, CSV или текст.",
               help="Таблица для печати или рассылки: календарь года, мероприятия программы "
                    "или муниципалитета, расписание организации, сеть программы, протокол "
                    "и рейтинг этапа, итоги по районам, вовлечённость. Список: "
                    "rcro-tui table list. ЧТО — номер или название программы, "
                    "муниципалитета, организации или этапа.")
@click.argument("name", metavar="ТАБЛИЦА")
@click.argument("subject", metavar="[ЧТО]", required=False)
@click.option("--format", "fmt", default="plain", show_default=True,
              type=click.Choice(FORMAT_CHOICES), help="Формат.")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="ПУТЬ",
              help="Файл (или папка) для сохранения; без него — в терминал.")
@click.option("--year", metavar="ГГГГ/ГГГГ", help="Учебный год (по умолчанию текущий).")
@click.option("--public", "public_only", is_flag=True,
              help="Только открытые мероприятия (как в опубликованной папке).")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def table_command(ctx: click.Context, name: str, subject: str | None, fmt: str,
                  output: Path | None, year: str | None, public_only: bool,
                  db_path: Path | None) -> None:
    from rcro_tui.db.connection import open_database
    from rcro_tui.db.table_list import BY_NAME, TABLES

    if name == "list":
        for spec in TABLES:
            of = [need for need in spec.needs if need != "year"]
            click.echo(f"{spec.name:<11} {spec.label}" + (f" (ЧТО: {_of_word(of[0])})" if of
                                                             else ""))
        return
    spec = BY_NAME.get(name)
    if spec is None:
        raise UserError(f"Нет таблицы «{name}». Есть: {', '.join(BY_NAME)} "
                        "(rcro-tui table list).")
    if fmt == "xlsx" and output is None:
        raise UserError("XLSX не выводится в терминал: укажите файл, например -o таблица.xlsx.")
    db = open_database(database_path(ctx, db_path), create=False)
    try:
        _produce(db, spec, subject, fmt, output, year, public_only)
    finally:
        db.close()


def _of_word(need: str) -> str:
    return {"program": "программа", "district": "муниципалитет", "org": "организация",
            "stage": "этап"}[need]


def _produce(db, spec, subject: str | None, fmt: str, output: Path | None, year: str | None,
             public_only: bool) -> None:
    from rcro_tui.db.table_params import resolve
    from rcro_tui.db.tables import TableParams, build_table
    from rcro_tui.exports.table_formats import default_file, save_table, table_bytes

    today = today_in_region()
    of = next((need for need in spec.needs if need != "year"), None)
    ids = {}
    if of and subject:
        ids = {f"{of}_id" if of != "org" else "org_id": resolve(db, of, subject)}
    elif subject:
        raise UserError(f"Таблица «{spec.label}» ни о чём отдельном: уберите «{subject}».")
    params = TableParams(year=AcademicYear.parse(year) if year else None, today=today,
                         public_only=public_only, **ids)
    printable = build_table(db, spec, params)
    data = table_bytes(printable, fmt, made=today)
    if output is None:
        click.echo(data.decode("utf-8-sig") if fmt != "csv" else data.decode("utf-8"), nl=False)
        return
    path = output / default_file(printable, fmt) if output.is_dir() else output
    save_table(path, data)
    click.echo(f"Таблица «{printable.view.title}» сохранена: {path}", err=True)
