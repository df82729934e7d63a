"""The agenda's lines for a month, with each event read whole only when it is drawn.

A month of a big region holds some 10 000 events and the agenda shows 35 lines of them.
Its lines (a heading per day, then the day's events) come from the month's kept
(id, start, end) spans (`db.window_spans`); an event's title, host and format are read in
pages of `PAGE` events around the line being drawn, the first time it is drawn. Repeating
events are few and are expanded whole, as everywhere else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlite_utils import Database

from rcro_tui.db.connection import connect, database_file
from rcro_tui.db.occurrences import Occurrence, items_by_id
from rcro_tui.db.window_spans import SpanRow, last_day_of
from rcro_tui.rules import parse_moment

PAGE = 200
"""Events read at once when a line is drawn whose event has not been read yet."""

Ref = Occurrence | SpanRow
"""An agenda event: read whole, or still only its span."""

AgendaRow = tuple[date, int | None]
"""One agenda line: (day, None) for the day's heading, (day, index into `refs`) for an event."""


@dataclass
class AgendaLines:
    """The lines of one agenda window and the events they point to."""

    rows: list[AgendaRow] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    read: Callable[[list[int]], dict[int, Occurrence]] | None = None
    """Reads events whole by id (on the screen's thread, a page at a time)."""

    def item(self, ref: int) -> Occurrence:
        """The event of a line, read with the page around it if it has not been read yet."""
        found = self.refs[ref]
        if isinstance(found, Occurrence):
            return found
        self._read_page(ref)
        return self.refs[ref]  # type: ignore[return-value]

    def key_of(self, ref: int) -> tuple[int, str]:
        """An event's id and start as text, whether it has been read or not (which line
        showed the same occurrence before a new read)."""
        found = self.refs[ref]
        if isinstance(found, Occurrence):
            return found.event_id, _text(found.start)
        return found[0], found[1]

    def _read_page(self, ref: int) -> None:
        start = max(0, ref - PAGE // 4)
        wanted = [i for i in range(start, min(len(self.refs), start + PAGE))
                  if not isinstance(self.refs[i], Occurrence)]
        if self.read is None:
            raise RuntimeError("agenda lines without a reader")
        items = self.read([self.refs[i][0] for i in wanted])  # type: ignore[index]
        for i in wanted:
            event_id = self.refs[i][0]  # type: ignore[index]
            if event_id in items:
                self.refs[i] = items[event_id]
            else:  # deleted since the month was read: shown as gone, never a crash
                self.refs[i] = _gone(self.refs[i])  # type: ignore[arg-type]


def build_lines(spans: list[SpanRow], repeating: list[Occurrence], first: date, last: date,
                read: Callable[[list[int]], dict[int, Occurrence]]) -> AgendaLines:
    """Lines in the order of `Occurrence.sort_key`; a multi-day event under each of its days."""
    keyed: list[tuple[tuple, Ref]] = [((start[:10], len(start) > 10, start, event_id),
                                       (event_id, start, end)) for event_id, start, end in spans]
    keyed += [((item.first_day.isoformat(), not item.all_day, _text(item.start), item.event_id),
               item) for item in repeating]
    keyed.sort(key=lambda pair: pair[0])
    refs = [ref for _key, ref in keyed]
    by_day: dict[date, list[int]] = defaultdict(list)
    low, high = first.isoformat(), last.isoformat()
    for index, ref in enumerate(refs):
        for day in _days(ref, low, high):
            by_day[day].append(index)
    rows: list[AgendaRow] = []
    for day in sorted(by_day):
        rows.append((day, None))
        rows.extend((day, index) for index in by_day[day])
    return AgendaLines(rows=rows, refs=refs, read=read)


def _days(ref: Ref, low: str, high: str) -> list[date]:
    """The days of [low, high] that an event covers (ISO texts compare as dates)."""
    if isinstance(ref, Occurrence):
        return [day for day in ref.days() if low <= day.isoformat() <= high]
    _id, start, end = ref
    begin = start[:10]
    finish = begin if end[:10] == begin else last_day_of(start, end)
    if finish == begin:
        return [date.fromisoformat(begin)] if low <= begin <= high else []
    day, stop = date.fromisoformat(max(begin, low)), date.fromisoformat(min(finish, high))
    days = []
    while day <= stop:
        days.append(day)
        day += timedelta(days=1)
    return days


def _text(moment: date | datetime) -> str:
    return moment.isoformat(timespec="minutes") if isinstance(moment, datetime) \
        else moment.isoformat()


def _gone(span: SpanRow) -> Occurrence:
    """A line for an event deleted after the month was read (the next read drops it)."""
    event_id, start, end = span
    return Occurrence(event_id=event_id, title="(удалено)", kind="", status="cancelled",
                      visibility="", format="", start=parse_moment(start),
                      end=parse_moment(end), host="", district="", program="", venue="",
                      host_org_id=None, grades=(None, None), repeats=False)


def reader_for(db: Database) -> Callable[[list[int]], dict[int, Occurrence]]:
    """How the screen's thread reads events later: a connection of its own to the same file
    (sqlite3 connections must not cross threads), or this one for a database in memory."""
    path = database_file(db)
    if not path:
        return lambda ids: items_by_id(db, ids)

    def read(ids: list[int]) -> dict[int, Occurrence]:
        other = connect(path)
        try:
            return items_by_id(other, ids)
        finally:
            other.close()

    return read
