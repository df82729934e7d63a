"""The «Публикация» screen in the real app (bench/run_session.py): key 5 to its list of feeds.

At country scale the list has 42 201 feeds (the region's, each programme's, district's and
organisation's), each with the number of events it carries: the same plan as publishing,
read in a thread while the screen shows its settings. The figure is from the key to the
list's rows; the issue names no target for it (it is not a calendar view), and the app's
memory after the session, which this is part of, is held to its 200 MB.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from calendar_views import row, settle

TODAY = date(2026, 11, 23)
WAIT_LIMIT = 120.0


async def app_figures(path: Path, row=row, user: str = "demo") -> list:
    from rcro_tui.app import RcroApp
    from rcro_tui.screens.view_table import ViewTable

    app = RcroApp(db_path=path, user=user, today=TODAY, tune_gc=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        await settle(pilot)
        started = time.perf_counter()
        await pilot.press("5")
        while True:
            feeds = app.screen.query(ViewTable).filter("#feeds")
            if feeds and feeds.first().view is not None:
                break
            if time.perf_counter() - started > WAIT_LIMIT:
                raise RuntimeError("the «Публикация» screen showed no feeds in two minutes")
            await pilot.pause(0.01)
        shown = time.perf_counter() - started
        total = feeds.first().total
        await settle(pilot)
    return [row(f"open «Публикация» to its list of {total} feeds", [shown], None)]
