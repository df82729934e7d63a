"""The advance preview as a table of display strings: the «Переход» tab and `stages advance`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

from rcro_tui.bulk import gc_paused
from rcro_tui.pass_decide import Verdict
from rcro_tui.pass_words import describe, score_text
from rcro_tui.db.advance_rows import COLUMNS as FIELDS
from rcro_tui.db.advance_rows import Preview, PreviewRow, PreviewRows
from rcro_tui.db.views import TableView

COLUMNS = ("Участник", "Класс", "Предмет", "Школа", "Балл", "Место", "Проходит", "Почему",
           "Следующий этап")


def next_cell(preview: Preview, row: PreviewRow) -> str:
    """Where a passer goes: the next stage's session, «уже переведён», or the gap."""
    if row.decision.verdict is not Verdict.YES or preview.next_stage is None:
        return ""
    if row.advanced_to is not None:
        return "уже переведён"
    return row.next_session or "— нет площадки"


def preview_view(preview: Preview) -> TableView:
    """The table, made column by column from the preview's columns (`PreviewRows`): C-made
    zips and maps, the strings of grades and scores once per distinct value."""
    with gc_paused():  # a tuple of strings per entry (rcro_tui.bulk)
        return _view(preview)


def _view(preview: Preview) -> TableView:
    title = (f"Этап «{preview.stage['name']}» → "
             + (f"«{preview.next_stage['name']}»" if preview.next_stage else "—")
             + f". {describe(preview.rule)} {preview.summary()}")
    empty = "На этапе нет участников."
    rows = preview.rows
    if not isinstance(rows, PreviewRows):
        rows = PreviewRows({name: [getattr(row, name) for row in rows] for name in FIELDS},
                           [row.decision[1:] for row in rows])
    if not rows:
        return TableView(title, COLUMNS, [], [], empty=empty)
    column = rows.columns
    verdicts, reasons, ranks, _ = zip(*rows.said)
    grades = {grade: "" if grade is None else str(grade) for grade in set(column["grade"])}
    scores = {score: "" if score is None else score_text(score)
              for score in set(column["score"])}
    marks = {verdict: verdict.label for verdict in Verdict}
    table = Cells((column["name"], list(map(grades.__getitem__, column["grade"])),
                   column["subject"], column["school"],
                   list(map(scores.__getitem__, column["score"])), ranks,
                   list(map(marks.__getitem__, verdicts)), reasons,
                   _next_cells(preview, verdicts, column)))
    return TableView(title, COLUMNS, table, list(column["entry_id"]), empty=empty)


class Cells(Sequence[tuple[str, ...]]):
    """The table's rows of strings, kept as its columns: a row's tuple is made when it is
    read (the «Переход» table adds 2 000 rows at once, then steps of 10 000). Making 100 000
    tuples of nine strings at once, and the garbage collector walking them, took 0.18 s."""

    def __init__(self, columns: tuple[Sequence[str], ...]) -> None:
        self.columns = columns

    def __len__(self) -> int:
        return len(self.columns[0])

    @overload
    def __getitem__(self, index: int) -> tuple[str, ...]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[str, ...]]: ...

    def __getitem__(self, index: int | slice) -> tuple[str, ...] | list[tuple[str, ...]]:
        if isinstance(index, slice):
            return list(zip(*(column[index] for column in self.columns)))
        return tuple(column[index] for column in self.columns)

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return zip(*self.columns)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # like the list it replaced


def _next_cells(preview: Preview, verdicts: tuple, column: dict) -> list[str]:
    """`next_cell` of every row, in one pass over the columns."""
    if preview.next_stage is None:
        return [""] * len(verdicts)
    yes = Verdict.YES
    return ["" if verdict is not yes else "уже переведён" if advanced is not None else
            going or "— нет площадки" for verdict, advanced, going in
            zip(verdicts, column["advanced_to"], column["next_session"])]
