"""Every speed and memory figure of rcro-tui at region and at country scale (issue 10).

    python3 dev.py benchmarks [--scale region|country|both] [--rebuild] [--skip WHAT …]

For each scale it builds (once, then reuses) `bench/.cache/scale-<scale>.sqlite` with
`rcro-tui demo --scale` (db/demo_scale.py, deterministic), and prints one table: cold start
to the first frame in a real terminal, every calendar view and keystroke and the
organisation list in the real app, the largest stage's ranking and advance preview, the
import of 40 000 organisations from an Excel CSV, a full publish and a re-publish, and the
peak memory of the app and of publishing. Each figure stands beside its target and, where
its issue names one, beside a baseline measured in the same run. The app and publishing
run in processes of their own, so each memory figure is theirs alone.

The machine's speed comes first (the shared 2-core server varies by half within an hour);
close other work before trusting a MISS.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import calendar_views  # noqa: E402
import orgs  # noqa: E402
import stages  # noqa: E402
from stage_app import largest_stage  # noqa: E402
from figures import HEADER, Figure, figure, read_child_output  # noqa: E402
from generate import host_speed  # noqa: E402
from run_start import start_figures  # noqa: E402

from rcro_tui.db.connection import connect, open_database  # noqa: E402
from rcro_tui.rules import AcademicYear  # noqa: E402

HERE = Path(__file__).parent
CACHE = HERE / ".cache"
USER = "demo"
"""The scaled demo's administrator (`build_demo`'s default)."""
PARTS = ("start", "calendar", "app", "stages", "import", "publish")
IMPORTED_ORGS = 40_000


def scale_database(scale: str, rebuild: bool) -> Path:
    """The scale's database, built when missing (or asked): the same one every run."""
    path = CACHE / f"scale-{scale}.sqlite"
    if path.exists() and not rebuild:
        return path
    from rcro_tui.db.demo_scale import SCALES, build_scaled_demo

    CACHE.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    db = open_database(path)
    summary = build_scaled_demo(db, SCALES[scale], seed=7, academic_year=AcademicYear(2026))
    db.close()
    print(f"built {path} in {time.perf_counter() - started:.0f} s: {summary}", flush=True)
    return path


def child(script: str, *args: str) -> list:
    """Run a bench script in a process of its own and collect the figures it prints."""
    ran = subprocess.run([sys.executable, str(HERE / script), *args], capture_output=True,
                         text=True)
    if ran.returncode != 0:
        raise RuntimeError(f"{script} failed:\n{ran.stderr[-3000:]}")
    return read_child_output(ran.stdout)


def stage_figures(path: Path) -> list:
    """The largest stage's ranking and advance preview, on a copy (rules are set on it)."""
    copy = CACHE / "scale-stage-copy.sqlite"
    _copy_database(path, copy)
    stage_id, size = largest_stage(copy)
    found = [f"largest stage: {size} entries"]
    found += stages.figures(copy, stage_id, row=figure)
    _remove_database(copy)
    return found


def import_figures(path: Path) -> list:
    """40 000 organisations from a Windows-1251 CSV into a copy of the scale's database."""
    copy = CACHE / "scale-import-copy.sqlite"
    _copy_database(path, copy)
    db = connect(copy)
    districts = [row[0] for row in db.execute("SELECT name FROM districts ORDER BY id")]
    db.close()
    csv_path = orgs.make_csv(CACHE / "scale-orgs-cp1251.csv", districts, IMPORTED_ORGS)
    found = orgs.import_figures(copy, csv_path, row=figure)
    _remove_database(copy)
    return found


def measure(scale: str, path: Path, skip: set[str]) -> list:
    found: list = []
    steps = {
        "start": lambda: start_figures(path, scale, USER),
        "calendar": lambda: calendar_views.database_figures(path, row=figure),
        "app": lambda: child("run_session.py", str(path), USER),
        "stages": lambda: stage_figures(path),
        "import": lambda: import_figures(path),
        "publish": lambda: child("run_publish.py", str(path),
                                 str(CACHE / f"scale-{scale}-site"), scale, USER),
    }
    for name in PARTS:
        if name in skip:
            continue
        started = time.perf_counter()
        found += steps[name]()
        print(f"  … {name}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return found


def report(scale: str, found: list) -> list[Figure]:
    print(f"\n== {scale} ==")
    print(HEADER)
    for item in found:
        print(item.line() if isinstance(item, Figure) else f"  {item}")
    return [item for item in found if isinstance(item, Figure) and item.verdict == "MISS"]


def _copy_database(source: Path, target: Path) -> None:
    _remove_database(target)
    shutil.copyfile(source, target)


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("region", "country", "both"), default="both")
    parser.add_argument("--rebuild", action="store_true", help="build the databases again")
    parser.add_argument("--skip", nargs="*", default=[], choices=PARTS)
    args = parser.parse_args()
    scales = ("region", "country") if args.scale == "both" else (args.scale,)
    paths = {scale: scale_database(scale, args.rebuild) for scale in scales}
    print(host_speed())
    misses: list[tuple[str, Figure]] = []
    for scale in scales:
        found = measure(scale, paths[scale], set(args.skip))
        misses += [(scale, miss) for miss in report(scale, found)]
    print()
    if not misses:
        print("Every target holds.")
    for scale, miss in misses:
        print(f"MISS at {scale} scale: {miss.name.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
