"""A new custom feed: which saved view to publish, and the feed's name (the view's by default).

The view is chosen from a list of the saved views not yet published; the feed is made by
`db.custom_feeds.add_custom_feed` (the same call as `rcro-tui feeds add`). Dismisses with the
new feed's number, or None.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from rcro_tui.db.connection import connect
from rcro_tui.db.custom_feeds import add_custom_feed, list_custom_feeds
from rcro_tui.db.filter_labels import summary
from rcro_tui.db.saved_views import list_views
from rcro_tui.errors import UserError
from rcro_tui.screens.data import reading
from rcro_tui.screens.membership_form import FormScreen, row

EMPTY = ("Все сохранённые виды уже публикуются, или их нет: сохраните фильтр в «Календаре» "
         "(V — виды, S — сохранить), затем вернитесь сюда.")


class CustomFeedScreen(FormScreen):
    def __init__(self, db_path: Path, user: str) -> None:
        super().__init__()
        self.db_path, self.user = db_path, user
        with reading(db_path) as db:
            taken = {feed.view_name for feed in list_custom_feeds(db)}
            self.views = [(view.name, summary(db, view.filter)) for view in list_views(db)
                          if view.name not in taken]

    def compose(self) -> ComposeResult:
        with Vertical(id="custom-feed-form", classes="dialog"):
            yield Label("Новая лента по сохранённому виду", classes="dialog-title")
            yield OptionList(*[Option(f"{name} — {text}" if text else name, id=str(i))
                               for i, (name, text) in enumerate(self.views)],
                             id="custom-feed-views")
            yield row("Название", Input(id="f-name", placeholder="как у вида"))
            yield Static("В ленту попадут только общедоступные мероприятия вида; её адрес — "
                         "на странице со всеми лентами.", classes="form-hint")
            yield self.error_line()
            yield Static("Стрелки — вид, Ctrl+S — создать, Esc — отмена.", classes="form-hint")

    def on_mount(self) -> None:
        if not self.views:
            self.problem(EMPTY)
            return
        listing = self.query_one("#custom-feed-views", OptionList)
        listing.highlighted = 0
        listing.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#f-name", Input).focus()

    def action_save(self) -> None:
        index = self.query_one("#custom-feed-views", OptionList).highlighted
        if index is None or not self.views:
            self.problem(EMPTY if not self.views else "Выберите вид в списке.")
            return
        db = connect(self.db_path)
        try:
            feed_id = add_custom_feed(db, self.views[index][0], user=self.user,
                                      name=self.text("name"))
        except UserError as error:
            self.problem(error.message)
            return
        finally:
            db.close()
        self.dismiss(feed_id)
