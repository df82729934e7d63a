"""What each school will see change: per feed, the events added, changed, cancelled, removed
since the last publish to the same folder.

The folder keeps what it last published (`.rcro/state.json`: per feed, each UID's SEQUENCE,
cancellation and title), so the journal compares like with like even when two folders are
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


def load_state(folder: Path) -> dict[str, dict[str, Seen]]:
    """The last publish's state; empty for a new folder or an unreadable file."""
    try:
        raw = json.loads((folder / STATE).read_text("utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return {feed: {uid: Seen(*values) for uid, values in events.items()}
            for feed, events in raw.items()}


def state_bytes(state: dict[str, dict[str, Seen]]) -> bytes:
    """Sorted JSON: the same publish gives the same file (and it is then not rewritten)."""
    plain = {feed: {uid: [seen.sequence, seen.cancelled, seen.title]
                    for uid, seen in sorted(events.items())}
             for feed, events in sorted(state.items())}
    return (json.dumps(plain, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def compare(name: str, before: dict[str, Seen], after: dict[str, Seen]) -> FeedChanges:
    """The changes of one feed, each list in title order."""
    changes = FeedChanges(name)
    for uid, seen in after.items():
        old = before.get(uid)
        if old is None:
            changes.added.append(seen.title)
        elif seen.cancelled and not old.cancelled:
            changes.cancelled.append(seen.title)
        elif seen.sequence != old.sequence:
            changes.changed.append(seen.title)
    changes.removed = [seen.title for uid, seen in before.items() if uid not in after]
    for items in (changes.added, changes.changed, changes.cancelled, changes.removed):
        items.sort(key=str.lower)
    return changes
