"""A large publish shares its work with a helper process: the folder must come out the same.

The demo region is small enough to publish in one process; here the threshold is lowered
so that it goes through the helper, and both folders are compared byte for byte.
"""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest

from rcro_tui.errors import UserError
from rcro_tui.exports import publish_work
from rcro_tui.exports.ics_feed import FeedHeader
from rcro_tui.exports.publish import publish
from rcro_tui.exports.publish_helper import Helper
from rcro_tui.exports.publish_work import FeedJob, split_by_size
from rcro_tui.exports.site_files import PublishError

AS_OF = date(2026, 11, 23)


def _contents(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_publish_through_the_helper_writes_the_same_folder(demo_db, tmp_path, monkeypatch):
    monkeypatch.setenv(publish_work.PROCESSES_VARIABLE, "1")
    alone = publish(demo_db, tmp_path / "alone", as_of=AS_OF, user="demo", site_url="https://x.ru")
    monkeypatch.delenv(publish_work.PROCESSES_VARIABLE)
    monkeypatch.setattr(publish_work, "HELPER_FROM_EVENTS", 0)
    monkeypatch.setattr(publish_work, "_usable_cores", lambda: 2)
    started = []
    real_helper = Helper.__init__

    def counted(self):
        started.append(True)
        real_helper(self)

    monkeypatch.setattr(Helper, "__init__", counted)
    shared = publish(demo_db, tmp_path / "shared", as_of=AS_OF, user="demo", site_url="https://x.ru")
    assert started == [True], "the helper process was used"
    assert (shared.feeds, shared.written, shared.events) == \
        (alone.feeds, alone.written, alone.events)
    assert _contents(tmp_path / "shared") == _contents(tmp_path / "alone")


def test_a_small_publish_or_one_core_stays_in_one_process(monkeypatch):
    with publish_work.helper_process(100) as helper:
        assert helper is None
    monkeypatch.setattr(publish_work, "_usable_cores", lambda: 1)
    with publish_work.helper_process(1_000_000) as helper:
        assert helper is None


def test_the_helper_reports_a_full_disk_as_the_same_russian_error(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the feeds folder should be")
    job = FeedJob("region", Path("blocked/feeds/region.ics"), FeedHeader("Регион"), frozenset())
    source = publish_work.FeedSource(publish_work.EventIndex({}, {}, {}, {}, {}), {}, {})
    helper = Helper()
    try:
        with pytest.raises(PublishError, match="Не удалось записать .*region.ics"):
            helper.submit(publish_work.write_feeds, tmp_path, [job], source).result()
        # the helper still answers after a failed call
        texts, findings = helper.submit(publish_work.texts_and_findings, {}).result()
        assert (texts, findings) == ({}, {})
    finally:
        helper.close()
    assert helper.process.returncode == 0


def test_the_helper_runs_only_publishing_functions():
    helper = Helper()
    try:
        with pytest.raises(ValueError):
            helper.submit(pickle.dumps, 1)
    finally:
        helper.close()
    assert issubclass(PublishError, UserError)


@pytest.mark.parametrize("sizes", [[600] * 20, [5] * 7 + [5000] + [600] * 30, [1], []])
def test_the_helpers_share_is_about_its_part_of_the_events(sizes):
    jobs = [FeedJob(str(i), Path(f"{i}.ics"), FeedHeader("x"), frozenset(range(n)))
            for i, n in enumerate(sizes)]
    chosen = split_by_size(jobs, 0.6)
    assert chosen == sorted(set(chosen))
    total = sum(n + 1 for n in sizes)
    if total > 2000:
        share = sum(sizes[i] + 1 for i in chosen) / total
        assert 0.5 <= share <= 0.7


def test_the_helper_takes_feeds_only_when_the_tables_leave_it_time():
    from rcro_tui.exports.publish_work import helper_share

    assert helper_share(public_events=50_000, pairs=100_000, private_pages=1_000) == 0.0
    region = helper_share(public_events=7_000, pairs=600_000, private_pages=1_000)
    country = helper_share(public_events=20_000, pairs=20_000_000, private_pages=40_000)
    assert 0 < region < country < 1, "the more feeds, the more of them the helper writes"
    assert helper_share(public_events=0, pairs=0, private_pages=0) == 0.0
