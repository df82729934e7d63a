"""The calendar's event keys for any list screen: new, edit, copy, next year, cancel, delete.

A screen mixes `EventActions` in before its base and provides `current_event_id()`,
`current_day()` and `refresh_events()`. Each action is one call into `db.event_edit`; the
ones that cannot be undone (cancel, delete, a copy into next year) ask first.

A municipal coordinator may change only their district's events: while the cursor is on
another district's event, «Изменить», «Отменить» and «Удалить» leave the footer (their keys
then only say «Нет прав: …», as the core would). The host calls `event_cursor_moved()` when
its cursor moves; the answer is worked out once per event (a cached look-up) and the footer
is rebuilt only when it changes: moving the cursor costs other roles nothing, and a
municipal coordinator one look-up per event. The core still refuses the write.
"""

from __future__ import annotations

from datetime import date, datetime

from textual.binding import Binding
from textual.screen import Screen

from rcro_tui.db import store
from rcro_tui.db.event_edit import (cancel_event, delete_event, duplicate_to_next_year,
                                    next_year_shift)
from rcro_tui.errors import UserError
from rcro_tui.i18n import WEEKDAYS_LONG, date_long
from rcro_tui.model import EventStatus, UserRole
from rcro_tui.rules import parse_moment, today_in_region
from rcro_tui.db.access import why_not
from rcro_tui.screens.access_keys import WriteKeys
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.data import reading
from rcro_tui.screens.event_editor import EventEditorScreen
from rcro_tui.screens.keys import bind, both_layouts

EVENT_KEYS = Binding.Group("Мероприятие")

CHANGE_ACTIONS = frozenset({"edit_event", "cancel_event", "delete_event"})
"""Keys that change the event under the cursor (hidden on an event the person may not change)."""


def day_with_weekday(day: date) -> str:
    """«18 апреля 2023 г. (вторник)»"""
    return f"{date_long(day)} ({WEEKDAYS_LONG[day.weekday()]})"


def _event_day(row: dict) -> date:
    start = parse_moment(row["start_at"])
    return start.date() if isinstance(start, datetime) else start


