"""`rcro-tui members …`: applications and statuses in the networks, for scripts.

The same calls as the «Сеть» section's «Участие и заявки» tab (`db.memberships`,
`db.membership_list`), so a decision typed here is checked by the same rules and shows the
same way on screen.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rcro_tui.cli_common import HELP, acting_user, database_path, db_option
from rcro_tui.cli_events_list import FORMATS
from rcro_tui.cli_revision import revision_option
from rcro_tui.cli_russian import RussianGroup
from rcro_tui.errors import InputError
from rcro_tui.i18n import date_short
from rcro_tui.membership_rules import StepDraft, parse_role, parse_status_filter
from rcro_tui.model import MembershipStatus as S
from rcro_tui.rules import parse_date, today_in_region


@click.group("members", cls=RussianGroup, short_help="Участие в сетях: заявки и решения.",
             help="Участие организаций в программах: заявки на статус (опорная, базовая, "
                  "участник, партнёр…), решения с документом, история. Те же действия, что "
                  "вкладка «Участие и заявки» раздела «Сеть».")
@click.help_option("-h", "--help", help=HELP)
def members() -> None:
    """The group; its subcommands follow."""


def _open(ctx: click.Context, db_path: Path | None):
    from rcro_tui.db.connection import open_database

    return open_database(database_path(ctx, db_path), create=False)


def _write(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _number(text: str) -> int:
    if not text.strip().isdigit():
        raise InputError(f"«{text}» — не номер заявки: номера показывает rcro-tui members list.")
    return int(text)


def _day(text: str | None, option: str):
    return parse_date(text, field=option) if text else today_in_region()


def _many(name: str, metavar: str, text: str):
    return click.option(name, multiple=True, metavar=metavar, help=text + " Можно несколько раз.")


@members.command("list", short_help="Заявки и участники с фильтрами (таблица, JSON, CSV).",
                 help="Участие организаций в программах с фильтрами. Статус читается на "
                      "сегодня (или --on): одобренный статус с истёкшим сроком — «истекла», "
                      "срок которого кончается в ближайшие 60 дней — «истекает».")
@_many("--program", "ПРОГРАММА", "Программа: название, краткое название или номер.")
@_many("--role", "РОЛЬ", "Роль: опорная, базовая, апробационная, участник, партнёр.")
@_many("--district", "РАЙОН", "Муниципальное образование.")
@_many("--status", "СТАТУС", "Статус: подана, на рассмотрении, одобрена, отклонена, "
                             "отозвана, истекла, истекает.")
@_many("--org", "ОРГАНИЗАЦИЯ", "Организация: название или номер.")
@click.option("--round", "round_id", type=int, metavar="НОМЕР",
              help="Только заявки конкурсного отбора №НОМЕР (rcro-tui members rounds list).")
@click.option("--on", "on_day", metavar="ДД.ММ.ГГГГ", help="На какой день читать статусы.")
@click.option("--format", "fmt", default="simple", show_default=True, type=click.Choice(FORMATS),
              help="Вид вывода: текстовая таблица, json или csv (для Excel: UTF-8 с BOM, «;»).")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def list_members(ctx: click.Context, program, role, district, status, org, round_id, on_day,
                 fmt, db_path: Path | None) -> None:
    from rcro_tui.db.filter_names import resolve_ids
    from rcro_tui.db.membership_list import (RECORD_KEYS, MemberFilter, member_records,
                                             members_view)
    from rcro_tui.exports.records import records_csv, records_json
    from rcro_tui.exports.text import render

    today = _day(on_day, "--on")
    db = _open(ctx, db_path)
    try:
        given = MemberFilter(
            program_ids=resolve_ids(db, "programs", program, option="--program"),
            roles=tuple(dict.fromkeys(parse_role(r, option="--role").value for r in role)),
            district_ids=resolve_ids(db, "districts", district, option="--district"),
            statuses=tuple(dict.fromkeys(parse_status_filter(s) for s in status)),
            organization_ids=resolve_ids(db, "organizations", org, option="--org"),
            round_id=round_id)
        if fmt in ("json", "csv"):
            records = member_records(db, given, today)
            _write(records_json(records) if fmt == "json" else records_csv(records, RECORD_KEYS))
            return
        _write(render(members_view(db, given, today), fmt).encode("utf-8"))
    finally:
        db.close()


@members.command("apply", short_help="Подать заявку организации на статус в программе.",
                 help="Заявка ОРГАНИЗАЦИИ на роль в ПРОГРАММЕ (заявка подана). Отклонённая, "
                      "отозванная или истёкшая заявка подаётся заново в той же записи: история "
                      "сохраняется.")
@click.argument("org", metavar="ОРГАНИЗАЦИЯ")
@click.argument("program", metavar="ПРОГРАММА")
@click.option("--role", required=True, metavar="РОЛЬ",
              help="Роль: опорная, базовая, апробационная, участник, партнёр, координатор.")
@click.option("--date", "on_day", metavar="ДД.ММ.ГГГГ", help="Дата заявки (по умолчанию сегодня).")
@click.option("--district", metavar="РАЙОН",
              help="За какой район (по умолчанию район организации).")
@click.option("--round", "round_id", type=int, metavar="НОМЕР", help="Конкурсный отбор.")
@click.option("--note", default="", metavar="ТЕКСТ", help="Примечание.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def apply_command(ctx: click.Context, org: str, program: str, role: str, on_day: str | None,
                  district: str | None, round_id: int | None, note: str,
                  db_path: Path | None) -> None:
    from rcro_tui.db.filter_names import resolve_id
    from rcro_tui.db.memberships import apply, get_membership

    db = _open(ctx, db_path)
    try:
        membership_id = apply(
            db, resolve_id(db, "organizations", org, option="ОРГАНИЗАЦИЯ"),
            resolve_id(db, "programs", program, option="ПРОГРАММА"),
            parse_role(role, option="--role"), on_date=_day(on_day, "--date"),
            district_id=resolve_id(db, "districts", district, option="--district")
            if district else None, round_id=round_id, note=note, user=acting_user(ctx, db))
        membership = get_membership(db, membership_id)
    finally:
        db.close()
    click.echo(f"Заявка №{membership.id}: {membership.title()} — "
               f"{membership.status.label} {date_short(membership.applied_on)}.")


DECISIONS = {"review": S.REVIEW, "approve": S.APPROVED, "reject": S.REJECTED,
             "withdraw": S.WITHDRAWN, "expire": S.EXPIRED}


@members.command("decide", short_help="Шаг заявки: рассмотрение, одобрение, отказ, отзыв.",
                 help="Следующий шаг заявки №НОМЕР: на рассмотрение, одобрить (с документом и "
                      "сроком), отклонить (с документом), отозвать, отметить истечение. "
                      "Одобрение уже одобренного статуса с новым --until — продление.")
@click.argument("ref", metavar="НОМЕР")
@click.option("--review", "decision", flag_value="review", help="Передать на рассмотрение.")
@click.option("--approve", "decision", flag_value="approve", help="Одобрить.")
@click.option("--reject", "decision", flag_value="reject", help="Отклонить.")
@click.option("--withdraw", "decision", flag_value="withdraw", help="Отозвать.")
@click.option("--expire", "decision", flag_value="expire", help="Отметить, что срок истёк.")
@click.option("--document", default="", metavar="ДОКУМЕНТ",
              help="Документ решения, например «приказ № 521 от 02.06.2022».")
@click.option("--date", "on_day", metavar="ДД.ММ.ГГГГ", help="Дата шага (по умолчанию сегодня).")
@click.option("--until", metavar="ДД.ММ.ГГГГ", help="При одобрении: статус действует до.")
@click.option("--note", default="", metavar="ТЕКСТ", help="Примечание (причина отказа…).")
@revision_option()
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def decide(ctx: click.Context, ref: str, decision: str | None, document: str,
           on_day: str | None, until: str | None, note: str, revision: int | None,
           db_path: Path | None) -> None:
    from rcro_tui.db.memberships import move

    if decision is None:
        raise InputError("Укажите решение: --review, --approve, --reject, --withdraw или "
                         "--expire.")
    step = StepDraft(DECISIONS[decision], _day(on_day, "--date"), document, note,
                     parse_date(until, field="--until") if until else None)
    db = _open(ctx, db_path)
    try:
        membership = move(db, _number(ref), step, user=acting_user(ctx, db),
                          expected_revision=revision)
    finally:
        db.close()
    term = f", действует до {date_short(membership.valid_until)}" if (
        membership.status == S.APPROVED and membership.valid_until) else ""
    click.echo(f"Заявка №{membership.id}: {membership.title()} — {membership.status.label} "
               f"{date_short(step.on_date)}{term}.")


@members.command("history", short_help="История заявки по шагам.",
                 help="Все шаги заявки №НОМЕР: дата, статус, документ, примечание, кто внёс.")
@click.argument("ref", metavar="НОМЕР")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def history_command(ctx: click.Context, ref: str, db_path: Path | None) -> None:
    from rcro_tui.db.membership_list import history_view
    from rcro_tui.db.memberships import get_membership
    from rcro_tui.exports.text import render

    db = _open(ctx, db_path)
    try:
        membership = get_membership(db, _number(ref))
        view = history_view(db, membership.id)
    finally:
        db.close()
    click.echo(f"№{membership.id}: {membership.title()}")
    _write(render(view).encode("utf-8"))
