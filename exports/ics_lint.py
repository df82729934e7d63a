"""`rcro-tui lint FILE.ics`: an iCalendar file checked against ICS-NOTES and RFC 5545 basics.

Each rule of ICS-NOTES.md broken by a real publisher cost schools duplicated, shifted or
lost events; the linter names the rule, the line and what to do, in Russian. Publishing runs
it on every feed and keeps the old file of a feed it refuses. It reads raw bytes itself
(line ends and folds are part of what it checks), so any file, however broken, gets findings
rather than a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

from rcro_tui.exports.ics_lint_rules import check_components
from rcro_tui.exports.ics_lint_lines import Line, unfold


@dataclass(frozen=True)
class Finding:
    """One problem: where (a physical line, 0 for the whole file), which rule, what."""

    line: int
    rule: int
    message: str

    def text(self) -> str:
        where = f"строка {self.line}" if self.line else "файл"
        return f"{where}: [правило {self.rule}] {self.message}"


def lint(data: bytes) -> list[Finding]:
    """Every finding in the file, by line."""
    findings: list[Finding] = []
    lines = unfold(data, lambda line, rule, message: findings.append(Finding(line, rule, message)))
    check_components(lines, lambda line, rule, message: findings.append(
        Finding(line, rule, message)))
    return sorted(set(findings), key=lambda f: (f.line, f.rule, f.message))


__all__ = ["Finding", "Line", "lint"]


BATCH = 400


def lint_events(head: bytes, zones: bytes, texts: dict[int, bytes]) -> dict[int, list[Finding]]:
    """Findings of each event's VEVENT text, each text linted once for every feed it is in.

    Texts are checked in batches inside a calendar made of `head` and `zones` (which must
    cover every event), and each finding goes back to the event whose lines it is on.
    """
    found: dict[int, list[Finding]] = {}
    keys = sorted(texts)
    head_lines = (head + zones).count(b"\r\n")
    for start in range(0, len(keys), BATCH):
        batch = keys[start:start + BATCH]
        bounds, line = [], head_lines
        for key in batch:
            line += texts[key].count(b"\r\n")
            bounds.append(line)
        data = b"".join([head, zones, *(texts[key] for key in batch), b"END:VCALENDAR\r\n"])
        for finding in lint(data):
            owner = _owner(finding.line, head_lines, bounds)
            if owner is not None:
                found.setdefault(batch[owner], []).append(finding)
    return found


def _owner(line: int, head_lines: int, bounds: list[int]) -> int | None:
    """The index of the text that holds physical `line` (1-based); None for the frame."""
    if line <= head_lines:
        return None
    low, high = 0, len(bounds) - 1
    while low < high:
        middle = (low + high) // 2
        if bounds[middle] >= line:
            high = middle
        else:
            low = middle + 1
    return low if line <= bounds[-1] else None
