"""The app's sections and the tables each shows; the CLI's `show` offers the same tables by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlite_utils import Database

from rcro_tui.db import views_sections as sv
from rcro_tui.db.views import TableView


@dataclass(frozen=True)
class Table:
    """A named view: `name` is what `rcro-tui show NAME` takes, `label` the tab's title."""

    name: str
    label: str
    build: Callable[[Database], TableView]


NETWORK_TABLES = (
    Table("districts", "Муниципалитеты", sv.districts),
    Table("organizations", "Организации", sv.organizations),
    Table("programs", "Программы", sv.programs),
    Table("memberships", "Участие и заявки", sv.memberships),
)
STAGE_TABLES = (
    Table("competitions", "Конкурсы", sv.competitions),
    Table("stages", "Этапы", sv.stages),
    Table("entries", "Участники", sv.entries),
)
PUBLISH_TABLES = (
    Table("visibility", "Мероприятия по доступу", sv.visibility_by_year),
    Table("feed-tokens", "Закрытые ленты", sv.feed_tokens),
)
ALL_TABLES = {table.name: table for table in NETWORK_TABLES + STAGE_TABLES + PUBLISH_TABLES}
