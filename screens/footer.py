"""The footer of every screen: Textual's, rebuilt only when the keys it shows change.

Textual's `Footer` recomposes (some forty widgets, each styled) whenever focus moves, even
when the keys stay the same. In the calendar that happened on every view switch, and in the
editor on every Tab, costing a tenth of a second of the screen's thread each time (and,
through the GIL, slowing the worker that reads the next view).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


def shown_keys(screen: Screen) -> tuple:
    """What the footer draws: each shown binding's key, label, group, state and tooltip."""
    return tuple((binding.key, binding.key_display, binding.description, binding.action,
                  binding.group, enabled, tooltip)
                 for _node, binding, enabled, tooltip in screen.active_bindings.values()
                 if binding.show)


class Footer(TextualFooter):
    """A drop-in `Footer` that skips a rebuild which would draw the same keys."""

    _drawn: tuple | None = None
    _rebuild_asked = False

    def compose(self) -> ComposeResult:
        """Textual's keys, told before they mount whether the footer is compact.

        A key starts out compact and learns otherwise from the footer only once mounted: two
        restyles of each of some forty keys, a tenth of a second whenever a screen opens.
        The command palette's key is not bound to the footer's style and stays as it is.
        """
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        """Rebuild when the keys differ from those drawn; while a rebuild is already asked
        for, not again: it reads the keys when it runs. (A screen opening for the first time
        moved its focus and keys five times before its first frame: five rebuilds.)"""
        keys = shown_keys(screen)
        if self._bindings_ready and keys == self._drawn:
            return
        if self._rebuild_asked and screen is self.screen:
            self._drawn = keys  # what the rebuild asked for will draw
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._drawn = keys
            self._rebuild_asked = True

    async def recompose(self) -> None:
        self._rebuild_asked = False
        await super().recompose()
