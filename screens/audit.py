"""«Журнал» (key 7): every change, newest first, filtered by user, kind of object, dates and text.

Reading goes through `db.audit` in a thread, a page at a time: reaching the last row reads
the next page, so a log of a million entries opens as fast as a short one. Enter opens a
change with its field diff (screens/audit_entry.py); H — on a row or in the change — shows
that object's whole history, Backspace goes back to the whole log. The same calls as
`rcro-tui audit`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Input, Select, Static

from rcro_tui.db.audit import AuditFilter, AuditPage, read_page
from rcro_tui.db.audit_diff import object_label, summary
from rcro_tui.db.audit_kinds import KINDS, kind_label
from rcro_tui.db.history_values import short
from rcro_tui.errors import UserError
from rcro_tui.rules import parse_date
from rcro_tui.screens.agenda import SectionScreen
from rcro_tui.screens.audit_entry import AuditEntryScreen
from rcro_tui.screens.data import reading
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.keys import bind
from rcro_tui.screens.view_table import RowTable

COLUMNS = ("Время", "Кто", "Объект", "Что сделано")
TIME_WIDTH = 16
USER_WIDTH = 10
DATE_INPUTS = {"audit-since": "с", "audit-until": "по"}


@dataclass
class PageRead(Message):
    """A page from the reading thread; `append` when it continues the rows shown."""

    page: AuditPage
    append: bool
    problem: str = ""


class AuditTable(RowTable):
    """The log's rows; Enter opens the change."""


class AuditScreen(SectionScreen):
    TITLE = "Журнал"
    BINDINGS = [
        bind("f,slash", "filters", "Фильтр", key_display="F"),
        bind("h", "history", "История объекта", key_display="H"),
        bind("backspace", "whole_log", "Весь журнал", key_display="⌫"),
        bind("escape", "to_table", "К списку", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter = AuditFilter()
        self.entries: list = []
        self.more = False

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        with Horizontal(id="audit-filters"):
            yield Input(placeholder="Кто (логин)", id="audit-user", compact=True)
            yield Select([(kind.label, kind.table) for kind in KINDS], prompt="Все объекты",
                         id="audit-kind", compact=True)
            yield Input(placeholder="с ДД.ММ.ГГГГ", id="audit-since", compact=True)
            yield Input(placeholder="по ДД.ММ.ГГГГ", id="audit-until", compact=True)
            yield Input(placeholder="Текст", id="audit-text", compact=True)
        yield Static("", id="audit-status", markup=False)
        yield AuditTable(cursor_type="row", zebra_stripes=True, id="audit-table")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(AuditTable).focus()
        self.load()

    def on_resize(self) -> None:
        self._fill()

    def _widths(self) -> list[int]:
        """Time and login keep their width; the object and the summary share the rest."""
        room = max(40, self.size.width - 4 - 2 * len(COLUMNS) - TIME_WIDTH - USER_WIDTH)
        return [TIME_WIDTH, USER_WIDTH, room // 2, room - room // 2]

    def _fill(self) -> None:
        """Every row read so far, again, in columns fitted to the width."""
        table = self.query_one(AuditTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        widths = self._widths()
        for label, width in zip(COLUMNS, widths):
            table.add_column(label, width=width)
        for entry in self.entries:
            self._add_row(table, entry, widths)
        if self.entries:
            table.move_cursor(row=min(cursor, len(self.entries) - 1))

    @staticmethod
    def _add_row(table: DataTable, entry, widths: list[int]) -> None:
        cells = (entry.when, entry.user, object_label(entry), summary(entry))
        table.add_row(*(short(cell, width) for cell, width in zip(cells, widths)),
                      key=str(entry.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "whole_log":
            return bool(self.filter.row_id)
        return super().check_action(action, parameters)

    def load(self, *, append: bool = False) -> None:
        after = self.entries[-1].cursor() if append and self.entries else None
        self._read(self.filter, after, append)

    @work(thread=True, exclusive=True, group="audit-read")
    def _read(self, flt: AuditFilter, after, append: bool) -> None:
        with reading(self.app.db_path) as db:
            self.post_message(PageRead(read_page(db, flt, after=after), append))

    @on(PageRead)
    def _shown(self, message: PageRead) -> None:
        table = self.query_one(AuditTable)
        if not message.append:
            self.entries = []
            self._fill()
        widths = self._widths()
        for entry in message.page.entries:
            self._add_row(table, entry, widths)
        self.entries += message.page.entries
        self.more = message.page.more
        self._status()

    def _status(self) -> None:
        shown = f"Показано записей: {len(self.entries)}" + (" (ещё есть ниже)" if self.more
                                                             else "")
        if self.filter.row_id:
            shown = (f"История: {kind_label(self.filter.table)} № {self.filter.row_id} "
                     f"(⌫ — весь журнал) · {shown}")
        elif not self.entries:
            shown = "В журнале нет таких записей."
        self.query_one("#audit-status", Static).update(shown)

    @on(DataTable.RowHighlighted, "#audit-table")
    def _near_end(self, event: DataTable.RowHighlighted) -> None:
        if self.more and event.cursor_row >= len(self.entries) - 1:
            self.more = False  # asked once; the page read says whether still more follow
            self.load(append=True)

    @on(DataTable.RowSelected, "#audit-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.app.push_screen(AuditEntryScreen(self.app.db_path, int(event.row_key.value)),
                             self._history_of)

    def _history_of(self, chosen: tuple[str, str] | None) -> None:
        if chosen is not None:
            self.show_history(*chosen)

    def show_history(self, table: str, row_id: str) -> None:
        """Only this object's entries (the other conditions stay as they were)."""
        self.filter = replace(self.filter, table=table, row_id=row_id)
        self.load()

    def action_history(self) -> None:
        table = self.query_one(AuditTable)
        if not self.entries:
            return
        entry = self.entries[min(table.cursor_row, len(self.entries) - 1)]
        self.show_history(entry.table, entry.row_id)

    def action_whole_log(self) -> None:
        kind = self.query_one("#audit-kind", Select).value
        self.filter = replace(self.filter, row_id="",
                              table=kind if isinstance(kind, str) else "")
        self.load()

    def action_filters(self) -> None:
        self.query_one("#audit-user", Input).focus()

    def action_to_table(self) -> None:
        self.query_one(AuditTable).focus()

    def action_reload(self) -> None:
        self.load()

    @on(Input.Submitted)
    def _typed(self, event: Input.Submitted) -> None:
        self.apply_filters()
        self.action_to_table()

    @on(Select.Changed, "#audit-kind")
    def _kind(self, event: Select.Changed) -> None:
        self.apply_filters()

    def apply_filters(self) -> None:
        """The bar's fields into a filter; a malformed date is said in Russian, nothing lost."""
        value = {name: self.query_one(f"#{name}", Input).value.strip()
                 for name in ("audit-user", "audit-since", "audit-until", "audit-text")}
        kind = self.query_one("#audit-kind", Select).value
        try:
            days = {name: parse_date(value[name], field=f"дата «{word}»") if value[name] else None
                    for name, word in DATE_INPUTS.items()}
            self.filter = AuditFilter(
                user=value["audit-user"], table=kind if isinstance(kind, str) else "",
                since=days["audit-since"], until=days["audit-until"], text=value["audit-text"])
        except UserError as error:
            self.notify(error.message, severity="error")
            return
        self.load()
