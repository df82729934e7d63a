"""Proposed sessions of a stage: one per district at the programme's hub schools, ticked;
the districts without a hub school named below, so nobody is forgotten silently.

Space ticks or unticks, Ctrl+S creates the ticked ones (each a calendar event and a session,
all in one transaction: `db.stage_sessions.create_sessions`), Esc leaves without writing.
Dismisses with the number of sessions created, or None.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.containers import Vertical
from textual.widgets import Label, SelectionList, Static

from rcro_tui.db.connection import connect
from rcro_tui.db.stage_sessions import Proposals, create_sessions, propose_sessions
from rcro_tui.errors import UserError
from rcro_tui.i18n import count, joined
from rcro_tui.screens.data import reading
from rcro_tui.screens.keys import bind


def proposal_notes(found: Proposals) -> str:
    """The lines under the list: districts without a hub school, hubs already holding one."""
    lines = []
    if found.without_hub:
        lines.append(f"⚠ Нет опорной школы ({len(found.without_hub)}): "
                     f"{joined(found.without_hub)} — площадку там добавьте клавишей G "
                     "(в организации) или O (дистанционно).")
    if len(found.already) > 4:
        schools = count(len(found.already), "опорная школа", "опорные школы", "опорных школ")
        lines.append(f"Уже проводят этап: {schools} (их площадки не предлагаются снова).")
    elif found.already:
        lines.append(f"Уже проводят этап: {joined(found.already)}.")
    return "\n".join(lines)


class SessionProposalScreen(ModalScreen[int | None]):
    BINDINGS = [
        bind("ctrl+s,f2", "create", "Создать", priority=True, key_display="Ctrl+S"),
        bind("escape", "cancel", "Отмена", key_display="Esc"),
    ]

    def __init__(self, db_path: Path, user: str, stage_id: int) -> None:
        super().__init__()
        self.db_path, self.user, self.stage_id = db_path, user, stage_id
        with reading(db_path) as db:
            self.found = propose_sessions(db, stage_id)
            self.stage = db.execute("SELECT name FROM stages WHERE id = ?",
                                    [stage_id]).fetchone()[0]

    def compose(self) -> ComposeResult:
        found = self.found
        program = f" программы «{found.program}»" if found.program else ""
        with Vertical(id="session-proposal", classes="dialog"):
            yield Label(f"Площадки этапа «{self.stage}» у опорных школ{program}",
                        classes="dialog-title", markup=False)
            if not found.items:
                why = ("у конкурса не указана программа" if not found.program else
                       "новых опорных школ нет")
                yield Static(f"Предложить нечего: {why}.", id="proposal-none", markup=False)
            yield SelectionList[int](
                *((f"{p.district} — {p.host}", index, p.chosen)
                  for index, p in enumerate(found.items)), id="proposal-list")
            yield Static(proposal_notes(found), id="proposal-notes", markup=False)
            yield Static("", id="e-form", classes="form-error", markup=False)
            yield Static("Пробел — отметить, Ctrl+S — создать отмеченные, Esc — отмена.",
                         classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#e-form").display = False
        self.query_one(SelectionList).focus()

    def action_create(self) -> None:
        chosen = [self.found.items[i] for i in self.query_one(SelectionList).selected]
        if not chosen:
            self.notify("Не отмечено ни одной площадки.", severity="warning", timeout=3)
            return
        try:
            db = connect(self.db_path)
            try:
                created = create_sessions(db, self.stage_id, chosen, user=self.user)
            finally:
                db.close()
        except UserError as error:
            line = self.query_one("#e-form", Static)
            line.update(error.message)
            line.display = True
            return
        self.dismiss(len(created))

    def action_cancel(self) -> None:
        self.dismiss(None)


def created_message(n: int) -> str:
    return (f"Создано {count(n, 'площадка', 'площадки', 'площадок')}: мероприятия "
            "добавлены в календарь.")
