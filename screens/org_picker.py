"""Choosing an event's host among hundreds of organisations: type a few letters, press Enter."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from rcro_tui.db.event_filter import fold
from rcro_tui.i18n import count
from rcro_tui.screens.data import reading
from rcro_tui.screens.keys import bind

NO_HOST = 0
"""What the picker returns for «не указан» (None means the person pressed Esc)."""
NO_HOST_LABEL = "— организатор не указан —"

SHOWN = 200
"""Matches listed at once; the rest are counted («… и ещё 39 800 организаций»)."""


@dataclass(frozen=True)
class OrgChoice:
    org_id: int
    label: str
    """«МБОУ «Кожевниковская СОШ № 2» — Кожевниковский район»"""
    key: str
    """The label and short name folded (case, ё), as the search box matches them."""


def org_choices(db: Database) -> list[OrgChoice]:
    """Every organisation with its district, in district order, then by name."""
    rows = db.query("""
        SELECT o.id, o.name, o.short_name, COALESCE(d.name, '') AS district
        FROM organizations o LEFT JOIN districts d ON d.id = o.district_id
        ORDER BY d.sort_order IS NULL, d.sort_order, o.name""")
    choices = []
    for row in rows:
        label = f"{row['name']} — {row['district']}" if row["district"] else row["name"]
        choices.append(OrgChoice(row["id"], label, fold(f"{label} {row['short_name']}")))
    return choices


def org_label(db: Database, org_id: int | None) -> str:
    """The label of one organisation, as the editor's host button shows it (one row read:
    a region of 40 000 organisations is not listed to name one)."""
    if org_id is None:
        return NO_HOST_LABEL
    row = db.execute("SELECT o.name, COALESCE(d.name, '') FROM organizations o LEFT JOIN "
                     "districts d ON d.id = o.district_id WHERE o.id = ?", [org_id]).fetchone()
    if row is None:
        return f"№ {org_id}"
    return f"{row[0]} — {row[1]}" if row[1] else row[0]


def matching(choices: list[OrgChoice], query: str) -> list[OrgChoice]:
    """Choices containing every typed word, in any order («кожев 2» finds СОШ № 2)."""
    words = fold(query).split()
    return [c for c in choices if all(word in c.key for word in words)]


class OrgPicker(ModalScreen[int | None]):
    """An Input narrowing an OptionList; Enter picks, Esc cancels (None), «не указан» gives 0."""

    BINDINGS = [
        bind("escape", "cancel", "Отмена"),
        bind("down", "move(1)", "Ниже", show=False),
        bind("up", "move(-1)", "Выше", show=False),
    ]

    def __init__(self, db_path: Path, current: int | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.current = current
        self.choices: list[OrgChoice] = []

    def compose(self) -> ComposeResult:
        with reading(self.db_path) as db:
            self.choices = org_choices(db)
        with Vertical(id="org-picker"):
            yield Label("Организатор: начните вводить название или район, Enter — выбрать")
            yield Input(placeholder="Например: кожевниковская 2", id="org-search")
            yield OptionList(id="org-list")

    def on_mount(self) -> None:
        self._show("")
        options = self.query_one(OptionList)
        if self.current is not None:
            ids = [c.org_id for c in self.choices[:SHOWN]]
            if self.current in ids:
                options.highlighted = ids.index(self.current) + 1
        self.query_one(Input).focus()

    def _show(self, query: str) -> None:
        """The first SHOWN matches (a list of 40 000 options takes seconds to build on every
        keystroke); a last, disabled line says how many more the query finds."""
        options = self.query_one(OptionList)
        options.clear_options()
        if not query.strip():
            options.add_option(Option(NO_HOST_LABEL, id=str(NO_HOST)))
        found = matching(self.choices, query)
        options.add_options(Option(c.label, id=str(c.org_id)) for c in found[:SHOWN])
        if len(found) > SHOWN:
            more = len(found) - SHOWN
            options.add_option(Option(
                f"… и ещё {count(more, 'организация', 'организации', 'организаций')}: "
                "уточните запрос", disabled=True))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed, "#org-search")
    def _narrow(self, event: Input.Changed) -> None:
        self._show(event.value)

    @on(Input.Submitted, "#org-search")
    def _submitted(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            self.notify("Ничего не найдено: измените запрос.", severity="warning", timeout=3)
            return
        self._pick(options.get_option_at_index(options.highlighted))

    @on(OptionList.OptionSelected, "#org-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option)

    def _pick(self, option: Option) -> None:
        if option.disabled:  # «… и ещё N»: not a choice
            self.notify("Уточните запрос: показаны первые совпадения.", timeout=3)
            return
        self.dismiss(int(option.id or NO_HOST))

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -step
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_cancel(self) -> None:
        self.dismiss(None)
