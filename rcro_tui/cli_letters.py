"""`rcro-tui letter announce|results EVENT`: the .docx letters, and what they are made from.

The same calls as the «Письмо» dialog: `exports.letters.letter_docx` / `save_letter`, the
letter settings in `db.letter_settings`, the participating organisations in `db.event_orgs`.
"""

from __future__ import annotations

import shutil
from dataclasses import fields, replace
from pathlib import Path

import click

from rcro_tui.cli_common import HELP, acting_user, database_path, db_option
from rcro_tui.cli_russian import RussianGroup
from rcro_tui.errors import UserError
from rcro_tui.rules import parse_date, today_in_region


def _open(ctx: click.Context, db_path: Path | None):
    from rcro_tui.db.connection import open_database

    return open_database(database_path(ctx, db_path), create=False)


@click.group("letter", cls=RussianGroup, short_help="Письма «О проведении» и «Об итогах» (.docx).",
             help="Письма о мероприятии в формате Word (.docx) по шаблону: announce — «О "
                  "проведении …», results — «Об итогах …». Бланк, подпись и исполнители — "
                  "в настройках (letter settings).")
@click.help_option("-h", "--help", help=HELP)
def letter() -> None:
    """The group; each letter is a subcommand."""


def _letter_command(kind: str, what: str):
    @letter.command(kind, short_help=f"Письмо «{what} …» о мероприятии.",
                    help=f"Составить письмо «{what} …» о мероприятии EVENT (номер, UID или слова "
                         "из названия) и сохранить в .docx.")
    @click.argument("event", metavar="EVENT")
    @db_option()
    @click.option("-o", "--output", type=click.Path(path_type=Path), metavar="ФАЙЛ",
                  help="Куда сохранить .docx (по умолчанию — в текущую папку).")
    @click.option("--number", default="", metavar="№", help="Исходящий номер письма.")
    @click.option("--date", "day", metavar="ДД.ММ.ГГГГ", help="Дата письма (по умолчанию сегодня).")
    @click.option("--to", "addressees", default="", metavar="ТЕКСТ",
                  help="Адресаты (строки через «;»), вместо адресатов из настроек.")
    @click.option("--template", type=click.Path(path_type=Path), metavar="ФАЙЛ.docx",
                  help="Свой шаблон для этого письма.")
    @click.option("--text", "as_text", is_flag=True, help="Напечатать текст письма, не сохраняя.")
    @click.help_option("-h", "--help", help=HELP)
    @click.pass_context
    def command(ctx, event, db_path, output, number, day, addressees, template, as_text):
        from rcro_tui.db.letter_facts import find_letter_event
        from rcro_tui.exports.letters import default_name, docx_text, letter_docx, save_letter

        letter_day = parse_date(day, field="--date") if day else today_in_region()
        db = _open(ctx, db_path)
        try:
            event_id = find_letter_event(db, event)
            data = letter_docx(db, event_id, kind, day=letter_day, number=number,
                               addressees="\n".join(addressees.split(";")), template=template)
        finally:
            db.close()
        if as_text:
            click.echo(docx_text(data), nl=False)
            return
        path = save_letter(data, output or Path(default_name(event_id, kind, letter_day)))
        click.echo(f"Письмо «{what} …» сохранено: {path}")

    return command


announce = _letter_command("announce", "О проведении")
results = _letter_command("results", "Об итогах")


@letter.command("template", short_help="Сохранить шаблон письма для правки.",
                help="Сохранить стандартный шаблон письма (announce или results) в .docx, чтобы "
                     "изменить его в Word/LibreOffice и указать в letter settings "
                     "--template-announce/--template-results. Поля {{ … }} не удаляйте.")
@click.argument("kind", type=click.Choice(["announce", "results"]))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), metavar="ФАЙЛ")
@click.help_option("-h", "--help", help=HELP)
def template_command(kind: str, output: Path) -> None:
    from rcro_tui.exports.letter_templates import template_path

    if output.suffix.lower() != ".docx":
        raise UserError(f"«{output.name}» — шаблон сохраняется в файл .docx.")
    if not output.parent.is_dir():
        raise UserError(f"Папки «{output.parent}» нет: создайте её или выберите другую.")
    shutil.copyfile(template_path(kind), output)
    click.echo(f"Шаблон сохранён: {output}")


@letter.command("settings", short_help="Бланк, подпись, исполнители, шаблоны.",
                help="Показать настройки писем; с параметрами — изменить их. Многострочные "
                     "значения (бланк, исполнители, адресаты) — строки через «;».")
@db_option()
@click.option("--letterhead", help="Строки бланка через «;».")
@click.option("--sender", help="Отправитель в тексте письма.")
@click.option("--signatory-position", help="Должность подписывающего («Директор»).")
@click.option("--signatory-name", help="Подписывающий («Н.П. Лыжина»).")
@click.option("--executors", help="Исполнители и телефон, через «;».")
@click.option("--addressees", help="Адресаты по умолчанию, через «;».")
@click.option("--number", help="Исходящий номер по умолчанию (обычно пусто).")
@click.option("--template-announce", help="Свой шаблон «О проведении» (.docx; пусто — стандартный).")
@click.option("--template-results", help="Свой шаблон «Об итогах» (.docx; пусто — стандартный).")
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def settings_command(ctx: click.Context, db_path: Path | None, **given: str | None) -> None:
    from rcro_tui.db.letter_settings import (LABELS, MULTILINE, letter_settings,
                                             save_letter_settings)

    db = _open(ctx, db_path)
    try:
        current = letter_settings(db)
        changes = {name: "\n".join(v.split(";")) if name in MULTILINE else v
                   for name, v in given.items() if v is not None}
        if changes:
            save_letter_settings(db, replace(current, **changes), user=acting_user(ctx, db),
                                 seen=current)
            current = letter_settings(db)
    finally:
        db.close()
    for f in fields(current):
        value = getattr(current, f.name) or "—"
        click.echo(f"{LABELS[f.name]}: {value.replace(chr(10), '; ')}")


@letter.command("participants", short_help="Организации — участники мероприятия.",
                help="Показать организации, принявшие участие в мероприятии EVENT (их "
                     "перечисляет письмо «Об итогах»); с номерами организаций ORG — задать "
                     "список в этом порядке; --clear — очистить.")
@click.argument("event", metavar="EVENT")
@click.argument("orgs", nargs=-1, type=int, metavar="[ORG]...")
@db_option()
@click.option("--clear", is_flag=True, help="Очистить список.")
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def participants_command(ctx: click.Context, event: str, orgs: tuple[int, ...],
                         db_path: Path | None, clear: bool) -> None:
    from rcro_tui.db.event_orgs import participants, set_participants
    from rcro_tui.db.letter_facts import find_letter_event
    from rcro_tui.org_grouping import grouped_text

    db = _open(ctx, db_path)
    try:
        event_id = find_letter_event(db, event)
        if orgs or clear:
            set_participants(db, event_id, list(orgs), user=acting_user(ctx, db))
        listed = participants(db, event_id)
    finally:
        db.close()
    if not listed:
        click.echo("Организации-участники не указаны.")
        return
    click.echo(f"Участники ({len(listed)}): {grouped_text(listed)}")
