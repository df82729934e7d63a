"""The words of an official letter, agreed in number, case and gender. Pure Python.

Letters «О проведении …» and «Об итогах …» say «19 апреля 2022 года» (not «г.»), «с 14:00 до
17:00», «в смешанном формате», «приняли участие 62 человека» but «принял участие 21
человек», «из 11 образовательных организаций» but «из 21 образовательной организации». Each
phrase is one function here so the templates only place them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from rcro_tui.i18n import MONTHS_GENITIVE, plural
from rcro_tui.model import Attendance, EventFormat, EventKind, ProgramKind


@dataclass(frozen=True)
class Noun:
    """A noun phrase in the cases a letter needs, and its gender («m», «f», «n»)."""

    nominative: str
    genitive: str
    prepositional: str
    gender: str


KIND_NOUNS: dict[str, Noun] = {
    EventKind.OLYMPIAD: Noun("олимпиада", "олимпиады", "олимпиаде", "f"),
    EventKind.CONFERENCE: Noun("конференция", "конференции", "конференции", "f"),
    EventKind.CONTEST: Noun("конкурс", "конкурса", "конкурсе", "m"),
    EventKind.FESTIVAL: Noun("фестиваль", "фестиваля", "фестивале", "m"),
    EventKind.STRATEGY_SESSION: Noun("стратегическая сессия", "стратегической сессии",
                                     "стратегической сессии", "f"),
    EventKind.WEBINAR: Noun("вебинар", "вебинара", "вебинаре", "m"),
    EventKind.SEMINAR: Noun("семинар", "семинара", "семинаре", "m"),
    EventKind.ONLINE_HOUR: Noun("онлайн-час", "онлайн-часа", "онлайн-часе", "m"),
    EventKind.INTENSIVE: Noun("смена-интенсив", "смены-интенсива", "смене-интенсиве", "f"),
    EventKind.FORUM: Noun("форум", "форума", "форуме", "m"),
    EventKind.MASTER_CLASS: Noun("мастер-класс", "мастер-класса", "мастер-классе", "m"),
    EventKind.OTHER: Noun("мероприятие", "мероприятия", "мероприятии", "n"),
}

PROGRAM_GENITIVE: dict[str, str] = {
    ProgramKind.REGIONAL_NETWORK: "региональной сетевой программы",
    ProgramKind.FEDERAL_SITE: "проекта ФИП",
    ProgramKind.REGIONAL_PROJECT: "регионального проекта",
    ProgramKind.CENTRE: "программы",
    ProgramKind.OTHER: "программы",
}

FORMAT_WORDS: dict[str, str] = {
    EventFormat.IN_PERSON: "в очном формате",
    EventFormat.ONLINE: "в дистанционном формате",
    EventFormat.HYBRID: "в смешанном формате",
}

ATTENDANCE_WORDS: dict[str, str] = {
    Attendance.REMOTE: "дистанционное участие",
    Attendance.EITHER: "очное или дистанционное участие",
}
"""In person is what an invitation means unless it says otherwise: the seeds add nothing."""

PEOPLE = ("человек", "человека", "человек")
REMOTE_PART = "в том числе, для дистанционных участников"


def kind_noun(kind: str) -> Noun:
    """The noun of an event kind; an unknown stored kind reads as «мероприятие»."""
    return KIND_NOUNS.get(kind, KIND_NOUNS[EventKind.OTHER])


def date_words(day: date) -> str:
    """«19 апреля 2022 года»: the letters spell «года» out."""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} года"


def time_words(start: datetime, end: datetime | None) -> str:
    """«с 14:00 до 17:00», or «в 14:00» when there is no end or it equals the start."""
    if end is None or end == start:
        return f"в {start:%H:%M}"
    return f"с {start:%H:%M} до {end:%H:%M}"


def format_words(event_format: str) -> str:
    """«в смешанном формате»; empty for an unknown format (the sentence then omits it)."""
    return FORMAT_WORDS.get(event_format, "")


def held_verb(kind: str, *, future: bool) -> str:
    """«состоится» for an announcement; «состоялся/состоялась/состоялось» by the kind's gender."""
    if future:
        return "состоится"
    return {"m": "состоялся", "f": "состоялась", "n": "состоялось"}[kind_noun(kind).gender]


