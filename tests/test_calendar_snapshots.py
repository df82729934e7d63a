"""SVG snapshots of the four calendar views at 80×24 and 120×40, and of its two dialogs."""

from __future__ import annotations

import pytest

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
@pytest.mark.parametrize("view_key", ["m", "w", "a", "y"], ids=["month", "week", "agenda", "year"])
def test_view(snap_compare, make_app, view_key, size):
    async def go(pilot):
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press(view_key)
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZES[size], run_before=go)


def test_go_to_date_with_an_error(snap_compare, make_app):
    async def go(pilot):
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("g", *"31.02.2027", "enter")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZES["80x24"], run_before=go)


def test_day_list(snap_compare, make_app):
    async def go(pilot):
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("g", *"05.12.2026", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZES["80x24"], run_before=go)
