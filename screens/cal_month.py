"""The month grid: weeks down, Monday to Sunday across, each day with its count and first titles."""

from __future__ import annotations

from datetime import date

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from rcro_tui.calendar_layout import month_weeks
from rcro_tui.i18n import WEEKDAYS_SHORT
from rcro_tui.screens.cal_pane import CalendarPane, fit

SEPARATOR = "│"


class MonthView(CalendarPane):
    """Seven columns sized to the terminal; as many title lines per day as the height allows."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._weeks_cache: dict[tuple, list[Strip]] = {}

    def watch_window(self) -> None:
        self._weeks_cache.clear()

    def titles_that_fit(self, cursor: date) -> int | None:
        """How many titles a day's cell shows for the month of `cursor` at the present size;
        None before the grid has a size."""
        if self.size.height < 3:
            return None
        return max(1, max(2, (self.size.height - 1) // len(month_weeks(cursor))) - 1)

    def render_line(self, y: int) -> Strip:
        """Line API: each week's strips are cached, so a cursor step redraws two weeks at most."""
        width, height = self.size.width, self.size.height
        if self.window is None or width < 7 * 4:
            return Strip.blank(width)
        weeks = month_weeks(self.cursor)
        column = (width - 6) // 7
        cell_height = max(2, (height - 1) // len(weeks))
        if y == 0:
            return self._strip(self._weekday_header(column), width)
        index, line = divmod(y - 1, cell_height)
        if index >= len(weeks):
            return Strip.blank(width)
        week = weeks[index]
        cursor_here = self.cursor if self.cursor in week else None
        key = (week[0], cursor_here, self.cursor.month, width, cell_height, self.has_focus)
        if key not in self._weeks_cache:
            if len(self._weeks_cache) > 60:  # old cursor positions: keep it small
                self._weeks_cache.clear()
            self._weeks_cache[key] = self._week_strips(week, column, cell_height, width)
        return self._weeks_cache[key][line]

    def _strip(self, text: Text, width: int) -> Strip:
        return Strip(list(text.render(self.app.console))).crop_extend(0, width, None)

    def _weekday_header(self, column: int) -> Text:
        header = Text()
        for index, name in enumerate(WEEKDAYS_SHORT):
            style = self.style_of("heading")
            if index >= 5:
                style += self.style_of("weekend")
            header.append(fit(f" {name}", column), style)
            if index < 6:
                header.append(SEPARATOR, self.style_of("muted"))
        return header

    def _week_strips(self, week: list[date], column: int, cell_height: int,
                     width: int) -> list[Strip]:
        """One week's screen lines, made of segments directly (no rich Text to lay out): the
        whole grid is drawn again on every search keystroke."""
        lines: list[list[Segment]] = [[] for _ in range(cell_height)]
        by_day = self.window.by_day() if self.window else {}
        separator = Segment(SEPARATOR, self.style_of("muted"))
        for index, day in enumerate(week):
            style = self.day_style(day, inside=day.month == self.cursor.month)
            cells = self._cell(day, by_day.get(day, []), column, cell_height)
            for line, (text, extra) in zip(lines, cells):
                line.append(Segment(text, extra + style if extra else style))  # the day wins
                if index < 6:
                    line.append(separator)
        return [Strip(line).crop_extend(0, width, None) for line in lines]

    def _cell(self, day: date, items: list, column: int,
              cell_height: int) -> list[tuple[str, Style | None]]:
        """Day number and count on the first line; titles below; «+ ещё N» when they overflow.

        Each line is its text, cut or padded to the column, and the style it adds to the day's.
        """
        total = self.window.count_on(day) if self.window else len(items)
        count = f"{total}" if total else ""
        mark = self.window.marks.get(day) if self.window else None
        first = f"{day.day:>2}" + ("*" if mark else " ")
        cells: list[tuple[str, Style | None]] = [(fit(first + count.rjust(column - len(first)),
                                                      column), None)]
        room = cell_height - 1
        shown = items if total <= room else items[: max(0, room - 1)]
        for item in shown:
            cells.append((fit(item.title, column), self.event_style(item)))
        if len(shown) < total:
            cells.append((fit(f"+ ещё {total - len(shown)}", column), None))
        while len(cells) < cell_height:
            cells.append((" " * column, None))
        return cells
