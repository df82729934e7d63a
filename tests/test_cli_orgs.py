"""`rcro-tui orgs list|import|export` as scripts and coordinators run them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import run_rcro

DATA = Path(__file__).parent / "data" / "orgs"


def test_list_with_filters_in_every_format(demo_path):
    ran = run_rcro(demo_path, "orgs", "list", "--district", "Кожевниковский", "--format", "plain")
    assert ran.code == 0, ran.err
    assert "МБОУ «Кожевниковская СОШ № 2»" in ran.text and "Всего: 3 организации" in ran.text
    data = json.loads(run_rcro(demo_path, "orgs", "list", "--search", "кожевниковская n2",
                               "--format", "json").text)
    assert [r["name"] for r in data] == ["МБОУ «Кожевниковская СОШ № 2»"]
    out = run_rcro(demo_path, "orgs", "list", "--role", "опорная", "--program", "1",
                   "--format", "csv").out
    assert out.startswith("\ufeffid;name;".encode())
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8-sig")), delimiter=";"))
    assert "МАОУ СОШ № 58 г. Томска" in [r["name"] for r in rows]
    grid = run_rcro(demo_path, "orgs", "list", "--kind", "вуз", "--format", "markdown").text
    assert "| ТГУ" not in grid and "Томский государственный университет»" in grid
    assert run_rcro(demo_path, "orgs", "list", "--legal-form", "ЧОУ", "--format", "grid"
                    ).text.startswith("Организации\nОрганизаций не найдено.")


def test_import_dry_run_then_for_real_then_again(demo_path):
    file = str(DATA / "schools-cp1251.csv")
    dry = run_rcro(demo_path, "orgs", "import", file, "--dry-run")
    assert dry.code == 0, dry.err
    assert dry.text == ("Будет добавлено 2 организации, обновлено 2, без изменений 0.\n"
                        "Проверка (--dry-run): в базу ничего не записано.\n")
    assert run_rcro(demo_path, "orgs", "import", file).text == (
        "Добавлено 2 организации, обновлено 2, без изменений 0.\n")
    assert run_rcro(demo_path, "orgs", "import", file).text == (
        "Добавлено 0 организаций, обновлено 0, без изменений 4.\n")


def test_a_bad_file_is_refused_with_the_row(demo_path):
    ran = run_rcro(demo_path, "orgs", "import", str(DATA / "one-bad-row.csv"))
    assert ran.code == 1
    assert "Строка 3, столбец «ИНН»: ИНН «7008004481» неверный" in ran.err


def test_export_needs_csv_or_xlsx(demo_path, tmp_path):
    ran = run_rcro(demo_path, "orgs", "export", str(tmp_path / "orgs.txt"))
    assert ran.code == 1 and "укажите файл .csv или .xlsx" in ran.err
    ran = run_rcro(demo_path, "orgs", "export", str(tmp_path / "schools.csv"), "--kind", "школа")
    assert ran.text.startswith("Записано: ") and "организац" in ran.text
    text = (tmp_path / "schools.csv").read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Наименование;Краткое наименование;ИНН;Муниципалитет")
