"""The footer of every screen: Textual's, rebuilt only when the keys it shows change.

Textual's `Footer` recomposes (some forty widgets, each styled) whenever focus moves, even
when the keys stay the same. In the calendar that happened on every view switch, and in the
editor on every Tab, costing a tenth of a second of the screen's thread each time (and,
through the GIL, slowing the worker that reads the next view).
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


def shown_keys(screen: Screen) -> tuple:
    """What the footer draws: each shown binding's key, label, group, state and tooltip."""
    return tuple((binding.key, binding.key_display, binding.description, binding.action,
                  binding.group, enabled, tooltip)
                 for _node, binding, enabled, tooltip in screen.active_bindings.values()
                 if binding.show)


class Footer(TextualFooter):
    """A drop-in `Footer` that skips a rebuild which would draw the same keys."""

    _drawn: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        keys = shown_keys(screen)
        if self._bindings_ready and keys == self._drawn:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._drawn = keys
