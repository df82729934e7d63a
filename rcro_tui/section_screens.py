"""The sections' screens found by name, so that the app imports each only when it is needed.

A coordinator's first frame needs only «Ближайшие»; the other sections pull in the
publisher, icalendar, openpyxl, docxtpl and their own hundred widgets — about a second
on the coordinators' server before anything was drawn. The app's modes hold these
factories, and `import_sections` brings the rest in behind the first frame.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from textual.screen import Screen


def section_screen(where: str) -> Screen:
    """A new screen of the class named «module:Class»."""
    module, name = where.split(":")
    return getattr(importlib.import_module(module), name)()


def import_sections(places: Iterable[str]) -> None:
    """Import the sections' modules (a thread may do it: the UI keeps answering keys)."""
    for where in places:
        importlib.import_module(where.split(":")[0])
