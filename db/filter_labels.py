"""A filter in words: the chips above the calendar and the choices the filter dialog offers.

Filters store ids and codes (stable when a school is renamed); people read names and Russian
labels, so every id is looked up here, in one place for the screens and the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from rcro_tui.i18n import date_short
from rcro_tui.model import EventFormat, EventKind, EventStatus, Labelled, Visibility
from rcro_tui.db.event_filter import DATES, EventFilter

ALL_EVENTS = "Все мероприятия"
"""What the filter bar says when nothing narrows the calendar."""


@dataclass(frozen=True)
class Choice:
    """One pickable value: what is stored, what is shown, and what a search box matches."""

    value: int | str
    label: str
    search: str = ""


@dataclass
class FilterOptions:
    """Every choice of the filter dialog, each list in the order people look for it."""

    programs: list[Choice] = field(default_factory=list)
    districts: list[Choice] = field(default_factory=list)
    hosts: list[Choice] = field(default_factory=list)
    kinds: list[Choice] = field(default_factory=list)
    statuses: list[Choice] = field(default_factory=list)
    visibilities: list[Choice] = field(default_factory=list)
    formats: list[Choice] = field(default_factory=list)


_SHORT = "COALESCE(NULLIF({t}.short_name, ''), {t}.name)"


def program_names(db: Database, ids: tuple[int, ...] | None = None) -> dict[int, str]:
    return _names(db, f"SELECT id, {_SHORT.format(t='p')} FROM programs p", ids)


def district_names(db: Database, ids: tuple[int, ...] | None = None) -> dict[int, str]:
    return _names(db, "SELECT id, name FROM districts", ids)


def host_names(db: Database, ids: tuple[int, ...] | None = None) -> dict[int, str]:
    return _names(db, f"SELECT id, {_SHORT.format(t='o')} FROM organizations o", ids)


def _names(db: Database, sql: str, ids: tuple[int, ...] | None) -> dict[int, str]:
    if ids is not None:
        if not ids:
            return {}
        sql += f" WHERE id IN ({', '.join('?' for _ in ids)})"
    return {row[0]: row[1] for row in db.execute(sql, list(ids or ()))}


def chips(db: Database, flt: EventFilter) -> list[tuple[str, str]]:
    """(field, Russian text) for each field the filter sets, in the order the bar shows them.

    `field` is what `EventFilter.without(field)` takes to remove that chip.
    """
    result: list[tuple[str, str]] = []

    def named(name: str, label: str, ids: tuple[int, ...], lookup) -> None:
        if ids:
            found = lookup(db, ids)
            words = [found.get(key, f"№ {key} (удалено)") for key in ids]
            result.append((name, f"{label}: {', '.join(words)}"))

    def coded(name: str, label: str, codes: tuple[str, ...], enum: type[Labelled]) -> None:
        if codes:
            result.append((name, f"{label}: {', '.join(enum.label_of(c) for c in codes)}"))

    named("program_ids", "Программа", flt.program_ids, program_names)
    named("district_ids", "Район", flt.district_ids, district_names)
    named("host_org_ids", "Организатор", flt.host_org_ids, host_names)
    coded("kinds", "Вид", flt.kinds, EventKind)
    coded("statuses", "Статус", flt.statuses, EventStatus)
    coded("visibilities", "Доступ", flt.visibilities, Visibility)
    coded("formats", "Формат", flt.formats, EventFormat)
    if flt.audience.strip():
        result.append(("audience", f"Аудитория: {flt.audience.strip()}"))
    if flt.grade is not None:
        result.append(("grade", f"Класс: {flt.grade}"))
    result.extend(date_chips(flt))
    if flt.text.strip():
        result.append(("text", search_chip(flt.text)))
    return result


def date_chips(flt: EventFilter) -> list[tuple[str, str]]:
    """One «Даты: …–…» chip for a range, or «С …» / «По …» when only one end is set."""
    if flt.first_day and flt.last_day:
        return [(DATES, f"Даты: {date_short(flt.first_day)}–{date_short(flt.last_day)}")]
    if flt.first_day:
        return [("first_day", f"С {date_short(flt.first_day)}")]
    if flt.last_day:
        return [("last_day", f"По {date_short(flt.last_day)}")]
    return []


def search_chip(text: str) -> str:
    return f"Поиск: {text.strip()}"


def summary(db: Database, flt: EventFilter, separator: str = " · ") -> str:
    """The chips on one line, or «Все мероприятия»: how a saved view is described in a list."""
    return separator.join(text for _, text in chips(db, flt)) or ALL_EVENTS


def filter_options(db: Database, *, all_hosts: bool = False) -> FilterOptions:
    """The pickers' choices; hosts are only the organisations that host events, unless `all_hosts`."""
    options = FilterOptions()
    for row in db.query("SELECT id, name, short_name FROM programs ORDER BY fold(name)"):
        options.programs.append(Choice(row["id"], row["short_name"] or row["name"],
                                       f"{row['name']} {row['short_name']}"))
    for row in db.query("SELECT id, name FROM districts ORDER BY sort_order, name"):
        options.districts.append(Choice(row["id"], row["name"], row["name"]))
    hosting = "" if all_hosts else "WHERE o.id IN (SELECT host_org_id FROM events)"
    for row in db.query(f"""
            SELECT o.id, o.name, o.short_name, COALESCE(d.name, '') AS district
            FROM organizations o LEFT JOIN districts d ON d.id = o.district_id {hosting}
            ORDER BY fold({_SHORT.format(t='o')}), o.id"""):
        short = row["short_name"] or row["name"]
        label = f"{short} ({row['district']})" if row["district"] else short
        options.hosts.append(Choice(row["id"], label,
                                    f"{row['name']} {row['short_name']} {row['district']}"))
    for target, enum in ((options.kinds, EventKind), (options.statuses, EventStatus),
                         (options.visibilities, Visibility), (options.formats, EventFormat)):
        target.extend(Choice(member.value, member.label, member.label) for member in enum)
    return options
