"""The editor's widgets: one row per line of the form, an error line under each field.

Each widget's id is `f-<field>` and its error line `e-<field>`, where <field> is the
`EventForm` attribute it edits, so reading the widgets into a form, filling them from a form
and showing `FormErrors.problems` are loops over names, not one method per field.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from rcro_tui.event_form import EventForm
from rcro_tui.event_form_lines import AGENDA_HINT, AUDIENCE_HINT, EXDATES_HINT, GRADES_HINT
from rcro_tui.model import EventFormat, EventKind, EventStatus, Visibility
from rcro_tui.recurrence import Frequency

DATE = "ДД.ММ.ГГГГ"
TIME = "ЧЧ:ММ"
NO_REPEAT = "нет"


@dataclass(frozen=True)
class Field:
    """One widget: the form field it edits, how it is drawn, and the words in front of it."""

    name: str
    kind: str = "input"
    """input, select, check, area (multi-line), host (opens the organisation picker)"""
    before: str = ""
    """A word between two fields of one row («по», «до»)."""
    placeholder: str = ""
    width: str = ""
    """A CSS class for its width: date, time, short; else it takes the rest of the row."""
    height: int = 3


@dataclass(frozen=True)
class Row:
    label: str
    fields: tuple[Field, ...]
    hint: str = ""


def _date(name: str, before: str = "") -> Field:
    return Field(name, before=before, placeholder=DATE, width="date")


def _time(name: str) -> Field:
    return Field(name, placeholder=TIME, width="time")


ROWS = (
    Row("Название", (Field("title", placeholder="Как в письме: «Региональный этап …»"),)),
    Row("Вид", (Field("kind", "select"),)),
    Row("Программа", (Field("program_id", "select"),)),
    Row("Организатор", (Field("host_org_id", "host"),)),
    Row("Начало", (_date("start_date"), _time("start_time"), Field("all_day", "check"))),
    Row("Окончание", (_date("end_date"), _time("end_time"))),
    Row("Заявки с", (_date("reg_start_date"), _time("reg_start_time"),
                     _date("reg_end_date", "по"), _time("reg_end_time"))),
    Row("Формат", (Field("format", "select"),)),
    Row("Место", (Field("venue", placeholder="ОГБУ «РЦРО», г. Томск, ул. Татарская, 16"),)),
    Row("Ссылка", (Field("online_url", placeholder="https://…"),)),
    Row("Классы", (Field("grades", placeholder="7–8", width="short"),
                   Field("subjects", before="предметы", placeholder="физика, математика")),
        GRADES_HINT),
    Row("Статус", (Field("status", "select"), Field("visibility", "select", before="доступ"))),
    Row("Описание", (Field("description", "area", height=3),)),
    Row("Контакты", (Field("contacts", "area", height=2),)),
    Row("Такты", (Field("agenda", "area", height=4),), AGENDA_HINT),
    Row("Аудитория", (Field("audience", "area", height=3),), AUDIENCE_HINT),
    Row("Повторение", (Field("repeat", "select"), Field("interval", before="каждые",
                                                         width="short"),
                       _date("until", "до"), Field("count", before="раз", width="short"))),
    Row("Кроме дат", (Field("exdates", placeholder="04.11.2026 02.01.2027"),), EXDATES_HINT),
    Row("Итоги", (Field("participants_count", placeholder="участн.", width="count"),
                  Field("organizations_count", before="орг.", width="count"),
                  Field("views_count", before="просм.", width="count"))),
    Row("Итоги, текст", (Field("results_summary", "area", height=2),)),
)
FIELDS = {field.name: field for row in ROWS for field in row.fields}

CHOICES = {
    "kind": EventKind.choices(), "format": EventFormat.choices(),
    "status": EventStatus.choices(), "visibility": Visibility.choices(),
    "repeat": [(NO_REPEAT, ""), *Frequency.choices()],
}


def compose_rows(form: EventForm, programs: list[tuple[str, int]],
                 host_label: str) -> ComposeResult:
    """Every row of the form, each followed by its fields' (hidden) error lines and a hint.

    Values are given to the widgets as they are made: setting them after mounting restyles
    every field once more and makes the editor open twice as slowly.
    """
    for row in ROWS:
        with Horizontal(classes="form-row"):
            yield Label(row.label, classes="form-label")
            for field in row.fields:
                if field.before:
                    yield Label(field.before, classes="form-between")
                yield _widget(field, getattr(form, field.name), programs, host_label)
        for field in row.fields:
            error = Static("", id=f"e-{field.name}", classes="form-error", markup=False)
            error.display = False
            yield error
        if row.hint:
            yield Static(row.hint, classes="form-hint", markup=False)


def _widget(field: Field, value, programs: list[tuple[str, int]], host_label: str) -> Widget:
    wid, classes = f"f-{field.name}", f"form-field {field.width}".strip()
    if field.kind == "select":
        options = programs if field.name == "program_id" else CHOICES[field.name]
        known = {option for _, option in options}
        return Select(options, id=wid, classes=classes, compact=True,
                      allow_blank=field.name == "program_id", prompt="(не указана)",
                      value=value if value in known else Select.NULL)
    if field.kind == "check":
        return Checkbox("Весь день", value, id=wid, compact=True)
    if field.kind == "area":
        area = TextArea(value, id=wid, classes=f"{classes} form-area", compact=True,
                        soft_wrap=True)
        area.styles.height = field.height
        return area
    if field.kind == "host":
        return Button(host_label, id=wid, classes="form-host", compact=True)
    return Input(value, placeholder=field.placeholder, id=wid, classes=classes, compact=True)


def read_form(screen: Widget, base: EventForm) -> EventForm:
    """The form as the widgets show it now; `base` supplies what has no widget (host, source)."""
    values = {}
    for name, field in FIELDS.items():
        if field.kind == "host":
            continue
        widget = screen.query_one(f"#f-{name}")
        if isinstance(widget, Select):
            value = widget.value
            values[name] = (None if value is Select.NULL else value) if name == "program_id" \
                else ("" if value is Select.NULL else value)
        elif isinstance(widget, TextArea):
            values[name] = widget.text
        else:
            values[name] = widget.value
    return EventForm(**{**base.__dict__, **values})


def fill_form(screen: Widget, form: EventForm, programs: set[int]) -> None:
    """Show a form in the widgets (opening an event, taking the stored version)."""
    for name, field in FIELDS.items():
        if field.kind == "host":
            continue
        widget = screen.query_one(f"#f-{name}")
        value = getattr(form, name)
        if isinstance(widget, Select):
            if name == "program_id":
                widget.value = value if value in programs else Select.NULL
            else:
                widget.value = value
        elif isinstance(widget, TextArea):
            widget.load_text(value)
        else:
            widget.value = value


def show_problems(screen: Widget, problems: dict[str, str]) -> None:
    """Each message under its field; fields without a problem lose their old message."""
    for name in FIELDS:
        error = screen.query_one(f"#e-{name}", Static)
        message = problems.get(name, "")
        error.update(f"↑ {message}" if message else "")
        error.display = bool(message)
