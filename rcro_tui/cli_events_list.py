"""`rcro-tui events list`, `events views` and `events cancel`: the filtered calendar for scripts.

Every option becomes a field of one `EventFilter`, the same object the calendar's filter bar
and saved views hold, so `--view "Олимпиады"` lists what the screen shows for that view.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rcro_tui.cli_common import HELP, acting_user, database_path, db_option
from rcro_tui.cli_revision import revision_option, started_from
from rcro_tui.cli_russian import RussianCommand
from rcro_tui.errors import InputError, UserError
from rcro_tui.i18n import count
from rcro_tui.model import EventFormat, EventKind, EventStatus, Visibility
from rcro_tui.rules import AcademicYear, parse_date, today_in_region

TEXT_FORMATS = ("simple", "plain", "grid", "markdown", "tsv")
FORMATS = (*TEXT_FORMATS, "json", "csv")


def _many(name: str, metavar: str, text: str):
    return click.option(name, multiple=True, metavar=metavar, help=text + " Можно несколько раз.")


@click.command("list", cls=RussianCommand, short_help="Мероприятия с фильтрами (таблица, JSON, CSV).",
               help="Мероприятия за период (по умолчанию текущий учебный год) с фильтрами; "
                    "повторяющиеся показаны каждый раз. Фильтры складываются (И); одно и то "
                    "же условие, заданное несколько раз, — любое из значений (ИЛИ).")
@click.option("--from", "first", metavar="ДД.ММ.ГГГГ", help="С какого дня.")
@click.option("--to", "last", metavar="ДД.ММ.ГГГГ", help="По какой день включительно.")
@click.option("--year", metavar="ГГГГ/ГГГГ", help="Учебный год (1 сентября – 31 августа).")
@_many("--program", "ПРОГРАММА", "Программа: название, краткое название или номер.")
@_many("--district", "РАЙОН", "Муниципальное образование (и площадки отборов в нём).")
@_many("--host", "ОРГАНИЗАЦИЯ", "Организатор: название или номер.")
@_many("--kind", "ВИД", "Вид: олимпиада, конкурс, вебинар… (или код olympiad…).")
@_many("--status", "СТАТУС", "Статус: запланировано, подтверждено, отменено, проведено.")
@_many("--visibility", "ДОСТУП", "Доступ: для всех, для участников сети, внутреннее.")
@_many("--event-format", "ФОРМАТ", "Формат: очный, дистанционный, смешанный.")
@click.option("--grade", metavar="КЛАСС", help="Для какого класса (1–11).")
@click.option("--audience", metavar="КТО", help="Целевая аудитория содержит текст (педагоги…).")
@click.option("--search", metavar="ТЕКСТ", help="Поиск по названию, описанию, организатору.")
@click.option("--view", "view_name", metavar="ИМЯ", help="Начать с сохранённого вида.")
@click.option("--save-view", metavar="ИМЯ", help="Сохранить получившийся фильтр как вид.")
@click.option("--warnings", "with_warnings", is_flag=True,
              help="Добавить столбец предупреждений: организатор или место заняты, та же "
                   "аудитория, праздник, регистрация закрыта.")
@click.option("--format", "fmt", default="simple", show_default=True, type=click.Choice(FORMATS),
              help="Вид вывода: текстовая таблица, json или csv (для Excel: UTF-8 с BOM, «;»).")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def list_events(ctx: click.Context, first, last, year, program, district, host, kind, status,
                visibility, event_format, grade, audience, search, view_name, save_view,
                with_warnings, fmt, db_path: Path | None) -> None:
    from rcro_tui.db.connection import open_database
    from rcro_tui.db.event_filter import EventFilter
    from rcro_tui.db.filter_names import resolve_codes, resolve_ids

    db = open_database(database_path(ctx, db_path), create=False)
    try:
        given = EventFilter(
            text=search or "", audience=audience or "", grade=_grade(grade),
            program_ids=resolve_ids(db, "programs", program, option="--program"),
            district_ids=resolve_ids(db, "districts", district, option="--district"),
            host_org_ids=resolve_ids(db, "organizations", host, option="--host"),
            kinds=resolve_codes(EventKind, kind, option="--kind"),
            statuses=resolve_codes(EventStatus, status, option="--status"),
            visibilities=resolve_codes(Visibility, visibility, option="--visibility"),
            formats=resolve_codes(EventFormat, event_format, option="--event-format"),
            first_day=parse_date(first, field="--from") if first else None,
            last_day=parse_date(last, field="--to") if last else None)
        today = today_in_region() if with_warnings else None
        _write(_listing(ctx, db, given, view_name, save_view, year, fmt, today))
    finally:
        db.close()


def _grade(text: str | None) -> int | None:
    if text is None:
        return None
    if not text.strip().isdigit() or not 1 <= int(text) <= 11:
        raise InputError(f"--grade «{text}»: ожидается номер класса от 1 до 11.")
    return int(text)


def _listing(ctx, db, given, view_name, save_view, year, fmt, warnings_today) -> bytes:
    """The output for the filter: a saved view (if named) with the command line's options on top."""
    from rcro_tui.db.event_list import RECORD_KEYS, event_list_view, event_records, list_period
    from rcro_tui.db.filter_labels import summary
    from rcro_tui.db.saved_views import get_view, save_view as store_view
    from rcro_tui.exports.records import records_csv, records_json
    from rcro_tui.exports.text import render

    flt = get_view(db, view_name).filter.merged(given) if view_name else given
    if flt.first_day and flt.last_day and flt.last_day < flt.first_day:
        raise InputError(f"--to {flt.last_day:%d.%m.%Y} раньше --from {flt.first_day:%d.%m.%Y}.")
    if save_view:
        saved = store_view(db, save_view, flt, user=acting_user(ctx, db))
        click.echo(f"Вид «{saved.name}» сохранён: {summary(db, flt)}.", err=True)
    first, last = list_period(flt, AcademicYear.parse(year) if year else None, today_in_region())
    if fmt in ("json", "csv"):
        records = event_records(db, flt, first, last, warnings_today=warnings_today)
        if fmt == "json":
            return records_json(records)
        return records_csv(records, RECORD_KEYS + (("warnings",) if warnings_today else ()))
    view = event_list_view(db, flt, first, last, warnings_today=warnings_today)
    text = render(view, fmt)
    if not flt.is_empty():
        text += f"Фильтр: {summary(db, flt)}\n"
    if view.rows:
        text += f"Всего: {count(len(view.rows), 'мероприятие', 'мероприятия', 'мероприятий')}\n"
    return text.encode("utf-8")


