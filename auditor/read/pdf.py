"""PDF: the published file itself, read as a person reads the page.

The text layer is taken from pdfium (pypdfium2, the optional extra ``pdf``) as single
characters with their boxes, and the ruling lines as the page's path objects; nothing
relies on the order of the content stream, which WPS and other editors write in any
order. On each page:

* ruled tables: horizontal and vertical rules that touch form a grid (its sides may be
  open: the horizontal rules end it); every cell (a
  rectangle of the grid with no rule through it, so merged cells stay one cell) holds
  the characters whose centre falls inside it; each row of the grid becomes one line of
  TAB-separated cells, one per grid column, the text of a merged cell in its first
  column and first row, as the .docx reader renders a Word table;
* the other characters are grouped into lines by vertical overlap (Times New Roman
  digits are drawn a few points lower than the FangSong around them and stay on their
  line), lines top to bottom, characters left to right (a glyph overprinted a hair to the
  side to fake bold read once), a space where a gap is wider
  than a fifth of the font size;
* characters set at another angle than the page's text (a diagonal watermark such as
  仅供内部审核 drawn across the lines) are left out;
* running headers and footers (a line in the top or bottom margin that recurs on other
  pages, digits aside) and page numbers (``— 7 —``, ``第 7 页``) are dropped.

Pages follow one another line by line, never glued: a heading at the top of a page
starts its own line. A table that ends one page and continues on the next with the
same columns stays one table (no empty line between, and the header rows Word repeats
at the top of each page are not repeated in the text); any other table is followed by
an empty line, as in the .docx reader.

Every line has a :class:`~auditor.document.model.Place` naming its page and line on
that page (``第12页 第5行``, a cell ``第12页 第5行第3列``), with the box of every
character, so a finding carries the page and the box of each figure.

A PDF that cannot be audited is refused with the reason (:class:`InputError`): not a
PDF, truncated, encrypted, more pages than a disclosure has, or no text layer at all
(a scan: the pages are named and OCR suggested). Pages with too little text among
others are recorded on the Document as reading notes.

What a file may cost is bounded three times over. Before pdfium parses anything,
:mod:`auditor.read.pdfscan` follows every stream's filter chain and adds up what each
page draws, forms counted as often as they are drawn, and refuses a bomb. After pdfium
loads a page, and before its text is extracted, its objects are counted again (forms
included) against :data:`~auditor.read.pdfscan.MAX_PAGE_OBJECTS`. And the whole file is
read in a child process with a memory limit (:mod:`auditor.read.worker`), so what slips
past both costs one file, named as too large, never the machine.
"""

from __future__ import annotations

import bisect
import ctypes
import math
import re
from array import array
from collections import Counter

from auditor.document.model import Document, Place
from auditor.read.errors import InputError
from auditor.read.office import import_extra
from auditor.read.pdfscan import MAX_PAGE_OBJECTS, scan
from auditor.read.source import read_bytes
from auditor.read.worker import run_isolated

#: Most pages a disclosure may have; a 30-page disclosure is typical, a few hundred is a whole year's set.
MAX_PAGES = 2000
#: Most characters in the whole text layer.
MAX_CHARS = 5_000_000
#: Most rows at the top of a table taken for a header that Word may repeat on each page.
MAX_HEADER_ROWS = 4
#: Characters set within this many degrees of one another are set at one angle.
_ANGLE = 3
#: A page covered by an image with fewer non-space characters than this, among pages with text, is noted as a scan.
MIN_PAGE_CHARS = 20

_HEAD = 1024  # the header may follow a little junk (the spec allows it)
_TAIL = 4096  # %%EOF must be near the end
_RULE = 3.0  # a path thinner than this (pt) is a rule
_SNAP = 2.0  # rules this close are one rule
_BAND = 24.0  # pt: characters look for their table among those reaching into their band of the page
_MARGIN = 0.08  # top and bottom share of the page where running headers and footers stand
_PAGE_NUMBER = re.compile(r"^[-—–－_\s]*(第\s*)?(\d+|[ivxlcIVXLC]+)(\s*页)?(\s*[/／]\s*(共\s*)?\d+\s*页?)?[-—–－_\s]*$")
_DIGITS = re.compile(r"\d+")


