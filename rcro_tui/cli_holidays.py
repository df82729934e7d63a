"""`rcro-tui holidays …`: public holidays and school breaks per academic year, for scripts.

The same calls as the Shift+H screen of the calendar (`db.holidays`), so a break added here
shades the calendar the same way and is checked with the same Russian messages.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rcro_tui.cli_common import HELP, acting_user, database_path, db_option
from rcro_tui.cli_events_list import FORMATS
from rcro_tui.cli_revision import revision_option, started_from
from rcro_tui.cli_russian import RussianGroup
from rcro_tui.errors import InputError
from rcro_tui.i18n import count, date_short
from rcro_tui.model import HolidayKind
from rcro_tui.rules import AcademicYear, today_in_region

RECORD_KEYS = ("id", "first_day", "last_day", "name", "kind", "kind_label", "days",
               "revision")
KINDS = "public (праздник) или school_break (каникулы)"


@click.group("holidays", cls=RussianGroup, short_help="Праздники и каникулы учебного года.",
             help="Праздники и школьные каникулы учебного года: календарь отмечает эти дни, "
                  "редактор предупреждает о мероприятии в праздник. Те же действия, что "
                  "Shift+H в разделе «Календарь».")
@click.help_option("-h", "--help", help=HELP)
def holidays() -> None:
    """The group; its subcommands follow."""


def _year_option(text: str):
    return click.option("--year", metavar="ГГГГ/ГГГГ", help=text)


def _open(ctx: click.Context, db_path: Path | None):
    from rcro_tui.db.connection import open_database

    return open_database(database_path(ctx, db_path), create=False)


def _academic_year(text: str | None) -> AcademicYear:
    return AcademicYear.parse(text) if text else AcademicYear.containing(today_in_region())


def _number(text: str) -> int:
    if not text.strip().isdigit():
        raise InputError(f"«{text}» — не номер записи: номера показывает "
                         "rcro-tui holidays list.")
    return int(text)


def _write(data: bytes) -> None:
    """Bytes straight to stdout: UTF-8 whatever the locale, CSV's CRLF untouched."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _line(holiday) -> str:
    """«№11 «Осенние каникулы», 31 октября – 8 ноября 2026 г. (каникулы, 9 дней)»"""
    return (f"№{holiday.id} «{holiday.name}», {holiday.dates_text()} "
            f"({holiday.kind.label}, {holiday.days_text()})")


@holidays.command("list", short_help="Праздники и каникулы года (таблица, JSON, CSV).",
                  help="Праздники и каникулы учебного года (по умолчанию текущего) по датам.")
@_year_option("Учебный год, например 2026/2027 (по умолчанию текущий).")
@click.option("--format", "fmt", default="simple", show_default=True, type=click.Choice(FORMATS),
              help="Вид вывода: текстовая таблица, json или csv (для Excel: UTF-8 с BOM, «;»).")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def list_holidays_command(ctx: click.Context, year: str | None, fmt: str,
                          db_path: Path | None) -> None:
    from rcro_tui.db.holidays import list_holidays
    from rcro_tui.db.views import TableView
    from rcro_tui.exports.records import records_csv, records_json
    from rcro_tui.exports.text import render

    academic = _academic_year(year)
    db = _open(ctx, db_path)
    try:
        found = list_holidays(db, academic)
    finally:
        db.close()
    if fmt in ("json", "csv"):
        records = [{"id": h.id, "first_day": h.first_day.isoformat(),
                    "last_day": h.last_day.isoformat(), "name": h.name, "kind": h.kind.value,
                    "kind_label": h.kind.label, "days": h.days, "revision": h.revision}
                   for h in found]
        _write(records_json(records) if fmt == "json" else records_csv(records, RECORD_KEYS))
        return
    table = TableView(f"Праздники и каникулы: {academic.label()}",
                      ("№", "Даты", "Название", "Вид", "Дней"),
                      empty="Записей нет: rcro-tui holidays fill — праздники по ТК РФ, "
                            "rcro-tui holidays add — каникулы.")
    for h in found:
        table.add(h.id, str(h.id), h.dates_text(), h.name, h.kind.label, h.days_text())
    _write(render(table, fmt).encode("utf-8"))