def is_singular(n: int) -> bool:
    """Russian agreement treats 1, 21, 101 … (but not 11, 111) as singular."""
    return n % 10 == 1 and n % 100 != 11


def count_words(n: int, forms: tuple[str, str, str] = PEOPLE) -> str:
    """«62 человека», «17 руководителей и педагогов» (forms: one, few, many)."""
    return f"{n} {plural(n, *forms)}"


def took_part(n: int) -> str:
    """The verb agreeing with a count: «принял участие 21 …», «приняли участие 62 …»."""
    return "принял участие" if is_singular(n) else "приняли участие"


def from_count(n: int, singular_genitive: str, plural_genitive: str) -> str:
    """After «из» the count takes the genitive: «из 21 организации», «из 11 организаций»."""
    return f"из {n} {singular_genitive if is_singular(n) else plural_genitive}"


def from_organizations(n: int) -> str:
    """«из 11 образовательных организаций», «из 1 образовательной организации»."""
    return from_count(n, "образовательной организации", "образовательных организаций")


def participants_sentence(kind: str, people: int | None, organizations: int | None) -> str:
    """«В стратегической сессии приняли участие 62 человека» (+ «из 11 … организаций»)."""
    if not people and not organizations:
        return ""
    place = f"В {kind_noun(kind).prepositional}"
    if not people:
        n = organizations or 0
        return (f"{place} {'приняла' if is_singular(n) else 'приняли'} участие "
                f"{count_words(n, ('образовательная организация', 'образовательные организации', 'образовательных организаций'))}")
    text = f"{place} {took_part(people)} {count_words(people)}"
    if organizations:
        text += " " + from_organizations(organizations)
    return text


_ABBREVIATION = re.compile(r"^\w[\w-]*[A-ZА-ЯЁ]")


def lower_first(text: str) -> str:
    """A list item starts small («презентация …»), unless it starts with an abbreviation
    («ТРЦ», «ОЦ «Сириус»», «МАОУ») or a quote."""
    text = text.strip()
    if not text or _ABBREVIATION.match(text) or not text[0].isupper():
        return text
    return text[0].lower() + text[1:]


PROPER_STARTS = ("всероссийск", "международн", "открыт", "межрегиональн", "областн")
"""Titles that begin a proper name («Всероссийская олимпиада школьников») keep their capital."""

_ADJECTIVE_ENDINGS = {  # nominative ending, gender -> (genitive, prepositional)
    ("ый", "m"): ("ого", "ом"), ("ой", "m"): ("ого", "ом"), ("ий", "m"): ("его", "ем"),
    ("ая", "f"): ("ой", "ой"), ("яя", "f"): ("ей", "ей"),
    ("ое", "n"): ("ого", "ом"), ("ее", "n"): ("его", "ем"),
}


def decline_adjective(word: str, gender: str, case: str) -> str | None:
    """«установочный» → «установочного» (case «genitive») or «установочном»; None if not one."""
    for (ending, of_gender), forms in _ADJECTIVE_ENDINGS.items():
        if of_gender == gender and word.endswith(ending) and len(word) > 3:
            new = forms[0] if case == "genitive" else forms[1]
            if ending == "ий" and word[-3] in "гкх":  # «всероссийский» → «всероссийского»
                new = "ого" if case == "genitive" else "ом"
            return word[:-2] + new
    return None


def title_case_form(title: str, kind: str, case: str = "genitive") -> str:
    """The title inside a sentence: «стратегической сессии проекта ФИП «Парк ЕНОТо»»,
    «установочного вебинара для …»; a title that does not name its kind is quoted after the
    kind: «конференции «Исследовательский дебют»». `case` is «genitive» or «prepositional»."""
    noun = kind_noun(kind)
    target = noun.genitive if case == "genitive" else noun.prepositional
    title = title.strip()
    words = title.split(" ")
    kind_words = noun.nominative.split(" ")
    for skip in range(0, 3):
        head = " ".join(words[skip:skip + len(kind_words)])
        if _folded(head) != _folded(noun.nominative):
            continue
        adjectives = [decline_adjective(_folded(w), noun.gender, case) for w in words[:skip]]
        if None in adjectives:
            break
        declined = [_like(w, a) for w, a in zip(words[:skip], adjectives)]  # type: ignore[arg-type]
        text = " ".join([*declined, target, *words[skip + len(kind_words):]]).rstrip()
        return text if _folded(text).startswith(PROPER_STARTS) else text[0].lower() + text[1:]
    quoted = title if title.startswith("«") and title.endswith("»") else f"«{title}»"
    return f"{target} {quoted}"