class _Char:
    """A character's box in the frame it is laid out in; ``shown``, its box on the page as shown when that frame is turned."""

    __slots__ = ("text", "x0", "top", "x1", "bottom", "shown")

    def __init__(self, text: str, x0: float, top: float, x1: float, bottom: float) -> None:
        self.text, self.x0, self.top, self.x1, self.bottom = text, x0, top, x1, bottom
        self.shown: tuple[float, float, float, float] | None = None

    @property
    def height(self) -> float:
        return self.bottom - self.top


class _Line:
    """A rendered line: its text, the box of each character (4 floats each), its cells, and whether it stands in a margin."""

    __slots__ = ("text", "boxes", "cells", "table", "margin")

    def __init__(self, text: str, boxes: array, cells: tuple = (), table: int = -1, margin: bool = False) -> None:
        self.text, self.boxes, self.cells, self.table, self.margin = text, boxes, cells, table, margin


def read_pdf(name: str) -> Document:
    """Read a PDF into a Document whose lines know their page, position and cell (in a child process with a memory limit)."""
    import_extra(name, "pypdfium2", "pdf", "pypdfium2")  # a missing library is said here, not from the child
    return run_isolated(name, _read_pdf)


def _read_pdf(name: str) -> Document:
    pdfium = import_extra(name, "pypdfium2", "pdf", "pypdfium2")
    data = read_bytes(name)
    check_bytes(name, data)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(name, _open_error(str(exc))) from None
    try:
        pages = len(pdf)
        if pages > MAX_PAGES:
            raise InputError(name, f"页数过多：{pages} 页，上限 {MAX_PAGES} 页 (too many pages: {pages}, limit {MAX_PAGES})")
        if pages == 0:
            raise InputError(name, "PDF 没有页面 (the PDF has no pages)")
        rendered: list[_Page] = []
        budget = MAX_CHARS
        for index in range(pages):
            try:
                page = _read_page(pdf, index, budget)
            except pdfium.PdfiumError as exc:
                raise InputError(name, f"PDF 第{index + 1}页已损坏，无法读取：{exc} (corrupt page {index + 1})") from None
            except _TooManyObjects:
                raise InputError(name, f"PDF 第{index + 1}页的图形对象超过 {MAX_PAGE_OBJECTS} 个（表单对象展开后计），远超一份决算公开，拒绝读取 "
                                       f"(page {index + 1} has more than {MAX_PAGE_OBJECTS} objects)") from None
            if page is None:
                raise InputError(name, f"PDF 文字过多：超过 {MAX_CHARS} 个字符 (text layer too large: more than {MAX_CHARS} characters)")
            budget -= page.chars
            rendered.append(page)
    finally:
        pdf.close()
    return _assemble(name, rendered)


def check_bytes(name: str, data: bytes) -> None:
    """Refuse what is not a whole, harmless PDF before pdfium parses it."""
    if b"%PDF-" not in data[:_HEAD]:
        raise InputError(name, "不是 PDF 文件：文件头没有 %PDF- (not a PDF: no %PDF- header)")
    if b"%%EOF" not in data[-_TAIL:]:
        raise InputError(name, "PDF 文件不完整：末尾没有 %%EOF，可能下载或复制中断 (truncated PDF: no %%EOF at the end)")
    scan(name, data)


def _open_error(message: str) -> str:
    lowered = message.lower()
    if "password" in lowered:
        return "PDF 已加密，需要密码才能打开；请提供未加密的文件 (encrypted PDF: a password is required)"
    if "format" in lowered or "not found" in lowered or "data" in lowered:
        return f"PDF 文件已损坏，无法打开：{message} (corrupt PDF)"
    return f"无法打开 PDF：{message} (unreadable PDF)"


# --- one page ---------------------------------------------------------------------------------


class _Page:
    __slots__ = ("number", "lines", "chars", "scanned", "notes")

    def __init__(self, number: int, lines: list[_Line], chars: int, scanned: bool = False, notes: tuple[str, ...] = ()) -> None:
        self.number, self.lines, self.chars, self.scanned, self.notes = number, lines, chars, scanned, notes


