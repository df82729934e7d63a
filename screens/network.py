"""«Сеть»: districts with their hub schools, organisations, programmes, memberships and the
matrix of one programme, one tab each; [ and ] switch tabs, P chooses the programme.

Every key is one call into `db` (the same as `rcro-tui members …`): A files an application,
O/X/W/V take a step of the workflow, Enter opens a membership's history or a programme's
members. The «Организации» tab stays the plain list (its own screens come separately).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, TabbedContent, TabPane

from rcro_tui.db.membership_list import MemberFilter, members_view
from rcro_tui.db.round_list import rounds_view
from rcro_tui.db.network_overview import (default_program, districts_view, matrix_view,
                                          program_name, programs_view)
from rcro_tui.membership_rules import EXPIRING, OPEN
from rcro_tui.model import MembershipStatus as S
from rcro_tui.screens.access_keys import WriteKeys
from rcro_tui.screens.agenda import SectionScreen
from rcro_tui.screens.data import reading
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.keys import bind
from rcro_tui.screens.membership_actions import MembershipActions
from rcro_tui.screens.network_picker import ProgramPicker
from rcro_tui.screens.org_list import OrgListPane
from rcro_tui.screens.program_detail import ProgramScreen
from rcro_tui.screens.program_form import ProgramFormScreen
from rcro_tui.screens.round_detail import RoundScreen
from rcro_tui.screens.round_form import RoundFormScreen
from rcro_tui.screens.view_table import ViewTable

TABS = (("districts", "Муниципалитеты"), ("organizations", "Организации"),
        ("programs", "Программы"), ("memberships", "Участие и заявки"), ("matrix", "Матрица"),
        ("rounds", "Отборы"))
FILTERS = ((), tuple(s.value for s in OPEN), (EXPIRING,), (S.APPROVED.value,))
FILTER_NAMES = ("все", "ждут решения", "истекают", "действуют")
TAB_COLUMNS = ("№", "Организация", "Роль", "Статус", "Район", "Заявка", "Решение")
"""The tab shows one programme; the document is in the history (Enter)."""
PER_PROGRAM = {"districts", "memberships", "matrix"}
PAGE = 500
"""The memberships tab shows this many rows at most (a programme of the whole country has
tens of thousands): F and P narrow them; `rcro-tui members list` prints them all."""
MEMBERSHIP_KEYS = {"apply", "step", "filter"}


SIDE_TABLES = {"table-districts", "table-matrix"}
"""Tables whose first column (the district) is never cut: the other columns share the rest."""
NARROWEST_CELL = 14


def side_widths(view, screen_width: int) -> list[int | None]:
    """The first column whole; the others share what is left (never below NARROWEST_CELL)."""
    if not view.rows:
        return [None] * len(view.columns)
    natural = [max(len(view.columns[i]), *(len(row[i]) for row in view.rows))
               for i in range(len(view.columns))]
    room = screen_width - 4 - natural[0] - 2 * len(natural)
    share = max(NARROWEST_CELL, room // max(1, len(natural) - 1))
    return [natural[0], *(min(width, share) for width in natural[1:])]


class NetworkTable(ViewTable):
    """A tab's table: districts never cut, and the focus back when rows return (an empty
    filter hid the table)."""

    stale = True
    """Read again when its tab is shown: only the tab in sight reads the database (each tab
    of a country-sized network costs a query; five at once would hold up the first one)."""

    def on_mount(self, event) -> None:
        event.prevent_default()  # not ViewTable's reading on mount: the screen says when

    def load(self) -> None:
        """Read the table if it has not been read since the data changed."""
        if self.stale:
            self.stale = False
            self.reload()

    def _show(self, view) -> None:
        if self.id in SIDE_TABLES:
            self._show_side(view)
        else:
            super()._show(view)
        grid = self.query_one(DataTable)
        screen = self.screen
        if (grid.display and screen.focused is None and isinstance(screen, NetworkScreen)
                and self.id == f"table-{screen.active_tab}"):
            grid.focus()


    def _show_side(self, view) -> None:
        """As `ViewTable._show`, with the district column whole."""
        self.query_one(".view-title").update(f"{view.title} — {len(view.rows)}")
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        for index, (column, width) in enumerate(zip(view.columns,
                                                    side_widths(view, self.size.width))):
            table.add_column(column, key=str(index), width=width)
        for key, row in zip(view.keys, view.rows):
            table.add_row(*row, key=str(key))
        if view.rows:
            table.move_cursor(row=min(cursor, len(view.rows) - 1))
        empty = self.query_one(".view-empty")
        empty.update(view.empty if not view.rows else "")
        empty.display = not view.rows
        table.display = bool(view.rows)


class NetworkScreen(WriteKeys, MembershipActions, SectionScreen):
    WRITE_ACTIONS = {
        "step": "memberships", "apply": "memberships", "add_program": "programs",
        "edit_program": "programs", "add_round": "selection_rounds",
        "edit_round": "selection_rounds"}
    TITLE = "Сеть"
    BINDINGS = [
        bind("[", "tab(-1)", "Пред. вкладка", key_display="["),
        bind("]", "tab(1)", "След. вкладка", key_display="]"),
        # [ and ] even from the organisations' search box; «х», «ъ» stay letters there
        Binding("left_square_bracket", "tab(-1)", "Пред. вкладка", key_display="[",
                priority=True, show=False),
        Binding("right_square_bracket", "tab(1)", "След. вкладка", key_display="]",
                priority=True, show=False),
        bind("p", "program", "Программа"),
        bind("a,insert", "apply", "Заявка"),
        *MembershipActions.STEP_BINDINGS,
        bind("f", "filter", "Отбор строк"),
        bind("a,insert", "add_program", "Добавить"),
        bind("e", "edit_program", "Изменить"),
        bind("a,insert", "add_round", "Объявить отбор"),
        bind("e", "edit_round", "Изменить"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.program_id: int | None = None
        self.filter_index = 0

    def compose(self) -> ComposeResult:
        with reading(self.app.db_path) as db:
            self.program_id = default_program(db)
        yield from self.compose_frame()
        builders = {"districts": self._districts, "programs": self._programs,
                    "memberships": self._memberships, "matrix": self._matrix,
                    "rounds": self._rounds}
        with TabbedContent():
            for name, label in TABS:
                with TabPane(label, id=f"tab-{name}"):
                    if name == "organizations":
                        yield OrgListPane(self.app.db_path, self.app.user,
                                          id="table-organizations")
                        continue
                    yield NetworkTable(self.app.db_path, builders[name],
                                       openable=name in ("programs", "memberships", "rounds"),
                                       id=f"table-{name}")
        yield Footer()

    # What each tab reads -------------------------------------------------------------------

    def _districts(self, db):
        return districts_view(db, self.program_id or 0, self.app.today)

    def _matrix(self, db):
        return matrix_view(db, self.program_id or 0, self.app.today)

    def _rounds(self, db):
        return rounds_view(db, self.app.today)

    def _programs(self, db):
        return programs_view(db, self.app.today)

    def _memberships(self, db):
        given = MemberFilter(program_ids=(self.program_id,) if self.program_id else (),
                             statuses=FILTERS[self.filter_index])
        title = f"Участие и заявки · {program_name(db, self.program_id or 0)}"
        if self.filter_index:
            title += f" · {FILTER_NAMES[self.filter_index]}"
        return members_view(db, given, self.app.today, title, columns=TAB_COLUMNS,
                            limit=PAGE)

    # Tabs and keys -------------------------------------------------------------------------

    @property
    def active_tab(self) -> str:
        return (self.query_one(TabbedContent).active or "tab-districts").removeprefix("tab-")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tab = self.active_tab if self.is_mounted else "districts"
        if action in MEMBERSHIP_KEYS:
            return tab == "memberships"
        if action in ("add_program", "edit_program"):
            return tab == "programs"
        if action in ("add_round", "edit_round"):
            return tab == "rounds"
        if action == "program":
            return tab in PER_PROGRAM
        return True

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()
        self._load_active()

    def on_mount(self) -> None:
        self._load_active()

    def _load_active(self) -> None:
        """The tab in sight reads its table (the organisations' list reads itself)."""
        if self.active_tab != "organizations":
            self.table(self.active_tab).load()

    def action_tab(self, step: int) -> None:
        names = [f"tab-{name}" for name, _ in TABS]
        tabs = self.query_one(TabbedContent)
        current = names.index(tabs.active) if tabs.active in names else 0
        tabs.active = names[(current + step) % len(names)]
        if self.active_tab == "organizations":
            self.query_one(OrgListPane).focus_default()
        else:
            self.table(self.active_tab).query_one(DataTable).focus()
        self.refresh_bindings()

    def table(self, name: str) -> NetworkTable:
        return self.query_one(f"#table-{name}", NetworkTable)

    def current_key(self, name: str) -> int | None:
        """The database key of the row under the cursor in the tab's table, if any."""
        table = self.table(name)
        grid = table.query_one(DataTable)
        if table.view is None or not table.view.rows or not grid.display:
            return None
        return int(table.view.keys[min(grid.cursor_row, len(table.view.keys) - 1)])

    def reload_all(self) -> None:
        """Everything may have changed: the tab in sight is read now, the others when shown."""
        for table in self.query(NetworkTable):
            table.stale = True
        self.table(self.active_tab).load()

    def action_program(self) -> None:
        def chosen(program_id: int | None) -> None:
            if program_id is not None and program_id != self.program_id:
                self.program_id = program_id
                self.reload_all()
        self.app.push_screen(ProgramPicker(self.app.db_path, self.program_id), chosen)

    def action_filter(self) -> None:
        self.filter_index = (self.filter_index + 1) % len(FILTERS)
        self.table("memberships").reload()
        self.notify(f"Показаны: {FILTER_NAMES[self.filter_index]}.", timeout=2)

    # Programmes ----------------------------------------------------------------------------

    def action_add_program(self) -> None:
        self.app.push_screen(ProgramFormScreen(self.app.db_path, self.app.user),
                             self._program_saved)

    def action_edit_program(self) -> None:
        program_id = self.current_key("programs")
        if program_id is not None:
            self.app.push_screen(ProgramFormScreen(self.app.db_path, self.app.user, program_id),
                                 self._program_saved)

    def _program_saved(self, program_id: int | None) -> None:
        if program_id is not None:
            self.reload_all()

    @on(ViewTable.Opened)
    def _opened(self, message: ViewTable.Opened) -> None:
        if message.table.id == "table-programs":
            self.app.push_screen(ProgramScreen(self.app.db_path, self.app.user,
                                               int(message.key), self.app.today),
                                 lambda _: self.reload_all())
        elif message.table.id == "table-memberships":
            self.open_membership(int(message.key))
        elif message.table.id == "table-rounds":
            self.app.push_screen(RoundScreen(self.app.db_path, self.app.user, int(message.key),
                                             self.app.today), lambda _: self.reload_all())

    # Selection rounds ----------------------------------------------------------------------

    def action_add_round(self) -> None:
        self.app.push_screen(RoundFormScreen(self.app.db_path, self.app.user, self.program_id),
                             self._round_saved)

    def action_edit_round(self) -> None:
        round_id = self.current_key("rounds")
        if round_id is not None:
            self.app.push_screen(RoundFormScreen(self.app.db_path, self.app.user,
                                                 self.program_id, round_id), self._round_saved)

    def _round_saved(self, round_id: int | None) -> None:
        if round_id is not None:
            self.notify(f"Отбор №{round_id} сохранён.", timeout=3)
            self.reload_all()

    # MembershipActions ---------------------------------------------------------------------

    def chosen_membership(self) -> int | None:
        return self.current_key("memberships")

    def memberships_changed(self) -> None:
        self.reload_all()
