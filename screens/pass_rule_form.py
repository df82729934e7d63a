"""The form of a stage's pass rule: its kind, N and where the N best are counted, the
threshold table line by line, the tie policy. Each wrong field says so beside itself."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from rcro_tui.db.advance import get_rule, set_rule
from rcro_tui.db.connection import connect
from rcro_tui.db.store import get_row
from rcro_tui.errors import UserError
from rcro_tui.pass_rule_text import LINE_HINT, RuleFields, RuleProblems, fields_of, rule_of
from rcro_tui.pass_rules import Manual, PassRule, QuotaScope, RuleKind, TiePolicy
from rcro_tui.screens.data import reading
from rcro_tui.screens.membership_form import HINT, FormScreen, row

FIELD_ERRORS = ("n", "default", "lines")


class PassRuleForm(FormScreen):
    """Dismisses with the rule saved, or None.

    The stage's revision is read with the rule the form shows, and the save names it: a rule
    a colleague saved meanwhile is not overwritten; the form stays open with what was typed
    and says so (the person can Esc, reopen, and decide on the colleague's rule).
    """

    def __init__(self, db_path: Path, user: str, stage_id: int) -> None:
        super().__init__()
        self.db_path, self.user, self.stage_id = db_path, user, stage_id
        self.revision: int | None = None

    def compose(self) -> ComposeResult:
        with reading(self.db_path) as db:
            stage = get_row(db, "stages", self.stage_id)
            self.revision = stage["revision"]
            try:
                rule: PassRule = get_rule(db, self.stage_id)
            except UserError:
                rule = Manual()
        old = fields_of(rule)
        with Vertical(id="pass-rule-form", classes="dialog"):
            yield Static(f"Правило перехода: этап «{stage['name']}»", classes="dialog-title",
                         markup=False)
            yield row("Вид", Select(RuleKind.choices(), value=old.kind, allow_blank=False,
                                    id="f-kind", compact=True))
            with Vertical(id="quota-fields"):
                yield row("Первые N", Input(old.n, id="f-n", classes="count"))
                yield self.field_error("n")
                yield row("Где", Select(QuotaScope.choices(), value=old.per, allow_blank=False,
                                        id="f-per", compact=True))
                yield row("", Checkbox("по каждому предмету", old.by_subject, id="f-by-subject",
                                       compact=True))
                yield row("", Checkbox("в каждом классе", old.by_grade, id="f-by-grade",
                                       compact=True))
                yield row("Равный балл", Select(TiePolicy.choices(), value=old.ties,
                                                allow_blank=False, id="f-ties", compact=True))
            with Vertical(id="threshold-fields"):
                yield row("Для всех", Input(old.default, id="f-default", classes="count",
                                            placeholder="балл"))
                yield self.field_error("default")
                yield Static(LINE_HINT.capitalize() + "; пусто — любой.", classes="form-hint")
                yield TextArea(old.lines, id="f-lines")
                yield self.field_error("lines")
            yield row("Пояснение", Input(old.note, id="f-note"))
            yield self.error_line()
            yield Static(HINT, classes="form-hint")

    def field_error(self, name: str) -> Static:
        line = Static("", id=f"e-{name}", classes="form-error", markup=False)
        line.display = False
        return line

    def on_mount(self) -> None:
        self._show_kind(self.query_one("#f-kind", Select).value)
        self.query_one("#f-kind", Select).focus()

    @on(Select.Changed, "#f-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self._show_kind(event.value)

    def _show_kind(self, kind: object) -> None:
        self.query_one("#quota-fields").display = kind == RuleKind.QUOTA.value
        self.query_one("#threshold-fields").display = kind == RuleKind.THRESHOLD.value

    def fields(self) -> RuleFields:
        return RuleFields(
            kind=str(self.query_one("#f-kind", Select).value), n=self.text("n"),
            per=str(self.query_one("#f-per", Select).value),
            by_subject=self.query_one("#f-by-subject", Checkbox).value,
            by_grade=self.query_one("#f-by-grade", Checkbox).value,
            ties=str(self.query_one("#f-ties", Select).value), default=self.text("default"),
            lines=self.query_one("#f-lines", TextArea).text, note=self.text("note"))

    def action_save(self) -> None:
        for name in FIELD_ERRORS:
            self.query_one(f"#e-{name}", Static).display = False
        self.query_one("#e-form", Static).display = False
        try:
            rule = rule_of(self.fields())
            db = connect(self.db_path)
            try:
                set_rule(db, self.stage_id, rule, user=self.user,
                         expected_revision=self.revision)
            finally:
                db.close()
        except RuleProblems as problems:
            for name, message in problems.problems.items():
                line = self.query_one(f"#e-{name}", Static)
                line.update(message)
                line.display = True
            return
        except UserError as error:
            self.problem(error.message)
            return
        self.dismiss(rule)