def _read_page(pdf, index: int, budget: int) -> _Page | None:
    """One page laid out, or None when its text layer has more than ``budget`` characters."""
    import pypdfium2.raw as raw

    page = pdf[index]
    try:
        left, bottom, right, top = page.get_cropbox()
        width, height = right - left, top - bottom
        paths, image_area = _drawing(page, raw)  # counted before the text is extracted
        found = _chars(page, raw, left, top, budget)
        if found is None:
            return None
        chars, angles = found
        horizontal, vertical = _rules(paths, raw, left, top, width, height)
        rotation = page.get_rotation() % 360
        scanned = image_area > 0.5 * width * height
    finally:
        page.close()
    if rotation:  # the page is shown turned clockwise: read it as shown
        turn = _turn(rotation, width, height)
        for c in chars:
            c.x0, c.top, c.x1, c.bottom = turn(c.x0, c.top, c.x1, c.bottom)
        horizontal, vertical = _turn_rules(turn, [("h", h) for h in horizontal] + [("v", v) for v in vertical])
        if rotation != 180:
            width, height = height, width
    groups = _by_angle(chars, [(a + rotation) % 360 for a in angles])
    lines: list[_Line] = []
    notes: list[str] = []
    read = 0
    for position, (angle, group) in enumerate(groups):
        visible = sum(1 for c in group if not c.text.isspace())
        if angle % 90:
            if position == 0 or any(c.text.isdigit() for c in group):  # a watermark aside, oblique text is noted
                turned = f"顺时针约 {angle}°" if angle < 180 else f"逆时针约 {360 - angle}°"
                notes.append(f"第{index + 1}页有 {visible} 个字符斜排（{turned}），未能读取，其中的内容未核查")
            continue
        if position and visible < MIN_PAGE_CHARS:
            continue  # a few characters set another way (a vertical table heading) are left out, as before
        lines += _frame(group, horizontal, vertical, width, height, angle)
        read += visible
    return _Page(index + 1, lines, read, scanned, tuple(notes))


def _by_angle(chars: list[_Char], angles: list[int]) -> list[tuple[int, list[_Char]]]:
    """The characters grouped by the angle they are set at (clockwise, as shown; within 3° is one angle), most first."""
    counts = Counter(a for a, c in zip(angles, chars, strict=True) if not c.text.isspace())
    groups: list[tuple[int, list[_Char]]] = []
    for angle, _ in counts.most_common():
        if all(_apart(angle, g) > _ANGLE for g, _ in groups):
            groups.append((angle, []))
    if not groups:
        return [(0, chars)] if chars else []
    home: dict[int, list[_Char] | None] = {}  # each angle met → the group it joins (None: within 3° of none)
    for a in set(angles):
        angle, members = min(groups, key=lambda group, a=a: _apart(a, group[0]))
        home[a] = members if _apart(a, angle) <= _ANGLE else None
    for a, c in zip(angles, chars, strict=True):
        members = home[a]
        if members is not None:
            members.append(c)
    return groups


def _apart(a: int, b: int) -> int:
    """Degrees between two angles, either way round."""
    return min((a - b) % 360, (b - a) % 360)


def _frame(chars: list[_Char], horizontal: list[_Rule], vertical: list[_Rule], width: float, height: float, angle: int) -> list[_Line]:
    """Lay out characters set at a right ``angle`` (clockwise) in their own frame: the page turned back until they stand upright.

    Their boxes stay those on the page as shown, so a finding is framed where it is printed.
    """
    if not angle:
        return _layout(chars, (horizontal, vertical), height)
    back = (360 - angle) % 360
    turn = _turn(back, width, height)
    for c in chars:
        c.shown = (c.x0, c.top, c.x1, c.bottom)
        c.x0, c.top, c.x1, c.bottom = turn(c.x0, c.top, c.x1, c.bottom)
    turned = _turn_rules(turn, [("h", h) for h in horizontal] + [("v", v) for v in vertical])
    framed_width, framed_height = (width, height) if back == 180 else (height, width)
    return _layout(chars, turned, framed_height, _turn(angle, framed_width, framed_height))


class _TooManyObjects(Exception):
    pass


