"""`rcro-tui publish OUTDIR` (a cron job's command) and `rcro-tui tokens …` (private links).

The same calls as the «Публикация» screen: `exports.publish.publish` and `db.feed_tokens`.
"""

from __future__ import annotations

from pathlib import Path

import click

from rcro_tui.cli_common import HELP, acting_user, database_path, db_option
from rcro_tui.cli_revision import revision_option
from rcro_tui.cli_russian import RussianGroup
from rcro_tui.errors import UserError
from rcro_tui.i18n import count
from rcro_tui.rules import parse_date, today_in_region



def _open(ctx: click.Context, db_path: Path | None):
    from rcro_tui.db.connection import open_database

    return open_database(database_path(ctx, db_path), create=False)


@click.command("publish", short_help="Опубликовать ленты .ics и страницы в папку.",
               help="Записать в папку OUTDIR (запоминается; без неё — в запомненную) все ленты (общую, программ, муниципалитетов, "
                    "личные ленты организаций) и страницы для подписки. Файлы заменяются "
                    "атомарно; неизменившиеся не перезаписываются. Печатает, что изменилось "
                    "в каждой ленте с прошлой публикации.")
@click.argument("outdir", required=False, type=click.Path(file_okay=False, path_type=Path))
@db_option()
@click.option("--site-url", metavar="URL",
              help="Адрес, по которому веб-сервер отдаёт папку (https://…); запоминается.")
@click.option("--as-of", "as_of", metavar="ДД.ММ.ГГГГ",
              help="Считать сегодняшним этот день (какие отменённые ещё показывать).")
@click.option("--quiet", "-q", is_flag=True, help="Печатать только ошибки.")
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def publish_command(ctx: click.Context, outdir: Path, db_path: Path | None,
                    site_url: str | None, as_of: str | None, quiet: bool) -> None:
    from rcro_tui.db.publish_settings import publish_settings, save_publish_settings
    from rcro_tui.exports.publish import publish

    db = _open(ctx, db_path)
    user = acting_user(ctx, db)
    folder, url = publish_settings(db)
    if outdir is not None or site_url is not None:
        save_publish_settings(db, str((outdir or Path(folder or ".")).absolute()),
                              url if site_url is None else site_url, user=user)
        folder, url = publish_settings(db)
    if not folder:
        raise UserError("Папка публикации не задана: rcro-tui publish /srv/rcro/site.")
    outdir = Path(folder)
    day = parse_date(as_of, field="--as-of") if as_of else today_in_region()
    report = publish(db, outdir, as_of=day, user=user, site_url=url)
    db.close()
    for refused in report.refused:
        click.echo(f"Не опубликована (осталась прежней): {refused}", err=True)
    if report.refused:
        raise UserError(f"{count(len(report.refused), 'лента не прошла', 'ленты не прошли', 'лент не прошли')} "
                        "проверку (rcro-tui lint) и не опубликованы; остальные записаны.")
    if not quiet:
        click.echo("\n".join(report.lines()))


@click.group("tokens", cls=RussianGroup, short_help="Личные ссылки организаций на ленты.",
             help="Секретные ссылки на личные ленты организаций: показать, выпустить новую "
                  "(старая перестаёт работать после следующей публикации), отозвать.")
@click.help_option("-h", "--help", help=HELP)
def tokens() -> None:
    """The group; its subcommands follow."""


@tokens.command("show", short_help="Ссылка организации на её личную ленту.")
@click.argument("org_id", type=int)
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def tokens_show(ctx: click.Context, org_id: int, db_path: Path | None) -> None:
    from rcro_tui.db.feed_tokens import token_state
    from rcro_tui.db.publish_settings import publish_settings
    from rcro_tui.db.store import get_row
    from rcro_tui.exports.site_pages import feed_urls

    db = _open(ctx, db_path)
    org = get_row(db, "organizations", org_id)
    state = token_state(db, org_id)
    if state.token is None:
        click.echo(f"{org['name']}: действующей ссылки нет"
                   + (" (отозвана)." if state.revoked else "; появится при публикации."))
        return
    https, webcal = feed_urls(publish_settings(db)[1],
                              Path("private", state.token, "calendar.ics"))
    click.echo(f"{org['name']}\n  {https}" + (f"\n  {webcal}" if webcal else ""))


