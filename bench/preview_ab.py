"""The advance preview of this tree against a git revision's, interleaved in one process.

    .venv/bin/python bench/preview_ab.py [--base main] [--rounds 9] [--db PATH]

The host's speed varies (a shared machine, other benchmarks beside): timing the old code in
one run and the new in another compares the host more than the code. Here both versions are
imported into one process (the base from `git archive` in a temporary folder, under the
same package names, its modules set aside before this tree's are imported), checked to give
the same preview, and timed turn about on the largest stage of a copy of the country scale's
database (bench/.cache/scale-country.sqlite, see bench/run.py): the stage figures of
bench/run.py, with the median and p95 of each and the reference loop before and after.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
PACKAGES = {"rcro_tui": "rcro_tui", "db": "rcro_tui/db", "screens": "rcro_tui/screens",
            "exports": "rcro_tui/exports"}


def base_tree(revision: str, into: Path) -> Path:
    """The base revision's packages laid out as installed (rcro_tui/db, …) under `into`."""
    archive = into / "base.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(ROOT), "archive", revision], stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "tree")
    for source, target in PACKAGES.items():
        shutil.copytree(into / "tree" / source, into / "pkg" / target)
    return into / "pkg"


def load(path: Path | None) -> dict:
    """This tree's functions (path None) or the base's, whose modules are then set aside."""
    if path is not None:
        sys.path.insert(0, str(path))
    from rcro_tui.db import advance, advance_view, connection  # noqa: PLC0415
    from rcro_tui import pass_decide  # noqa: PLC0415
    found = {"preview": advance.preview, "set_rule": advance.set_rule,
             "view": advance_view.preview_view, "connect": connection.connect,
             "decide": pass_decide.decide, "file": advance.__file__}
    if path is not None:
        for name in [name for name in sys.modules if name.startswith("rcro_tui")]:
            del sys.modules[name]
        sys.path.remove(str(path))
    return found


def reference_loop() -> float:
    start = time.process_time()
    sum(i * i for i in range(10**7))
    return time.process_time() - start


def shown(preview) -> tuple:
    """What a preview says, comparable across the two versions (their enums differ)."""
    rows = [(*row[:10], row.decision.verdict.value, *row.decision[2:], *row[11:])
            for row in preview.rows]
    return rows, preview.warnings, preview.stage, preview.next_stage


def figures(old: dict, new: dict, db_path: Path, rounds: int) -> list[str]:
    sys.path.insert(0, str(HERE))
    from stages import QUOTA, THRESHOLD  # noqa: PLC0415  (this tree's rules)

    old_db, new_db = old["connect"](db_path), new["connect"](db_path)
    stage = new_db.execute("SELECT stage_id FROM entries GROUP BY stage_id "
                           "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    lines = []
    for name, rule, table in (("preview: quota per session × subject, ties", QUOTA, False),
                              ("preview: threshold per subject × grade", THRESHOLD, False),
                              ("preview + table strings (threshold)", THRESHOLD, True)):
        new["set_rule"](new_db, stage, rule, user="demo")
        calls = {label: (lambda f=f, db=db: f["view"](f["preview"](db, stage)) if table
                         else f["preview"](db, stage))
                 for label, f, db in (("old", old, old_db), ("new", new, new_db))}
        if not table:
            assert shown(calls["old"]()) == shown(calls["new"]()), name
        times: dict[str, list[float]] = {"old": [], "new": []}
        for turn in range(rounds):
            for label in (("old", "new") if turn % 2 else ("new", "old")):
                start = time.perf_counter()
                calls[label]()
                times[label].append(time.perf_counter() - start)
        lines.append(name)
        for label, spent in times.items():
            spent.sort()
            p95 = spent[min(len(spent) - 1, round(0.95 * (len(spent) - 1)))]
            lines.append(f"  {label}: median {statistics.median(spent) * 1000:5.0f} ms, "
                         f"p95 {p95 * 1000:5.0f} ms")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--db", type=Path, default=HERE / ".cache" / "scale-country.sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "stage.sqlite"
        shutil.copyfile(args.db, copy)  # the rules are set on a copy
        old = load(base_tree(args.base, Path(folder)))
        new = load(None)
        assert old["file"] != new["file"], "the base was not imported apart"
        print(f"reference loop {reference_loop():.2f} s (0.87 s on a quiet day)")
        for line in figures(old, new, copy, args.rounds):
            print(line)
        print(f"reference loop {reference_loop():.2f} s")


if __name__ == "__main__":
    main()
