"""A modal with one event: every field, its agenda, audience, feeds and change history."""

from __future__ import annotations

from pathlib import Path

from textual.markup import escape
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from rcro_tui.db.event_detail import EventDetail, event_detail
from rcro_tui.screens.data import reading
from rcro_tui.screens.keys import bind
from rcro_tui.screens.footer import Footer


def detail_markup(detail: EventDetail) -> str:
    """The detail as Rich markup (values escaped: titles contain [brackets] sometimes)."""
    lines = [f"[b]{escape(detail.title)}[/b]", ""]
    if detail.warnings:
        lines += ["[b $warning]Предупреждения[/]",
                  *(f"[$warning]⚠[/] {escape(item)}" for item in detail.warnings), ""]
    width = max((len(label) for label, _ in detail.fields), default=0)
    for label, value in detail.fields:
        indented = escape(value).replace("\n", "\n" + " " * (width + 2))
        lines.append(f"[$text-muted]{label:<{width}}[/]  {indented}")
    if detail.agenda:
        lines += ["", "[b]Программа[/b]", *(escape(item) for item in detail.agenda)]
    if detail.audience:
        lines += ["", "[b]Целевая аудитория[/b]", *(f"• {escape(item)}" for item in detail.audience)]
    if detail.feeds:
        lines += ["", "[b]Ленты[/b]", *(f"• {escape(item)}" for item in detail.feeds)]
    if detail.history:
        lines += ["", "[b]История изменений[/b]", *(escape(item) for item in detail.history)]
    return "\n".join(lines)


def detail_text(detail: EventDetail) -> str:
    """The same detail as plain text (`rcro-tui events show`): exactly what the screen shows."""
    return Content.from_markup(detail_markup(detail)).plain + "\n"


class EventDetailScreen(ModalScreen[None]):
    """Opened with Enter on an event anywhere; Esc closes it."""

    BINDINGS = [bind("escape,q", "dismiss", "Закрыть")]

    def __init__(self, db_path: Path, event_id: int) -> None:
        super().__init__()
        self.db_path = db_path
        self.event_id = event_id

    def compose(self) -> ComposeResult:
        with reading(self.db_path) as db:
            detail = event_detail(db, self.event_id, today=self.app.today)
        with VerticalScroll(id="event-detail"):
            yield Static(detail_markup(detail), id="event-detail-text")
        yield Footer()

    def action_dismiss(self) -> None:
        self.dismiss(None)
