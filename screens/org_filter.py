"""F in the organisation list: kind, legal form, district, programme and role, ticked in lists.

Space ticks, Tab goes to the next list, Ctrl+S applies, Ctrl+R clears everything, Esc leaves
the filter as it was. The dialog returns an `OrgFilter` (the search text is the list's own).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, SelectionList, Static

from rcro_tui.db.org_list import FilterChoices, OrgFilter
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.keys import bind

PARTS = (("kinds", "Вид"), ("legal_forms", "Правовая форма"), ("district_ids", "Муниципалитет"),
         ("program_ids", "Программа"), ("roles", "Роль в программе"))


class OrgFilterDialog(ModalScreen[OrgFilter | None]):
    BINDINGS = [
        bind("ctrl+s,f2", "apply", "Применить", priority=True, key_display="Ctrl+S"),
        bind("ctrl+r", "clear", "Сбросить", priority=True, key_display="Ctrl+R"),
        bind("escape", "cancel", "Отмена", key_display="Esc"),
    ]

    def __init__(self, choices: FilterChoices, current: OrgFilter) -> None:
        super().__init__()
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="org-filter", classes="dialog"):
            yield Label("Фильтры организаций", classes="dialog-title")
            for name, title in PARTS:
                pairs = getattr(self.choices, name.replace("_ids", "s"))
                chosen = set(getattr(self.current, name))
                yield Label(title, classes="org-filter-label")
                if pairs:
                    yield SelectionList(*[(label, value, value in chosen)
                                          for label, value in pairs],
                                        id=f"of-{name}", classes="org-filter-list")
                else:
                    yield Static("— нет —", classes="form-hint")
            yield Static("Пробел — отметить, Tab — следующий список, Ctrl+S — применить, "
                         "Ctrl+R — сбросить, Esc — отмена.", classes="form-hint")
        yield Footer()

    def on_mount(self) -> None:
        lists = self.query(SelectionList)
        if lists:
            lists.first().focus()

    def action_apply(self) -> None:
        values = {}
        for name, _ in PARTS:
            found = self.query(f"#of-{name}")
            values[name] = tuple(found.first(SelectionList).selected) if found else ()
        self.dismiss(OrgFilter(self.current.text, **values))

    def action_clear(self) -> None:
        for selection in self.query(SelectionList):
            selection.deselect_all()

    def action_cancel(self) -> None:
        self.dismiss(None)
