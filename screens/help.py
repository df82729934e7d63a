"""F1: every key that works here, gathered from the live bindings so the list cannot go stale."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from rcro_tui.screens.keys import TWIN, bind

_RUSSIAN_TWINS = set(TWIN.values())
ALWAYS = [
    ("↑ ↓ (j k)", "строка вверх / вниз"),
    ("PgUp PgDn", "страница вверх / вниз"),
    ("Home End", "в начало / в конец"),
    ("Tab Shift+Tab", "следующий / предыдущий элемент"),
]


def key_rows(app: App, screen: Screen) -> list[tuple[str, str]]:
    """(keys, description) for each action with a description, keys of one action joined."""
    by_action: dict[tuple[str, str], list[str]] = {}
    for key, active in screen.active_bindings.items():
        binding: Binding = active.binding
        if not binding.description or key in _RUSSIAN_TWINS:
            continue
        display = app.get_key_display(binding) if binding.key_display else _key_name(key)
        by_action.setdefault((binding.action, binding.description), []).append(display)
    rows = [(" ".join(dict.fromkeys(keys)), description)
            for (_, description), keys in by_action.items()]
    return sorted(rows, key=lambda row: row[1]) + ALWAYS


def _key_name(key: str) -> str:
    names = {"enter": "Enter", "escape": "Esc", "ctrl+p": "Ctrl+P", "f1": "F1", "f10": "F10",
             "question_mark": "?", "left_square_bracket": "[", "right_square_bracket": "]"}
    if key in names:
        return names[key]
    return key.upper() if key.startswith("f") and key[1:].isdigit() else key


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
