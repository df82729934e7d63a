"""A stage's protocols: ranked tables per stage, session, district or school, and the tally of
participants, winners and prize-winners per district.

All rows are read in one query and ranked in Python: a regional stage of 20 000 entries
reads and ranks in a fraction of a second. Places are shared on equal scores («2–3» for two
participants tied after the winner); within a group each subject is ranked on its own.
Entries without a score, and those absent or disqualified, get no place and come last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby

from sqlite_utils import Database

from rcro_tui.i18n import count
from rcro_tui.model import EntryResult, EntryStatus
from rcro_tui.db.entry_check import score_text
from rcro_tui.db.views import TableView

GROUPINGS = {"stage": "этап", "session": "площадка", "district": "район", "school": "школа",
             "totals": "итоги по районам"}
"""Grouping code → its Russian name (the pane's switch and `stages protocol --by`)."""
COLUMNS = ("Место", "Участник", "Класс", "Балл", "Результат", "Предмет", "Школа", "Район",
           "Статус", "Площадка")
"""Place, name and score first: what a narrow terminal must show (the rest scrolls)."""
UNRANKED = ("absent", "disqualified")

_ENTRIES_SQL = """
SELECT id, participant_name, grade, subject, score, result, status, note, session_id,
       organization_id FROM entries WHERE stage_id = ?"""
_SCHOOLS_SQL = """
SELECT o.id, o.name, COALESCE(d.name, ''), COALESCE(d.sort_order, 1000000)
FROM organizations o LEFT JOIN districts d ON d.id = o.district_id
WHERE o.id IN (SELECT DISTINCT organization_id FROM entries WHERE stage_id = ?)"""
_SESSIONS_SQL = """
SELECT s.id, COALESCE(sd.name, ''), COALESCE(NULLIF(h.short_name, ''), h.name, ev.title, '')
FROM stage_sessions s
LEFT JOIN districts sd ON sd.id = s.district_id
LEFT JOIN organizations h ON h.id = s.host_org_id
LEFT JOIN events ev ON ev.id = s.event_id
WHERE s.stage_id = ?"""
_RESULTS = {member.value: member.label for member in EntryResult}
_STATUSES = {member.value: member.label for member in EntryStatus}


@dataclass(slots=True)
class Entry:
    id: int
    name: str
    grade: int | None
    subject: str
    score: float | None
    result: str
    status: str
    note: str
    session_id: int | None
    org_id: int | None
    school: str
    district: str
    district_order: int
    session: str
    place: str = ""


def stage_entries(db: Database, stage_id: int) -> list[Entry]:
    """Every entry of the stage with its school, district and session named."""
    return list(entry_stream(db, stage_id))


def entry_stream(db: Database, stage_id: int) -> Iterator[Entry]:
    """`stage_entries` one at a time, in the database's order (`protocol_pages` keeps a few).

    Three queries, not one with joins: a stage's thousands of entries share a few hundred
    schools and a few sessions, named once each (twice as fast as joining every row)."""
    schools = {row[0]: row[1:] for row in db.execute(_SCHOOLS_SQL, [stage_id]).fetchall()}
    sessions = session_names(db, stage_id)
    nowhere = ("", "", 1000000)
    for values in db.execute(_ENTRIES_SQL, [stage_id]):
        school = schools.get(values[9], nowhere)
        yield Entry(*values, *school, sessions.get(values[8], ""))


def session_names(db: Database, stage_id: int) -> dict[int, str]:
    """A session as the protocol names it: its district («Зырянский район»), with the host
    school when the district has two sessions, or the host / event title when online."""
    rows = db.execute(_SESSIONS_SQL, [stage_id]).fetchall()
    districts = [district for _, district, _ in rows if district]
    return {session_id: (f"{district}: {place}" if districts.count(district) > 1 else district)
            if district else place for session_id, district, place in rows}


def rank_order(entry: Entry) -> tuple:
    """Scored entries by score, best first; then unscored; then absent and disqualified."""
    unranked = entry.status in UNRANKED
    return (unranked, entry.score is None, -(entry.score or 0), entry.name)


def ranked(entries: Iterable[Entry]) -> list[Entry]:
    """Entries by score, best first, each with its place; ties share it as «2–3»."""
    ordered = sorted(entries, key=rank_order)
    place_in_order(ordered)
    return ordered


def place_in_order(ordered: list[Entry]) -> None:
    """Places for entries already in `rank_order`: equal scores share one («2–3»)."""
    position, count_ = 1, len(ordered)
    index = 0
    while index < count_:
        entry = ordered[index]
        if entry.score is None or entry.status in UNRANKED:
            for rest in ordered[index:]:
                rest.place = "—"
            return
        last = index
        while (last + 1 < count_ and ordered[last + 1].score == entry.score
               and ordered[last + 1].status not in UNRANKED):
            last += 1
        place = str(position) if last == index else f"{position}–{position + last - index}"
        for tied in ordered[index:last + 1]:
            tied.place = place
        position += last - index + 1
        index = last + 1


def group_key(by: str):
    return {"stage": lambda e: ("",),
            "session": lambda e: (e.session or "—",),
            "district": lambda e: (e.district_order, e.district or "—"),
            "school": lambda e: (e.district_order, e.district, e.school or "—")}[by]


def protocol(db: Database, stage_id: int, by: str = "stage", *, query: str = "") -> TableView:
    """The stage's protocol grouped `by` stage, session, district or school (or the district
    totals for «totals»), each group's subjects ranked; `query` keeps matching rows only."""
    if by == "totals":
        return district_totals(db, stage_id)
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}")
    title = stage_title(db, stage_id)
    entries = stage_entries(db, stage_id)
    view = TableView(f"{title}: протокол ({GROUPINGS[by]})", COLUMNS,
                     empty="На этапе пока нет участников: добавьте их или импортируйте протокол.")
    key = group_key(by)
    entries.sort(key=lambda e: protocol_order(key, e))  # one sort; rank_order flattened
    words = query_words(query)
    for _, group in groupby(entries, key=lambda e: (key(e), e.subject)):
        ordered = list(group)
        place_in_order(ordered)
        for entry in ordered:
            cells = entry_cells(entry)
            if words and not matches_words(cells, words):
                continue
            view.add(entry.id, *cells)
    return view


