"""`rcro-tui events import FILE`: a calendar (.ics) or a table (.csv, .xlsx) into the calendar.

The same calls the screens would make (`import_ics`, `import_table`); all or nothing, and
`--dry-run` checks the whole file and says what it would do without writing.
"""

from __future__ import annotations

from pathlib import Path

import click

from rcro_tui.cli_common import HELP, acting_user, database_path, db_option
from rcro_tui.cli_russian import RussianCommand
from rcro_tui.errors import UserError

KINDS = {".ics": "ics", ".ical": "ics", ".ifb": "ics", ".csv": "table", ".txt": "table",
         ".xlsx": "table", ".xlsm": "table"}


@click.command("import", cls=RussianCommand, short_help="Импорт мероприятий из .ics, .csv или .xlsx.",
               help="Импортировать мероприятия из календаря iCalendar (.ics) или таблицы "
                    "(.csv из Excel, .xlsx). Мероприятие с тем же UID обновляется, а не "
                    "дублируется; при любой ошибке в файле в базу не записывается ничего.")
@click.argument("file", metavar="ФАЙЛ")
@click.option("--dry-run", is_flag=True,
              help="Только проверить файл и показать, что изменится; ничего не записывать.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def import_command(ctx: click.Context, file: str, dry_run: bool, db_path: Path | None) -> None:
    from rcro_tui.db.connection import open_database

    path = Path(file).expanduser()
    kind = file_kind(path)
    data = read_file(path)
    db = open_database(database_path(ctx, db_path), create=False)
    try:
        report = run_import(db, kind, data, user=acting_user(ctx, db), source_name=path.name,
                            dry_run=dry_run)
    finally:
        db.close()
    click.echo(report.summary())


def file_kind(path: Path) -> str:
    """«ics» or «table» by the extension; a Russian error naming the ones we read otherwise."""
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        shown = f"«{path.suffix}»" if path.suffix else "без расширения"
        raise UserError(f"Файл «{path.name}»: расширение {shown} не поддерживается — "
                        "импортируются календари .ics и таблицы .csv и .xlsx.")
    return kind


def read_file(path: Path) -> bytes:
    if path.is_dir():
        raise UserError(f"«{path}» — папка, а не файл: укажите файл .ics, .csv или .xlsx.")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"Файл «{path}» не найден: проверьте путь.") from None
    except PermissionError:
        raise UserError(f"Файл «{path}» нельзя прочитать: нет прав доступа.") from None


def run_import(db, kind: str, data: bytes, *, user: str, source_name: str, dry_run: bool):
    """The importer for the kind of file, as the screens would call it."""
    if kind == "ics":
        from rcro_tui.db.import_ics import import_ics

        return import_ics(db, data, user=user, source_name=source_name, dry_run=dry_run)
    from rcro_tui.db.import_table import import_table

    return import_table(db, data, user=user, source_name=source_name, dry_run=dry_run)
