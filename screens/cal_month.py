"""The month grid: weeks down, Monday to Sunday across, each day with its count and first titles."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from rcro_tui.calendar_layout import month_weeks
from rcro_tui.i18n import WEEKDAYS_SHORT
from rcro_tui.screens.cal_pane import CalendarPane, fit

SEPARATOR = "│"


class MonthView(CalendarPane):
    """Seven columns sized to the terminal; as many title lines per day as the height allows."""

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        if self.window is None or width < 7 * 4:
            return Text("")
        weeks = month_weeks(self.cursor)
        column = (width - 6) // 7
        cell_height = max(2, (height - 1) // len(weeks))
        by_day = self.window.by_day()
        lines = [self._weekday_header(column)]
        for week in weeks:
            lines.extend(self._week_lines(week, column, cell_height, by_day))
        return Text("\n").join(lines[:height])

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
