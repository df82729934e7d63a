"""The «Протокол» tab of a stage: places by score per stage, session, district or school,
and the totals per district (participants, winners, prize-winners).

G switches the grouping (Shift+G back); the same tables as `rcro-tui stages protocol --by …`.
The protocol holds children's names: it is shown here and printed on purpose, never published.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from rcro_tui.db.protocol_pages import first_protocol_rows
from rcro_tui.db.protocols import GROUPINGS, tally
from rcro_tui.screens.data import reading
from rcro_tui.screens.keys import bind
from rcro_tui.screens.pane_filter import PaneFilter
from rcro_tui.screens.stage_messages import StageChanged
from rcro_tui.screens.view_table import SHOWN_ROWS, ViewTable

ORDER = list(GROUPINGS)


def switch_line(current: str) -> Text:
    """«Группировка: этап · площадка · район · школа · итоги по районам», the current marked."""
    line = Text("Группировка: ", style="dim")
    for index, code in enumerate(ORDER):
        if index:
            line.append(" · ", style="dim")
        line.append(GROUPINGS[code], style="bold reverse" if code == current else "")
    line.append("   G — сменить", style="dim")
    return line


class ProtocolPane(Vertical):
    """A stage's protocol; the db path comes from the app."""

    BINDINGS = [
        bind("g", "group(1)", "Группировка", key_display="G"),
        bind("G", "group(-1)", "Группировка назад", show=False),
        bind("slash", "find", "Найти", key_display="/"),
    ]

    class Tallied(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, stage_id: int, *, by: str = "stage", id: str | None = None) -> None:
        super().__init__(id=id, classes="stage-pane")
        self.stage_id = stage_id
        self.by = by
        self.query_text = ""

    def compose(self) -> ComposeResult:
        yield Static(switch_line(self.by), id="protocol-switch")
        yield Static("", id="protocol-tally", markup=False)
        yield PaneFilter(placeholder="/ — найти в протоколе: фамилия, школа, район…",
                    id="protocol-filter", classes="pane-filter")
        yield ViewTable(self.app.db_path, self._build, openable=False, narrow_hint="/ — найти",
                        id="protocol-table")

    def _build(self, db):
        return first_protocol_rows(db, self.stage_id, self.by, self.query_text, limit=SHOWN_ROWS)

    @property
    def table(self) -> ViewTable:
        return self.query_one("#protocol-table", ViewTable)

    def focus_default(self) -> None:
        """The table, when the stage screen shows this tab (never on mount: the tab may be
        hidden, and the visible one keeps the focus)."""
        self.table.focus_here()

    def on_mount(self) -> None:
        self._read_tally()

    @work(thread=True, exclusive=True, group="protocol-tally")
    def _read_tally(self) -> None:
        with reading(self.app.db_path) as db:
            text = tally(db, self.stage_id)
        self.post_message(self.Tallied(text))

    @on(Tallied)
    def _tallied(self, message: Tallied) -> None:
        message.stop()
        self.query_one("#protocol-tally", Static).update(message.text)

    def action_group(self, step: int) -> None:
        self.by = ORDER[(ORDER.index(self.by) + step) % len(ORDER)]
        self.query_one("#protocol-switch", Static).update(switch_line(self.by))
        self.table.reload()

    def action_find(self) -> None:
        self.query_one("#protocol-filter", Input).focus()

    @on(Input.Changed, "#protocol-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.table.reload()

    @on(Input.Submitted, "#protocol-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.query_one(DataTable).focus()

    @on(StageChanged)
    def _reread(self, message: StageChanged) -> None:
        if message.stage_id == self.stage_id:
            self.table.reload()
            self._read_tally()
