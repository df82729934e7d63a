"""A pass rule typed by a person: the form's fields and the CLI's options, checked field by field.

A threshold table is typed one line per passing score, «предмет; класс; балл», where an empty
subject or grade means «любой»: «математика; 9; 75», «; 11; 65», «физика; ; 50». Every wrong
field gets its own Russian message (the form shows each beside its field).
"""

from __future__ import annotations

from dataclasses import dataclass

from rcro_tui.errors import InputError
from rcro_tui.pass_rules import (Manual, MinScore, PassRule, Quota, QuotaScope, RuleKind,
                                 Threshold, TiePolicy)
from rcro_tui.pass_words import score_text

LINE_HINT = "по строке на балл: «предмет; класс; балл», например «математика; 9; 75»"


class RuleProblems(InputError):
    """The typed rule is wrong; `problems` maps each field to what is wrong with it."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(" ".join(problems.values()))
        self.problems = problems


@dataclass(frozen=True)
class RuleFields:
    """What the form holds, as typed."""

    kind: str = RuleKind.QUOTA.value
    n: str = "3"
    per: str = QuotaScope.SESSION.value
    by_subject: bool = False
    by_grade: bool = False
    ties: str = TiePolicy.ALL.value
    default: str = ""
    lines: str = ""
    note: str = ""


def fields_of(rule: PassRule) -> RuleFields:
    """The form filled with a stored rule."""
    if isinstance(rule, Quota):
        return RuleFields(rule.kind.value, str(rule.n), rule.per.value, rule.by_subject,
                          rule.by_grade, rule.ties.value, note=rule.note)
    if isinstance(rule, Threshold):
        default = "" if rule.default is None else score_text(rule.default)
        return RuleFields(rule.kind.value, default=default, lines=lines_text(rule),
                          note=rule.note)
    return RuleFields(RuleKind.MANUAL.value, note=rule.note)


def lines_text(rule: Threshold) -> str:
    return "\n".join(f"{line.subject}; {'' if line.grade is None else line.grade}; "
                     f"{score_text(line.min_score)}" for line in rule.lines)


def rule_of(fields: RuleFields) -> PassRule:
    """The rule the fields describe, or RuleProblems naming each wrong field."""
    note = fields.note.strip()
    if fields.kind == RuleKind.MANUAL.value:
        return Manual(note)
    problems: dict[str, str] = {}
    if fields.kind == RuleKind.QUOTA.value:
        n = fields.n.strip()
        if not n.isdigit() or int(n) < 1:
            problems["n"] = f"N: «{fields.n}» — нужно целое число от 1, например 3."
        if problems:
            raise RuleProblems(problems)
        return Quota(int(n), QuotaScope(fields.per), fields.by_subject, fields.by_grade,
                     TiePolicy(fields.ties), note)
    default = None
    if fields.default.strip():
        try:
            default = parse_score(fields.default, what="Балл по умолчанию")
        except InputError as error:
            problems["default"] = error.message
    lines, wrong = parse_lines(fields.lines)
    if wrong:
        problems["lines"] = wrong
    if not problems and default is None and not lines:
        problems["lines"] = f"Проходной балл: задайте балл по умолчанию или {LINE_HINT}."
    if problems:
        raise RuleProblems(problems)
    return Threshold(tuple(lines), default, note)


def parse_lines(text: str) -> tuple[list[MinScore], str]:
    """The table's lines and, if any is wrong, one message naming the first wrong line."""
    lines: list[MinScore] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            lines.append(parse_line(raw))
        except InputError as error:
            return lines, f"Строка {number} «{raw.strip()}»: {error.message}"
    return lines, ""


def parse_line(raw: str) -> MinScore:
    """«математика; 9; 75» → MinScore(75, "математика", 9)."""
    parts = [p.strip() for p in raw.split(";")]
    if len(parts) != 3:
        raise InputError(f"ожидается {LINE_HINT}.")
    subject, grade, score = parts
    if grade and (not grade.isdigit() or not 1 <= int(grade) <= 11):
        raise InputError(f"класс «{grade}» — ожидается число от 1 до 11 или пусто (любой).")
    return MinScore(parse_score(score, what="балл"), subject, int(grade) if grade else None)


def parse_score(text: str, *, what: str) -> float:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise InputError(f"{what} «{text.strip()}» — не число.") from None
    if value < 0:
        raise InputError(f"{what} {text.strip()} не может быть отрицательным.")
    return value
