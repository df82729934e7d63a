"""Optimistic revisions beyond events: a save or delete made from a version a colleague has
changed meanwhile is refused with the conflict sentence, in the core, the CLI and the screens."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlite_utils import Database
from textual.widgets import Input

from rcro_tui.db import store
from rcro_tui.db.connection import connect, open_database
from rcro_tui.db.custom_feeds import add_custom_feed, remove_custom_feed
from rcro_tui.db.entries import delete_entry
from rcro_tui.db.event_edit import delete_event, draft_of as event_draft
from rcro_tui.db.event_edit import update_event
from rcro_tui.db.events import EventDraft, add_event
from rcro_tui.db.holidays import HolidayDraft, add_holiday, delete_holiday, get_holiday, update_holiday
from rcro_tui.db.letter_settings import letter_settings, save_letter_settings
from rcro_tui.db.orgs import ContactDraft, OrgDraft, add_org, contacts_of, draft_of, update_org
from rcro_tui.db.publish_settings import publish_settings, save_publish_settings
from rcro_tui.db.saved_views import delete_view, rename_view, save_view
from rcro_tui.db.schema import MIGRATIONS, REVISED_TABLES
from rcro_tui.db.store import ConflictError
from rcro_tui.db.event_filter import EventFilter
from rcro_tui.model import EventKind, HolidayKind
from rcro_tui.screens.holiday_form import HolidayFormScreen
from conftest import run_rcro
from test_holidays_screen import SIZE, open_holidays, settle, type_into

BREAK = HolidayDraft(date(2027, 2, 1), date(2027, 2, 7), "Дополнительные каникулы",
                     HolidayKind.SCHOOL_BREAK)
CONFLICT = "Запись изменил другой пользователь"


def test_an_older_database_gets_the_revisions_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.sqlite"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="m017_revisions")
    old.execute("INSERT INTO holidays (first_day, last_day, name, kind) "
                "VALUES ('2027-02-01', '2027-02-07', 'Каникулы', 'school_break')")
    old.execute("INSERT INTO settings (key, value) VALUES ('site_url', 'https://x.ru')")
    old.close()
    db = open_database(path)
    for table in REVISED_TABLES:
        assert db[table].columns_dict["revision"] is int
    holiday = get_holiday(db, 1)
    assert (holiday.name, holiday.revision) == ("Каникулы", 1)
    assert store.get_setting(db, "site_url") == "https://x.ru"
    assert (path.parent / "old.sqlite.before-m017_revisions.bak").exists()
    db.close()


def test_a_delete_from_a_stale_revision_is_refused_and_nothing_is_logged(fresh_db):
    key = add_holiday(fresh_db, BREAK, user="ivanova")
    update_holiday(fresh_db, key, replace(BREAK, name="Февральские каникулы"), user="petrov",
                   expected_revision=1)
    logged = fresh_db.execute("SELECT count(*) FROM changes").fetchone()[0]
    with pytest.raises(ConflictError) as refused:
        delete_holiday(fresh_db, key, user="ivanova", expected_revision=1)
    assert refused.value.message.startswith(
        "Запись изменил другой пользователь (версия 2, а вы видели версию 1)")
    assert get_holiday(fresh_db, key).name == "Февральские каникулы"
    assert fresh_db.execute("SELECT count(*) FROM changes").fetchone()[0] == logged
    delete_holiday(fresh_db, key, user="ivanova", expected_revision=2)


def test_a_holiday_edit_from_a_stale_revision_is_refused(fresh_db):
    key = add_holiday(fresh_db, BREAK, user="ivanova")
    seen = get_holiday(fresh_db, key)
    update_holiday(fresh_db, key, replace(BREAK, last_day=date(2027, 2, 8)), user="petrov",
                   expected_revision=seen.revision)
    with pytest.raises(ConflictError, match=CONFLICT):
        update_holiday(fresh_db, key, replace(BREAK, name="Моё"), user="ivanova",
                       expected_revision=seen.revision)
    assert get_holiday(fresh_db, key).last_day == date(2027, 2, 8)


def test_events_and_entries_are_not_deleted_from_a_stale_version(fresh_db):
    event_id = add_event(fresh_db, EventDraft(
        title="Семинар", kind=EventKind.SEMINAR, start=datetime(2026, 12, 1, 10),
        end=datetime(2026, 12, 1, 12)), user="ivanova")
    draft, revision = event_draft(fresh_db, event_id)
    update_event(fresh_db, event_id, replace(draft, venue="Актовый зал"), user="petrov",
                 expected_revision=revision)
    with pytest.raises(ConflictError, match=CONFLICT):
        delete_event(fresh_db, event_id, user="ivanova", expected_revision=revision)
    assert store.get_row(fresh_db, "events", event_id)["venue"] == "Актовый зал"
    delete_event(fresh_db, event_id, user="ivanova", expected_revision=revision + 1)
    with pytest.raises(store.NotFoundError):
        delete_entry(fresh_db, 999, user="ivanova", expected_revision=1)


def test_a_contacts_only_edit_is_a_new_version_of_the_organisation(fresh_db):
    org_id = add_org(fresh_db, OrgDraft("МАОУ СОШ № 2 г. Томска"), user="ivanova",
                     contacts=[ContactDraft("Иванова Анна Петровна")])
    draft, revision = draft_of(fresh_db, org_id)
    mine = contacts_of(fresh_db, org_id)
    after = update_org(fresh_db, org_id, draft, user="petrov", expected_revision=revision,
                       contacts=[*mine, ContactDraft("Петров Олег")])
    assert after["revision"] == revision + 1
    with pytest.raises(ConflictError, match=CONFLICT):
        update_org(fresh_db, org_id, draft, user="ivanova", expected_revision=revision,
                   contacts=mine)
    assert [c.name for c in contacts_of(fresh_db, org_id)] == ["Иванова Анна Петровна",
                                                               "Петров Олег"]
    unchanged = update_org(fresh_db, org_id, draft, user="ivanova",
                           expected_revision=after["revision"],
                           contacts=contacts_of(fresh_db, org_id))
    assert unchanged["revision"] == after["revision"], "nothing changed: no new version"


def test_saved_views_and_custom_feeds_refuse_stale_renames_and_deletes(fresh_db):
    view = save_view(fresh_db, "Олимпиады", EventFilter(), user="ivanova")
    rename_view(fresh_db, "Олимпиады", "Олимпиады 7–8", user="petrov",
                expected_revision=view.revision)
    with pytest.raises(ConflictError, match=CONFLICT):
        rename_view(fresh_db, "Олимпиады 7–8", "Мои олимпиады", user="ivanova",
                    expected_revision=view.revision)
    with pytest.raises(ConflictError, match=CONFLICT):
        delete_view(fresh_db, "Олимпиады 7–8", user="ivanova", expected_revision=view.revision)
    feed_id = add_custom_feed(fresh_db, "Олимпиады 7–8", user="ivanova")
    store.update(fresh_db, "custom_feeds", feed_id, {"name": "Олимпиады"}, user="petrov")
    with pytest.raises(ConflictError, match=CONFLICT):
        remove_custom_feed(fresh_db, feed_id, user="ivanova", expected_revision=1)
    remove_custom_feed(fresh_db, feed_id, user="ivanova", expected_revision=2)
    delete_view(fresh_db, "Олимпиады 7–8", user="ivanova", expected_revision=2)


def test_settings_saved_over_a_colleagues_are_refused(fresh_db, tmp_path):
    seen = publish_settings(fresh_db)
    save_publish_settings(fresh_db, str(tmp_path), "https://calendar.example.ru", user="petrov",
                          seen=seen)
    with pytest.raises(ConflictError, match="Настройки публикации изменил другой пользователь"):
        save_publish_settings(fresh_db, str(tmp_path / "mine"), "https://mine.example.ru",
                              user="ivanova", seen=seen)
    assert publish_settings(fresh_db) == (str(tmp_path), "https://calendar.example.ru")
    save_publish_settings(fresh_db, str(tmp_path), "https://rcro.example.ru", user="petrov",
                          seen=publish_settings(fresh_db))
    assert [store.get_row(fresh_db, "settings", key)["revision"]
            for key in ("publish_dir", "site_url")] == [1, 2], "a changed setting's version moves"
    letters = letter_settings(fresh_db)
    save_letter_settings(fresh_db, replace(letters, signatory_name="А.Б. Петрова"),
                         user="petrov", seen=letters)
    with pytest.raises(ConflictError, match="Настройки писем изменил другой пользователь"):
        save_letter_settings(fresh_db, replace(letters, signatory_name="И.И. Иванов"),
                             user="ivanova", seen=letters)
    assert letter_settings(fresh_db).signatory_name == "А.Б. Петрова"


def test_the_cli_refuses_an_edit_or_removal_from_the_version_it_names(demo_path):
    def rcro(*args):
        return run_rcro(demo_path, *args)

    ran = rcro("holidays", "add", "01.02.2027", "07.02.2027", "Дополнительные каникулы")
    number = ran.text.split("№")[1].split()[0]
    assert rcro("holidays", "edit", number, "--last", "08.02.2027", "--revision", "1").code == 0
    ran = rcro("holidays", "edit", number, "--name", "Моё", "--revision", "1")
    assert ran.code == 1
    assert ran.err.startswith("Ошибка: Запись изменил другой пользователь (версия 2, а вы "
                              "правили версию 1)"), ran.err
    ran = rcro("holidays", "remove", number, "--revision", "1")
    assert ran.code == 1 and CONFLICT in ran.err
    assert rcro("holidays", "remove", number, "--revision", "2").code == 0


async def test_the_holiday_form_keeps_what_was_typed_when_a_colleague_saved_first(
        make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_holidays(pilot)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, HolidayFormScreen)
        await type_into(pilot, "name", "Осенние каникулы (мои)")
        colleague = connect(demo_path)
        seen = form.holiday
        update_holiday(colleague, seen.id, HolidayDraft(seen.first_day, seen.last_day,
                                                        "Осенние каникулы (Петров)", seen.kind),
                       user="demo", expected_revision=seen.revision)
        colleague.close()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form, "the form stays open"
        assert form.query_one("#f-name", Input).value == "Осенние каникулы (мои)"
        said = [str(n.message) for n in app._notifications]
        assert any(m.startswith(CONFLICT) for m in said), said
    db = open_database(demo_path)
    assert get_holiday(db, seen.id).name == "Осенние каникулы (Петров)"
    db.close()
