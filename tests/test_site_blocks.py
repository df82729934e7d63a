"""Large published files are compared and written block by block, and the state file of a
country's publish is written and read feed by feed: the same bytes and values as whole."""

from __future__ import annotations

import json
from array import array
from unittest import mock

import pytest
from hypothesis import given, settings, strategies as st

from rcro_tui.exports import feed_journal
from rcro_tui.exports.feed_journal import (STATE, PublishedState, Seen, load_state,
                                           state_blocks)
from rcro_tui.exports.ics_feed import FeedParts
from rcro_tui.exports.site_files import is_current_blocks, replace_file


@given(st.lists(st.binary(max_size=40), max_size=30), st.integers(1, 64))
def test_blocks_are_the_joined_bytes(texts, block):
    parts = FeedParts(b"HEAD", texts, 4 + sum(map(len, texts)) + 15)
    blocks = list(parts.blocks(block))
    assert b"".join(blocks) == parts.joined()
    assert len(parts.joined()) == parts.size
    assert all(len(piece) < block + 40 for piece in blocks[1:])


def test_a_file_is_current_only_with_every_block_equal(tmp_path):
    path = tmp_path / "feed.ics"
    replace_file(path, iter([b"abc", b"def", b"g"]))
    assert path.read_bytes() == b"abcdefg"
    assert is_current_blocks(path, 7, [b"abc", b"def", b"g"])
    assert not is_current_blocks(path, 7, [b"abc", b"dXf", b"g"])
    assert not is_current_blocks(path, 8, [b"abc", b"def", b"gh"])
    assert not is_current_blocks(tmp_path / "none.ics", 7, [b"abcdefg"])


def _as_json_dumps_writes_it(state: PublishedState) -> bytes:
    events = {str(key): [seen.sequence, seen.cancelled, seen.title]
              for key, seen in sorted(state.events.items())}
    feeds = {key: sorted(ids) for key, ids in sorted(state.feeds.items())}
    return json.dumps({"events": events, "feeds": feeds}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8") + b"\n"


TITLES = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ['"feeds":{', 'О "ёлочках" \\ и /', "}}"])


@settings(max_examples=60)
@given(st.dictionaries(st.integers(1, 10**6), st.tuples(st.integers(1, 9), st.booleans(),
                                                          TITLES), max_size=8),
       st.dictionaries(st.text(max_size=6) | st.sampled_from(["region", 'a"b', "org-1"]),
                       st.lists(st.integers(1, 10**6), unique=True, max_size=6), max_size=5))
def test_the_state_file_is_what_json_writes_and_reads_back(tmp_path_factory, events, feeds):
    state = PublishedState({key: Seen(*value) for key, value in events.items()},
                           {key: array("i", ids) for key, ids in feeds.items()})
    data = b"".join(state_blocks(state))
    assert data == _as_json_dumps_writes_it(state)
    with mock.patch.object(feed_journal, "EVENTS_PER_BLOCK", 3):  # events in several blocks
        assert b"".join(state_blocks(state)) == data
    folder = tmp_path_factory.mktemp("site")
    (folder / STATE).parent.mkdir()
    (folder / STATE).write_bytes(data)
    back = load_state(folder)
    assert back.events == state.events
    assert {key: list(ids) for key, ids in back.feeds.items()} == \
        {key: sorted(ids) for key, ids in feeds.items()}


@pytest.mark.parametrize("text", ["", "{", '{"events":{},"feeds":{"a":[1,2', "[]"])
def test_a_broken_state_file_is_an_empty_state(tmp_path, text):
    (tmp_path / STATE).parent.mkdir()
    (tmp_path / STATE).write_text(text, "utf-8")
    assert load_state(tmp_path) == PublishedState()
