"""Read-only views of the calendar, as tables of Russian text that screens and the CLI both show.

A `TableView` is the shared shape: the screen puts it into a DataTable, `rcro-tui show`
prints it through tabulate. The screens therefore show exactly what the CLI prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlite_utils import Database

from rcro_tui.i18n import date_short
from rcro_tui.model import EventFormat, EventKind, EventStatus, Visibility
from rcro_tui.rules import AcademicYear, parse_moment
from rcro_tui.db.conflicts import marked_events, warnings_in


@dataclass(frozen=True)
class TableView:
    """A titled table of display strings; `keys[i]` identifies the database row behind `rows[i]`."""

    title: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    keys: list[int | str] = field(default_factory=list)
    empty: str = "Нет данных."
    total: int | None = None
    """How many rows the view has when it was built with only its first `len(rows)` (a
    screen shows 2000 of a stage's 100 000 participants); None: `rows` are all of them."""

    def add(self, key: int | str, *cells: str) -> None:
        """Append one row of display strings and the key of the database row behind it."""
        self.rows.append(tuple(cells))
        self.keys.append(key)


def event_when(start_at: str, end_at: str) -> tuple[str, str]:
    """The «Дата» and «Время» cells of an event: («19.04.2022», «14:00–17:00»)."""
    start, end = parse_moment(start_at), parse_moment(end_at)
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        day = date_short(start) if start == end else f"{date_short(start)}–{date_short(end)}"
        return day, "весь день"
    if start.date() == end.date():
        return date_short(start.date()), f"{start:%H:%M}–{end:%H:%M}"
    return (f"{date_short(start.date())}–{date_short(end.date())}",
            f"{start:%H:%M}–{end:%H:%M}")


def event_title(title: str, status: str) -> str:
    """Cancelled events stay visible, marked, so nobody comes to an event that will not happen."""
    return f"ОТМЕНЕНО: {title}" if status == EventStatus.CANCELLED else title


_EVENT_LIST_SQL = """
SELECT e.id, e.title, e.kind, e.start_at, e.end_at, e.format, e.status, e.visibility,
       COALESCE(NULLIF(o.short_name, ''), o.name, '') AS host, COALESCE(d.name, '') AS district,
       COALESCE(NULLIF(p.short_name, ''), p.name, '') AS program
FROM events e
LEFT JOIN organizations o ON o.id = e.host_org_id
LEFT JOIN districts d ON d.id = o.district_id
LEFT JOIN programs p ON p.id = e.program_id
WHERE {where}
ORDER BY e.start_at, e.end_at, e.id
"""


def agenda(db: Database, since: date, limit: int = 500, *, warn: bool = False) -> TableView:
    """Events that have not ended before `since`, soonest first: the app's opening screen.

    With `warn`, an event with a warning (`db.conflicts`, `since` taken as today) has «⚠»
    before its title; the command line prints titles as they are.
    """
    rows = list(db.query(_EVENT_LIST_SQL.format(where="e.end_at >= ?") + " LIMIT ?",
                         [since.isoformat(), limit]))
    marked = _warned(db, since, rows) if warn else set()
    view = TableView(
        title=f"Ближайшие мероприятия с {date_short(since)}",
        columns=("Дата", "Время", "Мероприятие", "Формат", "Организатор", "Район"),
        empty="Предстоящих мероприятий нет. Демо-база: rcro-tui demo.")
    for row in rows:
        day, time = event_when(row["start_at"], row["end_at"])
        title = event_title(row["title"], row["status"])
        view.add(row["id"], day, time, f"⚠ {title}" if row["id"] in marked else title,
                 EventFormat.label_of(row["format"]), row["host"], row["district"])
    return view


def _warned(db: Database, since: date, rows: list[dict]) -> set[int]:
    """Which of the listed events have a warning: one window from `since` to the last start."""
    if not rows:
        return set()
    last = max(date.fromisoformat(row["start_at"][:10]) for row in rows)
    return marked_events(warnings_in(db, since, max(since, last), today=since))


def year_events(db: Database, year: AcademicYear) -> TableView:
    """Every event of one academic year (1 September – 31 August), past ones included."""
    rows = db.query(_EVENT_LIST_SQL.format(where="e.start_at >= ? AND e.start_at < ?"),
                    [year.first_day.isoformat(), date(year.start_year + 1, 9, 1).isoformat()])
    view = TableView(
        title=f"Календарь образовательных событий на {year.label()}",
        columns=("Дата", "Время", "Мероприятие", "Вид", "Формат", "Статус", "Доступ",
                 "Программа"),
        empty=f"На {year.label()} мероприятий нет.")
    for row in rows:
        day, time = event_when(row["start_at"], row["end_at"])
        view.add(row["id"], day, time, row["title"], EventKind.label_of(row["kind"]),
                          EventFormat.label_of(row["format"]),
                          EventStatus.label_of(row["status"]),
                          Visibility.label_of(row["visibility"]), row["program"])
    return view


def event_years(db: Database) -> list[AcademicYear]:
    """The academic years that have events, oldest first."""
    years = {AcademicYear.containing(date.fromisoformat(row["day"]))
             for row in db.query("SELECT DISTINCT substr(start_at, 1, 10) AS day FROM events")}
    return sorted(years)
