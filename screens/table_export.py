"""E in «Таблицы»: save the table shown in a format, to a file, with a progress bar.

The file is made and written in a thread (`exports.table_formats`, the same calls as
`rcro-tui table … -o`); a bad path or a full disk is said in Russian inside the dialog,
which stays open so the path can be mended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from rcro_tui.db.tables import Printable
from rcro_tui.errors import UserError
from rcro_tui.exports.table_formats import (FORMAT_LABELS, FORMATS, SUFFIXES, default_file,
                                            save_table, table_bytes)
from rcro_tui.screens.keys import bind


@dataclass
class ExportStep(Message):
    """The thread made the file's bytes (1 of 2) or wrote them (2 of 2)."""

    done: int


@dataclass
class ExportDone(Message):
    """The file is saved at `path`, or `problem` says in Russian why not."""

    path: Path | None
    problem: str = ""


def target_path(text: str, printable: Printable, fmt: str) -> Path:
    """The typed path: «~» expanded, a folder given the table's own file name."""
    path = Path(text.strip()).expanduser()
    return path / default_file(printable, fmt) if path.is_dir() else path


class TableExportScreen(ModalScreen[Path | None]):
    """Format (↑↓), file (typed), Enter or Ctrl+S saves; dismisses with the saved path."""

    BINDINGS = [bind("escape", "cancel", "Отмена", key_display="Esc"),
                bind("ctrl+s", "save", "Сохранить", key_display="Ctrl+S")]

    def __init__(self, printable: Printable, made: date, folder: Path | None = None) -> None:
        super().__init__()
        self.printable, self.made = printable, made
        self.fmt = "html"
        self.folder = folder or Path.home()

    def compose(self) -> ComposeResult:
        with Vertical(id="table-export", classes="dialog"):
            yield Label(f"Экспорт: {self.printable.view.title}", classes="dialog-title",
                        markup=False)
            yield Label("Формат (↑↓):")
            yield OptionList(*(Option(FORMAT_LABELS[fmt], id=fmt) for fmt in FORMATS),
                             id="export-formats")
            yield Label("Файл (папка — имя по таблице):")
            yield Input(str(self.folder / default_file(self.printable, self.fmt)),
                        id="export-path")
            yield ProgressBar(id="export-progress", total=2, show_eta=False)
            yield Static("", id="export-problem", markup=False)
            yield Label("Enter или Ctrl+S — сохранить, Esc — отмена", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#export-progress").display = False
        self.query_one("#export-formats", OptionList).highlighted = 0
        self.query_one("#export-formats").focus()

    @on(OptionList.OptionHighlighted, "#export-formats")
    def _format(self, event: OptionList.OptionHighlighted) -> None:
        self.fmt = event.option.id or "html"
        path = self.query_one("#export-path", Input)
        name = Path(path.value)
        if name.suffix in SUFFIXES.values():
            path.value = str(name.with_suffix(SUFFIXES[self.fmt]))

    @on(OptionList.OptionSelected, "#export-formats")
    def _to_path(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        text = self.query_one("#export-path", Input).value
        if not text.strip():
            self._problem("Укажите файл, куда сохранить таблицу.")
            return
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=2, progress=0)
        bar.display = True
        self._problem("")
        self._save(target_path(text, self.printable, self.fmt), self.fmt)

    @work(thread=True, exclusive=True, group="table-export")
    def _save(self, path: Path, fmt: str) -> None:
        data = table_bytes(self.printable, fmt, made=self.made)
        self.post_message(ExportStep(1))
        try:
            save_table(path, data)
        except UserError as error:
            self.post_message(ExportDone(None, error.message))
            return
        self.post_message(ExportStep(2))
        self.post_message(ExportDone(path))

    @on(ExportStep)
    def _step(self, message: ExportStep) -> None:
        self.query_one("#export-progress", ProgressBar).update(progress=message.done)

    @on(ExportDone)
    def _done(self, message: ExportDone) -> None:
        if message.path is not None:
            self.dismiss(message.path)
            return
        self.query_one("#export-progress").display = False
        self._problem(message.problem)

    def _problem(self, text: str) -> None:
        problem = self.query_one("#export-problem", Static)
        problem.update(text)
        problem.display = bool(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
