"""A table as an HTML page to print on A4: what schools pin up and file.

Print rules (checked by printing with headless Chromium, tests/test_table_pdf.py):
`@page` margin boxes carry the title and «стр. N из M» on every page (Chromium fills
`counter(pages)` there); the header row repeats on each page (`thead` is a header group); no
row is split across pages; long names wrap inside their column (`overflow-wrap: anywhere`
with a fixed layout and widths from the content), so nothing runs past the right margin; a
wide table is printed landscape. The same page reads well on screen.
"""

from __future__ import annotations

from datetime import date
from html import escape

from rcro_tui.i18n import date_long
from rcro_tui.db.tables import DELTA, NUMBER, Printable

CELL_CAP, WORD_CAP = 45, 18
CHAR_PT = 9 * 0.66
"""The body font's average character width in points (DejaVu Sans at 9 pt, Cyrillic text)."""
CELL_PAD_CHARS = 1.6
"""A cell's padding and borders, in characters."""
ISSUER = "ОГБУ «Региональный центр развития образования», Томская область"

STYLE = """
@page { size: A4 %(orientation)s; margin: 16mm 12mm 16mm 12mm;
  @top-left { content: "%(title)s"; font: 8pt "DejaVu Sans", Arial, sans-serif; color: #555; }
  @bottom-left { content: "%(footer)s"; font: 8pt "DejaVu Sans", Arial, sans-serif;
    color: #555; }
  @bottom-right { content: "стр. " counter(page) " из " counter(pages);
    font: 8pt "DejaVu Sans", Arial, sans-serif; color: #555; } }
@page :first { @top-left { content: none; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 9pt/1.3 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111;
  margin: 0; }
header h1 { font-size: 14pt; margin: 0 0 2pt; }
header p { margin: 0 0 2pt; color: #333; }
header .made { color: #555; margin-bottom: 8pt; }
table { border-collapse: collapse; width: 100%%; table-layout: fixed; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.5pt solid #777; padding: 2pt 3pt; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; hyphens: auto; }
thead th { background: #dfe6ee; font-weight: bold; }
td.num { text-align: right; white-space: nowrap; }
tr.group th { background: #f1f4f8; font-size: 9.5pt; border-top: 1pt solid #333; }
p.empty { font-style: italic; }
nav { margin-bottom: 8pt; }
@media screen { body { max-width: %(screen)s; margin: 1.5rem auto; padding: 0 1rem; }
  body { font-size: 10.5pt; } }
@media print { nav { display: none; } }
"""


def natural_widths(printable: Printable) -> list[int]:
    """Each column's wanted width in characters: its longest cell up to CELL_CAP, never less
    than `least_widths` (what XLSX columns are set to)."""
    widths = []
    for index, least in enumerate(least_widths(printable)):
        longest = max(map(len, _cells(printable, index)), default=0)
        widths.append(max(least, min(longest, CELL_CAP)))
    return widths


def least_widths(printable: Printable) -> list[int]:
    """Each column's narrowest width that breaks no word: its header's longest word and its
    cells' longest word (up to WORD_CAP: a longer one may break)."""
    widths = []
    for index, column in enumerate(printable.view.columns):
        # One split of the column's text at C speed (a publish measures 35 tables of up to
        # 15 000 rows several times over: a word-by-word generator took 0.5 s).
        word = max(map(len, " ".join(_cells(printable, index)).split()), default=0)
        widths.append(max(max(len(w) for w in column.split()), min(word, WORD_CAP), 2) + 1)
    return widths


def _cells(printable: Printable, index: int) -> list[str]:
    return [row[index] for row in printable.view.rows]


def line_chars(landscape: bool, columns: int) -> float:
    """How many characters of the body font fit across the page, less each cell's padding."""
    usable_pt = (297 if landscape else 210) - 24  # mm, less the side margins
    return usable_pt * 72 / 25.4 / CHAR_PT - CELL_PAD_CHARS * columns


def is_landscape(printable: Printable) -> bool:
    """Landscape when the wanted widths do not fit across a portrait page."""
    return sum(natural_widths(printable)) > line_chars(False, len(printable.view.columns))


def column_shares(printable: Printable, landscape: bool) -> list[float]:
    """Each column's share of the width (percent): every column gets its least width (no word
    broken) where the page allows, and the rest of the line goes to the long-text columns."""
    least, wanted = least_widths(printable), natural_widths(printable)
    room = line_chars(landscape, len(wanted))
    if sum(wanted) <= room:
        widths = [float(w) for w in wanted]
    elif sum(least) >= room:
        widths = [float(w) for w in least]
    else:
        spare, extra = room - sum(least), sum(w - m for w, m in zip(wanted, least))
        widths = [m + spare * (w - m) / extra for w, m in zip(wanted, least)]
    total = sum(widths)
    return [100 * width / total for width in widths]


def css_string(text: str) -> str:
    """Text inside a CSS "string": quotes and backslashes escaped, `<` kept out of <style>."""
    return (" ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')
            .replace("<", "\\3C "))


def table_html(printable: Printable, made: date, *, back: str = "") -> bytes:
    """The page: title, subtitle, «Сформировано …», the table by groups; UTF-8 bytes.

    `back` is a link (to the published folder's index) shown on screen, never printed."""
    view = printable.view
    landscape = is_landscape(printable)
    style = STYLE % {"orientation": "landscape" if landscape else "portrait",
                     "title": css_string(view.title),
                     "footer": css_string(f"{ISSUER} · сформировано {date_long(made)}"),
                     "screen": "80rem" if landscape else "56rem"}
    parts = ["<!DOCTYPE html>", '<html lang="ru">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{escape(view.title)}</title>", f"<style>{style}</style>", "</head>",
             "<body>"]
    if back:
        parts.append(f'<nav><a href="{escape(back)}">← Все календари и таблицы</a></nav>')
    parts += ["<header>", f"<h1>{escape(view.title)}</h1>"]
    if printable.subtitle:
        parts.append(f"<p>{escape(printable.subtitle)}</p>")
    parts += [f'<p class="made">Сформировано {escape(date_long(made))}</p>', "</header>"]
    parts += _table(printable) if view.rows else [f'<p class="empty">{escape(view.empty)}</p>']
    parts += ["</body>", "</html>", ""]
    for place, part in enumerate(parts):  # each row encoded in place: a country's calendar
        parts[place] = part.encode("utf-8")  # as one string took 120 MB for a 30 MB page
    return b"\n".join(parts)


def _table(printable: Printable) -> list[str]:
    shares = column_shares(printable, is_landscape(printable))
    columns = printable.view.columns
    out = ["<table>", "<colgroup>"]
    out += [f'<col style="width:{share:.1f}%">' for share in shares]
    out += ["</colgroup>", "<thead><tr>"]
    out += [f'<th scope="col">{escape(column)}</th>' for column in columns]
    out.append("</tr></thead>")
    numeric = [kind in (NUMBER, DELTA) for kind in printable.kinds]
    for heading, rows in printable.sections():
        out.append("<tbody>")
        if heading:
            out.append(f'<tr class="group"><th colspan="{len(columns)}" scope="colgroup">'
                       f"{escape(heading)}</th></tr>")
        for row in rows:
            cells = [f'<td class="num">{escape(cell)}</td>' if numeric[i]
                     else f"<td>{escape(cell)}</td>" for i, cell in enumerate(row)]
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody>")
    out.append("</table>")
    return out
