"""QR codes on the published pages: a valid PNG that reads back as the address."""

from __future__ import annotations

import base64
import re
import struct
import zlib

import pytest
import zxingcpp

from rcro_tui.exports.qr_code import SHOWN_PX, qr_img, qr_png

URL = "webcal://calendar.rcro.tomsk.ru/private/3f9a1c0b7e2d4a6b8c1d2e3f4a5b6c7d/calendar.ics"


def decode_png(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and grey pixels of an 8-bit greyscale PNG with unfiltered rows,
    checking the signature and every chunk's CRC as an image viewer does."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    at, chunks = 8, {}
    while at < len(png):
        (length,) = struct.unpack(">I", png[at:at + 4])
        kind, data = png[at + 4:at + 8], png[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(kind + data) & 0xFFFFFFFF, kind
        chunks[kind] = chunks.get(kind, b"") + data
        at += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (depth, colour, interlace) == (8, 0, 0)
    raw = zlib.decompress(chunks[b"IDAT"])
    rows = [raw[y * (width + 1):(y + 1) * (width + 1)] for y in range(height)]
    assert all(row[0] == 0 for row in rows), "filter type 0 on every row"
    assert b"IEND" in chunks
    return width, height, b"".join(row[1:] for row in rows)


def read_back(png: bytes, scale: int = 4) -> str:
    """Decode the code as a camera sees the page: modules scaled up, as the page shows them."""
    width, height, pixels = decode_png(png)
    rows = [pixels[y * width:(y + 1) * width] for y in range(height)]
    big = b"".join(b"".join(bytes([cell]) * scale for cell in row) * scale for row in rows)
    image = memoryview(big).cast("B", (height * scale, width * scale))
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1
    return found[0].text


@pytest.mark.parametrize("text", [URL, "https://x.ru/feeds/region.ics",
                                  "webcal://пример.рф/feeds/томский-район.ics"])
def test_the_code_reads_back_as_the_address(text):
    assert read_back(qr_png(text)) == text


def test_the_image_has_a_quiet_zone():
    width, height, pixels = decode_png(qr_png(URL))
    assert width == height
    edge = pixels[:width] + pixels[-width:] + bytes(pixels[y * width] for y in range(height))
    assert set(edge) == {255}, "light all round: cameras need the margin"


def test_the_img_is_inline_and_shown_crisp_at_its_size():
    html = qr_img(URL)
    width, _, _ = decode_png(qr_png(URL))
    data = re.search(r'src="data:image/png;base64,([^"]+)"', html)[1]
    assert base64.b64decode(data) == qr_png(URL)
    assert f'width="{width * SHOWN_PX}"' in html and "image-rendering:pixelated" in html
    assert 'alt="QR-код ссылки"' in html


def test_a_longer_address_gets_a_larger_code():
    assert decode_png(qr_png(URL + "?" + "x" * 200))[0] > decode_png(qr_png("https://x.ru/a"))[0]
