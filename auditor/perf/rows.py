"""The lines of a 项目支出绩效自评表 as logical rows of cells: one splitter per way a row is printed.

A performance table reaches the auditor printed in many ways (docs/domain.md §4, §6): TAB rows
(a text export, or a .docx/.xlsx table as :mod:`auditor.read` renders it), ``|`` cells,
space-separated rows (a PDF text extraction; blank cells are not printed), one cell per
line behind a leading TAB with a blank line between rows, or one cell per line with narrow
cells wrapped and numbers broken across lines. Each splitter here only finds the cells of
each row and where every character of a cell stands in the document; what a cell *means*
is read in one place (:mod:`auditor.perf.interpret`), by what the cells say.

A :class:`Cell` keeps its normalised text (full-width to ASCII) and the document offset of
each character, so a figure read from it points at its digits even where a line break runs
through the number. Blank cells are not kept; ``column`` is a cell's place in the printed
row and :attr:`Row.width` the printed row's cell count, where the print keeps blank cells.
"""

from __future__ import annotations

import re
from array import array
from functools import cache, lru_cache

from auditor.document.model import INVISIBLE, Document
from auditor.document.noise import is_page_mark, page_marks
from auditor.perf.figures import is_number
from auditor.perf.words import perf_words
from auditor.quantity import NUMBER

SENTENCE = re.compile(r"[，。；：！？,;:!?]")
"""Punctuation that makes a cell's text a sentence (a 存在问题 or 实际完成情况 cell), never split into cells."""
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
_LEADING_NUMBER = re.compile(rf"^([-+]?{NUMBER})(?![\d.,])(?=.)")  # a figure with more after it: 120.000000执行数
_REST_OF_NUMBER = re.compile(r"^\.?\d+$")
_ENDS_IN_DIGIT = re.compile(r"\d\.?$")
_GAP = re.compile(r"\s{2,}")
_SPACE = re.compile(r"\S+")
_LETTER = re.compile(r"[^\x00-\x7f\d]")  # a one-character word of a letter-spaced title: a CJK character or full-width punctuation


_FIGURE = re.compile(rf"^[-+]?{NUMBER}(?:%|分)?$")
_OPERATOR_SIGNS = "≥≤≧≦=><＞＜＝"
OPERATOR = rf">=|<=|[{_OPERATOR_SIGNS}]"
"""A target's comparison as a table prints it (ASCII pairs first, so ``>=`` is not read as ``>``): one pattern for
the written target here and the operator and weight cells of the interpreter."""
WRITTEN = re.compile(rf"^(?P<op>{OPERATOR})\s*(?P<value>[-+]?{NUMBER})\s*(?P<unit>[^\d\s][^\s]*)?$")
"""A target written with its operator and value: ``≥90%``, ``=1本``, ``>=30块``, ``≧ 2个``."""
_OPERATOR_START = frozenset(_OPERATOR_SIGNS)


@lru_cache(maxsize=4096)
def written_target(text: str) -> re.Match | None:
    """A cell's text read as a target written with its operator (:data:`WRITTEN`), on the text with its spaces, once per
    text (a match is immutable): only a text whose first character other than a space is an operator is tried."""
    return WRITTEN.match(text) if text.lstrip(" ")[:1] in _OPERATOR_START else None


@lru_cache(maxsize=16384)
def _facts(text: str) -> tuple[str, bool, bool, re.Match | None, bool]:
    """(key, figure, bare, written, sentence) of a cell printing ``text`` (:class:`Cell`), read once per text: a
    document's tables print the same words, weights and scores again and again."""
    key = text.replace(" ", "") if " " in text else text
    # most cells are words: a figure opens with a digit or a sign, so most are told without a pattern
    figure = bool(key) and (key[0].isdecimal() or key[0] in "+-") and _FIGURE.match(key) is not None
    return key, figure, figure and key[-1] != "%", written_target(text), SENTENCE.search(key) is not None


