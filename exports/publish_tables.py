"""The published folder's printable tables: `tables/*.html` (+ .csv), linked from index.html.

    OUTDIR/tables/calendar.html|.csv            the academic year's public events by month
    OUTDIR/tables/program-N.*, district-N.*     a programme's, a district's public events
    OUTDIR/tables/network-N.*                   a programme's districts × roles
    OUTDIR/.rcro/tables.json                    each table's content key and day it was made

Only public tables (`TableSpec.public`): no protocol is published, since protocols carry
children's names and a stage has no «publish its protocol» mark. HTML and XLSX say the day
they were made; that day is kept while a table's rows stay the same, so an unchanged table
keeps its bytes and its file is not rewritten (like the feeds).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from rcro_tui.db.table_list import BY_NAME
from rcro_tui.db.tables import Printable, TableParams, build_table
from rcro_tui.exports.site_files import remove_stale, write_if_changed
from rcro_tui.exports.table_formats import SUFFIXES, table_bytes
from rcro_tui.rules import AcademicYear

FOLDER = Path("tables")
STATE = Path(".rcro") / "tables.json"
FORMATS = ("html", "csv")
"""Print and data. XLSX is made on request (`rcro-tui table`, the «Таблицы» screen), not on
every publish: openpyxl took 4.7 s for the 35 tables of a 20 000-event year, five times the
HTML and CSV together, and Excel opens the CSV with its Cyrillic intact."""
TABLES_VERSION = 1
"""Raise when the tables' layout changes: every table is then made (and dated) again."""


@dataclass(frozen=True)
class TableLink:
    """A published table as the index lists it: its heading, label and file stem."""

    section: str
    label: str
    stem: str


@dataclass
class TablesReport:
    links: list[TableLink]
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def public_tables(db: Database, as_of: date) -> Iterator[tuple[TableLink, Printable]]:
    """Every public table of the academic year containing `as_of`, public events only, made
    one at a time as they are written: a country's 200 networks × 2 000 municipalities and
    2 000 districts' tables held at once were 100 MB."""
    base = TableParams(year=AcademicYear.containing(as_of), today=as_of, public_only=True)
    yield (TableLink("Календарь", "Календарь учебного года по месяцам", "calendar"),
           build_table(db, BY_NAME["calendar"], base))
    for key, name in db.execute("SELECT id, COALESCE(NULLIF(short_name, ''), name) "
                                "FROM programs ORDER BY id"):
        params = TableParams(**{**base.__dict__, "program_id": key})
        events = build_table(db, BY_NAME["program"], params)
        if events.view.rows:
            yield TableLink("Программы", name, f"program-{key}"), events
        if _has_members(db, key):
            yield (TableLink("Сети программ", name, f"network-{key}"),
                   build_table(db, BY_NAME["network"], params))
    for key, name in db.execute("SELECT id, name FROM districts ORDER BY sort_order, name"):
        events = build_table(db, BY_NAME["district"],
                             TableParams(**{**base.__dict__, "district_id": key}))
        if events.view.rows:
            yield TableLink("Муниципалитеты", name, f"district-{key}"), events


def _has_members(db: Database, program_id: int) -> bool:
    return db.execute("SELECT 1 FROM memberships WHERE program_id = ? AND status = 'approved' "
                      "LIMIT 1", [program_id]).fetchone() is not None


def content_key(printable: Printable) -> str:
    """What the table shows, hashed: equal keys mean the same rows, title and layout. The
    hash of the JSON list [version, title, subtitle, columns, rows, kinds, groups], fed row
    by row (a country's calendar as one JSON string was 100 MB)."""
    view = printable.view
    digest = hashlib.sha256()
    head = json.dumps([TABLES_VERSION, view.title, printable.subtitle, view.columns],
                      ensure_ascii=False)
    digest.update(head[:-1].encode() + b", [")
    for number, row in enumerate(view.rows):
        digest.update((", " if number else "").encode() + json.dumps(row, ensure_ascii=False)
                      .encode())
    tail = json.dumps([printable.kinds, [(g.title, g.start, g.stop) for g in printable.groups]],
                      ensure_ascii=False)
    digest.update(b"], " + tail[1:].encode())
    return digest.hexdigest()[:32]


def publish_tables(db: Database, folder: Path, as_of: date) -> TablesReport:
    """Write every public table in each format; drop tables no longer published."""
    try:
        before = json.loads((folder / STATE).read_text("utf-8"))
    except (FileNotFoundError, ValueError):
        before = {}
    report = TablesReport([])
    state, kept = {}, set()
    for link, printable in public_tables(db, as_of):
        key = content_key(printable)
        old = before.get(link.stem, {})
        made = date.fromisoformat(old["made"]) if old.get("key") == key else as_of
        state[link.stem] = {"key": key, "made": made.isoformat()}
        paths = {fmt: folder / FOLDER / f"{link.stem}{SUFFIXES[fmt]}" for fmt in FORMATS}
        kept.update(paths.values())
        if old.get("key") == key and all(path.exists() for path in paths.values()):
            report.unchanged += len(paths)  # same rows, same day: the same bytes, not remade
            report.links.append(link)
            continue
        for fmt, path in paths.items():
            data = table_bytes(printable, fmt, made=made, back="../index.html")
            if write_if_changed(path, data):
                report.written += 1
            else:
                report.unchanged += 1
        report.links.append(link)
    report.removed = len(remove_stale(folder / FOLDER, kept))
    write_if_changed(folder / STATE, json.dumps(state, indent=1, sort_keys=True).encode())
    return report
