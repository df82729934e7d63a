"""Names typed in a command line turned into the ids and codes a filter stores.

`--district Томский`, `--host "СОШ № 32"`, `--kind олимпиада` and `--kind olympiad` all
work; a name that fits several rows is refused with the list, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.model import Labelled
from rcro_tui.db.event_filter import fold

_TABLES = {
    "programs": ("программа", "SELECT id, name, short_name FROM programs"),
    "districts": ("район", "SELECT id, name, '' AS short_name FROM districts"),
    "organizations": ("организация", "SELECT id, name, short_name FROM organizations"),
}
SHOWN = 10
"""How many candidates an «ambiguous name» message lists before «и ещё …»."""


def resolve_ids(db: Database, table: str, texts: Iterable[str], *, option: str) -> tuple[int, ...]:
    """Each text as one row id of `table` (programs, districts or organizations), in order."""
    return tuple(dict.fromkeys(resolve_id(db, table, text, option=option) for text in texts))


def resolve_id(db: Database, table: str, text: str, *, option: str) -> int:
    """An id as it is, or the one row whose name or short name is, or else contains, the text.

    Matching ignores case and «ё»/«е» and quotes: «Богашевская СОШ им. А.И. Федорова» finds
    «МБОУ «Богашевская СОШ им. А.И. Фёдорова»».
    """
    what, sql = _TABLES[table]
    rows = list(db.query(sql))
    wanted = text.strip()
    if wanted.isdigit():
        if any(row["id"] == int(wanted) for row in rows):
            return int(wanted)
        raise InputError(f"{option} {wanted}: нет такого номера ({what}).")
    key = _key(wanted)
    if not key:
        raise InputError(f"{option}: пустое значение — укажите название или номер.")
    exact = [r for r in rows if key in (_key(r["name"]), _key(r["short_name"]))]
    found = exact or [r for r in rows if key in _key(r["name"]) or key in _key(r["short_name"])]
    if len(found) == 1:
        return found[0]["id"]
    if not found:
        raise InputError(f"{option} «{wanted}»: не найдено ({what}). Проверьте написание "
                         f"или укажите номер; список: rcro-tui show {table}.")
    names = [f"{r['id']} «{r['short_name'] or r['name']}»" for r in found[:SHOWN]]
    more = f" и ещё {len(found) - SHOWN}" if len(found) > SHOWN else ""
    raise InputError(f"{option} «{wanted}»: подходит несколько — {', '.join(names)}{more}. "
                     "Уточните название или укажите номер.")


def _key(text: str) -> str:
    """A name as it is compared: folded, quotes and extra spaces dropped."""
    for quote in "«»\"'“”„":
        text = text.replace(quote, "")
    return " ".join(fold(text).split())


def resolve_codes(enum: type[Labelled], texts: Iterable[str], *, option: str) -> tuple[str, ...]:
    """Each text as a code of `enum`: the Russian label («олимпиада») or the code («olympiad»)."""
    return tuple(dict.fromkeys(resolve_code(enum, text, option=option) for text in texts))


def resolve_code(enum: type[Labelled], text: str, *, option: str) -> str:
    key = fold(text.strip())
    for member in enum:
        if key in (fold(member.value), fold(member.label)):
            return member.value
    labels = ", ".join(member.label for member in enum)
    raise InputError(f"{option} «{text}»: нет такого значения. Можно: {labels}.")
