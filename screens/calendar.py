"""«Календарь»: month, week, agenda and academic-year views of the events, keyboard first.

Keys follow terminal calendars (calcurse, khal): arrows or hjkl move the cursor day, n/p or
PageDown/PageUp the period, `t` today, `g` a typed date, Enter opens; m/w/a/y switch views.
The screen holds the state (view, cursor day, filter) and reads the period it shows in a
worker thread; the views only draw.
"""

from __future__ import annotations

from datetime import date, timedelta

from textual import on, work
from textual.worker import get_current_worker
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import ContentSwitcher, Static

from rcro_tui.calendar_layout import CalendarView, add_months, period_of, period_title, step_period
from rcro_tui.db.calendar_data import (MONTH_TITLES_PER_DAY, CalendarWindow, day_items,
                                       load_window, window_warnings)
from rcro_tui.db.event_filter import EventFilter
from rcro_tui.i18n import count, date_heading
from rcro_tui.rules import AcademicYear
from rcro_tui.screens.agenda import SectionScreen
from rcro_tui.screens.cal_agenda import AgendaView, warnings_note
from rcro_tui.screens.cal_month import MonthView
from rcro_tui.screens.cal_week import WeekView
from rcro_tui.screens.cal_year import YearView
from rcro_tui.screens.data import reading
from rcro_tui.screens.day_events import DayEventsScreen
from rcro_tui.screens.event_actions import EventActions
from rcro_tui.screens.filter_bar import FilterBar
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.goto_date import GoToDateScreen
from rcro_tui.screens.holidays import HolidaysScreen
from rcro_tui.screens.keys import bind

VIEW_KEYS = Binding.Group("Вид", compact=True)
"""m w a y share one footer label: «mway Вид»."""

PREVIEW_LIMIT = 60
"""Events of the cursor day read for the year planner's preview (more than fit at 120×40)."""

VIEW_CLASSES = {CalendarView.MONTH: MonthView, CalendarView.WEEK: WeekView,
                CalendarView.AGENDA: AgendaView, CalendarView.YEAR: YearView}


