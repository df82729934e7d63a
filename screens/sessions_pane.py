"""The «Площадки» tab of a stage: its sessions (district, host, date, status, participants).

P proposes sessions at the programme's hub schools, O adds one online, G one at a chosen
organisation (the final at the organiser), Delete removes one (its event is cancelled, kept),
Enter opens the session's event. Every key is one call into `db.stage_sessions`; after a
write the pane rereads itself and posts `StageChanged`.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable

from rcro_tui.db.connection import connect
from rcro_tui.db.stage_list import session_event, sessions_view
from rcro_tui.db.stage_sessions import create_online_session, create_org_session, remove_session
from rcro_tui.errors import UserError
from rcro_tui.screens.access_keys import WriteKeys
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.data import reading
from rcro_tui.screens.event_detail import EventDetailScreen
from rcro_tui.screens.keys import bind
from rcro_tui.screens.org_picker import NO_HOST, OrgPicker
from rcro_tui.screens.session_proposal import SessionProposalScreen, created_message
from rcro_tui.screens.stage_messages import StageChanged
from rcro_tui.screens.view_table import ViewTable

SESSION_BINDINGS = [
    bind("p", "propose", "Предложить площадки"),
    bind("o", "online", "Дистанционно"),
    bind("g", "at_org", "В организации"),
]


def write(app, call: Callable, *args, **kwargs):
    """One db call on a short-lived connection; a Russian refusal becomes a notification."""
    try:
        db = connect(app.db_path)
        try:
            return call(db, *args, user=app.user, **kwargs)
        finally:
            db.close()
    except UserError as error:
        app.notify(error.message, severity="error", timeout=6)
        return None


def propose(app, stage_id: int, done: Callable[[], None]) -> None:
    """Open the proposals of a stage; `done` runs after sessions were created."""
    def created(n: int | None) -> None:
        if n:
            app.notify(created_message(n), timeout=4)
            done()
    app.push_screen(SessionProposalScreen(app.db_path, app.user, stage_id), created)


class SessionsPane(WriteKeys, Vertical):
    """A stage's sessions with their keys; `StageScreen`'s first tab."""

    WRITE_ACTIONS = {
        "propose": "stage_sessions", "online": "stage_sessions", "at_org": "stage_sessions",
        "remove": "stage_sessions"}

    BINDINGS = [*SESSION_BINDINGS, bind("delete,x", "remove", "Убрать площадку",
                                        key_display="Del")]

    def __init__(self, stage_id: int, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="stage-pane")
        self.stage_id = stage_id

    def compose(self) -> ComposeResult:
        yield ViewTable(self.app.db_path, lambda db: sessions_view(db, self.stage_id),
                        id="sessions-table")

    def focus_default(self) -> None:
        self.query_one(ViewTable).focus_here()

    def current(self) -> int | None:
        table = self.query_one(ViewTable)
        grid = table.query_one(DataTable)
        if table.view is None or not table.view.rows or not grid.display:
            return None
        return int(table.view.keys[min(grid.cursor_row, len(table.view.keys) - 1)])

    def changed(self) -> None:
        self.query_one(ViewTable).reload()
        self.post_message(StageChanged(self.stage_id))

    def on_stage_changed(self, message: StageChanged) -> None:
        if message.stage_id == self.stage_id and message.forwarded:
            self.query_one(ViewTable).reload()

    def on_view_table_opened(self, message: ViewTable.Opened) -> None:
        message.stop()
        with reading(self.app.db_path) as db:
            event_id = session_event(db, int(message.key))
        if event_id is None:
            self.app.notify("Мероприятия этой площадки нет в календаре.", severity="warning")
            return
        self.app.push_screen(EventDetailScreen(self.app.db_path, event_id))

    def action_propose(self) -> None:
        propose(self.app, self.stage_id, self.changed)

    def action_online(self) -> None:
        if write(self.app, create_online_session, self.stage_id) is not None:
            self.app.notify("Добавлена дистанционная площадка.", timeout=3)
            self.changed()

    def action_at_org(self) -> None:
        def chosen(org_id: int | None) -> None:
            if org_id in (None, NO_HOST):
                return
            if write(self.app, create_org_session, self.stage_id, org_id) is not None:
                self.app.notify("Площадка добавлена: мероприятие в календаре.", timeout=3)
                self.changed()
        self.app.push_screen(OrgPicker(self.app.db_path), chosen)

    def action_remove(self) -> None:
        session_id = self.current()
        if session_id is None:
            return
        table = self.query_one(ViewTable)
        cells = table.view.rows[table.view.keys.index(session_id)]
        question = (f"Убрать площадку «{cells[1]}» ({cells[0]})? Её мероприятие останется в "
                    "календаре со статусом «отменено», чтобы школы узнали об отмене.")

        def answered(yes: bool | None) -> None:
            if yes and write(self.app, _remove, session_id) is not None:
                self.changed()
        self.app.push_screen(ConfirmDialog(question, yes="Убрать", no="Оставить", danger=True),
                             answered)


def _remove(db, session_id: int, *, user: str) -> bool:
    remove_session(db, session_id, user=user)
    return True
