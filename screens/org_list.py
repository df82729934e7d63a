"""«Сеть» → «Организации»: the list by district, searched as you type and filtered.

Typing goes into the search box (each keystroke is one query, `db.org_list.org_ids`);
↓ or Tab moves to the list, where letters are commands: F filters, A or Insert adds,
Enter opens, E edits, M merges a duplicate into the organisation under the cursor,
I imports a file. Any other letter typed in the list goes on into the search.
"""

from __future__ import annotations

from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from rcro_tui.db.connection import connect
from rcro_tui.db.org_list import (FilterChoices, OrgFilter, filter_choices, filter_summary,
                                  org_ids, org_rows)
from rcro_tui.db.orgs import refresh_keys
from rcro_tui.i18n import count
from rcro_tui.screens.access_keys import WriteKeys
from rcro_tui.screens.keys import bind
from rcro_tui.screens.org_list_view import OrgListView, header_text

REMEMBERED = 32
"""Searches whose ids the list keeps (each up to 40 000 ints)."""


def searched(text: str) -> str:
    """The search as it is queried: a lone letter waits for the second («СОШ № 4»: digits count)."""
    stripped = text.strip()
    return "" if len(stripped) == 1 and not stripped.isdigit() else text


class SearchBox(Input):
    """The search input; [ and ] are left to the section (they switch its tabs).

    Its content width is held at least at `ROOM`: Textual's Input gives itself a new virtual
    size with every character, and a new virtual size re-lays out the whole screen — as much
    time as the search itself. A search never grows that long.
    """

    ROOM = 256

    @property
    def content_width(self) -> int:
        return max(self.ROOM, super().content_width)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character not in ("[", "]") and super().check_consume_key(key, character)