class CalendarScreen(EventActions, SectionScreen):
    """The calendar section; opens on the month of today."""

    TITLE = "Календарь"
    BINDINGS = [
        bind("m", "view('month')", "Месяц", group=VIEW_KEYS),
        bind("w", "view('week')", "Неделя", group=VIEW_KEYS),
        bind("a", "view('agenda')", "Список", group=VIEW_KEYS),
        bind("y", "view('year')", "Учебный год", group=VIEW_KEYS),
        bind("left,h", "move(-1)", "День назад", show=False),
        bind("right,l", "move(1)", "День вперёд", show=False),
        bind("up,k", "vertical(-1)", "Вверх", show=False),
        bind("down,j", "vertical(1)", "Вниз", show=False),
        bind("pageup,p", "period(-1)", "Пред. период", show=False),
        bind("pagedown,n", "period(1)", "След. период", show=False),
        bind("t", "today", "Сегодня"),
        bind("g", "go_to", "Дата…"),
        bind("enter", "open", "Открыть"),
        bind("slash,full_stop", "filter_bar('search')", "Поиск", key_display="/"),
        bind("f", "filter_bar('edit')", "Фильтр…"),
        bind("v", "filter_bar('views')", "Виды…", show=False),
        bind("escape", "focus_view", "К календарю", show=False),
        Binding("H,Р,shift+h", "holidays", "Каникулы и праздники", show=False,
                key_display="Shift+H", id="holidays"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view = CalendarView.MONTH
        self.AUTO_FOCUS = f"#{self.view.value}"
        """The view takes the focus as the screen opens, not the filter bar first (each
        focus moved the footer's keys: one more rebuild of the footer)."""
        self.cursor = date(2000, 1, 1)
        self.filter = EventFilter()
        self.window: CalendarWindow | None = None
        self._warned: CalendarWindow | None = None
        """The window on screen once its warnings (of the whole period) are in."""

    def compose(self) -> ComposeResult:
        self.cursor = self.app.today
        yield from self.compose_frame()
        yield Static("", id="calendar-title")
        yield FilterBar(self.app.db_path, self.app.user, self.filter, id="calendar-filter")
        with ContentSwitcher(initial=self.view.value, id="calendar-views"):
            for view, widget in VIEW_CLASSES.items():
                yield widget(id=view.value)
        yield Static("", id="calendar-status")
        yield Footer()

    def on_mount(self) -> None:
        for pane in self._panes():
            pane.today = self.app.today
        self.query_one(FilterBar).focus_after = self.action_focus_view
        self._active().focus()
        self.load()  # at once, before the grid has a size: it reads MONTH_TITLES_PER_DAY

    def _panes(self):
        return [self.query_one(f"#{view.value}") for view in CalendarView]

    def _active(self):
        return self.query_one(f"#{self.view.value}")

    @work(thread=True, exclusive=True, group="calendar-load")
    def load(self, *, known=None) -> None:
        """Read the shown period (a year: counts only) away from the screen's thread.

        Warnings do not depend on the filter, so a search keystroke passes those of the
        period on screen (`known`). A read that a newer one replaced is dropped.
        """
        view, cursor, flt, today = self.view, self.cursor, self.filter, self.app.today
        titles = self.query_one(MonthView).titles_that_fit(cursor) or MONTH_TITLES_PER_DAY
        # The week's warnings come with its events; the agenda's with its first screens and
        # the whole month's after; the month grid (which marks none: its status line names
        # them) gets them after it is shown; the year has none.
        warn_now = known is None and view in (CalendarView.WEEK, CalendarView.AGENDA)
        warn_later = known is None and view in (CalendarView.MONTH, CalendarView.AGENDA)
        worker = get_current_worker()
        with reading(self.app.db_path) as db:
            window = load_window(db, view, cursor, flt, today=today if warn_now else None,
                                 month_titles=titles)
            if known is not None:
                window.warnings = known
            if worker.is_cancelled:
                return
            whole = known is not None or view is CalendarView.WEEK  # the period's warnings
            self.app.call_from_thread(self._show, window, whole)
            if warn_later:
                warnings = window_warnings(db, window.first, window.last, today=today)
                if not worker.is_cancelled:
                    self.app.call_from_thread(self._add_warnings, window, warnings)

    def on_resize(self) -> None:
        self.call_after_refresh(self._read_more_titles)

    def _read_more_titles(self) -> None:
        """A taller month grid shows more titles a day than were read: read them."""
        window = self.window
        if window is None or window.view is not CalendarView.MONTH or not window.titles_per_day:
            return
        fit = self.query_one(MonthView).titles_that_fit(self.cursor)
        if fit and fit > window.titles_per_day:
            self.load()

    def _known_warnings(self, view: CalendarView, cursor: date):
        """The warnings of the period on screen, if they were read for the same period."""
        window = self.window
        if window is not None and self._warned is window and window.view is view \
                and (window.first, window.last) == period_of(view, cursor):
            return window.warnings
        return None

    def _add_warnings(self, window: CalendarWindow, warnings) -> None:
        if window is self.window:
            window.warnings = warnings
            self._warned = window
            self._active().refresh()  # the agenda marks its lines with «⚠»
            self._update_labels()

    def _show(self, window: CalendarWindow, warned: bool = False) -> None:
        if window.view is not self.view:
            return
        self.window = window
        self._warned = window if warned else None
        self.forget_event_rights()
        pane = self._active()
        pane.cursor = self.cursor
        pane.window = window
        self._update_labels()
        self._preview()

    def _set_cursor(self, day: date) -> None:
        """Move the cursor; read again only when the new day lies outside the shown period.

        A new period leaves the pane as it is until its data arrive (`_show` moves its cursor):
        drawing the old period around a cursor it does not hold only competed with the read.
        """
        self.cursor = day
        if self.window is None or (self.window.first, self.window.last) != period_of(self.view, day):
            self.load()
            self._update_labels()
            return
        pane = self._active()
        pane.cursor = day
        if isinstance(pane, AgendaView):
            pane.select_day(day)
        self._preview()
        pane.refresh()
        self._update_labels()

    def _preview(self) -> None:
        if self.view is CalendarView.YEAR:
            self.load_preview(self.cursor)

    @work(thread=True, exclusive=True, group="calendar-preview")
    def load_preview(self, day: date) -> None:
        """The year planner shows counts only; the cursor day's events are read separately
        (a screenful of them: the planner counts the rest)."""
        with reading(self.app.db_path) as db:
            items = day_items(db, day, self.filter, limit=PREVIEW_LIMIT)
        self.app.call_from_thread(self._set_preview, day, items)

    def _set_preview(self, day: date, items: list) -> None:
        if day == self.cursor:
            self.query_one(YearView).preview = items

    def _update_labels(self) -> None:
        title = f"{period_title(self.view, self.cursor)} · {self.view.label}"
        # One line each, full width (app.tcss): a new text never needs a layout pass.
        self.query_one("#calendar-title", Static).update(title, layout=False)
        self.query_one("#calendar-status", Static).update(self.status_text(), layout=False)
        self.event_cursor_moved()  # every cursor move and every new window pass here

    def status_text(self) -> str:
        """The cursor day, how many events it has, and its holiday or school break."""
        text = date_heading(self.cursor)
        if self.window is not None and self.window.covers(self.cursor):
            n = self.window.count_on(self.cursor)
            text += " — " + (count(n, "мероприятие", "мероприятия", "мероприятий") if n
                             else "мероприятий нет")
            mark = self.window.marks.get(self.cursor)
            if mark:
                text += f" · {mark[1]}"
            text += warnings_note(self.window, self.cursor, self._active())
        return text

    def action_view(self, name: str) -> None:
        self.view = CalendarView(name)
        switcher = self.query_one(ContentSwitcher)
        switcher.current = self.view.value
        self.window = None
        pane = self._active()
        pane.cursor = self.cursor
        pane.focus()
        self.load()
        self._update_labels()

    def action_move(self, days: int) -> None:
        self._set_cursor(self.cursor + timedelta(days=days))

    def action_vertical(self, step: int) -> None:
        """Up/down: a week in the month and week views, a month in the year planner, an event
        in the agenda."""
        pane = self._active()
        if isinstance(pane, AgendaView):
            day = pane.move(step)
            if day is not None:
                self.cursor = day
                pane.cursor = day
                self._update_labels()
            return
        if self.view is CalendarView.YEAR:
            self._set_cursor(add_months(self.cursor, step))
        else:
            self._set_cursor(self.cursor + timedelta(weeks=step))

    def action_period(self, step: int) -> None:
        self._set_cursor(step_period(self.view, self.cursor, step))

    def action_today(self) -> None:
        self._set_cursor(self.app.today)

    def action_go_to(self) -> None:
        def chosen(day: date | None) -> None:
            if day is not None:
                self._set_cursor(day)

        self.app.push_screen(GoToDateScreen(self.cursor), chosen)

    def action_open(self) -> None:
        """The event under the agenda cursor; else the cursor day: its only event or its list."""
        pane = self._active()
        if isinstance(pane, AgendaView):
            item = pane.current()
            if item is not None:
                self.open_event(item.event_id)
            return
        self.open_day(self.cursor)

    @work(thread=True, exclusive=True, group="calendar-day")
    def open_day(self, day: date) -> None:
        with reading(self.app.db_path) as db:
            items = day_items(db, day, self.filter)
        self.app.call_from_thread(self._open_items, day, items)

    def _open_items(self, day: date, items: list) -> None:
        if not items:
            self.notify(f"{date_heading(day)}: мероприятий нет.", timeout=3)
        elif len(items) == 1:
            self.open_event(items[0].event_id)
        else:
            self.app.push_screen(DayEventsScreen(day, items), self._day_chosen)

    def _day_chosen(self, event_id: int | None) -> None:
        if event_id is not None:
            self.open_event(event_id)

    def action_reload(self) -> None:
        self.load()

    def current_event_id(self) -> int | None:
        """The agenda's event under the cursor; in a grid, the cursor day's only event."""
        pane = self._active()
        if isinstance(pane, AgendaView):
            item = pane.current()
            return item.event_id if item else None
        if self.window is None or self.view is CalendarView.YEAR:
            return None
        items = self.window.by_day().get(self.cursor, [])
        return items[0].event_id if len(items) == 1 else None

    def current_day(self) -> date:
        return self.cursor

    def refresh_events(self) -> None:
        self.load()

    def action_filter_bar(self, action: str) -> None:
        """`/` search, `f` the filter dialog, `v` saved views: the bar does them."""
        getattr(self.query_one(FilterBar), f"action_{action}")()

    def action_focus_view(self) -> None:
        self._active().focus()

    def action_holidays(self) -> None:
        """Shift+H: the holidays and breaks of the cursor day's academic year; the shading is
        read again when the list closes."""
        self.app.push_screen(HolidaysScreen(self.app.db_path, self.app.user,
                                            AcademicYear.containing(self.cursor)),
                             lambda _changed: self.load())

    @on(FilterBar.Changed)
    def _filter_changed(self, message: FilterBar.Changed) -> None:
        """Every search keystroke re-reads the window (the worker drops a stale read), unless
        the words still find the same events: a first letter, a trailing space."""
        same = message.filter.finds_as() == self.filter.finds_as()
        self.filter = message.filter
        if same:
            return
        self.load(known=self._known_warnings(self.view, self.cursor))
        if self.view is CalendarView.YEAR:
            self._preview()
