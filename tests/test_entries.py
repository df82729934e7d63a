"""Entries at a stage: every refusal names its field and says what is wrong, in Russian."""

from __future__ import annotations

import pytest

from rcro_tui.db import store
from rcro_tui.db.entries import (EntryDraft, EntryError, add_entry, delete_entry, get_entry,
                                 update_entry)
from rcro_tui.db.entry_check import parse_grade, parse_score, parse_word, RESULT_WORDS

from stage_data import USER, add_second_session, build_region


@pytest.fixture
def region(fresh_db):
    return build_region(fresh_db)


def _refused(db, stage, draft) -> dict[str, str]:
    with pytest.raises(EntryError) as caught:
        add_entry(db, stage, draft, user=USER)
    return caught.value.problems


def test_an_entry_gets_the_session_of_its_schools_district(fresh_db, region):
    entry = add_entry(fresh_db, region.stage, EntryDraft(
        "Иванов Пётр", 8, region.zyr_gym, "Математика", score=17.5), user=USER)
    row = store.get_row(fresh_db, "entries", entry)
    assert row["session_id"] == region.zyr_session
    assert row["subject"] == "математика"  # the stage's spelling
    assert row["score"] == 17.5


def test_no_default_session_when_the_district_has_two(fresh_db, region):
    add_second_session(fresh_db, region)
    entry = add_entry(fresh_db, region.stage, EntryDraft(
        "Иванов Пётр", 8, region.zyr_gym, "физика"), user=USER)
    assert store.get_row(fresh_db, "entries", entry)["session_id"] is None


def test_grade_outside_the_stage(fresh_db, region):
    problems = _refused(fresh_db, region.stage, EntryDraft("Петров Иван", 6, region.kozh2,
                                                           "физика"))
    assert problems == {"grade": "Класс 6: на этап «Региональный этап» допускаются "
                                 "7–11 классы."}


def test_score_over_the_maximum_and_negative(fresh_db, region):
    problems = _refused(fresh_db, region.stage, EntryDraft("Петров Иван", 8, region.kozh2,
                                                           "физика", score=50.5))
    assert problems["score"] == "Балл 50,5 больше максимального балла этапа (50)."
    problems = _refused(fresh_db, region.stage, EntryDraft("Петров Иван", 8, region.kozh2,
                                                           "физика", score=-1))
    assert "отрицательным" in problems["score"]


def test_subject_not_of_the_stage_and_missing_when_several(fresh_db, region):
    problems = _refused(fresh_db, region.stage, EntryDraft("Петров Иван", 8, region.kozh2,
                                                           "химия"))
    assert problems["subject"] == ("Предмет «химия» не из предметов этапа: "
                                   "математика; физика.")
    problems = _refused(fresh_db, region.stage, EntryDraft("Петров Иван", 8, region.kozh2))
    assert "укажите один из предметов" in problems["subject"]


def test_a_session_of_another_stage_is_refused(fresh_db, region):
    problems = _refused(fresh_db, region.stage, EntryDraft("Петров Иван", 8, region.kozh2,
                                                           "физика", session_id=999))
    assert problems["session_id"] == "Площадка № 999 — не площадка этапа «Региональный этап»."


def test_every_problem_at_once(fresh_db, region):
    problems = _refused(fresh_db, region.stage, EntryDraft(" ", 3, region.kozh2, "химия",
                                                           score=99))
    assert set(problems) == {"participant_name", "grade", "subject", "score"}


def test_a_participant_entered_twice_names_the_first_entry(fresh_db, region):
    first = add_entry(fresh_db, region.stage, EntryDraft("Иванов Пётр", 8, region.kozh2,
                                                         "физика"), user=USER)
    problems = _refused(fresh_db, region.stage, EntryDraft("иванов  петр", 8, region.kozh2,
                                                           "Физика"))
    assert problems["participant_name"] == (
        f"«иванов петр» уже внесён(а) на этот этап (запись № {first}: Иванов Пётр, 8 класс, "
        "МБОУ «Кожевниковская СОШ № 2», физика).")
    # the same child in another subject is another entry
    add_entry(fresh_db, region.stage, EntryDraft("Иванов Пётр", 8, region.kozh2, "математика"),
              user=USER)


def test_update_checks_and_names_the_revision(fresh_db, region):
    entry = add_entry(fresh_db, region.stage, EntryDraft("Иванов Пётр", 8, region.kozh2,
                                                         "физика"), user=USER)
    stage, draft, revision = get_entry(fresh_db, entry)
    assert stage == region.stage and revision == 1
    from dataclasses import replace
    assert update_entry(fresh_db, entry, replace(draft, score=33, result="prize"), user=USER,
                        expected_revision=1) == 2
    with pytest.raises(store.ConflictError):
        update_entry(fresh_db, entry, replace(draft, score=34), user=USER,
                     expected_revision=1)
    with pytest.raises(EntryError) as caught:
        update_entry(fresh_db, entry, replace(draft, score=51), user=USER,
                     expected_revision=2)
    assert set(caught.value.problems) == {"score"}
    # saving itself unchanged is not a duplicate of itself
    assert update_entry(fresh_db, entry, replace(draft, score=33, result="prize"), user=USER,
                        expected_revision=2) == 2


def test_delete_keeps_the_row_in_the_audit_log(fresh_db, region):
    entry = add_entry(fresh_db, region.stage, EntryDraft("Иванов Пётр", 8, region.kozh2,
                                                         "физика"), user=USER)
    delete_entry(fresh_db, entry, user=USER)
    assert fresh_db.execute("SELECT count(*) FROM entries").fetchone()[0] == 0
    action = fresh_db.execute("SELECT action FROM changes WHERE table_name = 'entries' "
                              "ORDER BY id DESC").fetchone()[0]
    assert action == "delete"


@pytest.mark.parametrize("text, value", [("17", 17.0), ("17,5", 17.5), (" 17.5 ", 17.5),
                                         ("", None), (12, 12.0), (None, None)])
def test_scores_as_typed(text, value):
    assert parse_score(text) == value


@pytest.mark.parametrize("text", ["семнадцать", "17,5,1", "nan", "—"])
def test_not_a_score(text):
    with pytest.raises(ValueError, match="не число"):
        parse_score(text)


@pytest.mark.parametrize("text, value", [("8", 8), ("8 класс", 8), ("8А", 8), ("8 кл.", 8),
                                         (8.0, 8), ("", None)])
def test_grades_as_typed(text, value):
    assert parse_grade(text) == value


def test_results_in_russian():
    assert parse_word("Призер", RESULT_WORDS, "результат") == "prize"
    assert parse_word("победитель", RESULT_WORDS, "результат") == "winner"
    with pytest.raises(ValueError, match="не результат"):
        parse_word("лауреат", RESULT_WORDS, "результат")
