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


_CHOICES = {
    "program": "SELECT id, COALESCE(NULLIF(short_name, ''), name) FROM programs ORDER BY 2",
    "district": "SELECT id, name FROM districts ORDER BY sort_order, name",
    "org": "SELECT o.id, o.name || COALESCE(' (' || d.name || ')', '') FROM organizations o "
           "LEFT JOIN districts d ON d.id = o.district_id ORDER BY o.name",
    "stage": "SELECT s.id, c.title || ' — ' || s.name || ' (' || c.academic_year || '/' || "
             "(c.academic_year + 1) || ')' FROM stages s JOIN competitions c "
             "ON c.id = s.competition_id ORDER BY c.academic_year DESC, c.title, s.position",
}


def choices(db: Database, kind: str) -> list[tuple[int, str]]:
    """(id, label) of everything a table can be of, as the screen's picker lists them."""
    return [(row[0], row[1]) for row in db.execute(_CHOICES[kind])]


def first_choice(db: Database, kind: str) -> int | None:
    """What a table is of before anything is chosen: the programme with the most members,
    the first district, organisation or the latest stage with participants."""
    if kind == "program":
        from rcro_tui.db.network_overview import default_program
        return default_program(db)
    if kind == "stage":
        row = db.execute("SELECT s.id FROM stages s JOIN competitions c "
                         "ON c.id = s.competition_id WHERE EXISTS (SELECT 1 FROM entries e "
                         "WHERE e.stage_id = s.id) ORDER BY c.academic_year DESC, c.id, "
                         "s.position LIMIT 1").fetchone()
        return row[0] if row else None
    found = choices(db, kind)
    return found[0][0] if found else None
