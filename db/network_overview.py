"""A programme's network at a glance: districts with their hub schools, the matrix, programmes.

Each table is one SQL query aggregated by the database (GROUP BY, group_concat), so it stays
quick with tens of thousands of organisations and memberships. «Active» means approved and
within its term on the given day; a membership's district is its own, else its organisation's.
"""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from rcro_tui.i18n import date_short
from rcro_tui.model import DistrictKind, ProgramKind, Role
from rcro_tui.db.views import TableView

NO_HUB = "⚠ нет опорной школы"
NO_DISTRICT = "(район не указан)"
MATRIX_ROLES = (Role.HUB, Role.BASE, Role.PILOT, Role.PARTICIPANT, Role.PARTNER)
"""The matrix's columns, in this order; the coordinator role is shown only where it exists."""

_ACTIVE = """
    SELECT m.role, COALESCE(m.district_id, o.district_id) AS district_id,
           COALESCE(NULLIF(o.short_name, ''), o.name) AS name
    FROM memberships m JOIN organizations o ON o.id = m.organization_id
    WHERE m.program_id = :program AND m.status = 'approved'
      AND (m.valid_until IS NULL OR m.valid_until >= :today)"""


def default_program(db: Database) -> int | None:
    """The programme with the most memberships (the one a coordinator most likely wants)."""
    row = db.execute("SELECT p.id FROM programs p LEFT JOIN memberships m ON m.program_id = p.id "
                     "GROUP BY p.id ORDER BY count(m.id) DESC, p.id LIMIT 1").fetchone()
    return row[0] if row else None


def program_name(db: Database, program_id: int) -> str:
    row = db.execute("SELECT COALESCE(NULLIF(short_name, ''), name) FROM programs WHERE id = ?",
                     [program_id]).fetchone()
    return row[0] if row else f"№{program_id}"


def districts_view(db: Database, program_id: int, today: date) -> TableView:
    """Per district: the hub school(s), participants, partners, open applications; ⚠ no hub."""
    view = TableView(f"Муниципалитеты · {program_name(db, program_id)}",
                     ("Муниципальное образование", "Опорные школы", "Участников", "Партнёров",
                      "Заявок"), empty="Муниципальные образования не загружены: "
                                       "rcro-tui districts import ФАЙЛ.csv")
    params = {"program": program_id, "today": today.isoformat()}
    for row in db.query(f"""
        WITH active AS MATERIALIZED ({_ACTIVE}),
        hubs AS MATERIALIZED (
            SELECT district_id, group_concat(name, '; ') AS hubs
            FROM (SELECT * FROM active WHERE role = 'hub' ORDER BY name) GROUP BY district_id),
        counts AS MATERIALIZED (
            SELECT district_id, count(CASE WHEN role = 'participant' THEN 1 END) AS participants,
                   count(CASE WHEN role = 'partner' THEN 1 END) AS partners
            FROM active GROUP BY district_id),
        pending AS MATERIALIZED (
            SELECT COALESCE(m.district_id, o.district_id) AS district_id, count(*) AS n
            FROM memberships m JOIN organizations o ON o.id = m.organization_id
            WHERE m.program_id = :program AND m.status IN ('applied', 'review') GROUP BY 1)
        SELECT d.id, d.name, h.hubs, COALESCE(c.participants, 0) AS participants,
               COALESCE(c.partners, 0) AS partners, COALESCE(p.n, 0) AS open
        FROM districts d LEFT JOIN hubs h ON h.district_id = d.id
        LEFT JOIN counts c ON c.district_id = d.id LEFT JOIN pending p ON p.district_id = d.id
        ORDER BY d.sort_order, d.name""", params):
        view.add(row["id"], row["name"], row["hubs"] or NO_HUB, str(row["participants"]),
                 str(row["partners"]), str(row["open"] or ""))
    return view


def matrix_view(db: Database, program_id: int, today: date) -> TableView:
    """Districts down the side, roles across, the active members' names in the cells."""
    params = {"program": program_id, "today": today.isoformat()}
    cells: dict[tuple[int | None, str], str] = {}
    for row in db.query(f"""
        SELECT district_id, role, group_concat(name, '; ') AS names
        FROM (SELECT * FROM ({_ACTIVE}) ORDER BY name) GROUP BY district_id, role""", params):
        cells[(row["district_id"], row["role"])] = row["names"]
    roles = [r for r in (*MATRIX_ROLES, Role.COORDINATOR)
             if r in MATRIX_ROLES[:1] or any(role == r.value for _, role in cells)]
    view = TableView(f"Матрица сети · {program_name(db, program_id)}",
                     ("Муниципальное образование", *(r.label for r in roles)),
                     empty="Муниципальные образования не загружены.")
    districts = [(row[0], row[1]) for row in db.execute(
        "SELECT id, name FROM districts ORDER BY sort_order, name")]
    if any(district is None for district, _ in cells):
        districts.append((None, NO_DISTRICT))
    for district_id, name in districts:
        hub = cells.get((district_id, Role.HUB.value), NO_HUB if district_id else "")
        others = [cells.get((district_id, r.value), "") for r in roles[1:]]
        view.add(district_id or 0, name, hub, *others)
    return view


def _span(first: str | None, last: str | None) -> str:
    if not first and not last:
        return ""
    shown = [date_short(date.fromisoformat(d)) if d else "…" for d in (first, last)]
    return "–".join(shown)


def programs_view(db: Database, today: date) -> TableView:
    """Programmes with their period, coordinator and active members by role."""
    view = TableView("Программы и проекты", ("№", "Программа", "Вид", "Период", "Координатор",
                                             "Опорных", "Базовых", "Участников", "Партнёров",
                                             "Заявок"), empty="Программ пока нет: A — добавить.")
    for row in db.query("""
        SELECT p.id, COALESCE(NULLIF(p.short_name, ''), p.name) AS name, p.kind, p.start_date,
               p.end_date, p.coordinator,
               count(CASE WHEN m.role = 'hub' AND m.active THEN 1 END) AS hubs,
               count(CASE WHEN m.role IN ('base', 'pilot') AND m.active THEN 1 END) AS bases,
               count(CASE WHEN m.role = 'participant' AND m.active THEN 1 END) AS participants,
               count(CASE WHEN m.role = 'partner' AND m.active THEN 1 END) AS partners,
               count(CASE WHEN m.status IN ('applied', 'review') THEN 1 END) AS open
        FROM programs p LEFT JOIN (
            SELECT program_id, role, status, status = 'approved' AND
                   (valid_until IS NULL OR valid_until >= ?) AS active FROM memberships) m
          ON m.program_id = p.id
        GROUP BY p.id ORDER BY p.start_date IS NULL, p.start_date, p.id""", [today.isoformat()]):
        view.add(row["id"], str(row["id"]), row["name"], ProgramKind.label_of(row["kind"]),
                 _span(row["start_date"], row["end_date"]), row["coordinator"],
                 *(str(row[k]) for k in ("hubs", "bases", "participants", "partners", "open")))
    return view


def district_kinds() -> dict[str, DistrictKind]:
    """What a districts file may write in its «вид» column."""
    words = {kind.value: kind for kind in DistrictKind}
    words.update({kind.label: kind for kind in DistrictKind})
    words.update({"го": DistrictKind.URBAN_OKRUG, "округ": DistrictKind.URBAN_OKRUG,
                  "район": DistrictKind.MUNICIPAL_DISTRICT, "мр": DistrictKind.MUNICIPAL_DISTRICT})
    return words
