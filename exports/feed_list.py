"""The «Публикация» screen's table: every feed, how many events it holds, where it lives.

The same plan as publishing (`db.feed_members.plan_feeds`), read without writing anything:
an organisation that has no token yet shows «появится при публикации».
"""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from rcro_tui.db.feed_members import EventCount, plan_feeds_of
from rcro_tui.db.publish_settings import PUBLISH_DIR, SITE_URL
from rcro_tui.db.store import get_setting
from rcro_tui.db.views import TableView
from rcro_tui.exports.publish import published_scopes
from rcro_tui.feed_scope import FeedKind

COLUMNS = ("Лента", "Вид", "Событий", "Путь на сайте")
KIND_SHORT = {FeedKind.REGION: "общая", FeedKind.PROGRAM: "программа",
              FeedKind.DISTRICT: "муниципалитет", FeedKind.ORGANIZATION: "личная",
              FeedKind.CUSTOM: "своя"}


def feeds_view(db: Database, as_of: date) -> TableView:
    """Public feeds first (region, programmes, districts), then each organisation's."""
    feeds = plan_feeds_of(db, published_scopes(db, as_of), keep=EventCount)
    tokens = dict(db.execute("SELECT organization_id, token FROM feed_tokens "
                             "WHERE revoked_at IS NULL").fetchall())
    had = {row[0] for row in db.execute("SELECT DISTINCT organization_id FROM feed_tokens")}
    view = TableView("Ленты", COLUMNS, empty="Лент нет.")
    for feed in feeds:
        view.add(feed.key, feed.name, KIND_SHORT[feed.kind], str(len(feed.event_ids)),
                 _address(feed, tokens, had))
    return view


def _address(feed, tokens: dict[int, str], had: set[int]) -> str:
    """The file's path under the site's address (shown above the table)."""
    if feed.kind is not FeedKind.ORGANIZATION:
        return f"feeds/{feed.key}.ics"
    if feed.owner_id in tokens:
        return f"private/{tokens[feed.owner_id]}/calendar.ics"
    return "ссылка отозвана" if feed.owner_id in had else "ссылка появится при публикации"


def settings_text(db: Database) -> str:
    """«Папка: … · Адрес сайта: …» above the table."""
    folder = get_setting(db, PUBLISH_DIR) or "не задана (U)"
    site = get_setting(db, SITE_URL) or "не задан (U): без него нет ссылок webcal:// и QR-кодов"
    return f"Папка публикации: {folder}\nАдрес сайта: {site}"
