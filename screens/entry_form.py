"""A participant at a stage: name, grade, school, subject, session, score, result, status.

What is typed goes through `db.entries.add_entry` / `update_entry`, the same checks as the
protocol import: a class outside the stage's grades, a score over its maximum, the same child
entered twice — each problem under its field, nothing written until all is well. Dismisses
with the saved entry's id, or None.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from rcro_tui.db.connection import connect
from rcro_tui.db.entries import add_entry, check_entry, get_entry, update_entry
from rcro_tui.db.entry_check import (FIELD_LABELS, EntryDraft, EntryError, parse_grade,
                                     parse_score, score_text, stage_rules)
from rcro_tui.errors import UserError
from rcro_tui.model import EntryResult, EntryStatus
from rcro_tui.screens.data import reading
from rcro_tui.screens.keys import bind
from rcro_tui.screens.org_picker import NO_HOST, OrgPicker, org_label

NO_SCHOOL = "— школа не выбрана —"
BY_DISTRICT = "по району школы"
HINT = "Ctrl+S — сохранить, Esc — отмена. Школа: Enter на кнопке — выбрать из списка."


class SchoolPicker(OrgPicker):
    """The organisation picker, asking for a school."""

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#org-picker Label", Label).update(
            "Школа: начните вводить название или район, Enter — выбрать")


class EntryFormScreen(ModalScreen[int | None]):
    """Adds a participant to `stage_id` (`entry_id` None) or edits the given entry."""

    BINDINGS = [
        bind("ctrl+s,f2", "save", "Сохранить", priority=True, key_display="Ctrl+S"),
        bind("escape", "cancel", "Отмена", key_display="Esc"),
    ]

    def __init__(self, db_path: Path, user: str, stage_id: int,
                 entry_id: int | None = None) -> None:
        super().__init__()
        self.db_path, self.user = db_path, user
        self.stage_id, self.entry_id = stage_id, entry_id
        self.revision: int | None = None
        with reading(db_path) as db:
            self.rules = stage_rules(db, stage_id)
            if entry_id is None:
                self.draft = EntryDraft("")
            else:
                _, self.draft, self.revision = get_entry(db, entry_id)
            self.school_label = (org_label(db, self.draft.organization_id)
                                 if self.draft.organization_id else NO_SCHOOL)
        self.org_id = self.draft.organization_id

    def compose(self) -> ComposeResult:
        draft, rules = self.draft, self.rules
        title = (f"Участник: {draft.participant_name}" if self.entry_id
                 else f"Новый участник: {rules.name}")
        sessions = [(s.label, s.id) for s in rules.sessions.values()]
        with VerticalScroll(id="entry-form", classes="dialog"):
            yield Label(title, classes="dialog-title", markup=False)
            yield from _row("participant_name", "Участник", Input(
                draft.participant_name, placeholder="Фамилия Имя Отчество",
                id="f-participant_name"))
            yield from _row("grade", "Класс", Input(
                "" if draft.grade is None else str(draft.grade), id="f-grade", classes="short"))
            yield from _row("organization_id", "Школа", Button(
                self.school_label, id="f-organization_id", classes="form-host"))
            yield from _row("subject", "Предмет", Input(
                draft.subject, id="f-subject", placeholder="; ".join(rules.subjects)))
            yield from _row("session_id", "Площадка", Select(
                sessions, value=draft.session_id if draft.session_id in rules.sessions
                else Select.NULL, prompt=BY_DISTRICT, id="f-session_id"))
            yield from _row("score", "Балл", Input(
                score_text(draft.score), id="f-score", classes="short",
                placeholder=f"≤ {score_text(rules.max_score)}" if rules.max_score else ""))
            yield from _row("result", "Результат", Select(
                EntryResult.choices(), value=draft.result, allow_blank=False, id="f-result"))
            yield from _row("status", "Статус", Select(
                EntryStatus.choices(), value=draft.status, allow_blank=False, id="f-status"))
            yield from _row("note", "Примечание", Input(draft.note, id="f-note"))
            yield Static(HINT, classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#f-participant_name", Input).focus()

    @on(Button.Pressed, "#f-organization_id")
    def _pick_school(self) -> None:
        def picked(org_id: int | None) -> None:
            if org_id is None:
                return
            self.org_id = None if org_id == NO_HOST else org_id
            with reading(self.db_path) as db:
                label = org_label(db, self.org_id) if self.org_id else NO_SCHOOL
            self.query_one("#f-organization_id", Button).label = label

        self.app.push_screen(SchoolPicker(self.db_path, self.org_id), picked)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def read_draft(self) -> tuple[EntryDraft, dict[str, str]]:
        """The form as a draft, and the problems of the typed numbers."""
        problems: dict[str, str] = {}
        grade = score = None
        try:
            grade = parse_grade(self._text("grade"))
        except ValueError as error:
            problems["grade"] = f"Класс: {error}"
        try:
            score = parse_score(self._text("score"))
        except ValueError as error:
            problems["score"] = f"Балл: {error}"
        session = self.query_one("#f-session_id", Select).value
        draft = replace(
            self.draft, participant_name=self._text("participant_name"), grade=grade,
            organization_id=self.org_id, subject=self._text("subject"),
            session_id=session if isinstance(session, int) else None, score=score,
            result=str(self.query_one("#f-result", Select).value),
            status=str(self.query_one("#f-status", Select).value), note=self._text("note"))
        return draft, problems

    def action_save(self) -> None:
        """Check and write; a refusal is shown under its field, the form stays open."""
        draft, problems = self.read_draft()
        db = connect(self.db_path)
        try:
            if problems:  # a number typed wrong: the stage's checks of the rest shown too
                try:
                    check_entry(db, self.stage_id, draft, entry_id=self.entry_id)
                except EntryError as error:
                    problems = {**error.problems, **problems}
                self.show_problems(problems)
                return
            if self.entry_id is None:
                saved = add_entry(db, self.stage_id, draft, user=self.user)
            else:
                update_entry(db, self.entry_id, draft, user=self.user,
                             expected_revision=self.revision)
                saved = self.entry_id
        except EntryError as error:
            self.show_problems(error.problems)
            return
        except UserError as error:
            self.notify(error.message, title="Не сохранено", severity="error", timeout=8)
            return
        finally:
            db.close()
        self.dismiss(saved)

    def _text(self, name: str) -> str:
        return self.query_one(f"#f-{name}", Input).value

    def show_problems(self, problems: dict[str, str]) -> None:
        """Each message under its field; the first field with a problem gets the focus."""
        for name in FIELD_LABELS:
            line = self.query_one(f"#e-{name}", Static)
            line.update(problems.get(name, ""))
            line.display = name in problems
        for name in FIELD_LABELS:
            if name in problems:
                self.query_one(f"#f-{name}").focus()
                return

    def action_cancel(self) -> None:
        self.dismiss(None)


def _row(name: str, label: str, widget) -> ComposeResult:
    with Horizontal(classes="form-row"):
        yield Label(label, classes="form-label")
        yield widget
    line = Static("", id=f"e-{name}", classes="form-error", markup=False)
    line.display = False
    yield line
