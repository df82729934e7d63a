"""Cold start: `rcro-tui` started in a real pseudo-terminal, timed to its first frame with rows.

The app is started as a coordinator starts it (the console script, a 120×40 terminal,
`TERM=xterm-256color`), with `RCRO_FIRST_FRAME` set: at the frame that first shows the
opening screen's rows it writes the clock time, its peak memory and when its imports were
done, then exits. The first start of a run is not counted: it may compile bytecode (a
server's installed app has it), and the later ones are what every login waits for.
"""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

from figures import Figure

START_TARGETS = {"region": 1.0, "country": 1.5}


def start_once(db: Path, user: str) -> tuple[float, float, float]:
    """(seconds to the first frame, seconds to the end of imports, peak MB) of one start."""
    with tempfile.TemporaryDirectory() as folder:
        mark = Path(folder) / "first-frame"
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {key: value for key, value in os.environ.items()
               if key != "PYTHONDONTWRITEBYTECODE"}
        env.update(RCRO_FIRST_FRAME=str(mark), TERM="xterm-256color")
        command = [str(Path(sys.executable).parent / "rcro-tui"), "--db", str(db), "--user", user]
        started = time.time()
        child = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env,
                                 start_new_session=True)
        os.close(slave)
        reader = threading.Thread(target=_drain, args=(master,), daemon=True)
        reader.start()
        try:
            child.wait(timeout=120)
        finally:
            os.close(master)
        if not mark.exists():
            raise RuntimeError(f"rcro-tui ended ({child.returncode}) before its first frame")
        shown, peak, imported = (float(word) for word in mark.read_text().split())
    return shown - started, imported - started, peak


def _drain(master: int) -> None:
    """Read what the app draws, as a terminal would, so its writes never block."""
    try:
        while os.read(master, 65536):
            pass
    except OSError:
        pass


def start_figures(db: Path, scale: str, user: str, runs: int = 5) -> list:
    start_once(db, user)  # bytecode written, the file in the page cache: not counted
    starts = [start_once(db, user) for _ in range(runs)]
    return [Figure("cold start: process start to the first frame with rows",
                   [s[0] for s in starts], START_TARGETS[scale]),
            Figure("  of which: Python, Textual, sqlite-utils and the app imported",
                   [s[1] for s in starts]),
            Figure("  peak memory of the app at its first frame", [s[2] for s in starts],
                   unit="MB")]
