"""bench/run.py's figures: what a target is held against, and how children report them."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))

from figures import Figure, figure, print_child_figures, read_child_output  # noqa: E402


def test_a_keystroke_target_holds_for_the_p95_not_the_median():
    values = [0.010] * 18 + [0.090, 0.120]
    assert figure("keys", values, 0.050).verdict == "MISS"
    assert figure("keys", [0.010] * 19 + [0.120], 0.050).verdict == "ok"


def test_a_few_values_are_held_by_the_worst():
    assert figure("open", [0.2, 0.31], 0.3).verdict == "MISS"
    assert figure("open", [0.2, 0.29], 0.3).verdict == "ok"
    assert figure("no target", [9.0]).verdict == ""


def test_lines_print_ms_for_short_targets_and_the_baseline_ratio():
    line = figure("search", [0.020, 0.030], 0.050, baseline=0.200).line()
    assert " ms" in line and "8.0×" in line and line.endswith("ok")
    assert " MB" in figure("rss", [91.37], 200, unit="MB").line()
    assert "    60.00" in figure("publish", [41.0], 60.0).line()


def test_a_childs_figures_and_notes_come_back_as_they_were(capsys):
    sent = [figure("a", [1.0, 2.0], 3.0, 4.0), "a note", figure("b", [5.0], unit="MB")]
    print_child_figures(sent)
    back = read_child_output("noise\n" + capsys.readouterr().out)
    assert back == sent
    assert isinstance(back[0], Figure)
