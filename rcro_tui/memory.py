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
