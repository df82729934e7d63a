"""The advance preview as a table of display strings: the «Переход» tab and `stages advance`."""

from __future__ import annotations

from rcro_tui.pass_decide import Verdict
from rcro_tui.pass_words import describe, score_text
from rcro_tui.db.advance_read import Preview, PreviewRow
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
    title = (f"Этап «{preview.stage['name']}» → "
             + (f"«{preview.next_stage['name']}»" if preview.next_stage else "—")
             + f". {describe(preview.rule)} {preview.summary()}")
    view = TableView(title, COLUMNS, empty="На этапе нет участников.")
    for row in preview.rows:
        view.add(row.entry_id, row.name, "" if row.grade is None else str(row.grade),
                 row.subject, row.school, "" if row.score is None else score_text(row.score),
                 row.decision.rank, row.decision.verdict.label, row.decision.reason,
                 next_cell(preview, row))
    return view
