"""Tables as plain text through tabulate: for the CLI, the terminal and pasting into a letter."""

from __future__ import annotations

from tabulate import tabulate

from rcro_tui.db.views import TableView

FORMATS = ("simple", "plain", "grid", "markdown", "tsv")
TABLEFMT = {"markdown": "github"}
"""tabulate has no «markdown»: it silently printed the simple format; GitHub's pipe table is it."""


def render(view: TableView, fmt: str = "simple") -> str:
    """The view's title, then the table (or its «empty» sentence), ending with a newline."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown text table format {fmt!r}")
    if not view.rows:
        return f"{view.title}\n{view.empty}\n"
    body = tabulate(view.rows, headers=view.columns, tablefmt=TABLEFMT.get(fmt, fmt),
                    disable_numparse=True)
    return f"{view.title}\n{body}\n"
