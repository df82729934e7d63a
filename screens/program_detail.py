"""Enter on a programme: its facts and its member organisations by role (with statuses).

E edits the programme; Enter on a member opens its history, where the workflow keys work.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from rcro_tui.db.membership_list import MemberFilter, members_view
from rcro_tui.db.programs import get_program
from rcro_tui.i18n import date_short
from rcro_tui.model import ProgramKind
from rcro_tui.screens.access_keys import WriteKeys
from rcro_tui.screens.data import reading
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.keys import bind
from rcro_tui.screens.view_table import ViewTable

MEMBER_COLUMNS = ("Роль", "Организация", "Район", "Статус", "Решение", "Документ")


def program_facts(program: dict) -> str:
    period = " – ".join(date_short(date.fromisoformat(d)) if d else "…"
                        for d in (program["start_date"], program["end_date"]))
    lines = [f"Вид:          {ProgramKind.label_of(program['kind'])}",
             f"Период:       {period if program['start_date'] or program['end_date'] else '—'}",
             f"Координатор:  {program['coordinator'] or '—'}"]
    if program["description"]:
        lines.append(program["description"])
    return "\n".join(lines)


def members_by_role(db, program_id: int, today: date):
    """The programme's memberships, role first, as the detail shows them."""
    view = members_view(db, MemberFilter(program_ids=(program_id,)), today,
                        "Участники по ролям", columns=MEMBER_COLUMNS)
    if not view.rows:
        return type(view)(view.title, view.columns, empty="В программе пока нет участников: "
                          "заявку подают на вкладке «Участие и заявки» (A).")
    return view


class ProgramScreen(WriteKeys, ModalScreen[None]):
    WRITE_ACTIONS = {"edit": "programs"}
    BINDINGS = [
        bind("e", "edit", "Изменить"),
        bind("escape", "close", "Назад", key_display="Esc"),
    ]

    def __init__(self, db_path: Path, user: str, program_id: int, today: date) -> None:
        super().__init__()
        self.db_path, self.user, self.program_id, self.today = db_path, user, program_id, today

    def compose(self) -> ComposeResult:
        with Vertical(id="program", classes="dialog"):
            yield Label("", id="program-title", classes="dialog-title", markup=False)
            yield Static("", id="program-facts", markup=False)
            yield ViewTable(self.db_path,
                            lambda db: members_by_role(db, self.program_id, self.today),
                            id="program-members")
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        with reading(self.db_path) as db:
            program = get_program(db, self.program_id)
        self.query_one("#program-title", Label).update(program["name"])
        self.query_one("#program-facts", Static).update(program_facts(program))

    def action_edit(self) -> None:
        from rcro_tui.screens.program_form import ProgramFormScreen

        def saved(program_id: int | None) -> None:
            if program_id is not None:
                self._show()
        self.app.push_screen(ProgramFormScreen(self.db_path, self.user, self.program_id), saved)

    @on(ViewTable.Opened)
    def _open(self, message: ViewTable.Opened) -> None:
        from rcro_tui.screens.membership_detail import MembershipScreen

        self.app.push_screen(MembershipScreen(self.db_path, int(message.key), self.today),
                             lambda _: self.query_one(ViewTable).reload())

    def action_close(self) -> None:
        self.dismiss(None)
