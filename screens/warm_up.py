"""The Календарь's opening month read in the background while the first screen is looked at.

The calendar is where a coordinator goes first, and its first opening did everything at
once: Textual building and styling some seventy widgets while a worker read the month (and,
after it was shown, the month's warnings), the two taking turns at the GIL. The same reads
made once after the first frame are kept (`db.kept`, while the file is unchanged), so the
opening finds them done. Only the default view at today is read: nothing is guessed beyond
what the section shows first.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rcro_tui.db.calendar_data import load_window, window_warnings
from rcro_tui.db.event_filter import EventFilter
from rcro_tui.calendar_layout import CalendarView
from rcro_tui.screens.data import reading


def warm_calendar(db_path: Path, today: date) -> None:
    """Read what `CalendarScreen.load` reads first: the month at today and its warnings."""
    with reading(db_path) as db:
        window = load_window(db, CalendarView.MONTH, today, EventFilter())
        window_warnings(db, window.first, window.last, today=today)
