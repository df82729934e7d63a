"""`rcro-tui demo --scale`: the demo grown to a region's or a country's size, from a seed.

The benchmarks of issue 10 measure the app on these databases, so they must be valid by
the app's own rules (every feed passes the linter), realistic (every kind, format and
access; Russian names), and the same for the same seed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY, run_rcro
from rcro_tui.db.connection import open_database
from rcro_tui.db.demo_scale import SCALES, build_scaled_demo, scale_named
from rcro_tui.errors import InputError
from rcro_tui.model import EventFormat, EventKind, Visibility
from rcro_tui.rules import AcademicYear, inn_is_valid

YEAR = AcademicYear(2026)
CONTENT = {
    "districts": "SELECT name, kind FROM districts ORDER BY id",
    "organizations": "SELECT name, short_name, kind, inn, district_id FROM organizations "
                     "ORDER BY id",
    "events": "SELECT uid, title, kind, program_id, host_org_id, start_at, end_at, format, "
              "visibility, status FROM events WHERE uid LIKE 'scale-%' OR uid LIKE 'stage-%' "
              "ORDER BY id",
    "memberships": "SELECT organization_id, program_id, role, status FROM memberships "
                   "ORDER BY id",
    "entries": "SELECT stage_id, session_id, participant_name, grade, organization_id, "
               "subject, score, status FROM entries ORDER BY id",
}


@pytest.fixture(scope="module")
def region(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("scale") / "region.sqlite"
    db = open_database(path)
    build_scaled_demo(db, SCALES["region"], seed=7, academic_year=YEAR)
    db.close()
    return path


def _content(path: Path) -> dict[str, list[tuple]]:
    db = open_database(path)
    try:
        return {table: db.execute(sql).fetchall() for table, sql in CONTENT.items()}
    finally:
        db.close()


def test_the_region_has_a_regions_size(region):
    db = open_database(region)
    counts = {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for table in ("districts", "organizations", "programs", "memberships", "events",
                            "entries")}
    db.close()
    assert counts["districts"] == 20
    assert 390 <= counts["organizations"] <= 400
    assert 500 <= counts["events"] <= 900, "a few hundred events a year"
    assert counts["memberships"] == 800 and counts["programs"] == 12
    assert 9_000 <= counts["entries"] <= 13_000


def test_the_same_seed_gives_the_same_rows_and_another_seed_others(region, tmp_path):
    again = tmp_path / "again.sqlite"
    db = open_database(again)
    build_scaled_demo(db, SCALES["region"], seed=7, academic_year=YEAR)
    db.close()
    assert _content(again) == _content(region)
    other = tmp_path / "other.sqlite"
    db = open_database(other)
    build_scaled_demo(db, SCALES["region"], seed=8, academic_year=YEAR)
    db.close()
    assert _content(other)["organizations"] != _content(region)["organizations"]


def test_the_rows_are_valid_and_varied(region):
    db = open_database(region)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("SELECT count(*) FROM events WHERE end_at < start_at").fetchone()[0] == 0
        seen = {column: {row[0] for row in db.execute(f"SELECT DISTINCT {column} FROM events")}
                for column in ("kind", "format", "visibility")}
        assert seen["kind"] >= {kind.value for kind in EventKind}
        assert seen["format"] == {fmt.value for fmt in EventFormat}
        assert seen["visibility"] == {v.value for v in Visibility}
        inns = [row[0] for row in db.execute("SELECT inn FROM organizations WHERE inn != ''")]
        assert len(inns) == len(set(inns)) and all(inn_is_valid(inn) for inn in inns)
        names = [row[0] for row in db.execute(
            "SELECT participant_name FROM entries ORDER BY id DESC LIMIT 200")]
        for name in names:  # a daughter's patronymic ends in -на, a son's in -ич
            surname, first, patronymic = name.split()
            assert patronymic.endswith("на") == surname.endswith("а"), name
        unkeyed = db.execute("SELECT count(*) FROM organizations WHERE search_key IS NULL "
                             "OR search_key = ''").fetchone()[0]
        assert unkeyed == 0, "the organisation list searches every synthetic row"
        assert db.execute("SELECT count(*) FROM events_fts WHERE events_fts MATCH 'олимпиада'"
                          ).fetchone()[0] > 0
    finally:
        db.close()


def test_a_shrunken_country_goes_through_the_same_steps(tmp_path):
    country = SCALES["country"].shrunk(100)
    db = open_database(tmp_path / "country.sqlite")
    summary = build_scaled_demo(db, country, seed=3, academic_year=YEAR)
    largest = db.execute("SELECT count(*) FROM entries GROUP BY stage_id "
                         "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    sessions = db.execute("SELECT count(*) FROM stage_sessions s JOIN stages t "
                          "ON t.id = s.stage_id WHERE t.level = 'municipal' GROUP BY "
                          "s.stage_id ORDER BY 1 DESC LIMIT 1").fetchone()[0]
    db.close()
    assert summary.districts == 20 and summary.organizations == 400
    assert largest == country.largest_stage
    assert sessions == summary.districts, "the largest stage meets in every municipality"


def test_every_feed_of_the_region_passes_the_linter(region, tmp_path):
    from rcro_tui.exports.publish import publish

    db = open_database(region)
    report = publish(db, tmp_path / "site", as_of=TODAY, user="demo")
    db.close()
    assert report.refused == []
    assert report.feeds > 400, "the region, programmes, districts and every organisation"


def test_the_cli_builds_a_scale_and_refuses_an_unknown_one(tmp_path):
    path = tmp_path / "cli.sqlite"
    ran = run_rcro(path, "demo", "--db", str(path), "--scale", "region", "--year", "2026/2027")
    assert ran.code == 0, ran.err
    assert "масштаб «region»: 20 муниципалитетов" in ran.out.decode()
    bad = run_rcro(tmp_path / "bad.sqlite", "demo", "--db", str(tmp_path / "bad.sqlite"),
                   "--scale", "город")
    assert bad.code != 0
    assert "Масштаб «город» неизвестен: выберите region (область) или country (страна)." \
        in bad.err
    assert not (tmp_path / "bad.sqlite").exists()
    with pytest.raises(InputError):
        scale_named("country-2")


async def test_the_calendar_opens_on_the_region(region):
    from rcro_tui.app import RcroApp

    app = RcroApp(db_path=region, user="demo", today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("2")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert screen.__class__.__name__ == "CalendarScreen"
        assert screen.window is not None and len(screen.window.items) > 30, \
            "a region's month holds dozens of events"
