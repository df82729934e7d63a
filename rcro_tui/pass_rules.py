"""A stage's pass rule (правило перехода): what it is, and how it is stored as JSON.

Three kinds, as coordinators meet them:

- **Threshold** (проходной балл): a minimum score per subject and grade, with a default —
  how the all-Russian olympiad publishes its passing scores (ВсОШ: a table per subject × grade);
- **Quota** (первые N): the best N overall, in each district, school or session, optionally
  counted separately per subject and/or grade within each group; who is tied at the boundary
  either all passes («проходят все с равным баллом») or waits for the coordinator
  («решает координатор») — shown as undecided, never settled silently;
- **Manual** (вручную): the coordinator marks who passes.

The canonical JSON (`rule_json`) is what `db.advance.set_rule` writes; `parse_rule` also reads
every older shape the demo and early versions wrote (`{"kind": "top_n", "n": 2, "per":
"subject"}`, `{"kind": "threshold", "min_score": 20}`, `{"kind": "threshold", "by_grade":
{"9": 60}}`). Deciding who passes lives in `rcro_tui.pass_decide`. Pure Python.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from rcro_tui.errors import InputError
from rcro_tui.model import Labelled


class RuleKind(Labelled):
    THRESHOLD = "threshold", "проходной балл"
    QUOTA = "quota", "первые N"
    MANUAL = "manual", "вручную"


class QuotaScope(Labelled):
    """Where the N best are counted."""

    STAGE = "stage", "по этапу в целом"
    DISTRICT = "district", "в каждом районе"
    SCHOOL = "school", "в каждой школе"
    SESSION = "session", "на каждой площадке"


class TiePolicy(Labelled):
    ALL = "all", "проходят все с равным баллом"
    COORDINATOR = "coordinator", "решает координатор"


@dataclass(frozen=True)
class MinScore:
    """One line of a threshold table: the passing score for a subject and grade.

    An empty subject or a missing grade means «any»: the most specific line wins."""

    min_score: float
    subject: str = ""
    grade: int | None = None


@dataclass(frozen=True)
class Threshold:
    lines: tuple[MinScore, ...] = ()
    default: float | None = None
    note: str = ""
    kind = RuleKind.THRESHOLD

    def min_for(self, subject: str, grade: int | None) -> MinScore | None:
        """The line that applies to an entry (subject and grade, subject, grade, default)."""
        wanted = subject.strip().casefold()
        best: tuple[int, MinScore] | None = None
        for line in self.lines:
            if line.subject and line.subject.casefold() != wanted:
                continue
            if line.grade is not None and line.grade != grade:
                continue
            weight = 2 * bool(line.subject) + (line.grade is not None)
            if best is None or weight > best[0]:
                best = (weight, line)
        if best is not None:
            return best[1]
        return MinScore(self.default) if self.default is not None else None


@dataclass(frozen=True)
class Quota:
    n: int
    per: QuotaScope = QuotaScope.STAGE
    by_subject: bool = False
    by_grade: bool = False
    ties: TiePolicy = TiePolicy.ALL
    note: str = ""
    kind = RuleKind.QUOTA


@dataclass(frozen=True)
class Manual:
    note: str = ""
    kind = RuleKind.MANUAL


PassRule = Threshold | Quota | Manual


def rule_json(rule: PassRule) -> str:
    """The canonical JSON stored in `stages.pass_rule` (stable bytes: sorted keys)."""
    return json.dumps(rule_dict(rule), ensure_ascii=False, sort_keys=True)


def rule_dict(rule: PassRule) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": rule.kind.value}
    if isinstance(rule, Threshold):
        data["default"] = rule.default
        data["scores"] = [{"subject": line.subject, "grade": line.grade, "min": line.min_score}
                          for line in rule.lines]
    elif isinstance(rule, Quota):
        data.update(n=rule.n, per=rule.per.value, by_subject=rule.by_subject,
                    by_grade=rule.by_grade, ties=rule.ties.value)
    if rule.note:
        data["note"] = rule.note
    return data


def parse_rule(text: str | dict[str, Any] | None, *, stage: str = "") -> PassRule:
    """The rule stored for a stage, in any shape ever written; unknown shapes name the stage."""
    where = f"Этап «{stage}»: " if stage else ""
    try:
        data = json.loads(text) if isinstance(text, str) else (text or {"kind": "manual"})
        if not isinstance(data, dict):
            raise ValueError("ожидается объект JSON")
        return _from_dict(data)
    except (ValueError, TypeError, KeyError) as error:
        raise InputError(f"{where}правило перехода {str(text)[:80]} не распознано "
                         f"({_why(error)}). Задайте его заново (R — правило).") from None


def _why(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"нет поля {error.args[0]}"
    if isinstance(error, json.JSONDecodeError):
        return "это не JSON"
    return str(error)


def _from_dict(data: dict[str, Any]) -> PassRule:
    kind, note = data.get("kind"), str(data.get("note") or "")
    if kind == "manual":
        return Manual(note)
    if kind in ("quota", "top_n"):
        return _quota(data, note)
    if kind == "threshold":
        return _threshold(data, note)
    raise ValueError(f"неизвестный вид «{kind}»")


def _quota(data: dict[str, Any], note: str) -> Quota:
    n = data["n"]
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"N = {n!r}: ожидается целое число от 1")
    per = str(data.get("per") or "stage")
    by_subject = bool(data.get("by_subject"))
    if per == "subject":  # the demo's festivals: «the two best of each nomination»
        per, by_subject = "stage", True
    if per == "grade":
        per, by_grade = "stage", True
    else:
        by_grade = bool(data.get("by_grade"))
    try:
        scope, ties = QuotaScope(per), TiePolicy(data.get("ties") or "all")
    except ValueError as error:
        raise ValueError(f"неизвестное значение {error.args[0].split()[0]}") from None
    return Quota(n, scope, by_subject, by_grade, ties, note)


def _threshold(data: dict[str, Any], note: str) -> Threshold:
    default = data.get("default", data.get("min_score"))
    lines = [MinScore(_score(line["min"]), str(line.get("subject") or "").strip(),
                      _grade(line.get("grade"))) for line in data.get("scores", ())]
    lines += [MinScore(_score(score), "", _grade(grade))
              for grade, score in (data.get("by_grade") or {}).items()]
    if default is None and not lines:
        raise ValueError("не задан ни один проходной балл")
    return Threshold(tuple(lines), None if default is None else _score(default), note)


def _score(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"балл {value!r} — ожидается неотрицательное число")
    return float(value)


def _grade(value: Any) -> int | None:
    if value in (None, ""):
        return None
    grade = int(value)
    if not 1 <= grade <= 11:
        raise ValueError(f"класс {value!r} — ожидается число от 1 до 11")
    return grade

