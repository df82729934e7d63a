"""The .docx letters open in LibreOffice: converted to PDF headless, their text read back.

Needs the Debian packages libreoffice-writer-nogui and poppler-utils (`.ci/run` installs
them); without them the test is skipped on a developer's machine and fails in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from letter_seeds import norm
from rcro_tui.exports.letters import letter_docx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = pytest.mark.skipif((SOFFICE is None or PDFTOTEXT is None) and not os.environ.get("CI"),
                                reason="LibreOffice (soffice) and pdftotext are not installed")


def to_pdf(docx: Path, tmp_path: Path) -> Path:
    """`soffice --headless --convert-to pdf` with a profile of its own (no user's settings)."""
    assert SOFFICE and PDFTOTEXT, "CI must have libreoffice-writer-nogui and poppler-utils"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / (docx.stem + ".pdf")
    assert pdf.exists(), "LibreOffice did not write the PDF"
    return pdf


def pdf_text(pdf: Path, *layout: str) -> str:
    return subprocess.run([PDFTOTEXT, *layout, str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return int(next(line.split()[-1] for line in info.stdout.splitlines()
                    if line.startswith("Pages:")))


def test_both_letters_of_the_strategy_session_open_in_libreoffice(demo_db, tmp_path):
    session = demo_db.execute("SELECT id FROM events WHERE title LIKE 'Стратегическая сессия "
                              "проекта ФИП%'").fetchone()[0]
    for letter, expected in (
            ("announce", ["О проведении стратегической сессии", "Уважаемые коллеги!",
                          "Стратегическая сессия состоится в смешанном формате 19 апреля 2022 "
                          "года. Время проведения: с 14:00 до 17:00. Регистрация участников с "
                          "13:30 до 13:50.", "презентация Проекта Парка ЕНОТо (в том числе, для "
                          "дистанционных участников);", "(очное участие по персональным "
                          "приглашениям).", "Н.П. Лыжина", "Худобина Юлия Петровна"]),
            ("results", ["Об итогах проведения стратегической сессии",
                         "Стратегическая сессия состоялась 19 апреля 2022 года в смешанном "
                         "формате.", "В стратегической сессии приняли участие 62 человека."])):
        docx = tmp_path / f"{letter}.docx"
        docx.write_bytes(letter_docx(demo_db, session, letter, day=date(2022, 4, 5)))
        pdf = to_pdf(docx, tmp_path)
        text = norm(pdf_text(pdf))
        for words in expected:
            assert norm(words) in text, words
        assert "{{" not in text and "{%" not in text
        assert 1 <= pages(pdf) <= 2
        assert "05.04.2022 № ________" in pdf_text(pdf, "-layout")


def test_nothing_is_cut_at_the_right_margin(demo_db, tmp_path):
    """Every word of the grouped schools' letter lies inside the A4 page's printable width."""
    webinar = demo_db.execute("SELECT id FROM events WHERE title LIKE 'Установочный вебинар для%'"
                              ).fetchone()[0]
    docx = tmp_path / "results.docx"
    docx.write_bytes(letter_docx(demo_db, webinar, "results", day=date(2017, 9, 20)))
    pdf = to_pdf(docx, tmp_path)
    bbox = pdf_text(pdf, "-bbox")
    import re

    page_width = float(re.search(r'<page width="([\d.]+)"', bbox)[1])
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox)]
    assert right_edges and max(right_edges) <= page_width - 1.5 / 2.54 * 72 + 2
    assert "МАОУ СОШ №№ 32, 47, 50, 58 г. Томска" in " ".join(pdf_text(pdf).split())
