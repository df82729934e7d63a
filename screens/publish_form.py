"""The publishing settings: the folder to write and the address the web server serves it at.

Checked by `db.publish_settings` (the same rules as `rcro-tui publish`); a problem is shown
in the form and nothing is saved. Dismisses with True when saved.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from rcro_tui.db.connection import connect
from rcro_tui.db.publish_settings import publish_settings, save_publish_settings
from rcro_tui.errors import UserError
from rcro_tui.screens.data import reading
from rcro_tui.screens.membership_form import HINT, FormScreen, row


class PublishSettingsScreen(FormScreen):
    def __init__(self, db_path: Path, user: str) -> None:
        super().__init__()
        self.db_path, self.user = db_path, user
        with reading(db_path) as db:
            self.folder, self.site_url = publish_settings(db)

    def compose(self) -> ComposeResult:
        with Vertical(id="publish-form", classes="dialog"):
            yield Label("Публикация лент", classes="dialog-title")
            yield row("Папка", Input(self.folder, id="f-folder",
                                     placeholder="полный путь, например /srv/rcro/site"))
            yield row("Адрес сайта", Input(self.site_url, id="f-site",
                                           placeholder="https://calendar.example.ru"))
            yield Static("Веб-сервер (nginx, deploy/nginx) отдаёт папку по этому адресу; "
                         "по нему строятся ссылки webcal:// и QR-коды.", classes="form-hint")
            yield self.error_line()
            yield Static(HINT, classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#f-folder", Input).focus()

    def action_save(self) -> None:
        db = connect(self.db_path)
        try:
            save_publish_settings(db, self.text("folder"), self.text("site"), user=self.user,
                                  seen=(self.folder, self.site_url))
        except UserError as error:
            self.problem(error.message)
            return
        finally:
            db.close()
        self.dismiss(True)
