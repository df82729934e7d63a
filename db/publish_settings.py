"""Where the published folder is written and where the web server serves it (two settings).

Kept in the database so that the «Публикация» screen, `rcro-tui publish` and its cron line
all publish the same folder under the same address without repeating them.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from rcro_tui.db.store import ConflictError, get_setting, set_setting
from rcro_tui.errors import InputError

SITE_URL, PUBLISH_DIR = "site_url", "publish_dir"


def check_site_url(text: str) -> str:
    """«https://calendar.example.ru/rcro» (no trailing slash), or InputError saying why."""
    url = text.strip().rstrip("/")
    if url and (not url.startswith(("https://", "http://")) or " " in url or "." not in url):
        raise InputError(f"Адрес сайта «{text.strip()}» — ожидается вид "
                         "https://calendar.example.ru (без пробелов).")
    return url


def check_folder(text: str) -> Path:
    """An absolute folder that exists or can be made (its parent exists), never a file."""
    raw = text.strip()
    if not raw:
        raise InputError("Папка публикации не задана: укажите путь, например /srv/rcro/site.")
    folder = Path(raw).expanduser()
    if not folder.is_absolute():
        raise InputError(f"Папка «{raw}» — нужен полный путь от корня, например /srv/rcro/site.")
    if folder.exists() and not folder.is_dir():
        raise InputError(f"«{folder}» — это файл, а не папка.")
    if not folder.exists() and not folder.parent.is_dir():
        raise InputError(f"Папки «{folder.parent}» нет: создайте её или выберите другую.")
    return folder


def publish_settings(db: Database) -> tuple[str, str]:
    """(folder, site URL) as stored; empty strings when not set."""
    return get_setting(db, PUBLISH_DIR), get_setting(db, SITE_URL)


def save_publish_settings(db: Database, folder: str, site_url: str, *, user: str,
                          seen: tuple[str, str] | None = None) -> None:
    """Check both, then store both in one transaction.

    Args:
        seen: the (folder, URL) the form opened with: if a colleague saved others meanwhile,
            ConflictError instead of silently overwriting theirs.
    """
    checked_folder, checked_url = check_folder(folder), check_site_url(site_url)
    with db.atomic():
        if seen is not None and publish_settings(db) != tuple(seen):
            stored_folder, stored_url = publish_settings(db)
            raise ConflictError(
                "Настройки публикации изменил другой пользователь, пока вы их правили "
                f"(теперь папка «{stored_folder}», адрес «{stored_url}»): закройте форму, "
                "откройте её заново и повторите правку.")
        set_setting(db, PUBLISH_DIR, str(checked_folder), user=user)
        set_setting(db, SITE_URL, checked_url, user=user)
