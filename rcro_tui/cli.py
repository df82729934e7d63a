"""The `rcro-tui` command: opens the app, or runs one headless command (the same core calls)."""

from __future__ import annotations

import os
import sqlite3
import sys
from datetime import date
from pathlib import Path

import click

from rcro_tui import __version__
from rcro_tui.cli_common import HELP, database_path, db_option
from rcro_tui.cli_russian import RussianGroup, usage_error_text
from rcro_tui.config import current_user, resolve_db_path, resolve_demo_path
from rcro_tui.errors import UserError
from rcro_tui.i18n import count
from rcro_tui.rules import AcademicYear, parse_date, today_in_region



@click.group(cls=RussianGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]},
             help="Календарь образовательных событий, сети школ и отборочные этапы "
                  "регионального центра развития образования. Без команды открывает "
                  "приложение в терминале.")
@db_option()
@click.option("--user", metavar="ЛОГИН",
              help="От чьего имени работать (для SSH с принудительной командой); "
                   "иначе пользователь ОС.")
@click.version_option(__version__, "-V", "--version", prog_name="rcro-tui",
                      message="%(prog)s %(version)s", help="Показать версию и выйти.")
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None, user: str | None) -> None:
    ctx.obj = {"db": db_path, "user": user}
    if ctx.invoked_subcommand is None:
        open_app(resolve_db_path(db_path), current_user(user))


def open_app(path: Path, user: str, *, create: bool = True) -> None:
    """Check and upgrade the database in the terminal, then hand the screen to Textual."""
    from rcro_tui.db.connection import open_database

    from rcro_tui.db.access import require_identity

    db = open_database(path, create=create)  # errors surface here, in Russian, before the UI
    try:
        require_identity(db, user)
    finally:
        db.close()
    require_terminal()
    from rcro_tui.app import RcroApp

    RcroApp(db_path=path, user=user).run()


def require_terminal() -> None:
    """No terminal (`ssh -T`, a pipe) and no web driver (rcro-tui web sets one): refuse, since
    the app would draw into nowhere and outlive the connection that started it."""
    if not sys.stdin.isatty() and "TEXTUAL_DRIVER" not in os.environ:
        raise UserError("Приложению нужен терминал: подключайтесь с ssh -t (в PuTTY — без "
                        "«Don't allocate a pseudo-terminal»), а для таблиц без терминала "
                        "есть команды rcro-tui show и rcro-tui table.")


@cli.command(short_help="Создать демо-базу Томской области.",
             help="Создать демонстрационную базу Томской области: 20 муниципалитетов, "
                  "организации, программы, мероприятия и этапы из писем РЦРО и учебный год.")
@db_option("Куда записать демо-базу (по умолчанию demo.sqlite в папке данных).")
@click.option("--force", is_flag=True, help="Заменить существующий файл без вопроса.")
@click.option("--open", "open_after", is_flag=True,
              help="Открыть приложение; готовую демо-базу открыть, не пересоздавая.")
@click.option("--year", metavar="ГГГГ/ГГГГ", help="Учебный год для мероприятий (по умолчанию текущий).")
@click.option("--scale", metavar="region|country",
              help="Дополнить до размеров области (400 организаций, сотни мероприятий) или "
                   "страны (40 000 организаций, 100 000 мероприятий, миллион участников "
                   "этапов) — для замеров скорости.")
@click.option("--seed", type=int, default=7, show_default=True, metavar="ЧИСЛО",
              help="Начальное число генератора для --scale: то же число — те же данные.")
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def demo(ctx: click.Context, db_path: Path | None, force: bool, open_after: bool,
         year: str | None, scale: str | None, seed: int) -> None:
    from rcro_tui.db.demo_file import create_demo_file
    from rcro_tui.db.demo_scale import scale_named

    path = resolve_demo_path(db_path or ctx.obj["db"])
    academic_year = AcademicYear.parse(year) if year else None
    size = scale_named(scale) if scale else None
    if path.exists() and open_after and not force:
        click.echo(f"Демо-база уже есть: {path} — открываю её (пересоздать: --force).", err=True)
    else:
        replace = force or (path.exists() and _confirm_replace(path))
        summary = create_demo_file(path, replace=replace, academic_year=academic_year,
                                   admin=demo_admin(current_user(ctx.obj["user"])),
                                   scale=size, seed=seed)
        if size is not None:
            click.echo(f"Демо-база создана: {path}\n  {summary} ({summary.seconds:.0f} с).")
        else:
            click.echo(f"Демо-база создана: {path}\n  {demo_counts(summary)}.")
    if open_after:
        open_app(path, demo_identity(path, ctx.obj["user"]), create=False)


