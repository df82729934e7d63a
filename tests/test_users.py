"""Users, their SSH keys and the authorized_keys lines; the `rcro-tui users` commands."""

from __future__ import annotations

import base64
import struct
from pathlib import Path

import pytest
from sqlite_utils import Database

from rcro_tui.db.connection import open_database
from rcro_tui.db.schema import MIGRATIONS
from rcro_tui.db.user_keys import add_key, authorized_keys, parse_key
from rcro_tui.db.users import add_user, disable_user, list_users, set_role
from rcro_tui.errors import AccessDenied, InputError
from rcro_tui.model import UserRole
from conftest import Ran


def key_line(key_type: str = "ssh-ed25519", seed: int = 1, comment: str = "petrov@pc") -> str:
    name = key_type.encode()
    blob = struct.pack(">I", len(name)) + name + struct.pack(">I", 32) + bytes([seed]) * 32
    return f"{key_type} {base64.b64encode(blob).decode()} {comment}".rstrip()


def rcro(db_path: Path, user: str | None, *args: str) -> Ran:
    from click.testing import CliRunner

    from rcro_tui.cli import main

    identity = ["--user", user] if user else []
    with CliRunner().isolation() as (out, err, _):
        try:
            main(["--db", str(db_path), *identity, *args])
            code = 0
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        return Ran(code, out.getvalue(), err.getvalue().decode("utf-8"))


def test_keys_of_every_kind_parse_and_injections_are_refused():
    for kind in ("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "sk-ssh-ed25519@openssh.com"):
        assert parse_key(key_line(kind))[0] == kind
    assert parse_key(key_line(comment="Пётр Петров ноутбук"))[2] == "Пётр Петров ноутбук"
    good = key_line()
    for bad, why in ((f'command="/bin/sh" {good}', "параметры"),
                     (f"{good}\nssh-ed25519 AAAA x", "больше одной строки"),
                     (good.replace("petrov@pc", 'x",command="sh'), "комментарии"),
                     (good.replace("ssh-ed25519", "ssh-rsa", 1), "повреждено"),
                     ("ssh-ed25519 не-base64 x", "повреждено"),
                     ("ssh-dss AAAAB3NzaC1kc3M= x", "не открытый ключ")):
        with pytest.raises(InputError, match=why):
            parse_key(bad)


def test_the_first_user_is_an_admin_and_the_last_admin_stays(fresh_db):
    with pytest.raises(InputError, match="Первым добавьте администратора"):
        add_user(fresh_db, "ivanova", UserRole.REGIONAL, user="me")
    add_user(fresh_db, "me", UserRole.ADMIN, user="me")
    with pytest.raises(InputError, match="не подходит"):
        add_user(fresh_db, "Петров", UserRole.VIEWER, user="me")
    with pytest.raises(InputError, match="нужен район"):
        add_user(fresh_db, "petrov", UserRole.MUNICIPAL, user="me")
    with pytest.raises(InputError, match="последний администратор"):
        disable_user(fresh_db, "me", user="me")
    with pytest.raises(InputError, match="последний администратор"):
        set_role(fresh_db, "me", UserRole.VIEWER, user="me")
    add_user(fresh_db, "ivanova", UserRole.REGIONAL, user="me")
    with pytest.raises(AccessDenied, match="только администратор"):
        add_user(fresh_db, "sidorov", UserRole.VIEWER, user="ivanova")
    with pytest.raises(AccessDenied, match="«stranger» нет в списке"):
        add_user(fresh_db, "sidorov", UserRole.VIEWER, user="stranger")


def test_authorized_keys_bind_each_active_users_key_to_a_forced_command(demo_db, tmp_path):
    add_key(demo_db, "petrov", key_line(seed=1), user="demo")
    add_key(demo_db, "ivanova", key_line("ssh-rsa", seed=2, comment=""), user="demo")
    with pytest.raises(InputError, match="уже принадлежит «petrov»"):
        add_key(demo_db, "smirnov", key_line(seed=1, comment="other"), user="demo")
    db_path = tmp_path / "папка с пробелом" / "rcro.sqlite"
    lines = authorized_keys(demo_db, command="/opt/rcro/bin/rcro-tui", db_path=db_path)
    assert lines == [
        f'command="/opt/rcro/bin/rcro-tui --db \'{db_path}\' --user ivanova",restrict,pty '
        f"{key_line('ssh-rsa', seed=2, comment='')}",
        f'command="/opt/rcro/bin/rcro-tui --db \'{db_path}\' --user petrov",restrict,pty '
        f"{key_line(seed=1)}"]
    disable_user(demo_db, "petrov", user="demo")
    assert len(authorized_keys(demo_db, command="rcro-tui", db_path=db_path)) == 1
    with pytest.raises(InputError, match="кавычку"):
        authorized_keys(demo_db, command='/opt/x"; sh', db_path=db_path)
    assert [u.keys for u in list_users(demo_db) if u.login == "petrov"] == [1]


def test_a_database_made_before_m015_upgrades(tmp_path):
    path = tmp_path / "old.sqlite"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="m015_access")
    old["districts"].insert({"name": "Томский район", "kind": "municipal_district"})
    old.close()
    db = open_database(path)
    assert db["user_keys"].exists() and db["districts"].count == 1
    db.close()


