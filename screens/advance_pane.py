"""The «Переход» tab of a stage: its pass rule in words, who passes and why, ties to decide,
and advancing to the next stage.

Keys: R — the rule; space or Enter — passes / does not, for a tie the coordinator decides or
under a manual rule (kept in the database at once, from the entry's version the pane showed:
a colleague's change to that participant meanwhile refuses the mark and rereads); A —
advance (asks first, naming the counts; refused while ties wait). After each write the pane
posts `StageChanged` and rereads, like the stage's other panes.

The preview is read when the tab is first shown, in a thread (a country's stage of 100 000
entries takes about a second), the counts line saying «Считаю…» meanwhile, one read at a
time: a reread asked while one runs starts when it ends, and only the newest read is shown.
The keys that act on the preview (space, Enter, A) wait while a newer one is being read,
then act on it once it is shown, so they never act on rows the screen no longer shows or on
a preview half read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from rcro_tui.db.advance import Preview, apply, preview, set_marks
from rcro_tui.db.advance_rows import PreviewRows
from rcro_tui.db.advance_view import next_cell, preview_view
from rcro_tui.db.connection import connect
from rcro_tui.db.views import TableView
from rcro_tui.errors import UserError
from rcro_tui.i18n import count
from rcro_tui.pass_decide import Verdict
from rcro_tui.pass_words import describe
from rcro_tui.screens.access_keys import WriteKeys
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.data import reading
from rcro_tui.screens.keys import bind
from rcro_tui.screens.pass_rule_form import PassRuleForm
from rcro_tui.screens.stage_messages import StageChanged
from rcro_tui.screens.wide_table import WideTable

COLUMNS = ("Участник", "Кл.", "Предмет", "Школа", "Балл", "Место", "Итог", "Почему",
           "Следующий этап")
COUNTING = "Считаю, кто проходит…"


def participants(n: int) -> str:
    return count(n, "участника", "участников", "участников")


class AdvancePane(WriteKeys, Widget):
    """One stage's advance: mount it with the stage id; it reads `app.db_path`/`app.user`."""

    WRITE_ACTIONS = {"edit_rule": "stages", "toggle": "entries", "advance": "entries"}

    BINDINGS = [
        bind("r", "edit_rule", "Правило"),
        bind("space", "toggle", "Проходит / нет", key_display="Пробел"),
        bind("a", "advance", "Перевести"),
    ]

    @dataclass
    class Read(Message):
        """A preview (and its table) read in the thread, or why it could not be."""

        asked: int
        stage_id: int
        found: tuple[Preview, TableView] | UserError

    def __init__(self, stage_id: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.stage_id = stage_id
        self.preview: Preview | None = None
        """The preview on screen (never one still being read)."""
        self._asked = self._shown = 0
        """The number of the newest read asked for, and of the one on screen."""
        self._reading = False
        self._waiting: list[Callable[[], None]] = []
        """Keys pressed while a newer preview was being read, acted on once it is shown."""
        self._own_changes = 0
        """Our own writes whose `StageChanged` the stage screen will forward back to us."""

    @property
    def busy(self) -> bool:
        """A read runs, or keys wait for the newest preview (tests wait on this)."""
        return self._reading or self._asked != self._shown or bool(self._waiting)

    def compose(self) -> ComposeResult:
        yield Static("", id="advance-rule", markup=False)
        yield Static("", id="advance-counts", markup=False)
        yield WideTable(id="advance-table")
        yield Static("", id="advance-detail", markup=False)
        yield Static("", id="advance-warnings", markup=False)

    def focus_default(self) -> None:
        """The table, when the stage screen shows this tab."""
        self.query_one(WideTable).focus()

    def on_show(self) -> None:
        """Read when first shown, not when mounted: a stage opened on another tab does not
        work out its advance (a second of a thread's time at country scale) until asked."""
        if not self._asked:
            self.reload()

    def reload(self) -> None:
        """Reread the stage in a thread; the screen keeps what it shows until then."""
        self._asked += 1
        self.query_one("#advance-counts", Static).update(COUNTING)
        if not self._reading:  # else `_arrived` starts it when the running one ends
            self._start()

    def _start(self) -> None:
        self._reading = True
        self._read(self._asked, self.stage_id)

    @work(thread=True, group="advance-preview")
    def _read(self, asked: int, stage_id: int) -> None:
        """The preview and its table's strings, away from the screen's thread (its own
        connection: sqlite3 connections must not cross threads)."""
        try:
            with reading(self.app.db_path) as db:
                seen = preview(db, stage_id)
            view = preview_view(seen)
            found: tuple[Preview, TableView] | UserError = (seen, view)
        except UserError as error:
            found = error
        self.post_message(self.Read(asked, stage_id, found))

    @on(Read)
    def _arrived(self, message: Read) -> None:
        """Show the newest read; a read that a newer one (or another stage) replaced is
        dropped, and the newer one starts."""
        message.stop()
        self._reading = False
        if message.asked != self._asked or message.stage_id != self.stage_id:
            self._start()
            return
        self._show(message.found)
        self._shown = message.asked
        while self._waiting and self._shown == self._asked:  # until one of them writes
            self._waiting.pop(0)()

    def _show(self, found: tuple[Preview, TableView] | UserError) -> None:
        """Redraw, keeping the cursor on the same row."""
        table = self.query_one(WideTable)
        if isinstance(found, UserError):
            self.preview = None
            table.clear()
            self._say(found.message, "", "")
            return
        seen, view = found
        self.preview = seen
        table.show(COLUMNS, view.rows)  # the cursor stays on its row
        self.query_one("#advance-detail", Static).update(self.detail(table.cursor_row))
        target = (f" → этап «{seen.next_stage['name']}»" if seen.next_stage else "")
        self._say(f"Правило: {describe(seen.rule)}", seen.summary() + target,
                  "\n".join(f"⚠ {w}" for w in seen.warnings))

    def _when_shown(self, act: Callable[[], None]) -> bool:
        """Keep `act` for when the newest preview is shown, if it is not yet or keys
        pressed before wait for it (True); False: act now."""
        if self._shown == self._asked and not self._waiting:
            return False
        self._waiting.append(act)
        return True

    @on(WideTable.RowHighlighted)
    def _highlighted(self, event: WideTable.RowHighlighted) -> None:
        self.query_one("#advance-detail", Static).update(self.detail(event.cursor_row))

    def detail(self, index: int) -> str:
        """The row under the cursor in full: who, the verdict and why, where next."""
        if self.preview is None or not 0 <= index < len(self.preview.rows):
            return ""
        row = self.preview.rows[index]
        who = ", ".join(part for part in (
            row.school, f"{row.grade} класс" if row.grade is not None else "", row.subject)
            if part)
        verdict = {Verdict.YES: "проходит", Verdict.NO: "не проходит",
                   Verdict.UNDECIDED: "решает координатор"}[row.decision.verdict]
        text = f"{row.name} ({who})" if who else row.name
        text += f": {verdict} — {row.decision.reason}"
        going = next_cell(self.preview, row)
        return text + (f". Следующий этап: {going}" if going else "")

    def _say(self, rule: str, counts: str, warnings: str) -> None:
        self.query_one("#advance-rule", Static).update(rule)
        self.query_one("#advance-counts", Static).update(counts)
        self.query_one("#advance-warnings", Static).update(warnings)
        self.query_one("#advance-warnings").display = bool(warnings)

    @on(StageChanged)
    def _stage_changed(self, message: StageChanged) -> None:
        """Reread on a change to this stage: not on our own message (`changed` reread
        already), nor on the stage screen's forward of it back to us, nor before the tab
        was first shown."""
        if message.stage_id != self.stage_id or not message.forwarded or not self._asked:
            return  # never read yet: it is when first shown
        if self._own_changes:
            self._own_changes -= 1
            return
        self.reload()

    def changed(self) -> None:
        """After our own write: reread, and tell the stage's other panes."""
        from rcro_tui.screens.stage_screen import StageScreen  # it imports this module

        if isinstance(self.screen, StageScreen):  # it forwards the message to every tab
            self._own_changes += 1
        self.reload()
        self.post_message(StageChanged(self.stage_id))

    def action_edit_rule(self) -> None:
        self.app.push_screen(PassRuleForm(self.app.db_path, self.app.user, self.stage_id),
                             lambda rule: self.changed() if rule is not None else None)

    @on(WideTable.RowSelected)
    def _selected(self, event: WideTable.RowSelected) -> None:
        event.stop()
        self.action_toggle()

    def action_toggle(self) -> None:
        """Passes / does not, for the row under the cursor, where the coordinator decides
        (for that participant in the newest preview, if it is still being read)."""
        table = self.query_one(WideTable)
        if self.preview is None or not self.preview.rows:
            return
        entry_id = self.preview.rows[table.cursor_row].entry_id
        if not self._when_shown(lambda: self._toggle(entry_id)):
            self._toggle(entry_id)

    def _toggle(self, entry_id: int) -> None:
        at = _row_of(self.preview, entry_id)
        if at is None:
            return
        row = self.preview.rows[at]
        if not row.decision.choosable:
            self.notify(f"{row.name}: {row.decision.reason} — это решает правило; "
                        "изменить его — R.", severity="warning")
            return
        self._write(lambda db: set_marks(db, self.stage_id, {
            row.entry_id: row.decision.verdict is not Verdict.YES}, user=self.app.user,
            seen={row.entry_id: row.revision}))
        self.changed()  # also after a conflict: the pane shows what the colleague saved

    def action_advance(self) -> None:
        if not self._when_shown(self._advance):
            self._advance()

    def _advance(self) -> None:
        seen = self.preview
        if seen is None:
            return
        if seen.next_stage is None or seen.undecided:
            why = (seen.warnings[0] if seen.next_stage is None else
                   f"{count(seen.undecided, 'участник', 'участника', 'участников')} с равным "
                   "баллом на границе ждут решения: пробел — проходит / нет.")
            self.notify(f"Переход не выполнен. {why}", severity="error", timeout=8)
            return
        question = (f"Перевести на этап «{seen.next_stage['name']}» {seen.passes} из "
                    f"{participants(len(seen.rows))} этапа «{seen.stage['name']}»? Им будут "
                    "назначены площадки, а площадки появятся в календарях их школ.")
        self.app.push_screen(ConfirmDialog(question, yes="Перевести", no="Вернуться"),
                             lambda yes: self._apply() if yes else None)

    def _apply(self) -> None:
        done = self._write(lambda db: apply(db, self.stage_id, user=self.app.user))
        if done is not None:
            self.notify(done.summary(), timeout=8)
            self.changed()

    def _write(self, call):
        try:
            db = connect(self.app.db_path)
            try:
                return call(db)
            finally:
                db.close()
        except UserError as error:
            self.notify(error.message, severity="error", timeout=8)
            return None


def _row_of(seen: Preview | None, entry_id: int) -> int | None:
    """Where the entry is in the preview (None: not there)."""
    if seen is None:
        return None
    rows = seen.rows
    ids = rows.columns["entry_id"] if isinstance(rows, PreviewRows) else [
        row.entry_id for row in rows]
    try:
        return ids.index(entry_id)
    except ValueError:
        return None
