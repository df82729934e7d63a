"""QR codes for the published pages: a phone's camera subscribes a school's calendar.

Encoded by zxing-cpp (the C++ barcode library, with wheels for every platform we run on)
and drawn here as one SVG path of dark runs. Segno, pure Python, took about 5 ms a code and
was 44 % of a full publish with 1 000 private pages; this takes about 0.5 ms.
"""

from __future__ import annotations

import re

import zxingcpp

BORDER = 2
"""Light modules around the code (the standard asks for 4; 2 reads fine on a white page)."""
SCALE = 3
"""Pixels per module of the SVG's own size (the page's CSS sets the shown size)."""
_DARK_RUN = re.compile(rb"\x00+")


def qr_modules(text: str) -> list[bytes]:
    """The code's rows of modules, one byte each: 0 dark, 255 light (no quiet zone)."""
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = memoryview(barcode.to_image(scale=1, add_quiet_zones=False))
    size = image.shape[1]
    data = image.tobytes()
    return [data[row * size:(row + 1) * size] for row in range(image.shape[0])]


def qr_svg(text: str) -> str:
    """An inline SVG QR code (no XML declaration): a path of dark runs on a white square."""
    rows = qr_modules(text)
    side = len(rows) + 2 * BORDER
    runs = [f"M{match.start() + BORDER} {y + BORDER}h{match.end() - match.start()}v1"
            f"h-{match.end() - match.start()}z"
            for y, row in enumerate(rows) for match in _DARK_RUN.finditer(row)]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{side * SCALE}" '
            f'height="{side * SCALE}" viewBox="0 0 {side} {side}" shape-rendering="crispEdges">'
            f'<rect width="{side}" height="{side}" fill="#fff"/>'
            f'<path fill="#000" d="{"".join(runs)}"/></svg>')