def demo_counts(summary) -> str:
    """«20 муниципалитетов, 100 организаций, …» of the Tomsk demo."""
    return (f"{count(summary.districts, 'муниципалитет', 'муниципалитета', 'муниципалитетов')}, "
            f"{count(summary.organizations, 'организация', 'организации', 'организаций')}, "
            f"{count(summary.programs, 'программа', 'программы', 'программ')}, "
            f"{count(summary.events, 'мероприятие', 'мероприятия', 'мероприятий')}, "
            f"{count(summary.stages, 'этап', 'этапа', 'этапов')}, "
            f"{count(summary.entries, 'участник', 'участника', 'участников')}")


def demo_identity(path: Path, asked: str | None) -> str:
    """Who opens the demo: `--user` if given; else the OS user when the demo knows them; else
    the demo's administrator (a demo built by an older version, or under a login the users
    table cannot hold, would otherwise refuse the very person who asked to open it)."""
    from rcro_tui.db.access import user_access
    from rcro_tui.db.connection import open_database

    login = current_user(asked)
    if asked:
        return login
    db = open_database(path, create=False)
    try:
        if not user_access(db, login).refusal:
            return login
        row = db.execute("SELECT login FROM users WHERE role = 'admin' AND active = 1 "
                         "ORDER BY login LIMIT 1").fetchone()
    finally:
        db.close()
    if row is None:
        return login
    click.echo(f"Демо-база: вы работаете в ней как её администратор «{row[0]}».", err=True)
    return row[0]


def demo_admin(login: str) -> str:
    """The demo's administrator is whoever builds it (so it opens for them as it did before
    it had users); a login the users table cannot hold (a Windows «Ivan») gets «demo»."""
    from rcro_tui.db.users import LOGIN

    return login if LOGIN.fullmatch(login) else "demo"


def _confirm_replace(path: Path) -> bool:
    """Ask at a terminal; without one (cron, CI, a pipe) the answer is no."""
    if not sys.stdin.isatty():
        return False
    return click.confirm(f"Файл «{path}» уже существует. Заменить его демо-базой?", default=False)


