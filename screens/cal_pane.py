"""What the four calendar views share: the window of data, the cursor day, today, day styles.

A view is one widget that draws itself line by line from a `CalendarWindow` (never a widget
per event), so a month with thousands of events repaints as fast as an empty one.
"""

from __future__ import annotations

from datetime import date

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from rcro_tui.db.calendar_data import PUBLIC, CalendarWindow
from rcro_tui.db.occurrences import Occurrence
from rcro_tui.model import EventStatus


class DayStyles:
    """Styles of days and events, from the app stylesheet's `calendar--*` component classes."""

    COMPONENT_CLASSES = {
        "calendar--heading", "calendar--weekend", "calendar--holiday", "calendar--break",
        "calendar--today", "calendar--cursor", "calendar--outside", "calendar--cancelled",
        "calendar--muted", "calendar--event", "calendar--busy", "calendar--warning",
    }

    window: CalendarWindow | None
    cursor: date
    today: date

    def style_of(self, name: str) -> Style:
        return self.get_component_rich_style(  # type: ignore[attr-defined]
            f"calendar--{name}", partial=True)

    def day_style(self, day: date, *, inside: bool = True) -> Style:
        """Cursor over today over holiday over school break over weekend; other months dimmed."""
        style = Style()
        if not inside:
            style += self.style_of("outside")
        if day.weekday() >= 5:
            style += self.style_of("weekend")
        mark = self.window.marks.get(day) if self.window else None
        if mark:
            style += self.style_of("holiday" if mark[0] == PUBLIC else "break")
        if day == self.today:
            style += self.style_of("today")
        if day == self.cursor:
            style += self.style_of("cursor")
        return style

    def event_text(self, item: Occurrence, width: int, *, with_time: bool = False) -> Text:
        """An event cut to `width` cells; cancelled ones struck through and dimmed."""
        label = item.title
        if with_time and not item.all_day:
            label = f"{item.start:%H:%M} {label}"
        return Text(fit(label, width), style=self.event_style(item))

    def event_style(self, item: Occurrence) -> Style:
        """An event's own style; a cancelled one's is struck through and dimmed."""
        style = self.style_of("event")
        if item.status == EventStatus.CANCELLED:
            style += self.style_of("cancelled")
        return style


class CalendarPane(DayStyles, Widget, can_focus=True):
    """A calendar view; the screen sets `window`, `cursor` and `today` and the view redraws."""

    COMPONENT_CLASSES = DayStyles.COMPONENT_CLASSES
    window: reactive[CalendarWindow | None] = reactive(None, always_update=True)
    cursor: reactive[date] = reactive(date(2000, 1, 1))
    today: date = date(2000, 1, 1)


def fit(text: str, width: int) -> str:
    """Cut to `width` cells with «…» when it does not fit; pad with spaces when it does."""
    if width <= 0:
        return ""
    if len(text) > width:
        return text[: max(0, width - 1)] + "…"
    return text.ljust(width)
