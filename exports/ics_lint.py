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
