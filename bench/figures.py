"""One figure of bench/run.py: its values, target, baseline and verdict, printed in one table.

Each benchmark script prints its own rows (`calendar_views.row`); the runner hands them
this module's `figure` instead, so every figure — milliseconds, seconds or megabytes —
comes back as data and lands in one table per scale, with the misses listed at the end.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import asdict, dataclass


@dataclass
class Figure:
    """Values in seconds (or MB for memory); `baseline` is measured in the same run."""

    name: str
    values: list[float]
    target: float | None = None
    baseline: float | None = None
    unit: str = "s"
    """«s» (printed as ms below one second of target) or «MB»."""

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def p95(self) -> float:
        ordered = sorted(self.values)
        return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]

    @property
    def judged(self) -> float:
        """What the target is held against: the p95 of five or more values, else the worst."""
        return self.p95 if len(self.values) >= 5 else max(self.values)

    @property
    def verdict(self) -> str:
        if self.target is None:
            return ""
        return "ok" if self.judged <= self.target else "MISS"

    def line(self) -> str:
        scale, unit = (1000, "ms") if self.unit == "s" and (self.target or 1) < 1 else (1, self.unit)
        fmt = (lambda v: f"{v * scale:9.0f}") if unit == "ms" else (lambda v: f"{v * scale:9.2f}")
        target = fmt(self.target) if self.target is not None else " " * 9
        base = fmt(self.baseline) if self.baseline else " " * 9
        ratio = f"{self.baseline / self.median:7.1f}×" if self.baseline and self.median else " " * 8
        return (f"{self.name[:58]:<58} {unit:>2}{fmt(self.median)}{fmt(self.p95)}{target}"
                f"{base}{ratio}  {self.verdict}")

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Figure:
        return cls(**json.loads(text))


HEADER = (f"{'what':<58} {'':>2}{'median':>9}{'p95':>9}{'target':>9}{'baseline':>9}"
          f"{'faster':>8}")


def figure(name: str, values: list[float], target: float | None = None,
           baseline: float | None = None, unit: str = "s") -> Figure:
    """The same arguments as the scripts' `row`: what they report becomes a `Figure`."""
    return Figure(name, [float(v) for v in values], target, baseline, unit)


def print_child_figures(figures: list) -> None:
    """A child process's figures (and notes) on stdout, one JSON line each, for the runner."""
    for item in figures:
        if isinstance(item, Figure):
            print("FIGURE " + item.to_json(), flush=True)
        else:
            print("NOTE " + str(item), flush=True)


def read_child_output(text: str) -> list:
    """The figures and notes a child printed (other lines are its own and are dropped)."""
    found: list = []
    for line in text.splitlines():
        if line.startswith("FIGURE "):
            found.append(Figure.from_json(line[7:]))
        elif line.startswith("NOTE "):
            found.append(line[5:])
    return found
