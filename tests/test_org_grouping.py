"""Organisations grouped as the letters list them («МАОУ СОШ №№ 32, 47, 50, 58 г. Томска»)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from rcro_tui.org_grouping import Listed, grouped_names, grouped_text, split_place

SEED_004 = ("МАОУ гимназия № 13, МАОУ лицей № 7, МАОУ СОШ №№ 32, 47, 50, 58 г. Томска, "
            "МБОУ «Богашевская СОШ им. А.И. Фёдорова», МБОУ «Октябрьская СОШ» Томского района, "
            "МБОУ «Кожевниковская СОШ № 2», МБОУ «Кривошеинская СОШ им. Героя Советского Союза "
            "Федора Матвеевича Зинченко», МБОУ «Зырянская СОШ»")


def webinar_schools() -> list[Listed]:
    tomsk = [f"МАОУ {name} г. Томска" for name in (
        "гимназия № 13", "лицей № 7", "СОШ № 32", "СОШ № 47", "СОШ № 50", "СОШ № 58")]
    return [*(Listed(name, "г. Томска") for name in tomsk),
            Listed("МБОУ «Богашевская СОШ им. А.И. Фёдорова»", "Томского района"),
            Listed("МБОУ «Октябрьская СОШ» Томского района", "Томского района"),
            Listed("МБОУ «Кожевниковская СОШ № 2»", "Кожевниковского района"),
            Listed("МБОУ «Кривошеинская СОШ им. Героя Советского Союза Федора Матвеевича "
                   "Зинченко»", "Кривошеинского района"),
            Listed("МБОУ «Зырянская СОШ»", "Зырянского района")]


def test_the_eleven_schools_of_seed_004_read_as_the_letter_does():
    assert grouped_text(webinar_schools()) == SEED_004


def test_numbers_are_sorted_and_given_once():
    items = [Listed(f"МАОУ СОШ № {n} г. Томска", "г. Томска") for n in (58, 32, 47, 32)]
    assert grouped_names(items) == ["МАОУ СОШ №№ 32, 47, 58 г. Томска"]


def test_one_numbered_school_keeps_its_name():
    assert grouped_names([Listed("МАОУ СОШ № 32 г. Томска", "г. Томска")]) \
        == ["МАОУ СОШ № 32 г. Томска"]


def test_a_number_inside_quotes_is_not_merged():
    items = [Listed("МБОУ «Кожевниковская СОШ № 1»"), Listed("МБОУ «Кожевниковская СОШ № 2»")]
    assert grouped_names(items) == ["МБОУ «Кожевниковская СОШ № 1»",
                                    "МБОУ «Кожевниковская СОШ № 2»"]


def test_different_legal_forms_or_places_are_not_merged():
    items = [Listed("МАОУ СОШ № 1 г. Томска", "г. Томска"),
             Listed("МБОУ СОШ № 2 г. Томска", "г. Томска"),
             Listed("МАОУ СОШ № 3 г. Северска", "г. Северска")]
    assert grouped_text(items) == "МАОУ СОШ № 1, МБОУ СОШ № 2 г. Томска, МАОУ СОШ № 3 г. Северска"


def test_a_place_that_is_the_whole_name_is_kept():
    assert split_place("г. Томска", "г. Томска") == ("г. Томска", "")
    assert split_place("МАОУ СОШ № 4 г. Томска", "") == ("МАОУ СОШ № 4 г. Томска", "")


_WORD = st.text(alphabet="АБВгдеёжз«»\" .", min_size=1, max_size=12).map(str.strip).filter(bool)
_NAME = st.one_of(
    st.builds(lambda head, n: f"{head} № {n}", st.sampled_from(["МАОУ СОШ", "МБОУ ООШ", "МАОУ лицей"]),
              st.integers(min_value=1, max_value=200)),
    _WORD)
_ITEM = st.builds(lambda name, place: Listed(f"{name} {place}".strip() if place else name, place),
                  _NAME, st.sampled_from(["", "г. Томска", "Томского района"]))


@given(st.lists(_ITEM, max_size=15))
def test_nothing_is_lost_and_nothing_is_invented(items):
    text = grouped_text(items)
    for item in items:
        core, _place = split_place(item.name, item.place)
        match = re.match(r"^(.*?\S)\s*№\s*(\d+)$", core)
        if match and match[1].count("«") == match[1].count("»") and match[1].count('"') % 2 == 0:
            assert match[1] in text and re.search(rf"\b{match[2]}\b", text)
        else:
            assert core in text
        if item.place:
            assert item.place in text
    numbers_in = sorted(int(n) for item in items for n in re.findall(r"№ (\d+)", item.name))
    assert len(grouped_names(items)) <= len(items)
    assert set(int(n) for n in re.findall(r"\d+", text)) >= set(numbers_in)
