"""The role checks over a real OpenSSH login (needs helper A's work: `rcro-tui users`, contract
items 1–3; before that merge these tests fail, by design).

Keys for ivanova (regional) and petrov (municipal, Асиновский район in the demo) are bound with
`rcro-tui users key add`, installed with `rcro-tui users authorized-keys`, and each person edits
an event's title in the app that sshd's forced command starts, typed key by key through tmux.
"""

from __future__ import annotations

import shutil
import sqlite3
import time

import pytest

from ssh_server import Terminal, needs_sshd, run, ssh_server

pytestmark = needs_sshd

FOREIGN = (39, "04.05.2027", "Форум юных лидеров",  # hosted in Томский район
           "Форум юных лидеров «Вместе» — Томский район")
OWN = (27, "16.11.2026", "народных промыслов",  # hosted in Асиновский район, petrov's
       "Фестиваль народных промыслов «Сибирская горница» — Асиновский район")


@pytest.fixture(scope="module")
def server(demo_master):
    with ssh_server(demo_master, ("ivanova", "petrov")) as running:
        # The service account runs the administrator's commands as the demo's administrator.
        cli = [str(running.rcro_tui), "--db", str(running.db_path), "--user", "demo"]
        for login in ("ivanova", "petrov"):
            public = running.db_path.parent / f"{login}.pub"
            shutil.copyfile(running.keys[login].with_suffix(".pub"), public)
            public.chmod(0o644)
            run(*running.as_account(*cli, "users", "key", "add", login, str(public)))
        lines = run(*running.as_account(*cli, "users", "authorized-keys",
                                        "--command", str(running.rcro_tui))).stdout
        for login in ("ivanova", "petrov"):
            line = next(line for line in lines.splitlines() if running.public_key(login) in line)
            assert line.startswith(f'command="{running.rcro_tui} --db {running.db_path} '
                                   f'--user {login}",restrict,pty ssh-ed25519 ')
        running.install_keys(lines)
        yield running


@pytest.fixture
def terminal(server):
    opened: list[Terminal] = []

    def open_as(login: str) -> Terminal:
        opened.append(Terminal(server.ssh_args(login, "-tt"), width=120, height=35))
        opened[-1].wait_for(login)
        return opened[-1]

    yield open_as
    for each in opened:
        each.close()


def edit_title(terminal: Terminal, day: str, words: str, title: str, suffix: str) -> str:
    """Calendar → list → search → go to the day → «Изменить» → retype the title with `suffix` → Ctrl+S;
    returns the screen after saving, or the refusal when «Изменить» is pressed on another
    district's event (`suffix` «(чужое)»)."""
    terminal.keys("2")
    terminal.wait_for("Календарь")
    terminal.keys("a")
    terminal.wait_for("Список")
    terminal.keys("/")
    terminal.wait_for("Поиск: название")  # the box is open: letters typed before it would be keys
    terminal.type(words)
    terminal.wait_for(words)
    terminal.keys("Escape")
    terminal.wait_for(f"Поиск: {words}")
    terminal.keys("g")
    terminal.wait_for("Перейти к дате")
    terminal.type(day)
    terminal.wait_for(day)
    terminal.keys("Enter")
    terminal.wait_gone("Перейти к дате")
    terminal.wait_for("— 1 мероприятие")
    terminal.keys("e")
    if "чужое" in suffix:  # the editor does not open on another district's event
        return terminal.wait_for("Нет прав: ")
    terminal.wait_for("Изменение мероприятия")
    time.sleep(1)  # the title field takes focus (selecting its text) just after it is drawn
    terminal.keys("End", "C-u")  # emptied, whether its text was selected or not
    terminal.wait_for("Название     Как в письме")  # the empty field shows its example
    terminal.type(title + suffix)
    terminal.wait_for("Название     " + title + suffix)
    terminal.keys("C-s")
    return terminal.wait_for("Сохранено")


def title_and_editors(server, event_id: int) -> tuple[str, list[str]]:
    with sqlite3.connect(server.db_path) as db:
        title = db.execute("SELECT title FROM events WHERE id = ?", (event_id,)).fetchone()[0]
        users = [row[0] for row in db.execute(
            "SELECT user FROM changes WHERE table_name = 'events' AND row_id = ? "
            "AND action = 'update' ORDER BY id", (str(event_id),))]
    return title, users


def test_municipal_edit_of_another_district_is_refused(server, terminal):
    before = title_and_editors(server, FOREIGN[0])
    screen = edit_title(terminal("petrov"), *FOREIGN[1:], " (чужое)")
    assert "Нет прав: " in screen
    assert title_and_editors(server, FOREIGN[0]) == before


def test_municipal_edit_of_their_own_district_lands(server, terminal):
    edit_title(terminal("petrov"), *OWN[1:], " (своё)")
    title, editors = title_and_editors(server, OWN[0])
    assert title == OWN[3] + " (своё)" and editors[-1] == "petrov"


def test_regional_edit_of_any_district_lands(server, terminal):
    edit_title(terminal("ivanova"), *FOREIGN[1:], " (регион)")
    title, editors = title_and_editors(server, FOREIGN[0])
    assert title == FOREIGN[3] + " (регион)" and editors[-1] == "ivanova"
