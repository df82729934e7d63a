"""SVG snapshots of every screen at 80×24, the smallest terminal a coordinator may have.

Update after an intended change: `python3 dev.py test tests/test_snapshots.py --snapshot-update`,
then look at the report before committing.
"""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Input

SIZE = (80, 24)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("keys", [(), ("2",), ("3",), ("4",), ("5",)],
                         ids=["agenda", "calendar", "network", "stages", "publish"])
def test_section(snap_compare, make_app, keys):
    async def go(pilot):
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=go)


def test_network_organizations_tab(snap_compare, make_app):
    async def go(pilot):
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("]")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=go)


def test_event_detail(snap_compare, make_app):
    async def go(pilot):
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("g", *"19.04.2022", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=go)


def test_event_detail_feeds_and_history(snap_compare, make_app):
    """The end of the detail: audience, the feeds it is in and its change history."""
    async def go(pilot):
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("g", *"19.04.2022", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=go)


def test_help(snap_compare, make_app):
    async def go(pilot):
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=go)


def test_command_palette(snap_compare, make_app):
    async def go(pilot):
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        palette = pilot.app.screen
        assert isinstance(palette, CommandPalette)
        # A blinking cursor made the picture depend on the moment it was taken.
        palette.query_one(Input).cursor_blink = False
        await pilot.pause(0.3)  # the palette lists its commands after a short delay
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=go)
