"""`rcro-tui stages import-results` and `stages protocol`: the same calls as the panes."""

from __future__ import annotations

from pathlib import Path

import pytest

from rcro_tui.db.connection import open_database

from conftest import run_rcro
from stage_data import build_region

HEADER = "ФИО;Класс;ОО;Муниципалитет;Предмет;Итого;Результат"
ROWS = ["Иванов Пётр;8;МБОУ Кожевниковская СОШ №2;Кожевниковский;физика;45;победитель",
        "Петрова Анна;9;МБОУ «Уртамская СОШ»;Кожевниковский;физика;38,5;призёр",
        "Котов Илья;9;МБОУ Зырянская СОШ №3;Зырянский район;физика;38,5;"]


@pytest.fixture
def region_path(tmp_path: Path) -> tuple[Path, object]:
    path = tmp_path / "region.sqlite"
    db = open_database(path)
    region = build_region(db)
    db.close()
    return path, region


def _file(tmp_path: Path, lines: list[str], encoding: str = "cp1251") -> Path:
    path = tmp_path / "протокол.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def _count(path: Path) -> int:
    db = open_database(path, create=False)
    try:
        return db.execute("SELECT count(*) FROM entries").fetchone()[0]
    finally:
        db.close()


def test_problems_are_printed_and_nothing_written(region_path, tmp_path):
    path, region = region_path
    ran = run_rcro(path, "stages", "import-results", str(region.stage),
                   str(_file(tmp_path, [HEADER, *ROWS])))
    assert ran.code == 1
    assert ran.err.startswith("Ошибка: Файл «протокол.csv» не импортирован, в базу ничего не "
                              "записано: 1 ошибка.\n")
    assert "Строка 4, столбец «ОО»: «МБОУ Зырянская СОШ №3» (Зырянский район) нет в базе." \
        in ran.err
    assert _count(path) == 0


def test_dry_run_then_create_missing(region_path, tmp_path):
    path, region = region_path
    file = str(_file(tmp_path, [HEADER, *ROWS]))
    ran = run_rcro(path, "stages", "import-results", str(region.stage), file,
                   "--create-missing", "--dry-run")
    assert ran.code == 0
    assert ran.text == ("Будет добавлено 3 участника; будет создано 1 школа.\n"
                        "Проверка (--dry-run): в базу ничего не записано.\n")
    assert _count(path) == 0
    ran = run_rcro(path, "stages", "import-results", str(region.stage), file,
                   "--create-missing")
    assert ran.text == "Добавлено 3 участника; создано 1 школа.\n"
    assert _count(path) == 3


def test_protocol_formats(region_path, tmp_path):
    path, region = region_path
    run_rcro(path, "stages", "import-results", str(region.stage),
             str(_file(tmp_path, [HEADER, *ROWS])), "--create-missing")
    ran = run_rcro(path, "stages", "protocol", str(region.stage))
    lines = ran.text.splitlines()
    assert lines[0] == "Олимпиада «Весна», Региональный этап: протокол (этап)"
    assert lines[3].split()[:3] == ["1", "Иванов", "Пётр"]
    assert lines[4].split()[:1] == ["2–3"] and lines[5].split()[:1] == ["2–3"]
    ran = run_rcro(path, "stages", "protocol", str(region.stage), "--by", "totals",
                   "--format", "markdown")
    assert "| Итого                | 3            | 1             | 1          | 3      |" \
        in ran.text
    ran = run_rcro(path, "stages", "protocol", str(region.stage), "--format", "csv")
    assert ran.out.startswith("\ufeffМесто;Участник;Класс;Балл;Результат;Предмет;Школа;Район;"
                              "Статус;Площадка\r\n1;Иванов Пётр;8;45;победитель;".encode())


def test_a_printed_protocol_imports_back_with_replace(region_path, tmp_path):
    path, region = region_path
    run_rcro(path, "stages", "import-results", str(region.stage),
             str(_file(tmp_path, [HEADER, *ROWS])), "--create-missing")
    printed = run_rcro(path, "stages", "protocol", str(region.stage), "--format", "csv").out
    corrected = tmp_path / "исправленный.csv"
    corrected.write_bytes(printed.replace(";45;".encode(), ";46;".encode()))
    ran = run_rcro(path, "stages", "import-results", str(region.stage), str(corrected),
                   "--replace")
    assert ran.code == 0, ran.err
    assert ran.text == ("Добавлено 3 участника; прежних записей удалено 3.\n"
                        "Столбцы без соответствия пропущены: «Место».\n")
    db = open_database(path, create=False)
    assert db.execute("SELECT max(score) FROM entries").fetchone()[0] == 46
    assert db.execute("SELECT count(DISTINCT session_id) FROM entries").fetchone()[0] == 2
    db.close()


def test_an_unknown_stage_and_a_missing_column(region_path, tmp_path):
    path, region = region_path
    ran = run_rcro(path, "stages", "protocol", "99")
    assert (ran.code, ran.err) == (1, "Ошибка: Этапа № 99 нет в базе.\n")
    ran = run_rcro(path, "stages", "import-results", str(region.stage),
                   str(_file(tmp_path, ["ФИО;Класс;ОО;Предмет", "А;8;Б;физика"])))
    assert ran.code == 1
    assert "в заголовке нет столбца «Балл»" in ran.err
