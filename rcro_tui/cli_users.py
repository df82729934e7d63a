"""`rcro-tui users add|list|disable|role|key add|authorized-keys`: who may work in the database.

Every change here is an administrator's (the core refuses anyone else); `authorized-keys`
prints the lines a system administrator installs in the service account's
`~/.ssh/authorized_keys`, one per key, each forcing `rcro-tui --user LOGIN`.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from rcro_tui.cli_common import HELP, acting_user, database_path, db_option
from rcro_tui.cli_russian import RussianGroup
from rcro_tui.model import UserRole

ROLES = {"admin": UserRole.ADMIN, "regional": UserRole.REGIONAL,
         "municipal": UserRole.MUNICIPAL, "viewer": UserRole.VIEWER}
ROLE_HELP = ("Роль: admin (администратор), regional (региональный координатор), municipal "
             "(муниципальный, с --district), viewer (наблюдатель).")


@click.group("users", cls=RussianGroup, short_help="Пользователи, их роли и ключи SSH.",
             help="Пользователи базы: роли, ключи SSH и строки authorized_keys. Менять "
                  "пользователей может только администратор.")
@click.help_option("-h", "--help", help=HELP)
def users() -> None:
    """The group; its subcommands follow."""


def _open(ctx: click.Context, db_path: Path | None):
    from rcro_tui.db.connection import open_database

    return open_database(database_path(ctx, db_path), create=False)


def _district_id(db, district: str | None) -> int | None:
    from rcro_tui.db.filter_names import resolve_id

    return resolve_id(db, "districts", district, option="--district") if district else None


def _role_option(func):
    return click.option("--role", "role", required=True, metavar="РОЛЬ",
                        type=click.Choice(list(ROLES)), help=ROLE_HELP)(func)


@users.command("add", short_help="Добавить пользователя.",
               help="Добавить пользователя с ролью; муниципальному координатору — район. "
                    "Первым добавьте администратора (себя).")
@click.argument("login", metavar="ЛОГИН")
@_role_option
@click.option("--district", metavar="РАЙОН", help="Муниципалитет: название или номер.")
@click.option("--name", "full_name", default="", metavar="ФИО", help="Фамилия, имя, отчество.")
@click.option("--key", "keys", multiple=True, metavar="ФАЙЛ.pub",
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Открытый ключ SSH (можно несколько раз).")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def add_command(ctx: click.Context, login: str, role: str, district: str | None,
                full_name: str, keys: tuple[Path, ...], db_path: Path | None) -> None:
    from rcro_tui.db.access import user_access
    from rcro_tui.db.user_keys import add_key, read_key_file
    from rcro_tui.db.users import add_user

    db = _open(ctx, db_path)
    try:
        user = acting_user(ctx, db)
        with db.atomic():
            first = user_access(db, user).sole
            login = add_user(db, login, ROLES[role], user=user, full_name=full_name,
                             district_id=_district_id(db, district))
            # The first administrator's own keys are theirs to add: from their row on, only
            # registered users write, and the identity that created the file is not one.
            owner = login if first else user
            for path in keys:
                add_key(db, login, read_key_file(path), user=owner, where=f"Ключ «{path}»")
    finally:
        db.close()
    click.echo(f"Добавлен пользователь {login} ({ROLES[role].label}); ключей: {len(keys)}.")


@users.command("list", short_help="Пользователи и их роли.",
               help="Пользователи: логин, ФИО, роль, район, включён ли, сколько ключей.")
@click.option("--format", "fmt", default="simple", show_default=True,
              type=click.Choice(["simple", "plain", "grid", "markdown", "tsv"]),
              help="Вид текстовой таблицы.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def list_command(ctx: click.Context, fmt: str, db_path: Path | None) -> None:
    from rcro_tui.db.users import list_users
    from rcro_tui.exports.text import render
    from rcro_tui.db.views import TableView

    db = _open(ctx, db_path)
    try:
        rows = list_users(db)
    finally:
        db.close()
    if not rows:
        click.echo("Пользователей нет: любой, кто открывает базу, работает как администратор. "
                   "Добавьте себя: rcro-tui users add ЛОГИН --role admin.")
        return
    click.echo(render(TableView(
        title="Пользователи", columns=("Логин", "ФИО", "Роль", "Район", "Включён", "Ключей"),
        rows=[(u.login, u.full_name, u.role.label, u.district, "да" if u.active else "нет",
               str(u.keys)) for u in rows]), fmt), nl=False)


@users.command("disable", short_help="Отключить пользователя.",
               help="Отключить пользователя: он больше не может работать в базе, его ключи "
                    "не попадают в authorized-keys; его изменения остаются в журнале.")
@click.argument("login", metavar="ЛОГИН")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def disable_command(ctx: click.Context, login: str, db_path: Path | None) -> None:
    from rcro_tui.db.users import disable_user

    db = _open(ctx, db_path)
    try:
        disable_user(db, login, user=acting_user(ctx, db))
    finally:
        db.close()
    click.echo(f"Пользователь {login} отключён: обновите authorized_keys "
               "(rcro-tui users authorized-keys).")


@users.command("role", short_help="Сменить роль (и включить).",
               help="Сменить роль пользователя (муниципальному — с --district); отключённый "
                    "пользователь снова включается.")
@click.argument("login", metavar="ЛОГИН")
@click.argument("role", metavar="РОЛЬ", type=click.Choice(list(ROLES)))
@click.option("--district", metavar="РАЙОН", help="Муниципалитет: название или номер.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def role_command(ctx: click.Context, login: str, role: str, district: str | None,
                 db_path: Path | None) -> None:
    from rcro_tui.db.users import set_role

    db = _open(ctx, db_path)
    try:
        set_role(db, login, ROLES[role], user=acting_user(ctx, db),
                 district_id=_district_id(db, district))
    finally:
        db.close()
    click.echo(f"Роль {login}: {ROLES[role].label}.")


@users.group("key", cls=RussianGroup, short_help="Ключи SSH пользователей.",
             help="Ключи SSH пользователей.")
@click.help_option("-h", "--help", help=HELP)
def key() -> None:
    """The subgroup: `users key add`."""


@key.command("add", short_help="Добавить ключ SSH пользователю.",
             help="Добавить пользователю открытый ключ SSH из файла .pub.")
@click.argument("login", metavar="ЛОГИН")
@click.argument("path", metavar="ФАЙЛ.pub",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def key_add_command(ctx: click.Context, login: str, path: Path, db_path: Path | None) -> None:
    from rcro_tui.db.user_keys import add_key, read_key_file

    db = _open(ctx, db_path)
    try:
        add_key(db, login, read_key_file(path), user=acting_user(ctx, db), where=f"Ключ «{path}»")
    finally:
        db.close()
    click.echo(f"Ключ добавлен пользователю {login}: обновите authorized_keys "
               "(rcro-tui users authorized-keys).")


@users.command("authorized-keys", short_help="Строки для ~/.ssh/authorized_keys.",
               help="Напечатать строки authorized_keys: по одной на каждый ключ включённого "
                    "пользователя, с принудительной командой rcro-tui --user ЛОГИН.")
@click.option("--command", "program", metavar="ПУТЬ",
              help="Путь к rcro-tui на сервере (по умолчанию тот, что запущен).")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def authorized_keys_command(ctx: click.Context, program: str | None,
                            db_path: Path | None) -> None:
    from rcro_tui.db.user_keys import authorized_keys

    path = database_path(ctx, db_path)
    db = _open(ctx, db_path)
    try:
        lines = authorized_keys(db, command=program or running_program(), db_path=path)
    finally:
        db.close()
    for line in lines:
        click.echo(line)


def running_program() -> str:
    """The absolute path of this rcro-tui (the forced command must not depend on PATH)."""
    launched = Path(sys.argv[0])
    if launched.name == "rcro-tui" and launched.exists():
        return str(launched.resolve())
    found = shutil.which("rcro-tui")
    if found:
        return str(Path(found).resolve())
    return str(Path(sys.executable).parent / "rcro-tui")
