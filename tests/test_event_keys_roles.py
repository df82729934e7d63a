"""A municipal coordinator's event keys follow the cursor: «Изменить» is in the footer on an
event of their district and not on another's (whose keys then only say «Нет прав: …»), in
«Ближайшие» and in the calendar; the footer is rebuilt only when the answer changes.
(petrov: municipal, Асиновский район in the demo.)"""

from __future__ import annotations

from rcro_tui.screens.agenda import AgendaScreen
from rcro_tui.screens.calendar import CalendarScreen
from rcro_tui.screens.event_editor import EventEditorScreen
from test_editor import cursor_to, settle, shown, stored
from test_roles_ui import SIZE, app_as, districts_of, shown_keys

OWN_DISTRICT = "Асиновский район"
FOREIGN = (39, "04.05.2027")  # hosted in Томский район
OWN = (27, "16.11.2026")  # hosted in Асиновский район


def own_and_foreign(app) -> tuple[int, int]:
    places = districts_of(app, shown(app)[0])
    return (next(k for k, d in places.items() if d == OWN_DISTRICT),
            next(k for k, d in places.items() if d != OWN_DISTRICT))


async def test_petrov_sees_edit_on_his_districts_event_and_not_on_anothers(demo_path):
    app = app_as(demo_path, "petrov")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        own, other = own_and_foreign(app)
        await cursor_to(pilot, other)
        await settle(pilot)
        assert "Изменить" not in shown_keys(app)
        assert not {"edit_event", "cancel_event", "delete_event"} & {
            active.binding.action for active in app.screen.active_bindings.values()}
        before = stored(demo_path, other)
        await pilot.press("x")
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
        assert any(m.startswith("Нет прав: муниципальный координатор (petrov, Асиновский район)")
                   for m in said), said
        await pilot.press("up")  # back to the top, then to his own event
        await cursor_to(pilot, own)
        await settle(pilot)
        assert {"Новое", "Изменить"} <= shown_keys(app)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EventEditorScreen)
    assert stored(demo_path, other) == before


async def test_the_footer_is_rebuilt_only_when_the_answer_changes(demo_path):
    app = app_as(demo_path, "petrov")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        rebuilt = []
        original = screen.refresh_bindings
        screen.refresh_bindings = lambda: (rebuilt.append(screen._event_refused), original())
        keys = shown(app)[0]
        refused = [d != OWN_DISTRICT for d in districts_of(app, keys).values()]
        for _ in keys[1:]:
            await pilot.press("down")
        await settle(pilot)
        changes = sum(a != b for a, b in zip(refused, refused[1:]))
        assert 0 < len(rebuilt) <= changes + 1, (rebuilt, refused)
        assert all(a != b for a, b in zip(rebuilt, rebuilt[1:]))


async def test_in_the_calendar_the_keys_follow_the_day_under_the_cursor(demo_path):
    app = app_as(demo_path, "petrov")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CalendarScreen)
        for event_id, day, expected in ((FOREIGN[0], FOREIGN[1], False),
                                        (OWN[0], OWN[1], True)):
            await pilot.press("g", *day, "enter")
            await settle(pilot)
            await pilot.pause(0.3)
            assert screen.current_event_id() == event_id, "the day's only event"
            assert ("Изменить" in shown_keys(app)) is expected, (event_id, day)


async def test_other_roles_keep_their_keys_wherever_the_cursor_is(demo_path):
    app = app_as(demo_path, "ivanova")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        rebuilt = []
        screen.refresh_bindings = lambda: rebuilt.append(1)
        for _ in shown(app)[0][1:]:
            await pilot.press("down")
            assert "Изменить" in shown_keys(app)
        assert rebuilt == []
        assert screen._refusals is None, "no look-up for a regional coordinator"
