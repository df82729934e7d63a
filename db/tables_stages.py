"""Tables of the networks and the stages: a programme's network, a stage's protocol, its
rankings by district and district totals, and district engagement in high-rated contests.

The protocol and the totals are `db.protocols`' (places shared on ties, subjects ranked on
their own); the network is the «Сеть» section's matrix; this module only picks and groups
their columns for print and adds who passes, from the advance preview.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from rcro_tui.errors import UserError
from rcro_tui.pass_decide import Verdict
from rcro_tui.rules import today_in_region
from rcro_tui.db.advance_read import preview
from rcro_tui.db.network_overview import matrix_view
from rcro_tui.db.protocols import district_totals, protocol
from rcro_tui.db.tables import NUMBER, TEXT, Group, Printable, TableParams, name_of
from rcro_tui.db.views import TableView

PRINTED = ("Место", "Участник", "Класс", "Школа", "Район", "Предмет", "Балл", "Результат")
"""The protocol's columns on paper (the session and entry status stay on screen)."""
PASS_WORDS = {Verdict.YES: "да", Verdict.NO: "нет", Verdict.UNDECIDED: "решает координатор"}


def network(db: Database, params: TableParams) -> Printable:
    """A programme's districts × roles with the active members' names (the «Сеть» matrix)."""
    matrix = matrix_view(db, params.program_id or 0, params.today or today_in_region())
    program = name_of(db, "programs", params.program_id, "Программа № не найдена")
    columns = tuple(column[:1].upper() + column[1:] for column in matrix.columns)
    view = TableView(f"Сеть программы «{program}»", columns, matrix.rows, matrix.keys,
                     matrix.empty)
    return Printable("network", view, (TEXT,) * len(view.columns),
                     subtitle="Муниципальные образования и организации по ролям в сети")


def stage_protocol(db: Database, params: TableParams) -> Printable:
    """The stage's protocol, subject by subject, with who passes to the next stage."""
    return _printed(db, params, "stage", "protocol",
                    lambda cells: cells[5] or "предмет не указан")


def stage_rankings(db: Database, params: TableParams) -> Printable:
    """The protocol ranked within each district (each district's subjects on their own)."""
    return _printed(db, params, "district", "rankings",
                    lambda cells: " · ".join(part for part in (cells[4] or "район не указан",
                                                               cells[5]) if part))


def stage_totals(db: Database, params: TableParams) -> Printable:
    """Per district: participants, winners, prize-winners, schools; then the total."""
    view = district_totals(db, existing_stage(db, params))
    return Printable("totals", view, (TEXT,) + (NUMBER,) * 4)


def existing_stage(db: Database, params: TableParams) -> int:
    """The stage's id, checked to exist (a Russian error otherwise)."""
    row = db.execute("SELECT id FROM stages WHERE id = ?", [params.stage_id]).fetchone()
    if row is None:
        raise UserError(f"Этап № {params.stage_id} не найден в базе.")
    return row[0]


def _printed(db: Database, params: TableParams, by: str, name: str,
             heading: Callable[[tuple[str, ...]], str]) -> Printable:
    stage_id = existing_stage(db, params)
    ranked = protocol(db, stage_id, by)
    picks = [ranked.columns.index(column) for column in PRINTED]
    passes = _passes(db, stage_id)
    columns = PRINTED + (("Проходит",) if passes is not None else ())
    view = TableView(ranked.title.replace(": протокол (этап)", ": протокол")
                     .replace(": протокол (район)", ": рейтинг по районам"),
                     columns, empty=ranked.empty)
    groups: list[Group] = []
    for key, full in zip(ranked.keys, ranked.rows):
        cells = tuple(full[index] for index in picks)
        title = heading(cells)
        if not groups or groups[-1].title != title:
            groups.append(Group(title, len(view.rows), len(view.rows)))
        extra = (PASS_WORDS[passes[key]],) if passes is not None and key in passes else \
            (("",) if passes is not None else ())
        view.add(key, *cells, *extra)
        groups[-1] = Group(title, groups[-1].start, len(view.rows))
    if len(groups) == 1 and by == "stage":
        groups = []  # one subject: no heading needed
    kinds = (TEXT, TEXT, NUMBER, TEXT, TEXT, TEXT, NUMBER, TEXT) + (TEXT,) * (len(columns) - 8)
    return Printable(name, view, kinds, groups)  # groups repeat columns: not a CSV column


def _passes(db: Database, stage_id: int) -> dict[int, Verdict] | None:
    """Each entry's verdict under the stage's pass rule; None for the last stage."""
    shown = preview(db, stage_id)
    if shown.next_stage is None:
        return None
    return {row.entry_id: row.decision.verdict for row in shown.rows}
