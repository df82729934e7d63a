"""`rcro-tui stages list|show` on the demo region: the same views as the «Отборы» section."""

from __future__ import annotations

from conftest import run_rcro


def test_list_prints_the_years_competitions(demo_path):
    ran = run_rcro(demo_path, "stages", "list", "--year", "2026/2027")
    assert ran.code == 0, ran.err
    lines = ran.text.splitlines()
    assert lines[0] == "Конкурсы и олимпиады · 2026/2027 уч. год"
    assert any("Фестиваль «Спортивная мозаика»" in line and "фестиваль" in line for line in lines)
    older = run_rcro(demo_path, "stages", "list", "--year", "2017/2018", "--format", "tsv")
    assert "Фестиваль искусств «Весенний переполох»\tфестиваль" in older.text
    assert "Всероссийская" not in older.text


def test_list_refuses_a_malformed_year(demo_path):
    ran = run_rcro(demo_path, "stages", "list", "--year", "2026/2028")
    assert ran.code != 0 and "второй год" in ran.err


def test_show_prints_the_stages_in_order_and_their_sessions(demo_path, demo_db):
    competition = demo_db.execute("SELECT id FROM competitions WHERE title LIKE '%мозаика%' "
                                  "AND academic_year = 2026").fetchone()[0]
    ran = run_rcro(demo_path, "stages", "show", str(competition))
    assert ran.code == 0, ran.err
    text = ran.text
    assert text.startswith(f"№{competition} Фестиваль «Спортивная мозаика»\n")
    assert "Учебный год       2026/2027" in text
    assert text.index("Отборочный этап   отборочный") < text.index("Итоговое событие  заключительный")
    assert "Площадки · Отборочный этап" in text and "Площадки · Итоговое событие" in text
    assert "Северская гимназия" in text


def test_show_of_a_missing_competition_says_so(demo_path):
    ran = run_rcro(demo_path, "stages", "show", "999")
    assert ran.code == 1 and "Конкурса №999 нет" in ran.err
