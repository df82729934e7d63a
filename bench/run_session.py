"""A coordinator's session in the real app, in its own process: bench/run.py's app figures.

    python bench/run_session.py DB USER

Opens the app (Pilot, 120×40) on DB and goes through the calendar (every view, cursor,
periods, search), the organisation list (open, search, filter), the largest stage (its
screen and every tab) and the «Публикация» screen's list of feeds, timing each key to its
frame (bench/calendar_views.py, bench/orgs.py, bench/stage_app.py,
bench/publish_screen.py), then reports the process's peak memory:
the app's RSS after a session that touched every large screen. A process of its own, so
the figure is the app's and not the benchmark runner's.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import calendar_views  # noqa: E402
import orgs  # noqa: E402
import publish_screen  # noqa: E402
import stage_app  # noqa: E402
from figures import figure, print_child_figures  # noqa: E402

from rcro_tui.memory import peak_memory_mb  # noqa: E402

APP_RSS_TARGET = 200.0


def main() -> None:
    db, user = Path(sys.argv[1]), sys.argv[2]
    found = asyncio.run(calendar_views.app_figures(db, row=figure, user=user))
    found += asyncio.run(orgs.app_figures(db, row=figure, user=user))
    found += asyncio.run(stage_app.app_figures(db, row=figure, user=user))
    found += asyncio.run(publish_screen.app_figures(db, row=figure, user=user))
    peak = peak_memory_mb()
    found.append(figure("peak RSS of the app after the session", [peak], APP_RSS_TARGET,
                        unit="MB"))
    print_child_figures(found)


if __name__ == "__main__":
    main()
