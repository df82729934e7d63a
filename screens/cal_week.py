"""The week: seven day columns, hours down the side, events that overlap drawn side by side."""

from __future__ import annotations

import math
import textwrap
from datetime import date, datetime, time, timedelta

from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from rcro_tui.calendar_layout import monday_of
from rcro_tui.i18n import WEEKDAYS_SHORT
from rcro_tui.db.occurrences import Occurrence
from rcro_tui.screens.cal_pane import CalendarPane, fit
from rcro_tui.week_plan import DayPlan

MIN_LANE = 5
"""Narrowest lane: with more parallel events than fit, the rest are counted, not squeezed."""
GUTTER = 6
"""«14:00 » down the left side."""
DAY_START, DAY_END = 8, 20
"""Hours always shown; earlier or later events stretch the range."""


class WeekView(CalendarPane):
    """The cursor's week; the cursor day's column is highlighted.

    Laying out a day of a few hundred events takes milliseconds, so each day's column (and
    its hidden count and hours) is kept until the window or the size changes: moving the
    cursor inside the week only redraws the two columns whose highlight changes.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._cache: dict[tuple, object] = {}
        self._strips: list[Strip] = []
        self._strips_key: tuple | None = None

    def watch_window(self) -> None:
        self._cache.clear()
        self._strips_key = None

    def _cached(self, key: tuple, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def render_line(self, y: int) -> Strip:
        """Line API: the week's lines are turned into strips once per cursor day and size.

        (Returning the whole week as one Text from `render` made Textual convert a few
        thousand styled spans on every keystroke.)
        """
        width = self.size.width
        key = (self.cursor, self.size, self.has_focus)
        if self._strips_key != key:
            self._strips = [Strip(list(line.render(self.app.console))).crop_extend(0, width, None)
                            for line in self._lines()]
            self._strips_key = key
        return self._strips[y] if y < len(self._strips) else Strip.blank(width)

    def _lines(self) -> list[Text]:
        width, height = self.size.width, self.size.height
        if self.window is None or width < GUTTER + 7 * 3 or height < 4:
            return []
        days = [monday_of(self.cursor) + timedelta(days=i) for i in range(7)]
        column = (width - GUTTER) // 7
        by_day = self.window.by_day()
        lines = [self._header(days, column), self._all_day_line(days, column, by_day)]
        rows = height - len(lines)
        first_hour, last_hour = self._cached(("hours", days[0]), lambda: self._hours(days, by_day))
        step = _step_minutes((last_hour - first_hour) * 60, rows)
        first_hour, last_hour = _fill(first_hour, last_hour, rows, step)
        row_count = min(rows, math.ceil((last_hour - first_hour) * 60 / step))
        grids = [self._cached(
            ("day", day, column, row_count, first_hour, step, day == self.cursor),
            lambda day=day: self._day_rows(day, self.window.day_plan(day), column, row_count,
                                           first_hour, step))
            for day in days]
        for r in range(row_count):
            minutes = first_hour * 60 + r * step
            label = f"{minutes // 60:02d}:{minutes % 60:02d} " if minutes % 60 == 0 or step < 60 \
                else " " * GUTTER
            line = Text(label.ljust(GUTTER), self.style_of("muted"))
            for grid in grids:
                line.append_text(grid[r])
            lines.append(line)
        return lines

    def _header(self, days: list[date], column: int) -> Text:
        line = Text(" " * GUTTER)
        for day in days:
            text = Text(fit(f" {WEEKDAYS_SHORT[day.weekday()]} {day:%d.%m}", column),
                        self.style_of("heading"))
            text.stylize(self.day_style(day))
            line.append_text(text)
        return line

    def _all_day_line(self, days: list[date], column: int, by_day: dict) -> Text:
        """One line of all-day and multi-day items per day: the first title, or a count."""
        line = Text("весь  ", self.style_of("muted"))
        for day in days:
            plan = self.window.day_plan(day)
            whole = plan.whole
            hidden = _hidden_count(plan, column)
            if hidden:
                text = Text(fit(f" ещё {hidden} не видно", column), self.style_of("muted"))
            elif len(whole) == 1:
                text = self.event_text(whole[0], column)
            else:
                text = Text(fit(f" {len(whole)} на весь день" if whole else "", column))
            text.stylize(self.day_style(day))
            line.append_text(text)
        return line

    def _hours(self, days: list[date], by_day: dict) -> tuple[int, int]:
        first, last = DAY_START, DAY_END
        for day in days:
            for start, end in self.window.day_plan(day).spans:
                first = min(first, start.hour)
                last = max(last, end.hour + (1 if end.minute else 0))
        return first, max(last, first + 1)

    def _day_rows(self, day: date, plan: DayPlan, column: int, row_count: int,
                  first_hour: int, step: int) -> list[Text]:
        """The day's column, row by row: each timed event in its lane, its title running down."""
        timed, spans = plan.timed, plan.spans
        background = self.day_style(day) if day == self.cursor else Style()
        if day.weekday() >= 5:
            background += self.style_of("weekend")
        cells: list[list[tuple[int, str, Style]]] = [[] for _ in range(row_count)]
        origin = datetime.combine(day, time(first_hour))
        widest = max(1, column // MIN_LANE)
        for placed in plan.placed:
            if placed.lane >= widest:
                continue  # counted in the day's «+N» on the all-day line
            item, (start, end) = timed[placed.index], spans[placed.index]
            shown_lanes = min(placed.lanes, widest)
            lane_width = max(1, column // shown_lanes)
            x = placed.lane * lane_width
            if placed.lane == shown_lanes - 1:
                lane_width = column - x
            top = int((start - origin).total_seconds() // 60 // step)
            bottom = max(top + 1, math.ceil((end - origin).total_seconds() / 60 / step))
            style = self.style_of("busy") + self.event_text(item, 1).style
            if item.status == "cancelled":
                style += self.style_of("cancelled")
            pieces = _block_lines(item, start, lane_width - 1, bottom - top)
            for piece, r in zip(pieces, range(max(0, top), min(row_count, bottom))):
                cells[r].append((x, fit(piece, lane_width - 1) + " ", style))
        return [_compose(row, column, background) for row in cells]


def _block_lines(item: Occurrence, start: datetime, width: int, rows: int) -> list[str]:
    """The text of an event's block: the start time on its own line when there is room,
    then the title wrapped at word boundaries; padded so the block fills all its rows."""
    words = textwrap.wrap(item.title, width=max(1, width), break_long_words=True) or [""]
    head = [f"{start:%H:%M}"] if rows > 1 and width >= 5 else []
    if width >= len(f"{start:%H:%M} {words[0]}") and rows == 1:
        head, words = [], [f"{start:%H:%M} {item.title}"]
    lines = head + words
    return (lines + [""] * rows)[:max(rows, 1)]


def _fill(first_hour: int, last_hour: int, rows: int, step: int) -> tuple[int, int]:
    """Stretch the hour range to use the whole height: later evenings first, then mornings."""
    spare = rows - math.ceil((last_hour - first_hour) * 60 / step)
    extra_hours = spare * step // 60
    later = min(extra_hours, 24 - last_hour)
    earlier = min(extra_hours - later, first_hour)
    return first_hour - earlier, last_hour + later


def _hidden_count(plan: DayPlan, column: int) -> int:
    """Events of the day that get no lane (all-day ones included when anything is hidden)."""
    widest = max(1, column // MIN_LANE)
    hidden = sum(1 for placed in plan.placed if placed.lane >= widest)
    return hidden + (len(plan.whole) if hidden else 0)


def _compose(pieces: list[tuple[int, str, Style]], width: int, background: Style) -> Text:
    """One row of a day column: the blocks' pieces at their lanes over the day's background.

    Appended left to right (slicing and re-joining a Text per piece cost the week view a
    fifth of a second at a few thousand events); pieces that overlap, which lanes prevent,
    would take the slow path that lets a later piece cover an earlier one.
    """
    ordered = sorted(pieces, key=lambda piece: piece[0])
    line = Text("", background)
    for x, text, style in ordered:
        text = text[: max(0, width - x)]
        if x < len(line):
            return _compose_overlapping(ordered, width, background)
        line.append(" " * (x - len(line)))
        line.append(text, background + style)
    line.append(" " * (width - len(line)))
    return line


def _compose_overlapping(pieces: list[tuple[int, str, Style]], width: int,
                         background: Style) -> Text:
    line = Text(" " * width, background)
    for x, text, style in pieces:
        text = text[: max(0, width - x)]
        line = line[:x] + Text(text, background + style) + line[x + len(text):]
    return line


def _step_minutes(total: int, rows: int) -> int:
    """Minutes per row: 15, 30, 60, 90 or 120, the finest that fits the height."""
    for step in (15, 30, 60, 90, 120, 180):
        if total / step <= rows:
            return step
    return 240