class OrgListPane(WriteKeys, Vertical):
    """The working list of the organisations tab; every action is a call into `db`."""

    WRITE_ACTIONS = {
        "add": "organizations", "edit": "organizations", "merge": "organizations",
        "import_file": "organizations"}

    BINDINGS = [
        bind("f", "filters", "Фильтры"),
        bind("a,insert", "add", "Добавить", key_display="Ins"),
        bind("e", "edit", "Изменить"),
        bind("m", "merge", "Объединить"),
        bind("i", "import_file", "Импорт"),
        bind("slash", "search", "Поиск", key_display="/"),
        bind("r", "reload_list", "Обновить", show=False),
    ]

    def __init__(self, db_path: Path, user: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.db_path = db_path
        self.user = user
        self.filter = OrgFilter()
        self.choices: FilterChoices | None = None
        self.found: dict[OrgFilter, list[int]] = {}
        """Recent searches' ids, the newest last, valid while `data_version` stays."""
        self.version = -1

    def compose(self) -> ComposeResult:
        yield Label("", id="orgs-title")
        yield SearchBox(placeholder="Поиск: название, краткое название или ИНН "
                                "(↓ — к списку, F — фильтры)", id="orgs-search",
                    select_on_focus=False)
        yield Static("", id="orgs-header")
        yield OrgListView(self._fetch, id="orgs-list")

    def on_mount(self) -> None:
        # The list's own connection, used only on the screen's thread: a keystroke should not
        # pay for opening the database (the calls that write open their own).
        self.db = connect(self.db_path)
        refresh_keys(self.db)
        self.choices = filter_choices(self.db)
        self.reload()

    def on_unmount(self) -> None:
        self.db.close()

    def focus_default(self) -> None:
        self.query_one("#orgs-search", Input).focus()

    def _fetch(self, ids: list[int]):
        return org_rows(self.db, ids)

    def reload(self, keep: int | None = None) -> None:
        """The ids for the current search and filters: one query, or none when this search
        was made since the database last changed (Backspace goes back at once)."""
        view = self.query_one(OrgListView)
        flt = OrgFilter(searched(self.filter.text), *self._filter_values())
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        if version != self.version:
            self.found.clear()
            self.version = version
        ids = self.found.pop(flt, None)
        if ids is None:
            ids = org_ids(self.db, flt)
        self.found[flt] = ids
        while len(self.found) > REMEMBERED:
            del self.found[next(iter(self.found))]
        view.show(ids, keep=keep if keep is not None else view.current())
        self._title(len(ids))

    def _filter_values(self) -> tuple:
        f = self.filter
        return f.kinds, f.legal_forms, f.district_ids, f.program_ids, f.roles

    def _title(self, found: int) -> None:
        text = f"Организации — {count(found, 'организация', 'организации', 'организаций')}"
        if self.choices is not None and (summary := filter_summary(self.choices, self.filter)):
            text += f" · фильтр: {summary}"
        self.query_one("#orgs-title", Label).update(text, layout=False)  # one line, 1fr wide

    def on_resize(self) -> None:
        self.call_after_refresh(self._header)

    def _header(self) -> None:
        """Column titles over the list's own columns (its width less the scroll bar)."""
        width = self.query_one(OrgListView).text_width
        self.query_one("#orgs-header", Static).update(header_text(width), layout=False)

    @on(Input.Changed, "#orgs-search")
    def _typed(self, event: Input.Changed) -> None:
        self.filter = OrgFilter(event.value, *self._filter_values())
        self.reload()

    @on(Input.Submitted, "#orgs-search")
    def _submitted(self, event: Input.Submitted) -> None:
        self.query_one(OrgListView).action_open()

    def on_key(self, event: events.Key) -> None:
        """↓ from the box goes to the list, ↑ from its first row (or Esc) back; in the list, a
        letter that is no command goes on into the search; Esc in the box clears it."""
        search = self.query_one("#orgs-search", Input)
        view = self.query_one(OrgListView)
        if search.has_focus and event.key in ("down", "pagedown", "pageup"):
            event.stop()
            self.screen.set_focus(view)  # at once: the next key may already be waiting
            if event.key != "down":
                view.action_page(1 if event.key == "pagedown" else -1)
        elif search.has_focus and event.key == "escape" and search.value:
            event.stop()
            search.value = ""
        elif view.has_focus and (event.key == "escape" or event.key == "up" and view.cursor == 0):
            event.stop()
            self.screen.set_focus(search)
        elif view.has_focus and event.is_printable and event.character \
                and event.key not in self.screen.active_bindings:
            event.stop()
            self.screen.set_focus(search)
            search.insert_text_at_cursor(event.character)

    @on(OrgListView.Opened)
    def _opened(self, message: OrgListView.Opened) -> None:
        from rcro_tui.screens.org_detail import OrgDetailScreen

        self.app.push_screen(OrgDetailScreen(self.db_path, self.user, message.org_id),
                             lambda changed: self.reload() if changed else None)

    def current(self) -> int | None:
        org_id = self.query_one(OrgListView).current()
        if org_id is None:
            self.app.notify("Список пуст: измените поиск или фильтры.", severity="warning",
                            timeout=3)
        return org_id

    def action_reload_list(self) -> None:
        """R: read the list again (a colleague's changes come in by themselves at the next
        search, as the database's version moves on)."""
        self.choices = filter_choices(self.db)
        self.found.clear()
        self.reload()

    def action_search(self) -> None:
        self.focus_default()

    def action_filters(self) -> None:
        from rcro_tui.screens.org_filter import OrgFilterDialog

        def chosen(flt: OrgFilter | None) -> None:
            if flt is not None:
                self.filter = OrgFilter(self.filter.text, *(
                    getattr(flt, name) for name in ("kinds", "legal_forms", "district_ids",
                                                    "program_ids", "roles")))
                self.reload()

        self.app.push_screen(OrgFilterDialog(self.choices, self.filter), chosen)

    def action_add(self) -> None:
        from rcro_tui.screens.org_editor import OrgEditorScreen

        self.app.push_screen(OrgEditorScreen(self.db_path, self.user), self._saved)

    def action_edit(self) -> None:
        from rcro_tui.screens.org_editor import OrgEditorScreen

        if (org_id := self.current()) is not None:
            self.app.push_screen(OrgEditorScreen(self.db_path, self.user, org_id), self._saved)

    def _saved(self, org_id: int | None) -> None:
        if org_id is not None:
            self.choices = filter_choices(self.db)
            self.reload(keep=org_id)

    def action_merge(self) -> None:
        from rcro_tui.screens.org_merge import start_merge

        if (org_id := self.current()) is not None:
            start_merge(self.app, self.db_path, self.user, org_id, self._saved)

    def action_import_file(self) -> None:
        from rcro_tui.screens.org_import import OrgImportScreen

        self.app.push_screen(OrgImportScreen(self.db_path, self.user),
                             lambda done: self._saved(-1) if done else None)
