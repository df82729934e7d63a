"""Saved views: create or replace by name, rename, delete — audited, with Russian refusals."""

from __future__ import annotations

import json
from datetime import date

import pytest

from rcro_tui.errors import InputError, UserError
from rcro_tui.db.event_filter import EventFilter
from rcro_tui.db.saved_views import (MAX_NAME, delete_view, get_view, list_views, rename_view,
                                     save_view)

OLYMPIADS = EventFilter(kinds=("olympiad",), grade=8, first_day=date(2026, 12, 1))


def log(db) -> list[tuple[str, str]]:
    return [(row["user"], row["action"]) for row in db.query(
        "SELECT user, action FROM changes WHERE table_name = 'saved_views' ORDER BY id")]


def test_save_then_get_gives_the_same_filter(fresh_db):
    saved = save_view(fresh_db, "  Олимпиады\t8 класса ", OLYMPIADS, user="ivanova")
    assert saved.name == "Олимпиады 8 класса" and saved.owner == "ivanova"
    assert get_view(fresh_db, "Олимпиады 8 класса").filter == OLYMPIADS
    assert log(fresh_db) == [("ivanova", "insert")]


def test_saving_under_an_existing_name_replaces_its_filter(fresh_db):
    save_view(fresh_db, "Мои", OLYMPIADS, user="ivanova")
    again = save_view(fresh_db, "Мои", EventFilter(text="ёлка"), user="petrov")
    assert [v.name for v in list_views(fresh_db)] == ["Мои"]
    assert again.filter == EventFilter(text="ёлка") and again.revision == 2
    assert again.owner == "ivanova"  # the view keeps its author; the log says who changed it
    assert log(fresh_db) == [("ivanova", "insert"), ("petrov", "update")]
    after = json.loads(next(fresh_db.query(
        "SELECT after FROM changes WHERE action = 'update'"))["after"])
    assert json.loads(after["filter"]) == {"text": "ёлка"}


def test_views_are_listed_by_name_ignoring_case_and_yo(fresh_db):
    for name in ("ёлки", "Вебинары", "Елово", "аудитория"):
        save_view(fresh_db, name, EventFilter(), user="u")
    assert [v.name for v in list_views(fresh_db)] == ["аудитория", "Вебинары", "ёлки", "Елово"]


def test_missing_view_lists_the_names_there_are(fresh_db):
    with pytest.raises(UserError, match="Сохранённых видов пока нет"):
        get_view(fresh_db, "Мои")
    save_view(fresh_db, "Олимпиады", OLYMPIADS, user="u")
    save_view(fresh_db, "Вебинары", EventFilter(kinds=("webinar",)), user="u")
    with pytest.raises(UserError, match="Вида «Мои» нет. Сохранённые виды: «Вебинары», "
                                        "«Олимпиады»."):
        get_view(fresh_db, "Мои")


def test_rename_and_delete(fresh_db):
    save_view(fresh_db, "Олимпиады", OLYMPIADS, user="u")
    save_view(fresh_db, "Вебинары", EventFilter(kinds=("webinar",)), user="u")
    renamed = rename_view(fresh_db, "Олимпиады", "Олимпиады 8 класса", user="v")
    assert renamed.name == "Олимпиады 8 класса" and renamed.filter == OLYMPIADS
    with pytest.raises(InputError, match="Вид «Вебинары» уже есть"):
        rename_view(fresh_db, "Олимпиады 8 класса", "Вебинары", user="v")
    delete_view(fresh_db, "Вебинары", user="w")
    assert [v.name for v in list_views(fresh_db)] == ["Олимпиады 8 класса"]
    assert log(fresh_db)[-2:] == [("v", "update"), ("w", "delete")]
    with pytest.raises(UserError, match="Вида «Вебинары» нет"):
        delete_view(fresh_db, "Вебинары", user="w")


@pytest.mark.parametrize("name, message", [
    ("", "Название вида: поле не может быть пустым"),
    ("\x00\x1b ", "поле не может быть пустым"),
    ("я" * (MAX_NAME + 1), f"можно не больше {MAX_NAME}"),
])
def test_bad_names_are_refused_and_nothing_is_written(fresh_db, name, message):
    with pytest.raises(InputError, match=message):
        save_view(fresh_db, name, OLYMPIADS, user="u")
    assert list_views(fresh_db) == [] and log(fresh_db) == []


def test_a_damaged_stored_filter_is_a_russian_error(fresh_db):
    save_view(fresh_db, "Мои", OLYMPIADS, user="u")
    fresh_db.execute("UPDATE saved_views SET filter = '{broken'")
    with pytest.raises(InputError, match="Сохранённый фильтр повреждён"):
        get_view(fresh_db, "Мои")
