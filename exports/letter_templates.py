"""The two default letter templates (.docx with docxtpl tags), built here and shipped as files.

The shipped files `letter_announce.docx` and `letter_results.docx` beside this module are what a coordinator copies (`rcro-tui letter
template announce -o мой.docx`) and edits in Word or LibreOffice: move paragraphs, reword the
fixed text, keep the `{{ … }}` fields. This module is how they were made; `python -m
rcro_tui.exports.letter_templates` rewrites them, and a test checks that the shipped files
still say what this code builds.

The layout is the seeds': the letterhead block top left with the date and number line and
the subject under it, the addressees top right, «Уважаемые коллеги!» centred, justified body
paragraphs with a first-line indent, bullets, the signatory on one line, the executors small.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

TEMPLATE_FILES = {"announce": "letter_announce.docx", "results": "letter_results.docx"}

_WHEN_ANNOUNCE = (
    "{{ kind_cap }} {{ held }}{% if format %} {{ format }}{% endif %} {{ when_date }}."
    "{% if time %} Время проведения: {{ time }}.{% endif %}"
    "{% if registration %} {{ registration }}.{% endif %}"
    "{% if venue %} Место проведения: {{ venue }}.{% endif %}"
    "{% if online_url %} Ссылка для подключения: {{ online_url }}.{% endif %}")
_WHEN_RESULTS = (
    "{{ kind_cap }} {{ held }} {{ when_date }}{% if format %} {{ format }}{% endif %}."
    "{% if venue %} Место проведения: {{ venue }}.{% endif %}")

BODY = {
    "announce": [
        ("p", "{{ sender }} информирует о проведении {{ title_gen }}"
              "{% if program %} {{ program }}{% endif %}."),
        ("p", _WHEN_ANNOUNCE),
        ("list", "agenda", "В рамках {{ kind_gen }} {{ agenda_intro }}:"),
        ("list", "audience", "Целевая аудитория {{ kind_gen }}:"),
    ],
    "results": [
        ("p", "{{ sender }} информирует об итогах проведения {{ title_gen }}"
              "{% if program %} {{ program }}{% endif %}."),
        ("p", _WHEN_RESULTS),
        ("if", "participants", "{{ participants }}{% if organizations %}: {{ organizations }}"
                               "{% endif %}.{% if views %} {{ views }}.{% endif %}"),
        ("list", "agenda", "Программа {{ kind_gen }}:"),
        ("lines", "summary"),
    ],
}


def template_path(letter: str) -> Path:
    """The shipped default template of «announce» or «results»."""
    return Path(str(files("rcro_tui.exports").joinpath(TEMPLATE_FILES[letter])))


def build_template(letter: str) -> Document:
    """The default template of one letter, as python-docx builds it."""
    doc = Document()
    _page_and_font(doc)
    _head(doc)
    greeting = doc.add_paragraph("{{ greeting }}")
    greeting.alignment = WD_ALIGN_PARAGRAPH.CENTER
    greeting.paragraph_format.space_before = Pt(12)
    for block in BODY[letter]:
        _body_block(doc, block)
    _signature(doc)
    return doc


def _page_and_font(doc: Document) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(0)
    bullets = doc.styles["List Bullet"]
    bullets.font.name = "Times New Roman"
    bullets.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _head(doc: Document) -> None:
    """Letterhead, date and number, subject on the left; addressees on the right."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Cm(9), Cm(8)
    _loop(left, "letterhead", "{{ line }}", size=10, centre=True, first=True)
    for text in ("", "{{ date }} № {{ number }}", "на № ________ от ________", "",
                 "{{ subject }}"):
        paragraph = left.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if text.startswith("{{ date") \
            else WD_ALIGN_PARAGRAPH.LEFT
    _loop(right, "addressees", "{{ line }}", size=12, centre=False, first=True)


def _loop(cell, items: str, line: str, *, size: int, centre: bool, first: bool) -> None:
    """`{%p for line in items %}` … `{%p endfor %}` inside a table cell."""
    opening = cell.paragraphs[0] if first else cell.add_paragraph()
    opening.text = f"{{%p for line in {items} %}}"
    paragraph = cell.add_paragraph()
    run = paragraph.add_run(line)
    run.font.size = Pt(size)
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        paragraph.paragraph_format.space_after = Pt(6)
    cell.add_paragraph("{%p endfor %}")


def _body_block(doc: Document, block: tuple) -> None:
    if block[0] == "p":
        _para(doc, block[1])
    elif block[0] == "if":
        doc.add_paragraph(f"{{%p if {block[1]} %}}")
        _para(doc, block[2])
        doc.add_paragraph("{%p endif %}")
    elif block[0] == "list":
        doc.add_paragraph(f"{{%p if {block[1]} %}}")
        _para(doc, block[2])
        doc.add_paragraph(f"{{%p for item in {block[1]} %}}")
        doc.add_paragraph("{{ item }}", style="List Bullet")
        doc.add_paragraph("{%p endfor %}")
        doc.add_paragraph("{%p endif %}")
    elif block[0] == "lines":
        doc.add_paragraph(f"{{%p for item in {block[1]} %}}")
        _para(doc, "{{ item }}")
        doc.add_paragraph("{%p endfor %}")


def _para(doc: Document, text: str) -> None:
    paragraph = doc.add_paragraph(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1.25)
    paragraph.paragraph_format.space_before = Pt(6)


def _signature(doc: Document) -> None:
    """The signatory's position left and name right, then the executors in small print."""
    doc.add_paragraph().paragraph_format.space_after = Pt(24)
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    position, name = table.rows[0].cells
    position.width, name.width = Cm(9), Cm(8)
    position.paragraphs[0].text = "{{ signatory_position }}"
    name.paragraphs[0].text = "{{ signatory_name }}"
    name.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    spacer = doc.add_paragraph()
    spacer.paragraph_format.space_before = Pt(36)
    doc.add_paragraph("{%p for line in executors %}")
    run = doc.add_paragraph().add_run("{{ line }}")
    run.font.size = Pt(9)
    doc.add_paragraph("{%p endfor %}")


def write_templates(folder: Path) -> list[Path]:
    """Write both default templates into `folder` (the package's own, by default)."""
    written = []
    for letter, name in TEMPLATE_FILES.items():
        path = folder / name
        build_template(letter).save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - the maintainers' way to rebuild the files
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
    for written_path in write_templates(target):
        print(written_path)
