"""Finding what a table is of from what a person types: a number, or a name.

`rcro-tui table district "Зырянский район"` and `… district 9` find the same district; a
name matches the official or short name whatever its case and «ё»; two matches are an error
that lists them, so a wrong table is never printed.
"""

from __future__ import annotations

from sqlite_utils import Database

from rcro_tui.errors import UserError

SOURCES = {
    "program": ("programs", "Программа", "не найдена", "SELECT id, name, short_name FROM programs"),
    "district": ("districts", "Муниципалитет", "не найден", "SELECT id, name, '' FROM districts"),
    "org": ("organizations", "Организация", "не найдена",
            "SELECT id, name, short_name FROM organizations"),
    "stage": ("stages", "Этап", "не найден",
              "SELECT s.id, c.title || ', ' || s.name, s.name FROM stages s "
              "JOIN competitions c ON c.id = s.competition_id"),
}


def _key(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


def resolve(db: Database, kind: str, text: str) -> int:
    """The id of the `kind` ("program", "district", "org", "stage") named or numbered `text`."""
    table, label, missing, sql = SOURCES[kind]
    text = text.strip()
    if text.isdigit():
        if db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [int(text)]).fetchone() is None:
            raise UserError(f"{label} № {text} {missing} в базе.")
        return int(text)
    wanted = _key(text)
    found = [(key, name) for key, name, short in db.execute(sql)
             if wanted in (_key(name), _key(short or ""))]
    if not found:
        raise UserError(f"{label} «{text}» {missing}: укажите номер или точное название.")
    if len(found) > 1:
        listed = "; ".join(f"№ {key} {name}" for key, name in found[:5])
        raise UserError(f"Название «{text}» подходит нескольким: {listed}. Укажите номер.")
    return found[0][0]
