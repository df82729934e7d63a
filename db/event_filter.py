"""Which events to show: a filter made of choices that combine (AND), turned into SQL.

The same `EventFilter` drives the calendar views, `rcro-tui events list`, saved views and
(later) custom feeds, so a filter means the same thing on screen, in a script and in a feed.
Search goes through the FTS5 index `events_fts` (titles, descriptions, subjects, venues,
host names; case-insensitive, «ё» = «е»).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from typing import Any

from rcro_tui.errors import InputError

_WORD = re.compile(r"\w+", re.UNICODE)

EVENT_COLUMNS_SQL = """
SELECT e.id, e.title, e.kind, e.start_at, e.end_at, e.all_day, e.format, e.status,
       e.visibility, e.venue, e.online_url, e.grades_from, e.grades_to, e.program_id,
       e.host_org_id, e.rrule, e.exdates, e.reg_start_at, e.reg_end_at, e.revision,
       COALESCE(NULLIF(o.short_name, ''), o.name, '') AS host, o.district_id,
       COALESCE(d.name, '') AS district,
       COALESCE(NULLIF(p.short_name, ''), p.name, '') AS program
FROM events e
LEFT JOIN organizations o ON o.id = e.host_org_id
LEFT JOIN districts d ON d.id = o.district_id
LEFT JOIN programs p ON p.id = e.program_id
"""
"""The columns every event list needs; callers add WHERE and ORDER BY."""


def fold(text: str) -> str:
    """Lower case with «ё» as «е»: how both the index and the queries see words.

    NFC first, so an «ё» or «й» pasted as a letter plus a combining mark is one letter.
    """
    return unicodedata.normalize("NFC", text).lower().replace("ё", "е")


def fts_query(text: str) -> str:
    """Words typed in the search box as an FTS5 query: every word, as a prefix («олимп» finds
    «олимпиада»), quoted so that quotes, «ёлочки», `-` or `*` typed by a person cannot break it.

    A single letter is left out: as a prefix it matches a good part of the vocabulary (slow,
    and no help in finding anything), so search starts at the second letter. A single digit
    stays: «СОШ № 4».
    """
    words = [word for word in _WORD.findall(fold(text)) if len(word) > 1 or word.isdigit()]
    return " ".join(f'"{word}"*' for word in words)


@dataclass(frozen=True)
class EventFilter:
    """Choices that narrow the calendar; empty fields mean «any». Stored as JSON in saved views."""

    text: str = ""
    program_ids: tuple[int, ...] = ()
    district_ids: tuple[int, ...] = ()
    host_org_ids: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    visibilities: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    audience: str = ""
    grade: int | None = None
    first_day: date | None = None
    last_day: date | None = None

    def is_empty(self) -> bool:
        return self == EventFilter()

    def finds_as(self) -> "EventFilter":
        """The filter as the database sees it: its words as `fts_query` keeps them. Two
        filters equal here find the same events («о» and «», «олимп» and «олимп »), so a
        keystroke that changes nothing else needs no new read."""
        return replace(self, text=fts_query(self.text))

    def without(self, name: str) -> "EventFilter":
        """The same filter with one field back to «any» (removing a chip).

        `dates` clears both ends of the date range (the single «Даты» chip).
        """
        if name == DATES:
            return replace(self, first_day=None, last_day=None)
        return replace(self, **{name: EventFilter.__dataclass_fields__[name].default})

    def merged(self, other: "EventFilter") -> "EventFilter":
        """This filter with every field that `other` sets taken from `other`.

        How `events list --view NAME --kind …` works: the options on the command line win.
        """
        changes = {f.name: getattr(other, f.name) for f in fields(other)
                   if getattr(other, f.name) != f.default}
        return replace(self, **changes)

    def to_json(self) -> str:
        data = {k: v for k, v in asdict(self).items()
                if v != EventFilter.__dataclass_fields__[k].default}
        for key in ("first_day", "last_day"):
            if key in data:
                data[key] = data[key].isoformat()
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "EventFilter":
        """The filter a saved view stored; InputError (not a traceback) if the JSON is damaged."""
        try:
            data = json.loads(text) if text.strip() else {}
            if not isinstance(data, dict):
                raise ValueError(text)
            return cls(**{key: _json_value(key, value) for key, value in data.items()
                          if key in _FIELD_KINDS})  # unknown: a field a newer version saved
        except (ValueError, TypeError):
            raise InputError(f"Сохранённый фильтр повреждён и не читается: {text[:80]}") from None

    def where(self) -> tuple[str, list[Any]]:
        """The filter (dates aside: occurrences handle them) as SQL over `EVENT_COLUMNS_SQL`."""
        clauses: list[str] = []
        params: list[Any] = []

        def any_of(column: str, values: tuple) -> None:
            if values:
                clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
                params.extend(values)

        any_of("e.program_id", self.program_ids)
        any_of("e.host_org_id", self.host_org_ids)
        any_of("e.kind", self.kinds)
        any_of("e.status", self.statuses)
        any_of("e.visibility", self.visibilities)
        any_of("e.format", self.formats)
        if self.district_ids:
            marks = ", ".join("?" for _ in self.district_ids)
            clauses.append(f"(o.district_id IN ({marks}) OR e.id IN (SELECT event_id FROM "
                           f"stage_sessions WHERE district_id IN ({marks})))")
            params.extend([*self.district_ids, *self.district_ids])
        if self.grade is not None:
            clauses.append("COALESCE(e.grades_from, e.grades_to) <= ? AND "
                           "COALESCE(e.grades_to, e.grades_from) >= ?")
            params.extend([self.grade, self.grade])
        if self.audience.strip():
            clauses.append("e.id IN (SELECT event_id FROM audience_segments WHERE "
                           "instr(fold(who), ?) > 0)")
            params.append(fold(self.audience.strip()))
        query = fts_query(self.text)
        if query:
            clauses.append("e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
            params.append(query)
        return (" AND ".join(clauses) or "1"), params


DATES = "dates"
"""The pseudo-field of the one chip that shows (and removes) both ends of the date range."""

_FIELD_KINDS = {f.name: f.type for f in fields(EventFilter)}


def _json_value(key: str, value: Any) -> Any:
    """One stored value as the field's type (ints for ids, dates for days, text for words)."""
    kind = _FIELD_KINDS[key]
    if value is None:
        return None if "None" in kind else EventFilter.__dataclass_fields__[key].default
    if kind == "str":
        return str(value)
    if kind == "tuple[int, ...]":
        return tuple(int(item) for item in value)
    if kind == "tuple[str, ...]":
        return tuple(str(item) for item in value)
    if kind == "int | None":
        return int(value)
    return date.fromisoformat(value)
