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


# --- hostile PDFs, written object by object ------------------------------------------------------


def raw_pdf(objects: list[bytes], streams: dict[int, bytes] | None = None) -> bytes:
    """A PDF of ``objects`` (object 1 is the catalog) with a correct xref; ``streams[i]`` is the data of object i+1."""
    streams = streams or {}
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for index, body in enumerate(objects):
        offsets.append(len(out))
        out += f"{index + 1} 0 obj\n".encode() + body
        if index in streams:
            out += b"\nstream\n" + streams[index] + b"\nendstream"
        out += b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, filters: list[str], extra: bytes = b"") -> tuple[bytes, bytes]:
    """(dictionary, encoded data) of a stream whose data is ``data`` under ``filters`` (the first is decoded first)."""
    import base64
    import zlib

    for name in reversed(filters):
        if name == "FlateDecode":
            data = zlib.compress(data, 9)
        elif name == "ASCIIHexDecode":
            data = data.hex().encode() + b">"
        elif name == "ASCII85Decode":
            data = base64.a85encode(data) + b"~>"
        elif name == "RunLengthDecode":
            data = _run_length(data)
        elif name == "LZWDecode":
            data = _lzw(data)
        else:
            raise ValueError(name)
    chain = b"[" + b" ".join(b"/" + f.encode() for f in filters) + b"]"
    return b"<< /Filter " + chain + b" /Length " + str(len(data)).encode() + extra + b" >>", data


def _lzw(data: bytes) -> bytes:
    """LZW as PDF writes it: 9 to 12-bit codes, most significant bit first, early change, a clear code first and EOD last."""
    table = {bytes((i,)): i for i in range(256)}
    codes, width, current = [(256, 9)], 9, b""
    for byte in data:
        candidate = current + bytes((byte,))
        if candidate in table:
            current = candidate
            continue
        codes.append((table[current], width))
        table[candidate] = len(table) + 2  # 256 and 257 are clear and end
        current = bytes((byte,))
        if len(table) + 2 >= 1 << width:  # the decoder, a code behind, widens with early change at the same code
            if width == 12:
                codes.append((256, width))
                table = {bytes((i,)): i for i in range(256)}
                width = 9
            else:
                width += 1
    if current:
        codes.append((table[current], width))
    codes.append((257, width))
    bits = "".join(format(code, f"0{size}b") for code, size in codes)
    bits += "0" * (-len(bits) % 8)
    return int(bits, 2).to_bytes(len(bits) // 8, "big") if bits else b""


def _run_length(data: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(data):
        run = 1
        while i + run < len(data) and run < 128 and data[i + run] == data[i]:
            run += 1
        if run > 1:
            out += bytes((257 - run, data[i]))
        else:
            out += bytes((0, data[i]))
        i += run
    return bytes(out + b"\x80")


def pages_pdf(contents: list[bytes], filters: list[str] | None = None, resources: bytes = b"", extra_objects: list[tuple[bytes, bytes | None]] = ()) -> bytes:
    """One page per content stream (encoded with ``filters``); ``extra_objects`` (dictionary, stream data or None) follow, numbered from 3 + 2 × pages."""
    filters = filters or []
    count = len(contents)
    kids = b" ".join(f"{3 + 2 * i} 0 R".encode() for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(count).encode() + b" >>"]
    streams: dict[int, bytes] = {}
    for i, content in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " + str(4 + 2 * i).encode()
                       + b" 0 R /Resources << " + resources + b" >> >>")
        head, data = _stream(content, filters) if filters else (b"<< /Length " + str(len(content)).encode() + b" >>", content)
        streams[len(objects)] = data
        objects.append(head)
    for head, data in extra_objects:
        if data is not None:
            streams[len(objects)] = data
        objects.append(head)
    return raw_pdf(objects, streams)


def layered_bomb(streams: int = 1, size: int = 2**31, layers: int = 2) -> bytes:
    """``streams`` pages whose content is ``size`` spaces under ``layers`` Flate layers (2.1 GB in about 2.5 KB each)."""
    import zlib

    chunk = b" " * 2**20
    compressor = zlib.compressobj(9)
    first = b"".join(compressor.compress(chunk) for _ in range(size // len(chunk))) + compressor.flush()
    data = first
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    head = b"<< /Filter [" + b" /FlateDecode" * layers + b" ] /Length " + str(len(data)).encode() + b" >>"
    kids = b" ".join(f"{3 + 2 * i} 0 R".encode() for i in range(streams))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(streams).encode() + b" >>"]
    raw: dict[int, bytes] = {}
    for i in range(streams):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " + str(4 + 2 * i).encode() + b" 0 R >>")
        raw[len(objects)] = data
        objects.append(head)
    return raw_pdf(objects, raw)


def form_laughs(depth: int = 9, fanout: int = 10) -> bytes:
    """A "billion laughs" of Form XObjects: each form draws the one below ``fanout`` times, the last a short text; the page draws the top one."""
    import zlib

    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
    first_form = 5  # objects 5 … 5 + depth: form k draws form k + 1; the last one draws text
    objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                   b"/Resources << /XObject << /F0 5 0 R >> /Font << /T 99 0 R >> >> >>")
    raw: dict[int, bytes] = {}
    page_content = zlib.compress(b"/F0 Do\n" * fanout)
    raw[len(objects)] = page_content
    objects.append(b"<< /Filter /FlateDecode /Length " + str(len(page_content)).encode() + b" >>")
    for level in range(depth + 1):
        number = first_form + level
        if level < depth:
            content = b"q 1 0 0 1 0.01 0 cm /F Do Q\n" * fanout
            resources = b"/XObject << /F " + str(number + 1).encode() + b" 0 R >>"
        else:
            content = b"BT /T 12 Tf 72 700 Td (1) Tj ET 0 0 m 10 10 l S\n"
            resources = b"/Font << /T " + str(first_form + depth + 1).encode() + b" 0 R >>"
        data = zlib.compress(content)
        raw[len(objects)] = data
        objects.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << " + resources
                       + b" >> /Filter /FlateDecode /Length " + str(len(data)).encode() + b" >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return raw_pdf(objects, raw)


def many_paths(count: int = 1_000_000) -> bytes:
    """One page drawing ``count`` short strokes (a million in about 28 KB)."""
    return pages_pdf([b"0 0 m 9 9 l S\n" * count], ["FlateDecode"])


def dash_strokes(count: int = 22_500) -> bytes:
    """``count`` dashes 3.5 pt long, 3.5 pt apart, half across and half down, each its own stroke: rules no grid joins."""
    parts = [b"0.5 w "]
    per_line = 75  # 75 dashes at a 7 pt pitch span 525 pt
    for i in range(count // 2):
        line, dash = divmod(i, per_line)
        x, y = 30 + 7 * dash, 800 - 5 * line  # rows 5 pt apart
        parts.append(b"%d %d m %.1f %d l S\n" % (x, y, x + 3.5, y))
    for i in range(count - count // 2):
        line, dash = divmod(i, per_line)
        x, y = 30 + 3.5 * line, 800 - 7 * dash  # columns 3.5 pt apart
        parts.append(b"%.1f %d m %.1f %.1f l S\n" % (x, y, x, y - 3.5))
    return b"".join(parts)


def dashed_grid(count: int = 22_500, text: bytes = b"") -> bytes:
    """One page of :func:`dash_strokes` (after ``text``, content drawn first)."""
    return pages_pdf([text + b"\n" + dash_strokes(count)], ["FlateDecode"],
                     b"/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>")