@tokens.command("issue", short_help="Выпустить новую ссылку (старая перестанет работать).")
@click.argument("org_id", type=int)
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def tokens_issue(ctx: click.Context, org_id: int, db_path: Path | None) -> None:
    from rcro_tui.db.feed_tokens import issue

    db = _open(ctx, db_path)
    issue(db, org_id, user=acting_user(ctx, db))
    click.echo("Новая ссылка выпущена; старая перестанет работать после следующей публикации "
               f"(rcro-tui tokens show {org_id}).")


@tokens.command("revoke", short_help="Отозвать ссылку: личная лента перестанет публиковаться.")
@click.argument("org_id", type=int)
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def tokens_revoke(ctx: click.Context, org_id: int, db_path: Path | None) -> None:
    from rcro_tui.db.feed_tokens import revoke

    db = _open(ctx, db_path)
    revoke(db, org_id, user=acting_user(ctx, db))
    click.echo("Ссылка отозвана: после следующей публикации личной ленты по ней не будет. "
               f"Новая: rcro-tui tokens issue {org_id}.")


@click.command("lint", short_help="Проверить файл .ics на ошибки, которые ломают календари.",
               help="Проверить файлы iCalendar по правилам ICS-NOTES (UID, SEQUENCE, "
                    "часовой пояс, переносы строк, экранирование, отмены…) и RFC 5545. "
                    "Печатает замечания с номерами строк; код возврата 1, если они есть.")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.help_option("-h", "--help", help=HELP)
def lint_command(files: tuple[Path, ...]) -> None:
    from rcro_tui.exports.ics_lint import lint

    bad = 0
    for path in files:
        findings = lint(path.read_bytes())
        bad += bool(findings)
        for finding in findings:
            click.echo(f"{path}: {finding.text()}")
        if not findings and len(files) > 1:
            click.echo(f"{path}: замечаний нет.")
    if bad:
        raise UserError(f"Замечания в {count(bad, 'файле', 'файлах', 'файлах')} из {len(files)}.")
    if len(files) == 1:
        click.echo(f"{files[0]}: замечаний нет.")


@click.group("feeds", cls=RussianGroup, short_help="Ленты: список, свои ленты по видам.",
             help="Все ленты, которые публикует rcro-tui publish, и свои ленты — сохранённые "
                  "виды календаря, опубликованные отдельным адресом (только общедоступные "
                  "мероприятия).")
@click.help_option("-h", "--help", help=HELP)
def feeds() -> None:
    """The group; its subcommands follow."""


@feeds.command("list", short_help="Все ленты: вид, мероприятий, путь на сайте.")
@db_option()
@click.option("--as-of", "as_of", metavar="ДД.ММ.ГГГГ", help="Считать сегодняшним этот день.")
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def feeds_list(ctx: click.Context, db_path: Path | None, as_of: str | None) -> None:
    from tabulate import tabulate

    from rcro_tui.exports.feed_list import feeds_view

    db = _open(ctx, db_path)
    view = feeds_view(db, parse_date(as_of, field="--as-of") if as_of else today_in_region())
    click.echo(tabulate(view.rows, headers=view.columns, tablefmt="simple"))


@feeds.command("add", short_help="Опубликовать сохранённый вид отдельной лентой.")
@click.argument("view")
@click.option("--name", default="", metavar="НАЗВАНИЕ", help="Название ленты (иначе как у вида).")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def feeds_add(ctx: click.Context, view: str, name: str, db_path: Path | None) -> None:
    from rcro_tui.db.custom_feeds import add_custom_feed

    db = _open(ctx, db_path)
    feed_id = add_custom_feed(db, view, user=acting_user(ctx, db), name=name)
    click.echo(f"Лента № {feed_id} появится после публикации: feeds/custom-{feed_id}.ics")


@feeds.command("remove", short_help="Перестать публиковать свою ленту (вид останется).")
@click.argument("feed_id", type=int)
@revision_option()
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def feeds_remove(ctx: click.Context, feed_id: int, revision: int | None,
                 db_path: Path | None) -> None:
    from rcro_tui.db.custom_feeds import remove_custom_feed

    db = _open(ctx, db_path)
    remove_custom_feed(db, feed_id, user=acting_user(ctx, db), expected_revision=revision)
    click.echo("Лента больше не публикуется; её файл исчезнет при следующей публикации.")