@cli.command(short_help="Проверить целостность и версию базы.",
             help="Проверить базу: целостность SQLite, внешние ключи, версию схемы, число записей.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def check(ctx: click.Context, db_path: Path | None) -> None:
    from rcro_tui.db.check import check_database

    report = check_database(database_path(ctx, db_path))
    click.echo(f"База: {report.path}\nСхема: {report.schema}")
    for table, rows in report.counts.items():
        click.echo(f"  {table}: {rows}")
    if report.ok:
        click.echo("Проверка пройдена: ошибок нет.")
        return
    for problem in report.problems:
        click.echo(f"Ошибка: {problem}", err=True)
    raise UserError(f"Найдено ошибок: {len(report.problems)}.")


@cli.command(short_help="Напечатать таблицу (мероприятия, сеть, этапы…).",
             help="Напечатать таблицу: agenda (ближайшие), year (учебный год), districts, "
                  "organizations, programs, memberships, competitions, stages, entries, "
                  "visibility, feed-tokens.")
@click.argument("table", metavar="ТАБЛИЦА")
@db_option()
@click.option("--format", "fmt", default="simple", show_default=True,
              type=click.Choice(["simple", "plain", "grid", "markdown", "tsv"]),
              help="Вид текстовой таблицы.")
@click.option("--year", metavar="ГГГГ/ГГГГ", help="Учебный год для year (по умолчанию текущий).")
@click.option("--since", metavar="ДД.ММ.ГГГГ", help="С какой даты для agenda (по умолчанию сегодня).")
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def show(ctx: click.Context, table: str, db_path: Path | None, fmt: str, year: str | None,
         since: str | None) -> None:
    from rcro_tui.db.connection import open_database
    from rcro_tui.exports.text import render

    view_of = _view_builder(table, year, since)
    db = open_database(database_path(ctx, db_path), create=False)
    try:
        click.echo(render(view_of(db), fmt), nl=False)
    finally:
        db.close()


def _view_builder(table: str, year: str | None, since: str | None):
    """The function that builds the named table, or a UserError listing the names."""
    from rcro_tui.db import views
    from rcro_tui.sections import ALL_TABLES

    if table == "agenda":
        day: date = parse_date(since, field="--since") if since else today_in_region()
        return lambda db: views.agenda(db, day)
    if table == "year":
        academic = AcademicYear.parse(year) if year else AcademicYear.containing(today_in_region())
        return lambda db: views.year_events(db, academic)
    if table in ALL_TABLES:
        return ALL_TABLES[table].build
    names = ", ".join(["agenda", "year", *ALL_TABLES])
    raise UserError(f"Нет таблицы «{table}». Есть: {names}.")


from rcro_tui.cli_events import events  # noqa: E402  (the group, with its subcommands)

cli.add_command(events)
from rcro_tui.cli_holidays import holidays  # noqa: E402

cli.add_command(holidays)
from rcro_tui.cli_members import members  # noqa: E402
from rcro_tui.cli_rounds import rounds  # noqa: E402

members.add_command(rounds)
cli.add_command(members)
from rcro_tui.cli_districts import districts  # noqa: E402

cli.add_command(districts)
from rcro_tui.cli_orgs import orgs  # noqa: E402

cli.add_command(orgs)
from rcro_tui.cli_stages import stages  # noqa: E402  (its commands: cli_stage_*.py)
import rcro_tui.cli_stage_list  # noqa: E402,F401  (stages list, stages show)
import rcro_tui.cli_stage_advance  # noqa: E402,F401  (stages advance, stages rule)

cli.add_command(stages)
from rcro_tui.cli_publish import feeds, lint_command, publish_command, tokens  # noqa: E402

cli.add_command(publish_command)
cli.add_command(lint_command)
cli.add_command(tokens)
cli.add_command(feeds)
import rcro_tui.cli_stage_entries  # noqa: E402,F401  (stages import-results, protocol)
from rcro_tui.cli_tables import table_command  # noqa: E402

cli.add_command(table_command)
from rcro_tui.cli_letters import letter  # noqa: E402

cli.add_command(letter)
from rcro_tui.cli_users import users  # noqa: E402
from rcro_tui.cli_web import web_command  # noqa: E402

cli.add_command(users)
cli.add_command(web_command)
from rcro_tui.cli_audit import audit, backup_command, restore_command  # noqa: E402
cli.add_command(audit)
cli.add_command(backup_command)
cli.add_command(restore_command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: Russian one-line errors and exit codes instead of tracebacks."""
    try:
        cli.main(args=argv, prog_name="rcro-tui", standalone_mode=False)
    except UserError as error:
        click.echo(f"Ошибка: {error.message}", err=True)
        sys.exit(error.exit_code)
    except click.exceptions.Abort:
        click.echo("\nОтменено.", err=True)
        sys.exit(130)
    except click.ClickException as error:
        click.echo(f"Ошибка: {usage_error_text(error)}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except sqlite3.OperationalError as error:
        busy_exit(error)


def busy_exit(error: sqlite3.OperationalError) -> None:
    """A lock not granted in time outside our transactions: one Russian line and exit 1."""
    from rcro_tui.db.connection import busy_or_same

    said = busy_or_same(error, "")
    if said is error:
        raise error
    click.echo(f"Ошибка: {said.message}", err=True)
    sys.exit(said.exit_code)
