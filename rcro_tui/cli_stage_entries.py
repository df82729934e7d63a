"""`rcro-tui stages import-results|protocol`: a stage's participants for scripts.

The same calls as the stage's «Участники» and «Протокол» tabs (`db.entry_import`,
`db.protocols`): a protocol imported here is checked by the same rules, all or nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rcro_tui.cli_common import HELP, acting_user, db_option
from rcro_tui.cli_stages import open_db, stages

TEXT_FORMATS = ["simple", "grid", "markdown", "csv"]


@stages.command("import-results", short_help="Импорт протокола этапа из CSV или XLSX.",
                help="Импорт участников ЭТАПА с баллами и результатами из протокола CSV "
                     "(UTF-8 или Windows-1251; «;», «,» или табуляция) или XLSX. Столбцы: "
                     "ФИО, Класс, Школа (ОО), Предмет, Балл (Итого); по желанию ИНН, "
                     "Муниципалитет, Результат, Статус, Площадка, Примечание. Ошибка в любой "
                     "строке — не записывается ничего, ошибки перечислены по строкам.")
@click.argument("stage_id", metavar="ЭТАП", type=int)
@click.argument("file", metavar="ФАЙЛ", type=click.Path(path_type=Path))
@click.option("--session", "session_id", type=int, metavar="ПЛОЩАДКА",
              help="Номер площадки для строк без столбца «Площадка» (по умолчанию — "
                   "площадка района школы, если она одна).")
@click.option("--create-missing", is_flag=True,
              help="Школы, которых нет в базе, создать в районе из столбца «Муниципалитет».")
@click.option("--replace", "replace_", is_flag=True,
              help="Заменить протокол: удалить прежних участников этапа (или площадки "
                   "--session) и записать участников из файла.")
@click.option("--dry-run", is_flag=True, help="Только проверить и показать, что изменится.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def import_results_command(ctx: click.Context, stage_id: int, file: Path,
                           session_id: int | None, create_missing: bool, replace_: bool,
                           dry_run: bool, db_path: Path | None) -> None:
    from rcro_tui.db.entry_import import import_results

    db = open_db(ctx, db_path)
    try:
        plan = import_results(db, stage_id, file, user=acting_user(ctx, db), dry_run=dry_run,
                              session_id=session_id, create_missing=create_missing,
                              replace=replace_)
    finally:
        db.close()
    click.echo(plan.summary())
    if dry_run:
        click.echo("Проверка (--dry-run): в базу ничего не записано.")


@stages.command("protocol", short_help="Протокол этапа: места, баллы, результаты.",
                help="Протокол ЭТАПА: места по баллам (равные баллы делят место, «2–3»), "
                     "участник, класс, школа, район, предмет, балл, результат, статус, "
                     "площадка — по этапу, площадкам, районам или школам; или итоги по "
                     "районам (участники, победители, призёры, школы). Протокол содержит "
                     "имена детей: передавайте его только тем, кому он предназначен.")
@click.argument("stage_id", metavar="ЭТАП", type=int)
@click.option("--by", "by", default="stage", show_default=True,
              type=click.Choice(["stage", "session", "district", "school", "totals"]),
              help="Группировка: этап, площадка, район, школа или итоги по районам.")
@click.option("--format", "fmt", default="simple", show_default=True,
              type=click.Choice(TEXT_FORMATS),
              help="Вид таблицы; csv — UTF-8 с BOM и «;», как открывает Excel.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def protocol_command(ctx: click.Context, stage_id: int, by: str, fmt: str,
                     db_path: Path | None) -> None:
    from rcro_tui.db.entry_check import stage_rules
    from rcro_tui.db.protocols import protocol
    from rcro_tui.exports.text import render

    db = open_db(ctx, db_path)
    try:
        stage_rules(db, stage_id)  # «Этапа № 7 нет в базе.»
        view = protocol(db, stage_id, by)
    finally:
        db.close()
    if fmt == "csv":
        from rcro_tui.exports.records import records_csv

        data = records_csv([dict(zip(view.columns, row)) for row in view.rows], view.columns)
    else:
        data = render(view, fmt).encode("utf-8")
    sys.stdout.flush()  # bytes straight out: UTF-8 whatever the locale, CSV's CRLF kept
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
