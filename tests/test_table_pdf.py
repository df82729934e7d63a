"""The printable HTML printed to PDF by headless Chromium, then read back with poppler:
pages numbered «стр. N из M», the header row on every page, no row split across pages,
every row printed, nothing past the right margin and no shrinking to fit.

Needs Debian's `chromium` and `poppler-utils` (`.ci/run` installs them): skipped without
them on a developer's machine, failed without them in CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from conftest import TODAY
from rcro_tui.db.table_list import BY_NAME
from rcro_tui.db.tables import TEXT, Printable, TableParams, build_table
from rcro_tui.db.views import TableView
from rcro_tui.exports.table_formats import table_bytes
from rcro_tui.rules import AcademicYear

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
POPPLER = [shutil.which(tool) for tool in ("pdftotext", "pdfinfo", "pdftoppm")]
MARGIN_PT = 12 / 25.4 * 72
"""The side margins of `@page` (12 mm) in points."""
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"([^<]*)</word>")
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


@pytest.fixture(autouse=True)
def tools() -> None:
    if CHROMIUM and all(POPPLER):
        return
    message = "chromium and poppler-utils are needed to print tables to PDF"
    if os.environ.get("CI"):
        pytest.fail(message + " (.ci/run installs them)")
    pytest.skip(message)


def print_pdf(printable: Printable, folder: Path) -> Path:
    """The table's page printed by Chromium to `folder/NAME.pdf`."""
    page = folder / f"{printable.name}.html"
    page.write_bytes(table_bytes(printable, "html", made=TODAY))
    pdf = folder / f"{printable.name}.pdf"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", f"--user-data-dir={folder / 'profile'}",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
                   check=True, capture_output=True, timeout=180)
    return pdf


def pages(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """Each page's width, height and words with their boxes (pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return [(float(w), float(h), [(float(a), float(b), float(c), float(d), unescape(t))
                                  for a, b, c, d, t in _WORD.findall(body)])
            for w, h, body in _PAGE.findall(out)]


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info)[1])


def text_of(words) -> str:
    return " ".join(word[4] for word in words)


@pytest.fixture(scope="module")
def calendar_pdf(demo_master, tmp_path_factory) -> tuple[Printable, Path]:
    from rcro_tui.db.connection import open_database

    db = open_database(demo_master, create=False)
    try:
        printable = build_table(db, BY_NAME["calendar"],
                                TableParams(year=AcademicYear(2026), today=TODAY))
    finally:
        db.close()
    return printable, print_pdf(printable, tmp_path_factory.mktemp("pdf"))


def test_every_page_is_numbered_of_the_total_and_repeats_the_header(calendar_pdf):
    printable, pdf = calendar_pdf
    found = pages(pdf)
    total = page_count(pdf)
    assert total == len(found) > 5
    for number, (width, height, words) in enumerate(found, start=1):
        assert width > height, "the wide calendar is printed landscape"
        assert f"стр. {number} из {total}" in text_of(words)
        heads = [w for w in words if w[4] == "Мероприятие"]
        assert heads, f"the header row is missing on page {number}"
        if number > 1:
            assert "Календарь образовательных событий на 2026/2027 учебный год" in text_of(
                words), "the title heads every later page"
    assert "сформировано 23 ноября 2026 г." in text_of(found[0][2])


def test_every_row_is_printed_once_and_the_font_is_not_shrunk(calendar_pdf):
    printable, pdf = calendar_pdf
    first_column = [word for _, _, words in pages(pdf) for word in words
                    if re.fullmatch(r"\d\d\.\d\d\.\d{4}", word[4]) and word[0] < MARGIN_PT + 8]
    assert [word[4] for word in first_column] == [row[0] for row in printable.view.rows]
    head = next(word for _, _, words in pages(pdf) for word in words if word[4] == "Мероприятие")
    assert 7 < head[3] - head[1] < 13, "9 pt text, not a page scaled down to fit"


def test_nothing_runs_past_the_margins(calendar_pdf):
    _, pdf = calendar_pdf
    for width, _, words in pages(pdf):
        for x_min, _, x_max, _, text in words:
            assert x_min >= MARGIN_PT - 1 and x_max <= width - MARGIN_PT + 1, text


def _tall_and_wide() -> Printable:
    """Rows of many lines with a marker at each end, a 150-letter word and a long address."""
    view = TableView("Проверка печати: высокие строки и длинные слова",
                     ("№", "Текст", "Адрес", "Ещё"))
    filler = " ".join(["образовательная организация"] * 18)
    for number in range(1, 41):
        view.add(number, str(number), f"Начало{number} {filler} Конец{number}",
                 "https://example.org/" + "очень-длинный-адрес-" * 6,
                 "Ш" * 150 if number % 7 == 0 else "коротко")
    return Printable("tall", view, (TEXT,) * 4)


def test_no_row_is_split_and_long_words_stay_inside(tmp_path):
    pdf = print_pdf(_tall_and_wide(), tmp_path)
    found = pages(pdf)
    assert len(found) > 2
    page_of: dict[str, int] = {}
    for number, (width, _, words) in enumerate(found):
        for x_min, _, x_max, _, text in words:
            assert x_min >= MARGIN_PT - 1 and x_max <= width - MARGIN_PT + 1, text
            if re.fullmatch(r"(Начало|Конец)\d+", text):
                page_of[text] = number
    for row in range(1, 41):
        assert page_of[f"Начало{row}"] == page_of[f"Конец{row}"], f"row {row} split"


def _margin_is_blank(pdf: Path, folder: Path) -> bool:
    """The right margin strip of every page rendered white (poppler's grey PGM at 40 dpi).

    Chromium clips what overflows the page box, so a cut word leaves the margin white: the
    word boxes (`test_no_row_is_split_and_long_words_stay_inside`) are what catch a cut
    (tried with `white-space: nowrap`: 40 words past the margin); this checks that no
    border, rule or background is painted into the margin."""
    subprocess.run(["pdftoppm", "-gray", "-r", "40", str(pdf), str(folder / "page")],
                   check=True, capture_output=True)
    for image in sorted(folder.glob("page-*.pgm")):
        data = image.read_bytes()
        magic, width, height, _, pixels = re.match(rb"(P5)\s+(\d+)\s+(\d+)\s+(\d+)\s(.*)",
                                                   data, re.S).groups()
        width, height = int(width), int(height)
        strip = int(width * (MARGIN_PT - 4) / (842 if width > height else 595))
        for y in range(height):
            row = pixels[y * width:(y + 1) * width]
            if min(row[width - strip:]) < 250:
                return False
    return True


def test_the_right_margin_stays_blank_on_every_page(tmp_path):
    pdf = print_pdf(_tall_and_wide(), tmp_path)
    assert _margin_is_blank(pdf, tmp_path)


def test_a_narrow_table_prints_portrait_on_one_page(demo_db, tmp_path):
    totals = build_table(demo_db, BY_NAME["totals"], TableParams(stage_id=5, today=TODAY))
    pdf = print_pdf(totals, tmp_path)
    [(width, height, words)] = pages(pdf)
    assert width < height and "стр. 1 из 1" in text_of(words)
    total = next(word for word in words if word[4] == "Итого")
    line = sorted(word for word in words if abs(word[1] - total[1]) < 2)
    assert [word[4] for word in line] == ["Итого", "112", "8", "24", "46"]
