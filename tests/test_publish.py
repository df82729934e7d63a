"""`rcro-tui publish`: the folder, its files replaced atomically, unchanged ones untouched,
the change journal, private links that die when revoked, and a full disk."""

from __future__ import annotations

import base64
import errno
import os
import re
from datetime import date
from pathlib import Path

import icalendar
import pytest

from conftest import run_rcro
from test_qr_code import read_back
from rcro_tui.db.event_edit import cancel_event
from rcro_tui.db.feed_tokens import issue, revoke, token_state
from rcro_tui.exports import site_files
from rcro_tui.exports.publish import publish
from rcro_tui.exports.site_files import PublishError

TODAY = date(2026, 11, 23)
SITE = "https://rcro.tomsk.ru/calendar"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The folder to publish into (the test's HOME, with the database, is beside it)."""
    return tmp_path / "site"


def _files(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file() and ".rcro" not in p.parts}


def test_the_demo_region_publishes_every_feed_and_page(demo_db, site):
    report = publish(demo_db, site, as_of=TODAY, user="demo", site_url=SITE)
    assert report.first and report.feeds == 1 + 7 + 20 + 100
    assert (site / "feeds" / "region.ics").exists()
    assert len(list((site / "private").glob("*/calendar.ics"))) == 100
    assert len(list((site / "private").glob("*/index.html"))) == 100
    index = (site / "index.html").read_text("utf-8")
    assert "webcal://rcro.tomsk.ru/calendar/feeds/region.ics" in index
    assert "Google обновляет подписки раз в 8–24 часа" in index
    first_code = re.search(r'src="data:image/png;base64,([^"]+)"', index)[1]
    assert read_back(base64.b64decode(first_code)) == \
        "webcal://rcro.tomsk.ru/calendar/feeds/region.ics", "the QR code opens the region's feed"
    assert "/private/" not in index, "private links are never listed publicly"
    region = icalendar.Calendar.from_ical((site / "feeds" / "region.ics").read_bytes())
    assert str(region["X-WR-CALNAME"]) == "Общая лента региона"
    assert len(region.walk("VEVENT")) > 100


def test_republishing_unchanged_data_keeps_every_byte_and_mtime(demo_db, site):
    publish(demo_db, site, as_of=TODAY, user="demo", site_url=SITE)
    before = _files(site)
    report = publish(demo_db, site, as_of=TODAY, user="demo", site_url=SITE)
    assert report.written == 0 and report.removed == 0 and not report.changes
    assert _files(site) == before


def test_a_cancellation_is_journalled_and_rewrites_only_the_feeds_it_is_in(demo_db, site):
    publish(demo_db, site, as_of=TODAY, user="demo", site_url=SITE)
    before = _files(site)
    event = demo_db.execute("SELECT id, title FROM events WHERE visibility = 'public' AND "
                            "start_at > '2026-12' AND rrule = '' ORDER BY id").fetchone()
    cancel_event(demo_db, event[0], user="demo")
    report = publish(demo_db, site, as_of=TODAY, user="demo", site_url=SITE)
    after = _files(site)
    changed = {name for name in after if after[name] != before[name]}
    assert "feeds/region.ics" in changed and 0 < len(changed) < len(after)
    region = next(c for c in report.changes if c.name == "Общая лента региона")
    assert region.cancelled == [event[1]]
    text = (site / "feeds" / "region.ics").read_bytes().decode().replace("\r\n ", "")
    assert f"SUMMARY:ОТМЕНЕНО: {event[1]}".replace(",", "\\,") in text
    assert "Общая лента региона: отменено 1" in (site / ".rcro" / "journal.txt").read_text()


def test_a_revoked_link_stops_working_at_the_next_publish(demo_db, site):
    publish(demo_db, site, as_of=TODAY, user="demo")
    old = token_state(demo_db, 5).token
    assert (site / "private" / old / "calendar.ics").exists()
    new = issue(demo_db, 5, user="demo")
    publish(demo_db, site, as_of=TODAY, user="demo")
    assert not (site / "private" / old).exists()
    assert (site / "private" / new / "calendar.ics").exists()
    revoke(demo_db, 5, user="demo")
    report = publish(demo_db, site, as_of=TODAY, user="demo")
    assert not (site / "private" / new).exists() and report.feeds == 127


def test_tokens_are_random_and_long(demo_db, site):
    publish(demo_db, site, as_of=TODAY, user="demo")
    tokens = [row[0] for row in demo_db.execute("SELECT token FROM feed_tokens")]
    assert len(set(tokens)) == len(tokens) == 100
    assert all(len(token) >= 24 for token in tokens)


def test_a_full_disk_leaves_the_published_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "feeds" / "region.ics"
    site_files.write_if_changed(target, b"old feed")
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle, mode):
            self.file = real_fdopen(handle, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(site_files.os, "fdopen", FullDisk)
    with pytest.raises(PublishError, match="на диске нет места.*не изменён"):
        site_files.write_if_changed(target, b"new feed")
    assert target.read_bytes() == b"old feed"
    assert [p.name for p in target.parent.iterdir()] == ["region.ics"], "no temporary left"


def test_the_cli_publishes_and_reports_the_journal(demo_path, tmp_path):
    out = tmp_path / "site"
    first = run_rcro(demo_path, "publish", str(out), "--site-url", SITE, "--as-of", "23.11.2026")
    assert first.code == 0, first.err
    assert "128 лент" in first.text and "Первая публикация" in first.text
    again = run_rcro(demo_path, "publish", str(out), "--as-of", "23.11.2026")
    assert "записано файлов: 0" in again.text and "ничего не изменилось" in again.text
    assert "webcal://rcro.tomsk.ru" in (out / "index.html").read_text("utf-8"), "URL remembered"
    bad = run_rcro(demo_path, "publish", str(out), "--site-url", "rcro.tomsk.ru")
    assert bad.code != 0 and "https://" in bad.err


def test_the_cli_shows_issues_and_revokes_a_link(demo_path, tmp_path):
    run_rcro(demo_path, "publish", str(tmp_path / "site"), "--site-url", SITE)
    shown = run_rcro(demo_path, "tokens", "show", "5")
    assert "https://rcro.tomsk.ru/calendar/private/" in shown.text and "webcal://" in shown.text
    assert run_rcro(demo_path, "tokens", "issue", "5").code == 0
    assert run_rcro(demo_path, "tokens", "show", "5").text != shown.text
    assert run_rcro(demo_path, "tokens", "revoke", "5").code == 0
    again = run_rcro(demo_path, "tokens", "revoke", "5")
    assert again.code == 1 and "отзывать нечего" in again.err


GOLDEN_DEMO = Path(__file__).parent / "data" / "golden" / "demo"
GOLDEN_FEEDS = ("feeds/region.ics", "feeds/program-1.ics", "feeds/district-1.ics", "org-1.ics")


def test_the_demo_regions_feeds_match_their_golden_files(demo_db, site):
    """The frozen demo region, published on 23.11.2026: byte for byte (RCRO_UPDATE_GOLDEN=1
    rewrites them; read the diff before committing)."""
    publish(demo_db, site, as_of=TODAY, user="demo", site_url=SITE)
    token = token_state(demo_db, 1).token
    for name in GOLDEN_FEEDS:
        made = site / (f"private/{token}/calendar.ics" if name == "org-1.ics" else name)
        golden = GOLDEN_DEMO / name.replace("feeds/", "")
        if os.environ.get("RCRO_UPDATE_GOLDEN"):
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(made.read_bytes())
        assert made.read_bytes() == golden.read_bytes(), name


def test_stale_files_go_with_their_emptied_folders_and_kept_ones_stay(tmp_path):
    from rcro_tui.exports.site_files import remove_stale

    root = tmp_path / "private"
    for name in ("a/b/keep.ics", "a/c/drop.ics", "d/e/drop.html", "top.ics"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x")
    (root / "empty").mkdir()
    removed = remove_stale(root, {root / "a" / "b" / "keep.ics", root / "top.ics"})
    assert sorted(p.relative_to(root).as_posix() for p in removed) == \
        ["a/c/drop.ics", "d/e/drop.html"]
    left = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    assert left == ["a", "a/b", "a/b/keep.ics", "top.ics"]
    assert remove_stale(tmp_path / "missing", set()) == []


def test_tokens_issued_in_bulk_are_in_the_audit_log_as_single_inserts(demo_db, site):
    import json

    publish(demo_db, site, as_of=TODAY, user="demo")
    logged = {int(row[0]): json.loads(row[1]) for row in demo_db.execute(
        "SELECT row_id, after FROM changes WHERE table_name = 'feed_tokens' AND "
        "action = 'insert' AND user = 'demo'")}
    stored = {row[0]: row for row in demo_db.execute(
        "SELECT id, organization_id, token, created_at, revoked_at FROM feed_tokens")}
    assert logged.keys() == stored.keys() and len(stored) == 100
    for key, after in logged.items():
        assert (key, after["organization_id"], after["token"], after["created_at"],
                after["revoked_at"]) == stored[key]
