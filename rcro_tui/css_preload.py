"""Every widget's default CSS added to the stylesheet once, right after the first frame.

Textual adds a widget class's DEFAULT_CSS when its first instance is mounted, and a new
source makes the next styling parse the whole stylesheet again (the app's 940 lines and every
widget's defaults: about 60 ms here). Opening the Календарь for the first time did that twice,
inside the keystroke. Adding all the sources while the first screen is idle leaves one parse
there and none later: a later mount finds its CSS already in and changes nothing.
"""

from __future__ import annotations

import sys
from types import SimpleNamespace

from textual.app import App
from textual.dom import DOMNode
from textual.widget import Widget

PACKAGES = ("rcro_tui", "textual.widgets", "textual.containers", "textual.scroll_view")
"""Widget classes of these modules, as far as they are imported (the app imports its screens
and the Textual widgets they use)."""


def widget_classes() -> list[type[Widget]]:
    """Every imported Widget subclass defined in `PACKAGES`."""
    found, todo = [], [Widget]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith(PACKAGES) and cls.__module__ in sys.modules:
            found.append(cls)
    return found


def preload_default_css(app: App) -> int:
    """Add each widget class's default CSS (and its bases') to the app's stylesheet, then
    parse once; returns how many sources were new."""
    stylesheet = app.stylesheet
    before = len(stylesheet.source)
    for cls in widget_classes():
        # `_get_default_css` reads only `_node_bases` of the instance: a stand-in suffices.
        bases = SimpleNamespace(_node_bases=DOMNode._css_bases(cls))
        for read_from, css, tie_breaker, scope in DOMNode._get_default_css(bases):
            stylesheet.add_source(css, read_from=read_from, is_default_css=True,
                                  tie_breaker=tie_breaker, scope=scope)
    added = len(stylesheet.source) - before
    if added:
        stylesheet.parse()
    return added
