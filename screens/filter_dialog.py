"""The filter dialog: every condition of `EventFilter` on one scrolling page that fits 80×24.

Tab moves between fields; long lists (programmes, districts, organisers) have a search box
above them; Space ticks. Ctrl+S or F2 applies, Esc cancels, Ctrl+R clears everything.
Dates are checked as they are typed, and a wrong one is named next to its field.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static

from rcro_tui.errors import InputError
from rcro_tui.db.event_filter import EventFilter
from rcro_tui.db.filter_labels import FilterOptions, filter_options
from rcro_tui.rules import parse_date
from rcro_tui.screens.data import reading
from rcro_tui.screens.picker import ChoicePicker
from rcro_tui.screens.footer import Footer

PICKERS = (  # (widget id, EventFilter field, title, searchable)
    ("programs", "program_ids", "Программа", True),
    ("districts", "district_ids", "Район", True),
    ("hosts", "host_org_ids", "Организатор", True),
    ("kinds", "kinds", "Вид мероприятия", False),
    ("statuses", "statuses", "Статус", False),
    ("visibilities", "visibilities", "Доступ", False),
    ("formats", "formats", "Формат", False),
)
DATE_FIELDS = (("first-day", "С (ДД.ММ.ГГГГ)"), ("last-day", "По (ДД.ММ.ГГГГ)"))


class FilterDialog(ModalScreen[EventFilter | None]):
    """Opened with the current filter; gives back the new one, or None when cancelled."""

    AUTO_FOCUS = "#filter-text"
    BINDINGS = [
        Binding("ctrl+s,f2", "apply", "Применить", key_display="Ctrl+S/F2"),
        Binding("escape", "cancel", "Отмена", key_display="Esc"),
        Binding("ctrl+r", "reset", "Сбросить", key_display="Ctrl+R"),
    ]

    def __init__(self, db_path: Path, flt: EventFilter) -> None:
        super().__init__()
        self.db_path = db_path
        self.start = flt

    def compose(self) -> ComposeResult:
        options = self._options(all_hosts=False)
        flt = self.start
        with Vertical(id="filter-dialog") as frame:
            frame.border_title = "Фильтр мероприятий"
            with Horizontal(id="filter-text-row"):
                yield Label("Поиск:", classes="field-title first")
                yield Input(flt.text, placeholder="название, описание, организация…",
                            id="filter-text")
            with VerticalScroll(id="filter-fields", can_focus=False):
                for widget_id, name, title, searchable in PICKERS:
                    yield ChoicePicker(title, getattr(options, widget_id), getattr(flt, name),
                                       searchable=searchable, id=f"pick-{widget_id}")
                    if widget_id == "hosts":
                        yield Checkbox("Все организации, не только организаторы",
                                       id="all-hosts")
                with Horizontal(classes="field-row"):
                    with Vertical(classes="field"):
                        yield Label("Класс (1–11)", classes="field-title")
                        yield Input("" if flt.grade is None else str(flt.grade),
                                    restrict=r"\d{0,2}", id="filter-grade")
                    with Vertical(classes="field wide"):
                        yield Label("Аудитория содержит", classes="field-title")
                        yield Input(flt.audience, placeholder="педагоги, координаторы…",
                                    id="filter-audience")
                with Horizontal(classes="field-row"):
                    for (widget_id, title), value in zip(DATE_FIELDS,
                                                         (flt.first_day, flt.last_day)):
                        with Vertical(classes="field"):
                            yield Label(title, classes="field-title")
                            yield Input(f"{value:%d.%m.%Y}" if value else "",
                                        placeholder="ДД.ММ.ГГГГ", id=f"filter-{widget_id}")
                            yield Static("", id=f"error-{widget_id}", classes="field-error")
                yield Static("", id="error-grade", classes="field-error")
        yield Footer()

    def _options(self, *, all_hosts: bool) -> FilterOptions:
        with reading(self.db_path) as db:
            return filter_options(db, all_hosts=all_hosts)

    @on(Checkbox.Changed, "#all-hosts")
    def _all_hosts(self, event: Checkbox.Changed) -> None:
        hosts = self._options(all_hosts=event.value).hosts
        self.query_one("#pick-hosts", ChoicePicker).set_choices(hosts)

    @on(Input.Changed, "#filter-first-day, #filter-last-day, #filter-grade")
    def _check_as_typed(self, event: Input.Changed) -> None:
        """Say what is wrong as soon as the field holds a whole value (10 characters of a date)."""
        try:
            if event.input.id == "filter-grade":
                self._grade()
            elif len(event.value.strip()) >= 10 or not event.value.strip():
                self._date(event.input.id.removeprefix("filter-"))
        except InputError:
            pass  # already shown beside the field; Ctrl+S refuses until it is fixed

    def _date(self, widget_id: str) -> date | None:
        """The field's date (None when empty); a wrong one is named beside it and raised."""
        text = self.query_one(f"#filter-{widget_id}", Input).value.strip()
        error = self.query_one(f"#error-{widget_id}", Static)
        error.update("")
        if not text:
            return None
        try:
            return parse_date(text, field=dict(DATE_FIELDS)[widget_id].split(" (")[0])
        except InputError as problem:
            error.update(problem.message)
            raise

    def _grade(self) -> int | None:
        text = self.query_one("#filter-grade", Input).value.strip()
        error = self.query_one("#error-grade", Static)
        error.update("")
        if not text:
            return None
        if not 1 <= int(text) <= 11:
            error.update(f"Класс: «{text}» — ожидается номер от 1 до 11.")
            raise InputError(f"Класс: «{text}» — ожидается номер от 1 до 11.")
        return int(text)

    def current(self) -> EventFilter:
        """The filter the fields describe, or InputError naming the field that is wrong."""
        values = {name: self.query_one(f"#pick-{widget_id}", ChoicePicker).values
                  for widget_id, name, _, _ in PICKERS}
        first, last = self._date("first-day"), self._date("last-day")
        if first and last and last < first:
            message = f"По: {last:%d.%m.%Y} раньше, чем «С» ({first:%d.%m.%Y})."
            self.query_one("#error-last-day", Static).update(message)
            raise InputError(message)
        return EventFilter(
            text=self.query_one("#filter-text", Input).value.strip(),
            audience=self.query_one("#filter-audience", Input).value.strip(),
            grade=self._grade(), first_day=first, last_day=last, **values)

    def action_apply(self) -> None:
        try:
            flt = self.current()
        except InputError as problem:
            self.notify(problem.message, title="Фильтр не применён", severity="error")
            return
        self.dismiss(flt)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_reset(self) -> None:
        """Every field back to «any»; nothing is applied until Ctrl+S."""
        for widget_id in ("text", "grade", "audience", "first-day", "last-day"):
            self.query_one(f"#filter-{widget_id}", Input).value = ""
        for picker in self.query(ChoicePicker):
            picker.set_selected(())
        self.notify("Все условия сняты: Ctrl+S — применить, Esc — отменить.")
