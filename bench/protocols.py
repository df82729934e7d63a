"""Benchmark of a stage's protocols and protocol import at 20 000 entries (issue 6, part B).

    .venv/bin/python bench/protocols.py [--entries 20000]

Prints the time to read and rank the protocol per stage, session, district and school, the
district totals, and to plan (check every row of) a 20 000-row CSV protocol — each the best
of three runs, beside its target.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))

from stage_data import build_region  # noqa: E402

from rcro_tui.db.connection import open_database  # noqa: E402
from rcro_tui.db.entry_import import plan_entry_import  # noqa: E402
from rcro_tui.db.protocols import protocol  # noqa: E402

PROTOCOL_TARGET = 0.300
IMPORT_TARGET = 3.0


def best_of_three(call) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=20_000)
    size = parser.parse_args().entries
    db = open_database(":memory:")
    region = build_region(db, max_score=None)
    schools = [region.kozh2, region.urtam, region.zyr1, region.zyr_gym]
    sessions = [region.kozh_session] * 2 + [region.zyr_session] * 2
    db.conn.executemany(
        "INSERT INTO entries (stage_id, session_id, participant_name, grade, organization_id, "
        "subject, score, result, status, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 'participant', 'admitted', 'x', 'x')",
        [(region.stage, sessions[i % 4], f"Участник {i}", 7 + i % 5, schools[i % 4],
          ("физика", "математика")[i % 2], (i * 37) % 100) for i in range(size)])
    print(f"Протокол этапа из {size} участников (лучшее из трёх):")
    for by in ("stage", "session", "district", "school", "totals"):
        seconds = best_of_three(lambda: protocol(db, region.stage, by))
        mark = "✓" if seconds <= PROTOCOL_TARGET else "✗"
        print(f"  {by:<9} {seconds:6.3f} с   цель ≤ {PROTOCOL_TARGET:.1f} с  {mark}")
    names = ["МБОУ «Кожевниковская СОШ № 2»", "МБОУ «Уртамская СОШ»", "МБОУ «Зырянская СОШ»",
             "МАОУ «Зырянская гимназия»"]
    lines = ["ФИО;Класс;ОО;Предмет;Балл"] + [
        f"Новый участник {i};{7 + i % 5};{names[i % 4]};{('физика', 'математика')[i % 2]};"
        f"{i % 50}" for i in range(size)]
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    seconds = best_of_three(lambda: plan_entry_import(db, region.stage, data))
    mark = "✓" if seconds <= IMPORT_TARGET else "✗"
    print(f"  проверка протокола CSV из {size} строк: {seconds:6.3f} с   "
          f"цель ≤ {IMPORT_TARGET:.1f} с  {mark}")


if __name__ == "__main__":
    main()
