"""A large publish shares its work with a helper process: the folder must come out the same.

The demo region is small enough to publish in one process; here the threshold is lowered
so that it goes through the helper, and both folders are compared byte for byte.
"""

from __future__ import annotations

import pickle
import time
from datetime import date
from pathlib import Path

import pytest

from rcro_tui.errors import UserError
from rcro_tui.exports import publish_work
from rcro_tui.exports.ics_feed import FeedHeader
from rcro_tui.exports.publish import publish
from rcro_tui.exports.publish_helper import Helper
from rcro_tui.exports.publish_lane import HelperLane, run_shared
from rcro_tui.exports.publish_work import FeedJob, feed_batches
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
    assert alone.helper_peak_mb == 0 < shared.helper_peak_mb, "the helper's own peak memory"
    assert (shared.feeds, shared.written, shared.events) == \
        (alone.feeds, alone.written, alone.events)
    assert _contents(tmp_path / "shared") == _contents(tmp_path / "alone")


def test_a_small_publish_or_one_core_stays_in_one_process(monkeypatch):
    with publish_work.helper_lane(100) as helper:
        assert helper is None
    monkeypatch.setattr(publish_work, "_usable_cores", lambda: 1)
    with publish_work.helper_lane(1_000_000) as helper:
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


@pytest.mark.parametrize("sizes", [[600] * 60, [5] * 7 + [20_000] + [600] * 30, [1], []])
def test_feed_batches_keep_the_jobs_order_and_about_their_size(sizes):
    jobs = [FeedJob(str(i), Path(f"{i}.ics"), FeedHeader("x"), frozenset(range(n)))
            for i, n in enumerate(sizes)]
    batches = feed_batches(jobs)
    assert [job for batch in batches for job in batch] == jobs
    assert all(batch for batch in batches)
    for batch in batches[:-1]:
        pairs = sum(len(job.event_ids) + 50 for job in batch)
        assert pairs >= publish_work.PAIRS_PER_BATCH
        assert pairs - len(batch[-1].event_ids) - 50 < publish_work.PAIRS_PER_BATCH


def test_shared_batches_are_taken_from_both_ends_and_come_back_in_order():
    """The helper takes from the back while this process works on the front: with this
    process slowed down, the helper must have done some batches, and every result is at
    its batch's place."""
    import time

    batches = [{} for _ in range(40)]

    def slow_local(batch):
        time.sleep(0.02)
        return "here"

    lane = HelperLane(Helper())
    try:
        results = run_shared(batches, slow_local, lane, (publish_work.texts_and_findings,))
    finally:
        lane.close()
    mine = [place for place, result in enumerate(results) if result == "here"]
    theirs = [place for place, result in enumerate(results) if result == ({}, {})]
    assert theirs and mine, "both sides worked"
    assert mine == list(range(len(mine))), "this process took batches from the front"
    assert theirs == list(range(len(mine), 40)), "the helper from the back"


def test_a_failure_in_the_helper_reaches_this_process_and_stops_the_sharing(tmp_path):
    """A batch the helper cannot write (a file where a folder should be) fails the whole
    publish with the Russian message, and no batch is left half taken."""
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the feeds folder should be")
    source = publish_work.FeedSource(publish_work.EventIndex({}, {}, {}, {}, {}), {}, {})
    jobs = [FeedJob(str(n), Path(f"blocked/{n}.ics"), FeedHeader("x"), frozenset())
            for n in range(3)]
    lane = HelperLane(Helper())
    try:
        with pytest.raises(PublishError, match="Не удалось записать"):
            publish_work.write_shared(tmp_path, jobs * 400, [], source, lane)
    finally:
        lane.close()
    assert lane.helper.process.returncode == 0


def test_texts_made_on_both_sides_reach_the_helper_in_parts(demo_db, tmp_path, monkeypatch):
    """Small batches: both processes make texts; the helper keeps its own and is sent the
    parent's in several parts; the folder is still the one a lone process writes."""
    monkeypatch.setenv(publish_work.PROCESSES_VARIABLE, "1")
    publish(demo_db, tmp_path / "alone", as_of=AS_OF, user="demo", site_url="https://x.ru")
    monkeypatch.delenv(publish_work.PROCESSES_VARIABLE)
    monkeypatch.setattr(publish_work, "HELPER_FROM_EVENTS", 0)
    monkeypatch.setattr(publish_work, "_usable_cores", lambda: 2)
    monkeypatch.setattr(publish_work, "EVENTS_PER_BATCH", 10)
    monkeypatch.setattr(publish_work, "TEXTS_PER_SEND", 7)
    real_texts = publish_work.texts_and_findings

    def slow_texts(events):  # this process is slow: the helper, done with the tables, helps
        time.sleep(0.1)
        return real_texts(events)

    monkeypatch.setattr(publish_work, "texts_and_findings", slow_texts)
    seen = []
    real_send = publish_work.send_source

    def send(lane, source):
        seen.append((len(lane.holds), len(source.index.data)))
        real_send(lane, source)

    monkeypatch.setattr(publish_work, "send_source", send)
    publish(demo_db, tmp_path / "shared", as_of=AS_OF, user="demo", site_url="https://x.ru")
    [(held, total)] = seen
    assert 0 < held < total, "each side made some of the texts"
    assert total - held > 7, "the parent's texts went in more than one part"
    assert _contents(tmp_path / "shared") == _contents(tmp_path / "alone")


def test_feeds_written_in_blocks_are_the_same_files(demo_db, tmp_path, monkeypatch):
    """With a tiny block every feed is compared and written block by block: same bytes,
    and a second publish finds each one current."""
    publish(demo_db, tmp_path / "whole", as_of=AS_OF, user="demo", site_url="https://x.ru")
    monkeypatch.setattr(publish_work, "BLOCK", 100)
    first = publish(demo_db, tmp_path / "blocks", as_of=AS_OF, user="demo",
                    site_url="https://x.ru")
    assert _contents(tmp_path / "blocks") == _contents(tmp_path / "whole")
    again = publish(demo_db, tmp_path / "blocks", as_of=AS_OF, user="demo",
                    site_url="https://x.ru")
    assert first.written > again.written == 0


def test_texts_from_the_helper_share_one_set_of_zones():
    """Texts pickled across the pipe come back equal, with the zone sets made here."""
    from rcro_tui.exports.ics_event import VeventText

    texts = [VeventText((f"2026-09-0{n}", f"uid-{n}"), "BEGIN:VEVENT\r\n", date(2026, 9, n),
                        date(2026, 9, n), frozenset({"Asia/Tomsk"})) for n in range(1, 4)]
    back = pickle.loads(pickle.dumps(texts))
    assert back == texts
    assert len({id(text.zones) for text in back + texts}) == 1
