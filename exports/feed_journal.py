"""What each school will see change: per feed, the events added, changed, cancelled, removed
since the last publish to the same folder.

The folder keeps what it last published (`.rcro/state.json`: each event's SEQUENCE,
cancellation and title, and each feed's event ids), so the journal compares like with like even when two folders are
published from one database. The web server never serves `.rcro/` (deploy/nginx.conf).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

STATE = Path(".rcro") / "state.json"


@dataclass(frozen=True)
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
    feeds: dict[str, list[int]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.feeds)


def load_state(folder: Path) -> PublishedState:
    """The last publish's state; empty for a new folder or an unreadable (or older) file."""
    try:
        raw = json.loads((folder / STATE).read_text("utf-8"))
        return PublishedState({int(key): Seen(*values) for key, values in raw["events"].items()},
                              raw["feeds"])
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return PublishedState()


def state_bytes(state: PublishedState) -> bytes:
    """Compact sorted JSON (the C encoder: no indent): the same publish gives the same file."""
    events = {str(key): [seen.sequence, seen.cancelled, seen.title]
              for key, seen in sorted(state.events.items())}
    feeds = {key: sorted(ids) for key, ids in sorted(state.feeds.items())}
    return json.dumps({"events": events, "feeds": feeds}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8") + b"\n"


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
