"""Start-up: what the first frame waits for, and the hook that times it (bench/run.py).

A coordinator waits for the first frame on every login; importing all seven sections with
the publisher, icalendar and openpyxl before it made the start a second longer on the
server. These tests hold the opening path to what «Ближайшие» needs.
"""

from __future__ import annotations

import subprocess
import sys
import time

from rcro_tui.app import FIRST_FRAME_VARIABLE, IMPORTED_AT, SECTIONS


def test_the_app_and_its_opening_screen_import_no_other_section():
    code = ("import sys, rcro_tui.app, rcro_tui.cli, rcro_tui.screens.agenda; "
            "print(sorted(m for m in sys.modules if m.startswith(('rcro_tui.screens.network',"
            " 'rcro_tui.screens.stages', 'rcro_tui.screens.publish', 'rcro_tui.screens.tables',"
            " 'rcro_tui.screens.audit', 'rcro_tui.exports.publish', 'icalendar', 'openpyxl',"
            " 'docxtpl'))))")
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert ran.stdout.strip() == "[]"


def test_every_section_screen_is_found_by_its_name():
    from rcro_tui.section_screens import import_sections

    import_sections(where for _, _, where in SECTIONS.values())
    for _, label, where in SECTIONS.values():
        module, name = where.split(":")
        screen_class = getattr(sys.modules[module], name)
        assert screen_class.__name__ == name, label


async def test_the_first_frame_hook_notes_the_time_and_memory_and_exits(
        make_app, tmp_path, monkeypatch):
    mark = tmp_path / "first-frame"
    monkeypatch.setenv(FIRST_FRAME_VARIABLE, str(mark))
    app = make_app()
    async with app.run_test() as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if mark.exists():
                break
        assert mark.exists(), "the first frame with the agenda's rows was noted"
        assert app._exit, "and the app was told to exit"
    shown, peak, imported = (float(word) for word in mark.read_text().split())
    assert abs(IMPORTED_AT - imported) < 1e-5
    assert imported <= shown <= time.time()
    assert 10 < peak < 2000, "peak memory in MB"
