"""The published folder's tables: public ones only, linked from the index, dated by the day
their rows last changed, so republishing unchanged data rewrites no table."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from rcro_tui.db.event_edit import cancel_event
from rcro_tui.exports.publish import publish

TODAY = date(2026, 11, 23)


def _tables(site: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (site / "tables").iterdir()}


def test_public_tables_are_published_for_print_and_as_csv_and_listed(demo_db, tmp_path):
    site = tmp_path / "site"
    publish(demo_db, site, as_of=TODAY, user="demo")
    names = set(_tables(site))
    for stem in ("calendar", "program-1", "network-1", "district-9"):
        assert {f"{stem}.html", f"{stem}.csv"} <= names, stem
        assert f"{stem}.xlsx" not in names, "XLSX is made on request, not on every publish"
    assert not any(name.startswith(("protocol", "rankings", "totals", "schedule", "engagement"))
                   for name in names), "children's names and private schedules stay out"
    index = (site / "index.html").read_text("utf-8")
    assert "<h2>Таблицы для печати</h2>" in index
    assert '<a href="tables/calendar.html">для печати</a>' in index
    assert '<a href="tables/network-1.csv">CSV (Excel)</a>' in index
    page = (site / "tables" / "calendar.html").read_text("utf-8")
    assert '<a href="../index.html">' in page and "Сформировано 23 ноября 2026 г." in page


def test_the_published_calendar_has_public_events_only(demo_db, tmp_path):
    site = tmp_path / "site"
    publish(demo_db, site, as_of=TODAY, user="demo")
    text = (site / "tables" / "calendar.csv").read_bytes().decode("utf-8-sig")
    titles = {row[3] for row in list(csv.reader(io.StringIO(text), delimiter=";"))[1:]}
    hidden = {row[0] for row in demo_db.execute(
        "SELECT title FROM events WHERE visibility != 'public' AND start_at >= '2026-09' "
        "AND start_at < '2027-09'")}
    assert titles and hidden and not titles & hidden


def test_unchanged_tables_keep_their_bytes_and_day_and_a_change_redates_only_its_own(
        demo_db, tmp_path):
    site = tmp_path / "site"
    publish(demo_db, site, as_of=TODAY, user="demo")
    first = _tables(site)
    report = publish(demo_db, site, as_of=date(2026, 11, 26), user="demo")
    assert _tables(site) == first and report.written == 0
    event = demo_db.execute("SELECT id, program_id FROM events WHERE visibility = 'public' "
                            "AND program_id = 1 AND start_at > '2026-12' AND rrule = '' "
                            "ORDER BY id").fetchone()
    cancel_event(demo_db, event[0], user="demo")
    publish(demo_db, site, as_of=date(2026, 11, 27), user="demo")
    after = _tables(site)
    changed = {name for name in after if after[name] != first[name]}
    assert {"calendar.html", "calendar.csv", "program-1.html"} <= changed
    assert "network-1.html" not in changed and "program-4.html" not in changed
    page = (site / "tables" / "calendar.html").read_text("utf-8")
    assert "Сформировано 27 ноября 2026 г." in page
    assert "Сформировано 23 ноября 2026 г." in (site / "tables" / "network-1.html").read_text(
        "utf-8")


def test_a_table_no_longer_published_is_removed(demo_db, tmp_path):
    site = tmp_path / "site"
    (site / "tables").mkdir(parents=True)
    (site / "tables" / "program-99.html").write_text("old")
    report = publish(demo_db, site, as_of=TODAY, user="demo")
    assert not (site / "tables" / "program-99.html").exists() and report.removed == 1


def _key_of_the_whole_json(printable) -> str:
    """The table's key as it was first defined: the hash of one JSON dump of everything."""
    import hashlib
    import json

    from rcro_tui.exports.publish_tables import TABLES_VERSION

    view = printable.view
    parts = [TABLES_VERSION, view.title, printable.subtitle, view.columns, view.rows,
             printable.kinds, [(g.title, g.start, g.stop) for g in printable.groups]]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:32]


def test_a_tables_key_made_row_by_row_is_the_key_folders_already_hold(demo_db):
    """Fed row by row, the key is the one published folders keep (no table is redated)."""
    from dataclasses import replace

    from rcro_tui.exports.publish_tables import content_key, public_tables

    tables = [printable for _, printable in public_tables(demo_db, date(2026, 11, 23))]
    empty = replace(tables[0], view=replace(tables[0].view, rows=[], keys=[]), groups=[])
    assert len(tables) > 10
    for printable in [*tables, empty]:
        assert content_key(printable) == _key_of_the_whole_json(printable)
