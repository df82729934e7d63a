"""The process's peak memory, as the benchmarks and the start-up hook report it."""

from __future__ import annotations

import resource


def peak_memory_mb() -> float:
    """This process's peak resident memory (Linux's VmHWM: `ru_maxrss` keeps the peak of
    whatever process exec'd this one, a benchmark runner's for instance)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def give_back_freed() -> None:
    """Hand memory freed on the C heap back to the system (glibc's `malloc_trim`; nothing
    elsewhere). A large publish frees its events' facts (hundreds of MB of strings) before
    it writes the feeds; without this, glibc keeps those pages, and the process stays as
    large as at its peak while writing for the rest of the run."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
