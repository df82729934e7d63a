"""The line above the calendar that says what is shown: chips for each condition, and search.

`/` opens the search box and the calendar follows every keystroke; `f` opens the filter
dialog, `v` the saved views; ←/→ choose a chip and Backspace removes it. Every change
posts `FilterBar.Changed` with the whole new filter, so the calendar needs one handler.
"""

from __future__ import annotations

from collections.abc import Callable

from dataclasses import dataclass, replace
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.markup import escape
from textual.widget import Widget
from textual.widgets import Input, Static

from rcro_tui.db.event_filter import EventFilter
from rcro_tui.db.filter_labels import ALL_EVENTS, chips, search_chip
from rcro_tui.screens.data import reading
from rcro_tui.screens.keys import bind

CHIP_WIDTH = 34
"""A chip longer than this (five districts, an official name) is cut with «…»; F shows it all."""
SEARCH_PLACEHOLDER = "Поиск: название, описание, организация…"


class SearchInput(Input):
    """The search box: Enter or Esc closes it and keeps the text (Ctrl+U clears it)."""

    BINDINGS = [
        Binding("escape", "close", "Закрыть поиск"),
        Binding("ctrl+u", "clear", "Очистить поиск"),
    ]

    @dataclass
    class Closed(Message):
        search: "SearchInput"

    def action_close(self) -> None:
        self.post_message(self.Closed(self))

    def action_clear(self) -> None:
        self.value = ""


class FilterBar(Widget, can_focus=True):
    """The current filter as chips (or «Все мероприятия») and a search box that opens on `/`."""

    BINDINGS = [
        bind("slash,full_stop", "search", "Поиск", key_display="/"),
        bind("f", "edit", "Фильтр…"),
        bind("v", "views", "Виды…"),
        Binding("backspace,delete", "remove_chip", "Убрать условие", key_display="⌫"),
        Binding("left", "chip(-1)", "Предыдущее условие", show=False),
        Binding("right", "chip(1)", "Следующее условие", show=False),
    ]

    @dataclass
    class Changed(Message):
        """The filter changed by the person's hand (a keystroke, a chip, a dialog, a view)."""

        bar: "FilterBar"
        filter: EventFilter

    def __init__(self, db_path: Path, user: str, flt: EventFilter | None = None, *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.db_path = db_path
        self.user = user
        self._filter = flt or EventFilter()
        self._named: tuple[EventFilter, list[tuple[str, str]]] | None = None
        self._chips_markup: str | None = None
        self.cursor = -1
        """Which chip Backspace removes: an index, -1 for the last one."""
        self.focus_after: Callable[[], object] | None = None
        """Where focus goes after search closes or a dialog is done (the host screen's view)."""

    def compose(self) -> ComposeResult:
        yield Static(id="filter-chips")
        search = SearchInput(self._filter.text, placeholder=SEARCH_PLACEHOLDER, id="filter-search")
        search.display = False
        yield search

    def on_mount(self) -> None:
        self._paint()

    @property
    def filter(self) -> EventFilter:
        return self._filter

    def set_filter(self, flt: EventFilter) -> None:
        """Show another filter (the caller already knows it: no `Changed` is posted)."""
        self._filter = flt
        search = self.query_one(SearchInput)
        if search.value != flt.text:
            with search.prevent(Input.Changed):
                search.value = flt.text
        self.cursor = -1
        self._paint()

    def _change(self, flt: EventFilter) -> None:
        if flt != self._filter:
            self.set_filter(flt)
            self.post_message(self.Changed(self, flt))

    def chips(self) -> list[tuple[str, str]]:
        """The chips on show; names are read from the database only when ids change."""
        ids_only = replace(self._filter, text="")
        if self._named is None or self._named[0] != ids_only:
            with reading(self.db_path) as db:
                self._named = (ids_only, chips(db, ids_only))
        shown = list(self._named[1])
        if self._filter.text.strip() and not self.query_one(SearchInput).display:
            shown.append(("text", search_chip(self._filter.text)))
        return shown

    def _paint(self) -> None:
        shown = self.chips()
        if not shown:
            self._show_chips(f"[$text-muted]{ALL_EVENTS}[/]")
            return
        current = self._cursor_index(shown)
        parts = []
        for index, (_, text) in enumerate(shown):
            short = text if len(text) <= CHIP_WIDTH else text[:CHIP_WIDTH - 1] + "…"
            style = "reverse" if index == current and self.has_focus else "on $primary 40%"
            parts.append(f"[{style}] {escape(short)} [/]")
        self._show_chips(" ".join(parts))

    def _show_chips(self, markup: str) -> None:
        """Update the chips line only when it reads differently: a search keystroke leaves it
        as it was, and an update lays the whole screen out again (its height may change)."""
        if markup != self._chips_markup:
            self._chips_markup = markup
            self.query_one("#filter-chips", Static).update(markup)

    def _cursor_index(self, shown: list) -> int:
        return len(shown) - 1 if self.cursor < 0 else min(self.cursor, len(shown) - 1)

    def on_focus(self) -> None:
        self._paint()

    def on_blur(self) -> None:
        self._paint()

    def action_chip(self, step: int) -> None:
        shown = self.chips()
        if shown:
            self.cursor = max(0, min(len(shown) - 1, self._cursor_index(shown) + step))
            self._paint()

    def action_remove_chip(self) -> None:
        """Remove the chosen condition (the last one unless ←/→ chose another)."""
        shown = self.chips()
        if not shown:
            return
        index = self._cursor_index(shown)
        cursor = index if self.cursor >= 0 else -1
        self._change(self._filter.without(shown[index][0]))
        self.cursor = cursor if cursor < len(self.chips()) else -1
        self._paint()

    def action_search(self) -> None:
        search = self.query_one(SearchInput)
        search.display = True
        search.focus()
        self._paint()

    @on(Input.Changed, "#filter-search")
    def _typed(self, event: Input.Changed) -> None:
        """The box's text now, not the message's: letters typed fast (over SSH a word comes
        at once) reach the box before the bar handles the change of the first one, and
        writing that older text back would put the next letters after it."""
        event.stop()
        self._change(replace(self._filter, text=event.input.value))

    @on(Input.Submitted, "#filter-search")
    @on(SearchInput.Closed)
    def _close_search(self, event: Message) -> None:
        event.stop()
        self.query_one(SearchInput).display = False
        self._done()
        self._paint()

    def action_edit(self) -> None:
        from rcro_tui.screens.filter_dialog import FilterDialog

        self.app.push_screen(FilterDialog(self.db_path, self._filter), self._chosen)

    def action_views(self) -> None:
        from rcro_tui.screens.saved_views import SavedViewsDialog

        self.app.push_screen(SavedViewsDialog(self.db_path, self.user, self._filter),
                             self._chosen)

    def _chosen(self, flt: EventFilter | None) -> None:
        if flt is not None:
            self._change(flt)
        self._done()

    def _done(self) -> None:
        """After search or a dialog: back where the person works (the calendar), or the bar."""
        (self.focus_after or self.focus)()
