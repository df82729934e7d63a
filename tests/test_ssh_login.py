"""End to end through a real OpenSSH server: the forced command is the only thing a key reaches.

Keys bound to ivanova (regional) and petrov (municipal) sit in the service account's
authorized_keys as `rcro-tui users authorized-keys` writes them (contract 3); the app runs in
the pty sshd gives the forced command, seen through tmux. What the client asks to run instead
never runs, and no forwarding gets past `restrict` except the one port a browser line permits.
The role checks over SSH are in test_ssh_roles.py.
"""

from __future__ import annotations

import shlex
import socket
import subprocess
import time
import urllib.request

import pytest

from ssh_server import Terminal, free_port, needs_sshd, run, ssh_server

pytestmark = needs_sshd


@pytest.fixture(scope="module")
def server(demo_master):
    with ssh_server(demo_master, ("ivanova", "petrov")) as running:
        running.install_keys("\n".join([running.forced_line("ivanova"),
                                        running.forced_line("petrov")]))
        yield running


@pytest.fixture
def terminals():
    opened: list[Terminal] = []
    yield lambda command: opened.append(Terminal(command)) or opened[-1]
    for terminal in opened:
        terminal.close()


def test_the_key_opens_the_app_as_its_coordinator(server, terminals):
    terminal = terminals(server.ssh_args("petrov", "-tt"))
    terminal.wait_for("Ближайшие")
    screen = terminal.wait_for("petrov · муниципальный координатор, Асиновский район")
    assert "rcro.sqlite" in screen


def test_a_command_asked_by_the_client_is_ignored_the_app_opens_instead(server, terminals):
    victim = server.base / "data" / "victim"
    run(*server.as_account("mkdir", str(victim)))
    marker = server.base / "data" / "ran"
    asked = f"touch {marker}; rm -rf {victim}; bash -c 'id > {marker}'"
    terminal = terminals([*server.ssh_args("ivanova", "-tt"), asked])
    terminal.wait_for("Ближайшие")
    terminal.wait_for("ivanova")
    terminal.keys("q")
    for _ in range(50):
        if terminal.ended():
            break
        time.sleep(0.2)
    assert terminal.ended()
    assert victim.is_dir() and not marker.exists()


def test_another_identity_asked_by_the_client_is_ignored(server, terminals):
    screen = terminals([*server.ssh_args("petrov", "-tt"),
                        f"{server.rcro_tui} --db {server.db_path} --user ivanova"]).wait_for("petrov")
    assert "ivanova" not in screen


def test_no_shell_without_a_pty_either(server):
    """`ssh -T host bash` with a script on stdin: the forced command runs instead of bash, the
    script is never executed, and the app, given no terminal, says so and ends (rather than
    drawing into a pipe and outliving the connection)."""
    marker = server.base / "data" / "shell"
    done = subprocess.run([*server.ssh_args("ivanova", "-T"), "bash"],
                          input=f"touch {marker}\nexit\n", capture_output=True, text=True,
                          timeout=25)
    assert done.returncode == 1 and "Приложению нужен терминал" in done.stderr
    assert not marker.exists()


def test_remote_forwarding_is_refused(server):
    done = subprocess.run([*server.ssh_args("ivanova", "-N", "-o", "ExitOnForwardFailure=yes",
                                            "-R", f"{free_port()}:127.0.0.1:22")],
                          capture_output=True, text=True, timeout=25)
    assert done.returncode != 0 and "forwarding failed" in done.stderr


def test_local_forwarding_is_refused_by_restrict(server):
    """`ssh -N -L` with the app's key: the tunnel opens on the client, but sshd refuses every
    connection through it, so the target behind the server never sees one."""
    target = socket.create_server(("127.0.0.1", 0))
    target.settimeout(2)
    assert not _forwarded_reaches(server, "ivanova", target)


def _forwarded_reaches(server, key: str, target: socket.socket) -> bool:
    """Whether a connection through `ssh -N -L` with this key arrives at `target`."""
    local = free_port()
    client = subprocess.Popen([*server.ssh_args(key, "-N", "-L",
                                                f"{local}:127.0.0.1:{target.getsockname()[1]}")],
                              stderr=subprocess.PIPE, text=True)
    try:
        _wait_listening(local)
        with socket.create_connection(("127.0.0.1", local), timeout=5) as through:
            through.sendall(b"ping")
            try:
                accepted, _ = target.accept()
            except TimeoutError:
                return False
            accepted.close()
            return True
    finally:
        client.terminate()
        client.wait(timeout=10)
        target.close()


def _wait_listening(port: int) -> None:
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"ssh -L did not listen on {port}")


def test_the_browser_line_reaches_its_own_port_only(server, terminals):
    """The README's browser path: a key whose forced command is `rcro-tui web` and whose
    `permitopen` is that port; `ssh -L` reaches the app there with the printed token, and
    no other port."""
    web_port, local = free_port(), free_port()
    command = shlex.join([str(server.rcro_tui), "--db", str(server.db_path), "web",
                          "--user", "petrov", "--port", str(web_port)])
    line = (f'command="{command}",restrict,port-forwarding,pty,'
            f'permitopen="127.0.0.1:{web_port}" {server.public_key("petrov")}')
    server.install_keys(line)
    try:
        terminal = terminals(server.ssh_args("petrov", "-tt", "-L",
                                             f"{local}:127.0.0.1:{web_port}"))
        screen = terminal.wait_for("?token=")
        token = screen.split("?token=")[1].split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{local}/?token={token}",
                                    timeout=10) as response:
            assert response.status == 200 and "РЦРО · petrov" in response.read().decode()
        other = socket.create_server(("127.0.0.1", 0))
        other.settimeout(2)
        assert not _forwarded_reaches(server, "petrov", other)
    finally:
        server.install_keys("\n".join([server.forced_line("ivanova"),
                                       server.forced_line("petrov")]))
