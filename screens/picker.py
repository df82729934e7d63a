"""A list of choices to tick, with a search box above it when the list is long (100–400 schools).

Ticks survive narrowing: the picker keeps the chosen values itself, so typing «гимн» to find
a gymnasium does not forget the lyceum ticked a moment ago.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, SelectionList

from rcro_tui.db.event_filter import fold
from rcro_tui.db.filter_labels import Choice


class ChoicePicker(Vertical):
    """A titled SelectionList; `searchable` adds an Input that narrows it as you type."""

    def __init__(self, title: str, choices: Sequence[Choice], selected: Iterable[int | str] = (),
                 *, searchable: bool = False, placeholder: str = "Найти…",
                 id: str | None = None) -> None:
        super().__init__(id=id, classes="picker")
        self.title = title
        self.choices = list(choices)
        self.selected: set[int | str] = set(selected)
        self.searchable = searchable
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Label(self._title_text(), classes="picker-title")
        if self.searchable:
            yield Input(placeholder=self.placeholder, classes="picker-search")
        yield SelectionList[int | str](*self._items(""), classes="picker-list")

    @property
    def values(self) -> tuple:
        """The chosen values in the order the choices are listed (stable filters, stable chips)."""
        return tuple(c.value for c in self.choices if c.value in self.selected)

    def set_choices(self, choices: Sequence[Choice]) -> None:
        """Offer other choices (e.g. all organisations), keeping the ticks that still apply."""
        self.choices = list(choices)
        self._show(self._query())

    def set_selected(self, values: Iterable[int | str]) -> None:
        self.selected = set(values)
        self._show(self._query())

    def _query(self) -> str:
        return self.query_one(Input).value if self.searchable else ""

    def _items(self, query: str) -> list[tuple[str, int | str, bool]]:
        """Matching choices, ticked ones first so they stay in sight while the list is narrowed."""
        words = fold(query).split()
        found = [c for c in self.choices
                 if all(word in fold(f"{c.label} {c.search}") for word in words)]
        found.sort(key=lambda c: c.value not in self.selected)
        return [(c.label, c.value, c.value in self.selected) for c in found]

    def _show(self, query: str) -> None:
        options = self.query_one(SelectionList)
        options.clear_options()
        options.add_options(self._items(query))
        if options.option_count:
            options.highlighted = 0
        self.query_one(".picker-title", Label).update(self._title_text())

    def _title_text(self) -> str:
        chosen = f" — выбрано: {len(self.selected)}" if self.selected else ""
        return f"{self.title}{chosen}"

    @on(Input.Changed, ".picker-search")
    def _narrow(self, event: Input.Changed) -> None:
        event.stop()
        self._show(event.value)

    @on(Input.Submitted, ".picker-search")
    def _to_list(self, event: Input.Submitted) -> None:
        """Enter in the search box moves to the list, where Space or Enter ticks."""
        event.stop()
        self.query_one(SelectionList).focus()

    @on(SelectionList.SelectedChanged)
    def _ticked(self, event: SelectionList.SelectedChanged) -> None:
        """Ticks of the values on show replace theirs; values hidden by the search stay as they were."""
        event.stop()
        options = event.selection_list
        shown = {options.get_option_at_index(i).value for i in range(options.option_count)}
        self.selected = (self.selected - shown) | set(options.selected)
        self.query_one(".picker-title", Label).update(self._title_text())
