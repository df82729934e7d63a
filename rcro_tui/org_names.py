"""How organisation names are compared: the same school typed by two people is one school.

The official name is stored byte for byte («МБОУ «Кожевниковская СОШ № 2»»); what is
compared is its *key*: case and «ё» aside, quotes of every kind dropped, «№», «N», «No»
and «#» before a number written as «№», spaces and dots evened out. Pure Python.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rcro_tui.model import OrgKind

_BLANKED = str.maketrans({**{char: " " for char in "«»\"“”„‟‘’‚‛'`‹›.,;:()"},
                          **{char: "-" for char in "‐‑‒–—"}})
"""Quotes of every kind and punctuation gone, dashes made «-» (one C call, not a regex each)."""
_NUMBER_SIGN = re.compile(r"(?:\bno?|#)\s*(?=\d)")

LEGAL_FORMS = ("МАОУ", "МБОУ", "МКОУ", "МАУ ДО", "МБУ ДО", "МАОУ ДО", "МБОУ ДО", "МАУДО",
               "МБУДО", "ОГБОУ", "ОГАОУ", "ОГКОУ", "ОГБПОУ", "ОГАПОУ", "ОГБУ", "ОГАУ",
               "ОГБУК", "ФГАОУ ВО", "ФГБОУ ВО", "ФГБУН", "ФГБУ", "ГБОУ", "ГАОУ", "ЧОУ",
               "АНО", "ПАО", "АО", "ООО", "НПО", "МАУ", "МБУ", "МКУ")
"""Legal-form prefixes of Russian organisations, longest first where one begins another."""

_LEGAL_FORM = re.compile(
    r"^\s*(" + "|".join(re.escape(f) for f in sorted(LEGAL_FORMS, key=len, reverse=True))
    + r")(?=[\s«\"]|$)")

_KIND_WORDS: tuple[tuple[OrgKind, tuple[str, ...]], ...] = (
    (OrgKind.ADDITIONAL, ("дополнительного образования", " до ", "дод", "дворец творчества",
                          "дом детского творчества", "кванториум", "центр детского",
                          "станция юных", "дюсш", "музыкальная школа", "художественная школа",
                          "школа искусств")),
    (OrgKind.SCHOOL, ("сош", "оош", "нош", "школа", "гимназия", "лицей", "школа-интернат",
                      "кадетский корпус")),
    (OrgKind.COLLEGE, ("колледж", "техникум", "училище", "спо ")),
    (OrgKind.UNIVERSITY, ("университет", " во ", "академия", "институт образования")),
    (OrgKind.RESEARCH, ("научно-исследовательский", "институт", "со ран", "фгбун")),
    (OrgKind.MUSEUM, ("музей", "планетарий")),
    (OrgKind.COMPANY, ("пао", "ооо", " ао ", "нпо", "завод", "компания")),
)


def fold(text: str | None) -> str:
    """Case and «ё» aside, spacing evened: how a typed word is compared."""
    return " ".join(str(text or "").casefold().replace("ё", "е").split())


@lru_cache(maxsize=8192)
def name_key(name: str | None) -> str:
    """The comparable form of a name: «мбоу кожевниковская сош №2» for every way of typing it.

    «МБОУ "Кожевниковская СОШ N 2"», «мбоу «кожевниковская  сош №2»» and
    «МБОУ “Кожевниковская СОШ № 2”» all give the same key.
    """
    text = " ".join(str(name or "").casefold().replace("ё", "е").translate(_BLANKED).split())
    if "№" in text:  # string operations, not a regex: most school names have a «№»
        text = text.replace("№№", "№").replace("№ ", "№")
    if "#" in text or "n" in text:
        text = _NUMBER_SIGN.sub("№", text)
    if "-" in text:
        text = text.replace(" -", "-").replace("- ", "-")
    return text


def search_key(name: str | None, short_name: str | None, inn: str | None) -> str:
    """What the list's search looks in: the name's key, the short name's key and the INN."""
    return " | ".join(part for part in (name_key(name), name_key(short_name), inn or "") if part)


def search_words(query: str) -> list[str]:
    """The typed search as keys to find, each anywhere in `search_key` («кожев №2»)."""
    return name_key(query).split()


def legal_form_of(name: str) -> str:
    """The legal form a name begins with («МБОУ» of «МБОУ «Зырянская СОШ»»), or «»."""
    match = _LEGAL_FORM.match(name or "")
    return match[1] if match else ""


def kind_of(name: str) -> OrgKind:
    """A kind guessed from the name (a file without «Тип»): СОШ → school, музей → museum…"""
    text = f" {name_key(name)} "
    for kind, words in _KIND_WORDS:
        if any(word in text for word in words):
            return kind
    return OrgKind.OTHER


def district_key(name: str | None) -> str:
    """A district compared without «район», «г.», «МО»: «Кожевниковский» = «Кожевниковский район»."""
    words = name_key(name).split()
    dropped = {"район", "муниципальный", "мо", "городской", "округ", "г", "город", "зато",
               "образование"}
    kept = [word for word in words if word not in dropped]
    return " ".join(kept) or " ".join(words)
