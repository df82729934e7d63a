"""The published folder's pages: the public index of feeds and one private page per school.

Schools subscribe rather than download (ICS-NOTES rule 15): every feed gets a `webcal://`
link (calendar apps open it as a subscription), its https address to paste, and a QR code
for a phone; a short guide says where each client keeps «subscribe by URL», and that
Google refreshes only every 8–24 hours whatever the feed asks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from rcro_tui.db.feed_members import Feed
from rcro_tui.exports.qr_code import qr_img
from rcro_tui.feed_scope import FeedKind

if TYPE_CHECKING:
    from rcro_tui.exports.publish_tables import TableLink

CLIENT_GUIDE = (
    ("Google Календарь", "на компьютере: «Другие календари» → «+» → «Добавить по URL», "
     "вставьте https-адрес. Google обновляет подписки раз в 8–24 часа, поэтому изменения "
     "появляются не сразу."),
    ("Яндекс Календарь", "«Добавить» → «Подписку на календарь» (или «Импорт» → «По ссылке»), "
     "вставьте https-адрес."),
    ("Outlook", "«Добавить календарь» → «Подписаться из Интернета», вставьте адрес; "
     "в Outlook для Windows можно просто нажать ссылку webcal://."),
    ("Apple Календарь", "на Mac: «Файл» → «Новая подписка на календарь»; на iPhone: нажмите "
     "ссылку webcal:// или наведите камеру на QR-код."),
    ("Thunderbird", "«Новый календарь» → «В сети», вставьте https-адрес, формат iCalendar."),
)
PAGES_VERSION = 3
"""Raise when the pages' layout or texts change: every page is then made again."""
STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#222;line-height:1.45}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;
text-align:left;vertical-align:top}code{word-break:break-all}.qr img{display:block}
.note{background:#f6f3e6;padding:.6rem .8rem;border-left:4px solid #c9a227}"""


def feed_urls(site_url: str, relative: Path) -> tuple[str, str]:
    """(https address, webcal:// address) of a file; relative ones when no site is set."""
    path = relative.as_posix()
    if not site_url:
        return path, ""
    base = site_url.rstrip("/") + "/"
    https = base + path
    return https, "webcal://" + https.split("://", 1)[-1]


def _page(title: str, body: list[str]) -> bytes:
    html = ["<!DOCTYPE html>", '<html lang="ru">', "<head>", '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="robots" content="noindex">',
            f"<title>{escape(title)}</title>", f"<style>{STYLE}</style>", "</head>", "<body>",
            f"<h1>{escape(title)}</h1>", *body, "</body>", "</html>"]
    return ("\n".join(html) + "\n").encode("utf-8")


def _feed_row(name: str, https: str, webcal: str) -> str:
    links = f'<a href="{escape(webcal)}">Подписаться</a><br>' if webcal else ""
    qr = f'<td class="qr">{qr_img(webcal or https)}</td>' if webcal else "<td></td>"
    return (f"<tr><td><b>{escape(name)}</b><br>{links}"
            f'<code><a href="{escape(https)}">{escape(https)}</a></code></td>{qr}</tr>')


def _guide() -> list[str]:
    items = [f"<li><b>{escape(client)}</b>: {escape(text)}</li>" for client, text in CLIENT_GUIDE]
    return ["<h2>Как подписаться</h2>",
            "<p>Подпишитесь, а не скачивайте файл: скачанный файл — застывшая копия, а "
            "подписка сама получает новые и изменённые мероприятия.</p>",
            "<ul>", *items, "</ul>"]


def _tables(tables: Sequence[TableLink]) -> list[str]:
    """«Таблицы для печати»: each public table's page to print, its Excel file and CSV."""
    if not tables:
        return []
    body = ["<h2>Таблицы для печати</h2>",
            "<p>Страница таблицы печатается на листах A4 (Ctrl+P); рядом — та же таблица "
            "в CSV, её открывает Excel.</p>"]
    for section in dict.fromkeys(link.section for link in tables):
        rows = [f'<tr><td>{escape(link.label)}</td><td><a href="tables/{link.stem}.html">'
                f'для печати</a> · <a href="tables/{link.stem}.csv">CSV (Excel)</a></td></tr>'
                for link in tables if link.section == section]
        body += [f"<h3>{escape(section)}</h3>", "<table>", *rows, "</table>"]
    return body


def index_page(feeds: list[Feed], site_url: str, tables: Sequence[TableLink] = ()) -> bytes:
    """The public index: the region's feed, programmes' and districts' feeds, the tables."""
    body = ["<p>Календарь образовательных событий ОГБУ «Региональный центр развития "
            "образования» (Томская область). Время — томское (UTC+7).</p>"]
    if not site_url:
        body.append('<p class="note">Адрес сайта не задан: ссылки webcal:// и QR-коды '
                    "появятся после <code>rcro-tui publish --site-url https://…</code>.</p>")
    for kind, heading in ((FeedKind.REGION, "Общая лента"), (FeedKind.CUSTOM, "Подборки"),
                          (FeedKind.PROGRAM, "Программы"), (FeedKind.DISTRICT, "Муниципалитеты")):
        rows = [_feed_row(feed.name, *feed_urls(site_url, Path("feeds", f"{feed.key}.ics")))
                for feed in feeds if feed.kind is kind]
        if rows:
            body += [f"<h2>{heading}</h2>", "<table>", *rows, "</table>"]
    return _page("Календарь образовательных событий РЦРО", body + _tables(tables) + _guide())


def private_page(name: str, token: str, site_url: str) -> bytes:
    """A school's own page: its private link, to be sent to the school and nowhere else."""
    https, webcal = feed_urls(site_url, Path("private", token, "calendar.ics"))
    body = ['<p class="note">Это личная ссылка организации: не публикуйте её на сайте. '
            "Если она попала не туда, координатор РЦРО выпустит новую, а эта перестанет "
            "работать.</p>",
            "<p>В ленте — мероприятия, которые касаются организации: её собственные, "
            "её программ и сетей, её муниципалитета и этапы, на которые заявлены её "
            "участники.</p>",
            "<table>", _feed_row(name, https if site_url else "calendar.ics", webcal),
            "</table>"]
    return _page(name, body + _guide())


@dataclass(frozen=True)
class Page:
    """A page to write, the inputs it is made from (`key`) and how to make it.

    Making a page costs a QR code per link (milliseconds each: a region's hundreds of
    private pages would be most of a re-publish), so a page whose key is unchanged and
    whose file is in place is not made again."""

    path: Path
    key: str
    build: Callable[[], bytes]


def site_index(feeds: list[Feed], site_url: str, tables: Sequence[TableLink] = ()) -> Page:
    """index.html: every public feed and the printable tables."""
    public = [(feed.kind.value, feed.key, feed.name) for feed in feeds
              if feed.kind is not FeedKind.ORGANIZATION]
    listed = [(link.section, link.label, link.stem) for link in tables]
    return Page(Path("index.html"), _key(PAGES_VERSION, site_url, public, listed),
                lambda: index_page(feeds, site_url, tables))


def site_private_pages(feeds: list[Feed], tokens: dict[int, str], site_url: str) -> list[Page]:
    """One page per organisation with a token: its private link to send."""
    pages = []
    for feed in feeds:
        token = tokens.get(feed.owner_id) if feed.kind is FeedKind.ORGANIZATION else None
        if token:
            pages.append(Page(Path("private", token, "index.html"),
                              _key(PAGES_VERSION, site_url, feed.name, token),
                              partial(private_page, feed.name, token, site_url)))
    return pages


def _key(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:32]
