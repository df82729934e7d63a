"""A real OpenSSH server on a loopback port for the end-to-end tests (test_ssh_login, test_ssh_roles).

What the README's deployment section sets up, in a temp folder: a service account that owns the
database (a fresh system user with `*` as its password field, so sshd does not take it for
locked; removed afterwards), its rcro-tui, an authorized_keys file of forced commands, and
`sshd -D -e -f <config>` with a throw-away host key, `UsePAM no`. As root the account is
created; otherwise sshd runs as the current user, who is then the account (StrictModes off,
since a temp folder's parents are not the account's). Nothing is installed from here: Debian's
openssh-server comes from `.ci/run`, and when the account cannot reach this test's interpreter
(it lives in root's private home) it gets its own venv from uv's offline cache, as a
deployment installs rcro-tui for its account.

The client side: `ssh -tt` in a private tmux server, so the test reads the screen the person
would see (capture-pane), and sends keys the way they would type them.
"""

from __future__ import annotations

import getpass
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if Path("/usr/sbin/sshd").exists() else None)
TMUX = shutil.which("tmux")
needs_sshd = pytest.mark.skipif(
    (SSHD is None or TMUX is None) and not os.environ.get("CI"),
    reason="OpenSSH server or tmux is not installed (apt-get install openssh-server tmux)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """A command that must succeed; its output is in the assertion when it does not."""
    done = subprocess.run(args, capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{shlex.join(args)} → {done.returncode}\n{done.stdout}{done.stderr}"
    return done


@dataclass
class SshServer:
    """The running sshd and everything the tests need to log in to it."""

    base: Path
    login: str
    port: int
    rcro_tui: Path
    db_path: Path
    keys: dict[str, Path] = field(default_factory=dict)

    @property
    def authorized_keys(self) -> Path:
        return self.base / "authorized_keys"

    def public_key(self, name: str) -> str:
        return self.keys[name].with_suffix(".pub").read_text().strip()

    def forced_line(self, user: str, key: str | None = None) -> str:
        """The line `rcro-tui users authorized-keys` prints (contract 3): forced command, restrict, pty."""
        command = shlex.join([str(self.rcro_tui), "--db", str(self.db_path), "--user", user])
        return f'command="{command}",restrict,pty {self.public_key(key or user)}'

    def install_keys(self, text: str) -> None:
        """Write authorized_keys as the account would have it (readable by the account)."""
        self.authorized_keys.write_text(text if text.endswith("\n") else text + "\n")
        self.authorized_keys.chmod(0o644)

    def ssh_args(self, key: str, *extra: str) -> list[str]:
        """The client command: this key only, no config, no agent, no known_hosts."""
        return ["ssh", "-F", "/dev/null", "-i", str(self.keys[key]), "-p", str(self.port),
                "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "IdentityAgent=none",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "LogLevel=ERROR", *extra, f"{self.login}@127.0.0.1"]

    def as_account(self, *args: str) -> list[str]:
        """A command run as the service account (as is, when the account is the current user)."""
        if self.login == getpass.getuser():
            return list(args)
        return ["runuser", "-u", self.login, "--", *args]


@contextmanager
def ssh_server(demo_master: Path, key_names: tuple[str, ...]) -> Iterator[SshServer]:
    """Start sshd for a fresh service account holding a copy of the demo database."""
    assert SSHD and TMUX, "openssh-server and tmux must be installed in CI (.ci/run installs them)"
    base = Path(tempfile.mkdtemp(prefix="rcro-ssh-"))
    base.chmod(0o755)
    login = _create_account(base) if os.geteuid() == 0 else getpass.getuser()
    sshd = None
    try:
        server = SshServer(base, login, free_port(), _account_rcro_tui(base, login),
                           base / "data" / "rcro.sqlite")
        _give_database(server, demo_master)
        for name in key_names:
            server.keys[name] = _make_key(base / "keys", name)
        server.install_keys("")
        sshd = _start_sshd(server)
        yield server
    finally:
        if sshd is not None:
            sshd.terminate()
            sshd.wait(timeout=10)
        if login != getpass.getuser():
            _end_processes_of(login)
            subprocess.run(["userdel", "--force", login], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def _end_processes_of(login: str) -> None:
    """The throw-away account's processes (an app whose client was cut mid-start), each by
    its id, so the account can be removed and nothing of the test outlives it."""
    uid = int(run("id", "-u", login).stdout)
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and entry.stat().st_uid == uid:
                os.kill(int(entry.name), signal.SIGKILL)
        except (FileNotFoundError, ProcessLookupError):
            pass


def _create_account(base: Path) -> str:
    """A system user like the README's `rcro`, with a shell (sshd runs forced commands through
    it) and `*` as its password field: a fresh account's `!` makes sshd refuse it as locked."""
    login = f"rcro-test-{secrets.token_hex(3)}"
    run("useradd", "--system", "--user-group", "--shell", "/bin/sh",
        "--home-dir", str(base / "home"), "--create-home", login)
    run("usermod", "-p", "*", login)
    return login


