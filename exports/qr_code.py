"""QR codes for the published pages: a phone's camera subscribes a school's calendar.

Encoded and drawn by zxing-cpp (the C++ barcode library, with wheels for every platform we
run on) and packed here as a grey PNG with the standard library's zlib: everything per
module happens in C. Segno, pure Python, took about 5 ms a code and was 44 % of a full
publish with 1 000 private pages; an SVG path of the dark runs made here still cost 1 ms a
code in Python; this takes about 0.5 ms.
"""

from __future__ import annotations

import base64
import struct
import zlib

import zxingcpp

SHOWN_PX = 4
"""Screen pixels per module: the page scales the one-pixel modules up with «pixelated»
(no blur on screen or in print)."""
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def qr_image(text: str) -> memoryview:
    """The code as 8-bit grey pixels (0 dark, 255 light), one per module, quiet zone
    included: a memoryview of shape (height, width)."""
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    return memoryview(barcode.to_image(scale=1, add_quiet_zones=True))


def qr_png(text: str) -> bytes:
    """The code as a PNG file (8-bit greyscale, no filtering: zlib packs the flat runs; its
    fastest level, since a country's 40 000 private pages spent 4 s in level 6 for a few
    dozen bytes less each)."""
    image = qr_image(text)
    height, width = image.shape
    pixels = image.tobytes()
    raw = b"".join(b"\x00" + pixels[row * width:(row + 1) * width] for row in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"".join((_PNG_SIGNATURE, _chunk(b"IHDR", header),
                     _chunk(b"IDAT", zlib.compress(raw, 1)), _chunk(b"IEND", b"")))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + \
        struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def qr_img(text: str, alt: str = "QR-код ссылки") -> str:
    """An <img> holding the code as a data: URI (the page stays one file)."""
    png = qr_png(text)
    width, height = struct.unpack(">II", png[16:24])
    data = base64.b64encode(png).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" width="{width * SHOWN_PX}" '
            f'height="{height * SHOWN_PX}" style="image-rendering:pixelated" alt="{alt}">')
