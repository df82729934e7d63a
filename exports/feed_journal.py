"""What each school will see change: per feed, the events added, changed, cancelled, removed
since the last publish to the same folder.

The folder keeps what it last published (`.rcro/state.json`: each event's SEQUENCE,
cancellation and title, and each feed's event ids), so the journal compares like with like even when two folders are
published from one database. The web server never serves `.rcro/` (deploy/nginx.conf).
"""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

STATE = Path(".rcro") / "state.json"


@dataclass(frozen=True, slots=True)
class Seen:
    """One event as a feed published it."""

    sequence: int
    cancelled: bool
    title: str


@dataclass
class FeedChanges:
    """The differences of one feed between two publishes."""

    name: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.cancelled or self.removed)

    def lines(self) -> list[str]:
        """«Общая лента региона: добавлено 2, изменено 1» and one line per event."""
        groups = (("добавлено", self.added), ("изменено", self.changed),
                  ("отменено", self.cancelled), ("убрано", self.removed))
        head = ", ".join(f"{word} {len(items)}" for word, items in groups if items)
        out = [f"{self.name}: {head}"]
        for word, items in groups:
            out += [f"  {word}: {title}" for title in items]
        return out


@dataclass
class PublishedState:
    """What a folder last published: each event once, and each feed as its event ids (a
    region's thousand private feeds hold hundreds of thousands of pairs: ids keep the file
    small and quick to write)."""

    events: dict[int, Seen] = field(default_factory=dict)
    feeds: dict[str, Sequence[int]] = field(default_factory=dict)
    """Each feed's event ids: arrays of ints (a country's 3 000 000 pairs as Python lists
    were 110 MB)."""

    def __bool__(self) -> bool:
        return bool(self.feeds)


_FEEDS = b'"feeds":{'
"""Where the feeds begin in the state file: after the events, whose titles cannot hold it
(a quote inside a JSON string is escaped)."""
_FEED = re.compile(rb'("(?:[^"\\]|\\.)*"):\[([0-9,]*)\]')


def load_state(folder: Path) -> PublishedState:
    """The last publish's state; empty for a new folder or an unreadable (or older) file.
    The feeds' ids are read straight into arrays, feed by feed, not as JSON lists."""
    try:
        raw = (folder / STATE).read_bytes()
        if not raw.rstrip().endswith(b"}}"):
            raise ValueError("cut short")
        cut = raw.index(_FEEDS)
        events = json.loads(raw[:cut].rstrip(b",") + b"}")["events"]
        feeds = {json.loads(found[1]): array("i", map(int, found[2].split(b",")))
                 if found[2] else array("i") for found in _FEED.finditer(raw, cut + len(_FEEDS))}
        return PublishedState({int(key): Seen(*values) for key, values in events.items()},
                              feeds)
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return PublishedState()


EVENTS_PER_BLOCK = 5_000


def state_blocks(state: PublishedState) -> list[bytes]:
    """The state file in blocks (`site_files.write_if_changed` takes them as they are):
    compact sorted JSON, as `json.dumps` with no indent would write it, so the same publish
    gives the same file. Made feed by feed: a country's file is 30 MB, and one string of it
    held 120 MB while it was made."""
    keys = sorted(state.events)
    blocks = [b'{"events":{']
    for start in range(0, len(keys), EVENTS_PER_BLOCK):
        chunk = {str(key): [seen.sequence, seen.cancelled, seen.title]
                 for key in keys[start:start + EVENTS_PER_BLOCK]
                 for seen in (state.events[key],)}
        text = json.dumps(chunk, ensure_ascii=False, separators=(",", ":"))[1:-1]
        blocks.append(("," if start else "").encode() + text.encode("utf-8"))
    blocks.append(b"}," + _FEEDS)
    for number, (key, ids) in enumerate(sorted(state.feeds.items())):
        blocks.append(f"{',' if number else ''}{json.dumps(key, ensure_ascii=False)}:"
                      f"[{','.join(map(str, sorted(ids)))}]".encode("utf-8"))
    blocks.append(b"}}\n")
    return blocks


def compare(name: str, before: PublishedState, after: PublishedState, key: str) -> FeedChanges:
    """The changes of one feed between two publishes, each list in title order."""
    changes = FeedChanges(name)
    old_ids, new_ids = set(before.feeds.get(key, ())), set(after.feeds.get(key, ()))
    for event_id in new_ids:
        seen, old = after.events[event_id], before.events.get(event_id)
        if event_id not in old_ids or old is None:
            changes.added.append(seen.title)
        elif seen.cancelled and not old.cancelled:
            changes.cancelled.append(seen.title)
        elif seen.sequence != old.sequence:
            changes.changed.append(seen.title)
    changes.removed = [before.events[i].title for i in old_ids - new_ids if i in before.events]
    for items in (changes.added, changes.changed, changes.cancelled, changes.removed):
        items.sort(key=str.lower)
    return changes
