"""Benchmark of the Календарь section at 100 000 events a year (issue 4).

    python3 dev.py bench [--events 100000] [--rebuild]

Prints, for every view, the time to read its window and to open it in the real app (Pilot,
120×40), the time from a cursor or search keystroke to the repaint (median and p95), each
beside its target and beside a baseline measured in the same run: the whole year as one
DataTable (what the section did before) and a LIKE scan instead of the FTS5 index.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import bench_database, host_speed, record_frames, timed  # noqa: E402

from rcro_tui.calendar_layout import CalendarView  # noqa: E402
from rcro_tui.calendar_layout import period_of  # noqa: E402
from rcro_tui.db.calendar_data import load_window  # noqa: E402
from rcro_tui.db.conflicts import warnings_in  # noqa: E402
from rcro_tui.db.connection import connect  # noqa: E402
from rcro_tui.db.event_filter import EventFilter  # noqa: E402
from rcro_tui.db.kept import forget  # noqa: E402
from rcro_tui.db.views import year_events  # noqa: E402
from rcro_tui.rules import AcademicYear  # noqa: E402

TODAY = date(2026, 11, 23)
VIEW_OPEN_TARGET = 0.300
KEYSTROKE_TARGET = 0.050
TYPED = "олимпиада"


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(round(0.95 * len(values))) - 1)]


def row(name: str, values: list[float], target: float, baseline: float | None = None) -> str:
    median = statistics.median(values)
    verdict = "ok" if p95(values) <= target else "MISS"
    ratio = f"{baseline / median:6.1f}×" if baseline else "      "
    base = f"{baseline * 1000:8.0f}" if baseline else "        "
    return (f"{name:<44}{median * 1000:8.1f}{p95(values) * 1000:8.1f}{target * 1000:8.0f}"
            f"{base} {ratio}  {verdict}")


def header() -> str:
    return (f"{'what (ms)':<44}{'median':>8}{'p95':>8}{'target':>8}{'baseline':>8} "
            f"{'faster':>7}")


def cold(read):
    """A read with nothing kept from the reads before it (`db.kept`): a first visit."""
    forget()
    return read()


def database_figures(path: Path, row=row) -> list:
    db = connect(path)
    lines = []
    baseline = statistics.median(timed(lambda: year_events(db, AcademicYear(2026)), 3))
    for view in CalendarView:
        values = timed(lambda: cold(lambda: load_window(db, view, TODAY)))
        lines.append(row(f"read window: {view.label} (nothing kept)", values, VIEW_OPEN_TARGET,
                         baseline))
        if view is CalendarView.MONTH:
            values = timed(lambda: load_window(db, view, TODAY))
            lines.append(row("  again, its spans kept (back to the month)", values,
                             VIEW_OPEN_TARGET, baseline))
    for view in (CalendarView.WEEK, CalendarView.MONTH):
        values = timed(lambda: cold(lambda: warnings_in(db, *period_of(view, TODAY),
                                                        today=TODAY)), 3)
        lines.append(row(f"warnings of the {view.value} (after it is shown)", values,
                         VIEW_OPEN_TARGET))
    like = "SELECT id FROM events WHERE start_at BETWEEN ? AND ? AND lower(title) LIKE ?"
    forget()
    load_window(db, CalendarView.MONTH, TODAY)  # what the grid read before the search began
    search, scan = [], []
    for n in range(1, len(TYPED) + 1):  # each prefix once: a new query is never kept
        flt = EventFilter(text=TYPED[:n])
        search += timed(lambda: load_window(db, CalendarView.MONTH, TODAY, flt), 1)
        scan += timed(lambda: db.execute(like, ["2026-10-26", "2026-12-07",
                                                f"%{TYPED[:n]}%"]).fetchall(), 3)
    lines.append(row("search keystroke, month window, FTS5", search, KEYSTROKE_TARGET,
                     statistics.median(scan)))
    db.close()
    return lines


class FrameClock:
    """Times the frames the app writes: a keystroke's latency is key → its frame.

    Headless Textual computes each frame but skips turning it into terminal bytes; the clock
    does that step too (as a real terminal would need), so the figure is the whole repaint.
    Pilot's own waiting between keys is not counted. `first` is the first frame drawn after
    the calendar received data (the agenda gets its first week before the whole month);
    `last` the last frame the key caused.
    """

    def __init__(self, app) -> None:
        self.frames: list[float] = []
        self.shown: list[float] = []
        record_frames(app, self.frames)
        from rcro_tui.screens.calendar import CalendarScreen
        show = CalendarScreen._show

        def timed_show(screen, window, *rest) -> None:
            self.shown.append(time.perf_counter())
            show(screen, window, *rest)

        CalendarScreen._show = timed_show

    async def keystroke(self, pilot, key: str) -> float:
        """Seconds from the key to the first frame with the data it asked for."""
        first, _last = await self.keystroke_frames(pilot, key)
        return first

    async def keystroke_frames(self, pilot, key: str) -> tuple[float, float]:
        await settle(pilot)
        self.frames.clear()
        self.shown.clear()
        start = time.perf_counter()
        await pilot.press(key)
        await settle(pilot)
        if not self.frames:
            raise RuntimeError(f"key {key!r} repainted nothing")
        after_data = [t for t in self.frames if not self.shown or t >= self.shown[0]]
        first = after_data[0] if after_data else self.frames[-1]
        return first - start, self.frames[-1] - start


async def app_figures(path: Path, row=row, user: str = "demo") -> list:
    from rcro_tui.app import RcroApp

    forget()  # the app opens on nothing kept, as a new session would
    app = RcroApp(db_path=path, user=user, today=TODAY, tune_gc=True)
    lines = []
    async with app.run_test(size=(120, 40)) as pilot:
        clock = FrameClock(app)
        await pilot.pause(0.5)  # the first screen's own start-up is not the calendar's opening
        await settle(pilot)  # nor are the sections imported behind its first frame
        opened = await clock.keystroke(pilot, "2")
        lines.append(row("open Календарь (month) in the app", [opened], VIEW_OPEN_TARGET))
        month_warnings = []
        for key, view in (("w", CalendarView.WEEK), ("a", CalendarView.AGENDA),
                          ("y", CalendarView.YEAR), ("m", CalendarView.MONTH)):
            values = []
            for _ in range(3):
                first, last = await clock.keystroke_frames(pilot, key)
                values.append(first)
                if key == "a":
                    month_warnings.append(last)
                await clock.keystroke(pilot, "m" if key != "m" else "w")
            lines.append(row(f"switch to view: {view.label}", values, VIEW_OPEN_TARGET))
        lines.append(row("  agenda: the month's warnings after (background)", month_warnings,
                         1.0))
        for view, keys in (("m", "lhjk"), ("w", "lhlh"), ("a", "jjkk"), ("y", "ljhk")):
            await clock.keystroke(pilot, view)
            values = [await clock.keystroke(pilot, key) for key in keys * 5]
            lines.append(row(f"cursor keystroke to repaint: {CalendarView(VIEW_NAMES[view]).label}",
                             values, KEYSTROKE_TARGET))
        for view, keys in (("m", "np"), ("w", "np"), ("a", "np")):
            await clock.keystroke(pilot, view)
            values = [await clock.keystroke(pilot, key) for key in keys * 3]
            lines.append(row(f"next/previous period: {CalendarView(VIEW_NAMES[view]).label}",
                             values, VIEW_OPEN_TARGET))
        await clock.keystroke(pilot, "m")
        await clock.keystroke(pilot, "slash")
        values = [await clock.keystroke(pilot, letter) for letter in TYPED]
        lines.append(row("search keystroke to repaint, month", values, KEYSTROKE_TARGET))
    return lines


VIEW_NAMES = {"m": "month", "w": "week", "a": "agenda", "y": "year"}


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def main() -> None:
    path = bench_database(__doc__.splitlines()[0], Path("bench/.cache/calendar.sqlite"))
    print(host_speed())
    print(header())
    for line in database_figures(path):
        print(line)
    for line in asyncio.run(app_figures(path)):
        print(line)


if __name__ == "__main__":
    main()
