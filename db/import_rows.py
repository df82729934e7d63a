"""Rows of a coordinator's spreadsheet as events: Russian headers in any order, one row one event.

Only the columns the table has are imported: updating an event by its UID from a table without
«Описание» leaves the description as it is. Every problem of a row is reported with the row
number and the header as written in the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.model import EventFormat, EventKind, EventStatus, Visibility
from rcro_tui.rules import clean_text, moment_text
from rcro_tui.db.events import EventDraft
from rcro_tui.db.import_apply import ImportItem, content_uid, title_problem
from rcro_tui.db.import_cells import (Cell, clock_in, date_of, fold, grades_of, is_blank,
                                      label_of, shown, time_of, yes_no)

COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("Название", "Наименование", "Мероприятие", "Название мероприятия"),
    "kind": ("Вид", "Вид мероприятия", "Тип"),
    "start_date": ("Дата начала", "Дата"),
    "start_time": ("Время начала", "Время"),
    "end_date": ("Дата окончания", "Дата завершения"),
    "end_time": ("Время окончания", "Время завершения"),
    "all_day": ("Весь день",),
    "format": ("Формат", "Форма проведения"),
    "venue": ("Место", "Место проведения", "Адрес"),
    "online_url": ("Ссылка", "URL", "Онлайн-ссылка", "Ссылка на трансляцию"),
    "host": ("Организатор", "Организация", "Организатор (ОО)"),
    "program": ("Программа", "Сетевая программа", "Проект"),
    "grades": ("Классы", "Класс"),
    "subjects": ("Предметы", "Предмет"),
    "status": ("Статус",),
    "visibility": ("Доступ", "Видимость"),
    "description": ("Описание",),
    "contacts": ("Контакты",),
    "uid": ("UID",),
}
"""Field → headers it accepts (the first is the canonical one the exports write)."""

_HEADERS = {fold(header): key for key, headers in COLUMNS.items() for header in headers}
_OWNED_BY = {"title": ("title",), "kind": ("kind",), "start_date": ("start", "end"),
             "start_time": ("start", "end"), "end_date": ("start", "end"),
             "end_time": ("start", "end"), "all_day": ("start", "end"),
             "format": ("format",), "venue": ("venue", "format"),
             "online_url": ("online_url", "format"), "host": ("host_org_id",),
             "program": ("program_id",), "grades": ("grades",), "subjects": ("subjects",),
             "status": ("status",), "visibility": ("visibility",),
             "description": ("description",), "contacts": ("contacts",)}


def map_headers(header: list[Cell], row_number: int) -> tuple[dict[str, int], list[str]]:
    """Field → column index, and the headers nothing matches; InputError for missing or twice."""
    found: dict[str, int] = {}
    ignored = []
    for index, cell in enumerate(header):
        key = _HEADERS.get(fold(shown(cell)).rstrip(":*").strip())
        if key is None:
            if not is_blank(cell):
                ignored.append(shown(cell))
        elif key in found:
            raise InputError(f"Строка {row_number}: столбец «{COLUMNS[key][0]}» встречается "
                             f"дважды (столбцы {found[key] + 1} и {index + 1}) — оставьте один.")
        else:
            found[key] = index
    missing = [COLUMNS[key][0] for key in ("title", "start_date") if key not in found]
    if missing:
        names = " и ".join(f"«{name}»" for name in missing)
        raise InputError(f"Строка {row_number}: в заголовке нет столбца {names}. Первая "
                         "непустая строка таблицы — заголовки, например: «Название», «Вид», "
                         "«Дата начала», «Время начала», «Место».")
    return found, ignored


class References:
    """Organisations and programmes by every name a person may type, loaded once per import."""

    def __init__(self, db: Database) -> None:
        self.orgs: dict[str, set[int]] = {}
        for row in db.query("SELECT id, name, short_name, inn FROM organizations"):
            for key in (row["name"], row["short_name"], row["inn"]):
                if key:
                    self.orgs.setdefault(fold(key), set()).add(row["id"])
        self.programs: dict[str, set[int]] = {}
        for row in db.query("SELECT id, name, short_name FROM programs"):
            for key in (row["name"], row["short_name"]):
                if key:
                    self.programs.setdefault(fold(key), set()).add(row["id"])

    def organization(self, cell: Cell, where: str) -> int:
        return self._one(self.orgs, cell, where, "организация", "официальное название, "
                         "краткое название или ИНН")

    def program(self, cell: Cell, where: str) -> int:
        return self._one(self.programs, cell, where, "программа", "название или краткое "
                         "название")

    @staticmethod
    def _one(index: dict[str, set[int]], cell: Cell, where: str, what: str, how: str) -> int:
        ids = index.get(fold(shown(cell)), set())
        if len(ids) == 1:
            return next(iter(ids))
        if ids:
            raise InputError(f"{where}: «{shown(cell)}» — так называется не одна {what}; "
                             f"впишите {how}, чтобы было однозначно.")
        raise InputError(f"{where}: {what} «{shown(cell)}» не найдена в базе — впишите {how} "
                         "как в разделе «Сеть» (или сначала добавьте её).")


@dataclass
class RowReader:
    """Turns one data row into an ImportItem, reporting every bad cell of it."""

    columns: dict[str, int]
    headers: list[Cell]
    refs: References
    seen: dict[str, int]

    def read(self, number: int, cells: list[Cell],
             report: Callable[[str], None]) -> ImportItem | None:
        row = _Row(self, number, cells, report)
        title = row.text("title")
        problem = title_problem(title)
        if problem:
            row.fail("title", problem)
        start, end = row.span()
        values: dict[str, Any] = {
            "kind": row.parsed("kind", lambda c, w: label_of(EventKind, c, w), EventKind.OTHER),
            "venue": row.text("venue"), "online_url": row.text("online_url"),
            "host_org_id": row.parsed("host", self.refs.organization, None),
            "program_id": row.parsed("program", self.refs.program, None),
            "grades": row.parsed("grades", grades_of, None),
            "subjects": row.text("subjects"),
            "status": row.parsed("status", lambda c, w: label_of(EventStatus, c, w),
                                 EventStatus.PLANNED),
            "visibility": row.parsed("visibility", lambda c, w: label_of(Visibility, c, w),
                                     Visibility.PUBLIC),
            "description": row.text("description", multiline=True),
            "contacts": row.text("contacts", multiline=True)}
        values["format"] = row.parsed("format", lambda c, w: label_of(EventFormat, c, w),
                                      _implied_format(values["venue"], values["online_url"]))
        if row.failed or start is None or end is None:
            return None
        draft = EventDraft(title=title, start=start, end=end, **values)
        uid = row.text("uid") or content_uid(title, moment_text(start), self.seen)
        owned = {field for key in self.columns for field in _OWNED_BY.get(key, ())}
        return ImportItem(f"Строка {number}", uid, draft, frozenset(owned))


def _implied_format(venue: str, url: str) -> EventFormat:
    if venue and url:
        return EventFormat.HYBRID
    return EventFormat.ONLINE if url else EventFormat.IN_PERSON


class _Row:
    """One row's cells by field, with its problems reported as «Строка N, столбец «…»: …»."""

    def __init__(self, reader: RowReader, number: int, cells: list[Cell],
                 report: Callable[[str], None]) -> None:
        self.reader, self.number, self.cells, self.report = reader, number, cells, report
        self.problems = 0

    @property
    def failed(self) -> bool:
        return self.problems > 0

    def cell(self, key: str) -> Cell:
        index = self.reader.columns.get(key)
        return self.cells[index] if index is not None and index < len(self.cells) else None

    def where(self, key: str) -> str:
        index = self.reader.columns.get(key)
        header = shown(self.reader.headers[index]) if index is not None else COLUMNS[key][0]
        return f"Строка {self.number}, столбец «{header}»"

    def fail(self, key: str, message: str) -> None:
        self.problems += 1
        self.report(f"{self.where(key)}: {message}")

    def text(self, key: str, *, multiline: bool = False) -> str:
        return clean_text(shown(self.cell(key)), multiline=multiline)

    def parsed(self, key: str, parse: Callable[[Cell, str], Any], default: Any) -> Any:
        """The cell read by `parse`, `default` when blank; a bad cell is reported."""
        cell = self.cell(key)
        if is_blank(cell):
            return default
        try:
            return parse(cell, self.where(key))
        except InputError as error:
            self.problems += 1
            self.report(error.message)
            return default

    def span(self) -> tuple[date | datetime | None, date | datetime | None]:
        """Start and end: all-day when no time is given (or «Весь день» says so)."""
        if is_blank(self.cell("start_date")):
            self.fail("start_date", "дата начала не указана.")
            return None, None
        known = self.problems
        first = self.parsed("start_date", date_of, None)
        last = self.parsed("end_date", date_of, first)
        opens = (self.parsed("start_time", time_of, None)
                 or self.parsed("start_date", clock_in, None))
        closes = self.parsed("end_time", time_of, None) or self.parsed("end_date", clock_in, None)
        all_day = self.parsed("all_day", yes_no, None)
        if first is None or last is None or self.problems > known:
            return None, None
        if all_day is None:
            all_day = opens is None
        if all_day and (opens or closes):
            self.fail("all_day" if "all_day" in self.reader.columns else "end_time",
                      "указано время, а мероприятие на весь день: уберите время или "
                      "поставьте в «Весь день» «нет».")
            return None, None
        if not all_day and opens is None:
            self.fail("start_time", "не указано время начала, а мероприятие не на весь день.")
            return None, None
        start, end = (first, last) if all_day else (
            datetime.combine(first, opens), datetime.combine(last, closes or opens))
        if end < start:
            key = "end_time" if "end_time" in self.reader.columns and not all_day else "end_date"
            self.fail(key, f"окончание ({shown(end)}) раньше начала ({shown(start)}).")
            return None, None
        return start, end

