"""The academic year at a glance: a year planner, one line per month from September to August.

Columns are weekdays (Monday first), so every month's days line up with the header and
weekends form vertical stripes; each day shows how many events it has. 37 columns of two
cells plus the month name fit an 80-column terminal; wider terminals get roomier cells.
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.reactive import reactive

from rcro_tui.calendar_layout import PLANNER_COLUMNS, academic_months, add_months, planner_offset
from rcro_tui.i18n import MONTHS_NOMINATIVE
from rcro_tui.rules import AcademicYear
from rcro_tui.db.occurrences import Occurrence
from rcro_tui.screens.cal_agenda import when_text
from rcro_tui.screens.cal_pane import CalendarPane, fit

LABEL = 5
WEEKDAY_LETTERS = "ПВСЧПСВ"


def count_mark(n: int) -> str:
    """«·» for none, 1–9, «+» for ten or more."""
    if n == 0:
        return "·"
    return str(n) if n < 10 else "+"


class YearView(CalendarPane):
    """Twelve planner rows, and under them the cursor day's events (`preview`, set by the screen)."""

    preview: reactive[list[Occurrence]] = reactive(list, always_update=True)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._months: dict[tuple, Text] = {}

    def watch_window(self) -> None:
        self._months.clear()

    def render(self) -> Text:
        if self.window is None:
            return Text("")
        cell = 3 if self.size.width >= LABEL + PLANNER_COLUMNS * 3 else 2
        year = AcademicYear.containing(self.cursor)
        lines = [self._header(cell)]
        for month in academic_months(year):
            lines.append(self._cached_month_line(month, cell))
        room = self.size.height - len(lines) - 1
        if room > 0 and self.preview:
            lines.append(Text(""))
            lines.extend(self._preview_lines(room))
        return Text("\n").join(lines)

    def _preview_lines(self, room: int) -> list[Text]:
        """The cursor day's events under the planner, as many as fit, then «ещё N»."""
        width = self.size.width
        total = max(len(self.preview), self.window.count_on(self.cursor) if self.window else 0)
        shown = self.preview if total <= room else self.preview[: room - 1]
        lines = []
        for item in shown:
            line = Text(" " + fit(when_text(item, self.cursor), 12) + " ")
            line.append_text(self.event_text(item, max(10, width - 15)))
            lines.append(line)
        if len(shown) < total:
            lines.append(Text(f" … и ещё {total - len(shown)}", self.style_of("muted")))
        return lines

    def _header(self, cell: int) -> Text:
        line = Text(" " * LABEL)
        for column in range(PLANNER_COLUMNS):
            letter = WEEKDAY_LETTERS[column % 7]
            style = self.style_of("heading")
            if column % 7 >= 5:
                style += self.style_of("weekend")
            line.append(letter.ljust(cell), style)
        return line

    def _cached_month_line(self, month: date, cell: int) -> Text:
        """A month's line is drawn again only when the cursor enters or leaves it."""
        here = self.cursor if (self.cursor.year, self.cursor.month) == (month.year, month.month) \
            else None
        key = (month, cell, here, self.has_focus)
        if key not in self._months:
            if len(self._months) > 100:  # a day's walk across the year: keep it small
                self._months.clear()
            self._months[key] = self._month_line(month, cell)
        return self._months[key]

    def _month_line(self, month: date, cell: int) -> Text:
        name = MONTHS_NOMINATIVE[month.month - 1][:3].capitalize()
        line = Text(f"{name:<{LABEL}}", self.style_of("heading"))
        offset = planner_offset(month)
        line.append(" " * (offset * cell))
        day = month
        end = add_months(month, 1)
        while day < end:
            mark = count_mark(self.window.count_on(day))
            style = self.day_style(day)
            if mark == "·":
                style = self.style_of("muted") + style
            line.append(mark.rjust(cell - 1) + " ", style)
            day += timedelta(days=1)
        return line
