"""A or Insert (new) and E (edit): one organisation with its contacts.

The official name is saved exactly as typed — «ёлочки», "лапки", „…“, № — and the INN's
check digits are verified (`db.orgs.check_org`); every problem is shown under its field and
nothing is written until all is well. A colleague's save in between (the revision moved on)
asks whether to keep one's own version or take theirs. Dismisses with the saved id, or None.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from rcro_tui.db.connection import connect
from rcro_tui.db.orgs import (FIELD_LABELS, ContactDraft, OrgDraft, OrgError, add_org,
                              contacts_of, draft_of, update_org)
from rcro_tui.db.store import ConflictError
from rcro_tui.errors import UserError
from rcro_tui.model import OrgKind
from rcro_tui.org_names import legal_form_of
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.data import reading
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.keys import bind

TEXT_FIELDS = ("name", "short_name", "legal_form", "inn", "address", "phone", "email",
               "website", "note")
CONTACT_PARTS = (("name", "ФИО"), ("position", "Должность"), ("phone", "Телефон"),
                 ("email", "Эл. почта"))


class ContactRow(Horizontal):
    """One contact's four inputs; `contact.id` is the stored contact (None: a new one)."""

    def __init__(self, contact: ContactDraft) -> None:
        super().__init__(classes="contact-row")
        self.contact = contact

    def compose(self) -> ComposeResult:
        for part, hint in CONTACT_PARTS:
            yield Input(getattr(self.contact, part), placeholder=hint,
                        classes=f"contact-{part}", compact=True)

    def draft(self) -> ContactDraft:
        values = {part: self.query_one(f".contact-{part}", Input).value
                  for part, _ in CONTACT_PARTS}
        return ContactDraft(**values, id=self.contact.id)