def title_genitive(title: str, kind: str) -> str:
    """«О проведении» + this: «стратегической сессии проекта ФИП «Парк ЕНОТо»»."""
    return title_case_form(title, kind, "genitive")


def _folded(text: str) -> str:
    return text.casefold().replace("ё", "е")


def _like(original: str, declined: str) -> str:
    """The declined word with the original's capital letter."""
    return declined[0].upper() + declined[1:] if original[:1].isupper() else declined


def program_phrase(kind: str | None, name: str, short_name: str = "") -> str:
    """«в рамках реализации проекта ФИП «Создание парка …» (далее – «Парк ЕНОТо»)», or «»."""
    if not name:
        return ""
    what = PROGRAM_GENITIVE.get(kind or "", "программы")
    later = f" (далее – «{short_name}»)" if short_name and short_name != name else ""
    return f"в рамках реализации {what} «{name}»{later}"


def agenda_item(title: str, *, remote: bool = False, start_time: str | None = None,
                end_time: str | None = None) -> str:
    """«презентация Проекта Парка ЕНОТо (в том числе, для дистанционных участников)»."""
    text = lower_first(title.rstrip(" .;"))
    if remote:
        text += f" ({REMOTE_PART})"
    times = "–".join(t for t in (start_time, end_time) if t)
    return f"{times} — {text}" if times else text


def audience_item(who: str, attendance: str, parts: str = "", note: str = "") -> str:
    """«руководители … (очное участие по персональным приглашениям)»: the note says how they
    attend; without one the attendance (and the agenda parts) is said, in person says nothing."""
    text = lower_first(who.rstrip(" .;"))
    if note:
        return f"{text} ({note.strip().rstrip('.;')})"
    how = ATTENDANCE_WORDS.get(attendance, "")
    if parts:
        how = (how or "участие") + f" в тактах {parts}"
    return f"{text} ({how})" if how else text


def list_items(items: list[str]) -> list[str]:
    """Bullets as the letters punctuate them: «;» after each, «.» after the last."""
    cleaned = [item.rstrip(" .;") for item in items if item.strip()]
    return [item + (";" if i < len(cleaned) - 1 else ".") for i, item in enumerate(cleaned)]


def span_words(first: date, last: date) -> str:
    """«19 апреля 2022 года»; «с 3 по 5 апреля 2023 года»; «с 30 марта по 2 апреля 2023 года»;
    «с 30 декабря 2022 года по 2 января 2023 года»."""
    if first == last:
        return date_words(first)
    if first.year != last.year:
        return f"с {date_words(first)} по {date_words(last)}"
    if first.month != last.month:
        return f"с {first.day} {MONTHS_GENITIVE[first.month - 1]} по {date_words(last)}"
    return f"с {first.day} по {date_words(last)}"


def registration_words(reg_start: date | datetime | None, reg_end: date | datetime | None,
                       event_day: date) -> str:
    """«Регистрация участников с 13:30 до 13:50» on the event's own day; otherwise the
    application window: «Приём заявок с 1 по 10 апреля 2022 года», «… до 10 апреля …»."""
    if reg_start is None and reg_end is None:
        return ""
    first = _day_of(reg_start) if reg_start else None
    last = _day_of(reg_end) if reg_end else None
    if (isinstance(reg_start, datetime) and first == event_day
            and (reg_end is None or (isinstance(reg_end, datetime) and last == event_day))):
        return f"Регистрация участников {time_words(reg_start, reg_end)}"  # type: ignore[arg-type]
    if first and last:
        return f"Приём заявок {span_words(first, last)}"
    if last:
        return f"Приём заявок до {date_words(last)}"
    return f"Приём заявок с {date_words(first)}"  # type: ignore[arg-type]


def _day_of(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def planned_parts(n: int) -> str:
    """«запланирован 1 такт», «запланированы 4 такта», «запланированы 5 тактов»."""
    return f"{'запланирован' if is_singular(n) else 'запланированы'} {count_words(n, ('такт', 'такта', 'тактов'))}"


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]
