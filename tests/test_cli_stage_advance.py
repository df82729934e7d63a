"""`rcro-tui stages advance|rule` on a fresh database file."""

from __future__ import annotations

import json

from conftest import run_rcro
from stage_world import build, enter

from rcro_tui.db.connection import open_database

KOZH, K1 = "Кожевниковский район", "Кожевниковская СОШ № 1"


def world_file(tmp_path, rule=None):
    path = tmp_path / "stages.sqlite"
    db = open_database(path)
    world = build(db, rule=rule)
    ids = enter(db, world, KOZH, K1, 30, 20, 20, 10)
    db.close()
    return path, world, ids


def final_count(path, world) -> int:
    db = open_database(path, create=False)
    try:
        return db.execute("SELECT count(*) FROM entries WHERE stage_id = ?",
                          [world.final]).fetchone()[0]
    finally:
        db.close()


def test_dry_run_prints_the_preview_and_writes_nothing(tmp_path):
    path, world, _ = world_file(tmp_path, {"kind": "quota", "n": 2, "per": "session"})
    ran = run_rcro(path, "stages", "advance", str(world.selection), "--dry-run",
                   "--format", "markdown")
    assert ran.code == 0, ran.err
    lines = ran.text.splitlines()
    assert lines[0] == ("Этап «Отборочный этап» → «Итоговое событие». Первые 2: проходят 2 "
                        "лучших на каждой площадке; равные баллы на границе: проходят все с "
                        "равным баллом. Пройдут 3 из 4.")
    assert lines[1].startswith("| Участник ")
    assert "| 2–3     | ✓" in ran.text and "равный балл на границе" in ran.text
    assert final_count(path, world) == 0


def test_advance_applies_once_and_then_creates_nothing(tmp_path):
    path, world, _ = world_file(tmp_path, {"kind": "quota", "n": 1})
    first = run_rcro(path, "stages", "advance", str(world.selection))
    assert (first.code, first.text) == (
        0, "На этап «Итоговое событие» переведено 1 участник.\n")
    second = run_rcro(path, "stages", "advance", str(world.selection))
    assert "переведено 0 участников; 1 переведены раньше" in second.text
    assert final_count(path, world) == 1


def test_advance_refuses_while_ties_wait_for_the_coordinator(tmp_path):
    path, world, _ = world_file(tmp_path, {"kind": "quota", "n": 2, "ties": "coordinator"})
    ran = run_rcro(path, "stages", "advance", str(world.selection))
    assert ran.code == 1
    assert ran.err.startswith("Ошибка: Этап «Отборочный этап»: 2 участника с равным баллом")
    assert final_count(path, world) == 0


def test_rule_shows_and_sets_by_options_json_and_lines(tmp_path):
    path, world, _ = world_file(tmp_path)
    stage = str(world.selection)
    shown = run_rcro(path, "stages", "rule", stage)
    assert shown.text == ("Этап «Отборочный этап»: Первые 3: проходят 3 лучших на каждой "
                          "площадке; равные баллы на границе: проходят все с равным баллом.\n"
                          "Версия этапа: 1 (для --revision).\n")
    top = run_rcro(path, "stages", "rule", stage, "--top", "2", "--per", "район",
                   "--by-subject", "--ties", "координатор")
    assert top.text == ("Этап «Отборочный этап»: Первые 2: проходят 2 лучших в каждом районе "
                        "по каждому предмету; равные баллы на границе: решает координатор.\n"
                        "Версия этапа: 2 (для --revision).\n")
    lines = run_rcro(path, "stages", "rule", stage, "--line", "математика; 9; 75",
                     "--line", "; 10; 60,5", "--min", "70")
    assert lines.text == ("Этап «Отборочный этап»: Проходной балл: 75 для 9 класса по "
                          "математике; 60,5 для 10 класса; 70 для остальных.\n"
                          "Версия этапа: 3 (для --revision).\n")
    as_json = run_rcro(path, "stages", "rule", stage, "--set",
                       json.dumps({"kind": "manual", "note": "по решению жюри"}))
    assert as_json.text == ("Этап «Отборочный этап»: Вручную: координатор отмечает, кто "
                            "проходит. по решению жюри\nВерсия этапа: 4 (для --revision).\n")


def test_rule_set_from_a_stale_version_is_refused_and_changes_nothing(tmp_path):
    path, world, _ = world_file(tmp_path)
    stage = str(world.selection)
    assert run_rcro(path, "stages", "rule", stage, "--top", "2", "--revision", "1").code == 0
    ran = run_rcro(path, "stages", "rule", stage, "--manual", "--revision", "1")
    assert ran.code == 1
    assert ran.err.startswith("Ошибка: Запись изменил другой пользователь (версия 2, а вы "
                              "правили версию 1)"), ran.err
    shown = run_rcro(path, "stages", "rule", stage).text
    assert shown.startswith("Этап «Отборочный этап»: Первые 2") and "Версия этапа: 2" in shown
    assert run_rcro(path, "stages", "rule", stage, "--manual", "--revision", "2").code == 0


def test_rule_refuses_bad_options_in_russian(tmp_path):
    path, world, _ = world_file(tmp_path)
    stage = str(world.selection)
    cases = [
        (("--line", "математика; 19; 75"), "Ошибка: --line «математика; 19; 75»: класс «19»"),
        (("--top", "2", "--per", "планета"), "Ошибка: --per «планета»: ожидается одно из"),
        (("--top", "0"), "Ошибка: N: «0» — нужно целое число от 1"),
        (("--ties", "все"), "укажите и --top N"),
        (("--top", "2", "--manual"), "Задайте правило одним способом, а не --top и --manual"),
        (("--set", '{"kind": "x"}'), "Ошибка: Этап «Отборочный этап»: правило перехода"),
    ]
    for args, message in cases:
        ran = run_rcro(path, "stages", "rule", stage, *args)
        assert ran.code == 1 and message in ran.err, (args, ran.err)
    assert "Первые 3" in run_rcro(path, "stages", "rule", stage).text
