"""Where the preview sends each passer (`db.advance_next`: worked out per district, columns
filled in C) and which entries typed into the next stage by hand it matches (found through
their schools and subjects first), and each row's district and session (worked out when read:
`advance_rows.Lazy`) — compared on random stages with the rules spelt out row by row:
districts with one, several or no sessions, regional sessions per subject, subjects in
another case, names with spaces, linked and unlinked namesakes."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from stage_world import USER, build, event

from rcro_tui.db.advance import NO_SESSION, preview, set_rule
from rcro_tui.db.advance_next import BY_SUBJECT, Routes, read_sessions
from rcro_tui.db.stages import add_session
from rcro_tui.i18n import count
from rcro_tui.pass_rules import Quota, Threshold

DISTRICTS = ("Кожевниковский район", "г. Томск", "Томский район")
SUBJECTS = ["математика", "Математика", "физика", " Физика ", "", "химия"]
STAMP = "2026-09-01T03:00:00Z"


def random_next_stage(db, world, rng: random.Random) -> None:
    """Extra sessions of the next stage: in a district or none, for some subjects or all."""
    for n in range(rng.randint(0, 4)):
        district = rng.choice([None, *DISTRICTS])
        subjects = rng.choice(["", "математика", "Физика; химия", "математика, физика"])
        host = rng.choice([None, *world.schools.values()])
        ev = event(db, f"Итоговое событие — площадка {n}", date(2027, 4, rng.randint(10, 20)),
                   host, subjects)
        add_session(db, world.final, ev, user=USER, host_org_id=host,
                    district_id=world.districts.get(district))


def random_entries(db, world, rng: random.Random) -> list[tuple]:
    """The stage's entries (id, name, school, subject), and some typed into the next stage:
    linked to theirs, or unlinked with the name and subject written otherwise."""
    sessions, schools = [*world.sessions.values(), None], [*world.schools.values(), None]
    rows = [(world.selection, rng.choice(sessions), rng.choice(["Анна", "Борис", "анна"]),
             rng.choice(schools), rng.choice(SUBJECTS), rng.choice([None, 1.0, 5.0, 9.0]),
             rng.choice(["admitted", "absent"]), STAMP, STAMP)
            for _ in range(rng.randint(1, 60))]
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO entries (stage_id, session_id, participant_name, organization_id, "
            "subject, score, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows)
    entries = db.execute("SELECT id, participant_name, organization_id, subject FROM entries "
                         "WHERE stage_id = ? ORDER BY id", [world.selection]).fetchall()
    typed = []
    for entry_id, name, school, subject in rng.sample(entries, rng.randint(0, len(entries))):
        linked = entry_id if rng.random() < 0.2 else None
        name = rng.choice([name, f" {name.upper()} ", name.casefold()])
        typed.append((world.final, name, school, rng.choice([subject, subject.upper()]),
                      linked, STAMP, STAMP))
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO entries (stage_id, participant_name, organization_id, subject, "
            "from_entry_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", typed)
    return entries


def subjects_of(text: str | None) -> set[str]:
    return {s.strip().casefold() for s in re.split(r"[,;]", text or "") if s.strip()}


def expected_sessions(db, world, entry_ids: list[int]) -> dict[int, tuple | None]:
    """Entry → (session id, name) it goes to, by the rule, row by row."""
    sessions = db.execute(
        "SELECT s.id, s.district_id, v.subjects, COALESCE(NULLIF(h.short_name, ''), h.name, "
        "v.title, '') FROM stage_sessions s JOIN events v ON v.id = s.event_id LEFT JOIN "
        "organizations h ON h.id = s.host_org_id WHERE s.stage_id = ? ORDER BY v.start_at, "
        "s.id", [world.final]).fetchall()
    found = {}
    for entry_id in entry_ids:
        district, subject = db.execute(
            "SELECT COALESCE((SELECT district_id FROM organizations o WHERE o.id = "
            "e.organization_id), (SELECT district_id FROM stage_sessions s WHERE s.id = "
            "e.session_id)), subject FROM entries e WHERE id = ?", [entry_id]).fetchone()
        subject = subject.strip().casefold()
        local = [s for s in sessions if district is not None and s[1] == district]
        if local:
            go = next((s for s in local if subject in subjects_of(s[2])), local[0])
        elif len(sessions) == 1:
            go = sessions[0]
        else:
            go = next((s for s in sessions if s[1] is None and subject in subjects_of(s[2])),
                      None)
        found[entry_id] = (go[0], go[3]) if go else None
    return found


def expected_places(db, world) -> dict[int, tuple[str, str]]:
    """Entry → (its district's name: its school's, else its session's; its session's)."""
    return {entry: (district or "", session or "") for entry, district, session in db.execute(
        "SELECT e.id, (SELECT name FROM districts WHERE id = COALESCE((SELECT district_id "
        "FROM organizations o WHERE o.id = e.organization_id), (SELECT district_id FROM "
        "stage_sessions s WHERE s.id = e.session_id))), (SELECT COALESCE(NULLIF(h.short_name, "
        "''), h.name, v.title, '') FROM stage_sessions s LEFT JOIN organizations h ON h.id = "
        "s.host_org_id LEFT JOIN events v ON v.id = s.event_id WHERE s.id = e.session_id) "
        "FROM entries e WHERE e.stage_id = ?", [world.selection])}


def expected_links(db, world, entries: list[tuple]) -> dict[int, int]:
    """Entry → its next stage's entry: linked, else the first typed one of its name, school
    and subject (folded) that no earlier entry took."""
    links = dict(db.execute("SELECT from_entry_id, id FROM entries WHERE stage_id = ? AND "
                            "from_entry_id IS NOT NULL", [world.final]).fetchall())
    typed = db.execute("SELECT id, participant_name, organization_id, subject FROM entries "
                       "WHERE stage_id = ? AND from_entry_id IS NULL ORDER BY id",
                       [world.final]).fetchall()
    taken: set[tuple] = set()
    for entry_id, name, school, subject in entries:
        if entry_id in links:
            continue
        key = (name.strip().casefold(), school, subject.strip().casefold())
        match = next((t[0] for t in typed if (t[1].strip().casefold(), t[2],
                                              t[3].strip().casefold()) == key), None)
        if match is not None and key not in taken:
            links[entry_id] = match
        taken.add(key)
    return links


@pytest.mark.parametrize("seed", range(12))
def test_passers_go_where_the_rule_says_and_typed_entries_are_matched(fresh_db, seed):
    rng = random.Random(seed)
    final_in = tuple(rng.sample([*DISTRICTS, ""], rng.randint(0, 3)))
    world = build(fresh_db, final_in=final_in)
    random_next_stage(fresh_db, world, rng)
    entries = random_entries(fresh_db, world, rng)
    set_rule(fresh_db, world.selection, rng.choice([Quota(2), Threshold((), 3.0)]), user=USER)
    seen = preview(fresh_db, world.selection)
    places = expected_places(fresh_db, world)
    assert [places[seen.rows[at].entry_id] for at in range(len(seen.rows))] == [
        (row.district, row.session) for row in seen.rows], "one row read, or all at once"
    going = expected_sessions(fresh_db, world, [row.entry_id for row in seen.rows])
    links = expected_links(fresh_db, world, entries)
    lacking: dict[str, int] = {}
    for row in seen.rows:
        expected = going[row.entry_id] if row.decision.passes else None
        assert (row.next_session_id, row.next_session) == (expected or (None, ""))
        assert row.advanced_to == links.get(row.entry_id)
        if row.decision.passes and expected is None:
            district = row.district or "без района"
            lacking[district] = lacking.get(district, 0) + 1
    people = {n: count(n, "участник", "участника", "участников") for n in lacking.values()}
    assert seen.warnings == [f"{district}: {NO_SESSION} ({people[n]} без площадки)"
                             for district, n in sorted(lacking.items())]


@pytest.mark.parametrize("seed", range(12))
def test_a_district_alone_decides_only_where_no_subject_could_change_it(fresh_db, seed):
    rng = random.Random(seed)
    world = build(fresh_db, final_in=tuple(rng.sample([*DISTRICTS, ""], rng.randint(0, 3))))
    random_next_stage(fresh_db, world, rng)
    routes = Routes(read_sessions(fresh_db, world.final))
    for district in [None, *world.districts.values()]:
        alone = routes.by_district(district)
        answers = {routes.session_for(district, subject) for subject in SUBJECTS}
        assert alone == BY_SUBJECT or answers == {alone}