def _write(data: bytes) -> None:
    """Bytes straight to stdout: UTF-8 whatever the server's locale, CSV's CRLF untouched."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


@click.command("views", cls=RussianCommand, short_help="Сохранённые виды (фильтры).",
               help="Список сохранённых видов — именованных фильтров календаря. Сохранить вид: "
                    "rcro-tui events list … --save-view ИМЯ.")
@click.option("--delete", "to_delete", metavar="ИМЯ", help="Удалить вид с этим именем.")
@click.option("--format", "fmt", default="simple", show_default=True,
              type=click.Choice(TEXT_FORMATS), help="Вид текстовой таблицы.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def list_views(ctx: click.Context, to_delete: str | None, fmt: str, db_path: Path | None) -> None:
    from rcro_tui.db.connection import open_database
    from rcro_tui.db.filter_labels import summary
    from rcro_tui.db.saved_views import delete_view, list_views as saved
    from rcro_tui.db.views import TableView
    from rcro_tui.exports.text import render

    db = open_database(database_path(ctx, db_path), create=False)
    try:
        if to_delete:
            delete_view(db, to_delete, user=acting_user(ctx, db))
            click.echo(f"Вид «{to_delete.strip()}» удалён.", err=True)
        table = TableView("Сохранённые виды", ("Вид", "Фильтр", "Автор"),
                          empty="Сохранённых видов нет: rcro-tui events list … --save-view ИМЯ.")
        for view in saved(db):
            table.add(view.id, view.name, summary(db, view.filter), view.owner)
        _write(render(table, fmt).encode("utf-8"))
    finally:
        db.close()


@click.command("cancel", cls=RussianCommand, short_help="Отменить мероприятие (оно остаётся).",
               help="Отменить мероприятие по номеру или UID. Мероприятие остаётся в календаре "
                    "и в подписках со статусом «отменено», чтобы подписчики узнали об отмене.")
@click.argument("ref", metavar="UID_ИЛИ_НОМЕР")
@revision_option()
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def cancel(ctx: click.Context, ref: str, revision: int | None, db_path: Path | None) -> None:
    from rcro_tui.db.connection import open_database
    from rcro_tui.db.event_edit import cancel_event

    db = open_database(database_path(ctx, db_path), create=False)
    try:
        event = find_event(db, ref)
        if event["status"] == EventStatus.CANCELLED:
            click.echo(f"Мероприятие «{event['title']}» уже отменено "
                       f"(версия {event['revision']}).")
            return
        revision = cancel_event(db, event["id"], user=acting_user(ctx, db),
                                expected_revision=started_from(revision, event["revision"]))
        click.echo(f"Мероприятие «{event['title']}» отменено (версия {revision}).")
    finally:
        db.close()


def find_event(db, ref: str) -> dict:
    """An event by its number or its UID, or a UserError that says how to find either."""
    ref = ref.strip()
    column = "id" if ref.isdigit() else "uid"
    rows = list(db.query(f"SELECT id, title, status, revision FROM events WHERE {column} = ?",
                         [int(ref) if column == "id" else ref]))
    if not rows:
        raise UserError(f"Мероприятие «{ref}» не найдено: укажите номер или UID "
                        "(их показывает rcro-tui events list --format json).")
    return rows[0]