#: Form XObjects nested deeper than this are not looked into for rules (as pypdfium2's get_objects).
_FORM_DEPTH = 15


def _drawing(page, raw) -> tuple[list[tuple], float]:
    """The page's path objects (forms looked into) with their bounds, and the area its images cover (top level).

    Every object pdfium made of the page is counted, forms included, and a page with more
    than :data:`MAX_PAGE_OBJECTS` is refused before its text is extracted or any of its
    paths is looked at from Python.
    """
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    boxes = ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
    get_type, get_bounds = raw.FPDFPageObj_GetType, raw.FPDFPageObj_GetBounds
    path, image, form = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM
    paths: list[tuple] = []
    image_area = 0.0
    count = raw.FPDFPage_CountObjects(page)
    if count > MAX_PAGE_OBJECTS:
        raise _TooManyObjects
    seen = count
    todo = [[raw.FPDFPage_GetObject, page, count, 0]]  # depth first, in drawing order: [get, parent, count, next index]
    while todo:
        frame = todo[-1]
        get_object, parent, count, i = frame
        if i >= count:
            todo.pop()
            continue
        frame[3] = i + 1
        obj = get_object(parent, i)
        if not obj:
            continue
        kind = get_type(obj)
        if kind == path:
            if get_bounds(obj, *boxes) and all(map(math.isfinite, (left.value, bottom.value, right.value, top.value))):
                paths.append((obj, left.value, bottom.value, right.value, top.value))
        elif kind == image and len(todo) == 1:
            if get_bounds(obj, *boxes):
                image_area += max(0.0, right.value - left.value) * max(0.0, top.value - bottom.value)
        elif kind == form and len(todo) < _FORM_DEPTH:
            inner = raw.FPDFFormObj_CountObjects(obj)
            seen += max(0, inner)
            if seen > MAX_PAGE_OBJECTS:
                raise _TooManyObjects
            if inner > 0:
                todo.append([raw.FPDFFormObj_GetObject, obj, inner, 0])
    return paths, image_area


def _turn(rotation: int, width: float, height: float):
    """The box (x0, top, x1, bottom) as shown on a page turned clockwise by ``rotation`` degrees."""
    def turn(x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
        if rotation == 90:
            return height - bottom, x0, height - top, x1
        if rotation == 180:
            return width - x1, height - bottom, width - x0, height - top
        return top, width - x1, bottom, width - x0  # 270

    return turn


def _turn_rules(turn, rules: list[tuple[str, _Rule]]) -> tuple[list[_Rule], list[_Rule]]:
    horizontal: list[_Rule] = []
    vertical: list[_Rule] = []
    for kind, rule in rules:
        box = (rule.lo, rule.at, rule.hi, rule.at) if kind == "h" else (rule.at, rule.lo, rule.at, rule.hi)
        x0, top, x1, bottom = turn(*box)
        if x1 - x0 >= bottom - top:
            horizontal.append(_Rule(top, x0, x1))
        else:
            vertical.append(_Rule(x0, top, bottom))
    return horizontal, vertical


def _chars(page, raw, left: float, top: float, budget: int) -> tuple[list[_Char], list[int]] | None:
    """The page's characters (boxes from its top left) and the angle each is set at (degrees clockwise), or None past ``budget``."""
    textpage = page.get_textpage()
    try:
        count = raw.FPDFText_CountChars(textpage)
        if count > budget:
            return None
        rect = raw.FS_RECTF()
        chars: list[_Char] = []
        get_unicode, is_generated, loose = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated, raw.FPDFText_GetLooseCharBox
        get_angle = raw.FPDFText_GetCharAngle
        angles: list[int] = []
        pending_high = 0
        for i in range(count):
            code = get_unicode(textpage, i)
            if 0xD800 <= code < 0xDC00:  # a character beyond the BMP comes as two UTF-16 units
                pending_high = code
                continue
            if 0xDC00 <= code < 0xE000 and pending_high:
                text = chr(0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00))
                pending_high = 0
            elif code == 2:  # pdfium reports a hyphen that ends a line as 0x02; the page shows "-"
                text = "-"
            elif code < 32 or code in (0xFFFE, 0xFFFF) or is_generated(textpage, i):
                continue
            else:
                text = chr(code)
            if not loose(textpage, i, ctypes.byref(rect)):
                continue
            x0, x1 = rect.left - left, rect.right - left
            y0, y1 = top - rect.top, top - rect.bottom
            if y1 - y0 <= 0.1:
                continue
            chars.append(_Char(text, x0, y0, x1, y1))
            angles.append(round(math.degrees(get_angle(textpage, i))) % 360)
    finally:
        textpage.close()
    return chars, angles


