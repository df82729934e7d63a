"""Two coordinators saved the same event: show both versions side by side and let them choose.

Never a silent overwrite: «Сохранить мою версию» saves over the newer revision knowingly
(the colleague's change stays in the audit log), «Взять версию из базы» reloads the form,
«Вернуться к правке» keeps editing (the next save asks again).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from rich.table import Table
from rich.text import Text
from sqlite_utils import Database
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from rcro_tui.db.event_edit import ChangeStamp, draft_of, last_change
from rcro_tui.event_form import FIELD_LABELS, EventForm, differing_fields, form_of
from rcro_tui.i18n import count, date_short, plural
from rcro_tui.model import EventFormat, EventKind, EventStatus, Visibility
from rcro_tui.recurrence import Frequency
from rcro_tui.screens.keys import bind
from rcro_tui.screens.org_picker import org_label

_LABELLED = {"kind": EventKind, "format": EventFormat, "status": EventStatus,
             "visibility": Visibility, "repeat": Frequency}


@dataclass(frozen=True)
class Conflict:
    """The stored version, its revision and who made it, and the rows that differ."""

    theirs: EventForm
    revision: int
    stamp: ChangeStamp | None
    rows: list[tuple[str, str, str]]
    """(Russian field label, value in the database, value in the editor)."""


def load_conflict(db: Database, event_id: int, mine: EventForm) -> Conflict:
    """Read the event as it is stored now and compare it with the editor's form."""
    draft, revision = draft_of(db, event_id)
    theirs = form_of(draft)
    rows = [(FIELD_LABELS[name], shown(db, theirs, name), shown(db, mine, name))
            for name in differing_fields(mine, theirs)]
    return Conflict(theirs, revision, last_change(db, event_id), rows)


def shown(db: Database, form: EventForm, name: str) -> str:
    """A field's value as a person reads it: labels, names, «да»/«нет», «—» for nothing."""
    value = getattr(form, name)
    if name in _LABELLED:
        text = _LABELLED[name].label_of(value) if value else ""
    elif name == "program_id":
        text = "" if value is None else next(iter(db.query(
            "SELECT COALESCE(NULLIF(short_name, ''), name) AS n FROM programs WHERE id = ?",
            [value])), {"n": f"№ {value}"})["n"]
    elif name == "host_org_id":
        text = "" if value is None else org_label(db, value)
    elif name == "all_day":
        text = "да" if value else "нет"
    else:
        text = str(value)
    return text or "—"


def marked(text: str, other: str, style: str) -> Text:
    """`text` with the words that `other` lacks in `style`: the difference jumps out."""
    mine, theirs = re.split(r"(\s+)", text), re.split(r"(\s+)", other)
    result = Text()
    for tag, i1, i2, _, _ in SequenceMatcher(a=mine, b=theirs, autojunk=False).get_opcodes():
        result.append("".join(mine[i1:i2]), None if tag == "equal" else style)
    return result


def stamp_text(stamp: ChangeStamp | None, *, short: bool) -> str:
    """«изменил(а) petrov 23.11.2026 в 14:05»"""
    if stamp is None:
        return "изменено"
    who = stamp.login if short else stamp.who
    return f"изменил(а) {who} {date_short(stamp.at.date())} в {stamp.at:%H:%M}"


class ConflictDialog(ModalScreen[str]):
    """Dismisses with MINE, THEIRS or BACK."""

    MINE, THEIRS, BACK = "mine", "theirs", "back"
    BINDINGS = [bind("escape,q", "choose('back')", "Вернуться к правке")]

    def __init__(self, conflict: Conflict) -> None:
        super().__init__()
        self.conflict = conflict

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict"):
            yield Static(self._intro(), id="conflict-intro", markup=False)
            with VerticalScroll(id="conflict-table"):
                yield Static(self.comparison_table(), id="conflict-rows")
            with Horizontal(id="conflict-buttons"):
                yield Button("Сохранить мою версию", id=self.MINE, variant="warning", compact=True)
                yield Button("Взять версию из базы", id=self.THEIRS, variant="primary",
                             compact=True)
                yield Button("Вернуться к правке", id=self.BACK, compact=True)

    def on_mount(self) -> None:
        self.query_one(f"#{self.BACK}", Button).focus()

    def _intro(self) -> str:
        n = len(self.conflict.rows)
        verb = "Отличается" if plural(n, "1", "2", "5") == "1" else "Отличаются"
        return (f"Пока вы правили, мероприятие {stamp_text(self.conflict.stamp, short=False)} "
                f"(версия {self.conflict.revision}). {verb} {count(n, 'поле', 'поля', 'полей')}"
                ". Выберите, какую версию оставить.")

    def comparison_table(self) -> Table:
        """Field, the stored value, the editor's value; the words that differ in colour."""
        colors = self.app.theme_variables
        theirs_style = f"bold {colors.get('warning', 'yellow')}"
        mine_style = f"bold {colors.get('success', 'green')}"
        table = Table(expand=True, show_lines=True, padding=(0, 1))
        table.add_column("Поле", ratio=1, style="dim")
        table.add_column(f"Сейчас в базе ({stamp_text(self.conflict.stamp, short=True)})",
                         ratio=3)
        table.add_column("Ваша версия", ratio=3)
        for label, theirs, mine in self.conflict.rows:
            table.add_row(label, marked(theirs, mine, theirs_style), marked(mine, theirs, mine_style))
        return table

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
