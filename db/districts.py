"""The region's districts as data: listed, and loaded from a CSV another region hands over.

A file as Excel saves it (UTF-8 with BOM or Windows-1251, `;` or `,`), with a header naming
the district column («Муниципальное образование», «Название», «name») and, optionally, a kind
column («Вид»: «городской округ» / «муниципальный район», or «округ» / «район»). Rows
already present (by name) are kept as they are; any bad row stops the import, nothing written.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.model import DistrictKind
from rcro_tui.rules import clean_text
from rcro_tui.db.network import add_district
from rcro_tui.db.network_overview import district_kinds

NAME_HEADERS = ("муниципальное образование", "название", "район", "мо", "name")
KIND_HEADERS = ("вид", "тип", "kind")


@dataclass(frozen=True)
class DistrictsImport:
    added: tuple[str, ...]
    kept: tuple[str, ...]


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1251")


def read_districts(text: str, *, source: str = "файл") -> list[tuple[str, DistrictKind]]:
    """(name, kind) per row; a missing kind is guessed from the name («г.», «ЗАТО», «округ»)."""
    dialect = ";" if text.splitlines()[0].count(";") >= text.splitlines()[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=dialect))
    header = [clean_text(cell).lower() for cell in rows[0]]
    name_at = next((i for i, h in enumerate(header) if h in NAME_HEADERS), None)
    if name_at is None:
        raise InputError(f"{source}: нет столбца с названием района (заголовок «Муниципальное "
                         "образование» или «Название»).")
    kind_at = next((i for i, h in enumerate(header) if h in KIND_HEADERS), None)
    kinds, found = district_kinds(), []
    for number, row in enumerate(rows[1:], start=2):
        name = clean_text(row[name_at]) if name_at < len(row) else ""
        if not name:
            continue
        word = clean_text(row[kind_at]).lower() if kind_at is not None and kind_at < len(row) else ""
        if word and word not in kinds:
            raise InputError(f"{source}, строка {number}: вид «{word}» не понят — пишите "
                             "«городской округ» или «муниципальный район». Ничего не загружено.")
        found.append((name, kinds[word] if word else _guess(name)))
    return found


def _guess(name: str) -> DistrictKind:
    urban = name.startswith(("г.", "ЗАТО", "город")) or "округ" in name.lower()
    return DistrictKind.URBAN_OKRUG if urban else DistrictKind.MUNICIPAL_DISTRICT


def import_districts(db: Database, path: Path, *, user: str) -> DistrictsImport:
    rows = read_districts(read_text(path), source=path.name)
    existing = {row[0] for row in db.execute("SELECT name FROM districts")}
    start = db.execute("SELECT COALESCE(max(sort_order), 0) FROM districts").fetchone()[0]
    added = []
    with db.atomic():
        for name, kind in rows:
            if name in existing:
                continue
            start += 1
            add_district(db, name, kind, user=user, sort_order=start)
            existing.add(name)
            added.append(name)
    return DistrictsImport(tuple(added), tuple(n for n, _ in rows if n not in added))