class _Rule:
    __slots__ = ("at", "lo", "hi")

    def __init__(self, at: float, lo: float, hi: float) -> None:
        self.at, self.lo, self.hi = at, lo, hi


def _rules(paths: list[tuple], raw, left: float, top: float, width: float, height: float) -> tuple[list[_Rule], list[_Rule]]:
    """Horizontal and vertical rules (y, x0, x1) and (x, top, bottom), page coordinates from the top left."""
    horizontal: list[_Rule] = []
    vertical: list[_Rule] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj, x0, y0, x1, y1 in paths:
        x0, x1 = x0 - left, x1 - left
        y0, y1 = top - y1, top - y0
        w, h = x1 - x0, y1 - y0
        if w <= _RULE and h > _RULE:
            vertical.append(_Rule((x0 + x1) / 2, y0, y1))
        elif h <= _RULE and w > _RULE:
            horizontal.append(_Rule((y0 + y1) / 2, x0, x1))
        elif w > _RULE and h > _RULE and w * h < 0.5 * width * height:
            # a stroked rectangle (a cell drawn as a box) gives its four edges; a filled one is shading
            raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
            if stroke.value and raw.FPDFPath_CountSegments(obj) <= 6:
                horizontal += [_Rule(y0, x0, x1), _Rule(y1, x0, x1)]
                vertical += [_Rule(x0, y0, y1), _Rule(x1, y0, y1)]
    return _merge(horizontal), _merge(vertical)


def _merge(rules: list[_Rule]) -> list[_Rule]:
    """Collinear pieces that touch become one rule (Word draws a rule cell by cell)."""
    rules.sort(key=lambda r: (r.at, r.lo))
    rows: list[list[_Rule]] = []
    for rule in rules:
        if rows and abs(rule.at - rows[-1][0].at) <= _SNAP:
            rows[-1].append(rule)
        else:
            rows.append([rule])
    merged: list[_Rule] = []
    for row in rows:
        at = sum(r.at for r in row) / len(row)
        row.sort(key=lambda r: r.lo)
        current = _Rule(at, row[0].lo, row[0].hi)
        for rule in row[1:]:
            if rule.lo <= current.hi + _SNAP:
                current.hi = max(current.hi, rule.hi)
            else:
                merged.append(current)
                current = _Rule(at, rule.lo, rule.hi)
        merged.append(current)
    return merged


# --- tables -----------------------------------------------------------------------------------


class _Table:
    """A grid of rules: row boundaries ``ys``, column boundaries ``xs``, and its cells."""

    def __init__(self, horizontal: list[_Rule], vertical: list[_Rule]) -> None:
        self.ys = _cluster([r.at for r in horizontal])
        self.xs = _cluster([r.at for r in vertical])
        # A table open at its sides (no outer vertical rule) ends where its horizontal rules end.
        left, right = min(r.lo for r in horizontal), max(r.hi for r in horizontal)
        if left < self.xs[0] - 2 * _SNAP:
            self.xs.insert(0, left)
        if right > self.xs[-1] + 2 * _SNAP:
            self.xs.append(right)
        self.horizontal, self.vertical = _RuleIndex(horizontal), _RuleIndex(vertical)
        self.x0, self.x1 = self.xs[0], self.xs[-1]
        self.top, self.bottom = self.ys[0], self.ys[-1]
        self.cells: list[list[int]] = []  # [row0, row1, col0, col1], inclusive rows, exclusive col1
        self.grid: dict[tuple[int, int], int] = {}
        self._build()

    def _covered(self, rules: _RuleIndex, at: float, point: float) -> bool:
        return rules.covers(at, point)

    def _build(self) -> None:
        xs, ys = self.xs, self.ys
        open_cells: dict[tuple[int, int], int] = {}
        for row in range(len(ys) - 1):
            mid = (ys[row] + ys[row + 1]) / 2
            bounds = [0] + [c for c in range(1, len(xs) - 1) if self._covered(self.vertical, xs[c], mid)] + [len(xs) - 1]
            still_open: dict[tuple[int, int], int] = {}
            for c0, c1 in zip(bounds, bounds[1:], strict=False):
                key = (c0, c1)
                above = open_cells.get(key)
                if above is not None and not self._covered(self.horizontal, ys[row], (xs[c0] + xs[c1]) / 2):
                    cell = above
                    self.cells[cell][1] = row
                else:
                    cell = len(self.cells)
                    self.cells.append([row, row, c0, c1])
                still_open[key] = cell
                for c in range(c0, c1):
                    self.grid[(row, c)] = cell
            open_cells = still_open

    def cell_at(self, x: float, y: float) -> int | None:
        row = bisect.bisect_right(self.ys, y) - 1
        col = bisect.bisect_right(self.xs, x) - 1
        if row < 0 or col < 0 or row >= len(self.ys) - 1 or col >= len(self.xs) - 1:
            return None
        return self.grid.get((row, col))


