"""Tables schools print: each a pure function from the database to a `Printable`.

A `Printable` is a `TableView` (display strings, what tabulate and the screen show) plus what
print and spreadsheets need beyond text: each column's kind (a date becomes a real Excel
date, a number a number) and the row groups a printed table is headed by («Сентябрь 2026»).
Every format (`exports.table_formats`) renders the same Printable, so the screen's preview,
the CLI's file and the published folder's page hold the same rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from rcro_tui.errors import UserError
from rcro_tui.rules import AcademicYear
from rcro_tui.db.views import TableView

TEXT, DATE, NUMBER, DELTA = "text", "date", "number", "delta"
"""Column kinds: dates are «19.04.2022» cells, numbers «12» or «12.5», deltas «+3» / «−2»."""


@dataclass(frozen=True)
class Group:
    """Rows `start` up to (not including) `stop` of a table, headed by `title`."""

    title: str
    start: int
    stop: int


@dataclass
class Printable:
    """A table ready for every format; `group_label` names the groups' column in CSV."""

    name: str
    view: TableView
    kinds: tuple[str, ...]
    groups: list[Group] = field(default_factory=list)
    group_label: str = ""
    subtitle: str = ""

    def __post_init__(self) -> None:
        if len(self.kinds) != len(self.view.columns):
            raise ValueError(f"{self.name}: {len(self.kinds)} kinds for "
                             f"{len(self.view.columns)} columns")
        if len(set(self.view.columns)) != len(self.view.columns):
            raise ValueError(f"{self.name}: column names must differ (CSV keys them)")

    def sections(self) -> list[tuple[str, list[tuple[str, ...]]]]:
        """(heading, rows) for each group, or one untitled section when there are none."""
        if not self.groups:
            return [("", list(self.view.rows))]
        return [(group.title, self.view.rows[group.start:group.stop]) for group in self.groups]


@dataclass(frozen=True)
class TableParams:
    """What a table may be asked for; each table reads the fields it names in `TableSpec.needs`."""

    year: AcademicYear | None = None
    program_id: int | None = None
    district_id: int | None = None
    org_id: int | None = None
    stage_id: int | None = None
    today: date | None = None
    public_only: bool = False
    """Only public events: what the published folder prints (coordinators see everything)."""


@dataclass(frozen=True)
class TableSpec:
    """A named table: `name` is what `rcro-tui table NAME` takes, `label` what the screen lists."""

    name: str
    label: str
    build: Callable[[Database, TableParams], Printable]
    needs: tuple[str, ...] = ()
    """The parameter it is of: "program", "district", "org" or "stage" (and "year")."""
    public: bool = False
    """Goes into the published folder (no children's names, no private schedules)."""


PARAM_LABELS = {"year": "Учебный год", "program": "Программа", "district": "Муниципалитет",
                "org": "Организация", "stage": "Этап"}


def missing_parameter(spec: TableSpec, params: TableParams) -> str | None:
    """The Russian name of the parameter `spec` needs and `params` lacks, or None."""
    given = {"program": params.program_id, "district": params.district_id,
             "org": params.org_id, "stage": params.stage_id, "year": params.year or True}
    for need in spec.needs:
        if given[need] is None:
            return PARAM_LABELS[need]
    return None


def build_table(db: Database, spec: TableSpec, params: TableParams) -> Printable:
    """The table, or a Russian error naming the parameter it needs."""
    lacking = missing_parameter(spec, params)
    if lacking:
        raise UserError(f"Для таблицы «{spec.label}» нужен параметр: {lacking.lower()}.")
    return spec.build(db, params)


def year_of(params: TableParams) -> AcademicYear:
    """The asked academic year, else the one containing today (the app's or the region's)."""
    if params.year:
        return params.year
    from rcro_tui.rules import today_in_region
    return AcademicYear.containing(params.today or today_in_region())


def name_of(db: Database, table: str, key: int | None, what: str) -> str:
    """A row's name (short where there is one), or a Russian error that it does not exist.

    `what` is the whole subject of that error: «Программа … не найдена» needs its gender."""
    short = "COALESCE(NULLIF(short_name, ''), name)" if table != "districts" else "name"
    row = db.execute(f"SELECT {short} FROM {table} WHERE id = ?", [key]).fetchone()
    if row is None:
        raise UserError(f"{what.replace('№', f'№ {key}')} в базе.")
    return row[0]
