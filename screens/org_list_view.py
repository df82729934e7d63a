"""The organisation list drawn line by line: 40 000 rows cost what a screenful costs.

The widget holds only the ordered ids the filter keeps; the rows on screen are read a page
at a time through `fetch` (one small query) and kept until the ids change. No widget per
organisation, no DataTable of 40 000 rows. It scrolls itself (its own top row and scroll
bar in the last column) rather than through a ScrollView: a ScrollView's new virtual size
re-lays out the whole screen, which on every search keystroke cost more than the query.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.strip import Strip

from rcro_tui.db.org_list import OrgRow
from rcro_tui.screens.cal_pane import fit

PAGE = 80
"""Rows read at once around the first missing one (more than any terminal is tall)."""
WIDE = 100
"""From this width the list shows kind, legal form and INN beside name and district."""


def columns(width: int) -> list[tuple[str, int]]:
    """(header, width) of each column; the name gets what the others leave."""
    if width >= WIDE:
        rest = [("Вид", 16), ("Форма", 9), ("Муниципалитет", 22), ("ИНН", 12)]
    else:
        rest = [("Муниципалитет", 18)]
    name = max(10, width - sum(w + 1 for _, w in rest) - 1)
    return [("Организация", name), *rest]


def line_cells(row: OrgRow, width: int) -> list[str]:
    """The row's cells in the order of `columns(width)`."""
    if width >= WIDE:
        return [row.name, row.kind_label, row.legal_form, row.district, row.inn]
    return [row.name, row.district]


def header_text(width: int) -> str:
    return " " + " ".join(fit(title, size) for title, size in columns(width))


class OrgListView(Widget, can_focus=True):
    """A cursor over `ids`; Enter posts Opened with the id under it."""

    COMPONENT_CLASSES = {"org-list--cursor", "org-list--muted", "org-list--bar"}
    BINDINGS = [
        Binding("up", "move(-1)", "Вверх", show=False),
        Binding("down", "move(1)", "Вниз", show=False),
        Binding("pageup", "page(-1)", "Страница вверх", show=False),
        Binding("pagedown", "page(1)", "Страница вниз", show=False),
        Binding("home", "edge(0)", "В начало", show=False),
        Binding("end", "edge(1)", "В конец", show=False),
        Binding("enter", "open", "Открыть"),
    ]
    cursor: reactive[int] = reactive(0)

    class Opened(Message):
        def __init__(self, org_id: int) -> None:
            super().__init__()
            self.org_id = org_id

    def __init__(self, fetch: Callable[[list[int]], dict[int, OrgRow]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.fetch = fetch
        self.ids: list[int] = []
        self.rows: dict[int, OrgRow] = {}
        self.top = 0
        """The index of the first row on screen."""
        self.empty = "Организаций не найдено."

    @property
    def height(self) -> int:
        return max(1, self.size.height)

    @property
    def text_width(self) -> int:
        """Room for the columns: the widget less its scroll bar."""
        return max(1, self.size.width - 1)

    def show(self, ids: list[int], *, keep: int | None = None) -> None:
        """New ids (a search or filter changed); the cursor stays on `keep` if it is there."""
        self.ids = ids
        self.rows = {}
        self.cursor = ids.index(keep) if keep in ids else 0
        self.top = max(0, min(self.cursor - 2, len(ids) - self.height))
        self.refresh()

    def current(self) -> int | None:
        return self.ids[self.cursor] if 0 <= self.cursor < len(self.ids) else None

    def action_move(self, step: int) -> None:
        self._go(self.cursor + step)

    def action_page(self, step: int) -> None:
        self._go(self.cursor + step * max(1, self.height - 1))

    def action_edge(self, end: int) -> None:
        self._go(len(self.ids) - 1 if end else 0)

    def action_open(self) -> None:
        if (org_id := self.current()) is not None:
            self.post_message(self.Opened(org_id))

    def _go(self, index: int) -> None:
        if not self.ids:
            return
        self.cursor = max(0, min(len(self.ids) - 1, index))
        if self.cursor < self.top:
            self.top = self.cursor
        elif self.cursor >= self.top + self.height:
            self.top = self.cursor - self.height + 1
        self.refresh()

    def on_mouse_scroll_down(self) -> None:
        self.top = max(0, min(self.top + 3, len(self.ids) - self.height))
        self.refresh()

    def on_mouse_scroll_up(self) -> None:
        self.top = max(0, self.top - 3)
        self.refresh()

    def on_click(self, event) -> None:
        if 0 <= event.y < self.height and self.top + event.y < len(self.ids):
            self._go(self.top + event.y)

    def watch_cursor(self) -> None:
        self.refresh()

    def _row(self, index: int) -> OrgRow | None:
        org_id = self.ids[index]
        if org_id not in self.rows:
            page = [i for i in self.ids[index:index + PAGE] if i not in self.rows]
            self.rows.update(self.fetch(page))
        return self.rows.get(org_id)

    def render_line(self, y: int) -> Strip:
        width = self.text_width
        index = y + self.top
        if not self.ids:
            text = Text(fit(" " + (self.empty if y == 0 else ""), width),
                        self.get_component_rich_style("org-list--muted"))
        elif index >= len(self.ids) or (row := self._row(index)) is None:
            text = Text(" " * width)
        else:
            cells = line_cells(row, width)
            text = Text(" " + " ".join(fit(cell, size) for cell, (_, size)
                                       in zip(cells, columns(width))))
            if index == self.cursor:
                text.stylize(self.get_component_rich_style("org-list--cursor")
                             if self.has_focus else Style(reverse=True, dim=True))
        text.truncate(width, pad=True)
        return self._strip(Text.assemble(text, self._bar(y)), width + 1)

    def _bar(self, y: int) -> Text:
        """The scroll bar's cell on line `y`: a thumb where the screen sits in the list."""
        rows, height = len(self.ids), self.height
        if rows <= height:
            return Text(" ")
        size = max(1, height * height // rows)
        start = min(height - size, self.top * height // rows)
        thumb = start <= y < start + size
        return Text("┃" if thumb else "│", self.get_component_rich_style("org-list--bar"))

    def _strip(self, text: Text, width: int) -> Strip:
        return Strip(list(text.render(self.app.console))).crop_extend(0, width, None)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
