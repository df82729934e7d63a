"""Enter on a selection round: its facts and applications; Space ticks those to approve,
D decides the round with one document (the unticked ones are rejected).

A files an application into this round, Enter opens an application's history, E changes
the round while it is undecided. Every key is one db call (`db.rounds`, `db.round_list`),
the same as `rcro-tui members rounds …`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from rcro_tui.db.round_list import (NO_TICK, TICK, application_counts, round_applications,
                                    round_facts)
from rcro_tui.db.rounds import Round, get_round
from rcro_tui.errors import UserError
from rcro_tui.i18n import count
from rcro_tui.screens.access_keys import WriteKeys
from rcro_tui.screens.data import reading
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.keys import bind
from rcro_tui.screens.membership_actions import MembershipActions
from rcro_tui.screens.membership_form import ApplyFormScreen
from rcro_tui.screens.round_form import DecisionFormScreen, RoundFormScreen
from rcro_tui.screens.view_table import ViewTable


class RoundScreen(WriteKeys, MembershipActions, ModalScreen[None]):
    WRITE_ACTIONS = {
        "toggle": "memberships", "decide": "memberships", "apply": "memberships",
        "edit": "selection_rounds", "step": "memberships"}
    BINDINGS = [
        bind("space", "toggle", "Одобрить/нет", key_display="Пробел"),
        bind("d", "decide", "Решение"),
        bind("a,insert", "apply", "Заявка"),
        bind("e", "edit", "Изменить"),
        bind("escape", "close", "Назад", key_display="Esc"),
    ]

    def __init__(self, db_path: Path, user: str, round_id: int, today: date) -> None:
        super().__init__()
        self.db_path, self.user, self.round_id, self.today = db_path, user, round_id, today
        self.chosen: set[int] = set()
        with reading(db_path) as db:
            self.selection: Round = get_round(db, round_id)
        self.program_id = self.selection.program_id

    def compose(self) -> ComposeResult:
        with Vertical(id="round", classes="dialog"):
            yield Label("", id="round-title", classes="dialog-title", markup=False)
            yield Static("", id="round-facts", markup=False)
            yield ViewTable(self.db_path, self._applications, id="round-applications")
        yield Footer()

    def on_mount(self) -> None:
        self._show_facts()

    def _applications(self, db):
        return round_applications(db, self.round_id, self.today, frozenset(self.chosen))

    def _show_facts(self) -> None:
        with reading(self.db_path) as db:
            self.selection = get_round(db, self.round_id)
            counts = application_counts(db).get(self.round_id, (0, 0))
        self.waiting = counts[1]
        self.query_one("#round-title", Label).update(
            f"Отбор №{self.round_id}: {self.selection.name}")
        self.query_one("#round-facts", Static).update(
            round_facts(self.selection, self.today, counts))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle", "decide", "apply", "edit"):
            return None if self.selection.decided_on is not None else True
        return True

    # Ticks and the decision ----------------------------------------------------------------

    def action_toggle(self) -> None:
        table = self.query_one(ViewTable)
        grid = table.query_one(DataTable)
        view = table.view
        if view is None or not view.rows or not grid.display:
            return
        index = min(grid.cursor_row, len(view.rows) - 1)
        key, cells = int(view.keys[index]), view.rows[index]
        if not cells[0]:
            self.notify("Решение по этой заявке уже принято.", severity="warning", timeout=3)
            return
        self.chosen ^= {key}
        tick = TICK if key in self.chosen else NO_TICK
        view.rows[index] = (tick, *cells[1:])
        grid.update_cell(str(key), "0", tick)
        grid.move_cursor(row=min(index + 1, len(view.rows) - 1))

    def action_decide(self) -> None:
        if not self.waiting:
            self.notify("В отборе нет заявок, ждущих решения.", severity="warning", timeout=3)
            return
        self.app.push_screen(DecisionFormScreen(self.db_path, self.user, self.selection,
                                                frozenset(self.chosen), self.waiting,
                                                self.today), self._decided)

    def _decided(self, outcome: tuple[int, int] | None) -> None:
        if outcome is None:
            return
        approved, rejected = outcome
        self.notify(f"Решение записано: одобрено {count(approved, 'заявка', 'заявки', 'заявок')}"
                    f", отклонено {rejected}.", timeout=4)
        self.chosen.clear()
        self.memberships_changed()

    # Applications and the round itself -----------------------------------------------------

    def action_apply(self) -> None:
        self.app.push_screen(ApplyFormScreen(self.db_path, self.user, self.program_id,
                                             self.today, role=self.selection.role,
                                             round_id=self.round_id), self._applied)

    def action_edit(self) -> None:
        self.app.push_screen(RoundFormScreen(self.db_path, self.user, self.program_id,
                                             self.round_id), self._edited)

    def _edited(self, round_id: int | None) -> None:
        if round_id is not None:
            self.notify("Отбор изменён.", timeout=3)
            self.memberships_changed()

    def on_view_table_opened(self, message: ViewTable.Opened) -> None:
        message.stop()
        self.open_membership(int(message.key))

    def chosen_membership(self) -> int | None:
        return None

    def memberships_changed(self) -> None:
        try:
            self._show_facts()
        except UserError as error:
            self.notify(error.message, severity="error", timeout=6)
        self.query_one(ViewTable).reload()
        self.refresh_bindings()

    def action_close(self) -> None:
        self.dismiss(None)
