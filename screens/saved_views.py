"""Saved views: pick one with Enter; save the current filter under a name; rename; delete.

Views are shared by everyone on the database. Each save, rename and delete is one short
connection through `db.saved_views` (audited), and Delete asks before it deletes.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from rcro_tui.errors import UserError
from rcro_tui.db.connection import connect
from rcro_tui.db.event_filter import EventFilter
from rcro_tui.db.filter_labels import summary
from rcro_tui.db.saved_views import SavedView, delete_view, list_views, rename_view, save_view
from rcro_tui.screens.data import reading
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.keys import bind
from rcro_tui.screens.footer import Footer

EMPTY = "Сохранённых видов нет. S — сохранить текущий фильтр под именем."


class ViewList(OptionList):
    """The views; Enter applies the highlighted one (said in Russian in the footer)."""

    BINDINGS = [Binding("enter", "select", "Применить")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select" and not self.option_count:
            return None
        return super().check_action(action, parameters)


class SavedViewsDialog(ModalScreen[EventFilter | None]):
    """The saved views, each with its conditions; gives back the chosen filter or None."""

    BINDINGS = [
        bind("s", "save", "Сохранить текущий"),
        bind("r", "rename", "Переименовать"),
        Binding("delete", "delete", "Удалить", key_display="Del"),
        Binding("escape", "close", "Закрыть", key_display="Esc"),
    ]

    def __init__(self, db_path: Path, user: str, current: EventFilter) -> None:
        super().__init__()
        self.db_path = db_path
        self.user = user
        self.current = current
        self.views: list[SavedView] = []
        self.renaming: str | None = None
        self.renaming_revision: int | None = None
        """The view being renamed while the name box is open; None when saving a new one."""

    def compose(self) -> ComposeResult:
        with Vertical(id="views-dialog") as frame:
            frame.border_title = "Сохранённые виды"
            yield ViewList(id="views-list")
            yield Static(EMPTY, id="views-empty")
            yield Label("", id="views-name-title")
            yield Input(placeholder="Название вида, например «Олимпиады Томского района»",
                        id="views-name")
        yield Footer()

    def on_mount(self) -> None:
        self._name_box(False)
        self._load()

    def _load(self, select: str | None = None) -> None:
        with reading(self.db_path) as db:
            self.views = list_views(db)
            lines = [summary(db, view.filter) for view in self.views]
        options = self.query_one(OptionList)
        options.clear_options()
        for view, line in zip(self.views, lines):
            prompt = Text.assemble((view.name, "bold"), "\n", (line, "dim"))
            options.add_option(Option(prompt, id=str(view.id)))
        names = [view.name for view in self.views]
        if names:
            options.highlighted = names.index(select) if select in names else 0
        self.query_one("#views-empty").display = not names
        options.display = bool(names)
        if not self.query_one("#views-name").display:
            options.focus()

    def chosen(self) -> SavedView | None:
        index = self.query_one(OptionList).highlighted
        return self.views[index] if self.views and index is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a name is typed, letters go into the box; Enter there saves, not applies.

        Textual asks before the dialog is composed too (a key pressed as it opens): nothing
        is typed then and nothing chosen, so the keys wait for their widgets."""
        if not self.is_mounted or not self.query("#views-name"):
            return action not in ("save", "rename", "delete") or None
        typing = self.query_one("#views-name").display
        if action in ("save", "rename", "delete") and typing:
            return False
        if action in ("rename", "delete") and self.chosen() is None:
            return None  # shown greyed: there is no view to act on
        return True

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_apply()

    def action_apply(self) -> None:
        view = self.chosen()
        if view is not None:
            self.dismiss(view.filter)

    def action_save(self) -> None:
        self.renaming = None
        self._name_box(True, "Сохранить текущий фильтр как вид (Enter — сохранить, Esc — нет):")

    def action_rename(self) -> None:
        view = self.chosen()
        if view is not None:
            self.renaming, self.renaming_revision = view.name, view.revision
            self._name_box(True, f"Новое название вида «{view.name}»:", view.name)

    def _name_box(self, show: bool, title: str = "", value: str = "") -> None:
        box = self.query_one("#views-name", Input)
        box.display = show
        self.query_one("#views-name-title", Label).display = show
        self.query_one("#views-name-title", Label).update(title)
        if show:
            box.value = value
            box.focus()
        else:
            self.query_one(OptionList).focus()
        self.refresh_bindings()

    @on(Input.Submitted, "#views-name")
    def _named(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            db = connect(self.db_path)
            try:
                if self.renaming is None:
                    view = save_view(db, event.value, self.current, user=self.user)
                    done = f"Вид «{view.name}» сохранён."
                else:
                    view = rename_view(db, self.renaming, event.value, user=self.user,
                                       expected_revision=self.renaming_revision)
                    done = f"Вид переименован: «{view.name}»."
            finally:
                db.close()
        except UserError as problem:
            self.notify(problem.message, title="Вид не сохранён", severity="error")
            return
        self.notify(done)
        self._name_box(False)
        self._load(select=view.name)

    def action_delete(self) -> None:
        view = self.chosen()
        if view is not None:
            self.app.push_screen(ConfirmDialog(f"Удалить вид «{view.name}»?\n\n"
                                               "Enter — удалить, Esc — оставить."),
                                 lambda yes: self._delete(view.name, view.revision)
                                 if yes else None)

    def _delete(self, name: str, revision: int | None = None) -> None:
        db = connect(self.db_path)
        try:
            delete_view(db, name, user=self.user, expected_revision=revision)
        except UserError as problem:
            self.notify(problem.message, severity="error")
        else:
            self.notify(f"Вид «{name}» удалён.")
        finally:
            db.close()
        self._load()

    def action_close(self) -> None:
        """Esc closes the name box if it is open, else the dialog."""
        if self.query_one("#views-name").display:
            self._name_box(False)
        else:
            self.dismiss(None)
