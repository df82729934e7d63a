"""`rcro-tui members list|apply|decide|history` on the demo region."""

from __future__ import annotations

import csv
import io
import json

from conftest import run_rcro

ORDER = "приказ № 521 от 02.06.2022"


def test_list_filters_by_programme_role_district_and_status(demo_path):
    ran = run_rcro(demo_path, "members", "list", "--program", "Образование через коммуникацию",
                   "--role", "опорная", "--status", "заявка", "--status", "на рассмотрении",
                   "--on", "23.11.2026", "--format", "json")
    assert ran.code == 0, ran.err
    rows = json.loads(ran.text)
    assert [(r["organization"], r["status_text"], r["district"]) for r in rows] == [
        ("МБОУ «Кожевниковская СОШ № 2»", "заявка подана", "Кожевниковский район"),
        ("МБОУ «Тегульдетская СОШ»", "на рассмотрении", "Тегульдетский район")]
    ran = run_rcro(demo_path, "members", "list", "--district", "Тегульдетский", "--format",
                   "plain", "--on", "23.11.2026")
    assert "Тегульдетская СОШ" in ran.text and "Кожевниковская" not in ran.text


def test_list_flags_expiring_statuses_in_csv_for_excel(demo_path):
    ran = run_rcro(demo_path, "members", "list", "--status", "истекает", "--on", "15.07.2027",
                   "--format", "csv")
    assert ran.code == 0 and ran.out.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(ran.text.lstrip("\ufeff")), delimiter=";"))
    assert rows and all(r["status_text"].startswith("⚠ истекает 31.08.2027") for r in rows)


def test_apply_approve_and_history(demo_path):
    ran = run_rcro(demo_path, "members", "apply", "Уртамская", "Образование через",
                   "--role", "опорная", "--date", "01.12.2026")
    assert ran.code == 0, ran.err
    assert "опорная школа" in ran.text and "заявка подана 01.12.2026" in ran.text
    number = ran.text.split("№")[1].split(":")[0]
    ran = run_rcro(demo_path, "members", "decide", number, "--approve", "--document", ORDER,
                   "--date", "02.12.2026", "--until", "31.08.2027")
    assert ran.code == 0, ran.err
    assert "одобрена 02.12.2026, действует до 31.08.2027" in ran.text
    ran = run_rcro(demo_path, "members", "history", number)
    lines = ran.text.splitlines()
    assert [line.split()[0] for line in lines[4:]] == ["15.09.2026", "14.10.2026", "01.12.2026",
                                                       "02.12.2026"]
    assert ORDER in lines[-1] and "ivanova" in lines[-1]


def test_refusals_are_one_russian_line(demo_path):
    ran = run_rcro(demo_path, "members", "decide", "17", "--approve", "--date", "02.12.2026")
    assert ran.code == 1 and "принимается документом" in ran.err
    ran = run_rcro(demo_path, "members", "decide", "17")
    assert ran.code == 1 and "Укажите решение" in ran.err
    ran = run_rcro(demo_path, "members", "decide", "abc", "--review")
    assert ran.code == 1 and "не номер заявки" in ran.err
    ran = run_rcro(demo_path, "members", "apply", "Кожевниковская СОШ № 2", "1", "--role",
                   "опорная")
    assert ran.code == 1 and "уже в программе" in ran.err
    assert "Traceback" not in ran.err


def test_another_region_imports_its_districts_from_excel_csv(tmp_path):
    path = tmp_path / "nsk.csv"
    path.write_bytes("Муниципальное образование;Вид;Глава\r\nг. Новосибирск;городской округ;"
                     "x\r\nБердск;округ;\r\nТогучинский район;;y\r\n".encode("cp1251"))
    db_path = tmp_path / "nsk.sqlite"
    ran = run_rcro(db_path, "districts", "import", str(path))
    assert ran.code == 0 and "Добавлено: 3 муниципалитета; уже были: 0." in ran.text
    assert "Добавлено: 0 муниципалитетов; уже были: 3." in run_rcro(
        db_path, "districts", "import", str(path)).text
    listed = run_rcro(db_path, "districts", "list", "--format", "plain").text
    assert listed.index("г. Новосибирск") < listed.index("Бердск") < listed.index("Тогучинский")
    assert "городской округ" in listed.splitlines()[3] and "муниципальный район" in listed
    bad = tmp_path / "bad.csv"
    bad.write_text("Название,Вид\nКупинский район,район\nОрдынский район,деревня\n",
                   encoding="utf-8")
    ran = run_rcro(db_path, "districts", "import", str(bad))
    assert ran.code == 1 and "строка 3: вид «деревня» не понят" in ran.err
    assert "Купинский" not in run_rcro(db_path, "districts", "list").text


def test_districts_list_warns_where_a_programme_has_no_hub(demo_path):
    ran = run_rcro(demo_path, "districts", "list", "--program", "1", "--format", "plain")
    lines = {line.split("  ")[0]: line for line in ran.text.splitlines()[2:]}
    assert "⚠ нет опорной школы" in lines["Тегульдетский район"]
    assert "Богашевская СОШ" in lines["Томский район"]
