"""The event editor: a new event, an edit, or a copy, saved with Ctrl+S or F2.

What is typed is read into an `EventForm` and checked by `parse_form`, which reports every
problem at once: each message appears under its field. Edits remember the revision they
started from; when a colleague saved in between, the conflict dialog shows both versions
instead of overwriting theirs. The screen dismisses with the saved event's id.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Checkbox, Header, Input, Select, Static, TextArea

from rcro_tui.db.event_edit import draft_of, update_event
from rcro_tui.db.events import add_event
from rcro_tui.db.store import ConflictError, NotFoundError
from rcro_tui.errors import UserError
from rcro_tui.event_form import GENERAL, EventForm, FormErrors, form_of, parse_form
from rcro_tui.i18n import count, date_short
from rcro_tui.model import EventStatus
from rcro_tui.screens.conflict_dialog import ConflictDialog, load_conflict
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.data import reading
from rcro_tui.screens.editor_fields import FIELDS, compose_rows, fill_form, read_form, show_problems
from rcro_tui.screens.editor_warnings import draft_warnings, warnings_available
from rcro_tui.screens.keys import bind
from rcro_tui.screens.org_picker import NO_HOST, OrgPicker, org_label
from rcro_tui.screens.footer import Footer

WARNING_DELAY = 0.6
"""Seconds of quiet typing before the warnings (double bookings, holidays) are checked again."""


def edit_heading(revision: int) -> str:
    return (f"Изменение мероприятия · версия {revision} · Ctrl+S или F2 — сохранить, "
            "Esc — выйти")


class EventEditorScreen(Screen[int | None]):
    """Edits one event; build it with `new`, `edit` or `duplicate`."""

    BINDINGS = [
        bind("ctrl+s,f2", "save", "Сохранить", priority=True, key_display="Ctrl+S"),
        bind("escape,q,f10", "leave", "Выйти", key_display="Esc"),
        Binding("1,2,3,4,5", "stay", "Разделы — после выхода из редактора", show=False),
    ]

    def __init__(self, db_path: Path, form: EventForm, *, heading: str, title: str,
                 event_id: int | None = None, revision: int | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.loaded = form
        """The form as opened or last saved/reloaded: what «unsaved changes» compares with."""
        self.host_org_id = form.host_org_id
        self.event_id = event_id
        self.revision = revision
        self.heading = heading
        self.title = title
        self._warn_timer: Timer | None = None

    @classmethod
    def new(cls, db_path: Path, day: date) -> "EventEditorScreen":
        return cls(db_path, EventForm.for_day(day), title="Новое мероприятие",
                   heading=f"Новое мероприятие на {date_short(day)} · Ctrl+S или F2 — сохранить")

    @classmethod
    def edit(cls, db_path: Path, event_id: int) -> "EventEditorScreen":
        with reading(db_path) as db:
            draft, revision = draft_of(db, event_id)
        return cls(db_path, form_of(draft), title="Изменение мероприятия",
                   heading=edit_heading(revision), event_id=event_id, revision=revision)

    @classmethod
    def duplicate(cls, db_path: Path, event_id: int) -> "EventEditorScreen":
        """A copy to save as a new event: planned again, without the original's results."""
        with reading(db_path) as db:
            draft, _ = draft_of(db, event_id)
        copy = replace(draft, status=EventStatus.PLANNED, participants_count=None,
                       organizations_count=None, views_count=None, results_summary="",
                       source="")
        return cls(db_path, form_of(copy), title="Копия мероприятия",
                   heading="Копия: новое мероприятие — измените дату и сохраните (Ctrl+S)")

    def compose(self) -> ComposeResult:
        with reading(self.db_path) as db:
            programs = [(row["label"], row["id"]) for row in db.query(
                "SELECT id, COALESCE(NULLIF(short_name, ''), name) AS label FROM programs "
                "ORDER BY label")]
            host = org_label(db, self.host_org_id)
        self.program_ids = {value for _, value in programs}
        yield Header(show_clock=False, icon="≡")
        yield Static(self.heading, id="editor-heading", markup=False)
        for block_id, classes in (("editor-warnings", ""), ("editor-general", "form-error")):
            block = Static("", id=block_id, classes=classes, markup=False)
            block.display = False
            yield block
        # Not focusable: focus goes straight to the fields (focusing the form first restyled
        # all of its ~160 widgets twice when the editor opened). It scrolls to the field.
        with VerticalScroll(id="editor-form", can_focus=False):
            yield from compose_rows(self.loaded, programs, host)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#f-title").focus()
        self.call_after_refresh(self._schedule_warnings)

    def current_form(self) -> EventForm:
        return read_form(self, replace(self.loaded, host_org_id=self.host_org_id))

    @property
    def dirty(self) -> bool:
        return self.current_form() != self.loaded

    # Saving ------------------------------------------------------------------------------

    def action_save(self) -> None:
        form = self.current_form()
        try:
            draft = parse_form(form)
        except FormErrors as errors:
            self._show_problems(errors.problems)
            return
        self._show_problems({})
        self._write(draft, form)

    def _show_problems(self, problems: dict[str, str]) -> None:
        show_problems(self, problems)
        general = self.query_one("#editor-general", Static)
        general.update(problems.get(GENERAL, ""))
        general.display = GENERAL in problems
        if not problems:
            return
        fields = [name for name in FIELDS if name in problems]
        if fields:
            self.query_one(f"#f-{fields[0]}").focus()
            self.query_one(f"#e-{fields[0]}").scroll_visible()
        n = len(problems)
        self.notify(f"Не сохранено: {count(n, 'ошибка', 'ошибки', 'ошибок')} — "
                    "сообщения под полями.", severity="error", timeout=5)

    def _write(self, draft, form: EventForm) -> None:
        """Store the draft; a colleague's newer version opens the conflict dialog instead."""
        try:
            with reading(self.db_path) as db:
                if self.event_id is None:
                    saved_id = add_event(db, draft, user=self.app.user)
                else:
                    update_event(db, self.event_id, draft, user=self.app.user,
                                 expected_revision=self.revision)
                    saved_id = self.event_id
        except ConflictError:
            self._conflict(draft, form)
            return
        except NotFoundError:
            self.notify("Мероприятие удалили, пока вы его правили: сохранить правку нельзя. "
                        "Скопируйте нужное и создайте мероприятие заново.",
                        severity="error", timeout=8)
            return
        except UserError as error:
            self._show_problems({GENERAL: error.message})
            return
        self.loaded = form
        self.notify(f"Сохранено: «{draft.title}».", timeout=3)
        self.dismiss(saved_id)

    def _conflict(self, draft, mine: EventForm) -> None:
        with reading(self.db_path) as db:
            conflict = load_conflict(db, self.event_id, mine)

        def chosen(choice: str | None) -> None:
            if choice == ConflictDialog.MINE:
                self.revision = conflict.revision
                self._write(draft, mine)
            elif choice == ConflictDialog.THEIRS:
                self._take(conflict.theirs, conflict.revision)

        self.app.push_screen(ConflictDialog(conflict), chosen)

    def _take(self, form: EventForm, revision: int) -> None:
        """Reload the form with the stored version (the coordinator gave up their edit)."""
        self.loaded, self.revision, self.host_org_id = form, revision, form.host_org_id
        fill_form(self, form, self.program_ids)
        self._set_host_label()
        self._show_problems({})
        self.query_one("#editor-heading", Static).update(edit_heading(revision))

    # Leaving, the host picker ------------------------------------------------------------

    def action_leave(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog("Изменения не сохранены. Выйти без сохранения?",
                                           yes="Выйти без сохранения", no="Остаться"),
                             answered)

    def action_stay(self) -> None:
        """Section keys would leave the form behind: say how to leave it instead."""
        self.notify("Сначала сохраните (Ctrl+S) или закройте редактор (Esc).", timeout=3)

    @on(Button.Pressed, "#f-host_org_id")
    def _pick_host(self, event: Button.Pressed) -> None:
        event.stop()

        def picked(org_id: int | None) -> None:
            if org_id is not None:
                self.host_org_id = None if org_id == NO_HOST else org_id
                self._set_host_label()
                self._schedule_warnings()

        self.app.push_screen(OrgPicker(self.db_path, self.host_org_id), picked)

    def _set_host_label(self) -> None:
        with reading(self.db_path) as db:
            self.query_one("#f-host_org_id", Button).label = org_label(db, self.host_org_id)

    # Warnings ----------------------------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(TextArea.Changed)
    def _edited(self) -> None:
        self._schedule_warnings()

    def _schedule_warnings(self) -> None:
        if not warnings_available():
            return
        if self._warn_timer is not None:
            self._warn_timer.stop()
        self._warn_timer = self.set_timer(WARNING_DELAY, self._check_warnings)

    def _check_warnings(self) -> None:
        try:
            draft = parse_form(self.current_form())
        except FormErrors:
            return  # the messages come with the next save; warnings need a readable draft
        self._load_warnings(draft)

    @work(thread=True, exclusive=True, group="editor-warnings")
    def _load_warnings(self, draft) -> None:
        """Advisory only: a failure here is shown and logged, never allowed to close the form
        (and lose what the coordinator typed)."""
        try:
            with reading(self.db_path) as db:
                lines = draft_warnings(db, draft, today=self.app.today, event_id=self.event_id)
        except Exception as error:  # noqa: BLE001 — reported on screen and in the log
            self.log.error("editor warnings failed", error)
            lines = [f"Проверка пересечений и праздников не удалась ({type(error).__name__}); "
                     "сохранить мероприятие можно."]
        self.app.call_from_thread(self._show_warnings, lines)

    def _show_warnings(self, lines: list[str]) -> None:
        block = self.query_one("#editor-warnings", Static)
        block.update("\n".join(f"⚠ {line}" for line in lines))
        block.display = bool(lines)
