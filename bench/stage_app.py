"""The largest stage in the real app (bench/run_session.py): its screen and each tab, by keys.

A country's largest stage has 100 000 participants. The figures are from the key (or the
Enter that opens the stage) to the moment the tab's table has its rows: the stage's
screen with «Площадки», then «Участники», «Протокол» and «Переход» (its advance preview)
with `]`, each read for the first time; then cursor keystrokes in «Переход» (a table
that draws only the rows on screen: screens/wide_table.py). The issue names no target for opening a tab of 100 000 rows;
the keystrokes are held to the 50 ms of every keystroke, and the app's memory after the
session (which this is part of) to its 200 MB.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from calendar_views import FrameClock, row, settle

from rcro_tui.db.connection import connect

TODAY = date(2026, 11, 23)
KEYSTROKE_TARGET = 0.050
WAIT_LIMIT = 120.0
"""Seconds a tab may take before the benchmark calls it stuck."""
TABS = (("tab-entries", "«Участники»"), ("tab-protocol", "«Протокол»"),
        ("tab-advance", "«Переход» (advance preview)"))


def largest_stage(path: Path) -> tuple[int, int]:
    db = connect(path)
    try:
        return tuple(db.execute("SELECT stage_id, count(*) FROM entries GROUP BY stage_id "
                                "ORDER BY count(*) DESC LIMIT 1").fetchone())
    finally:
        db.close()


async def app_figures(path: Path, row=row, user: str = "demo") -> list:
    from rcro_tui.app import RcroApp
    from rcro_tui.screens.stage_screen import StageScreen

    stage_id, size = largest_stage(path)
    app = RcroApp(db_path=path, user=user, today=TODAY, tune_gc=True)
    lines: list = [f"the largest stage in the app: {size} entries"]
    async with app.run_test(size=(120, 40)) as pilot:
        clock = FrameClock(app)
        await pilot.pause(0.5)
        await settle(pilot)
        started = time.perf_counter()
        app.push_screen(StageScreen(stage_id))
        opened = await _until(pilot, lambda: _rows(app, "tab-sessions") > 0, started)
        lines.append(row("open the stage (Enter) to its «Площадки»", [opened], None))
        for tab, label in TABS:
            started = time.perf_counter()
            await pilot.press("]")
            shown = await _until(pilot, lambda: _rows(app, tab) > 0, started)
            lines.append(row(f"  tab {label} to its rows", [shown], None))
        moves = [await clock.keystroke(pilot, key) for key in ["down", "up"] * 5]
        lines.append(row("  cursor keystroke in «Переход»", moves, KEYSTROKE_TARGET))
        await settle(pilot)
    return lines


def _rows(app, tab: str) -> int:
    """How many rows the table of the stage screen's tab `tab` has (0 before it is shown)."""
    from textual.css.query import NoMatches
    from textual.widgets import DataTable, TabbedContent

    from rcro_tui.screens.wide_table import WideTable

    try:
        if app.screen.query_one(TabbedContent).active != tab:
            return 0
        pane = app.screen.query_one(f"#{tab}")
    except NoMatches:  # the stage's screen is not composed yet
        return 0
    tables = [*pane.query(DataTable), *pane.query(WideTable)]
    return max((table.row_count for table in tables), default=0)


async def _until(pilot, ready: Callable[[], bool], started: float) -> float:
    """Seconds from `started` until `ready()` (checked every 10 ms while the app runs)."""
    while not ready():
        if time.perf_counter() - started > WAIT_LIMIT:
            raise RuntimeError("the stage's tab showed no rows in two minutes")
        await pilot.pause(0.01)
    return time.perf_counter() - started