def _account_rcro_tui(base: Path, login: str) -> Path:
    """This test's rcro-tui when the account can run it, else the account's own venv."""
    ours = Path(sys.executable).parent / "rcro-tui"
    probe = ([] if login == getpass.getuser() else ["runuser", "-u", login, "--"])
    if subprocess.run([*probe, str(ours), "--version"], capture_output=True).returncode == 0:
        return ours
    uv = ROOT / ".tools" / "uv" / "bin" / "uv"
    env = dict(os.environ, UV_PROJECT_ENVIRONMENT=str(base / "venv"),
               UV_PYTHON=shutil.which("python3", path="/usr/bin") or "python3",
               UV_PYTHON_DOWNLOADS="never")
    run(str(uv if uv.exists() else shutil.which("uv")), "sync", "--project", str(ROOT),
        "--frozen", "--offline", "--no-default-groups", "--quiet", env=env)
    run(*probe, str(base / "venv" / "bin" / "rcro-tui"), "--version")
    return base / "venv" / "bin" / "rcro-tui"


def _give_database(server: SshServer, demo_master: Path) -> None:
    """The demo region in a folder the account owns (SQLite's WAL files are made beside it)."""
    server.db_path.parent.mkdir()
    shutil.copyfile(demo_master, server.db_path)
    if os.geteuid() == 0:
        run("chown", "-R", f"{server.login}:", str(server.db_path.parent))


def _make_key(folder: Path, name: str) -> Path:
    folder.mkdir(mode=0o700, exist_ok=True)
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(folder / name))
    return folder / name


def _start_sshd(server: SshServer) -> subprocess.Popen:
    """sshd in the foreground with a temp config; forwarding is allowed server-wide, so any
    refusal the tests see comes from the authorized_keys options (restrict, permitopen)."""
    base = server.base
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(base / "host_key"))
    (base / "sshd_config").write_text(
        f"ListenAddress 127.0.0.1\nPort {server.port}\nHostKey {base / 'host_key'}\n"
        f"PidFile {base / 'sshd.pid'}\nUsePAM no\nStrictModes no\n"
        f"AuthorizedKeysFile {server.authorized_keys}\nAllowUsers {server.login}\n"
        "PubkeyAuthentication yes\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n"
        "AllowTcpForwarding yes\nX11Forwarding no\nPrintMotd no\nLogLevel VERBOSE\n")
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation (no systemd here)
    log = (base / "sshd.log").open("wb")
    process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(base / "sshd_config")],
                               stdout=log, stderr=subprocess.STDOUT)
    for _ in range(100):
        assert process.poll() is None, (base / "sshd.log").read_text()
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", server.port)) == 0:
                return process
        time.sleep(0.05)
    raise AssertionError("sshd did not listen: " + (base / "sshd.log").read_text())


class Terminal:
    """A tmux pane (its own tmux server) running one client command, read as a screen."""

    def __init__(self, command: list[str], *, width: int = 100, height: int = 30) -> None:
        self.socket = f"rcro-ssh-{secrets.token_hex(4)}"
        self._tmux("new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height),
                   shlex.join(command))
        self._tmux("set-option", "-t", "t", "remain-on-exit", "on")

    def _tmux(self, *args: str) -> str:
        return run(TMUX, "-L", self.socket, *args).stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, text: str, timeout: float = 20) -> str:
        """The screen once `text` is on it (the assertion shows the last screen otherwise)."""
        deadline, screen = time.monotonic() + timeout, ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"«{text}» never appeared; the screen:\n{screen}")

    def wait_gone(self, text: str, timeout: float = 20) -> str:
        """The screen once `text` has left it (a dialog closed)."""
        deadline, screen = time.monotonic() + timeout, ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text not in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"«{text}» stayed; the screen:\n{screen}")

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "t", *keys)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", "t", "-l", text)

    def ended(self) -> bool:
        return self._tmux("display-message", "-p", "-t", "t", "#{pane_dead}").strip() == "1"

    def close(self) -> None:
        subprocess.run([TMUX, "-L", self.socket, "kill-server"], capture_output=True)
