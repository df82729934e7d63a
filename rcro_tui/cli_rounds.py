"""`rcro-tui members rounds list|add|decide`: selection rounds (конкурсный отбор) for scripts.

The same calls as the «Отборы» tab of «Сеть» (`db.round_list`, `db.rounds.decide_round`):
a round typed here is checked by the same rules and decided all or nothing.
"""

from __future__ import annotations

from pathlib import Path

import click

from rcro_tui.cli_common import HELP, acting_user, database_path, db_option
from rcro_tui.cli_russian import RussianGroup
from rcro_tui.errors import InputError
from rcro_tui.i18n import count, date_short
from rcro_tui.rules import parse_date, today_in_region

TEXT_FORMATS = ["simple", "plain", "grid", "markdown", "tsv"]


@click.group("rounds", cls=RussianGroup, short_help="Конкурсные отборы: объявить, решить.",
             help="Конкурсные отборы (на статус базовой организации, опорной школы…): "
                  "список, объявление, решение одним документом — одобренные заявки "
                  "получают статус, остальные заявки отбора отклоняются.")
@click.help_option("-h", "--help", help=HELP)
def rounds() -> None:
    """The group; its subcommands follow."""


def _open(ctx: click.Context, db_path: Path | None):
    from rcro_tui.db.connection import open_database

    return open_database(database_path(ctx, db_path), create=False)


def _numbers(text: str) -> list[int]:
    """«12,15, 17» → [12, 15, 17]; anything else is a Russian refusal."""
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    bad = [p for p in parts if not p.isdigit()]
    if bad:
        raise InputError(f"--approve: «{bad[0]}» — не номер заявки; номера заявок отбора "
                         "показывает rcro-tui members list --round НОМЕР… или экран отбора.")
    return [int(p) for p in parts]


@rounds.command("list", short_help="Отборы: программа, роль, сроки, заявки, статус.",
                help="Конкурсные отборы: программа, роль, начало приёма и срок подачи, число "
                     "заявок и статус (приём заявок, идёт рассмотрение, решение принято).")
@click.option("--on", "on_day", metavar="ДД.ММ.ГГГГ", help="На какой день читать статус.")
@click.option("--format", "fmt", default="simple", show_default=True,
              type=click.Choice(TEXT_FORMATS), help="Вид текстовой таблицы.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def list_rounds_command(ctx: click.Context, on_day: str | None, fmt: str,
                        db_path: Path | None) -> None:
    from rcro_tui.db.round_list import rounds_view
    from rcro_tui.exports.text import render

    today = parse_date(on_day, field="--on") if on_day else today_in_region()
    db = _open(ctx, db_path)
    try:
        click.echo(render(rounds_view(db, today), fmt), nl=False)
    finally:
        db.close()


@rounds.command("add", short_help="Объявить конкурсный отбор.",
                help="Объявить отбор на РОЛЬ в ПРОГРАММЕ: заявки принимаются с --opens по "
                     "--deadline включительно.")
@click.option("--program", required=True, metavar="ПРОГРАММА",
              help="Программа: название, краткое название или номер.")
@click.option("--role", required=True, metavar="РОЛЬ",
              help="Роль: опорная, базовая, апробационная, участник, партнёр.")
@click.option("--opens", required=True, metavar="ДД.ММ.ГГГГ", help="Начало приёма заявок.")
@click.option("--deadline", required=True, metavar="ДД.ММ.ГГГГ",
              help="Последний день приёма заявок.")
@click.option("--name", default="", metavar="ТЕКСТ",
              help="Название (по умолчанию «Конкурсный отбор на статус «…»»).")
@click.option("--note", default="", metavar="ТЕКСТ", help="Примечание.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def add_round_command(ctx: click.Context, program: str, role: str, opens: str, deadline: str,
                      name: str, note: str, db_path: Path | None) -> None:
    from rcro_tui.db.filter_names import resolve_id
    from rcro_tui.db.round_list import read_round, save_round
    from rcro_tui.membership_rules import parse_role

    db = _open(ctx, db_path)
    try:
        draft = read_round({
            "program": resolve_id(db, "programs", program, option="--program"),
            "role": parse_role(role, option="--role").value, "name": name,
            "opens": opens, "deadline": deadline, "note": note})
        round_id = save_round(db, draft, user=acting_user(ctx, db))
    finally:
        db.close()
    click.echo(f"Отбор №{round_id} «{draft.name}»: приём заявок с "
               f"{date_short(draft.opened_on)} по {date_short(draft.deadline)}.")


@rounds.command("decide", short_help="Решение по отбору одним документом.",
                help="Решение по отбору №ОТБОР: заявки --approve одобрены, все остальные "
                     "ждущие решения заявки отбора отклонены тем же документом. Всё или "
                     "ничего: если хоть одну заявку нельзя провести, ничего не записано.")
@click.argument("ref", metavar="ОТБОР")
@click.option("--approve", default="", metavar="НОМЕР[,НОМЕР…]",
              help="Номера одобряемых заявок через запятую (без него отклоняются все).")
@click.option("--document", required=True, metavar="ДОКУМЕНТ",
              help="Документ решения, например «приказ № 521 от 02.06.2022».")
@click.option("--date", "on_day", metavar="ДД.ММ.ГГГГ",
              help="Дата решения (по умолчанию сегодня; после срока подачи).")
@click.option("--until", metavar="ДД.ММ.ГГГГ", help="Одобренный статус действует до.")
@click.option("--note", default="", metavar="ТЕКСТ", help="Примечание.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def decide_round_command(ctx: click.Context, ref: str, approve: str, document: str,
                         on_day: str | None, until: str | None, note: str,
                         db_path: Path | None) -> None:
    from rcro_tui.db.rounds import decide_round, get_round

    if not ref.strip().isdigit():
        raise InputError(f"«{ref}» — не номер отбора: номера показывает "
                         "rcro-tui members rounds list.")
    day = parse_date(on_day, field="--date") if on_day else today_in_region()
    term = parse_date(until, field="--until") if until else None
    db = _open(ctx, db_path)
    try:
        outcome = decide_round(db, int(ref), _numbers(approve), on_date=day,
                               document=document, valid_until=term, note=note,
                               user=acting_user(ctx, db))
        selection = get_round(db, int(ref))
    finally:
        db.close()
    click.echo(f"Отбор №{selection.id} «{selection.name}»: решение от {date_short(day)} "
               f"({selection.decision_doc}). Одобрено: "
               f"{count(len(outcome.approved), 'заявка', 'заявки', 'заявок')}"
               f"{_listed(outcome.approved)}; отклонено: "
               f"{count(len(outcome.rejected), 'заявка', 'заявки', 'заявок')}"
               f"{_listed(outcome.rejected)}.")


def _listed(numbers: tuple[int, ...]) -> str:
    return f" ({', '.join(f'№{n}' for n in numbers)})" if numbers else ""