def test_the_users_commands(demo_path, tmp_path):
    pub = tmp_path / "sidorova.pub"
    pub.write_text(key_line(seed=7, comment="sidorova@pc") + "\n", encoding="utf-8")
    added = rcro(demo_path, "demo", "users", "add", "sidorova", "--role", "municipal",
                 "--district", "Томский район", "--name", "Сидорова Анна", "--key", str(pub))
    assert added.code == 0, added.err
    listed = rcro(demo_path, "demo", "users", "list").text
    assert "sidorova" in listed and "Томский район" in listed and "муниципальный" in listed
    keys = rcro(demo_path, "demo", "users", "authorized-keys", "--command", "/usr/bin/rcro-tui")
    assert keys.text == (f'command="/usr/bin/rcro-tui --db {demo_path} --user sidorova",'
                         f"restrict,pty {key_line(seed=7, comment='sidorova@pc')}\n")
    refused = rcro(demo_path, "ivanova", "users", "disable", "sidorova")
    assert (refused.code, refused.err) == (1, "Ошибка: Нет прав: пользователей и их ключи меняет "
                                              "только администратор; ivanova — региональный "
                                              "координатор.\n")
    assert rcro(demo_path, "demo", "users", "disable", "sidorova").code == 0
    assert rcro(demo_path, "demo", "users", "authorized-keys").text == ""
    assert rcro(demo_path, "demo", "users", "role", "sidorova", "viewer").code == 0
    assert "наблюдатель" in rcro(demo_path, "demo", "users", "list").text
    other = tmp_path / "other.pub"
    other.write_text(key_line(seed=8), encoding="utf-8")
    assert rcro(demo_path, "demo", "users", "key", "add", "sidorova", str(other)).code == 0
    bad = tmp_path / "bad.pub"
    bad.write_text('command="sh" ' + key_line(seed=9), encoding="utf-8")
    failed = rcro(demo_path, "demo", "users", "key", "add", "sidorova", str(bad))
    assert failed.code == 1 and "не открытый ключ SSH" in failed.err


def test_a_new_servers_first_administrator_brings_their_key_then_adds_the_others(tmp_path):
    """The README's deployment, step 3: the service account (not a user) registers the first
    administrator with their key, then acts as them (`--user`) to add everyone else."""
    path = tmp_path / "rcro.sqlite"
    open_database(path).close()
    keys = []
    for seed, login in enumerate(("sidorov", "ivanova"), start=11):
        keys.append(tmp_path / f"{login}.pub")
        keys[-1].write_text(key_line(seed=seed, comment=login) + "\n", encoding="utf-8")
    first = rcro(path, "rcro", "users", "add", "sidorov", "--role", "admin", "--key", str(keys[0]))
    assert first.code == 0, first.err
    refused = rcro(path, "rcro", "users", "add", "ivanova", "--role", "regional")
    assert refused.code == 1 and "Нет прав: пользователя «rcro» нет" in refused.err
    added = rcro(path, "sidorov", "users", "add", "ivanova", "--role", "regional",
                 "--key", str(keys[1]))
    assert added.code == 0, added.err
    lines = rcro(path, "sidorov", "users", "authorized-keys").text.splitlines()
    assert [line.split("--user ")[1].split('"')[0] for line in lines] == ["ivanova", "sidorov"]


def test_an_unknown_identity_is_refused_before_a_write_and_before_the_app(demo_path):
    refused = rcro(demo_path, "stranger", "holidays", "fill", "--year", "2027/2028")
    assert refused.code == 1
    assert refused.err.startswith("Ошибка: Нет прав: пользователя «stranger» нет в списке")
    assert rcro(demo_path, "smirnov", "holidays", "fill", "--year", "2027/2028").code == 1
    opened = rcro(demo_path, "stranger")
    assert opened.code == 1 and "попросите администратора добавить вас".lower() in \
        opened.err.lower()
    assert rcro(demo_path, "stranger", "show", "districts").code == 0  # reading is open


def test_the_demo_built_by_the_cli_opens_for_the_person_who_built_it(tmp_path, monkeypatch):
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "coordinator")
    path = tmp_path / "demo.sqlite"
    built = rcro(path, None, "demo", "--year", "2026/2027")
    assert built.code == 0, built.err
    db = open_database(path, create=False)
    try:
        roles = {u.login: u.role for u in list_users(db)}
    finally:
        db.close()
    assert roles["coordinator"] is UserRole.ADMIN and roles["petrov"] is UserRole.MUNICIPAL
    assert rcro(path, None, "holidays", "fill", "--year", "2027/2028").code == 0


def test_a_demo_that_does_not_know_the_person_opens_as_its_administrator(demo_path, monkeypatch):
    """A demo built by an older version (its administrator «demo») or under a login the users
    table cannot hold: `rcro-tui demo --open` still opens it, as the demo's administrator."""
    import getpass

    from rcro_tui.cli import demo_identity

    monkeypatch.setattr(getpass, "getuser", lambda: "Ivan")
    assert demo_identity(demo_path, None) == "demo"
    assert demo_identity(demo_path, "petrov") == "petrov"
    monkeypatch.setattr(getpass, "getuser", lambda: "ivanova")
    assert demo_identity(demo_path, None) == "ivanova"
