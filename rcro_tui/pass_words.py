"""The Russian words of pass rules: a rule in one sentence, scores, places, «по математике».

Declension is done only where it is certain (one-word subjects ending in «-а»/«-ия», district
names of the «Кожевниковский район» / «г. Томск» shapes); anything else is quoted as it is,
so another region's names never come out wrong.
"""

from __future__ import annotations

from functools import lru_cache

from rcro_tui.i18n import count
from rcro_tui.pass_rules import Manual, PassRule, Quota, QuotaScope, Threshold

_ADJECTIVE = ("ий", "ый", "ой")


@lru_cache(maxsize=4096)
def score_text(score: float) -> str:
    """87 → «87», 87.5 → «87,5» (a Russian decimal comma)."""
    return f"{score:g}".replace(".", ",")


@lru_cache(maxsize=4096)
def subject_dative(subject: str) -> str:
    """«математика» → «по математике», «химия» → «по химии»; otherwise «по предмету «…»»."""
    word = subject.strip()
    if " " not in word and word.endswith("ия"):
        return f"по {word[:-1]}и"
    if " " not in word and len(word) > 2 and word.endswith("а") and word[-2] not in "аеиоуыэюя":
        return f"по {word[:-1]}е"
    return f"по предмету «{word}»"


@lru_cache(maxsize=4096)
def place_prepositional(name: str) -> str:
    """«Кожевниковский район» → «в Кожевниковском районе», «г. Томск» → «в г. Томске»."""
    words = name.split()
    if len(words) == 2 and words[1] in ("район", "округ") and words[0].endswith(_ADJECTIVE):
        return f"в {words[0][:-2]}ом {words[1]}е"
    if words[:1] == ["ЗАТО"]:
        return f"в {name}"
    if len(words) == 2 and words[0] == "г.":
        town = words[1]
        if town.endswith(_ADJECTIVE):
            return f"в г. {town[:-2]}ом"
        if town[-1].lower() in "бвгдзклмнпрстфхцчшщ":
            return f"в г. {town}е"
    return f"в районе «{name}»"


@lru_cache(maxsize=4096)
def place_text(first: int, last: int) -> str:
    """«1-е место», «2–3-е место» (shared)."""
    return f"{first}-е место" if first == last else f"{first}–{last}-е место"


def rank_text(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def grade_subject(subject: str, grade: int | None) -> str:
    """«для 9 класса по математике», «для 9 класса», «по математике», or «этапа»."""
    parts = []
    if grade is not None:
        parts.append(f"для {grade} класса")
    if subject:
        parts.append(subject_dative(subject))
    return " ".join(parts) or "этапа"


def describe(rule: PassRule) -> str:
    """The rule in one sentence, as the «Переход» tab and `stages rule` show it."""
    if isinstance(rule, Manual):
        text = "Вручную: координатор отмечает, кто проходит."
    elif isinstance(rule, Quota):
        text = _quota_words(rule)
    else:
        text = _threshold_words(rule)
    return f"{text} {rule.note}".strip() if rule.note else text


def _quota_words(rule: Quota) -> str:
    where = {QuotaScope.STAGE: "по этапу", QuotaScope.DISTRICT: "в каждом районе",
             QuotaScope.SCHOOL: "в каждой школе", QuotaScope.SESSION: "на каждой площадке"}
    within = [w for w, on in (("по каждому предмету", rule.by_subject),
                              ("в каждом классе", rule.by_grade)) if on]
    best = count(rule.n, "лучший", "лучших", "лучших")
    text = f"Первые {rule.n}: проходят {best} {where[rule.per]}"
    if within:
        text += " " + " и ".join(within)
    return f"{text}; равные баллы на границе: {rule.ties.label}."


def _threshold_words(rule: Threshold) -> str:
    parts = [f"{score_text(line.min_score)} {grade_subject(line.subject, line.grade)}"
             for line in rule.lines[:4]]
    if len(rule.lines) > 4:
        parts.append(f"ещё {count(len(rule.lines) - 4, 'строка', 'строки', 'строк')}")
    if rule.default is not None:
        parts.append(f"{score_text(rule.default)} для остальных")
    return "Проходной балл: " + "; ".join(parts) + "."
