"""Organisations listed the way the letters list them. Pure Python.

Seed 004 writes eleven schools as «МАОУ гимназия № 13, МАОУ лицей № 7, МАОУ СОШ №№ 32, 47,
50, 58 г. Томска, МБОУ «Богашевская СОШ им. А.И. Фёдорова», МБОУ «Октябрьская СОШ» Томского
района, …»: schools that differ only by number share one name with «№№», and a run of
neighbours in the same place names the place («г. Томска») once, after the last of them.
Official names are never rewritten otherwise: what is not grouped stays byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_NUMBERED = re.compile(r"^(?P<head>.*?\S)\s*№\s*(?P<number>\d+)(?P<tail>\D*)$")


@dataclass(frozen=True)
class Listed:
    """One organisation to list: its official name and, if known, its place in the genitive
    as names end with it («г. Томска», «Томского района»)."""

    name: str
    place: str = ""


@dataclass
class _Group:
    head: str
    tail: str
    place: str
    numbers: list[int] = field(default_factory=list)
    whole: str = ""
    """The name as written, kept for a group of one."""

    def text(self) -> str:
        if len(self.numbers) <= 1:
            return self.whole
        numbers = ", ".join(str(n) for n in sorted(set(self.numbers)))
        return f"{self.head} №№ {numbers}{self.tail}"


def split_place(name: str, place: str) -> tuple[str, str]:
    """(«МАОУ СОШ № 32», «г. Томска») from «МАОУ СОШ № 32 г. Томска»; («…», «») otherwise."""
    name = name.strip()
    if place and name.endswith(" " + place) and len(name) > len(place) + 1:
        return name[:-len(place) - 1].rstrip(), place
    return name, ""


def _balanced(text: str) -> bool:
    """The number is not inside quotes: «МБОУ «Кожевниковская СОШ № 2»» is not grouped."""
    return text.count("«") == text.count("»") and text.count('"') % 2 == 0


def _groups(items: Sequence[Listed]) -> list[_Group]:
    """Names that differ only by their number, merged in the order they first appear."""
    groups: list[_Group] = []
    by_key: dict[tuple[str, str, str], _Group] = {}
    for item in items:
        core, place = split_place(item.name, item.place)
        match = _NUMBERED.match(core)
        if match and _balanced(match["head"]) and _balanced(match["tail"]):
            key = (match["head"], match["tail"], place)
            if key in by_key:
                by_key[key].numbers.append(int(match["number"]))
                continue
            group = _Group(match["head"], match["tail"], place, [int(match["number"])], core)
            by_key[key] = group
        else:
            group = _Group(core, "", place, [], core)
        groups.append(group)
    return groups


def grouped_names(items: Sequence[Listed]) -> list[str]:
    """The list's entries: numbered names merged, each run of one place closed by that place."""
    entries: list[str] = []
    run: list[str] = []
    run_place = ""
    for group in _groups(items):
        if run and group.place != run_place:
            entries.extend(_close(run, run_place))
            run = []
        run.append(group.text())
        run_place = group.place
    if run:
        entries.extend(_close(run, run_place))
    return entries


def _close(run: list[str], place: str) -> list[str]:
    """A run of names in one place: the place follows the last name only."""
    if not place:
        return run
    return [*run[:-1], f"{run[-1]} {place}"]


def grouped_text(items: Sequence[Listed]) -> str:
    """One line: «МАОУ гимназия № 13, МАОУ лицей № 7, МАОУ СОШ №№ 32, 47, 50, 58 г. Томска»."""
    return ", ".join(grouped_names(items))
