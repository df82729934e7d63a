"""The helper process of a large publish: `python -m rcro_tui.exports.publish_helper`.

A plain child process that reads pickled calls on its stdin and writes pickled results on
its stdout, one at a time. Not `multiprocessing`: its «spawn» runs the parent's main script
again in the child (any script without a `__main__` guard would publish twice), and its
«fork» copies a threaded process (the app publishes from a thread) with whatever locks the
other threads held. Only functions of `rcro_tui.exports.publish_work` may be called.
"""

from __future__ import annotations

import importlib
import pickle
import subprocess
import sys
import traceback
from typing import Any, BinaryIO

from rcro_tui.errors import UserError

MODULE = "rcro_tui.exports.publish_work"


class Helper:
    """The parent's end: `submit` a call, do other work, then take its `result`."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", __name__],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.waiting = False

    def submit(self, function, *args: Any) -> "Helper":
        if self.waiting:
            raise RuntimeError("the helper is still busy with the previous call")
        if function.__module__ != MODULE:
            raise ValueError(f"the helper runs only {MODULE} functions")
        pickle.dump((function.__name__, args), self.process.stdin, pickle.HIGHEST_PROTOCOL)
        self.process.stdin.flush()
        self.waiting = True
        return self

    def result(self) -> Any:
        """The call's value; a problem the person can fix is raised as it was in the helper."""
        self.waiting = False
        try:
            status, value = pickle.load(self.process.stdout)
        except EOFError:
            raise RuntimeError("the publishing helper process ended unexpectedly") from None
        if status == "user-error":
            module, name, message = value
            kind = getattr(importlib.import_module(module), name, UserError)
            raise (kind if issubclass(kind, UserError) else UserError)(message)
        if status == "error":
            raise RuntimeError(f"the publishing helper failed:\n{value}")
        return value

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=60)
        if self.process.stdout:
            self.process.stdout.close()


def serve(calls: BinaryIO, results: BinaryIO) -> None:
    """Answer calls until the parent closes our stdin."""
    module = importlib.import_module(MODULE)
    while True:
        try:
            name, args = pickle.load(calls)
        except EOFError:
            return
        try:
            answer = ("ok", getattr(module, name)(*args))
        except UserError as error:
            answer = ("user-error", (type(error).__module__, type(error).__qualname__,
                                     error.message))
        except Exception:  # noqa: BLE001 - reported whole to the parent, which raises it
            answer = ("error", traceback.format_exc())
        pickle.dump(answer, results, pickle.HIGHEST_PROTOCOL)
        results.flush()


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