@holidays.command("add", short_help="Добавить каникулы или праздник.",
                  help="Добавить каникулы или праздник: ПЕРВЫЙ и ПОСЛЕДНИЙ день как 04.11.2026, "
                       "затем название. Каникулы не должны пересекаться с другими каникулами, "
                       "праздник — с другим праздником.")
@click.argument("first", metavar="ПЕРВЫЙ_ДЕНЬ")
@click.argument("last", metavar="ПОСЛЕДНИЙ_ДЕНЬ")
@click.argument("name", metavar="НАЗВАНИЕ")
@click.option("--kind", default=HolidayKind.SCHOOL_BREAK.value, show_default=True,
              metavar="ВИД", help=f"Вид: {KINDS}.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def add(ctx: click.Context, first: str, last: str, name: str, kind: str,
        db_path: Path | None) -> None:
    from rcro_tui.db.holidays import add_holiday, get_holiday, read_holiday

    draft = read_holiday(first, last, name, kind)
    db = _open(ctx, db_path)
    try:
        holiday = get_holiday(db, add_holiday(db, draft, user=acting_user(ctx, db)))
    finally:
        db.close()
    click.echo(f"Добавлено: {_line(holiday)}.")


@holidays.command("edit", short_help="Изменить даты, название или вид записи.",
                  help="Изменить запись по номеру (номера показывает holidays list): "
                       "указанные параметры меняются, остальные остаются.")
@click.argument("ref", metavar="НОМЕР")
@click.option("--first", metavar="ДД.ММ.ГГГГ", help="Первый день.")
@click.option("--last", metavar="ДД.ММ.ГГГГ", help="Последний день.")
@click.option("--name", metavar="НАЗВАНИЕ", help="Название.")
@click.option("--kind", metavar="ВИД", help=f"Вид: {KINDS}.")
@revision_option()
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def edit(ctx: click.Context, ref: str, first: str | None, last: str | None, name: str | None,
         kind: str | None, revision: int | None, db_path: Path | None) -> None:
    from rcro_tui.db.holidays import get_holiday, read_holiday, update_holiday

    db = _open(ctx, db_path)
    try:
        old = get_holiday(db, _number(ref))
        draft = read_holiday(first or date_short(old.first_day), last or date_short(old.last_day),
                             old.name if name is None else name, kind or old.kind.value)
        holiday = update_holiday(db, old.id, draft, user=acting_user(ctx, db),
                                 expected_revision=started_from(revision, old.revision))
    finally:
        db.close()
    click.echo(f"Изменено: {_line(holiday)}.")


@holidays.command("remove", short_help="Удалить запись по номеру.",
                  help="Удалить праздник или каникулы по номеру (номера показывает "
                       "holidays list). Удалённая запись остаётся в журнале изменений.")
@click.argument("ref", metavar="НОМЕР")
@revision_option()
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def remove(ctx: click.Context, ref: str, revision: int | None, db_path: Path | None) -> None:
    from rcro_tui.db.holidays import delete_holiday

    db = _open(ctx, db_path)
    try:
        holiday = delete_holiday(db, _number(ref), user=acting_user(ctx, db),
                                 expected_revision=revision)
    finally:
        db.close()
    click.echo(f"Удалено: {_line(holiday)}.")


@holidays.command("fill", short_help="Внести праздники года по Трудовому кодексу.",
                  help="Внести недостающие праздники учебного года по ст. 112 ТК РФ с "
                       "переносами выходных. Уже внесённые (и исправленные) не трогаются: "
                       "повторный запуск ничего не добавляет. Переносы по постановлению "
                       "Правительства исправьте через holidays edit.")
@_year_option("Учебный год, например 2026/2027 (по умолчанию текущий).")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def fill(ctx: click.Context, year: str | None, db_path: Path | None) -> None:
    from rcro_tui.db.holidays import fill_public_holidays

    academic = _academic_year(year)
    db = _open(ctx, db_path)
    try:
        added = fill_public_holidays(db, academic, user=acting_user(ctx, db))
    finally:
        db.close()
    if not added:
        click.echo(f"Все праздники на {academic.label()} уже внесены.")
        return
    click.echo(f"{academic.label()}: добавлены праздники по ТК РФ "
               f"({count(len(added), 'запись', 'записи', 'записей')}):")
    for holiday in added:
        click.echo(f"  {_line(holiday)}")
