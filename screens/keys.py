"""Key bindings that work in both keyboard layouts.

Coordinators type Russian: with the ЙЦУКЕН layout on, the key labelled «q» sends «й», so
every letter binding also answers to its Russian twin.
"""

from __future__ import annotations

import re

from textual.binding import Binding

_LATIN = "qwertyuiop[]asdfghjkl;'zxcvbnm,."
_CYRILLIC = "йцукенгшщзхъфывапролджэячсмитьбю"
TWIN = dict(zip(_LATIN, _CYRILLIC))


def both_layouts(keys: str) -> str:
    """«q,f10» → «q,й,f10»: each single-letter key gets its Russian-layout twin."""
    result: list[str] = []
    for key in keys.split(","):
        result.append(key)
        if key in TWIN:
            result.append(TWIN[key])
    return ",".join(result)


def bind(keys: str, action: str, description: str, *, show: bool = True,
         key_display: str | None = None, priority: bool = False,
         group: Binding.Group | None = None) -> Binding:
    """A Binding with a Russian description, an id (for keymaps) and both layouts' letters."""
    binding_id = re.sub(r"\W+", "_", action.replace("app.", "")).strip("_")
    return Binding(both_layouts(keys), action, description, show=show, priority=priority,
                   key_display=key_display, id=binding_id, group=group)
