"""Importing a results protocol: all or nothing, every problem named by row, column and value."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from rcro_tui.db.entries import EntryDraft, add_entry
from rcro_tui.db.entry_import import (CREATE, apply_entry_import, import_results,
                                      plan_entry_import)
from rcro_tui.errors import InputError

from stage_data import USER, build_region

HEADER = "ФИО;Класс;ОО;Муниципалитет;Предмет;Итого;Результат"
GOOD = [
    "Иванов Пётр;8;МБОУ Кожевниковская СОШ №2;Кожевниковский;математика;45;победитель",
    "Петрова Анна;9 класс;МБОУ «Уртамская СОШ»;Кожевниковский район;математика;38,5;призер",
    "Сидоров Олег;10;Зырянская гимназия;;физика;12;участник",
    "Орлова Мария;7;МБОУ \"Зырянская СОШ\";Зырянский район;Физика;;",
]


@pytest.fixture
def region(fresh_db):
    region = build_region(fresh_db)
    # «Зырянская гимназия» is the short name people write
    fresh_db.execute("UPDATE organizations SET short_name = 'Зырянская гимназия' WHERE id = ?",
                     [region.zyr_gym])
    return region


def _csv(lines: list[str], encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def _entries(db) -> list[tuple]:
    return db.execute("SELECT participant_name, grade, organization_id, subject, score, result, "
                      "session_id FROM entries ORDER BY id").fetchall()


def _problems(db, stage, data, keep: bool = False, **options) -> str:
    with pytest.raises(InputError) as caught:
        import_results(db, stage, data, user=USER, source_name="протокол.csv", **options)
    assert db.execute("SELECT count(*) FROM entries").fetchone()[0] == 0 or keep
    return caught.value.message


def test_a_good_protocol_is_imported_with_schools_and_sessions(fresh_db, region):
    plan = import_results(fresh_db, region.stage, _csv([HEADER, *GOOD]), user=USER,
                          source_name="протокол.csv")
    assert plan.summary() == "Добавлено 4 участника."
    assert _entries(fresh_db) == [
        ("Иванов Пётр", 8, region.kozh2, "математика", 45.0, "winner", region.kozh_session),
        ("Петрова Анна", 9, region.urtam, "математика", 38.5, "prize", region.kozh_session),
        ("Сидоров Олег", 10, region.zyr_gym, "физика", 12.0, "participant", region.zyr_session),
        ("Орлова Мария", 7, region.zyr1, "физика", None, "participant", region.zyr_session)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
def test_encodings_and_separators(fresh_db, region, encoding):
    lines = [line.replace(";", "\t") for line in [HEADER, *GOOD]] if encoding == "cp1251" \
        else [HEADER, *GOOD]
    plan = import_results(fresh_db, region.stage, _csv(lines, encoding), user=USER, dry_run=True)
    assert [row.draft.participant_name for row in plan.rows][:2] == ["Иванов Пётр",
                                                                     "Петрова Анна"]
    assert fresh_db.execute("SELECT count(*) FROM entries").fetchone()[0] == 0


def test_xlsx(fresh_db, region, tmp_path: Path):
    book = Workbook()
    sheet = book.active
    sheet.append(["№", "Фамилия Имя Отчество", "Класс", "Образовательная организация", "ИНН",
                  "Предмет", "Баллы", "Статус"])
    sheet.append([1, "Иванов Пётр", 8, "школа с другим названием", 7008004480, "математика",
                  41.5, "Призёр"])
    sheet.append([2, "Ким Алла", 11, "МБОУ «Уртамская СОШ»", None, "физика", 30, "не явилась"])
    path = tmp_path / "протокол.xlsx"
    book.save(path)
    plan = import_results(fresh_db, region.stage, path, user=USER)
    assert plan.ignored_columns == ["№"]
    assert fresh_db.execute("SELECT organization_id, score, result, status FROM entries "
                            "ORDER BY id").fetchall() == [
        (region.kozh2, 41.5, "prize", "admitted"), (region.urtam, 30.0, "participant", "absent")]


def test_bad_cells_are_all_listed_and_nothing_written(fresh_db, region):
    message = _problems(fresh_db, region.stage, _csv([
        HEADER,
        "Иванов Пётр;8;МБОУ Кожевниковская СОШ №2;;математика;сорок;победитель",
        "Петрова Анна;5;МБОУ «Уртамская СОШ»;;математика;51;лауреат",
        "Сидоров Олег;10;Зырянская гимназия;;химия;12;",
        ";10;Зырянская гимназия;Нигде;физика;12;",
    ]))
    lines = message.splitlines()
    assert lines[0] == ("Файл «протокол.csv» не импортирован, в базу ничего не записано: "
                        "7 ошибок.")
    assert lines[1:] == [
        "  Строка 2, столбец «Итого»: «сорок» — не число; балл пишется цифрами, например 17 "
        "или 17,5.",
        "  Строка 3, столбец «Результат»: «лауреат» — не результат; ожидается: «участник», "
        "«призёр», «победитель».",
        "  Строка 3, столбец «Класс»: Класс 5: на этап «Региональный этап» допускаются "
        "7–11 классы.",
        "  Строка 3, столбец «Итого»: Балл 51 больше максимального балла этапа (50).",
        "  Строка 4, столбец «Предмет»: Предмет «химия» не из предметов этапа: "
        "математика; физика.",
        "  Строка 5, столбец «ФИО»: пусто — заполните ячейку.",
        "  Строка 5, столбец «Муниципалитет»: «Нигде» — нет такого муниципалитета."]


def test_a_missing_column_is_named(fresh_db, region):
    message = _problems(fresh_db, region.stage, _csv(["ФИО;ОО;Предмет;Итого", GOOD[0]]))
    assert message == ("Файл «протокол.csv», строка 1: в заголовке нет столбца «Класс» (или "
                       "«Класс обучения», «Класс участия»). Ничего не импортировано.")


def test_subject_column_is_required_when_the_stage_has_several(fresh_db, region):
    message = _problems(fresh_db, region.stage, _csv(["ФИО;Класс;ОО;Балл", "А Б;8;ОО;1"]))
    assert "нет столбца «Предмет»" in message


def test_duplicates_in_the_file_and_at_the_stage(fresh_db, region):
    first = add_entry(fresh_db, region.stage, EntryDraft("Орлова Мария", 7, region.zyr1,
                                                         "физика"), user=USER)
    message = _problems(fresh_db, region.stage, _csv([HEADER, *GOOD, GOOD[0].replace("45", "44")]),
                        keep=True)
    assert (f"  Строка 5, столбец «ФИО»: «Орлова Мария» уже внесён(а) на этап (запись № {first}: "
            "Орлова Мария, 7 класс, МБОУ «Зырянская СОШ», физика).") in message
    assert "  Строка 6, столбец «ФИО»: «Иванов Пётр» уже есть в строке 2 этого файла." in message
    assert fresh_db.execute("SELECT count(*) FROM entries").fetchone()[0] == 1


def test_an_unknown_school_offers_the_closest_names(fresh_db, region):
    data = _csv([HEADER, "Иванов Пётр;8;МБОУ Зырянская СОШ №3;Зырянский район;физика;10;",
                 "Котов Илья;9;МБОУ Зырянская СОШ №3;Зырянский район;физика;11;"])
    message = _problems(fresh_db, region.stage, data)
    assert message.splitlines()[1] == (
        "  Строки 2, 3, столбец «ОО»: «МБОУ Зырянская СОШ №3» (Зырянский район) нет в базе. "
        "Похожие: «МБОУ «Зырянская СОШ» — Зырянский район», «МАОУ «Зырянская гимназия» — "
        "Зырянский район». Сопоставьте её со школой из базы или создайте (--create-missing).")
    plan = plan_entry_import(fresh_db, region.stage, data)
    [unknown] = plan.unknown
    assert unknown.suggestions[0] == (region.zyr1, "МБОУ «Зырянская СОШ» — Зырянский район")
    # matched with the suggestion: the rows go to that school
    plan = plan_entry_import(fresh_db, region.stage, data, choices={unknown.key: region.zyr1})
    assert not plan.problems
    apply_entry_import(fresh_db, plan, user=USER)
    assert {row[2] for row in _entries(fresh_db)} == {region.zyr1}


def test_create_missing_makes_the_school_in_the_rows_district(fresh_db, region):
    data = _csv([HEADER, "Иванов Пётр;8;МБОУ Зырянская СОШ №3;Зырянский район;физика;10;",
                 "Котов Илья;9;МБОУ Зырянская СОШ №3;Зырянский район;физика;11;"])
    plan = import_results(fresh_db, region.stage, data, user=USER, create_missing=True)
    assert plan.summary() == "Добавлено 2 участника; создано 1 школа."
    school = fresh_db.execute("SELECT id, kind, district_id FROM organizations WHERE name = "
                              "'МБОУ Зырянская СОШ №3'").fetchone()
    assert school[1:] == ("school", region.zyr)
    assert [row[2] for row in _entries(fresh_db)] == [school[0], school[0]]
    assert {row[6] for row in _entries(fresh_db)} == {region.zyr_session}


def test_create_missing_needs_a_district(fresh_db, region):
    message = _problems(fresh_db, region.stage, _csv([
        "ФИО;Класс;ОО;Предмет;Балл", "Иванов Пётр;8;Новая школа;физика;10"]), create_missing=True)
    assert "создать школу без района нельзя" in message


def test_replace_reimports_a_corrected_protocol(fresh_db, region):
    import_results(fresh_db, region.stage, _csv([HEADER, *GOOD]), user=USER)
    corrected = [HEADER, GOOD[0].replace(";45;", ";46;"), *GOOD[1:]]
    with pytest.raises(InputError, match="уже внесён"):
        import_results(fresh_db, region.stage, _csv(corrected), user=USER)
    plan = import_results(fresh_db, region.stage, _csv(corrected), user=USER, replace=True)
    assert plan.summary() == "Добавлено 4 участника; прежних записей удалено 4."
    assert [row[4] for row in _entries(fresh_db)] == [46.0, 38.5, 12.0, None]


def test_replace_one_session_keeps_the_others(fresh_db, region):
    import_results(fresh_db, region.stage, _csv([HEADER, *GOOD]), user=USER)
    plan = import_results(fresh_db, region.stage, _csv([HEADER, GOOD[2]]), user=USER,
                          replace=True, session_id=region.zyr_session)
    assert len(plan.replaced) == 2
    assert [row[0] for row in _entries(fresh_db)] == ["Иванов Пётр", "Петрова Анна",
                                                      "Сидоров Олег"]


def test_replace_refuses_when_participants_already_advanced(fresh_db, region):
    import_results(fresh_db, region.stage, _csv([HEADER, *GOOD]), user=USER)
    fresh_db.execute("UPDATE entries SET status = 'advanced' WHERE grade = 8")
    message = _problems(fresh_db, region.stage, _csv([HEADER, *GOOD]), replace=True, keep=True)
    assert "1 участник заменяемого протокола уже прошли на следующий этап" in message


def test_the_session_column_and_option(fresh_db, region):
    data = _csv(["ФИО;Класс;ОО;Предмет;Балл;Площадка",
                 "Иванов Пётр;8;МБОУ «Уртамская СОШ»;физика;10;Зырянский район",
                 "Котов Илья;9;МБОУ «Уртамская СОШ»;физика;11;",
                 "Ким Алла;9;МБОУ «Уртамская СОШ»;физика;11;Луна"])
    message = _problems(fresh_db, region.stage, data, session_id=region.zyr_session)
    assert "Строка 4, столбец «Площадка»: «Луна» — не площадка этапа (Кожевниковский район: " \
           "МБОУ «Кожевниковская СОШ № 2», 14.03.2027; Зырянский район: МБОУ «Зырянская " \
           "СОШ», 14.03.2027)." in message
    plan = plan_entry_import(fresh_db, region.stage, data.rsplit(b"\r\n", 2)[0] + b"\r\n",
                             session_id=region.zyr_session)
    assert [row.draft.session_id for row in plan.rows] == [region.zyr_session] * 2
    with pytest.raises(InputError, match="не площадка этапа"):
        plan_entry_import(fresh_db, region.stage, data, session_id=999)


def test_create_value_is_zero():
    assert CREATE == 0
