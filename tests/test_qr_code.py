"""QR codes on the published pages: the SVG draws exactly the code, and the code reads back."""

from __future__ import annotations

import re

import pytest
import zxingcpp

from rcro_tui.exports.qr_code import BORDER, SCALE, qr_modules, qr_svg

URL = "webcal://calendar.rcro.tomsk.ru/private/3f9a1c0b7e2d4a6b8c1d2e3f4a5b6c7d/calendar.ics"


def modules_of_svg(svg: str) -> list[bytes]:
    """Rebuild the module rows from the SVG's path of runs (`M x y h n v1 h-n z`)."""
    side = int(re.search(r'viewBox="0 0 (\d+) \1"', svg)[1])
    rows = [bytearray(b"\xff" * side) for _ in range(side)]
    for x, y, n in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", svg):
        rows[int(y)][int(x):int(x) + int(n)] = b"\x00" * int(n)
    inner = slice(BORDER, side - BORDER)
    return [bytes(row[inner]) for row in rows[inner]]


def read_back(rows: list[bytes], scale: int = 4) -> str:
    """Decode the module rows as a camera would see them: scaled up, with a quiet zone."""
    quiet = 4
    width = (len(rows[0]) + 2 * quiet) * scale
    blank = b"\xff" * width
    pixels = [blank] * (quiet * scale)
    for row in rows:
        line = b"".join(bytes([cell]) * scale for cell in row)
        pixels += [b"\xff" * (quiet * scale) + line + b"\xff" * (quiet * scale)] * scale
    pixels += [blank] * (quiet * scale)
    image = memoryview(b"".join(pixels)).cast("B", (len(pixels), width))  # 8-bit grey
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1
    return found[0].text


@pytest.mark.parametrize("text", [URL, "https://x.ru/feeds/region.ics",
                                  "webcal://пример.рф/feeds/томский-район.ics"])
def test_the_code_reads_back_as_the_address(text):
    assert read_back(qr_modules(text)) == text


def test_the_svg_draws_exactly_the_code():
    svg = qr_svg(URL)
    assert modules_of_svg(svg) == qr_modules(URL)


def test_the_svg_is_inline_and_sized_by_scale():
    svg = qr_svg(URL)
    side = len(qr_modules(URL)) + 2 * BORDER
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "<?xml" not in svg
    assert f'width="{side * SCALE}"' in svg and f'height="{side * SCALE}"' in svg


def test_a_longer_address_gets_a_larger_code():
    assert len(qr_modules(URL + "?" + "x" * 200)) > len(qr_modules("https://x.ru/a.ics"))
