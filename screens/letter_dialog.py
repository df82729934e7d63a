"""«Письмо»: the letter about the event under the cursor — which one, its text, where to save.

The preview is the .docx itself read back (`exports.letters.docx_text`), so what the dialog
shows is what the file holds. Saving is `save_letter`, the same call as `rcro-tui letter`.
Dismisses with the saved path, or None.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from rcro_tui.db.letter_facts import ANNOUNCE, LETTER_KINDS, RESULTS
from rcro_tui.errors import UserError
from rcro_tui.exports.letters import default_name, docx_text, letter_docx, save_letter
from rcro_tui.i18n import date_short
from rcro_tui.screens.data import reading
from rcro_tui.screens.membership_form import FormScreen, row

HINT = "Ctrl+S — сохранить .docx, Esc — закрыть."


class LetterDialog(FormScreen):
    def __init__(self, db_path: Path, event_id: int, *, today: date, held: bool) -> None:
        super().__init__()
        self.db_path, self.event_id, self.today = db_path, event_id, today
        self.letter = RESULTS if held else ANNOUNCE
        self.data: bytes | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="letter-dialog", classes="dialog"):
            yield Label("Письмо о мероприятии", classes="dialog-title")
            with RadioSet(id="letter-kind"):
                for kind, words in LETTER_KINDS.items():
                    yield RadioButton(f"«{words} …»", value=kind == self.letter, name=kind)
            yield row("Номер", Input("", id="f-number", placeholder="пусто — впишут при регистрации"))
            yield row("Дата", Input(date_short(self.today), id="f-date"))
            yield row("Файл", Input(self._default_path(), id="f-path"))
            with VerticalScroll(id="letter-preview"):
                yield Static("", id="letter-text", markup=False)
            yield self.error_line()
            yield Static(HINT, classes="form-hint")

    def on_mount(self) -> None:
        self.refresh_preview()
        self.query_one("#letter-kind", RadioSet).focus()

    def _default_path(self) -> str:
        """In the home folder, written «~/…» (save_letter expands it)."""
        return "~/" + default_name(self.event_id, self.letter, self.today)

    @on(RadioSet.Changed, "#letter-kind")
    def _kind_changed(self, event: RadioSet.Changed) -> None:
        path_input = self.query_one("#f-path", Input)
        was_default = path_input.value == self._default_path()
        self.letter = event.pressed.name or ANNOUNCE
        if was_default:
            path_input.value = self._default_path()
        self.refresh_preview()

    @on(Input.Changed, "#f-number,#f-date")
    def _fields_changed(self) -> None:
        self.refresh_preview()

    def refresh_preview(self) -> None:
        """Make the letter again and show its text, or why it cannot be made."""
        text = self.query_one("#letter-text", Static)
        try:
            day = self.day("date", "Дата письма") or self.today
            with reading(self.db_path) as db:
                self.data = letter_docx(db, self.event_id, self.letter, day=day,
                                        number=self.text("number"))
        except UserError as error:
            self.data = None
            text.update(error.message)
            return
        text.update(docx_text(self.data))

    def action_save(self) -> None:
        if self.data is None:
            self.problem("Письмо не составлено: причина — в окне просмотра.")
            return
        try:
            path = save_letter(self.data, Path(self.text("path").strip()).expanduser())
        except UserError as error:
            self.problem(error.message)
            return
        self.notify(f"Письмо «{LETTER_KINDS[self.letter]} …» сохранено: {path}", timeout=6)
        self.dismiss(path)
