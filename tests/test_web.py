"""`rcro-tui web`: the app served by textual-serve on loopback only, behind a printed token.

The server runs as the real command in a subprocess; requests go over real HTTP and a real
websocket (aiohttp's client), and the app it starts for a tab must draw its screen.
"""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from yarl import URL

from rcro_tui.cli import main
from rcro_tui.web import app_command, check_host, cookie_name, make_server
from rcro_tui.errors import InputError


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_only_loopback_is_accepted():
    assert check_host("127.0.0.1") == "127.0.0.1"
    assert check_host("localhost") == "127.0.0.1"
    for host in ("0.0.0.0", "::", "192.168.1.5", "example.org"):
        with pytest.raises(InputError, match="только петлевой адрес"):
            check_host(host)


def test_cli_refuses_another_host_before_touching_the_database(tmp_path, capsys):
    db = tmp_path / "never.sqlite"
    with pytest.raises(SystemExit) as stop:
        main(["web", "--user", "ivanova", "--port", "8101", "--host", "0.0.0.0", "--db", str(db)])
    assert stop.value.code == 1
    assert "только петлевой адрес" in capsys.readouterr().err
    assert not db.exists()


def test_cli_serves_nobody_who_may_not_work_in_the_database(demo_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["web", "--user", "stranger", "--port", "8101", "--db", str(demo_path)])
    assert stop.value.code == 1
    assert "Нет прав: пользователя «stranger» нет в списке" in capsys.readouterr().err


def test_the_app_command_fixes_database_and_identity_safely_quoted(tmp_path):
    command = app_command(tmp_path / "a b.sqlite", "petrov; rm -rf ~")
    words = shlex.split(command)
    assert words[:3] == [sys.executable, "-m", "rcro_tui"]
    assert words[3:] == ["--db", str((tmp_path / "a b.sqlite").resolve()),
                         "--user", "petrov; rm -rf ~"]


def test_each_server_gets_its_own_random_token(tmp_path):
    first = make_server(tmp_path / "x.sqlite", "ivanova", port=8101)
    second = make_server(tmp_path / "x.sqlite", "ivanova", port=8101)
    assert len(first.token) >= 32 and first.token != second.token
    assert first.url == f"http://127.0.0.1:8101/?token={first.token}"
    assert "--user ivanova" in first.command


@pytest.fixture
def web_server(demo_path, tmp_path):
    """(port, token, process): `rcro-tui web` for ivanova on the demo database."""
    port, log = free_port(), tmp_path / "web.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "rcro_tui", "web", "--user", "ivanova", "--port", str(port),
             "--db", str(demo_path)], stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        token = _printed_token(log, process)
        yield port, token, process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _printed_token(log: Path, process: subprocess.Popen) -> str:
    """The token from the URL the command prints (as the person would copy it)."""
    for _ in range(200):
        found = re.search(r"http://127\.0\.0\.1:\d+/\?token=([\w-]+)", log.read_text())
        if found:
            return found.group(1)
        assert process.poll() is None, log.read_text()
        time.sleep(0.05)
    raise AssertionError(f"no URL printed: {log.read_text()!r}")


def _listening_addresses(port: int) -> set[str]:
    """Local addresses of sockets listening on `port`, from /proc/net/tcp{,6} (hex, as the kernel writes them)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


async def test_the_server_listens_on_loopback_only(web_server):
    port, _token, _process = web_server
    assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else


async def test_without_the_token_everything_is_403(web_server):
    port, token, _process = web_server
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        for path in ("/", "/?token=wrong", f"/?token={token[:-1]}", "/static/js/textual.js",
                     "/ws", "/download/x"):
            async with session.get(base + path) as response:
                assert response.status == 403, path
                assert "токен" in await response.text()
        assert not session.cookie_jar.filter_cookies(URL(base))


async def test_with_the_token_the_page_then_the_app_over_the_websocket(web_server):
    port, token, _process = web_server
    base = f"http://127.0.0.1:{port}"
    # unsafe=True: aiohttp's jar otherwise ignores cookies of an IP address like 127.0.0.1
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        async with session.get(f"{base}/?token={token}") as response:
            assert response.status == 200
            page = await response.text()
        assert "РЦРО · ivanova" in page and f"ws://127.0.0.1:{port}/ws" in page
        assert session.cookie_jar.filter_cookies(URL(base))[cookie_name(port)].value == token
        async with session.get(base + "/static/js/textual.js") as response:  # by the cookie
            assert response.status == 200
        screen = await asyncio.wait_for(_app_screen(session, base), timeout=25)
    assert "РЦРО" in screen and "ivanova" in screen


async def _app_screen(session: aiohttp.ClientSession, base: str) -> str:
    """What the app sends to the browser's terminal until its header (title · user) is drawn."""
    received = b""
    async with session.ws_connect(base + "/ws?width=100&height=30") as socket_:
        await socket_.send_json(["resize", {"width": 100, "height": 30}])
        async for message in socket_:
            if message.type == aiohttp.WSMsgType.BINARY:
                received += message.data
            text = received.decode("utf-8", "replace")
            if "РЦРО" in text and "ivanova" in text:
                return text
    raise AssertionError(f"the app closed before drawing: {received[-500:]!r}")


def test_the_app_without_a_terminal_refuses_to_start(demo_path):
    """`ssh -T` or a pipe: a Russian message and exit 1, not an app drawing into nowhere; the
    web driver (set by textual-serve) is the one way to run it without a terminal."""
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    done = subprocess.run([sys.executable, "-m", "rcro_tui", "--db", str(demo_path),
                           "--user", "ivanova"],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env,
                          timeout=30)
    assert done.returncode == 1
    assert "Приложению нужен терминал: подключайтесь с ssh -t" in done.stderr