class _RuleIndex:
    """Rules sorted by where they stand, so that "is there a rule at ``at`` through ``point``" looks only at rules near ``at``."""

    def __init__(self, rules: list[_Rule]) -> None:
        self.rules = sorted(rules, key=lambda r: r.at)
        self.ats = [r.at for r in self.rules]

    def covers(self, at: float, point: float) -> bool:
        first = bisect.bisect_left(self.ats, at - _SNAP)
        last = bisect.bisect_right(self.ats, at + _SNAP)
        return any(r.lo - _SNAP <= point <= r.hi + _SNAP for r in self.rules[first:last])


def _cluster(values: list[float]) -> list[float]:
    values = sorted(values)
    out: list[float] = []
    for v in values:
        if out and v - out[-1] <= _SNAP:
            continue
        out.append(v)
    return out


def _tables(horizontal: list[_Rule], vertical: list[_Rule]) -> list[_Table]:
    """Rules that touch, grouped; a group with at least two rules each way is a table."""
    tables = []
    for hs, vs in touching(horizontal, vertical):
        if len(_cluster([h.at for h in hs])) >= 2 and vs:
            table = _Table(hs, vs)
            if len(table.xs) >= 3 or (len(table.xs) == 2 and len(_cluster([v.at for v in vs])) == 2):
                tables.append(table)
    return sorted(tables, key=lambda t: t.top)


def touching(horizontal: list[_Rule], vertical: list[_Rule]) -> list[tuple[list[_Rule], list[_Rule]]]:
    """The rules grouped by touch (a rule joins every rule of the other direction it meets within ``_SNAP``), in page order.

    Which rules touch is found by one sweep across the page, left to right: a horizontal
    rule is open while the sweep is within its ends (``_SNAP`` either side), kept sorted
    by height, and each vertical rule joins the open ones within its own ends, found by
    bisection. Rules that touch no other cost a logarithm each, never a comparison with
    every rule of the other direction (a page of dashes would take minutes).
    """
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    events: list[tuple[float, int, int]] = []  # (x, 0 open / 1 vertical / 2 close, index): ends are inclusive
    for i, h in enumerate(horizontal):
        events.append((h.lo - _SNAP, 0, i))
        events.append((h.hi + _SNAP, 2, i))
    for j, v in enumerate(vertical):
        events.append((v.at, 1, j))
    events.sort()
    open_rules: list[tuple[float, int]] = []  # (height, index) of the horizontal rules the sweep is within
    for _, kind, index in events:
        if kind == 0:
            bisect.insort(open_rules, (horizontal[index].at, index))
        elif kind == 2:
            del open_rules[bisect.bisect_left(open_rules, (horizontal[index].at, index))]
        else:
            v = vertical[index]
            first = bisect.bisect_left(open_rules, (v.lo - _SNAP, -1))
            last = bisect.bisect_right(open_rules, (v.hi + _SNAP, len(horizontal)))
            for _, i in open_rules[first:last]:
                a, b = find(i), find(len(horizontal) + index)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[_Rule], list[_Rule]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(find(len(horizontal) + j), ([], []))[1].append(v)
    return list(groups.values())


