"""Enter on a membership: what it is, where it stands today, and its whole history of steps.

The workflow keys work here too (the same `MembershipActions`), so a coordinator reads the
history and takes the next step without going back to the list.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from rcro_tui.db.membership_list import history_view
from rcro_tui.db.memberships import Membership, get_membership
from rcro_tui.i18n import date_short
from rcro_tui.membership_rules import status_text
from rcro_tui.screens.data import reading
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.keys import bind
from rcro_tui.screens.membership_actions import MembershipActions
from rcro_tui.screens.view_table import ViewTable


def facts(db, membership: Membership, today: date) -> str:
    """The lines above the history: organisation, programme, role, district, status, document."""
    district = db.execute("SELECT name FROM districts WHERE id = ?",
                          [membership.district_id]).fetchone() if membership.district_id else None
    lines = [f"Организация: {membership.organization}",
             f"Программа:   {membership.program}",
             f"Роль:        {membership.role.label}"
             + (f" · {district[0]}" if district else ""),
             f"Статус:      {status_text(membership.status, membership.valid_until, today)}"]
    if membership.decision_doc:
        decided = f" от {date_short(membership.decided_on)}" if membership.decided_on else ""
        lines.append(f"Решение:     {membership.decision_doc}{decided}")
    return "\n".join(lines)


class MembershipScreen(MembershipActions, ModalScreen[None]):
    BINDINGS = [
        *MembershipActions.STEP_BINDINGS,
        bind("escape", "close", "Назад", key_display="Esc"),
    ]

    def __init__(self, db_path: Path, membership_id: int, today: date) -> None:
        super().__init__()
        self.db_path, self.membership_id, self.today = db_path, membership_id, today
        with reading(db_path) as db:
            self.membership = get_membership(db, membership_id)

    def compose(self) -> ComposeResult:
        with Vertical(id="membership", classes="dialog"):
            yield Label(f"Заявка №{self.membership_id}", classes="dialog-title")
            yield Static("", id="membership-facts", markup=False)
            yield ViewTable(self.db_path, lambda db: history_view(db, self.membership_id),
                            openable=False, id="membership-history")
        yield Footer()

    def on_mount(self) -> None:
        self._show_facts()

    def _show_facts(self) -> None:
        with reading(self.db_path) as db:
            self.membership = get_membership(db, self.membership_id)
            text = facts(db, self.membership, self.today)
        self.query_one("#membership-facts", Static).update(text)

    def chosen_membership(self) -> int | None:
        return self.membership_id

    def memberships_changed(self) -> None:
        self._show_facts()
        self.query_one(ViewTable).reload()

    def action_close(self) -> None:
        self.dismiss(None)
