"""Letters «О проведении …» and «Об итогах …» as .docx, from a template a coordinator can edit.

`letter_docx` reads the event's facts, fills the template (the shipped default, the one named
in the letter settings, or one given for this letter) with `docxtpl`, and returns the bytes;
`docx_text` reads a .docx back as the lines a person sees, for the screen's preview and tests.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import TemplateError
from sqlite_utils import Database

from rcro_tui.errors import InputError, UserError
from rcro_tui.rules import today_in_region
from rcro_tui.db.letter_facts import LetterFacts, letter_facts
from rcro_tui.db.letter_settings import check_template
from rcro_tui.exports.letter_context import letter_context
from rcro_tui.exports.letter_templates import template_path
from rcro_tui.exports.site_files import write_if_changed


def chosen_template(facts: LetterFacts, template: str | Path | None = None) -> Path:
    """The template given, else the coordinator's from the settings, else the shipped one."""
    own = str(template or "") or getattr(facts.settings, f"template_{facts.letter}")
    return check_template(str(own)) if own else template_path(facts.letter)


def render_letter(facts: LetterFacts, *, day: date, number: str = "", addressees: str = "",
                  template: str | Path | None = None) -> bytes:
    """The filled .docx; a template Word cannot open or Jinja cannot read gives InputError."""
    path = chosen_template(facts, template)
    try:
        document = DocxTemplate(str(path))
        document.render(letter_context(facts, day=day, number=number, addressees=addressees),
                        autoescape=True)
    except (zipfile.BadZipFile, KeyError, PackageNotFoundError) as error:
        raise InputError(f"Шаблон «{path}» — не документ Word .docx ({error}).") from None
    except TemplateError as error:
        raise InputError(f"В шаблоне «{path}» ошибка в поле {{{{ … }}}} или {{% … %}}: "
                         f"{error}.") from None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def letter_docx(db: Database, event_id: int, letter: str, *, day: date | None = None,
                number: str = "", addressees: str = "",
                template: str | Path | None = None) -> bytes:
    """The letter about one event, dated `day` (today in the region by default)."""
    facts = letter_facts(db, event_id, letter)
    return render_letter(facts, day=day or today_in_region(), number=number,
                         addressees=addressees, template=template)


def docx_text(data: bytes) -> str:
    """The document's text in reading order: paragraphs; a table's cells one after another,
    or on one line when each holds one line (the signature)."""
    document = Document(io.BytesIO(data))
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_paragraph_text(child, document))
        elif tag == "tbl":
            lines.extend(_table_lines(child, document))
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


def _paragraph_text(element, document) -> str:
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(element, document)
    bullet = "· " if paragraph.style is not None and paragraph.style.name == "List Bullet" else ""
    return bullet + paragraph.text


def _table_lines(element, document) -> list[str]:
    from docx.table import Table

    table = Table(element, document)
    lines: list[str] = []
    for row in table.rows:
        columns = [[p.text for p in cell.paragraphs if p.text.strip()] for cell in row.cells]
        if all(len(column) <= 1 for column in columns):  # the signature: «Директор    Н.П. …»
            lines.append("    ".join(column[0] for column in columns if column))
            continue
        for column in columns:  # the letterhead block, then the addressees
            lines.extend([*column, ""])
    return lines


def save_letter(data: bytes, path: Path) -> Path:
    """Write the .docx atomically; a missing folder or a path that is a folder says so."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise UserError(f"«{path}» — это папка: укажите имя файла, например {path / 'письмо.docx'}.")
    if not path.parent.is_dir():
        raise UserError(f"Папки «{path.parent}» нет: создайте её или выберите другую.")
    if path.suffix.lower() != ".docx":
        raise UserError(f"«{path.name}» — письмо сохраняется в файл .docx.")
    write_if_changed(path, data)
    return path


def default_name(event_id: int, letter: str, day: date) -> str:
    """«письмо-о-проведении-3-2022-04-19.docx»: a name that sorts and says what it is."""
    what = "о-проведении" if letter == "announce" else "об-итогах"
    return f"письмо-{what}-{event_id}-{day.isoformat()}.docx"
