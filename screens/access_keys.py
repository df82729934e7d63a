"""Keys a person's role does not allow are hidden from the footer (and do nothing).

A screen or pane mixes `WriteKeys` in before its base and names its writing actions with the
table each writes; `check_action` then hides those a viewer or a municipal coordinator may
not use. The core checks every write again (`db.access`), so a key reached another way gets
the same «Нет прав: …» refusal.
"""

from __future__ import annotations

from rcro_tui.db.access import may_write_table


def may_write(app, table: str) -> bool:
    """May the app's person write some row of `table`? (True for apps without rights.)"""
    rights = getattr(app, "rights", None)
    return rights is None or may_write_table(rights, table)


class WriteKeys:
    """Mixin: `WRITE_ACTIONS` maps an action name to the table it writes."""

    WRITE_ACTIONS: dict[str, str] = {}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        table = self.WRITE_ACTIONS.get(action)
        if table is not None and not may_write(self.app, table):
            return False
        return super().check_action(action, parameters)
