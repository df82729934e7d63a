"""«Отборы»: the competitions of one academic year ([ and ] switch the year, / searches the
titles); Enter opens a competition's card with its stages and their sessions.

A adds a competition, E changes it, Del deletes it (refused while it has participants; its
stages go with it and its sessions' events are cancelled). Every key is one call into
`db.competitions`, the same as `rcro-tui stages list`.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Input

from rcro_tui.db.competitions import delete_competition, footprint
from rcro_tui.db.competitions import competitions_view
from rcro_tui.rules import AcademicYear
from rcro_tui.screens.access_keys import WriteKeys
from rcro_tui.screens.agenda import SectionScreen
from rcro_tui.screens.competition_card import CompetitionScreen
from rcro_tui.screens.competition_form import CompetitionFormScreen
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.data import reading
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.keys import bind
from rcro_tui.screens.sessions_pane import write
from rcro_tui.screens.view_table import ViewTable


class StagesScreen(WriteKeys, SectionScreen):
    WRITE_ACTIONS = {"add": "competitions", "edit": "competitions", "delete": "competitions"}
    TITLE = "Отборы"
    BINDINGS = [
        bind("[", "year(-1)", "Пред. год", key_display="["),
        bind("]", "year(1)", "След. год", key_display="]"),
        bind("slash", "search", "Поиск", key_display="/"),
        bind("a,insert", "add", "Добавить"),
        bind("e", "edit", "Изменить"),
        bind("delete", "delete", "Удалить", key_display="Del"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.year: int | None = None
        self.text = ""

    def compose(self) -> ComposeResult:
        self.year = AcademicYear.containing(self.app.today).start_year
        yield from self.compose_frame()
        yield Input(placeholder="/ — поиск по названию", id="competitions-search")
        yield ViewTable(self.app.db_path,
                        lambda db: competitions_view(db, self.year, self.text),
                        id="competitions")
        yield Footer()

    def on_mount(self) -> None:
        self.grid().focus()

    def grid(self) -> DataTable:
        return self.query_one("#competitions", ViewTable).query_one(DataTable)

    def current(self) -> int | None:
        table = self.query_one("#competitions", ViewTable)
        if table.view is None or not table.view.rows or not self.grid().display:
            return None
        return int(table.view.keys[min(self.grid().cursor_row, len(table.view.keys) - 1)])

    def reload(self) -> None:
        self.query_one("#competitions", ViewTable).reload()

    def action_year(self, step: int) -> None:
        self.year = (self.year or AcademicYear.containing(self.app.today).start_year) + step
        self.reload()
        self.grid().focus()

    def action_search(self) -> None:
        self.query_one("#competitions-search", Input).focus()

    @on(Input.Changed, "#competitions-search")
    def _narrow(self, event: Input.Changed) -> None:
        self.text = event.value
        self.reload()

    @on(Input.Submitted, "#competitions-search")
    def _searched(self) -> None:
        self.grid().focus()

    @on(ViewTable.Opened)
    def _opened(self, message: ViewTable.Opened) -> None:
        self.app.push_screen(CompetitionScreen(int(message.key)), lambda _: self.reload())

    def action_add(self) -> None:
        self.app.push_screen(CompetitionFormScreen(self.app.db_path, self.app.user,
                                                   self.year), self._saved)

    def action_edit(self) -> None:
        if (competition_id := self.current()) is not None:
            self.app.push_screen(CompetitionFormScreen(self.app.db_path, self.app.user,
                                                       self.year, competition_id), self._saved)

    def _saved(self, saved: int | None) -> None:
        if saved is not None:
            self.notify(f"Конкурс №{saved} сохранён.", timeout=3)
            self.reload()

    def action_delete(self) -> None:
        competition_id = self.current()
        if competition_id is None:
            return
        with reading(self.app.db_path) as db:
            found = footprint(db, competition_id)
        if found.entries:
            self.notify(found.question(), severity="error", timeout=6)
            return

        def answered(yes: bool | None) -> None:
            if yes and write(self.app, delete_competition, competition_id):
                self.notify(f"«{found.title}» удалён.", timeout=3)
                self.reload()
        self.app.push_screen(ConfirmDialog(found.question(), yes="Удалить", no="Оставить",
                                           danger=True), answered)
