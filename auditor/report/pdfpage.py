"""Crops of a PDF's pages around the figures of a finding, for the HTML report.

A finance officer checks a finding on the page she published, so the HTML report shows,
for a finding in a PDF, the band of the page that holds its figures, rendered locally with
pdfium (the ``pdf`` extra) and embedded as a PNG ``data:`` URI: the stated figure boxed in
red, the other figures of the relation in blue. The PNG is written with the standard
library (zlib), so no imaging library is needed. Without pypdfium2, or when the file is no
longer where the report says, the report simply has no crops.

A crop is a band of a page of text: it is written as a 16-level grey image with a palette
(the two frame colours added), a byte a pixel that zlib squeezes to a fifth of the colour
image's size. And a report spends at most CROP_BUDGET bytes on crops in all: a long PDF with
hundreds of findings gets crops for its first findings and says so for the rest, rather than
a page of tens of megabytes (a 221-page PDF's report was 40 MB).
"""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import Iterable

SCALE = 1.5  # pixels per point: 72 pt → 108 px, sharp enough for 10.5 pt text
MARGIN = 36.0  # points of page shown above and below the figures
MAX_BAND = 320.0  # points: a taller band (figures far apart on one page) is cut to the stated figure's
CROP_BUDGET = 2_000_000  # bytes of crops (as base64) in one report, so a report of hundreds of findings stays a few MB
RED = (220, 30, 30)
BLUE = (30, 90, 220)
GREYS = 16  # grey levels kept: enough for anti-aliased text
_RED, _BLUE = GREYS, GREYS + 1  # palette indexes of the frame colours
_PALETTE = b"".join(bytes((g * 255 // (GREYS - 1),) * 3) for g in range(GREYS)) + bytes(RED) + bytes(BLUE)
_TO_GREY = bytes(v * GREYS // 256 for v in range(256))  # a channel's value → its grey level


class PageCrops:
    """Renders page bands of the PDFs a report points into, keeping each document open once."""

    def __init__(self) -> None:
        self._documents: dict[str, object] = {}
        self.spent = 0  # bytes of crops made so far
        self.refused = 0  # crops not made once the budget was spent
        try:
            import pypdfium2
        except ImportError:
            self._pdfium = None
        else:
            self._pdfium = pypdfium2

    @property
    def exhausted(self) -> bool:
        return self.spent >= CROP_BUDGET

    def crop(self, path: str, page: int, stated, others: Iterable) -> str | None:
        """A ``data:image/png`` URI of page ``page`` around the boxes, or None when it cannot be rendered (or the budget is spent)."""
        if self._pdfium is None:
            return None
        if self.exhausted:
            self.refused += 1
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
            pixels = bytes(bitmap.buffer)
            w, h, stride, channels = bitmap.width, bitmap.height, bitmap.stride, bitmap.n_channels
        except Exception:  # noqa: BLE001 - a page pdfium cannot render just has no crop
            return None
        finally:
            pdf_page.close()
        indexes = _grey_indexes(pixels, w, h, stride, channels)
        for box, colour in [*((b, _BLUE) for b in others), (stated, _RED)]:
            if box:
                _frame(indexes, w, h, [(v - off) * SCALE for v, off in zip(box, (0, top, 0, top), strict=True)], colour)
        uri = "data:image/png;base64," + base64.b64encode(_png(indexes, w, h)).decode("ascii")
        self.spent += len(uri)
        return uri

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


def _grey_indexes(pixels: bytes, w: int, h: int, stride: int, channels: int) -> bytearray:
    """A palette index per pixel, row after row: the grey level of its green channel (text is black on white)."""
    rows = [pixels[y * stride + 1 : y * stride + w * channels : channels] for y in range(h)]
    return bytearray(b"".join(rows).translate(_TO_GREY))


def _frame(indexes: bytearray, w: int, h: int, box: list[float], colour: int) -> None:
    """Draw a 2-pixel rectangle a little outside ``box`` (x0, top, x1, bottom in pixels) in palette colour ``colour``."""
    x0, y0 = max(0, int(box[0]) - 3), max(0, int(box[1]) - 3)
    x1, y1 = min(w - 1, int(box[2]) + 3), min(h - 1, int(box[3]) + 3)
    if x0 >= x1 or y0 >= y1:
        return
    line = bytes((colour,)) * (x1 - x0 + 1)
    for y in (y0, y0 + 1, y1 - 1, y1):
        indexes[y * w + x0 : y * w + x1 + 1] = line
    for y in range(y0, y1 + 1):
        for x in (x0, x0 + 1, x1 - 1, x1):
            indexes[y * w + x] = colour


def _png(indexes: bytearray, w: int, h: int) -> bytes:
    """An 8-bit palette PNG of the index rows."""
    raw = b"".join(b"\x00" + bytes(indexes[y * w : (y + 1) * w]) for y in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", w, h, 8, 3, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"PLTE", _PALETTE) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