def protocol_order(group: Callable[[Entry], tuple], entry: Entry) -> tuple:
    """Where `entry` stands in the protocol: its group, subject, then `rank_order`."""
    return (group(entry), entry.subject, entry.status in UNRANKED, entry.score is None,
            -(entry.score or 0), entry.name)


def entry_cells(entry: Entry) -> tuple[str, ...]:
    return (entry.place, entry.name, "" if entry.grade is None else str(entry.grade),
            score_text(entry.score), _RESULTS.get(entry.result, entry.result), entry.subject,
            entry.school, entry.district, _STATUSES.get(entry.status, entry.status),
            entry.session)


def query_words(query: str) -> list[str]:
    """What a search line's text looks for: its words, case and «ё» aside."""
    return query.casefold().replace("ё", "е").split()


def matches_words(cells: tuple[str, ...], words: list[str]) -> bool:
    text = " ".join(cells).casefold().replace("ё", "е")
    return all(word in text for word in words)


def district_totals(db: Database, stage_id: int) -> TableView:
    """Per district: participants, winners, prize-winners and schools; then the total."""
    view = TableView(f"{stage_title(db, stage_id)}: итоги по районам",
                     ("Район", "Участников", "Победителей", "Призёров", "Школ"),
                     empty="На этапе пока нет участников.")
    rows = db.execute("""
        SELECT d.id, COALESCE(d.name, '— район не указан —'), count(*),
               sum(e.result = 'winner'), sum(e.result = 'prize'),
               count(DISTINCT e.organization_id)
        FROM entries e
        LEFT JOIN organizations o ON o.id = e.organization_id
        LEFT JOIN districts d ON d.id = o.district_id
        WHERE e.stage_id = ?
        GROUP BY d.id ORDER BY d.id IS NULL, d.sort_order, d.name""", [stage_id]).fetchall()
    for district_id, name, people, winners, prizes, schools in rows:
        view.add(district_id or 0, name, str(people), str(winners), str(prizes), str(schools))
    if rows:
        total = db.execute("SELECT count(*), count(DISTINCT organization_id) FROM entries "
                           "WHERE stage_id = ?", [stage_id]).fetchone()
        view.add("total", "Итого", str(total[0]), str(sum(r[3] for r in rows)),
                 str(sum(r[4] for r in rows)), str(total[1]))
    return view


def tally(db: Database, stage_id: int) -> str:
    """«120 участников: 5 победителей, 18 призёров» — the line above the tables."""
    people, winners, prizes = db.execute(
        "SELECT count(*), COALESCE(sum(result = 'winner'), 0), COALESCE(sum(result = 'prize'), 0) "
        "FROM entries WHERE stage_id = ?", [stage_id]).fetchone()
    return (f"{count(people, 'участник', 'участника', 'участников')}: "
            f"{count(winners, 'победитель', 'победителя', 'победителей')}, "
            f"{count(prizes, 'призёр', 'призёра', 'призёров')}")


def stage_title(db: Database, stage_id: int) -> str:
    row = db.execute("SELECT s.name, c.title FROM stages s JOIN competitions c "
                     "ON c.id = s.competition_id WHERE s.id = ?", [stage_id]).fetchone()
    return f"{row[1]}, {row[0]}" if row else f"Этап № {stage_id}"


ENTRY_COLUMNS = COLUMNS[1:]


def entries_view(db: Database, stage_id: int, query: str = "") -> TableView:
    """The stage's participants by name (the «Участники» tab): what the form edits."""
    entries = sorted(stage_entries(db, stage_id), key=name_order)
    view = TableView("Участники этапа", ENTRY_COLUMNS,
                     empty="На этапе пока нет участников: A — добавить, I — импорт протокола.")
    words = query_words(query)
    for entry in entries:
        cells = entry_cells(entry)[1:]
        if not words or matches_words(cells, words):
            view.add(entry.id, *cells)
    if words and not view.rows and entries:
        view = TableView(view.title, view.columns, empty=f"Никто не подходит под «{query}».")
    return view


def name_order(entry: Entry) -> tuple:
    """The participant list's order: by name as a reader sorts it (ё as е), grade, id."""
    return (entry.name.casefold().replace("ё", "е"), entry.grade or 0, entry.id)
