"""Organisation names as keys, header mapping of organisation files, and the m006 upgrade."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from rcro_tui.db.connection import open_database
from rcro_tui.db.org_import_read import map_headers
from rcro_tui.db.org_list import OrgFilter, list_orgs
from rcro_tui.errors import InputError
from rcro_tui.model import OrgKind
from rcro_tui.org_names import district_key, kind_of, legal_form_of, name_key, search_key

V1 = Path(__file__).parent / "data" / "schema_v1.sqlite"


@pytest.mark.parametrize("typed", [
    "МБОУ «Кожевниковская СОШ № 2»",
    'мбоу "кожевниковская  сош N2"',
    "МБОУ “Кожевниковская СОШ No. 2”",
    "МБОУ „Кожевниковская СОШ #2“",
    " МБОУ 'Кожевниковская СОШ №2' ",
    "МБОУ «КОЖЕВНИКОВСКАЯ СОШ №  2»",
])
def test_every_way_of_typing_a_name_gives_one_key(typed):
    assert name_key(typed) == "мбоу кожевниковская сош №2"


def test_keys_keep_what_tells_schools_apart():
    assert name_key("МБОУ «Кожевниковская СОШ № 1»") != name_key("МБОУ «Кожевниковская СОШ № 2»")
    assert name_key("МБОУ «Богашевская СОШ им. А.И. Фёдорова»") == \
        name_key("мбоу богашевская сош им.А.И.Федорова")
    assert name_key("Сибур n") == "сибур n", "a lone n is a letter, not a number sign"
    assert name_key("МАОУ СОШ №№ 32") == "маоу сош №32"


def test_search_key_holds_short_name_and_inn():
    assert search_key("ОГБУ «Региональный центр развития образования»", "ОГБУ «РЦРО»",
                      "7017033960") == \
        "огбу региональный центр развития образования | огбу рцро | 7017033960"
    assert search_key("ТГУ", "", None) == "тгу"


def test_legal_form_and_kind_are_guessed_from_the_name():
    assert legal_form_of("МБОУ «Зырянская СОШ»") == "МБОУ"
    assert legal_form_of("ФГАОУ ВО «Национальный исследовательский ТГУ»") == "ФГАОУ ВО"
    assert legal_form_of("МАОУ ДО ДДТ «У Белого озера»") == "МАОУ ДО"
    assert legal_form_of("Институт оптики атмосферы") == ""
    assert legal_form_of("МБОУшка") == ""
    assert kind_of("МБОУ «Зырянская СОШ»") is OrgKind.SCHOOL
    assert kind_of("МАОУ ДО ДДТ «У Белого озера»") is OrgKind.ADDITIONAL
    assert kind_of("ОГБПОУ «Томский техникум»") is OrgKind.COLLEGE
    assert kind_of("Институт сильноточной электроники СО РАН") is OrgKind.RESEARCH
    assert kind_of("ПАО «Сибур»") is OrgKind.COMPANY
    assert kind_of("Томский областной краеведческий музей") is OrgKind.MUSEUM
    assert kind_of("Общественная палата") is OrgKind.OTHER


def test_district_keys_drop_the_generic_words():
    assert district_key("Кожевниковский район") == district_key("Кожевниковский") == "кожевниковский"
    assert district_key("г. Томск") == "томск" != district_key("Томский район")
    assert district_key("ЗАТО Северск") == "северск"


def test_headers_map_by_synonym_and_report_the_rest():
    columns, ignored = map_headers(
        ["№ п/п", "Полное наименование", "ИНН:", "МО", "Адрес ОО", "Тип", "Эл. почта",
         "Контактное лицо ФИО", "Контактное лицо Телефон", "Отметка"], 1)
    assert columns == {"name": 1, "inn": 2, "district": 3, "address": 4, "kind": 5,
                       "email": 6, "contact_name": 7, "contact_phone": 8}
    assert ignored == ["№ п/п", "Отметка"]


def test_a_header_without_a_name_column_is_refused_in_russian():
    with pytest.raises(InputError, match="нет столбца с названием организации"):
        map_headers(["ИНН", "Район"], 3)


def test_upgrade_from_before_m006_fills_the_keys(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copyfile(V1, path)
    names = sqlite3.connect(path).execute("SELECT id, name FROM organizations ORDER BY id").fetchall()
    db = open_database(path)
    rows = db.execute("SELECT id, name, name_key, search_key FROM organizations "
                      "ORDER BY id").fetchall()
    assert [(r[0], r[1]) for r in rows] == names, "names stay byte for byte"
    assert all(r[2] == name_key(r[1]) and r[3].startswith(r[2]) for r in rows)
    assert len(list_orgs(db, OrgFilter())) == len(names)
    db.close()


def test_a_name_changed_behind_the_apps_back_gets_its_keys_again(fresh_db):
    from rcro_tui.db.orgs import OrgDraft, add_org

    org = add_org(fresh_db, OrgDraft("МБОУ «Старая СОШ»"), user="t")
    fresh_db.execute("UPDATE organizations SET name = 'МБОУ «Новая СОШ»' WHERE id = ?", [org])
    assert fresh_db.execute("SELECT name_key FROM organizations").fetchone()[0] is None
    assert [r.name for r in list_orgs(fresh_db, OrgFilter("новая"))] == ["МБОУ «Новая СОШ»"]
