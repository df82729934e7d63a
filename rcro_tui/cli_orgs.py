"""`rcro-tui orgs list|import|export`: the organisations of the «Сеть» section, for scripts.

The same calls as the screen: `orgs list` filters as the list's search and filter dialog do
(`db.org_list.OrgFilter`), `orgs import` runs the preview's plan and applies it all or
nothing, `orgs export` writes a file that imports back onto the same organisations.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rcro_tui.cli_common import HELP, acting_user, database_path, db_option
from rcro_tui.cli_russian import RussianGroup
from rcro_tui.errors import InputError
from rcro_tui.i18n import count
from rcro_tui.model import OrgKind, Role
from rcro_tui.rules import today_in_region

FORMATS = ("simple", "plain", "grid", "markdown", "tsv", "json", "csv")


@click.group("orgs", cls=RussianGroup, short_help="Организации: список, импорт, экспорт.",
             help="Организации раздела «Сеть»: школы и партнёры. Список с фильтрами, импорт "
                  "из CSV/XLSX (все строки или ничего), экспорт в CSV/XLSX.")
@click.help_option("-h", "--help", help=HELP)
def orgs() -> None:
    """The group; its subcommands follow."""


def _many(name: str, metavar: str, text: str):
    return click.option(name, multiple=True, metavar=metavar, help=text + " Можно несколько раз.")


def _filter_options(command):
    for option in reversed([
            click.option("--search", metavar="ТЕКСТ", help="Слова из названия, краткого "
                         "названия или ИНН (регистр, кавычки и «№»/N не важны)."),
            _many("--kind", "ВИД", "Вид: школа, вуз, музей… (или код school…)."),
            _many("--legal-form", "ФОРМА", "Правовая форма: МАОУ, МБОУ, МКОУ, ОГБОУ…"),
            _many("--district", "РАЙОН", "Муниципальное образование: название или номер."),
            _many("--program", "ПРОГРАММА", "Программа: название, краткое название или номер."),
            _many("--role", "РОЛЬ", "Роль в программе: опорная школа, базовая организация…")]):
        command = option(command)
    return command


def _open(ctx: click.Context, db_path: Path | None):
    from rcro_tui.db.connection import open_database

    return open_database(database_path(ctx, db_path), create=False)


def _filter(db, search, kind, legal_form, district, program, role):
    from rcro_tui.db.filter_names import resolve_code, resolve_codes, resolve_ids
    from rcro_tui.db.org_import_rows import role_code
    from rcro_tui.db.org_list import OrgFilter

    return OrgFilter(
        text=search or "", kinds=tuple(resolve_codes(OrgKind, kind, option="--kind")),
        legal_forms=tuple(form.strip() for form in legal_form),
        district_ids=resolve_ids(db, "districts", district, option="--district"),
        program_ids=resolve_ids(db, "programs", program, option="--program"),
        roles=tuple(dict.fromkeys(role_code(text) or resolve_code(Role, text, option="--role")
                                  for text in role)))


@orgs.command("list", short_help="Организации с фильтрами (таблица, JSON, CSV).",
              help="Организации по муниципалитетам с поиском и фильтрами. Фильтры "
                   "складываются (И); одно условие, заданное несколько раз, — любое (ИЛИ).")
@_filter_options
@click.option("--format", "fmt", default="simple", show_default=True, type=click.Choice(FORMATS),
              help="Вид вывода: текстовая таблица, json или csv (для Excel: UTF-8 с BOM, «;»).")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def list_orgs(ctx, search, kind, legal_form, district, program, role, fmt, db_path) -> None:
    from rcro_tui.db.org_export import RECORD_KEYS, org_records
    from rcro_tui.db.views import TableView
    from rcro_tui.exports.records import records_csv, records_json
    from rcro_tui.exports.text import render

    db = _open(ctx, db_path)
    try:
        records = org_records(db, _filter(db, search, kind, legal_form, district, program,
                                          role))
    finally:
        db.close()
    if fmt == "json":
        return _write(records_json(records))
    if fmt == "csv":
        return _write(records_csv(records, RECORD_KEYS))
    view = TableView("Организации", ("№", "Организация", "Вид", "Форма", "МО", "ИНН"),
                     empty="Организаций не найдено.")
    for r in records:
        view.add(r["id"], str(r["id"]), r["name"], r["kind_label"], r["legal_form"],
                 r["district"], r["inn"])
    text = render(view, fmt)
    if records:
        text += f"Всего: {count(len(records), 'организация', 'организации', 'организаций')}\n"
    _write(text.encode("utf-8"))


@orgs.command("import", short_help="Импорт организаций из CSV или XLSX.",
              help="Импорт организаций (и участия в программах, если есть столбцы «Программа» "
                   "и «Роль») из CSV (Windows-1251 или UTF-8, «;» или «,») или XLSX. "
                   "Организации находятся по ИНН, затем по названию — повторный импорт не "
                   "создаёт дубликатов. Ошибка в любой строке — не записывается ничего.")
@click.argument("file", metavar="ФАЙЛ", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Только проверить и показать, что изменится.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def import_file(ctx, file: Path, dry_run: bool, db_path) -> None:
    from rcro_tui.db.org_import import import_orgs

    db = _open(ctx, db_path)
    try:
        plan = import_orgs(db, file, user=acting_user(ctx, db), today=today_in_region(),
                           dry_run=dry_run)
    finally:
        db.close()
    click.echo(plan.summary())
    if dry_run:
        click.echo("Проверка (--dry-run): в базу ничего не записано.")


@orgs.command("export", short_help="Экспорт организаций в CSV или XLSX.",
              help="Записать организации (с теми же фильтрами, что у list) в ФАЙЛ.csv (UTF-8 "
                   "с BOM, «;» — как открывает Excel) или ФАЙЛ.xlsx. Файл можно поправить и "
                   "импортировать обратно.")
@click.argument("file", metavar="ФАЙЛ", type=click.Path(path_type=Path))
@_filter_options
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def export_file(ctx, file: Path, search, kind, legal_form, district, program, role,
                db_path) -> None:
    from rcro_tui.db.org_export import export_rows, org_records
    from rcro_tui.org_files import table_csv, table_xlsx

    suffix = file.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(f"«{file.name}»: укажите файл .csv или .xlsx.")
    db = _open(ctx, db_path)
    try:
        records = org_records(db, _filter(db, search, kind, legal_form, district, program,
                                          role))
    finally:
        db.close()
    headers, rows = export_rows(records)
    data = table_csv(headers, rows) if suffix == ".csv" else table_xlsx(headers, rows)
    try:
        file.write_bytes(data)
    except OSError as error:
        raise InputError(f"Файл «{file}» не записан: {error.strerror}.") from None
    click.echo(f"Записано: {count(len(rows), 'организация', 'организации', 'организаций')} "
               f"→ {file}")


def _write(data: bytes) -> None:
    """Bytes straight to stdout: UTF-8 whatever the locale, CSV's CRLF untouched."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
