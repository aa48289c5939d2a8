"""Crops of a PDF's pages around the figures of a finding, for the HTML report.

A finance officer checks a finding on the page she published, so the HTML report shows,
for a finding in a PDF, the band of the page that holds its figures, rendered locally with
pdfium (the ``pdf`` extra) and embedded as a PNG ``data:`` URI: the stated figure boxed in
red, the other figures of the relation in blue. The PNG is written with the standard
library (zlib), so no imaging library is needed. Without pypdfium2, or when the file is no
longer where the report says, the report simply has no crops.
"""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import Iterable

SCALE = 1.5  # pixels per point: 72 pt → 108 px, sharp enough for 10.5 pt text
MARGIN = 36.0  # points of page shown above and below the figures
MAX_BAND = 320.0  # points: a taller band (figures far apart on one page) is cut to the stated figure's
MAX_CROPS = 200  # crops in one report, so a report of thousands of findings stays a few MB
RED = (220, 30, 30)
BLUE = (30, 90, 220)


class PageCrops:
    """Renders page bands of the PDFs a report points into, keeping each document open once."""

    def __init__(self) -> None:
        self._documents: dict[str, object] = {}
        self._made = 0
        try:
            import pypdfium2
        except ImportError:
            self._pdfium = None
        else:
            self._pdfium = pypdfium2

    def crop(self, path: str, page: int, stated, others: Iterable) -> str | None:
        """A ``data:image/png`` URI of page ``page`` around the boxes, or None when it cannot be rendered."""
        if self._pdfium is None or self._made >= MAX_CROPS:
            return None
        document = self._open(path)
        if document is None or not 1 <= page <= len(document):
            return None
        others = [box for box in others if box]
        boxes = [box for box in [stated, *others] if box]
        if not boxes:
            return None
        pdf_page = document[page - 1]
        try:
            width, height = pdf_page.get_size()
            top = max(0.0, min(b[1] for b in boxes) - MARGIN)
            bottom = min(height, max(b[3] for b in boxes) + MARGIN)
            if bottom - top > MAX_BAND and stated:
                top, bottom = max(0.0, stated[1] - MAX_BAND / 2), min(height, stated[3] + MAX_BAND / 2)
            bitmap = pdf_page.render(scale=SCALE, crop=(0, height - bottom, 0, top), rev_byteorder=True)
            pixels = bytearray(bytes(bitmap.buffer))
            w, h, stride, channels = bitmap.width, bitmap.height, bitmap.stride, bitmap.n_channels
        except Exception:  # noqa: BLE001 - a page pdfium cannot render just has no crop
            return None
        finally:
            pdf_page.close()
        for box, colour in [*((b, BLUE) for b in others), (stated, RED)]:
            if box:
                _frame(pixels, w, h, stride, channels, [(v - off) * SCALE for v, off in zip(box, (0, top, 0, top), strict=True)], colour)
        self._made += 1
        return "data:image/png;base64," + base64.b64encode(_png(pixels, w, h, stride, channels)).decode("ascii")

    def _open(self, path: str):
        if path not in self._documents:
            try:
                self._documents[path] = self._pdfium.PdfDocument(path)
            except Exception:  # noqa: BLE001 - moved, changed or unreadable since the audit: no crop
                self._documents[path] = None
        return self._documents[path]

    def close(self) -> None:
        for document in self._documents.values():
            if document is not None:
                document.close()
        self._documents.clear()


def _frame(pixels: bytearray, w: int, h: int, stride: int, channels: int, box: list[float], colour: tuple[int, int, int]) -> None:
    """Draw a 2-pixel rectangle a little outside ``box`` (x0, top, x1, bottom in pixels)."""
    x0, y0 = max(0, int(box[0]) - 3), max(0, int(box[1]) - 3)
    x1, y1 = min(w - 1, int(box[2]) + 3), min(h - 1, int(box[3]) + 3)
    if x0 >= x1 or y0 >= y1:
        return
    colour_bytes = bytes(colour) + b"\xff" * (channels - 3)
    for y in (y0, y0 + 1, y1 - 1, y1):
        row = y * stride
        pixels[row + x0 * channels: row + (x1 + 1) * channels] = colour_bytes * (x1 - x0 + 1)
    for y in range(y0, y1 + 1):
        row = y * stride
        for x in (x0, x0 + 1, x1 - 1, x1):
            pixels[row + x * channels: row + (x + 1) * channels] = colour_bytes


def _png(pixels: bytearray, w: int, h: int, stride: int, channels: int) -> bytes:
    """An 8-bit RGB (or RGBA) PNG of the bitmap rows."""
    raw = b"".join(b"\x00" + bytes(pixels[y * stride: y * stride + w * channels]) for y in range(h))
    colour_type = 6 if channels == 4 else 2

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", w, h, 8, colour_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")
