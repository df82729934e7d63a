"""The advance preview's types: its rows, kept as columns, and the preview itself.

A country stage's preview has 100 000 rows; making a `PreviewRow` and a `Decision` tuple for
each, and freeing them again, took a third of the preview's time, while the «Переход» table
and `stages advance` read whole columns (`advance_view`) and most other readers a few rows.
So `PreviewRows` keeps the columns as read and makes a row when one is read (indexing,
slicing, iterating — a `Sequence` like the list it replaced).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter
from typing import Any, NamedTuple, overload

from rcro_tui.i18n import count
from rcro_tui.pass_decide import Decision, Verdict
from rcro_tui.pass_rules import PassRule
from rcro_tui.pass_types import Said


class PreviewRow(NamedTuple):
    """One entry of the stage as the «Переход» tab lists it (a named tuple: immutable, and
    20 000 of them are made four times faster than frozen dataclasses)."""

    entry_id: int
    name: str
    grade: int | None
    subject: str
    school_id: int | None
    school: str
    district: str
    session: str
    score: float | None
    status: str
    decision: Decision
    next_session_id: int | None = None
    next_session: str = ""
    advanced_to: int | None = None
    """The entry already made for it in the next stage (advancing again creates nothing)."""
    revision: int = 1
    """The entry's version as read: a mark saved from this preview names it (`set_marks`)."""


class Lazy(Sequence[Any]):
    """A column worked out when it is read: one value at a time (`one(at)`), or whole
    (`every()`, C-made maps) when iterated. The district and session names of 100 000 rows
    cost two passes and a place in every collection of the garbage collector, and neither
    the «Переход» table nor `apply` reads them."""

    def __init__(self, size: int, one: Callable[[int], Any], every: Callable[[], list]
                 ) -> None:
        self.size, self.one, self.every = size, one, every
        self.made: list | None = None

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, at: Any) -> Any:
        if self.made is not None or isinstance(at, slice):
            return self._made()[at]
        return self.one(range(self.size)[at])  # negative indices, IndexError

    def __iter__(self) -> Iterator[Any]:
        return iter(self._made())

    def _made(self) -> list:
        if self.made is None:
            self.made = self.every()
        return self.made


COLUMNS = tuple(name for name in PreviewRow._fields if name != "decision")
_DECISION_AT = PreviewRow._fields.index("decision")
_new = tuple.__new__  # what the named tuples' _make do, without their Python calls


class PreviewRows(Sequence[PreviewRow]):
    """The rows as columns (`COLUMNS`, each a sequence in the listed order) and the words
    of each (`said`: verdict, reason, rank, choosable)."""

    def __init__(self, columns: dict[str, Sequence[Any]], said: Sequence[Said]) -> None:
        self.columns = columns
        self.said = said
        self._ordered = [columns[name] for name in COLUMNS]

    def __len__(self) -> int:
        return len(self.said)

    @overload
    def __getitem__(self, index: int) -> PreviewRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[PreviewRow]: ...

    def __getitem__(self, index: int | slice) -> PreviewRow | list[PreviewRow]:
        if isinstance(index, slice):
            return [self[at] for at in range(len(self))[index]]
        at = range(len(self))[index]  # negative indices, IndexError
        values = [column[at] for column in self._ordered]
        values.insert(_DECISION_AT, _new(Decision, (values[0], *self.said[at])))
        return _new(PreviewRow, values)

    def __iter__(self) -> Iterator[PreviewRow]:
        decisions = map(_new, repeat(Decision), zip(self.columns["entry_id"], *zip(*self.said)))
        columns = self._ordered[:_DECISION_AT] + [decisions] + self._ordered[_DECISION_AT:]
        return map(_new, repeat(PreviewRow), zip(*columns))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable-looking, like the list it replaced

    def verdicts(self) -> list[Verdict]:
        return [said[0] for said in self.said]


_VERDICT = attrgetter("decision.verdict")


@dataclass
class Preview:
    stage: dict[str, Any]
    rule: PassRule
    next_stage: dict[str, Any] | None
    rows: Sequence[PreviewRow]
    warnings: list[str] = field(default_factory=list)

    @property
    def passes(self) -> int:
        return self._verdicts().count(Verdict.YES)

    @property
    def undecided(self) -> int:
        return self._verdicts().count(Verdict.UNDECIDED)

    def _verdicts(self) -> list[Verdict]:
        if isinstance(self.rows, PreviewRows):
            return self.rows.verdicts()
        return list(map(_VERDICT, self.rows))

    def summary(self) -> str:
        """«Пройдут 12 из 40, 2 решения за координатором.»"""
        verdicts = self._verdicts()
        passes, undecided = verdicts.count(Verdict.YES), verdicts.count(Verdict.UNDECIDED)
        text = f"Пройдут {passes} из {len(self.rows)}"
        if undecided:
            text += f", {count(undecided, 'решение', 'решения', 'решений')} за координатором"
        return text + "."
