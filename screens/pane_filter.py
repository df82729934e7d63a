"""The filter line above a stage tab's table («Участники», «Протокол»).

It lives inside the stage screen's tabs, so it leaves [ and ] to the screen (they switch the
tabs, as from the table; «х», «ъ» stay letters here), and Esc leaves it — emptied, back to
the table — rather than closing the whole stage with a half-typed filter.
"""

from __future__ import annotations

from textual.widgets import DataTable, Input

from rcro_tui.screens.keys import bind


class PaneFilter(Input):
    BINDINGS = [bind("escape", "leave", "К таблице", show=False)]

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character not in ("[", "]") and super().check_consume_key(key, character)

    def action_leave(self) -> None:
        self.value = ""
        if self.parent is not None and (tables := self.parent.query(DataTable)):
            tables.first().focus()