class Cell:
    """One cell: its normalised text, the offset of its first character, its place in the printed row.

    ``origins`` gives the document offset of every character where the cell is not one
    run of the document (a wrapped cell, a number broken across lines); otherwise
    character ``i`` stands at ``start + i``. ``key`` is the text without spaces, the form
    in which cells are compared with the vocabulary. ``figure``: the cell is one figure
    (``16.000000``, ``90.96%``, ``9.00 分``); ``bare``: one figure without a percent sign (a
    weight or a score may be one); ``written``: the cell read as a target written with its
    operator (:data:`WRITTEN`), or None; ``sentence``: the text has sentence punctuation
    (:data:`SENTENCE`). All five follow from the text (:func:`_facts`).
    """

    __slots__ = ("bare", "column", "figure", "key", "origins", "sentence", "start", "text", "written")

    def __init__(self, text: str, start: int, column: int = 0, origins: array | None = None) -> None:
        self.text = text
        self.start = start
        self.column = column
        self.origins = origins
        self.key, self.figure, self.bare, self.written, self.sentence = _facts(text)

    def at(self, index: int) -> int:
        """The document offset of ``text[index]``."""
        return self.origins[index] if self.origins is not None else self.start + index

    @property
    def end(self) -> int:
        """The document offset after the last character (:meth:`at` of it, plus one)."""
        return self.start + len(self.text) if self.origins is None else self.origins[len(self.text) - 1] + 1

    def __repr__(self) -> str:
        return f"Cell({self.text!r})"


class Row:
    """The filled cells of one logical row, the printed row's width (blank cells counted where kept) and its first line."""

    __slots__ = ("cells", "line", "width")

    def __init__(self, cells: list[Cell], width: int, line: int) -> None:
        self.cells = cells
        self.width = width
        self.line = line

    def __repr__(self) -> str:
        return f"Row({[c.text for c in self.cells]!r})"


@cache
def units() -> tuple[str, ...]:
    """Units a figure may carry (``[perf.levels] units``), longest first so 万平方米 is found before 米."""
    return perf_words()["units"]


@cache
def _unit_pattern() -> re.Pattern:
    one = "|".join(map(re.escape, units()))
    return re.compile(rf"^(?:{one})(?:/(?:{one}))?$")


def is_unit(text: str) -> bool:
    """``块``, ``万平方米``, ``次/天``: a unit printed in a cell (or a token) of its own."""
    return _unit_pattern().match(text) is not None


