"""`rcro-tui audit` (the change log, filtered), `audit purge` / `audit retention`, and
`rcro-tui backup DEST` / `rcro-tui restore SRC`: the same calls as the «Журнал» section."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import click

from rcro_tui.cli_common import HELP, acting_user, database_path, db_option
from rcro_tui.cli_russian import RussianGroup
from rcro_tui.errors import InputError, UserError
from rcro_tui.rules import parse_date

CSV_COLUMNS = ("id", "время", "пользователь", "объект", "действие", "изменения")


def _open(ctx: click.Context, db_path: Path | None):
    from rcro_tui.db.connection import open_database

    return open_database(database_path(ctx, db_path), create=False)


@click.group("audit", cls=RussianGroup, invoke_without_command=True,
             short_help="Журнал изменений: кто, когда, что изменил.",
             help="Журнал изменений, новые сверху: время (томское), пользователь, объект, "
                  "действие и что изменилось. Фильтры можно сочетать. Те же данные, что в "
                  "разделе «Журнал» (клавиша 7).")
@db_option()
@click.option("--user", "login", metavar="ЛОГИН", help="Только изменения этого пользователя.")
@click.option("--object", "kind", metavar="ВИД",
              help="Только объекты этого вида: events, orgs, members, rounds, programs, "
                   "districts, stages, entries, holidays, users, settings…")
@click.option("--id", "row_id", metavar="N", help="Только этот объект (с --object): его история.")
@click.option("--since", metavar="ДД.ММ.ГГГГ", help="С этого дня (включительно).")
@click.option("--until", metavar="ДД.ММ.ГГГГ", help="По этот день (включительно).")
@click.option("--action", type=click.Choice(["insert", "update", "delete"]),
              help="Только создания, изменения или удаления.")
@click.option("--text", metavar="ТЕКСТ", help="Только записи, где встречается этот текст.")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True, metavar="N",
              help="Сколько записей напечатать.")
@click.option("--format", "fmt", type=click.Choice(["plain", "csv"]), default="plain",
              show_default=True, help="plain — строки с изменениями, csv — таблица.")
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def audit(ctx: click.Context, db_path: Path | None, login: str | None, kind: str | None,
          row_id: str | None, since: str | None, until: str | None, action: str | None,
          text: str | None, limit: int, fmt: str) -> None:
    if ctx.invoked_subcommand is not None:
        ctx.obj = {**(ctx.obj or {}), "audit_db": db_path}
        return
    from rcro_tui.db.audit import AuditFilter, read_all
    from rcro_tui.db.audit_kinds import parse_kind

    if row_id and not kind:
        raise InputError("--id без --object: укажите вид объекта, например --object events --id 12.")
    flt = AuditFilter(user=login or "", table=parse_kind(kind) if kind else "",
                      row_id=row_id or "", action=action or "", text=text or "",
                      since=parse_date(since, field="--since") if since else None,
                      until=parse_date(until, field="--until") if until else None)
    db = _open(ctx, db_path)
    try:
        entries = list(read_all(db, flt, limit=limit))
        (_print_csv if fmt == "csv" else _print_plain)(db, entries)
    finally:
        db.close()


def _print_plain(db, entries) -> None:
    from rcro_tui.db.audit_diff import entry_diff, object_label, summary

    if not entries:
        click.echo("В журнале нет таких записей.")
        return
    for entry in entries:
        click.echo(f"{entry.when}  {entry.user}  {object_label(entry)}: {summary(entry)}")
        if entry.action == "update" or entry.table in ("changes", "database"):
            for change in entry_diff(db, entry):
                click.echo(f"    {change.text()}")


def _print_csv(db, entries) -> None:
    from rcro_tui.db.audit_diff import entry_diff, object_label, summary

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        writer.writerow([entry.id, entry.when, entry.user, object_label(entry), summary(entry),
                         "; ".join(change.text() for change in entry_diff(db, entry))])
    click.echo(buffer.getvalue(), nl=False)


@audit.command("purge", short_help="Удалить записи старше срока хранения (администратор).",
               help="Удалить из журнала записи старше срока хранения (rcro-tui audit "
                    "retention). Только администратор; сама очистка остаётся в журнале.")
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def purge(ctx: click.Context) -> None:
    from rcro_tui.db.audit_purge import purge_audit

    db = _open(ctx, ctx.obj.get("audit_db"))
    try:
        click.echo(purge_audit(db, acting_user(ctx)).text())
    finally:
        db.close()


@audit.command("retention", short_help="Срок хранения журнала в месяцах (0 — всегда).",
               help="Показать или задать (администратор) срок хранения журнала в месяцах; "
                    "0 — хранить всегда. Удаляет старые записи команда rcro-tui audit purge.")
@click.argument("months", type=click.IntRange(min=0, max=1200), required=False,
                metavar="[МЕСЯЦЕВ]")
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def retention(ctx: click.Context, months: int | None) -> None:
    from rcro_tui.db.audit_purge import retention_months, set_retention
    from rcro_tui.i18n import count

    db = _open(ctx, ctx.obj.get("audit_db"))
    try:
        if months is not None:
            set_retention(db, months, user=acting_user(ctx))
        kept = retention_months(db)
        click.echo("Журнал хранится всегда." if not kept else
                   f"Журнал хранится {count(kept, 'месяц', 'месяца', 'месяцев')}.")
    finally:
        db.close()


@click.command("backup", short_help="Резервная копия базы (можно во время работы).",
               help="Сделать резервную копию базы: онлайн-копия SQLite (другие продолжают "
                    "работать), проверка целостности, атомарная запись. НАЗНАЧЕНИЕ — файл или "
                    "папка (тогда имя rcro-ГГГГ-ММ-ДД-ЧЧММ.sqlite).")
@click.argument("dest", metavar="НАЗНАЧЕНИЕ", type=click.Path(path_type=Path))
@db_option()
@click.option("--keep", type=click.IntRange(min=1), metavar="N",
              help="В папке оставить только N самых новых копий.")
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def backup_command(ctx: click.Context, dest: Path, db_path: Path | None, keep: int | None) -> None:
    from rcro_tui.db.backups import backup

    source = database_path(ctx, db_path)
    if not source.exists():
        raise UserError(f"Файл базы «{source}» не найден: проверьте путь (--db или RCRO_DB).")
    click.echo(f"Копия сохранена и проверена: {backup(source, dest, keep=keep)}")


@click.command("restore", short_help="Восстановить базу из резервной копии.",
               help="Заменить содержимое базы резервной копией. Текущая база сохраняется "
                    "рядом (<база>.before-restore-<время>.bak). Спрашивает подтверждение: "
                    "нужно ввести «да» (или --yes).")
@click.argument("src", metavar="КОПИЯ", type=click.Path(path_type=Path))
@db_option()
@click.option("--yes", is_flag=True, help="Не спрашивать подтверждения.")
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def restore_command(ctx: click.Context, src: Path, db_path: Path | None, yes: bool) -> None:
    from rcro_tui.db.backups import check_backup_file, restore

    target = database_path(ctx, db_path)
    check_backup_file(src.expanduser())
    if not yes:
        answer = click.prompt(f"Заменить базу «{target}» копией «{src}»? Все изменения после "
                              "копии пропадут (текущая база будет сохранена рядом). "
                              "Введите «да»", default="", show_default=False)
        if answer.strip().lower() != "да":
            raise UserError("Восстановление отменено: база не изменена.")
    kept = restore(src, target, user=acting_user(ctx))
    click.echo(f"База восстановлена из «{src}». Прежняя база сохранена: {kept}")
