"""Enter on an organisation: its card — contacts, memberships, events hosted and attended,
stage sessions hosted. E edits, M merges a duplicate into it, Esc goes back.

Dismisses with whether anything changed, so the list reads itself again only then.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from rcro_tui.db.org_detail import EventLine, OrgDetail, org_detail
from rcro_tui.errors import UserError
from rcro_tui.i18n import count
from rcro_tui.screens.access_keys import WriteKeys
from rcro_tui.screens.data import reading
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.keys import bind

SHOWN_EVENTS = 30
"""Events listed per heading; the rest are counted (a big hub hosts hundreds a year)."""


def detail_text(detail: OrgDetail) -> Text:
    """The card as styled text: headings bold, empty parts said in words."""
    row = detail.row
    text = Text()
    text.append(row["name"] + "\n", style="bold")
    facts = [("Краткое название", row["short_name"]), ("Вид", detail.kind_label),
             ("Правовая форма", row["legal_form"]), ("ИНН", row["inn"] or ""),
             ("Муниципалитет", detail.district), ("Адрес", row["address"]),
             ("Телефон", row["phone"]), ("Эл. почта", row["email"]), ("Сайт", row["website"]),
             ("Примечание", row["note"])]
    for label, value in facts:
        if value:
            text.append(f"{label}: ", style="dim")
            text.append(f"{value}\n")
    _heading(text, "Контакты", len(detail.contacts))
    for c in detail.contacts:
        text.append("  " + " · ".join(v for v in (c.name, c.position, c.phone, c.email) if v)
                    + "\n")
    _heading(text, "Участие в программах", len(detail.memberships))
    for m in detail.memberships:
        until = f", до {m.until}" if m.until else ""
        document = f" ({m.document})" if m.document else ""
        text.append(f"  {m.program}: {m.role} — {m.status}{until}{document}\n")
    _events(text, "Проводит мероприятия", detail.hosted)
    _events(text, "Участвует (ученики на этапах)", detail.attended)
    _events(text, "Площадка отборочных этапов", detail.sessions)
    return text


def _heading(text: Text, title: str, n: int) -> None:
    text.append(f"\n{title}", style="bold")
    text.append(f" — {n}\n" if n else " — нет\n", style="dim")


def _events(text: Text, title: str, lines: list[EventLine]) -> None:
    _heading(text, title, len(lines))
    for line in lines[:SHOWN_EVENTS]:
        note = f" · {line.note}" if line.note else ""
        text.append(f"  {line.when}  {line.title}{note}\n")
    if len(lines) > SHOWN_EVENTS:
        rest = len(lines) - SHOWN_EVENTS
        text.append(f"  …и ещё {count(rest, 'мероприятие', 'мероприятия', 'мероприятий')}\n",
                    style="dim")


class OrgDetailScreen(WriteKeys, ModalScreen[bool]):
    WRITE_ACTIONS = {"edit": "organizations", "merge": "organizations"}
    BINDINGS = [
        bind("e", "edit", "Изменить"),
        bind("m", "merge", "Объединить"),
        bind("escape", "close", "Назад", key_display="Esc"),
    ]

    def __init__(self, db_path: Path, user: str, org_id: int) -> None:
        super().__init__()
        self.db_path, self.user, self.org_id = db_path, user, org_id
        self.changed = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="org-detail"):
            yield Static("", id="org-detail-text")
        yield Footer()

    def on_mount(self) -> None:
        self.load()
        self.query_one("#org-detail").focus()

    def load(self) -> None:
        try:
            with reading(self.db_path) as db:
                detail = org_detail(db, self.org_id)
        except UserError as error:
            self.notify(error.message, severity="error", timeout=6)
            self.dismiss(True)
            return
        self.query_one("#org-detail-text", Static).update(detail_text(detail))

    def action_edit(self) -> None:
        from rcro_tui.screens.org_editor import OrgEditorScreen

        self.app.push_screen(OrgEditorScreen(self.db_path, self.user, self.org_id),
                             self._after)

    def action_merge(self) -> None:
        from rcro_tui.screens.org_merge import start_merge

        start_merge(self.app, self.db_path, self.user, self.org_id, self._after)

    def _after(self, org_id: int | None) -> None:
        if org_id is not None:
            self.changed = True
            self.load()

    def action_close(self) -> None:
        self.dismiss(self.changed)
