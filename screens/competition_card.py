"""A competition's card: its facts, its stages in order, and the sessions of the stage under
the cursor. Enter opens the stage (`StageScreen`).

A adds a stage after the last, E changes the stage, C the competition, Del deletes the stage
(refused while it has participants; its sessions' events are cancelled), Ctrl+↑/↓ move it,
P proposes its sessions at the hub schools. Each key is one call into `db`.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Static

from rcro_tui.db import store
from rcro_tui.db.competitions import get_competition
from rcro_tui.db.stage_edit import delete_question, delete_stage, move_stage
from rcro_tui.db.stage_list import competition_facts, facts_text, sessions_view, stages_view
from rcro_tui.db.views import TableView
from rcro_tui.screens.access_keys import WriteKeys
from rcro_tui.screens.competition_form import CompetitionFormScreen
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.data import reading
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.keys import bind
from rcro_tui.screens.sessions_pane import propose, write
from rcro_tui.screens.stage_form import StageFormScreen
from rcro_tui.screens.stage_screen import StageScreen
from rcro_tui.screens.view_table import ViewTable


class StagesTable(ViewTable):
    """The stages; after each reading the screen shows the sessions of the stage under the
    cursor (a table that arrives with rows does not announce its first highlighted row)."""

    def _show(self, view: TableView) -> None:
        super()._show(view)
        self.screen.call_after_refresh(self.screen.follow_cursor)


class CompetitionScreen(WriteKeys, Screen[None]):
    WRITE_ACTIONS = {
        "add_stage": "stages", "edit_stage": "stages", "edit_competition": "competitions",
        "delete_stage": "stages", "move": "stages", "propose": "stage_sessions"}
    TITLE = "Отборы"
    BINDINGS = [
        bind("a,insert", "add_stage", "Добавить этап"),
        bind("e", "edit_stage", "Изменить этап"),
        bind("c", "edit_competition", "Конкурс"),
        bind("delete", "delete_stage", "Удалить этап", key_display="Del"),
        bind("ctrl+up", "move(-1)", "Выше", key_display="Ctrl+↑"),
        bind("ctrl+down", "move(1)", "Ниже", key_display="Ctrl+↓"),
        bind("p", "propose", "Площадки"),
        bind("escape", "close", "Назад", key_display="Esc"),
    ]

    def __init__(self, competition_id: int) -> None:
        super().__init__()
        self.competition_id = competition_id
        self.stage_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield Label("", id="competition-title", markup=False)
        yield Static("", id="competition-facts", markup=False)
        yield StagesTable(self.app.db_path, self._stages, id="competition-stages")
        yield ViewTable(self.app.db_path, self._sessions, openable=False,
                        id="competition-sessions")
        yield Footer()

    def on_mount(self) -> None:
        self._show_facts()
        self.query_one("#competition-stages").query_one(DataTable).focus()

    def _show_facts(self) -> None:
        with reading(self.app.db_path) as db:
            title = get_competition(db, self.competition_id)["title"]
            facts = facts_text(competition_facts(db, self.competition_id))
        self.query_one("#competition-title", Label).update(title)
        self.query_one("#competition-facts", Static).update(facts)

    def _stages(self, db) -> TableView:
        return stages_view(db, self.competition_id)

    def _sessions(self, db) -> TableView:
        if self.stage_id is None:
            return TableView("Площадки", ("Район",), empty="Выберите этап.")
        return sessions_view(db, self.stage_id)

    def current_stage(self) -> int | None:
        table = self.query_one("#competition-stages", ViewTable)
        grid = table.query_one(DataTable)
        if table.view is None or not table.view.rows or not grid.display:
            return None
        return int(table.view.keys[min(grid.cursor_row, len(table.view.keys) - 1)])

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        stage_id = self.current_stage()
        if stage_id != self.stage_id and event.data_table.parent.id == "competition-stages":
            self.stage_id = stage_id
            self.query_one("#competition-sessions", ViewTable).reload()

    def follow_cursor(self) -> None:
        """The stages were (re)read: show the sessions of the stage now under the cursor."""
        stage_id = self.current_stage()
        if stage_id != self.stage_id:
            self.stage_id = stage_id
            self.query_one("#competition-sessions", ViewTable).reload()

    def reload(self) -> None:
        self._show_facts()
        self.query_one("#competition-stages", ViewTable).reload()
        self.query_one("#competition-sessions", ViewTable).reload()

    @on(ViewTable.Opened)
    def _opened(self, message: ViewTable.Opened) -> None:
        self.app.push_screen(StageScreen(int(message.key)), lambda _: self.reload())

    def action_add_stage(self) -> None:
        self.app.push_screen(StageFormScreen(self.app.db_path, self.app.user,
                                             self.competition_id), self._saved)

    def action_edit_stage(self) -> None:
        if (stage_id := self.current_stage()) is not None:
            self.app.push_screen(StageFormScreen(self.app.db_path, self.app.user,
                                                 self.competition_id, stage_id), self._saved)

    def action_edit_competition(self) -> None:
        with reading(self.app.db_path) as db:
            year = get_competition(db, self.competition_id)["academic_year"]
        self.app.push_screen(CompetitionFormScreen(self.app.db_path, self.app.user, year,
                                                   self.competition_id), self._saved)

    def _saved(self, saved: int | None) -> None:
        if saved is not None:
            self.notify("Сохранено.", timeout=2)
            self.reload()

    def action_delete_stage(self) -> None:
        stage_id = self.current_stage()
        if stage_id is None:
            return
        with reading(self.app.db_path) as db:
            question, allowed = delete_question(db, stage_id)
            revision = store.get_row(db, "stages", stage_id)["revision"]
        if not allowed:
            self.notify(question, severity="error", timeout=6)
            return

        def answered(yes: bool | None) -> None:
            if yes and write(self.app, _delete, stage_id, revision):
                self.reload()
        self.app.push_screen(ConfirmDialog(question, yes="Удалить", no="Оставить",
                                           danger=True), answered)

    def action_move(self, step: int) -> None:
        stage_id = self.current_stage()
        if stage_id is not None and write(self.app, move_stage, stage_id, step):
            grid = self.query_one("#competition-stages", ViewTable).query_one(DataTable)
            grid.move_cursor(row=grid.cursor_row + step)
            self.reload()

    def action_propose(self) -> None:
        if (stage_id := self.current_stage()) is not None:
            propose(self.app, stage_id, self.reload)

    def action_close(self) -> None:
        self.dismiss(None)


def _delete(db, stage_id: int, revision: int, *, user: str) -> bool:
    delete_stage(db, stage_id, user=user, expected_revision=revision)
    return True
