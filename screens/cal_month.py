"""The month grid: weeks down, Monday to Sunday across, each day with its count and first titles."""

from __future__ import annotations

from datetime import date

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
            texts = self._week_lines(week, column, cell_height, self.window.by_day())
            self._weeks_cache[key] = [self._strip(text, width) for text in texts]
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

    def _week_lines(self, week: list[date], column: int, cell_height: int,
                    by_day: dict) -> list[Text]:
        lines = [Text() for _ in range(cell_height)]
        for index, day in enumerate(week):
            inside = day.month == self.cursor.month
            style = self.day_style(day, inside=inside)
            items = by_day.get(day, [])
            cells = self._cell(day, items, column, cell_height)
            for line, cell in zip(lines, cells):
                text = cell if isinstance(cell, Text) else Text(cell)
                text.stylize(style)
                line.append_text(text)
                if index < 6:
                    line.append(SEPARATOR, self.style_of("muted"))
        return lines

    def _cell(self, day: date, items: list, column: int, cell_height: int) -> list[Text | str]:
        """Day number and count on the first line; titles below; «+ ещё N» when they overflow."""
        total = self.window.count_on(day) if self.window else len(items)
        count = f"{total}" if total else ""
        mark = self.window.marks.get(day) if self.window else None
        first = f"{day.day:>2}" + ("*" if mark else " ")
        cells: list[Text | str] = [first + count.rjust(column - len(first))]
        room = cell_height - 1
        shown = items if total <= room else items[: max(0, room - 1)]
        for item in shown:
            cells.append(self.event_text(item, column))
        if len(shown) < total:
            cells.append(fit(f"+ ещё {total - len(shown)}", column))
        while len(cells) < cell_height:
            cells.append(" " * column)
        return cells
