"""«Таблицы»: the printable tables, previewed and exported (the same calls as `rcro-tui table`).

The list on the left picks the table; P picks what it is of (a programme, district,
organisation or stage: the first sensible one is shown until then), Y the academic year;
the preview on the right is the table's rows, read in a thread. E exports it: a dialog asks
the format and the file (screens/table_export.py).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from rcro_tui.db.table_list import BY_NAME, TABLES
from rcro_tui.db.table_params import choices, first_choice
from rcro_tui.db.tables import PARAM_LABELS, Printable, TableParams, build_table
from rcro_tui.db.views import TableView, event_years
from rcro_tui.errors import UserError
from rcro_tui.rules import AcademicYear
from rcro_tui.screens.agenda import SectionScreen
from rcro_tui.screens.data import reading
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.keys import bind
from rcro_tui.screens.table_export import TableExportScreen
from rcro_tui.screens.table_picker import TableChoiceScreen
from rcro_tui.screens.view_table import ViewTable

OF_KEYS = {"program": "program_id", "district": "district_id", "org": "org_id",
           "stage": "stage_id"}


class TablesScreen(SectionScreen):
    TITLE = "Таблицы"
    BINDINGS = [
        bind("p", "choose", "Что в таблице"),
        bind("y", "year", "Учебный год"),
        bind("e", "export", "Экспорт"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.spec = TABLES[0]
        self.chosen: dict[str, int | None] = {kind: None for kind in OF_KEYS}
        self.year: AcademicYear | None = None
        self._made: dict[int, Printable] = {}
        """The tables the preview was read as, by their view's id: export takes the one
        shown (a slower, older read may finish after a newer one)."""

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        with Horizontal(id="tables-body"):
            yield OptionList(*(Option(spec.label, id=spec.name) for spec in TABLES),
                             id="tables-list")
            with Vertical(id="tables-right"):
                yield Static("", id="tables-params", markup=False)
                yield ViewTable(self.app.db_path, self._build, openable=False,
                                id="tables-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.year = AcademicYear.containing(self.app.today)
        self.query_one("#tables-list", OptionList).highlighted = 0
        self.query_one("#tables-list").focus()

    @property
    def of_kind(self) -> str | None:
        """What the current table is of ("program", …), None for a table of a year only."""
        return next((need for need in self.spec.needs if need != "year"), None)

    def params(self) -> TableParams:
        ids = {OF_KEYS[kind]: key for kind, key in self.chosen.items()}
        return TableParams(year=self.year, today=self.app.today, **ids)

    def _build(self, db) -> TableView:
        """The preview (in the loading thread); a missing choice shows as the empty note."""
        try:
            printable = build_table(db, self.spec, self.params())
        except UserError as error:
            return TableView(self.spec.label, ("",), empty=error.message)
        self._made = {**dict(list(self._made.items())[-3:]), id(printable.view): printable}
        return printable.view

    @property
    def printable(self) -> Printable | None:
        """The table the preview shows (None while it loads or when a choice is missing)."""
        shown = self.query_one("#tables-preview", ViewTable)
        return self._made.get(shown.read_id) if shown.view is not None else None

    @on(OptionList.OptionHighlighted, "#tables-list")
    def _picked(self, event: OptionList.OptionHighlighted) -> None:
        self.spec = BY_NAME[event.option.id or "calendar"]
        self._refresh()

    def _refresh(self) -> None:
        kind = self.of_kind
        with reading(self.app.db_path) as db:
            if kind and self.chosen[kind] is None:
                self.chosen[kind] = first_choice(db, kind)
            line = self._params_line(db, kind)
        self.query_one("#tables-params", Static).update(line)
        self.query_one("#tables-preview", ViewTable).reload()

    def _params_line(self, db, kind: str | None) -> str:
        parts = []
        if "year" in self.spec.needs:
            parts.append(f"Год {self.year} (Y)")
        if kind:
            names = dict(choices(db, kind))
            parts.append(f"{PARAM_LABELS[kind]}: {names.get(self.chosen[kind], '—')} (P)")
        return " · ".join(parts or ["Таблица без выбора: E — экспорт"])

    def action_choose(self) -> None:
        kind = self.of_kind
        if kind is None:
            self.notify("У этой таблицы выбирается только учебный год (Y).")
            return
        with reading(self.app.db_path) as db:
            found = choices(db, kind)

        def chosen(key: int | None) -> None:
            if key is not None:
                self.chosen[kind] = key
                self._refresh()

        self.app.push_screen(TableChoiceScreen(PARAM_LABELS[kind], found, self.chosen[kind]),
                             chosen)

    def action_year(self) -> None:
        with reading(self.app.db_path) as db:
            years = set(event_years(db)) | {AcademicYear.containing(self.app.today)}

        def chosen(start: int | None) -> None:
            if start is not None:
                self.year = AcademicYear(start)
                self._refresh()

        self.app.push_screen(TableChoiceScreen(
            "Учебный год", [(y.start_year, y.label()) for y in sorted(years, reverse=True)],
            self.year.start_year if self.year else None), chosen)

    def action_export(self) -> None:
        if self.printable is None:
            self.notify("Сначала выберите, что показать в таблице (P).", severity="warning")
            return

        def saved(path) -> None:
            if path is not None:
                self.notify(f"Таблица сохранена: {path}")

        self.app.push_screen(TableExportScreen(self.printable, self.app.today), saved)
