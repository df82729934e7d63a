"""Coordinators' SSH public keys and the `authorized_keys` lines that bind each to its login.

The line gitolite would write: `command="rcro-tui --db /srv/rcro.sqlite --user petrov",restrict,pty
ssh-ed25519 AAAA… petrov@pc`. sshd then runs that command whatever the client asks, so the
key decides the identity. Everything that goes into a line is checked first: a key line is
exactly «type base64 [comment]» (a stored key can carry no options, quotes or line breaks),
a login is `db.users.LOGIN`, and a path holds no character that could end the quoted command.
"""

from __future__ import annotations

import base64
import binascii
import re
import shlex
import struct
from pathlib import Path

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.db import store
from rcro_tui.db.users import LOGIN, require_user

KEY_TYPES = ("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
             "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
             "sk-ecdsa-sha2-nistp256@openssh.com")
_BODY = re.compile(r"[A-Za-z0-9+/]+={0,2}")
_COMMENT = re.compile(r"[\w@.:+/= -]{0,100}")
_UNSAFE_PATH = re.compile(r"[\"'\\\x00-\x1f\x7f]")


def parse_key(line: str, *, where: str = "ключ") -> tuple[str, str, str]:
    """(type, base64 body, comment) of one public key line, or InputError saying why not."""
    text = (line or "").strip()
    if "\n" in text or "\r" in text:
        raise InputError(f"{where}: в файле больше одной строки — нужен один открытый ключ "
                         "(файл .pub).")
    parts = text.split()
    if len(parts) < 2 or parts[0] not in KEY_TYPES:
        raise InputError(f"{where}: это не открытый ключ SSH — строка должна начинаться с "
                         f"типа ({', '.join(KEY_TYPES[:3])} …) и тела ключа; параметры "
                         "(command=…) в ней не допускаются.")
    key_type, body, comment = parts[0], parts[1], " ".join(parts[2:])
    if not _BODY.fullmatch(body) or _embedded_type(body) != key_type:
        raise InputError(f"{where}: тело ключа повреждено (это не base64 ключа {key_type}).")
    if not _COMMENT.fullmatch(comment):
        raise InputError(f"{where}: в комментарии ключа («{comment[:40]}») допустимы только "
                         "буквы, цифры, пробелы и знаки @ . : + / = - _.")
    return key_type, body, comment


def _embedded_type(body: str) -> str | None:
    """The key type written inside the base64 blob (a 4-byte length, then the name)."""
    try:
        blob = base64.b64decode(body, validate=True)
        (length,) = struct.unpack(">I", blob[:4])
        return blob[4:4 + length].decode("ascii") if length < 64 else None
    except (binascii.Error, struct.error, UnicodeDecodeError, ValueError):
        return None


def add_key(db: Database, login: str, line: str, *, user: str, where: str = "ключ") -> int:
    """Store one key for an existing user; a key already given to anyone is refused."""
    key_type, body, comment = parse_key(line, where=where)
    with db.atomic():
        require_user(db, login)
        owner = db.execute("SELECT login FROM user_keys WHERE key_body = ?", [body]).fetchone()
        if owner is not None:
            raise InputError(f"{where}: этот ключ уже принадлежит «{owner[0]}» — у каждого "
                             "человека свой ключ.")
        return store.insert(db, "user_keys", {
            "login": login, "key_type": key_type, "key_body": body, "comment": comment,
            "created_at": store.utc_now()}, user=user)


def read_key_file(path: Path) -> str:
    """The text of a .pub file, or InputError naming it."""
    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"Не удалось прочитать ключ «{path}»: "
                         f"{getattr(error, 'strerror', None) or error}.") from None


def safe_path(path: str, *, what: str) -> str:
    """A path shell-quoted for a forced command, refusing quotes, backslashes and controls."""
    if _UNSAFE_PATH.search(path):
        raise InputError(f"{what} «{path}» содержит кавычку, обратную косую черту или "
                         "управляющий символ: в authorized_keys такой путь небезопасен — "
                         "переместите файл.")
    return shlex.quote(path)


def authorized_keys(db: Database, *, command: str, db_path: Path) -> list[str]:
    """One `authorized_keys` line per key of every active user, by login."""
    program = safe_path(command, what="Программа")
    database = safe_path(str(db_path.resolve()), what="База")
    lines = []
    for login, key_type, body, comment in db.execute("""
            SELECT k.login, k.key_type, k.key_body, k.comment FROM user_keys k
            JOIN users u ON u.login = k.login WHERE u.active = 1
            ORDER BY k.login, k.id""").fetchall():
        if not LOGIN.fullmatch(login):
            raise InputError(f"Логин «{login}» в базе не подходит для authorized_keys "
                             "(нужны строчные латинские буквы, цифры, _ . -): переименуйте.")
        parse_key(f"{key_type} {body} {comment}", where=f"Ключ пользователя «{login}»")
        forced = f"{program} --db {database} --user {login}"
        lines.append(f'command="{forced}",restrict,pty {key_type} {body} {comment}'.rstrip())
    return lines
