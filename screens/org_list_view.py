"""The organisation list drawn line by line: 40 000 rows cost what a screenful costs.

The widget holds only the ordered ids the filter keeps; the rows on screen are read a page
at a time through `fetch` (one small query) and kept until the ids change. No widget per
organisation, no DataTable of 40 000 rows.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
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


class OrgListView(ScrollView, can_focus=True):
    """A cursor over `ids`; Enter posts Opened with the id under it."""

    COMPONENT_CLASSES = {"org-list--cursor", "org-list--muted"}
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
        self.empty = "Организаций не найдено."

    def show(self, ids: list[int], *, keep: int | None = None) -> None:
        """New ids (a search or filter changed); the cursor stays on `keep` if it is there."""
        self.ids = ids
        self.rows = {}
        self.virtual_size = Size(self.size.width, max(1, len(ids)))
        self.cursor = ids.index(keep) if keep in ids else 0
        self.scroll_to(y=max(0, self.cursor - 2), animate=False, immediate=True)
        self.refresh()

    def current(self) -> int | None:
        return self.ids[self.cursor] if 0 <= self.cursor < len(self.ids) else None

    def action_move(self, step: int) -> None:
        self._go(self.cursor + step)

    def action_page(self, step: int) -> None:
        self._go(self.cursor + step * max(1, self.scrollable_content_region.height - 1))

    def action_edge(self, end: int) -> None:
        self._go(len(self.ids) - 1 if end else 0)

    def action_open(self) -> None:
        if (org_id := self.current()) is not None:
            self.post_message(self.Opened(org_id))

    def _go(self, index: int) -> None:
        if not self.ids:
            return
        self.cursor = max(0, min(len(self.ids) - 1, index))
        height = self.scrollable_content_region.height
        if self.cursor < self.scroll_offset.y:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= self.scroll_offset.y + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def watch_cursor(self) -> None:
        self.refresh()

    def _row(self, index: int) -> OrgRow | None:
        org_id = self.ids[index]
        if org_id not in self.rows:
            page = [i for i in self.ids[index:index + PAGE] if i not in self.rows]
            self.rows.update(self.fetch(page))
        return self.rows.get(org_id)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + self.scroll_offset.y
        if not self.ids:
            text = self.empty if y == 0 else ""
            return self._strip(Text(fit(" " + text, width),
                                    self.get_component_rich_style("org-list--muted")), width)
        if index >= len(self.ids):
            return Strip.blank(width)
        row = self._row(index)
        if row is None:
            return Strip.blank(width)
        cells = line_cells(row, width)
        text = Text(" " + " ".join(fit(cell, size) for cell, (_, size)
                                   in zip(cells, columns(width))))
        if index == self.cursor:
            text.stylize(self.get_component_rich_style("org-list--cursor")
                         if self.has_focus else Style(reverse=True, dim=True))
        return self._strip(text, width)

    def _strip(self, text: Text, width: int) -> Strip:
        return Strip(list(text.render(self.app.console))).crop_extend(0, width, None)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
