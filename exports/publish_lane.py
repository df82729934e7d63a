"""The helper process's lane: calls handed to it in order, and lists of batches shared with it.

A large publish is two kinds of work, each splittable into batches: writing and linting the
events' texts, and joining and writing the feeds. A fixed split between this process and the
helper finished one side a second or more before the other whenever a guessed cost was off
(the printable tables, the pages, or another job on the server). Here each shared list is a
queue: this process takes batches from its front, the helper's lane from its back, and both
stop when it is empty, so they finish within one batch of each other on any machine.

The lane is one thread that owns the helper's pipe; it mostly waits for the helper's answer,
holding no lock that this process's own work needs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from queue import SimpleQueue
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from rcro_tui.exports.publish_helper import Helper

B = TypeVar("B")
R = TypeVar("R")


class SharedBatches(Generic[B, R]):
    """Batches taken from both ends; each batch's result kept at its place. A batch taken is
    let go of (its place in the list is emptied): a country's events, once their texts are
    made, are not held to the end of the publish."""

    def __init__(self, batches: list[B]) -> None:
        self.batches: list[B | None] = batches  # type: ignore[assignment]
        self.front, self.back = 0, len(batches)
        self.lock = threading.Lock()
        self.results: list[R | None] = [None] * len(batches)
        self.done = 0
        """Batches finished by either side (read by this process's progress bar)."""

    def take_front(self) -> tuple[int, B] | None:
        with self.lock:
            if self.front >= self.back:
                return None
            self.front += 1
            return self._take(self.front - 1)

    def take_back(self) -> tuple[int, B] | None:
        with self.lock:
            if self.front >= self.back:
                return None
            self.back -= 1
            return self._take(self.back)

    def _take(self, place: int) -> tuple[int, B]:
        batch, self.batches[place] = self.batches[place], None
        return place, batch  # type: ignore[return-value]

    def keep(self, place: int, result: R) -> None:
        self.results[place] = result
        self.done += 1

    def abandon(self) -> None:
        """Nothing more is taken (this process failed: the helper stops after its batch)."""
        with self.lock:
            self.back = self.front


class HelperLane:
    """A thread that hands the helper process its calls in order (`call`, `share`)."""

    def __init__(self, helper: Helper) -> None:
        self.helper = helper
        self.holds: set[int] = set()
        """Events whose texts the helper process made and kept (`publish_work`)."""
        self.jobs: SimpleQueue[Callable[[], None] | None] = SimpleQueue()
        self.thread = threading.Thread(target=self._run, name="publish-helper-lane",
                                       daemon=True)
        self.thread.start()

    def call(self, function: Callable[..., R], *args: Any) -> Future[R]:
        """Run `function(*args)` in the helper after the calls before it."""
        answer: Future[R] = Future()

        def job() -> None:
            try:
                answer.set_result(self.helper.submit(function, *args).result())
            except BaseException as error:  # noqa: BLE001 - handed to whoever waits
                answer.set_exception(error)
        self.jobs.put(job)
        return answer

    def share(self, batches: SharedBatches[B, R], function: Callable[..., R],
              *fixed: Any) -> Future[None]:
        """Take batches from the back of `batches` and run `function(*fixed, batch)` on each
        in the helper, until none is left; the future is done when the helper's last batch is."""
        finished: Future[None] = Future()

        def job() -> None:
            try:
                while (taken := batches.take_back()) is not None:
                    place, batch = taken
                    batches.keep(place, self.helper.submit(function, *fixed, batch).result())
                finished.set_result(None)
            except BaseException as error:  # noqa: BLE001 - handed to whoever waits
                batches.abandon()
                finished.set_exception(error)
        self.jobs.put(job)
        return finished

    def close(self) -> None:
        """Finish the calls handed over, then let the helper process end."""
        self.jobs.put(None)
        self.thread.join()
        self.helper.close()

    def _run(self) -> None:
        while (job := self.jobs.get()) is not None:
            job()


def run_shared(batches: list[B], local: Callable[[B], R], lane: HelperLane | None,
               remote: tuple[Callable[..., R], ...] = (), *,
               before: Callable[[], None] | None = None,
               progress: Callable[[int], None] | None = None) -> list[R]:
    """Every batch's result, in order: `local(batch)` here from the front and, in the helper
    from the back, `remote` — a function and the arguments that come before the batch (no
    lane: all here). `before` runs here first, while the helper already works; `progress`
    gets the number of batches done after each of this process's. `batches` is emptied as
    they are taken."""
    shared: SharedBatches[B, R] = SharedBatches(batches)
    theirs = lane.share(shared, *remote) if lane is not None else None
    try:
        if before is not None:
            before()
        while (taken := shared.take_front()) is not None:
            place, batch = taken
            shared.keep(place, local(batch))
            if progress is not None:
                progress(shared.done)
    except BaseException:
        shared.abandon()
        raise
    if theirs is not None:
        theirs.result()
    return shared.results  # type: ignore[return-value]
