"""A small form for one holiday or school break: dates typed as 04.11.2026, a name, a kind.

What is typed goes through `db.holidays.read_holiday` and `add_holiday` / `update_holiday`,
the same calls as `rcro-tui holidays add`; each problem is shown under its field and nothing
is written until all is well. The form dismisses with the saved row's number, or None.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from rcro_tui.db.connection import connect
from rcro_tui.db.holidays import (FIELD_LABELS, Holiday, HolidayError, add_holiday,
                                  read_holiday, update_holiday)
from rcro_tui.errors import UserError
from rcro_tui.i18n import date_short
from rcro_tui.model import HolidayKind
from rcro_tui.screens.keys import bind

DATE = "ДД.ММ.ГГГГ"
HINT = "Один день — второе поле можно оставить пустым.\nEnter или Ctrl+S — сохранить, Esc — отмена."


class HolidayFormScreen(ModalScreen[int | None]):
    """Adds a new holiday or break (`holiday` None) or edits the given one."""

    BINDINGS = [
        bind("ctrl+s,f2", "save", "Сохранить", priority=True, key_display="Ctrl+S"),
        bind("escape", "cancel", "Отмена", key_display="Esc"),
    ]

    def __init__(self, db_path: Path, user: str, holiday: Holiday | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.user = user
        self.holiday = holiday

    def compose(self) -> ComposeResult:
        holiday = self.holiday
        title = (f"Изменение: «{holiday.name}»" if holiday
                 else "Новые каникулы или праздник")
        kind = holiday.kind if holiday else HolidayKind.SCHOOL_BREAK
        with Vertical(id="holiday-form", classes="dialog"):
            yield Label(title, classes="dialog-title", markup=False)
            with Horizontal(classes="form-row"):
                yield Label("Даты", classes="form-label")
                yield Input(date_short(holiday.first_day) if holiday else "",
                            placeholder=DATE, id="f-first_day", classes="date")
                yield Label("по", classes="form-between")
                yield Input(date_short(holiday.last_day) if holiday else "",
                            placeholder=DATE, id="f-last_day", classes="date")
            yield from _errors("first_day", "last_day", "period")
            with Horizontal(classes="form-row"):
                yield Label("Название", classes="form-label")
                yield Input(holiday.name if holiday else "", id="f-name",
                            placeholder="например, Осенние каникулы")
            yield from _errors("name")
            with Horizontal(classes="form-row"):
                yield Label("Вид", classes="form-label")
                yield Select(HolidayKind.choices(), value=kind.value, allow_blank=False,
                             id="f-kind")
            yield from _errors("kind")
            yield Static(HINT, classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#f-first_day", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Check and write; a refusal is shown under its field, the form stays open."""
        kind = self.query_one("#f-kind", Select).value
        try:
            draft = read_holiday(self._text("first_day"), self._text("last_day"),
                                 self._text("name"), str(kind))
            db = connect(self.db_path)
            try:
                if self.holiday is None:
                    saved = add_holiday(db, draft, user=self.user)
                else:
                    saved = update_holiday(db, self.holiday.id, draft, user=self.user,
                                           expected_revision=self.holiday.revision).id
            finally:
                db.close()
        except HolidayError as errors:
            self.show_problems(errors.problems)
            return
        except UserError as error:
            self.notify(error.message, title="Не сохранено", severity="error", timeout=8)
            return
        self.dismiss(saved)

    def _text(self, name: str) -> str:
        return self.query_one(f"#f-{name}", Input).value

    def show_problems(self, problems: dict[str, str]) -> None:
        """Each message under its field; the first field with a problem gets the focus."""
        for name in FIELD_LABELS:
            line = self.query_one(f"#e-{name}", Static)
            line.update(problems.get(name, ""))
            line.display = name in problems
        for name in ("first_day", "last_day", "name", "kind"):
            if name in problems or (name == "first_day" and "period" in problems):
                self.query_one(f"#f-{name}").focus()
                return

    def action_cancel(self) -> None:
        self.dismiss(None)


def _errors(*names: str) -> ComposeResult:
    for name in names:
        line = Static("", id=f"e-{name}", classes="form-error", markup=False)
        line.display = False
        yield line