class OrgEditorScreen(ModalScreen[int | None]):
    BINDINGS = [
        bind("ctrl+s,f2", "save", "Сохранить", priority=True, key_display="Ctrl+S"),
        bind("ctrl+n", "add_contact", "Новый контакт", key_display="Ctrl+N"),
        bind("ctrl+d", "remove_contact", "Удалить контакт", key_display="Ctrl+D"),
        bind("escape", "cancel", "Отмена", key_display="Esc"),
    ]

    def __init__(self, db_path: Path, user: str, org_id: int | None = None) -> None:
        super().__init__()
        self.db_path, self.user, self.org_id = db_path, user, org_id
        self.revision: int | None = None
        self._typed_name = ""
        with reading(db_path) as db:
            self.districts = [(r[1], r[0]) for r in db.execute(
                "SELECT id, name FROM districts ORDER BY sort_order, id").fetchall()]
            if org_id is None:
                self.draft, self.contacts = OrgDraft(""), []
            else:
                self.draft, self.revision = draft_of(db, org_id)
                self.contacts = contacts_of(db, org_id)

    def compose(self) -> ComposeResult:
        title = (f"Изменение: {self.draft.name}" if self.org_id else "Новая организация")
        with VerticalScroll(id="org-editor", classes="dialog"):
            yield Label(title, classes="dialog-title", markup=False)
            for name in TEXT_FIELDS[:3]:
                yield from self._text_row(name)
            yield from self._select_row("kind", OrgKind.choices(), self.draft.kind, False)
            for name in TEXT_FIELDS[3:5]:
                yield from self._text_row(name)
            yield from self._select_row("district_id", self.districts, self.draft.district_id,
                                        True)
            for name in TEXT_FIELDS[5:]:
                yield from self._text_row(name)
            yield Label("Контакты (координаторы): Ctrl+N — добавить, Ctrl+D — удалить",
                        classes="org-editor-contacts")
            for contact in self.contacts:
                yield ContactRow(contact)
            yield _error("contacts")
            yield Static("Ctrl+S — сохранить, Esc — отмена. Название сохраняется точно "
                         "как введено (кавычки, №).", classes="form-hint")
        yield Footer()

    def _text_row(self, name: str) -> ComposeResult:
        value = getattr(self.draft, name)
        with Horizontal(classes="form-row"):
            yield Label(FIELD_LABELS[name], classes="form-label")
            yield Input("" if value is None else str(value), id=f"f-{name}", compact=True)
        yield _error(name)

    def _select_row(self, name: str, options, value, blank: bool) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label(FIELD_LABELS[name], classes="form-label")
            yield Select(options, value=value if value is not None else Select.NULL,
                         allow_blank=blank, prompt="— не указан —", id=f"f-{name}",
                         compact=True)
        yield _error(name)

    def on_mount(self) -> None:
        self.query_one("#f-name", Input).focus()

    @on(Input.Changed, "#f-name")
    def _name_typed(self, event: Input.Changed) -> None:
        """A new organisation's legal form follows its name («МБОУ …») until typed by hand."""
        form = self.query_one("#f-legal_form", Input)
        if self.org_id is None and (not form.value or form.value == legal_form_of(
                self._typed_name)):
            form.value = legal_form_of(event.value)
        self._typed_name = event.value

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def form_draft(self) -> OrgDraft:
        values = {name: self.query_one(f"#f-{name}", Input).value for name in TEXT_FIELDS}
        kind = self.query_one("#f-kind", Select).value
        district = self.query_one("#f-district_id", Select).value
        return OrgDraft(**values, kind=str(kind),
                        district_id=None if district is Select.NULL else int(district))

    def form_contacts(self) -> list[ContactDraft]:
        return [row.draft() for row in self.query(ContactRow)
                if any(getattr(row.draft(), p) for p, _ in CONTACT_PARTS)]

    def action_save(self) -> None:
        draft, contacts = self.form_draft(), self.form_contacts()
        db = connect(self.db_path)
        try:
            if self.org_id is None:
                saved = add_org(db, draft, user=self.user, contacts=contacts)
            else:
                saved = update_org(db, self.org_id, draft, user=self.user,
                                   expected_revision=self.revision, contacts=contacts)["id"]
        except OrgError as errors:
            self.show_problems(errors.problems)
            return
        except ConflictError:
            self._conflict()
            return
        except UserError as error:
            self.notify(error.message, title="Не сохранено", severity="error", timeout=8)
            return
        finally:
            db.close()
        self.dismiss(saved)

    def show_problems(self, problems: dict[str, str]) -> None:
        """Each message under its field; the first field with a problem gets the focus."""
        for line in self.query(".form-error"):
            name = (line.id or "").removeprefix("e-")
            line.update(problems.get(name, ""))
            line.display = name in problems
        for name in problems:
            if name != "contacts":
                self.query_one(f"#f-{name}").focus()
                return

    def _conflict(self) -> None:
        with reading(self.db_path) as db:
            theirs, revision = draft_of(db, self.org_id)

        def chosen(mine: bool | None) -> None:
            self.revision = revision
            if mine:
                self.action_save()
            else:
                self._fill(theirs)
                self.notify(f"Открыта версия {revision}: внесите правку снова.", timeout=5)

        self.app.push_screen(ConfirmDialog(
            f"Пока вы правили, организацию изменил другой пользователь (версия {revision}):\n"
            f"«{theirs.name}».\nСохранить вашу версию поверх или открыть их версию?",
            yes="Сохранить мою", no="Открыть их"), chosen)

    def _fill(self, draft: OrgDraft) -> None:
        """Put a stored version into the form (the colleague's, after a conflict)."""
        for name in TEXT_FIELDS:
            self.query_one(f"#f-{name}", Input).value = str(getattr(draft, name) or "")
        self.query_one("#f-kind", Select).value = draft.kind
        district = self.query_one("#f-district_id", Select)
        district.value = draft.district_id if draft.district_id is not None else Select.NULL
        with reading(self.db_path) as db:
            contacts = contacts_of(db, self.org_id)
        self.query(ContactRow).remove()
        errors = self.query_one("#e-contacts")
        for contact in contacts:
            self.query_one("#org-editor").mount(ContactRow(contact), before=errors)

    def action_add_contact(self) -> None:
        row = ContactRow(ContactDraft(""))
        self.query_one("#org-editor").mount(row, before=self.query_one("#e-contacts"))
        self.call_after_refresh(lambda: row.query_one(".contact-name", Input).focus())

    def action_remove_contact(self) -> None:
        focused = self.focused
        row = next((a for a in (focused.ancestors if focused else []) if
                    isinstance(a, ContactRow)), None)
        if row is None:
            self.notify("Встаньте на строку контакта, который нужно удалить.",
                        severity="warning", timeout=3)
            return
        row.remove()

    def action_cancel(self) -> None:
        self.dismiss(None)


def _error(name: str) -> Static:
    line = Static("", id=f"e-{name}", classes="form-error", markup=False)
    line.display = False
    return line
