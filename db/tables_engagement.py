"""District engagement in high-rated competitions, year against year (seed 002 asks every
municipality for exactly this: «вовлечённость и результативность» in the ministries' lists).

Counted per district and academic year over every stage of a competition on a list
(`competitions.high_rated`, `HighRatedList`): a pupil (name and school) counts once as a
participant however many stages and subjects they sat; once as a winner if they won at any
of them, once as a prize-winner if they took a prize at any. The district is the school's.
The change is against the year before; «—» when that year has no such entries at all
(nothing was recorded, which is not the same as nobody taking part).
"""

from __future__ import annotations

from collections import defaultdict

from sqlite_utils import Database

from rcro_tui.db.tables import DELTA, NUMBER, TEXT, Printable, TableParams, year_of
from rcro_tui.db.views import TableView

NO_DISTRICT = "(муниципалитет не указан)"
_SQL = """
SELECT c.academic_year, o.district_id, e.participant_name, e.organization_id, e.result
FROM entries e JOIN stages s ON s.id = e.stage_id
JOIN competitions c ON c.id = s.competition_id
LEFT JOIN organizations o ON o.id = e.organization_id
WHERE c.high_rated != '' AND c.academic_year IN (?, ?)"""
MEASURES = ("participant", "winner", "prize")

Tally = dict[tuple[int, int | None], dict[str, set[tuple[str, int | None]]]]


def delta_text(now: int, before: int | None) -> str:
    """«+3», «−2» (a real minus), «0»; «—» when the earlier year has no data."""
    if before is None:
        return "—"
    change = now - before
    return f"+{change}" if change > 0 else (f"−{-change}" if change < 0 else "0")


def _tally(db: Database, years: tuple[int, int]) -> Tally:
    found: Tally = defaultdict(lambda: {measure: set() for measure in MEASURES})
    for year, district, name, org, result in db.execute(_SQL, list(years)):
        pupil = (" ".join(name.casefold().replace("ё", "е").split()), org)
        sets = found[(year, district)]
        sets["participant"].add(pupil)
        if result in ("winner", "prize"):
            sets[result].add(pupil)
    return found


def engagement(db: Database, params: TableParams) -> Printable:
    """Per district: participants, winners, prize-winners of the year and the change."""
    year = year_of(params)
    before = year.start_year - 1
    tally = _tally(db, (year.start_year, before))
    had_before = any(key[0] == before for key in tally)
    view = TableView(f"Участие в олимпиадах и конкурсах из перечней, {year.label()}",
                     ("Муниципальное образование", "Участников", "± участников",
                      "Победителей", "± победителей", "Призёров", "± призёров"),
                     empty="Муниципальные образования не загружены.")
    districts = [(row[0], row[1]) for row in db.execute(
        "SELECT id, name FROM districts ORDER BY sort_order, name")]
    if any(district is None for _, district in tally):
        districts.append((None, NO_DISTRICT))
    totals = {measure: [0, 0] for measure in MEASURES}
    for district_id, name in districts:
        cells = []
        for measure in MEASURES:
            now = len(tally.get((year.start_year, district_id), {}).get(measure, ()))
            then = len(tally.get((before, district_id), {}).get(measure, ()))
            totals[measure][0] += now
            totals[measure][1] += then
            cells += [str(now), delta_text(now, then if had_before else None)]
        view.add(district_id or 0, name, *cells)
    if districts:
        view.add("total", "Итого по области",
                 *(cell for measure in MEASURES for cell in (
                     str(totals[measure][0]),
                     delta_text(totals[measure][0], totals[measure][1] if had_before else None))))
    subtitle = ("Все этапы олимпиад и конкурсов из перечней Минпросвещения и Минобрнауки; "
                "обучающийся считается один раз. Изменение — к "
                f"{before}/{before + 1} учебному году.")
    return Printable("engagement", view, (TEXT,) + (NUMBER, DELTA) * 3, subtitle=subtitle)
