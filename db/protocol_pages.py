"""The first rows of a long stage's participant list and protocol, for a screen that shows
2000 of a country's 100 000 entries: the entries stream past and are never all held.

`protocols.entries_view` and `protocols.protocol` hold every entry with its strings (about
900 bytes each: 90 MB at 100 000, which Python's allocator then kept for the app's whole
life). Here the participant list keeps the first `limit` by name in a heap
(`heapq.nsmallest`, the same rows in the same order as sorting all and cutting); the
protocol first counts each group's scores, so that a row's place («2–3») is known without
its group held, then keeps its first `limit` rows the same way. tests/test_protocols.py
holds both to the whole views' first rows, ties at the cut included.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace

from sqlite_utils import Database

from rcro_tui.db.protocols import (COLUMNS, ENTRY_COLUMNS, GROUPINGS, UNRANKED, Entry,
                                   district_totals, entry_cells, entry_stream, group_key,
                                   matches_words, name_order, protocol_order, query_words,
                                   stage_title)
from rcro_tui.db.views import TableView


def first_entries_view(db: Database, stage_id: int, query: str = "", *,
                       limit: int) -> TableView:
    """`protocols.entries_view`'s first `limit` rows, its `total` counting them all."""
    words = query_words(query)
    everyone = _Counted(entry_stream(db, stage_id))
    matching = _Counted(e for e in everyone
                        if not words or matches_words(entry_cells(e)[1:], words))
    chosen = heapq.nsmallest(limit, matching, key=name_order)
    empty = (f"Никто не подходит под «{query}»." if everyone.count and not chosen else
             "На этапе пока нет участников: A — добавить, I — импорт протокола.")
    view = TableView("Участники этапа", ENTRY_COLUMNS, empty=empty)
    return _filled(view, chosen, 1, matching.count)


def first_protocol_rows(db: Database, stage_id: int, by: str = "stage", query: str = "", *,
                        limit: int) -> TableView:
    """`protocols.protocol`'s first `limit` rows, its `total` counting them all."""
    if by == "totals":
        return district_totals(db, stage_id)
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}")
    group = group_key(by)
    places = Places.counted(((group(e), e.subject), e) for e in entry_stream(db, stage_id))
    words = query_words(query)
    placed = (places.give(e, (group(e), e.subject)) for e in entry_stream(db, stage_id))
    matching = _Counted(e for e in placed if not words or matches_words(entry_cells(e), words))
    chosen = heapq.nsmallest(limit, matching, key=lambda e: protocol_order(group, e))
    view = TableView(f"{stage_title(db, stage_id)}: протокол ({GROUPINGS[by]})", COLUMNS,
                     empty="На этапе пока нет участников: добавьте их или импортируйте протокол.")
    return _filled(view, chosen, 0, matching.count)


class Places:
    """Each group's ranked scores, counted in a pass over the entries: a participant's place
    is one more than the ranked entries scoring better, shared by those scoring the same."""

    def __init__(self) -> None:
        self._scores: dict[tuple, Counter[float]] = defaultdict(Counter)
        self._better: dict[tuple, dict[float, int]] = {}

    @classmethod
    def counted(cls, entries: Iterable[tuple[tuple, Entry]]) -> "Places":
        """The places of `(group, entry)` pairs (a group: what `protocols.protocol` ranks
        together, the grouping's key and the subject)."""
        places = cls()
        for group, entry in entries:
            if entry.score is not None and entry.status not in UNRANKED:
                places._scores[group][entry.score] += 1
        for group, scores in places._scores.items():
            ahead, better = 0, {}
            for score in sorted(scores, reverse=True):
                better[score] = ahead
                ahead += scores[score]
            places._better[group] = better
        return places

    def give(self, entry: Entry, group: tuple) -> Entry:
        """`entry` with its place, as `protocols.place_in_order` gives it in its group."""
        if entry.score is None or entry.status in UNRANKED:
            entry.place = "—"
            return entry
        first = self._better[group][entry.score] + 1
        tied = self._scores[group][entry.score]
        entry.place = str(first) if tied == 1 else f"{first}–{first + tied - 1}"
        return entry


class _Counted:
    """An iterable passed through once, counting what went by."""

    def __init__(self, items: Iterable) -> None:
        self._items = items
        self.count = 0

    def __iter__(self) -> Iterator:
        for item in self._items:
            self.count += 1
            yield item


def _filled(view: TableView, chosen: list[Entry], first_cell: int, total: int) -> TableView:
    for entry in chosen:
        view.add(entry.id, *entry_cells(entry)[first_cell:])
    return replace(view, total=total) if total > len(chosen) else view