class EventActions(WriteKeys, Screen):
    """Mixed into list screens (a Screen subclass so that Textual merges its BINDINGS)."""

    WRITE_ACTIONS = {action: "events" for action in (
        "new_event", "edit_event", "copy_event", "next_year_event", "cancel_event",
        "delete_event")}

    BINDINGS = [
        Binding("plus", "new_event", "Новое", key_display="+", id="new_event"),
        Binding("insert", "new_event", "Новое", key_display="Ins", show=False,
                id="new_event_insert"),
        bind("e", "edit_event", "Изменить"),
        bind("c", "copy_event", "Копия", show=False),
        Binding("Y,Н,shift+y", "next_year_event", "Копия на след. уч. год", show=False,
                key_display="Shift+Y", id="next_year_event"),
        bind("x", "cancel_event", "Отменить", show=False),
        Binding("delete", "delete_event", "Удалить", show=False, key_display="Del",
                id="delete_event"),
        Binding("L,Д,shift+l", "letter", "Письмо", show=False, key_display="Shift+L",
                id="letter"),
        # Tried after the three above, and only while they are hidden: the key still says why.
        Binding(both_layouts("e,x,delete"), "refused_event", "Нет прав менять это мероприятие",
                show=False, id="refused_event"),
    ]

    _event_refused = False
    """Whether the event under the cursor is one the person may not change (last answer)."""

    _refusals: dict[int, bool] | None = None
    """Event id → refused?, for a municipal coordinator; forgotten when the events are reread."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "refused_event":
            return self._event_refused
        if action in CHANGE_ACTIONS and self._event_refused:
            return False
        return super().check_action(action, parameters)

    def action_refused_event(self) -> None:
        """e, x or Del on an event the person may not change: the core's «Нет прав: …»."""
        self._chosen_event()

    def event_cursor_moved(self) -> None:
        """Hide or show the change keys for the event now under the cursor (only when the
        answer changes: a footer rebuild per keystroke would slow the calendar down)."""
        rights = getattr(self.app, "rights", None)
        if rights is None or rights.role is not UserRole.MUNICIPAL or not rights.may_write:
            return
        refused = self._refused(self.current_event_id())
        if refused != self._event_refused:
            self._event_refused = refused
            self.refresh_bindings()

    def forget_event_rights(self) -> None:
        """The events were reread (an event's host may have moved to another district)."""
        self._refusals = None

    def _refused(self, event_id: int | None) -> bool:
        if event_id is None:
            return False
        if self._refusals is None:
            self._refusals = {}
        if event_id not in self._refusals:
            try:
                with reading(self.app.db_path) as db:
                    row = store.get_row(db, "events", event_id)
                    self._refusals[event_id] = bool(why_not(db, self.app.user, "events", row))
            except UserError:
                return False  # gone meanwhile: the key says so when pressed
        return self._refusals[event_id]

    def current_event_id(self) -> int | None:
        """The event under the cursor (the host screen says)."""
        raise NotImplementedError

    def current_day(self) -> date:
        """The day a new event starts on."""
        raise NotImplementedError

    def refresh_events(self) -> None:
        """Read the list again after a change."""
        raise NotImplementedError

    def _chosen_event(self, *, to_change: bool = True) -> dict | None:
        """The row of the event under the cursor, or a hint when there is none (or, for a
        change, the «Нет прав: …» of an event the person's role may not change)."""
        event_id = self.current_event_id()
        if event_id is None:
            self.notify("Выберите мероприятие в списке.", severity="warning", timeout=3)
            return None
        try:
            with reading(self.app.db_path) as db:
                row = store.get_row(db, "events", event_id)
                refusal = why_not(db, self.app.user, "events", row) if to_change else ""
        except UserError as error:
            self.notify(error.message, severity="error")
            return None
        if refusal:
            self.notify(refusal, severity="error", timeout=8)
            return None
        return row

    def _edited(self, event_id: int | None) -> None:
        if event_id is not None:
            self.refresh_events()

    def action_new_event(self) -> None:
        self.app.push_screen(EventEditorScreen.new(self.app.db_path, self.current_day()),
                             self._edited)

    def action_edit_event(self) -> None:
        if (row := self._chosen_event()) is not None:
            self.app.push_screen(EventEditorScreen.edit(self.app.db_path, row["id"]),
                                 self._edited)

    def action_copy_event(self) -> None:
        if (row := self._chosen_event()) is not None:
            self.app.push_screen(EventEditorScreen.duplicate(self.app.db_path, row["id"]),
                                 self._edited)

    def action_next_year_event(self) -> None:
        if (row := self._chosen_event()) is None:
            return
        day = _event_day(row)
        landed = day_with_weekday(day + next_year_shift(day))
        self._ask(f"Скопировать «{row['title']}» на следующий учебный год?\n"
                  f"Копия на {landed}, статус «запланировано», без итогов.",
                  "Создать копию", lambda: self._copy_to_next_year(row["id"], landed))

    def _copy_to_next_year(self, event_id: int, landed: str) -> None:
        with reading(self.app.db_path) as db:
            duplicate_to_next_year(db, event_id, user=self.app.user)
        self.notify(f"Копия создана на {landed}.", timeout=4)
        self.refresh_events()

    def action_cancel_event(self) -> None:
        if (row := self._chosen_event()) is None:
            return
        if row["status"] == EventStatus.CANCELLED:
            self.notify(f"«{row['title']}» уже отменено.", timeout=3)
            return
        self._ask(f"Отменить «{row['title']}» ({date_long(_event_day(row))})?\n"
                  "Мероприятие останется в календаре с отметкой ОТМЕНЕНО, "
                  "подписчики календаря узнают об отмене.", "Отменить мероприятие",
                  lambda: self._cancel(row), danger=True, no="Не отменять")

    def _cancel(self, row: dict) -> None:
        with reading(self.app.db_path) as db:
            cancel_event(db, row["id"], user=self.app.user, expected_revision=row["revision"])
        self.notify(f"Отменено: «{row['title']}».", timeout=4)
        self.refresh_events()

    def action_delete_event(self) -> None:
        if (row := self._chosen_event()) is None:
            return
        self._ask(f"Удалить «{row['title']}» ({date_long(_event_day(row))}) совсем?\n"
                  "Удаляйте только внесённое по ошибке; прошедшее или отменённое лучше "
                  "оставить (x — отменить).", "Удалить",
                  lambda: self._delete(row["id"], row["revision"]),
                  danger=True, no="Не удалять")

    def action_letter(self) -> None:
        """«О проведении …» or «Об итогах …» (the latter first for an event already held)."""
        from rcro_tui.screens.letter_dialog import LetterDialog

        if (row := self._chosen_event(to_change=False)) is not None:
            today = getattr(self.app, "today", None) or today_in_region()
            held = row["status"] == EventStatus.HELD or _event_day(row) < today
            self.app.push_screen(LetterDialog(self.app.db_path, row["id"], today=today,
                                              held=held))

    def _delete(self, event_id: int, revision: int | None = None) -> None:
        with reading(self.app.db_path) as db:
            delete_event(db, event_id, user=self.app.user, expected_revision=revision)
        self.notify("Мероприятие удалено.", timeout=4)
        self.refresh_events()

    def _ask(self, question: str, yes: str, then, *, danger: bool = False,
             no: str = "Отмена") -> None:
        """Run `then` after a «yes»; a refusal from the database becomes a notification."""
        def answered(agreed: bool | None) -> None:
            if not agreed:
                return
            try:
                then()
            except UserError as error:
                self.notify(error.message, severity="error", timeout=8)

        self.app.push_screen(ConfirmDialog(question, yes=yes, no=no, danger=danger), answered)
