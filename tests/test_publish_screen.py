"""The «Публикация» section by keys: settings, publishing with progress, links, tokens."""

from __future__ import annotations

from rcro_tui.db.connection import open_database
from rcro_tui.db.feed_tokens import token_state
from rcro_tui.screens.publish import PublishScreen
from rcro_tui.screens.publish_form import PublishSettingsScreen
from rcro_tui.screens.view_table import ViewTable

SIZE = (120, 40)
SITE = "https://rcro.tomsk.ru/calendar"


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def result_text(screen) -> str:
    return str(screen.query_one("#publish-result").render())


async def test_publish_asks_for_the_folder_first_then_publishes(make_app, tmp_path):
    site = tmp_path / "site"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, PublishScreen)
        assert "не задана" in str(app.screen.query_one("#publish-settings").render())
        rows = app.screen.query_one("#feeds", ViewTable).view.rows
        assert rows[0][:2] == ("Общая лента региона", "общая") and len(rows) == 128
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PublishSettingsScreen)
        await pilot.press(*"site", "tab", *"rcro.tomsk.ru", "ctrl+s")
        await settle(pilot)
        assert "полный путь" in str(app.screen.query_one("#e-form").render())
        await pilot.press("shift+tab", *["backspace"] * 4, *str(site), "tab",
                          *["backspace"] * 13, *SITE, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PublishScreen)
        assert str(site) in str(app.screen.query_one("#publish-settings").render())
        await pilot.press("p")
        await settle(pilot)
        await settle(pilot)
        assert "Первая публикация в эту папку" in result_text(app.screen)
        assert (site / "feeds" / "region.ics").exists() and (site / "index.html").exists()
        await pilot.press("p")
        await settle(pilot)
        await settle(pilot)
        assert "Ни в одной ленте ничего не изменилось" in result_text(app.screen)


async def test_enter_shows_a_feeds_whole_address(make_app, demo_path):
    db = open_database(demo_path)
    db.execute("INSERT INTO settings (key, value) VALUES ('site_url', ?)", [SITE])
    db.conn.commit()
    db.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        text = result_text(app.screen)
        assert f"{SITE}/feeds/region.ics" in text
        assert "webcal://rcro.tomsk.ru/calendar/feeds/region.ics" in text


async def test_t_issues_and_x_revokes_an_organisations_link(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await settle(pilot)
        table = app.screen.query_one("#feeds", ViewTable)
        org_row = next(i for i, key in enumerate(table.view.keys) if str(key).startswith("org-"))
        org_id = int(str(table.view.keys[org_row]).removeprefix("org-"))
        await pilot.press(*["down"] * org_row)
        assert table.view.rows[org_row][3] == "ссылка появится при публикации"
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        db = open_database(demo_path)
        first = token_state(db, org_id).token
        assert first and table.view.rows[org_row][3] == f"private/{first}/calendar.ics"
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert token_state(db, org_id).token is None
        assert table.view.rows[org_row][3] == "ссылка отозвана"
        db.close()
