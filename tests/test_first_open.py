"""Opening a section for the first time does no work that could have been done before.

Each of these once cost the first opening of «Календарь» a tenth of a second or more: a full
parse of the stylesheet for each new widget class, a rebuild of the footer for each move of
the focus, a garbage collection inside the keystroke.
"""

from __future__ import annotations

import gc

from textual.css.stylesheet import Stylesheet

from rcro_tui.css_preload import preload_default_css, widget_classes
from rcro_tui.screens import footer as footer_module
from rcro_tui.screens.calendar import CalendarScreen


async def wait_for_preload(app, pilot) -> None:
    """Until the app has added the widgets' CSS after its first frame: a fixed pause was
    too short on a loaded CI host, where the preload's own parse came inside the keystroke."""
    for _ in range(100):
        if app.css_preloaded:
            return
        await pilot.pause(0.05)
    raise AssertionError("the default CSS was never preloaded")


async def test_opening_the_calendar_parses_no_stylesheet(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_preload(app, pilot)
        parses = []
        real = Stylesheet.parse
        monkeypatch.setattr(Stylesheet, "parse", lambda self: (parses.append(1), real(self)))
        await pilot.press("2")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CalendarScreen)
        assert parses == [], "every widget's default CSS was in the stylesheet already"


async def test_the_preload_knows_the_calendars_widgets(make_app):
    names = {cls.__name__ for cls in widget_classes()}
    assert {"MonthView", "WeekView", "FilterBar", "ContentSwitcher"} <= names
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_preload(app, pilot)
        assert preload_default_css(app) == 0, "done once after the first frame: nothing new"


async def test_the_calendars_footer_is_built_once_as_it_opens(make_app, monkeypatch):
    built = []
    real = footer_module.Footer.recompose

    async def counted(self):
        built.append(type(self.screen).__name__)
        await real(self)

    monkeypatch.setattr(footer_module.Footer, "recompose", counted)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        built.clear()
        await pilot.press("2")
        await pilot.pause(0.3)
        assert built.count("CalendarScreen") == 1
        assert app.screen.focused is app.screen.query_one("#month")


async def test_a_headless_app_leaves_the_collector_alone_unless_asked(make_app):
    app = make_app()
    frozen = gc.get_freeze_count()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        assert gc.get_freeze_count() == frozen, "tests start many apps: nothing frozen"
