"""The agenda: the period's events as a list under day headings («Пн, 19 апреля 2022 г.»).

Drawn line by line (Textual's line API): only the lines on screen are rendered, and an
event is read whole only when its line is first drawn (`db.agenda_lines`), so a month of
thousands of events opens and scrolls as lightly as a short one.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from rcro_tui.db.agenda_lines import AgendaRow
from rcro_tui.db.calendar_data import CalendarWindow
from rcro_tui.db.occurrences import Occurrence
from rcro_tui.i18n import count, date_heading
from rcro_tui.model import EventFormat
from rcro_tui.screens.cal_pane import DayStyles, fit


def when_text(item: Occurrence, day: date) -> str:
    """«14:00–17:00», «весь день», or «с 10:00» / «до 14:00» on the edges of a multi-day event."""
    if item.all_day:
        return "весь день"
    if item.first_day == item.last_day:
        return f"{item.start:%H:%M}–{item.end:%H:%M}"
    if day == item.first_day:
        return f"с {item.start:%H:%M}"
    if day == item.last_day:
        return f"до {item.end:%H:%M}"
    return "весь день"


WARNING_MARK = "⚠"


def warnings_note(window: CalendarWindow, day: date, pane: object) -> str:
    """« · ⚠ 2 предупреждения» for the status line: the agenda's current event, else the day's
    events; «» when there are none (softer notes do not count)."""
    item = pane.current() if isinstance(pane, AgendaView) else None
    if item is not None:
        n = sum(not warning.soft for warning in window.warnings_of(item))
    else:
        n = len(window.warnings_on(day))
    if not n:
        return ""
    return f" · {WARNING_MARK} {count(n, 'предупреждение', 'предупреждения', 'предупреждений')}"


class AgendaView(DayStyles, ScrollView, can_focus=True, inherit_bindings=False):
    """The cursor sits on an event; the cursor day is that event's day."""

    COMPONENT_CLASSES = DayStyles.COMPONENT_CLASSES
    window: reactive[CalendarWindow | None] = reactive(None, always_update=True)
    cursor: reactive[date] = reactive(date(2000, 1, 1))
    today: date = date(2000, 1, 1)
    selected: reactive[int] = reactive(-1)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lines: list[AgendaRow] = []
        self._event_rows: list[int] = []
        self._shown: CalendarWindow | None = None
        """The window `lines` belong to (the `window` reactive is already the new one when
        its watcher runs)."""

    def watch_window(self, window: CalendarWindow | None) -> None:
        """Show the new rows; the event under the cursor stays under it if it is still there
        (a filter that keeps it, the same month read again)."""
        chosen = self._identity(self.selected)
        self._shown = window
        self.lines = window.agenda_rows() if window else []
        self._event_rows = [i for i, (_, ref) in enumerate(self.lines) if ref is not None]
        self.virtual_size = Size(self.size.width, max(1, len(self.lines)))
        same = self._row_of(chosen)
        if same is not None:
            self.selected = same
        else:
            self.select_day(self.cursor)
        self.call_after_refresh(self._scroll_to_selected, to_top=same is None)

    def _row_of(self, identity: tuple | None) -> int | None:
        """The line showing this occurrence, looked for under its own day only."""
        if identity is None:
            return None
        at = bisect_left(self.lines, identity[0], key=lambda row: row[0])
        while at < len(self.lines) and self.lines[at][0] == identity[0]:
            if self._identity(at) == identity:
                return at
            at += 1
        return None

    def _identity(self, index: int) -> tuple | None:
        """Which occurrence a line shows, without reading the event: its day, id and start."""
        window = self._shown
        if window is not None and window.lines and 0 <= index < len(self.lines):
            day, ref = self.lines[index]
            if ref is not None:
                return day, *window.lines.key_of(ref)
        return None

    def select_day(self, day: date) -> None:
        """Put the cursor on the first event of `day`, or of the next day that has one."""
        events = self._event_rows
        at = bisect_left(events, day, key=lambda i: self.lines[i][0])
        self.selected = events[at] if at < len(events) else (events[-1] if events else -1)
        self._scroll_to_selected(to_top=True)

    def move(self, step: int) -> date | None:
        """The next or previous event (skipping headings); returns its day."""
        events = self._event_rows
        if not events:
            return None
        position = bisect_left(events, self.selected)
        if position == len(events) or events[position] != self.selected:
            position = 0
        self.selected = events[max(0, min(len(events) - 1, position + step))]
        self._scroll_to_selected()
        return self.lines[self.selected][0]

    def current(self) -> Occurrence | None:
        return self._item(self.selected)

    def _item(self, index: int) -> Occurrence | None:
        """The event of a line (read with its page the first time: `db.agenda_lines`)."""
        if self._shown is not None and 0 <= index < len(self.lines):
            ref = self.lines[index][1]
            if ref is not None:
                return self._shown.agenda_item(ref)
        return None

    def _scroll_to_selected(self, *, to_top: bool = False) -> None:
        """Keep the cursor line (and its day heading, when it is the day's first) on screen."""
        if self.selected < 0:
            return
        height = self.scrollable_content_region.height
        top = self.selected - 1 if self.selected and self.lines[self.selected - 1][1] is None \
            else self.selected
        if to_top or top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif self.selected >= self.scroll_offset.y + height:
            self.scroll_to(y=self.selected - height + 1, animate=False, immediate=True)
        self.refresh()

    def watch_selected(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if not self.lines and y == 0:
            return self._strip([(fit("  В этом месяце мероприятий нет.", width),
                                 self.style_of("muted"))], width)
        if index >= len(self.lines):
            return Strip.blank(width)
        day = self.lines[index][0]
        item = self._item(index)
        if item is None:
            style = self.style_of("heading")
            if day != self.cursor:
                style += self.day_style(day)
            return self._strip([(fit(" " + date_heading(day), width), style)], width)
        return self._strip(self.event_pieces(day, item, width, index == self.selected), width)

    def event_pieces(self, day: date, item: Occurrence, width: int,
                     selected: bool) -> list[tuple[str, Style | None]]:
        """An event's line as texts and their styles: when, «⚠», title, host, format.

        Made into segments directly (no rich Text to lay out): a view switch draws every
        line on screen several times over.
        """
        when = fit(when_text(item, day), 12)
        fmt = fit(EventFormat.label_of(item.format), 14)
        host = item.host + (f", {item.district}" if item.district else "")
        warned = self.window is not None and self.window.warned(item)
        rest = max(10, width - 3 - 12 - 1 - 14 - 1 - (2 if warned else 0))
        title_width = min(len(item.title) + 2, max(10, rest * 2 // 3)) if host else rest
        pieces: list[tuple[str, Style | None]] = [("   " + when + " ", None)]
        if warned:
            pieces.append((WARNING_MARK + " ", self.style_of("warning")))
        pieces += [(fit(item.title, title_width), self.event_style(item)),
                   (fit(host, rest - title_width), self.style_of("muted")), (" " + fmt, None)]
        if selected:
            cursor = self.style_of("cursor")
            pieces = [(text, style + cursor if style else cursor) for text, style in pieces]
        return pieces

    @staticmethod
    def _strip(pieces: list[tuple[str, Style | None]], width: int) -> Strip:
        return Strip([Segment(text, style) for text, style in pieces]).crop_extend(0, width, None)
