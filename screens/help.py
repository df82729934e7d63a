"""F1: every key that works here, gathered from the live bindings so the list cannot go stale."""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from rcro_tui.screens.keys import TWIN, bind
from rcro_tui.screens.footer import Footer

_RUSSIAN_TWINS = set(TWIN.values())
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
ALWAYS = [("Tab Shift+Tab", "Следующий / предыдущий элемент")]


def key_rows(app: App, screen: Screen) -> list[tuple[str, str]]:
    """(keys, description) for each of our actions, keys of one action joined, focused first.

    Textual's own bindings (English, generic: focus next, copy…) are left out; the ones a
    coordinator needs are in ALWAYS, in Russian.
    """
    by_action: dict[tuple[str, str], list[str]] = {}
    for key, active in screen.active_bindings.items():
        binding: Binding = active.binding
        if not _CYRILLIC.search(binding.description) or key in _RUSSIAN_TWINS:
            continue
        display = app.get_key_display(binding) if binding.key_display else _key_name(key)
        by_action.setdefault((binding.action, binding.description), []).append(display)
    rows = [(" ".join(dict.fromkeys(keys)), description)
            for (_, description), keys in by_action.items()]
    return rows + ALWAYS


def _key_name(key: str) -> str:
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + _key_name(key[5:])
    return key.upper() if key.startswith("f") and key[1:].isdigit() else key


KEY_NAMES = {"enter": "Enter", "escape": "Esc", "question_mark": "?", "left_square_bracket": "[",
             "right_square_bracket": "]", "up": "↑", "down": "↓", "left": "←", "right": "→",
             "pageup": "PgUp", "pagedown": "PgDn", "home": "Home", "end": "End", }


def help_text(rows: list[tuple[str, str]]) -> Text:
    """The key list as styled text (no markup: keys such as «[» would be read as tags)."""
    width = max(len(keys) for keys, _ in rows)
    text = Text.assemble(("Клавиши", "bold"), "\n\n")
    for keys, description in rows:
        text.append(f"{keys:<{width}}", "bold")
        text.append(f"  {description}\n")
    text.append("\nCtrl+P — палитра команд: разделы, тема оформления, снимок экрана.\n"
                "В русской раскладке работают те же клавиши (й = q, т = n …).")
    return text


class HelpScreen(ModalScreen[None]):
    """The list of keys for the screen underneath."""

    BINDINGS = [bind("escape,f1,q", "dismiss", "Закрыть")]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_text(self.rows), id="help-text")
        yield Footer()

    def action_dismiss(self) -> None:
        self.dismiss(None)
