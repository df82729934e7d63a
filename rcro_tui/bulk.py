"""Building tens of thousands of small immutable objects at once, without the cyclic GC.

A stage's advance preview or protocol makes a few tuples per entry — 100 000 and more for
a regional stage of 20 000. Every 700 new objects CPython runs a collection, and the older
generations' collections walk everything still alive (the previous preview the pane keeps
included): measured, that was a third to a half of the preview's time. The objects are
acyclic tuples and strings that reference counting frees, so there is nothing for the
collector to find; `gc_paused` switches it off while they are built and back on after
(it stays off if the caller had it off). Pure Python, imports nothing of ours.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (reference counting still frees)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
