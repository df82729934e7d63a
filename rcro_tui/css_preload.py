"""The default CSS of the app's widgets added to the stylesheet once, after the first frame.

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

PACKAGE = "rcro_tui"


def widget_classes() -> list[type[Widget]]:
    """The widget classes the app can mount: its own, and every Widget class its modules
    import (Static, Input, ContentSwitcher…).

    Not every imported Textual widget: Textual styles each node by walking every rule of the
    stylesheet, so the defaults of widgets never shown (a Markdown viewer, a tree, a text area:
    about 200 rules) made each node's styling nearly twice as long.
    """
    found: dict[type, None] = {}
    for name, module in list(sys.modules.items()):
        if name != PACKAGE and not name.startswith(PACKAGE + "."):
            continue
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Widget):
                found[value] = None
    return list(found)


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
