"""The keys of the membership workflow, shared by the «Участие и заявки» tab and the history.

A files an application (`db.memberships.apply`); V, O, X, W, T take one step (`move`) through
a small form that asks for the date, the document and, for an approval, the term. The step
is refused in Russian where the workflow does not allow it; the screen only asks and shows.
"""

from __future__ import annotations

from rcro_tui.db.memberships import get_membership
from rcro_tui.errors import UserError
from rcro_tui.membership_rules import next_steps
from rcro_tui.model import MembershipStatus as S
from rcro_tui.screens.data import reading
from rcro_tui.screens.keys import bind
from rcro_tui.screens.membership_form import ApplyFormScreen, StepFormScreen

STEP_KEYS = {"review": S.REVIEW, "approve": S.APPROVED, "reject": S.REJECTED,
             "withdraw": S.WITHDRAWN, "expire": S.EXPIRED}


class MembershipActions:
    """Mixed into a screen that knows the membership under the cursor."""

    STEP_BINDINGS = [
        bind("v", "step('review')", "На рассмотрение"),
        bind("o", "step('approve')", "Одобрить"),
        bind("x", "step('reject')", "Отклонить"),
        bind("w", "step('withdraw')", "Отозвать"),
        bind("t", "step('expire')", "Истекла", show=False),
    ]
    program_id: int | None = None

    def chosen_membership(self) -> int | None:
        raise NotImplementedError

    def memberships_changed(self) -> None:
        """Read what the step changed."""

    def action_apply(self) -> None:
        self.app.push_screen(ApplyFormScreen(self.app.db_path, self.app.user, self.program_id,
                                             self.app.today), self._applied)

    def _applied(self, membership_id: int | None) -> None:
        if membership_id is not None:
            self.notify(f"Заявка №{membership_id} подана.", timeout=3)
            self.memberships_changed()

    def action_step(self, key: str) -> None:
        membership_id = self.chosen_membership()
        if membership_id is None:
            self.notify("Список пуст: A — подать заявку.", severity="warning", timeout=3)
            return
        status = STEP_KEYS[key]
        with reading(self.app.db_path) as db:
            membership = get_membership(db, membership_id)
        if status not in next_steps(membership.status):
            allowed = ", ".join(f"«{s.label}»" for s in next_steps(membership.status))
            self.notify(f"Из статуса «{membership.status.label}» нельзя перейти в "
                        f"«{status.label}»: можно {allowed}.", severity="warning", timeout=6)
            return
        self.app.push_screen(StepFormScreen(self.app.db_path, self.app.user, membership, status,
                                            self.app.today), self._stepped)

    def _stepped(self, status: S | None) -> None:
        if status is not None:
            self.notify(f"Записано: «{status.label}».", timeout=3)
            self.memberships_changed()

    def open_membership(self, membership_id: int) -> None:
        from rcro_tui.screens.membership_detail import MembershipScreen

        try:
            screen = MembershipScreen(self.app.db_path, membership_id, self.app.today)
        except UserError as error:
            self.notify(error.message, severity="error", timeout=6)
            return
        self.app.push_screen(screen, lambda _: self.memberships_changed())
