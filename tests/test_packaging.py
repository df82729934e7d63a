"""The house: the wheel carries every module of screens/, db/, exports/ inside rcro_tui, and the
headless layers never import textual."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAPPED = {"screens": "rcro_tui/screens", "db": "rcro_tui/db", "exports": "rcro_tui/exports",
          "rcro_tui": "rcro_tui"}
HEADLESS = ("db", "exports")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """Build a wheel from a copy of the tree, so build/ and *.egg-info never land in the repo."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", ".tools", "__pycache__", "*.egg-info", "build", "dist", "tests"))
    out = work / "dist"
    script = ("import setuptools.build_meta as backend, sys; "
              "print(backend.build_wheel(sys.argv[1]))")
    subprocess.run([sys.executable, "-c", script, str(out)], cwd=source, check=True,
                   capture_output=True, text=True)
    (built,) = out.glob("*.whl")
    return zipfile.ZipFile(built)


def test_wheel_contains_every_module_of_the_three_folders(wheel):
    names = set(wheel.namelist())
    for folder, installed in MAPPED.items():
        for module in sorted((ROOT / folder).glob("*.py")):
            assert f"{installed}/{module.name}" in names, f"{folder}/{module.name} missing"
    assert "rcro_tui/app.tcss" in names
    assert {"rcro_tui/exports/letter_announce.docx", "rcro_tui/exports/letter_results.docx"} <= names


def test_wheel_installs_nothing_generic_at_the_top_level(wheel):
    top = {name.split("/")[0] for name in wheel.namelist()}
    assert top <= {"rcro_tui"} | {n for n in top if n.endswith(".dist-info")}


def test_folders_are_flat_so_the_package_list_stays_complete():
    for folder in MAPPED:
        nested = [p for p in (ROOT / folder).iterdir() if p.is_dir() and p.name != "__pycache__"]
        assert not nested, f"{folder}/ has sub-packages {nested}: list them in pyproject.toml"


def test_console_script_is_declared(wheel):
    (entry_points,) = [n for n in wheel.namelist() if n.endswith("entry_points.txt")]
    assert "rcro-tui = rcro_tui.cli:main" in wheel.read(entry_points).decode()


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("folder", HEADLESS)
def test_headless_layers_never_import_textual_or_screens(folder):
    for module in (ROOT / folder).glob("*.py"):
        bad = {m for m in imported_modules(module)
               if m.split(".")[0] == "textual" or m.startswith("rcro_tui.screens")
               or m in {"rcro_tui.app", "rcro_tui.cli"}}
        assert not bad, f"{folder}/{module.name} imports {bad}"


def test_core_modules_import_nothing_of_the_ui():
    for name in ("model.py", "rules.py", "i18n.py", "errors.py", "config.py"):
        ours = {m for m in imported_modules(ROOT / "rcro_tui" / name)
                if m.startswith("rcro_tui") or m.split(".")[0] == "textual"}
        assert ours <= {"rcro_tui.errors"}, f"{name} imports {ours}"


def test_importing_the_headless_layers_loads_no_textual():
    code = ("import sys, pkgutil, importlib, rcro_tui.db, rcro_tui.exports\n"
            "for pkg in (rcro_tui.db, rcro_tui.exports):\n"
            "    for info in pkgutil.iter_modules(pkg.__path__):\n"
            "        importlib.import_module(f'{pkg.__name__}.{info.name}')\n"
            "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), "
            "sorted(m for m in sys.modules if m.startswith('textual'))\n")
    subprocess.run([sys.executable, "-c", code], check=True)
