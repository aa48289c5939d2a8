"""Build PDFs the way an office's PDF looks, to test the PDF reader on known content.

:func:`build_pdf` lays out lines of text on A4 pages with reportlab: Chinese in
WenQuanYi Micro Hei (the CJK font the browser tests use, embedded as a subset; CI
installs fonts-wqy-microhei), digits and Latin letters in Times-Roman drawn
``drop`` points lower than the Chinese around them, as published disclosures do. A
long line wraps at the right margin as Word wraps it (between Chinese characters, never
inside a number). A run of TAB lines becomes a ruled table, one row per line, which
continues on the next page when it does not fit. Every page gets a running header and a
page number (``— 3 —``) in the margins.

:func:`draw_bytes` gives a PDF's bytes for a few drawing calls, for the hostile cases.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

CJK = "WenQuanYi"
LATIN = "Times-Roman"
FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
if FONT_FILE.exists():
    pdfmetrics.registerFont(TTFont(CJK, str(FONT_FILE), subfontIndex=0))

WIDTH, HEIGHT = A4
MARGIN = 56.0
_TOKENS = re.compile(r"[\x21-\x7e]+| |.")  # a run of ASCII (a number, a word), a space, or one character


def _runs(text: str):
    """(text, font) runs: ASCII in Times, the rest in the Chinese font."""
    for match in re.finditer(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        piece = match.group()
        yield piece, LATIN if piece.isascii() else CJK


def text_width(text: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(piece, font, size) for piece, font in _runs(text))


def draw_text(c: canvas.Canvas, x: float, y: float, text: str, size: float, drop: float) -> None:
    for piece, font in _runs(text):
        c.setFont(font, size)
        c.drawString(x, y - (drop if font == LATIN else 0), piece)
        x += pdfmetrics.stringWidth(piece, font, size)


def wrap(text: str, width: float, size: float) -> list[str]:
    """Break a line as Word does: between tokens, never inside a run of ASCII."""
    lines, current = [], ""
    for token in _TOKENS.findall(text):
        if current and text_width(current + token, size) > width:
            lines.append(current)
            current = token.lstrip()
        else:
            current += token
    return [*lines, current]


class _Pages:
    def __init__(self, out, size: float, drop: float, header: str, landscape: bool) -> None:
        self.width, self.height = (HEIGHT, WIDTH) if landscape else (WIDTH, HEIGHT)
        self.c = canvas.Canvas(out, pagesize=(self.width, self.height))
        self.size, self.drop, self.header = size, drop, header
        self.pitch = size * 1.6
        self.number = 0
        self.y = 0.0
        self.laid: list[str] = []  # the lines as drawn: long lines wrapped, table rows padded
        self.new_page()

    def new_page(self) -> None:
        if self.number:
            self.c.showPage()
        self.number += 1
        if self.header:
            draw_text(self.c, MARGIN, self.height - MARGIN / 2, self.header, self.size * 0.8, 0)
        number = f"— {self.number} —"
        draw_text(self.c, (self.width - text_width(number, self.size)) / 2, MARGIN / 2, number, self.size, 0)
        self.y = self.height - MARGIN - self.size

    def room(self, height: float) -> None:
        if self.y - height < MARGIN:
            self.new_page()

    def line(self, text: str) -> None:
        for piece in wrap(text, self.width - 2 * MARGIN, self.size):
            self.room(self.pitch)
            draw_text(self.c, MARGIN, self.y, piece, self.size, self.drop)
            self.laid.append(piece)
            self.y -= self.pitch

    def table(self, rows: list[list[str]]) -> None:
        """A ruled grid; a long cell wraps inside its column, which is at most a fifth of the page wide."""
        columns = max(len(r) for r in rows)
        rows = [r + [""] * (columns - len(r)) for r in rows]
        usable = self.width - 2 * MARGIN
        natural = [min(max(text_width(r[i], self.size) for r in rows) + 6, usable / 5) for i in range(columns)]
        scale = min(1.0, usable / sum(natural))
        size = self.size * scale
        widths = [w * scale for w in natural]
        xs = [MARGIN]
        for w in widths:
            xs.append(xs[-1] + w)
        top = None
        for row in rows:
            cells = [wrap(cell, w - 6, size) if cell else [] for cell, w in zip(row, widths, strict=True)]
            height = size * (1.3 * max(1, *map(len, cells)) + 0.6)
            if top is None or top - height < MARGIN:
                if top is not None:
                    self.new_page()
                top = self.y + size
                self.c.line(xs[0], top, xs[-1], top)
            bottom = top - height
            for x0, pieces in zip(xs, cells, strict=False):
                for k, piece in enumerate(pieces):
                    draw_text(self.c, x0 + 3, top - size * (1.3 * k + 1.1), piece, size, self.drop * size / self.size)
            self.c.line(xs[0], bottom, xs[-1], bottom)
            for x in xs:
                self.c.line(x, top, x, bottom)
            self.laid.append("\t".join(row))
            top = bottom
            self.y = bottom - size
        self.y -= self.pitch * 0.5


def build_pdf(lines: list[str], path, *, size: float = 10.5, drop: float = 3.0, header: str = "", landscape: bool = False) -> list[str]:
    """Write ``lines`` (TAB lines as ruled tables, empty lines as space) to a PDF at ``path``; return the lines as laid out."""
    pages = _Pages(str(path), size, drop, header, landscape)
    i = 0
    while i < len(lines):
        line = lines[i].removesuffix("\r")
        if "\t" in line.strip(" "):
            rows = []
            while i < len(lines) and "\t" in lines[i].strip(" \r"):
                rows.append(lines[i].removesuffix("\r").split("\t"))
                i += 1
            pages.table(rows)
            continue
        if line.strip():
            pages.line(line.strip())
        else:
            pages.y -= pages.pitch * 0.5
        i += 1
    pages.c.showPage()
    pages.c.save()
    return pages.laid


def draw_bytes(draw, pages: int = 1) -> bytes:
    """A PDF's bytes: ``draw(canvas, page_number)`` on each of ``pages`` pages."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for n in range(1, pages + 1):
        draw(c, n)
        c.showPage()
    c.save()
    return out.getvalue()
