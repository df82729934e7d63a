"""M: merge a duplicate into the organisation under the cursor.

First the duplicate is found (type a few letters of its name or its INN), then a
confirmation lists what moves — events, memberships, contacts, stage sessions, entries,
feeds — and only «Объединить» calls `db.org_merge.merge_orgs` (one audited transaction).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from rcro_tui.db.org_list import OrgFilter, org_ids, org_rows
from rcro_tui.db.org_merge import merge_orgs, merge_plan
from rcro_tui.db.store import get_row
from rcro_tui.errors import UserError
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.data import reading
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.keys import bind

SHOWN = 50
"""Candidates listed at once; typing narrows them."""


class DuplicatePicker(ModalScreen[int | None]):
    """Which record is the duplicate of `keep_id`: a search box over the list's own query."""

    BINDINGS = [bind("escape", "cancel", "Отмена", key_display="Esc"),
                bind("down", "move(1)", "Ниже", show=False),
                bind("up", "move(-1)", "Выше", show=False)]

    def __init__(self, db_path: Path, keep_id: int, keep_name: str) -> None:
        super().__init__()
        self.db_path, self.keep_id, self.keep_name = db_path, keep_id, keep_name

    def compose(self) -> ComposeResult:
        with Vertical(id="org-merge-picker", classes="dialog"):
            yield Static(f"Объединить с «{self.keep_name}»: найдите дубликат (он будет "
                         "удалён, всё его перейдёт сюда)", classes="dialog-title", markup=False)
            yield Input(placeholder="Название или ИНН дубликата", id="merge-search")
            yield Static("", id="merge-hint", markup=False)
            yield OptionList(id="merge-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).value = self.keep_name[:40]
        self.query_one(Input).focus()

    @on(Input.Changed, "#merge-search")
    def _typed(self, event: Input.Changed) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        with reading(self.db_path) as db:
            ids = [i for i in org_ids(db, OrgFilter(event.value)) if i != self.keep_id][:SHOWN]
            rows = org_rows(db, ids)
        options.add_options(Option(f"{rows[i].name} — {rows[i].district or 'без МО'}"
                                   + (f", ИНН {rows[i].inn}" if rows[i].inn else ""), id=str(i))
                            for i in ids)
        if options.option_count:
            options.highlighted = 0
        self.query_one("#merge-hint", Static).update(
            "Enter — выбрать выделенную." if ids else
            "Других организаций с таким названием нет: сократите запрос или введите ИНН.")

    @on(Input.Submitted, "#merge-search")
    def _submitted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            self.notify("Ничего не найдено: измените запрос.", severity="warning", timeout=3)
            return
        self.dismiss(int(options.get_option_at_index(options.highlighted).id))

    @on(OptionList.OptionSelected, "#merge-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -step
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_cancel(self) -> None:
        self.dismiss(None)


def confirmation(plan) -> str:
    lines = [f"Объединить организации?\n\nОстанется: «{plan.keep['name']}»",
             f"Будет удалена: «{plan.drop['name']}»", "", "Перейдёт к оставшейся:"]
    lines += [f"  {line}" for line in plan.lines()] or ["  (ничего не связано)"]
    lines.append("\nПустые поля оставшейся заполнятся из удаляемой; всё записывается в журнал.")
    return "\n".join(lines)


def start_merge(app: App, db_path: Path, user: str, keep_id: int,
                done: Callable[[int | None], None]) -> None:
    """Pick the duplicate, confirm what moves, merge; `done(keep_id)` after a merge."""
    with reading(db_path) as db:
        keep_name = get_row(db, "organizations", keep_id)["name"]

    def merge(drop_id: int, yes: bool) -> None:
        if not yes:
            return
        try:
            with reading(db_path) as db:
                plan = merge_orgs(db, keep_id, drop_id, user=user)
        except UserError as error:
            app.notify(error.message, title="Не объединено", severity="error", timeout=8)
            return
        app.notify(f"Объединено. {plan.summary()}", timeout=6)
        done(keep_id)

    def picked(drop_id: int | None) -> None:
        if drop_id is None:
            return
        with reading(db_path) as db:
            plan = merge_plan(db, keep_id, drop_id)
        app.push_screen(ConfirmDialog(confirmation(plan), yes="Объединить", no="Отмена",
                                      danger=True), lambda yes: merge(drop_id, yes))

    app.push_screen(DuplicatePicker(db_path, keep_id, keep_name), picked)
