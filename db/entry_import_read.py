"""Reading a results protocol: CSV (UTF-8, BOM, Windows-1251; «;», «,» or tab) or the first
sheet of an XLSX, columns found by their Russian headers in any order.

Protocols come from the jury's spreadsheet: «ФИО участника», «Класс», «ОО», «Итого»,
«Результат»… A row is read into text values and numbers, each problem naming the row and
the column as the file writes it («Строка 7, столбец «Балл»: …»), so the person finds the
cell in Excel at once. Checking against the stage and the schools is `entry_import`'s work.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rcro_tui.errors import InputError
from rcro_tui.org_names import name_key
from rcro_tui.db.entry_check import (RESULT_WORDS, STATUS_WORDS, parse_grade, parse_score,
                                     parse_word)
from rcro_tui.db.import_cells import Cell, is_blank, shown
from rcro_tui.db.import_table import XLSX_MAGIC, read_csv, read_xlsx
from rcro_tui.db.org_import_read import fill_merged, merged_ranges, read_source

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("ФИО", "Участник", "Фамилия Имя Отчество", "ФИО участника", "Фамилия, имя, отчество",
             "Фамилия Имя", "Обучающийся", "ФИО обучающегося"),
    "grade": ("Класс", "Класс обучения", "Класс участия", "Параллель"),
    "school": ("Школа", "ОО", "Образовательная организация", "Наименование ОО",
               "Организация", "Полное наименование ОО", "Учреждение",
               "Наименование образовательной организации"),
    "inn": ("ИНН", "ИНН ОО", "ИНН школы", "ИНН организации"),
    "district": ("Муниципалитет", "Район", "МО", "Муниципальное образование",
                 "Муниципальный район", "Территория"),
    "subject": ("Предмет", "Общеобразовательный предмет", "Дисциплина"),
    "score": ("Балл", "Баллы", "Итого", "Итоговый балл", "Сумма баллов", "Всего баллов",
              "Результат в баллах", "Количество баллов"),
    "result": ("Результат", "Тип диплома", "Статус участника", "Итог"),
    "status": ("Статус",),
    "session": ("Площадка", "Место проведения", "Пункт проведения"),
    "note": ("Примечание", "Комментарий"),
}
"""Field → the headers it accepts (those `stages protocol --format csv` writes among them,
so a printed protocol, corrected, imports back with `--replace`)."""

REQUIRED = ("name", "grade", "school", "score")

_HEADERS = {name_key(header): key for key, headers in COLUMNS.items() for header in headers}


@dataclass
class ProtocolRow:
    """One row's values as read (text stripped, numbers parsed) and what was wrong with them."""

    number: int
    name: str = ""
    grade: int | None = None
    school: str = ""
    inn: str = ""
    district: str = ""
    subject: str = ""
    score: float | None = None
    result: str = "participant"
    status: str = "admitted"
    session: str = ""
    note: str = ""
    problems: list[str] = field(default_factory=list)


@dataclass
class Protocol:
    source_name: str
    headers: dict[str, str]
    """Field → the header as the file writes it (for messages)."""
    rows: list[ProtocolRow]
    ignored: list[str]


def read_protocol(source, source_name: str = "", *, need_subject: bool = False) -> Protocol:
    """Every row of the file, or InputError naming a missing column (nothing else is read)."""
    data, name = read_source(source)
    source_name = source_name or name
    if data.startswith(XLSX_MAGIC):
        rows = read_xlsx(data)
        fill_merged(rows, merged_ranges(data))
    else:
        rows = read_csv(data)
    rows = [(n, cells) for n, cells in rows if not all(is_blank(c) for c in cells)]
    if not rows:
        raise InputError(f"Таблица «{source_name}» пуста: нет ни заголовков, ни строк.")
    (header_row, header), body = rows[0], rows[1:]
    columns, ignored = map_headers([shown(c) for c in header])
    required = REQUIRED + (("subject",) if need_subject else ())
    missing = [field_ for field_ in required if field_ not in columns]
    if missing:
        names = "; ".join(f"«{COLUMNS[f][0]}» (или {', '.join(f'«{h}»' for h in COLUMNS[f][1:3])})"
                          for f in missing)
        raise InputError(f"Файл «{source_name}», строка {header_row}: в заголовке нет "
                         f"{'столбца' if len(missing) == 1 else 'столбцов'} {names}. "
                         "Ничего не импортировано.")
    headers = {f: shown(header[i]) for f, i in columns.items()}
    reader = _RowReader(columns, headers)
    return Protocol(source_name, headers, [reader.read(n, cells) for n, cells in body], ignored)


def map_headers(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Field → column index; the headers nothing matches («№», «Место») are listed as ignored."""
    found: dict[str, int] = {}
    ignored = []
    for index, text in enumerate(header):
        key = name_key(text).rstrip("*").strip()
        field_ = _HEADERS.get(key)
        if field_ is None or field_ in found:
            if text.strip():
                ignored.append(text.strip())
            continue
        found[field_] = index
    return found, ignored


class _RowReader:
    def __init__(self, columns: dict[str, int], headers: dict[str, str]) -> None:
        self.columns = columns
        self.headers = headers

    def cell(self, cells: list[Cell], field_: str) -> Cell:
        index = self.columns.get(field_)
        return cells[index] if index is not None and index < len(cells) else None

    def text(self, cells: list[Cell], field_: str) -> str:
        return " ".join(shown(self.cell(cells, field_)).split())

    def read(self, number: int, cells: list[Cell]) -> ProtocolRow:
        row = ProtocolRow(number)
        for field_ in ("name", "school", "district", "subject", "session", "note"):
            setattr(row, field_, self.text(cells, field_))
        row.inn = self.text(cells, "inn").replace(" ", "")
        if isinstance(self.cell(cells, "inn"), float):
            row.inn = str(int(self.cell(cells, "inn")))
        for field_ in ("name", "school"):
            if not getattr(row, field_):
                self.problem(row, field_, "пусто — заполните ячейку.")
        self.parse(row, "grade", lambda value: parse_grade(value), cells, blank_ok=False)
        self.parse(row, "score", parse_score, cells, blank_ok=True)
        self.parse(row, "result", lambda v: parse_word(v, RESULT_WORDS, "результат"), cells)
        self.read_status(row, cells)
        return row

    def parse(self, row: ProtocolRow, field_: str, parse, cells: list[Cell], *,
              blank_ok: bool = True) -> None:
        value = self.cell(cells, field_)
        if field_ not in self.columns:
            return
        if is_blank(value) and not blank_ok:
            self.problem(row, field_, "пусто — заполните ячейку.")
            return
        try:
            parsed = parse(value if not isinstance(value, str) else value.strip())
        except ValueError as error:
            self.problem(row, field_, str(error))
            return
        if parsed is not None:
            setattr(row, field_, parsed)

    def read_status(self, row: ProtocolRow, cells: list[Cell]) -> None:
        """«Статус» as the program means it; protocols that write the diploma there
        («призёр») without a «Результат» column are read as the result."""
        text = self.text(cells, "status")
        if "result" not in self.columns and text:
            try:
                row.result = parse_word(text, RESULT_WORDS, "результат")
                return
            except ValueError:
                pass
        self.parse(row, "status", lambda v: parse_word(v, STATUS_WORDS, "статус"), cells)

    def problem(self, row: ProtocolRow, field_: str, message: str) -> None:
        row.problems.append(f"Строка {row.number}, столбец «{self.headers[field_]}»: {message}")