# --- lines ------------------------------------------------------------------------------------


def _group_lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters into visual lines: a character joins the line it overlaps by half its height or more."""
    chars = sorted(chars, key=lambda c: c.top + c.bottom)
    lines: list[list[_Char]] = []
    top = bottom = 0.0
    for c in chars:
        if lines:
            overlap = min(bottom, c.bottom) - max(top, c.top)
            if overlap >= 0.5 * min(c.height, bottom - top):
                lines[-1].append(c)
                top, bottom = min(top, c.top), max(bottom, c.bottom)
                continue
        lines.append([c])
        top, bottom = c.top, c.bottom
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def _render(line: list[_Char], text: list[str], boxes: array) -> None:
    """Append a line's characters, one space for a space character or a gap wider than a fifth of the font size."""
    previous = None
    spaced = False
    for c in line:
        if c.text.isspace():
            spaced = previous is not None
            continue
        if previous is not None and c.text == previous.text and abs(c.x0 - previous.x0) < 0.3 * (previous.x1 - previous.x0):
            continue  # the same glyph drawn again a hair to the side: a bold face faked by overprinting
        if previous is not None and (spaced or c.x0 - previous.x1 > 0.2 * max(c.height, previous.height)):
            text.append(" ")
            boxes.extend(previous.shown or (previous.x1, previous.top, max(c.x0, previous.x1), previous.bottom))
        text.append(c.text)
        boxes.extend(c.shown or (c.x0, c.top, c.x1, c.bottom))
        previous, spaced = c, False


