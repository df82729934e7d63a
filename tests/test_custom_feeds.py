"""Saved views published as feeds: made, followed, removed, public events only."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlite_utils import Database

from conftest import run_rcro
from rcro_tui.db.connection import open_database
from rcro_tui.db.custom_feeds import add_custom_feed, list_custom_feeds, remove_custom_feed
from rcro_tui.db.event_filter import EventFilter
from rcro_tui.db.feed_rules import event_feed_lines
from rcro_tui.db.saved_views import delete_view, save_view
from rcro_tui.db.schema import MIGRATIONS
from rcro_tui.errors import InputError
from rcro_tui.exports.publish import publish
from rcro_tui.screens.custom_feed_form import CustomFeedScreen
from rcro_tui.screens.view_table import ViewTable

TODAY = date(2026, 11, 23)
OLYMPIADS = EventFilter(kinds=("olympiad",), grade=8)


def _olympiad_ids(db, visibility: str | None = None) -> set[int]:
    sql = ("SELECT id FROM events WHERE kind = 'olympiad' AND COALESCE(grades_from, grades_to) "
           "<= 8 AND COALESCE(grades_to, grades_from) >= 8")
    if visibility:
        sql += f" AND visibility = '{visibility}'"
    return {row[0] for row in db.execute(sql)}


def test_a_view_becomes_a_feed_of_its_public_events(demo_db, tmp_path):
    save_view(demo_db, "Олимпиады 8 классов", OLYMPIADS, user="demo")
    feed_id = add_custom_feed(demo_db, "Олимпиады 8 классов", user="demo", name="Олимпиады 8 кл.")
    demo_db.execute("UPDATE events SET visibility = 'network' WHERE id = ?",
                    [min(_olympiad_ids(demo_db))])
    demo_db.conn.commit()
    report = publish(demo_db, tmp_path / "site", as_of=TODAY, user="demo")
    text = (tmp_path / "site" / "feeds" / f"custom-{feed_id}.ics").read_bytes().decode()
    public = _olympiad_ids(demo_db, "public")
    assert text.count("BEGIN:VEVENT") >= len(public) > 0
    assert "X-WR-CALNAME:Олимпиады 8 кл." in text and report.refused == []
    hidden = demo_db["events"].get(min(_olympiad_ids(demo_db)))
    assert f"UID:{hidden['uid']}" not in text, "a network-only event never reaches a public URL"
    assert "Подборки" in (tmp_path / "site" / "index.html").read_text("utf-8")


def test_the_detail_view_names_the_custom_feed(demo_db):
    save_view(demo_db, "Олимпиады 8 классов", OLYMPIADS, user="demo")
    add_custom_feed(demo_db, "Олимпиады 8 классов", user="demo")
    event_id = min(_olympiad_ids(demo_db, "public"))
    assert "Лента «Олимпиады 8 классов»" in event_feed_lines(demo_db, event_id)


def test_a_feed_follows_its_view_and_goes_with_it(demo_db, tmp_path):
    save_view(demo_db, "Олимпиады", OLYMPIADS, user="demo")
    feed_id = add_custom_feed(demo_db, "Олимпиады", user="demo")
    site = tmp_path / "site"
    publish(demo_db, site, as_of=TODAY, user="demo")
    before = (site / "feeds" / f"custom-{feed_id}.ics").read_bytes().count(b"BEGIN:VEVENT")
    save_view(demo_db, "Олимпиады", replace(OLYMPIADS, grade=11), user="demo")
    publish(demo_db, site, as_of=TODAY, user="demo")
    after = (site / "feeds" / f"custom-{feed_id}.ics").read_bytes().count(b"BEGIN:VEVENT")
    assert after != before
    delete_view(demo_db, "Олимпиады", user="demo")
    assert list_custom_feeds(demo_db) == []
    publish(demo_db, site, as_of=TODAY, user="demo")
    assert not (site / "feeds" / f"custom-{feed_id}.ics").exists()


def test_twice_or_an_unknown_view_is_refused_in_russian(demo_db):
    save_view(demo_db, "Олимпиады", OLYMPIADS, user="demo")
    feed_id = add_custom_feed(demo_db, "Олимпиады", user="demo")
    with pytest.raises(InputError, match="уже публикуется"):
        add_custom_feed(demo_db, "Олимпиады", user="demo")
    with pytest.raises(Exception, match="Сохранённые виды"):
        add_custom_feed(demo_db, "Нет такого", user="demo")
    remove_custom_feed(demo_db, feed_id, user="demo")
    assert list_custom_feeds(demo_db) == []


def test_a_database_made_before_m012_upgrades(tmp_path):
    path = tmp_path / "old.sqlite"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="m012_custom_feeds")
    old.close()
    db = open_database(path)
    assert db["custom_feeds"].exists() and list_custom_feeds(db) == []
    db.close()


def test_the_cli_adds_lists_and_removes_a_feed(demo_path):
    made = run_rcro(demo_path, "events", "list", "--kind", "олимпиада", "--grade", "8",
                    "--save-view", "Олимпиады 8")
    assert made.code == 0, made.err
    added = run_rcro(demo_path, "feeds", "add", "Олимпиады 8", "--name", "Для восьмых")
    assert added.code == 0 and "feeds/custom-1.ics" in added.text
    listed = run_rcro(demo_path, "feeds", "list", "--as-of", "23.11.2026")
    assert "Для восьмых" in listed.text and "своя" in listed.text
    again = run_rcro(demo_path, "feeds", "add", "Олимпиады 8")
    assert again.code == 1 and "уже публикуется" in again.err
    assert run_rcro(demo_path, "feeds", "remove", "1").code == 0
    assert "Для восьмых" not in run_rcro(demo_path, "feeds", "list").text


async def test_n_in_the_publish_section_makes_a_feed_and_delete_removes_it(make_app, demo_path):
    db = open_database(demo_path)
    save_view(db, "Олимпиады 8 классов", OLYMPIADS, user="demo")
    db.close()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CustomFeedScreen)
        await pilot.press("enter", *"Олимпиады, 8", "ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#feeds", ViewTable)
        row = next(i for i, key in enumerate(table.view.keys) if str(key).startswith("custom-"))
        assert table.view.rows[row][:2] == ("Олимпиады, 8", "своя")
        await pilot.press(*["down"] * row, "delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not any(str(key).startswith("custom-") for key in table.view.keys)
