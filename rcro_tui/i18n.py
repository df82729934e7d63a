"""Russian dates, weekdays and plurals, written out by hand so no locale needs to be installed.

Servers rarely have ru_RU locales generated, and `strftime("%B")` gives the nominative month
(«апрель») where Russian dates need the genitive («19 апреля»).
"""

from __future__ import annotations

from datetime import date, datetime

MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля",
                   "августа", "сентября", "октября", "ноября", "декабря")
MONTHS_NOMINATIVE = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль",
                     "август", "сентябрь", "октябрь", "ноябрь", "декабрь")
WEEKDAYS_SHORT = ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс")
WEEKDAYS_LONG = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота",
                 "воскресенье")


def plural(n: int, one: str, few: str, many: str) -> str:
    """The word form for n: plural(5, "школа", "школы", "школ") == "школ"."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def count(n: int, one: str, few: str, many: str) -> str:
    """A number with its noun: count(5, "школа", "школы", "школ") == "5 школ"."""
    return f"{number(n)} {plural(n, one, few, many)}"


def number(n: int) -> str:
    """«40 000»: from five digits on, thousands apart by a no-break space, as Russian
    typesetting has it (four-digit numbers stay whole: «1304»)."""
    return f"{n:,}".replace(",", "\u00a0") if abs(n) >= 10_000 else str(n)


def date_short(day: date) -> str:
    """19.04.2022"""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def date_long(day: date) -> str:
    """«19 апреля 2022 г.»"""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def date_heading(day: date) -> str:
    """The agenda's day heading: «Пн, 19 апреля 2022 г.»"""
    return f"{WEEKDAYS_SHORT[day.weekday()]}, {date_long(day)}"


def time_range(start: datetime, end: datetime | None) -> str:
    """«14:00–17:00», or «14:00» when there is no end."""
    if end is None:
        return f"{start:%H:%M}"
    return f"{start:%H:%M}–{end:%H:%M}"


def date_span(first: date, last: date) -> str:
    """A compact inclusive span: «3–5 апреля 2023 г.», «30 марта – 2 апреля 2023 г.»."""
    if first == last:
        return date_long(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{date_long(last)}"
    if first.year == last.year:
        return f"{first.day} {MONTHS_GENITIVE[first.month - 1]} – {date_long(last)}"
    return f"{date_long(first)} – {date_long(last)}"


WEEKDAYS_EVERY = ("по понедельникам", "по вторникам", "по средам", "по четвергам",
                  "по пятницам", "по субботам", "по воскресеньям")
"""«каждую неделю по вторникам»: the weekday a weekly series falls on."""


def joined(items: list[str]) -> str:
    """«A», «A и B», «A, B и C»."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " и " + items[-1]


_ADJECTIVE = ("ий", "ый", "ой")


def place_genitive(name: str) -> str | None:
    """«Томский район» → «Томского района», «г. Томск» → «г. Томска»; None when unsure.

    Only the shapes whose declension is certain are changed (one adjective + «район»/«округ»,
    «г.» + one word, «ЗАТО …» which does not decline), so another region's names never come
    out wrong: the caller phrases the sentence differently when this returns None.
    """
    words = name.split()
    if len(words) == 2 and words[1] in ("район", "округ") and words[0].endswith(_ADJECTIVE):
        return f"{words[0][:-2]}ого {words[1]}а"
    if words[:1] == ["ЗАТО"]:
        return name
    if len(words) == 2 and words[0] == "г.":
        town = words[1]
        if town.endswith(_ADJECTIVE):
            return f"г. {town[:-2]}ого"
        if town[-1] in "оеиую":
            return name
        if town[-1].lower() in "бвгджзклмнпрстфхцчшщ":
            return f"г. {town}а"
    return None
