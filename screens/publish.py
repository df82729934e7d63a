"""«Публикация»: every feed with its address, and publishing them with a progress bar.

P publishes into the folder set with U (the same call as `rcro-tui publish`, in a thread
with its own connection), and the result — files written, what changed per feed, feeds the
linter refused — stays on screen. T issues a new private link for the organisation under
the cursor, X revokes it (each asks first: the old address stops working at the next
publish). N publishes a saved view as a feed of its own, Delete stops it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import ProgressBar, Static

from rcro_tui.db import store
from rcro_tui.db.connection import connect
from rcro_tui.db.custom_feeds import remove_custom_feed
from rcro_tui.db.feed_tokens import issue, revoke
from rcro_tui.db.publish_settings import publish_settings
from rcro_tui.errors import UserError
from rcro_tui.exports.feed_list import feeds_view, settings_text
from rcro_tui.exports.publish import PublishReport, publish
from rcro_tui.exports.site_pages import feed_urls
from rcro_tui.screens.access_keys import WriteKeys
from rcro_tui.screens.agenda import SectionScreen
from rcro_tui.screens.confirm import ConfirmDialog
from rcro_tui.screens.custom_feed_form import CustomFeedScreen
from rcro_tui.screens.data import reading
from rcro_tui.screens.footer import Footer
from rcro_tui.screens.keys import bind
from rcro_tui.screens.publish_form import PublishSettingsScreen
from rcro_tui.screens.view_table import ViewTable


@dataclass
class Progressed(Message):
    """One more feed written (from the publishing thread)."""

    done: int
    total: int


@dataclass
class Published(Message):
    """The publish finished: its report, or the Russian reason it stopped."""

    report: PublishReport | None
    problem: str = ""


class PublishScreen(WriteKeys, SectionScreen):
    WRITE_ACTIONS = {
        "publish": "settings", "settings": "settings", "new_link": "feed_tokens",
        "revoke_link": "feed_tokens", "new_feed": "custom_feeds", "remove_feed": "custom_feeds"}
    TITLE = "Публикация"
    BINDINGS = [
        bind("p", "publish", "Опубликовать"),
        bind("u", "settings", "Папка и адрес"),
        bind("t", "new_link", "Новая ссылка"),
        bind("x", "revoke_link", "Отозвать ссылку"),
        bind("n", "new_feed", "Своя лента"),
        bind("delete", "remove_feed", "Убрать свою ленту", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static("", id="publish-settings", markup=False)
        yield ProgressBar(id="publish-progress", show_eta=False)
        yield Static("", id="publish-result", markup=False)
        yield ViewTable(self.app.db_path, lambda db: feeds_view(db, self.app.today),
                        id="feeds")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#publish-progress").display = False
        self.query_one("#publish-result").display = False
        self._show_settings()

    def _show_settings(self) -> None:
        with reading(self.app.db_path) as db:
            self.query_one("#publish-settings", Static).update(settings_text(db))

    def action_settings(self) -> None:
        def saved(done: bool | None) -> None:
            if done:
                self._show_settings()
                self.query_one("#feeds", ViewTable).reload()

        self.app.push_screen(PublishSettingsScreen(self.app.db_path, self.app.user), saved)

    def action_publish(self) -> None:
        with reading(self.app.db_path) as db:
            folder, _ = publish_settings(db)
        if not folder:
            self.notify("Сначала укажите папку публикации (U).", severity="warning")
            self.action_settings()
            return
        bar = self.query_one("#publish-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self._publish(Path(folder))

    @work(thread=True, exclusive=True, group="publish")
    def _publish(self, folder: Path) -> None:
        db = connect(self.app.db_path)
        try:
            report = publish(db, folder, as_of=self.app.today, user=self.app.user,
                             site_url=publish_settings(db)[1],
                             progress=lambda done, total, _: self.post_message(
                                 Progressed(done, total)))
            self.post_message(Published(report))
        except UserError as error:
            self.post_message(Published(None, error.message))
        finally:
            db.close()

    @on(Progressed)
    def _progressed(self, message: Progressed) -> None:
        self.query_one("#publish-progress", ProgressBar).update(total=message.total,
                                                                progress=message.done)

    @on(Published)
    def _published(self, message: Published) -> None:
        self.query_one("#publish-progress").display = False
        result = self.query_one("#publish-result", Static)
        result.display = True
        if message.report is None:
            result.update(f"Публикация не удалась: {message.problem}")
            self.notify(message.problem, severity="error", timeout=10)
            return
        result.update("\n".join(message.report.lines() + [
            f"Не опубликована (осталась прежней): {refused}" for refused in message.report.refused]))
        self.query_one("#feeds", ViewTable).reload()

    @on(ViewTable.Opened)
    def _show_address(self, message: ViewTable.Opened) -> None:
        """Enter: the feed's whole address, https and webcal://, to copy and send."""
        table = self.query_one("#feeds", ViewTable)
        row = table.view.rows[table.view.keys.index(message.key)]
        result = self.query_one("#publish-result", Static)
        result.display = True
        if not row[3].endswith(".ics"):
            result.update(f"{row[0]}: {row[3]}.")
            return
        with reading(self.app.db_path) as db:
            site = publish_settings(db)[1]
        https, webcal = feed_urls(site, Path(row[3]))
        result.update(f"{row[0]}\n{https}" + (f"\n{webcal}" if webcal else
                                               "\n(адрес сайта не задан: U)"))

    def _current(self, prefix: str) -> int | None:
        """The number of the feed under the cursor when its key starts with `prefix`."""
        table = self.query_one("#feeds", ViewTable)
        grid = table.query_one("DataTable")
        if table.view is None or not table.view.rows:
            return None
        key = str(table.view.keys[grid.cursor_row])
        return int(key.removeprefix(prefix)) if key.startswith(prefix) else None

    def _current_org(self) -> int | None:
        return self._current("org-")

    def action_new_feed(self) -> None:
        def made(feed_id: int | None) -> None:
            if feed_id is not None:
                self.query_one("#feeds", ViewTable).reload()
                self.notify("Лента появится на сайте после публикации (P).")

        self.app.push_screen(CustomFeedScreen(self.app.db_path, self.app.user), made)

    def action_remove_feed(self) -> None:
        feed_id = self._current("custom-")
        if feed_id is None:
            self.notify("Убрать можно только свою ленту (по сохранённому виду).",
                        severity="warning")
            return

        with reading(self.app.db_path) as db:
            revision = store.get_row(db, "custom_feeds", feed_id)["revision"]

        def answered(yes: bool | None) -> None:
            if yes:
                db = connect(self.app.db_path)
                try:
                    remove_custom_feed(db, feed_id, user=self.app.user,
                                       expected_revision=revision)
                except UserError as error:
                    self.notify(error.message, severity="error", timeout=8)
                finally:
                    db.close()
                self.query_one("#feeds", ViewTable).reload()

        self.app.push_screen(ConfirmDialog("Перестать публиковать эту ленту? Её файл исчезнет "
                                           "при следующей публикации; сохранённый вид "
                                           "останется.", danger=True), answered)

    def action_new_link(self) -> None:
        self._token_action(issue, "Выпустить новую ссылку на личную ленту? Старая перестанет "
                                  "работать после следующей публикации.")

    def action_revoke_link(self) -> None:
        self._token_action(revoke, "Отозвать ссылку на личную ленту? После следующей публикации "
                                   "лента по ней исчезнет, новой не будет, пока её не выпустят.")

    def _token_action(self, write, question: str) -> None:
        org_id = self._current_org()
        if org_id is None:
            self.notify("Встаньте на личную ленту организации.", severity="warning")
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            db = connect(self.app.db_path)
            try:
                write(db, org_id, user=self.app.user)
            except UserError as error:
                self.notify(error.message, severity="error")
                return
            finally:
                db.close()
            self.query_one("#feeds", ViewTable).reload()

        self.app.push_screen(ConfirmDialog(question, danger=write is revoke), answered)

