"""«Сеть», «Отборы», «Публикация»: the tables the database holds for each, one tab per table.

Their editors and workflows come with the section's own issue; until then each shows,
read-only, everything the database has for it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import TabbedContent, TabPane

from rcro_tui.sections import PUBLISH_TABLES, Table
from rcro_tui.screens.agenda import SectionScreen
from rcro_tui.screens.keys import bind
from rcro_tui.screens.view_table import ViewTable
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.network import NetworkScreen  # noqa: F401  (the «Сеть» section)
from rcro_tui.screens.stages import StagesScreen  # noqa: F401  (the «Отборы» section)


class TabbedSectionScreen(SectionScreen):
    """A section made of several read-only tables; [ and ] switch tabs."""

    TABLES: tuple[Table, ...] = ()
    BINDINGS = [
        bind("[", "tab(-1)", "Пред. вкладка", key_display="["),
        bind("]", "tab(1)", "След. вкладка", key_display="]"),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        with TabbedContent():
            for table in self.TABLES:
                with TabPane(table.label, id=f"tab-{table.name}"):
                    yield self.pane(table)
        yield Footer()

    def pane(self, table: Table) -> Widget:
        """The widget of one tab: a read-only table unless the section has a working one."""
        return ViewTable(self.app.db_path, table.build, openable=False, id=f"table-{table.name}")

    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        names = [f"tab-{table.name}" for table in self.TABLES]
        current = names.index(tabs.active) if tabs.active in names else 0
        tabs.active = names[(current + step) % len(names)]
        pane = self.query_one(f"#table-{self.TABLES[names.index(tabs.active)].name}")
        if hasattr(pane, "focus_default"):
            pane.focus_default()
        else:
            pane.query_one("DataTable").focus()


class PublishScreen(TabbedSectionScreen):
    TITLE = "Публикация"
    TABLES = PUBLISH_TABLES