def _layout(chars: list[_Char], rules: tuple[list[_Rule], list[_Rule]], height: float, unturn=None) -> list[_Line]:
    """The lines of a frame ``height`` high, top to bottom; ``unturn`` maps a box of the frame back to the page as shown."""
    tables = _tables(*rules)
    loose: list[_Char] = []
    in_cells: list[dict[int, list[_Char]]] = [{} for _ in tables]
    bands: dict[int, list[tuple[int, _Table]]] = {}  # a band of the page's height → the tables reaching into it, in order
    for t, table in enumerate(tables):
        for band in range(int(table.top // _BAND), int(table.bottom // _BAND) + 1):
            bands.setdefault(band, []).append((t, table))
    for c in chars:
        x, y = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        for t, table in bands.get(int(y // _BAND), ()):
            if table.x0 <= x <= table.x1 and table.top <= y <= table.bottom:
                cell = table.cell_at(x, y)
                if cell is not None:
                    in_cells[t].setdefault(cell, []).append(c)
                    break
        else:
            loose.append(c)
    blocks: list[tuple[float, list[_Line]]] = []
    for group in _group_lines(loose):
        text: list[str] = []
        boxes = array("f")
        _render(group, text, boxes)
        if text:
            top, bottom = min(c.top for c in group), max(c.bottom for c in group)
            margin = bottom < _MARGIN * height or top > (1 - _MARGIN) * height
            blocks.append((top, [_Line("".join(text), boxes, margin=margin)]))
    for t, table in enumerate(tables):
        rows = _table_rows(table, in_cells[t], t, unturn)
        if rows:
            blocks.append((table.top, rows))
    blocks.sort(key=lambda b: b[0])
    return [line for _, lines in blocks for line in lines]


def _table_rows(table: _Table, cell_chars: dict[int, list[_Char]], number: int, unturn=None) -> list[_Line]:
    width = len(table.xs) - 1
    rows: dict[int, list[tuple[str, array] | None]] = {}
    for cell, chars in cell_chars.items():
        row0, _, col0, _ = table.cells[cell]
        text: list[str] = []
        boxes = array("f")
        for line in _group_lines(chars):  # a cell's lines run together, as the .docx reader joins a cell's paragraphs
            _render(line, text, boxes)
        if text:
            rows.setdefault(row0, [None] * width)[col0] = ("".join(text).replace("\t", " "), boxes)
    out = []
    for row in sorted(rows):
        texts, boxes, cells = [], array("f"), []
        start = 0
        for col, entry in enumerate(rows[row]):
            if col:
                texts.append("\t")
                separator = (table.xs[col], table.ys[row], table.xs[col], table.ys[row + 1])
                boxes.extend(unturn(*separator) if unturn else separator)
                start += 1
            cells.append(start)
            if entry is not None:
                texts.append(entry[0])
                boxes.extend(entry[1])
                start += len(entry[0])
        out.append(_Line("".join(texts), boxes, tuple(cells), number))
    return out


# --- the document -----------------------------------------------------------------------------


def _assemble(name: str, pages: list[_Page]) -> Document:
    empty = [p.number for p in pages if p.chars == 0]
    unreadable = [note for p in pages for note in p.notes]
    if len(empty) == len(pages) and unreadable:
        raise InputError(name, f"PDF 的文字无法读取：{'；'.join(unreadable[:3])}{'等' if len(unreadable) > 3 else ''} "
                               "(no text could be read: it is set at an angle)")
    if len(empty) == len(pages):
        raise InputError(name, f"PDF 没有文字层（{_page_list(empty)}均无文字），可能是扫描件；请先做文字识别 (OCR) 再检查 "
                               "(no text layer: a scanned PDF; run OCR first)")
    _drop_running_lines(pages)
    lines: list[str] = []
    places: dict[int, Place] = {}
    notes: list[str] = []
    previous: _Line | None = None
    previous_page = 0
    head: list[str] = []  # the first rows of the current table, which a continuation page may repeat
    matched = -1  # on a continuation page, how many of those rows were found repeated at its top; -1 elsewhere
    collecting = False  # still reading the first rows of a table
    for page in pages:
        notes += page.notes
        if not page.notes and (page.chars == 0 or (page.chars < MIN_PAGE_CHARS and page.scanned)):  # a short cover is no scan
            what = "没有文字" if page.chars == 0 else f"只有 {page.chars} 个字符"
            notes.append(f"第{page.number}页{what}，可能是扫描页或图片，未核查；如需核查请先做文字识别 (OCR)")
        for n, line in enumerate(page.lines, start=1):
            in_table = previous is not None and previous.table >= 0
            same = in_table and line.table == previous.table and previous_page == page.number
            continued = in_table and n == 1 and line.table >= 0 and len(line.cells) == len(previous.cells)
            if in_table and not (same or continued):
                lines.append("")  # a table ends: an empty line, as after a Word table
            previous, previous_page = line, page.number
            if line.table < 0:
                head, matched, collecting = [], -1, False
            elif continued:
                matched, collecting = 0, False
            elif not same:
                head, matched, collecting = [], -1, True
            if matched >= 0:
                if matched < len(head) and line.text == head[matched]:
                    matched += 1
                    continue  # a header row Word repeats on each page: the table has it once already
                matched = -1
            elif collecting and len(head) < MAX_HEADER_ROWS:
                head.append(line.text)
            ref = f"第{page.number}页 第{n}行"
            cells = tuple((start, f"{ref}第{c}列") for c, start in enumerate(line.cells, start=1))
            places[len(lines)] = Place(ref, cells, page=page.number, boxes=line.boxes)
            lines.append(line.text)
    return Document(text="\n".join(lines), path=name, encoding="pdf", places=places, notes=notes)


def _page_list(numbers: list[int]) -> str:
    shown = "、".join(f"第{n}页" for n in numbers[:10])
    return shown + (f"等 {len(numbers)} 页" if len(numbers) > 10 else "")


def _drop_running_lines(pages: list[_Page]) -> None:
    """Drop running headers, footers and page numbers: margin lines that are page numbers or recur on other pages."""
    seen: dict[str, set[int]] = {}
    for page in pages:
        for line in page.lines:
            if line.margin:
                seen.setdefault(_DIGITS.sub("#", line.text.replace(" ", "")), set()).add(page.number)
    recurring = max(3, len(pages) // 3)
    for page in pages:
        page.lines = [
            line for line in page.lines
            if not (line.margin and (_PAGE_NUMBER.match(line.text)
                                     or len(seen[_DIGITS.sub("#", line.text.replace(" ", ""))]) >= recurring))
        ]
