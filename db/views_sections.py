"""Read-only tables of the networks, the selection stages and the feeds, for screens and `rcro-tui show`."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from rcro_tui.i18n import date_short
from rcro_tui.model import (DistrictKind, EntryResult, EntryStatus, HighRatedList,
                            MembershipStatus, OrgKind, ProgramKind, Role, StageLevel, Visibility)
from rcro_tui.rules import AcademicYear, grades_label
from rcro_tui.db.views import TableView


def _day(value: str | None) -> str:
    return date_short(date.fromisoformat(value)) if value else ""


def _span(first: str | None, last: str | None) -> str:
    if not first and not last:
        return ""
    if first == last or not last:
        return _day(first)
    return f"{_day(first)}–{_day(last)}"


def districts(db: Database) -> TableView:
    """Each municipality with its organisations and approved hub schools (none is a warning)."""
    view = TableView("Муниципальные образования",
                     ("Муниципальное образование", "Вид", "Организаций", "Опорных школ"),
                     empty="Муниципальные образования не загружены.")
    for row in db.query("""
        SELECT d.id, d.name, d.kind,
          (SELECT count(*) FROM organizations o WHERE o.district_id = d.id) AS orgs,
          (SELECT count(*) FROM memberships m JOIN organizations o ON o.id = m.organization_id
            WHERE m.role = 'hub' AND m.status = 'approved'
              AND COALESCE(m.district_id, o.district_id) = d.id) AS hubs
        FROM districts d ORDER BY d.sort_order, d.name"""):
        hubs = str(row["hubs"]) if row["hubs"] else "нет опорной школы"
        view.add(row["id"], row["name"], DistrictKind.label_of(row["kind"]), str(row["orgs"]),
                 hubs)
    return view


def organizations(db: Database) -> TableView:
    view = TableView("Организации", ("Организация", "Вид", "Муниципальное образование"),
                     empty="Организаций пока нет.")
    for row in db.query("""
        SELECT o.id, o.name, o.kind, COALESCE(d.name, '') AS district FROM organizations o
        LEFT JOIN districts d ON d.id = o.district_id
        ORDER BY d.sort_order IS NULL, d.sort_order, o.name"""):
        view.add(row["id"], row["name"], OrgKind.label_of(row["kind"]), row["district"])
    return view


def programs(db: Database) -> TableView:
    view = TableView("Программы и проекты", ("Программа", "Вид", "Период", "Координатор",
                                             "Организаций"), empty="Программ пока нет.")
    for row in db.query("""
        SELECT p.*, (SELECT count(DISTINCT organization_id) FROM memberships m
                     WHERE m.program_id = p.id AND m.status = 'approved') AS members
        FROM programs p ORDER BY p.start_date IS NULL, p.start_date, p.name"""):
        view.add(row["id"], row["name"], ProgramKind.label_of(row["kind"]),
                          _span(row["start_date"], row["end_date"]), row["coordinator"],
                          str(row["members"]))
    return view


def memberships(db: Database) -> TableView:
    view = TableView("Участие в сетях", ("Организация", "Программа", "Роль", "Статус",
                                         "Заявка", "Решение", "Документ"),
                     empty="Заявок и участников пока нет.")
    for row in db.query("""
        SELECT m.*, o.name AS org, COALESCE(NULLIF(p.short_name, ''), p.name) AS program
        FROM memberships m JOIN organizations o ON o.id = m.organization_id
        JOIN programs p ON p.id = m.program_id ORDER BY p.name, m.role, o.name"""):
        view.add(row["id"], row["org"], row["program"], Role.label_of(row["role"]),
                          MembershipStatus.label_of(row["status"]), _day(row["applied_on"]),
                          _day(row["decided_on"]), row["decision_doc"])
    return view


def competitions(db: Database) -> TableView:
    view = TableView("Конкурсы и олимпиады", ("Конкурс", "Учебный год", "Этапов", "Классы",
                                              "Перечень"), empty="Конкурсов пока нет.")
    for row in db.query("""
        SELECT c.*, (SELECT count(*) FROM stages s WHERE s.competition_id = c.id) AS stage_count
        FROM competitions c ORDER BY c.academic_year DESC, c.title"""):
        view.add(row["id"], row["title"], str(AcademicYear(row["academic_year"])),
                          str(row["stage_count"]), grades_label(row["grades_from"], row["grades_to"]),
                          HighRatedList.label_of(row["high_rated"]) if row["high_rated"] else "")
    return view


def stages(db: Database) -> TableView:
    view = TableView("Этапы", ("Конкурс", "Этап", "Уровень", "Даты", "Площадок", "Участников"),
                     empty="Этапов пока нет.")
    for row in db.query("""
        SELECT s.*, c.title,
          (SELECT count(*) FROM stage_sessions ss WHERE ss.stage_id = s.id) AS sessions,
          (SELECT count(*) FROM entries en WHERE en.stage_id = s.id) AS entry_count
        FROM stages s JOIN competitions c ON c.id = s.competition_id
        ORDER BY c.academic_year DESC, c.title, s.position"""):
        view.add(row["id"], row["title"], row["name"], StageLevel.label_of(row["level"]),
                          _span(row["start_date"], row["end_date"]), str(row["sessions"]),
                          str(row["entry_count"]))
    return view


def entries(db: Database) -> TableView:
    """Participants (children's names: shown to coordinators, never published in feeds)."""
    view = TableView("Участники этапов", ("Участник", "Класс", "Организация", "Этап", "Балл",
                                          "Результат", "Статус"), empty="Участников пока нет.")
    for row in db.query("""
        SELECT en.*, COALESCE(NULLIF(o.short_name, ''), o.name, '') AS org,
               s.name || ' — ' || c.title AS stage
        FROM entries en JOIN stages s ON s.id = en.stage_id
        JOIN competitions c ON c.id = s.competition_id
        LEFT JOIN organizations o ON o.id = en.organization_id
        ORDER BY c.academic_year DESC, c.title, s.position, en.score DESC, en.participant_name"""):
        score = "" if row["score"] is None else f"{row['score']:g}"
        view.add(row["id"], row["participant_name"], str(row["grade"] or ""), row["org"],
                          row["stage"], score, EntryResult.label_of(row["result"]),
                          EntryStatus.label_of(row["status"]))
    return view


def feed_tokens(db: Database) -> TableView:
    """Private feed tokens, hidden: a token is the secret part of a URL and never shown on screen."""
    view = TableView("Закрытые ленты организаций", ("Организация", "Выдан", "Статус"),
                     empty="Закрытых лент пока нет.")
    for row in db.query("""
        SELECT t.*, o.name FROM feed_tokens t JOIN organizations o ON o.id = t.organization_id
        ORDER BY o.name, t.id"""):
        status = f"отозван {row['revoked_at'][:10]}" if row["revoked_at"] else "действует"
        view.add(row["id"], row["name"], _day(row["created_at"][:10]),
                          status)
    return view


def visibility_by_year(db: Database) -> TableView:
    """How many events each academic year has per visibility: what public feeds will carry."""
    view = TableView("Мероприятия по доступу", ("Учебный год", *[v.label for v in Visibility]),
                     empty="Мероприятий пока нет.")
    counts: dict[int, dict[str, int]] = {}
    for row in db.query("SELECT substr(start_at, 1, 10) AS day, visibility, count(*) AS n "
                        "FROM events GROUP BY day, visibility"):
        year = AcademicYear.containing(date.fromisoformat(row["day"])).start_year
        per_year = counts.setdefault(year, {})
        per_year[row["visibility"]] = per_year.get(row["visibility"], 0) + row["n"]
    for year in sorted(counts, reverse=True):
        view.add(year, str(AcademicYear(year)),
                          *[str(counts[year].get(v.value, 0)) for v in Visibility])
    return view
