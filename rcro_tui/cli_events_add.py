"""`rcro-tui events add`: one event from the command line, checked exactly as the editor checks it.

The options fill an `EventForm` and go through `parse_form`, so a script gets the editor's
Russian messages, each under the option it is about, and nothing is written unless all is well.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from rcro_tui.cli_common import HELP, acting_user, database_path, db_option
from rcro_tui.cli_russian import RussianCommand
from rcro_tui.errors import InputError
from rcro_tui.i18n import count
from rcro_tui.model import EventFormat, EventKind, EventStatus, Visibility

OPTION_OF = {
    "title": "--title", "kind": "--kind", "start_date": "--start", "start_time": "--start",
    "end_date": "--end", "end_time": "--end", "all_day": "--all-day",
    "reg_start_date": "--reg-start", "reg_start_time": "--reg-start",
    "reg_end_date": "--reg-end", "reg_end_time": "--reg-end", "format": "--format",
    "venue": "--venue", "online_url": "--url", "grades": "--grades", "subjects": "--subjects",
    "status": "--status", "visibility": "--visibility", "description": "--description",
}
"""Which option each form field comes from, so every message names what to fix."""


def _labels(enum) -> str:
    return ", ".join(member.label for member in enum)


def split_moment(text: str | None) -> tuple[str, str]:
    """«19.04.2022 14:00» (or «2022-04-19T14:00») as the date text and the time text."""
    if not text:
        return "", ""
    parts = [part for part in re.split(r"[\sT]+", text.strip(), maxsplit=1) if part]
    return (parts[0], parts[1]) if len(parts) == 2 else (parts[0] if parts else "", "")


@click.command("add", cls=RussianCommand, short_help="Добавить мероприятие.",
               help="Добавить мероприятие в календарь. Проверки те же, что в редакторе: "
                    "при ошибке ничего не записывается, а каждая ошибка названа у своего "
                    "параметра. Без времени в --start (или с --all-day) — на весь день.")
@click.option("--title", required=True, metavar="НАЗВАНИЕ", help="Название, как в письме.")
@click.option("--kind", default=EventKind.OTHER.label, show_default=True, metavar="ВИД",
              help=f"Вид: {_labels(EventKind)}.")
@click.option("--start", required=True, metavar="«ДД.ММ.ГГГГ [ЧЧ:ММ]»", help="Начало.")
@click.option("--end", metavar="«ДД.ММ.ГГГГ [ЧЧ:ММ]»",
              help="Окончание (по умолчанию в день начала).")
@click.option("--all-day", is_flag=True, help="На весь день (время не указывается).")
@click.option("--format", "event_format", default=EventFormat.IN_PERSON.label,
              show_default=True, metavar="ФОРМАТ", help=f"Формат: {_labels(EventFormat)}.")
@click.option("--venue", default="", metavar="МЕСТО", help="Место проведения (для очного).")
@click.option("--url", default="", metavar="ССЫЛКА", help="Ссылка на подключение (для дистанционного).")
@click.option("--host", metavar="ОРГАНИЗАЦИЯ", help="Организатор: название, ИНН или номер.")
@click.option("--program", metavar="ПРОГРАММА", help="Сетевая программа: название или номер.")
@click.option("--grades", default="", metavar="7–8", help="Классы: 7–8 или 8.")
@click.option("--subjects", default="", metavar="ПРЕДМЕТЫ", help="Предметы.")
@click.option("--status", default=EventStatus.PLANNED.label, show_default=True,
              metavar="СТАТУС", help=f"Статус: {_labels(EventStatus)}.")
@click.option("--visibility", default=Visibility.PUBLIC.label, show_default=True,
              metavar="ДОСТУП", help=f"Доступ: {_labels(Visibility)}.")
@click.option("--description", default="", metavar="ТЕКСТ", help="Описание.")
@click.option("--reg-start", metavar="«ДД.ММ.ГГГГ [ЧЧ:ММ]»", help="Начало приёма заявок.")
@click.option("--reg-end", metavar="«ДД.ММ.ГГГГ [ЧЧ:ММ]»", help="Окончание приёма заявок.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def add(ctx: click.Context, title: str, kind: str, start: str, end: str | None, all_day: bool,
        event_format: str, venue: str, url: str, host: str | None, program: str | None,
        grades: str, subjects: str, status: str, visibility: str, description: str,
        reg_start: str | None, reg_end: str | None, db_path: Path | None) -> None:
    from rcro_tui.db.connection import open_database
    from rcro_tui.db.events import add_event
    from rcro_tui.db.filter_names import resolve_id
    from rcro_tui.db.store import get_row
    from rcro_tui.event_form import EventForm, FormErrors, parse_form

    start_date, start_time = split_moment(start)
    end_date, end_time = split_moment(end) if end else (start_date, "")
    all_day = all_day or not (start_time or end_time)
    form = EventForm(
        title=title, kind=kind, start_date=start_date, start_time=start_time,
        end_date=end_date, end_time=end_time, all_day=all_day,
        reg_start_date=split_moment(reg_start)[0], reg_start_time=split_moment(reg_start)[1],
        reg_end_date=split_moment(reg_end)[0], reg_end_time=split_moment(reg_end)[1],
        format=event_format, venue=venue, online_url=url, grades=grades, subjects=subjects,
        status=status, visibility=visibility, description=description)
    db = open_database(database_path(ctx, db_path), create=False)
    try:
        form.host_org_id = find_host(db, host) if host else None
        form.program_id = resolve_id(db, "programs", program, option="--program") if program \
            else None
        try:
            draft = parse_form(form)
        except FormErrors as errors:
            raise InputError(problems_text(errors.problems)) from None
        event_id = add_event(db, draft, user=acting_user(ctx, db))
        click.echo(f"Добавлено: «{draft.title}» (UID {get_row(db, 'events', event_id)['uid']})")
    finally:
        db.close()


def problems_text(problems: dict[str, str]) -> str:
    """«мероприятие не добавлено, 2 ошибки:» and one «  --end: …» line per problem."""
    lines = [f"  {OPTION_OF.get(name, 'мероприятие')}: "
             + text.replace("отметьте «Весь день»", "укажите --all-day")
             for name, text in problems.items()]
    head = count(len(lines), "ошибка", "ошибки", "ошибок")
    return f"мероприятие не добавлено, {head}:\n" + "\n".join(lines)


def find_host(db, text: str) -> int:
    """An organisation by its INN (10 or 12 digits), its number, or its name."""
    from rcro_tui.db.filter_names import resolve_id

    digits = re.sub(r"\s", "", text)
    if digits.isdigit() and len(digits) in (10, 12):
        row = db.execute("SELECT id FROM organizations WHERE inn = ?", [digits]).fetchone()
        if row is None:
            raise InputError(f"--host {digits}: организации с таким ИНН нет; укажите название "
                             "или номер (список: rcro-tui show organizations).")
        return row[0]
    return resolve_id(db, "organizations", text, option="--host")
