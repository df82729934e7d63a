"""Importing organisations from files as coordinators have them: all or nothing, no duplicates."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from rcro_tui.db.org_import import import_orgs, plan_import
from rcro_tui.errors import InputError

DATA = Path(__file__).parent / "data" / "orgs"
TODAY = date(2026, 11, 23)
TABLES = ("organizations", "contacts", "memberships", "membership_steps", "changes")


def snapshot(db) -> dict[str, list]:
    """Every row of the tables an import may touch, as they are."""
    return {t: db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}


def org(db, name_like: str) -> dict:
    rows = list(db.query("SELECT * FROM organizations WHERE name LIKE ?", [name_like]))
    assert len(rows) == 1, rows
    return rows[0]


def test_windows_1251_csv_with_semicolons(demo_db):
    before = demo_db.execute("SELECT count(*) FROM organizations").fetchone()[0]
    plan = import_orgs(demo_db, DATA / "schools-cp1251.csv", user="demo", today=TODAY)
    assert (plan.tally("add"), plan.tally("update"), plan.tally("same")) == (2, 2, 0)
    assert demo_db.execute("SELECT count(*) FROM organizations").fetchone()[0] == before + 2
    kozh = org(demo_db, "%Кожевниковская СОШ № 2%")
    assert (kozh["inn"], kozh["address"], kozh["phone"]) == (
        "7008004480", "с. Кожевниково, ул. Гагарина, 20", "8 (38244) 2-14-85")
    zyr = org(demo_db, "%Зырянская СОШ%")
    assert zyr["name"] == "МБОУ «Зырянская СОШ»", "matched by name despite \"quotes\"; name kept"
    cadets = org(demo_db, "%«Северский кадетский корпус»%")
    assert cadets["name"] == "ОГБОУ «Кадетская школа-интернат «Северский кадетский корпус»»"
    assert (cadets["legal_form"], cadets["kind"]) == ("ОГБОУ", "school")
    assert cadets["source"] == "импорт из «schools-cp1251.csv»"
    lyceum = org(demo_db, "%Светленский%")
    assert (lyceum["inn"], lyceum["kind"]) == ("7014038751", "school")


def test_reimporting_the_same_file_changes_nothing(demo_db):
    for name in ("schools-cp1251.csv", "hub-schools-merged.xlsx"):
        import_orgs(demo_db, DATA / name, user="demo", today=TODAY)
        before = snapshot(demo_db)
        plan = import_orgs(demo_db, DATA / name, user="demo", today=TODAY)
        assert plan.tally("add") == plan.tally("update") == 0
        assert snapshot(demo_db) == before, f"{name}: not even updated_at or revision moved"


def test_xlsx_with_merged_header_cells_and_an_extra_column(demo_db):
    plan = import_orgs(demo_db, DATA / "hub-schools-merged.xlsx", user="demo", today=TODAY)
    assert plan.ignored_columns == ["Отметка РЦРО"]
    assert "Столбцы без соответствия пропущены: «Отметка РЦРО»." in plan.summary()
    school = org(demo_db, "МАОУ СОШ № 32 г. Томска")
    contact = demo_db.execute("SELECT name, position, phone FROM contacts "
                              "WHERE organization_id = ?", [school["id"]]).fetchall()
    assert ("Иванова Анна Петровна", "заместитель директора", "8 (3822) 44-12-10") in contact
    membership = next(demo_db.query(
        "SELECT m.* FROM memberships m JOIN programs p ON p.id = m.program_id "
        "WHERE m.organization_id = ? AND p.short_name = 'Парк ЕНОТо' AND m.role = 'hub'",
        [school["id"]]))
    assert (membership["role"], membership["status"], membership["decision_doc"]) == (
        "hub", "approved", "приказ № 521 от 02.06.2022")
    steps = demo_db.execute("SELECT status, on_date FROM membership_steps WHERE membership_id = ? "
                            "ORDER BY id", [membership["id"]]).fetchall()
    assert steps == [("approved", "2022-06-02")]
    gymnasium = org(demo_db, "МАОУ гимназия № 13 г. Томска")
    assert gymnasium["district_id"] == 1, "the district merged down over both schools"
    applied = demo_db.execute("SELECT status FROM memberships m JOIN programs p "
                              "ON p.id = m.program_id WHERE organization_id = ? "
                              "AND p.short_name = 'Парк ЕНОТо'", [gymnasium["id"]]).fetchall()
    assert applied == [("applied",)]


def test_one_bad_row_imports_nothing_and_names_the_row(demo_db):
    before = snapshot(demo_db)
    with pytest.raises(InputError) as caught:
        import_orgs(demo_db, DATA / "one-bad-row.csv", user="demo", today=TODAY)
    assert snapshot(demo_db) == before
    assert caught.value.message == (
        "Файл «one-bad-row.csv» не импортирован, в базу ничего не записано: 1 ошибка.\n"
        "  Строка 3, столбец «ИНН»: ИНН «7008004481» неверный — нужно 10 или 12 цифр с "
        "верными контрольными цифрами.")


def test_the_preview_shows_every_row_and_problem_before_anything_is_written(demo_db):
    before = snapshot(demo_db)
    plan = plan_import(demo_db, DATA / "one-bad-row.csv")
    assert [(r.number, r.action) for r in plan.rows] == [(2, "same"), (3, "bad"), (4, "add")]
    assert plan.summary() == "В файле 1 ошибка: ничего не импортировано."
    assert snapshot(demo_db) == before


def test_same_organisation_twice_in_a_file_and_unknown_values(demo_db):
    data = ("Наименование;Район;Тип;Программа;Роль\r\n"
            "МБОУ «Новая СОШ»;Томский;школа;;\r\n"
            "МБОУ \"Новая СОШ\";Томский район;;;\r\n"
            "МБОУ «Другая СОШ»;Марсианский район;завод;Интеграция;главная\r\n").encode("cp1251")
    with pytest.raises(InputError) as caught:
        import_orgs(demo_db, data, user="demo", today=TODAY, source_name="x.csv")
    message = caught.value.message
    assert "Строка 3: та же организация, что в строке 2" in message
    assert "Строка 4, столбец «Район»: муниципальное образование «Марсианский район» не найдено" \
        in message
    assert "Строка 4, столбец «Тип»: «завод» — нет такого вида" in message
    assert "Строка 4, столбец «Роль»: «главная» — нет такой роли" in message


def test_names_alike_in_two_districts_are_two_schools(demo_db):
    data = ("Наименование ОО;МО\r\nМБОУ «СОШ № 1»;Асиновский район\r\n"
            "МБОУ «СОШ № 1»;Колпашевский район\r\n").encode("utf-8-sig")
    plan = import_orgs(demo_db, data, user="demo", today=TODAY)
    assert plan.tally("add") == 2
    again = import_orgs(demo_db, data.replace("«".encode(), b'"').replace("»".encode(), b'"'),
                        user="demo", today=TODAY)
    assert again.tally("same") == 2, "found again by name and district, other quotes or not"


def test_an_inn_in_the_file_finds_a_renamed_school(demo_db):
    import_orgs(demo_db, DATA / "schools-cp1251.csv", user="demo", today=TODAY)
    data = "ИНН,Наименование\r\n7014038751,МАОУ «Светленский лицей имени Героя»\r\n"
    plan = import_orgs(demo_db, data.encode(), user="demo", today=TODAY)
    assert plan.tally("update") == 1
    assert org(demo_db, "%Светленский%")["name"] == "МАОУ «Светленский лицей имени Героя»"


def test_export_then_import_round_trips(demo_path, demo_db, tmp_path):
    from conftest import run_rcro

    for name in ("orgs.csv", "orgs.xlsx"):
        ran = run_rcro(demo_path, "orgs", "export", str(tmp_path / name))
        assert ran.code == 0, ran.err
        before = snapshot(demo_db)
        plan = import_orgs(demo_db, tmp_path / name, user="demo", today=TODAY)
        assert plan.tally("add") == plan.tally("update") == 0
        assert plan.tally("same") == 100
        assert snapshot(demo_db) == before
    sheet = load_workbook(io.BytesIO((tmp_path / "orgs.xlsx").read_bytes())).active
    assert [c.value for c in sheet[1]][:4] == ["Наименование", "Краткое наименование", "ИНН",
                                               "Муниципалитет"]


def test_xlsx_number_cells_for_inn_keep_their_leading_zero(fresh_db):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Наименование", "ИНН"])
    book.active.append(["АНО «Школа в Адыгее»", 105020396])  # ИНН 0105020396 as a number
    book.active.append(["ООО «Сибирь»", 7017033960.0])
    data = io.BytesIO()
    book.save(data)
    import_orgs(fresh_db, data.getvalue(), user="demo", today=TODAY, source_name="x.xlsx")
    assert fresh_db.execute("SELECT inn FROM organizations ORDER BY id").fetchall() == [
        ("0105020396",), ("7017033960",)]