@cache
def _level_prefix() -> re.Pattern:
    """The level names ending in 指标, longest first: a wrapped cell may run one into the name after it."""
    words = perf_words()
    names = sorted({w for w in (*words["level1"], *words["level2"]) if w.endswith("指标")}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


@cache
def _unit_prefix() -> re.Pattern:
    return re.compile("|".join(map(re.escape, units())))


def _kept_lines(document: Document, first: int, last: int):
    """(index, normalised line) of the lines of [first, last) that are neither blank nor a page mark."""
    marks = page_marks(document)
    # one slice cuts the region's lines at once (a line asked for alone is cut on its own)
    for i, norm in enumerate(document.normalised_lines[first:last], first):
        if norm and not norm.isspace() and i not in marks:
            yield i, norm


# --- cells separated by a character: TAB rows, | rows ------------------------------------------------


def separated_rows(document: Document, first: int, last: int, separator: str = "\t") -> list[Row]:
    """Each line a row, its cells between ``separator`` characters, blank cells kept (counted in the width)."""
    rows = []
    line_start = document.line_start
    for i, norm in _kept_lines(document, first, last):
        cells = []
        at = line_start(i)  # where the piece starts in the document
        pieces = norm.split(separator)
        for column, piece in enumerate(pieces):
            if piece:
                text = piece.strip()
                if text:  # strip() gives the piece itself when it strips nothing
                    cells.append(Cell(text, at if text is piece else at + piece.find(text), column))
            at += len(piece) + 1
        rows.append(Row(cells, len(pieces), i))
    return rows


# --- space-separated rows ---------------------------------------------------------------------------------


def space_rows(document: Document, first: int, last: int, labels: frozenset[str] = frozenset()) -> list[Row]:
    """Each line a row of space-separated cells; blank cells are lost.

    Where a line has gaps of two or more spaces (TABs printed as spaces), only those separate
    cells and a cell keeps its single spaces. Otherwise every space does, and a unit after a
    figure belongs to it (``24 块`` is one cell). A line with sentence punctuation is one cell,
    after its first word where that word is a label (``评价结论 该项目…``).
    """
    rows = []
    for i, norm in _kept_lines(document, first, last):
        base = document.line_start(i)
        body = norm.rstrip()
        lead = len(body) - len(body.lstrip())
        body = body.strip()
        if _GAP.search(body):
            cells, pos = [], 0
            for k, piece in enumerate(_GAP.split(body)):
                at = body.index(piece, pos)
                cells.append(Cell(piece, base + lead + at, k))
                pos = at + len(piece)
        elif SENTENCE.search(body):
            head, _, rest = body.partition(" ")
            if rest and head in labels:
                cells = [Cell(head, base + lead, 0), Cell(rest.strip(), base + lead + body.index(rest.strip(), len(head)), 1)]
            else:
                cells = [Cell(body, base + lead, 0)]
        else:
            cells = []
            for m in _SPACE.finditer(body):
                token = m.group()
                if cells and is_unit(token) and (cells[-1].text[-1:].isdigit() or cells[-1].text.endswith("%")):
                    figure = cells[-1]  # 24 块: one cell, each character where it stands
                    origins = array("q", (figure.at(k) for k in range(len(figure.text))))
                    origins.extend(range(base + lead + m.start(), base + lead + m.end()))
                    cells[-1] = Cell(figure.text + token, figure.start, figure.column, origins)
                else:
                    cells.append(Cell(token, base + lead + m.start(), len(cells)))
        rows.append(Row(cells, len(cells), i))
    return rows


# --- one cell per line behind a leading TAB ------------------------------------------------------------------


def is_cell_line(line: str) -> bool:
    """``⇥cell``: a line opening with a TAB and holding one cell."""
    return line.startswith("\t") and "\t" not in line[1:].rstrip("\t ")


def cell_line_rows(document: Document, first: int, last: int) -> list[Row]:
    """Cells one per line behind a leading TAB, a blank line (or a line without the TAB) ending each row."""
    rows: list[Row] = []
    current: list[Cell] = []
    opened = first
    lines, norms = document.lines, document.normalised_lines
    for i in range(first, min(last, len(lines))):
        raw = lines[i]
        if raw.startswith("\t"):
            if not current:
                opened = i
            body = norms[i][1:]
            if body.strip():
                current.append(Cell(body.strip(), document.line_start(i) + 1 + len(body) - len(body.lstrip()), len(current)))
            else:
                current.append(Cell("", document.line_start(i) + 1, len(current)))  # a blank cell, counted in the width
            continue
        if current:
            rows.append(Row([c for c in current if c.text], len(current), opened))
            current = []
        if raw.strip() and not is_page_mark(raw):
            norm = norms[i]
            rows.append(Row([Cell(norm.strip(), document.line_start(i) + len(norm) - len(norm.lstrip()))], 1, i))
    if current:
        rows.append(Row([c for c in current if c.text], len(current), opened))
    return rows


# --- one cell per line, narrow cells wrapped (a PDF extraction) -------------------------------------------------


class _Piece:
    """A cell being built from the pieces of wrapped lines: its characters, their origins, its first line's width."""

    __slots__ = ("closed", "joinable", "line", "number", "origins", "text", "width")

    def __init__(self, text: str, origins, line: int, sentence: bool, words: frozenset[str]) -> None:
        self.origins = array("q", origins)
        self.text = text
        self.width = len(text)
        self.line = line
        self.number = is_number(text)
        self.joinable = not sentence and not self.number
        self.closed = _complete(text, words)

    def extend(self, text: str, origins, words: frozenset[str]) -> None:
        self.origins.extend(origins)
        self.closed = len(text) < self.width or _complete(self.text + text, words)  # a shorter line, or a word spelled out
        self.text += text

    def cell(self) -> Cell:
        return Cell(self.text, self.origins[0], 0, self.origins)


def _glued(text: str, origins) -> list[tuple[str, list[int]]]:
    """A chunk split where two cells ran together: a figure and a label (``120.000000执行数``, ``15.00≥``,
    ``20.00文字``) unless what follows is its unit (``44.093万``, ``8月完成``), and a level word and
    the name after it (``社会效益指标加强企业环``)."""
    m = _LEADING_NUMBER.match(text)
    if m and not _unit_prefix().match(text, m.end()):
        return [(text[: m.end()], origins[: m.end()]), *_glued(text[m.end() :], origins[m.end() :])]
    level = _level_prefix().match(text)
    if level and level.end() < len(text):
        return [(text[: level.end()], origins[: level.end()]), (text[level.end() :], origins[level.end() :])]
    return [(text, origins)]


def _spaced_runs(text: str) -> list[tuple[int, int]]:
    """[start, end) of each chunk of ``text`` split at spaces, a run of three or more one-character words (letters
    printed with spaces between them: ``项 目 名 称``, ``五 、 存 在 问``) taken as one chunk."""
    chunks = [(m.start(), m.end()) for m in _SPACE.finditer(text)]
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(chunks):
        j = k
        while j < len(chunks) and chunks[j][1] - chunks[j][0] == 1 and _LETTER.match(text, chunks[j][0]):
            j += 1
        if j - k >= 3:
            out.append((chunks[k][0], chunks[j - 1][1]))
            k = j
        else:
            out.append(chunks[k])
            k += 1
    return out


def _despaced(text: str, origins, start: int, end: int) -> tuple[str, list[int]]:
    """The characters of ``text[start:end]`` without its spaces, and their origins."""
    kept = [k for k in range(start, end) if not text[k].isspace()]
    return "".join(text[k] for k in kept), [origins[k] for k in kept]


def _line_pieces(text: str, origins) -> list[tuple[str, list[int], bool]]:
    """(text, origins, is a sentence) of each cell piece on one line."""
    if SENTENCE.search(text):
        chunks = _spaced_runs(text)
        k = 0
        while k < len(chunks) - 1 and _SECTION.match(_despaced(text, origins, *chunks[k])[0]) \
                and not SENTENCE.search(text, chunks[k][0], chunks[k][1]):
            k += 1  # "五、存在 涉密项目，…": the heading's piece, then the sentence
        pieces = [(*_despaced(text, origins, *c), False) for c in chunks[:k]]
        start = chunks[k][0]
        return [*pieces, (text[start:].rstrip(), origins[start : len(text.rstrip())], True)]
    out = []
    for start, end in _spaced_runs(text):
        chunk, chunk_origins = _despaced(text, origins, start, end)
        out += [(t, o, False) for t, o in _glued(chunk, chunk_origins)]
    return out


_BEYOND = 4  # kept lines after a region looked at, to tell whether its last cell goes on past it


def _logical_lines(document: Document, first: int, last: int) -> list[tuple[int, str, list[int]]]:
    """(line, text, origins) of each kept line, a line of digits only that continues the number ending the line
    before joined to it (``15.0`` + ``0`` is 15.00, ``10 9.4269`` + ``2`` is 10 and 9.42692). A region that
    ends inside a broken number leaves that line out: never a part of a number read as the whole. A few lines
    after the region follow (their line index ``last`` or more), so that a cell they would go on is left out too."""
    kept: list[list] = []
    previous = ""
    beyond = 0
    for i in range(first, len(document.lines)):
        body = document.normalised_lines[i].strip()
        if not body or is_page_mark(body):
            continue
        joins = bool(_REST_OF_NUMBER.match(body) and _ENDS_IN_DIGIT.search(previous))
        if i >= last:
            if joins and kept and kept[-1][0] < last:
                kept.pop()
                break
            beyond += 1
            if beyond > _BEYOND:
                break
        raw = document.lines[i]
        start = document.line_start(i) + len(raw) - len(raw.lstrip())
        origins = list(range(start, start + len(body)))
        if not INVISIBLE.isdisjoint(body):  # a zero-width space inside 9.4269 is no part of it
            kept = [k for k, ch in enumerate(body) if ch not in INVISIBLE]
            body, origins = "".join(body[k] for k in kept), [origins[k] for k in kept]
        if joins and kept:
            kept[-1][1] += body
            kept[-1][2] += origins
        else:
            kept.append([i, body, origins])
        previous = body
    return [(i, text, origins) for i, text, origins in kept]


@cache
def _cell_words() -> frozenset[str]:
    """Words a wrapped cell may spell over its lines, and which end it once spelled: levels, labels, 文字描述."""
    words = perf_words()
    return frozenset({*words["level1"], *words["level2"], *words["name"], *words["execution"], *words["total"],
                      "预算数", "到位数", "执行数", "金额单位", "文字描述", "定性"})


@cache
def _prefixes(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w[:i] for w in words for i in range(1, len(w)))


def _complete(text: str, words: frozenset[str]) -> bool:
    """``text`` is one of ``words`` and no longer one begins with it (生态效益 may go on to 生态效益指标)."""
    return text in words and text not in _prefixes(words)


def _spells(text: str, lines: list, k: int, words: frozenset[str]) -> bool:
    """Whether ``text``, with the one-piece lines from ``lines[k]`` on, spells one of ``words`` exactly (``满意度指`` +
    ``标``; ``产出`` + ``指标``): a cell that a word wraps over, whatever the widths of its lines."""
    prefixes = _prefixes(words)
    while True:
        if text in words:
            return True
        if text not in prefixes or k >= len(lines) or len(lines[k][1]) != 1:
            return False
        text += lines[k][1][0][0]
        k += 1


def _goes_on(cell: _Piece, piece: tuple[str, list[int], bool], lines: list, k: int, words: frozenset[str],
             level1: frozenset[str]) -> bool:
    """Whether the one piece of line ``k`` goes on ``cell``, the last cell of the line before: a word it spells on
    (``服务对象`` + ``满意度指`` + ``标``); a wrapped line no wider than the cell's first, which opens no 一级指标
    or section; a unit under its figure (``113.123041`` / ``万元``)."""
    text, _, sentence = piece
    if cell.number:  # 113.123041 / 万元, 44.093 / 万 / 元: the unit of the figure above, wrapped as it may be
        unit = cell.text[_LEADING_NUMBER.match(cell.text + " ").end() :] if not is_number(cell.text) else ""
        return not sentence and (is_unit(unit + text) or any(u.startswith(unit + text) for u in units()))
    if sentence or cell.closed:
        return False
    if not cell.joinable:
        return False
    if _spells(cell.text + text, lines, k + 1, words):
        return True
    return len(text) <= cell.width and not is_number(text) and not _SECTION.match(text) and not _spells(text, lines, k + 1, level1)


def _level_first(cell: Cell) -> list[Cell]:
    """A wrapped cell that runs a level name into the name after it (``社会效`` / ``益指标`` / ``有效降`` …), split there."""
    level = _level_prefix().match(cell.text)
    if level is None or level.end() == len(cell.text):
        return [cell]
    rest = level.end()
    origins = [cell.at(i) for i in range(len(cell.text))]
    return [Cell(cell.text[:rest], origins[0], 0, array("q", origins[:rest])), Cell(cell.text[rest:], origins[rest], 0, array("q", origins[rest:]))]


def wrapped_rows(document: Document, first: int, last: int) -> list[Row]:
    """Rows of a table printed one cell per line with narrow cells wrapped (qinhuangdao-emergency-center).

    Cells: each line's space-separated pieces (a line with sentence punctuation is one piece
    after any section heading), split where two cells ran together. A line of one piece goes
    on the cell that ended the line before when it is no wider than that cell's first line and
    the cell's lines so far were all that wide (``产出指`` / ``标``, ``移动源污染编外聘`` /
    ``用人员``); a unit on a line of its own goes on the figure before it (``113.123041`` /
    ``万元``). A sentence or a figure takes no wrapped line.

    Rows: a row ends after a status and the score that ends its line (``完成 15``), and a new
    one begins at a section heading (``四、…``, ``（三）…``) or an 一级指标 (``产出指标``).
    """
    status = perf_words()["status"]
    level1 = perf_words()["level1"]
    words = _cell_words()
    lines = [(line, _line_pieces(text, origins)) for line, text, origins in _logical_lines(document, first, last)]
    pieces: list[tuple[_Piece, bool]] = []  # (cell, ends its line)
    for k, (line, found) in enumerate(lines):
        if len(found) == 1 and pieces and _goes_on(pieces[-1][0], found[0], lines, k, words, level1):
            if line >= last:  # the region ends inside this cell: never a part of a cell read as the whole
                pieces.pop()
                break
            pieces[-1][0].extend(found[0][0], found[0][1], words)
            continue
        if line >= last:
            break
        for j, (piece_text, piece_origins, sentence) in enumerate(found):
            pieces.append((_Piece(piece_text, piece_origins, line, sentence, words), j == len(found) - 1))
    rows: list[Row] = []
    current: list[Cell] = []
    line = first
    for piece, ends_line in pieces:
        for cell in _level_first(piece.cell()):
            if current and (_SECTION.match(cell.text) or cell.key in level1):
                rows.append(Row(current, len(current), line))
                current = []
            if not current:
                line = piece.line
            cell.column = len(current)
            current.append(cell)
        if ends_line and piece.number and len(current) > 1 and current[-2].key in status:
            rows.append(Row(current, len(current), line))
            current = []
    if current:
        rows.append(Row(current, len(current), line))
    return rows
