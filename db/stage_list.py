"""What the «Отборы» screens and `rcro-tui stages show` read: a competition's card (its stages
in order) and a stage's sessions (district, host, date, event status, participants).

A session's event may have been cancelled in the calendar (or, in an old database, be gone):
the rows still show, marked, so nobody counts on a session that will not take place.
"""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from rcro_tui.i18n import count, date_span
from rcro_tui.model import EventFormat, EventKind, EventStatus, HighRatedList, StageLevel
from rcro_tui.rules import AcademicYear, grades_label
from rcro_tui.db import store
from rcro_tui.db.event_detail import describe_when
from rcro_tui.db.views import TableView, event_when

NO_EVENT = "мероприятие удалено"


def stage_dates(start: str | None, end: str | None) -> str:
    """«3–5 апреля 2023 г.», or «даты не указаны»."""
    if not start:
        return "даты не указаны"
    return date_span(date.fromisoformat(start), date.fromisoformat(end or start))


def level_label(level: str, name: str) -> str:
    """The level as shown; a freely named («другой») stage shows its name instead."""
    return name if level == StageLevel.OTHER.value else StageLevel.label_of(level)


def competition_facts(db: Database, competition_id: int) -> list[tuple[str, str]]:
    """The card's header: kind, year, programme, grades, subjects, list, organiser, final."""
    c = store.get_row(db, "competitions", competition_id)
    program = db.execute("SELECT COALESCE(NULLIF(short_name, ''), name) FROM programs "
                         "WHERE id = ?", [c["program_id"]]).fetchone()
    organizer = db.execute("SELECT COALESCE(NULLIF(short_name, ''), name) FROM organizations "
                           "WHERE id = ?", [c["organizer_org_id"]]).fetchone()
    final = db.execute("SELECT title, start_at, end_at FROM events WHERE id = ?",
                       [c["final_event_id"]]).fetchone()
    facts = [("Вид", EventKind.label_of(c["kind"])),
             ("Учебный год", str(AcademicYear(c["academic_year"]))),
             ("Программа", program[0] if program else "не указана"),
             ("Классы", grades_label(c["grades_from"], c["grades_to"]) or "любые"),
             ("Предметы", c["subjects"] or "любые"),
             ("Перечень", HighRatedList.label_of(c["high_rated"])),
             ("Организатор", organizer[0] if organizer else "не указан")]
    if final:
        facts.append(("Итоговое событие", f"{final[0]}, {describe_when(final[1], final[2])}"))
    return facts


def stages_view(db: Database, competition_id: int) -> TableView:
    """The competition's stages in their order, with dates, level, grades and counts."""
    title = store.get_row(db, "competitions", competition_id)["title"]
    view = TableView(f"Этапы · {title}", ("№", "Этап", "Уровень", "Даты", "Классы",
                                          "Площадок", "Участников"),
                     empty="Этапов нет: A — добавить этап.")
    for row in db.query("""
        SELECT s.*, (SELECT count(*) FROM stage_sessions ss WHERE ss.stage_id = s.id) AS sessions,
               (SELECT count(*) FROM entries e WHERE e.stage_id = s.id) AS entries
        FROM stages s WHERE s.competition_id = ? ORDER BY s.position""", [competition_id]):
        view.add(row["id"], str(row["position"]), row["name"],
                 level_label(row["level"], row["name"]),
                 stage_dates(row["start_date"], row["end_date"]),
                 grades_label(row["grades_from"], row["grades_to"]),
                 str(row["sessions"]), str(row["entries"]))
    return view


def sessions_view(db: Database, stage_id: int) -> TableView:
    """A stage's sessions: district, host, date, format, the event's status, participants."""
    stage = store.get_row(db, "stages", stage_id)
    view = TableView(f"Площадки · {stage['name']}",
                     ("Район", "Площадка", "Дата", "Формат", "Статус", "Участников"),
                     empty="Площадок нет: P — предложить по опорным школам, "
                           "O — дистанционно, G — в организации.")
    for row in db.query("""
        SELECT ss.id, COALESCE(d.name, '') AS district,
               COALESCE(NULLIF(o.short_name, ''), o.name, '') AS host,
               e.id AS event_id, e.start_at, e.end_at, e.format, e.status,
               (SELECT count(*) FROM entries en WHERE en.session_id = ss.id) AS entries
        FROM stage_sessions ss LEFT JOIN events e ON e.id = ss.event_id
        LEFT JOIN districts d ON d.id = ss.district_id
        LEFT JOIN organizations o ON o.id = ss.host_org_id
        WHERE ss.stage_id = ? ORDER BY d.sort_order IS NULL, d.sort_order, d.name, host, ss.id""",
                        [stage_id]):
        if row["event_id"] is None:
            when, form, status = "", "", NO_EVENT
        else:
            when = event_when(row["start_at"], row["end_at"])[0]
            form = EventFormat.label_of(row["format"])
            status = EventStatus.label_of(row["status"])
            if row["status"] == EventStatus.CANCELLED.value:
                status = status.upper()
        district = row["district"] or ("—" if row["format"] != EventFormat.ONLINE.value
                                       else "все районы")
        view.add(row["id"], district, row["host"] or "—", when, form, status,
                 str(row["entries"]))
    return view


def stage_header(db: Database, stage_id: int) -> list[tuple[str, str]]:
    """The stage screen's header: competition, stage, dates, registration, grades, subjects."""
    stage = store.get_row(db, "stages", stage_id)
    competition = store.get_row(db, "competitions", stage["competition_id"])
    facts = [("Конкурс", competition["title"]),
             ("Этап", f"{stage['position']}. {stage['name']} "
                      f"({level_label(stage['level'], stage['name'])})"),
             ("Даты", stage_dates(stage["start_date"], stage["end_date"]))]
    if stage["reg_start"]:
        facts.append(("Приём заявок", stage_dates(stage["reg_start"], stage["reg_end"])))
    facts += [("Классы", grades_label(stage["grades_from"], stage["grades_to"]) or "любые"),
              ("Предметы", stage["subjects"] or "любые")]
    if stage["max_score"] is not None:
        facts.append(("Макс. балл", f"{stage['max_score']:g}"))
    return facts


def facts_text(facts: list[tuple[str, str]]) -> str:
    """Aligned «Метка  значение» lines, as the screens and the CLI print them."""
    width = max((len(label) for label, _ in facts), default=0)
    return "\n".join(f"{label:<{width}}  {value}" for label, value in facts)


def session_event(db: Database, session_id: int) -> int | None:
    """The event behind a session (None if it is gone)."""
    row = db.execute("SELECT ss.event_id FROM stage_sessions ss JOIN events e ON "
                     "e.id = ss.event_id WHERE ss.id = ?", [session_id]).fetchone()
    return row[0] if row else None


def sessions_count(db: Database, stage_id: int) -> str:
    n = db.execute("SELECT count(*) FROM stage_sessions WHERE stage_id = ?",
                   [stage_id]).fetchone()[0]
    return count(n, "площадка", "площадки", "площадок")
