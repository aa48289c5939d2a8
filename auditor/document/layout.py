"""Find the prose in a text extraction and join it back into paragraphs.

A text extraction of a PDF carries hard wraps (even inside numbers), blank lines
between wrapped lines, page footers, watermark lines and the tables flattened to
TAB rows or to one cell per line. This module classifies every line, tracks the
headings that give each paragraph its scope (第X部分 > 一、 > （一） > 1. > （1）),
and joins the prose lines between two headings into one :class:`Block` whose
characters all map back to the original file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

import attrs

from auditor.document.model import Document, MappedText, MappedTextBuilder, normalise, without_annotations
from auditor.document.noise import noise_lines
from auditor.document.regions import flag_runs, line_flags, table_regions
from auditor.document.titles import CN_NUM, heading_match, is_perf_title

_LETTER_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_SENTENCE_PUNCT = re.compile(r"[,;:。，；：]")
_INLINE_PART = re.compile(rf"第[{CN_NUM}]+部分")
_SENTENCE_END = "。;；!?！？"
_PART_TITLE = 40  # characters of a part heading's title
_GLUED_LINE = 2000  # characters of a line that two pages glued together can make
# A contents line: a tab or a run of leaders, then the page number.
_LEADERS = ("...", "……", "···")

PROSE, TABLES, PERFORMANCE, GLOSSARY, ATTACHMENT = "prose", "tables", "performance", "glossary", "attachment"


@attrs.frozen
class Heading:
    """A scope marker: its level, marker (``三、``) and title text, and its 1-based line."""

    level: int
    marker: str
    title: str
    line: int

    @property
    def label(self) -> str:
        return f"{self.marker}{self.title}"


@attrs.frozen
class Block:
    """Prose joined across hard wraps, under one heading path."""

    text: MappedText
    scope: tuple[Heading, ...]


class _Line(NamedTuple):
    """What one line (or one piece of a line two pages glued together) is: a tuple, one made for every line read."""

    index: int  # 0-based
    kind: str  # blank, noise, toc, table, heading, text
    content_start: int  # offset in the line where content begins (after a heading marker)
    heading: Heading | None = None
    end: int | None = None  # offset in the line where content ends: a part heading glued into the line starts a new one


def _zone_of_part(title: str) -> str:
    if "名词解释" in title:
        return GLOSSARY
    if "附件" in title or "附表" in title:
        return ATTACHMENT
    if "报表" in title or "决算表" in title:
        return TABLES
    return PROSE


def classify_lines(document: Document) -> tuple[_Line, ...]:
    """What each line of the document is (a line two pages glued together gives one entry per piece).

    Not kept on the document: one entry a line is the biggest of the layout's views. The layout's
    one pass over them (:func:`blocks`) keeps what its readers need: the blocks and the heading lines.
    """
    return tuple(_classified(document, every=True))


def heading_lines(document: Document) -> tuple[_Line, ...]:
    """The lines :func:`classify_lines` finds to be headings, in order: what the checklist reads of the layout,
    without one entry a line for the rest (on a big document, most of the classified lines). Found by the same
    pass as the blocks, once per document."""
    return document.view(_prose)[1]


def _classified(document: Document, every: bool = False) -> Iterator[_Line]:
    """What each line is, in order (:func:`classify_lines` with ``every``). Without ``every``, what the prose pass reads:
    no entry for a blank or noise line, and one ``table`` entry for a run of table lines (its first line that is neither
    blank nor noise; none for a run of only those), since any number of them between two prose lines ends a block alike.
    Runs of table and of other lines are found on the table flags by ``bytes.find``: most of a big document's lines are
    table lines, and no entry is made for one."""
    lines, norms = document.lines, document.normalised_lines
    noise = noise_lines(document)
    for first, run_end, table in flag_runs(_table_lines(document)):
        if table and every:
            for index, raw in enumerate(lines.between(first, run_end), first):
                yield _Line(index, _table_line_kind(index, raw, noise), 0)
            continue
        if table:  # its first line that is neither blank nor noise: most often its first (line by line, not cut in full)
            for index in range(first, run_end):
                kind = _table_line_kind(index, lines[index], noise)
                if kind not in ("blank", "noise"):
                    yield _Line(index, kind, 0)
                    break
            continue
        for index, raw in enumerate(lines.between(first, run_end), first):
            if not raw.strip():
                if every:
                    yield _Line(index, "blank", 0)
            elif index in noise:
                if every:
                    yield _Line(index, "noise", 0)
            elif _is_toc_line(raw.rstrip()):  # a contents line ends with its page number
                yield _Line(index, "toc", 0)
            elif "部分" in raw:  # a part heading may be glued into the line (rare): its pieces
                cuts = [0, *_glued_parts(raw), len(raw)]
                for start, stop in zip(cuts, cuts[1:], strict=False):
                    yield _piece(index, raw[start:stop], norms[index][start:stop], start, stop if stop < len(raw) else None)
            else:
                yield _piece(index, raw, norms[index], 0, None)


def _perf_title_in_run(document: Document, first: int) -> bool:
    """Does the run of table lines from ``first`` hold a 绩效自评表's title? A PDF prints the title against the rows
    below it (no blank line apart), and the table region takes it in: the performance part begins there all the same."""
    flags = _table_lines(document)
    end = flags.find(0, first)
    lines = document.lines
    return any(is_perf_title(raw) for raw in lines.between(first, len(flags) if end == -1 else end))


def _table_line_kind(index: int, raw: str, noise: frozenset[int]) -> str:
    """What a line in a table region is: blank, noise, toc (it ends as a contents line, with its page number) or table."""
    if not raw.strip():
        return "blank"
    if index in noise:
        return "noise"
    return "toc" if _is_toc_line(raw.rstrip()) else "table"


def _table_lines(document: Document) -> bytes:
    """One byte a line: 1 where the line lies in a table region (a view: the layout's column and its classes read it)."""
    return document.view(_table_line_flags)


def _table_line_flags(document: Document) -> bytes:
    return line_flags(len(document.lines), table_regions(document))


def _is_toc_line(content: str) -> bool:
    """Does the line (without trailing white space) end as a contents line: a TAB or a run of leaders (``...``, ``……``,
    ``···``), white space, then its page number? Read from the end: a pattern searched for it tried every TAB of a
    table row that ends in a figure (most rows of a big document)."""
    end = len(content)
    digits = end
    while digits and content[digits - 1].isdecimal():
        digits -= 1
    if digits == end:
        return False  # no page number
    gap = digits
    while gap and content[gap - 1].isspace():
        gap -= 1
    return "\t" in content[gap:digits] or content.endswith(_LEADERS, 0, gap)


def _glued_parts(raw: str) -> list[int]:
    """Where a part heading (第三部分) starts inside a line, after a sentence ends: pages joined without
    a newline (``…故本表无数据。第三部分 …``)."""
    if "部分" not in raw:
        return []  # no part heading in the line (the usual case, told without a regex)
    if len(raw) > _GLUED_LINE:
        return []  # a whole document on one line: its tables and prose cannot be told apart, nothing is guessed
    return [m.start() for m in _INLINE_PART.finditer(raw) if m.start() > 0 and raw[: m.start()].rstrip()[-1:] in _SENTENCE_END]


def _piece(index: int, piece: str, norm: str, start: int, end: int | None) -> _Line:
    """The line's characters ``[start, end)``, as given and normalised: a heading, or text."""
    lead = start + len(piece) - len(piece.lstrip())
    norm = norm.strip()
    found = heading_match(norm)
    if found:
        level, marker, content = found
        title = _heading_title(norm[content:])
        return _Line(index, "heading", lead + content, Heading(level, marker, title, index + 1), end)
    return _Line(index, "text", lead, None, end)


def _heading_title(text: str) -> str:
    """A heading's title as read: 收 入 决 算 情 况 说 明, printed letter-spaced, is 收入决算情况说明; 三(sān)公 is 三公.
    Each pattern runs only on a title that can hold what it removes (a bracket; white space between two words)."""
    if "(" in text or "（" in text:
        text = without_annotations(text)
    if len(text.split()) > 1:
        text = _LETTER_SPACE.sub("", text)
    return text.strip()


_NOTE = re.compile(r"\s*(?:注|说明)\s*[:：]")  # a note under a table
_SENTENCE_ENDS = re.compile(r"[。!?]\s*$")
_FIGURE_OPENS = re.compile(r"[\d,.]*\d\s*(?:亿元|万元|元|%)")
_PUNCT_OPENS = re.compile(r"[,;:.)。，；：、]")
_ENDS_IN_AMOUNT = re.compile(r"\d\s*[万亿千]?$")


def _goes_on(title: str, following: str) -> bool:
    """Does ``following`` continue the heading line ``title`` rather than start a sentence after it?

    A heading line ending in a figure (``…合计1920.3`` + ``8万元``, ``…合计491.11万`` + ``元，``: no
    title ends in an amount), or a next line opening with an amount (``1920.38万元，比上年…``) or
    with punctuation (``：根据年初…``): no sentence starts so. Either way the heading line goes on.
    """
    return bool(_ENDS_IN_AMOUNT.search(title) or _FIGURE_OPENS.match(following) or _PUNCT_OPENS.match(following))


def _title_tail(text: str, raw: str, column: _Column) -> bool:
    """Can this line (normalised ``text``) be the rest of a title wrapped at the column? Short of the column, no
    sentence punctuation, no figure: a title's last words, not a sentence that follows it."""
    return not column.reached(raw) and not _SENTENCE_PUNCT.search(text) and not any(c.isdigit() for c in text)


_NARROW = re.compile(r"[\x00-\u2e7f]+")


def _display_width(text: str) -> int:
    """Columns a line takes in print: two for a CJK or full-width character (U+2E80 on), one for the rest."""
    if text.isascii():
        return len(text)
    return len(text) + len(_NARROW.sub("", text))  # each wide character counted once more


@attrs.frozen
class _Column:
    """Where this document's hard-wrapped prose lines end: a display width (a PDF's column), a count of characters
    (a text cut every N characters), both, or neither (one paragraph per line)."""

    width: int | None = None
    chars: int | None = None

    def cut(self, raw: str) -> bool:
        """Was this line cut at the column of a text cut every N characters (the cut leaves N, spaces included)?"""
        return self.chars is not None and len(raw.rstrip("\r\n")) == self.chars

    def reached(self, raw: str) -> bool:
        """Does the line reach the column, so that its paragraph (or title) may go on on the next line?
        Letter-spacing is a title's, not the column's, width."""
        text = raw.strip()
        return ((self.width is not None and _display_width(_LETTER_SPACE.sub("", text)) >= self.width)
                or (self.chars is not None and len(text) >= self.chars))


def wrap_column(document: Document) -> _Column:
    """Where the document's hard-wrapped prose lines end (:func:`_column`), found once per document."""
    return document.view(_column)


def _column(document: Document) -> _Column:
    """How wide a hard-wrapped prose line of this document is.

    A text extraction of a PDF breaks every line of a paragraph at the column width, so most
    lines outside the tables are about as wide as the widest usual one: the width four lines
    in five stay under, when at least half the lines come within a tenth of it. A text cut at a
    fixed count of characters (whatever their width) shows that count on most of its long lines
    instead: the most common length, when two lines in five have it. A document with one
    paragraph per line has neither.
    """
    lines = document.lines
    prose = [line.strip() for first, end, table in flag_runs(_table_lines(document)) if not table for line in lines.between(first, end)]
    widths = sorted(w for line in prose if len(line) >= 8 and (w := _display_width(line)) >= 16)  # a width is at most twice the length
    width = None
    if len(widths) >= 20:
        column = widths[len(widths) * 4 // 5]
        near = sum(1 for w in widths if w >= column * 9 // 10)
        width = column * 9 // 10 if near * 2 >= len(widths) else None
    lengths = Counter(len(line) for line in prose if len(line) >= 8)
    chars = None
    if lengths and sum(lengths.values()) >= 20:
        length, count = lengths.most_common(1)[0]
        chars = length if count * 5 >= sum(lengths.values()) * 2 else None
    return _Column(width, chars)


def blocks(document: Document) -> list[Block]:
    """The prose blocks of a document, in order, each with its heading path.

    Tables, the table of contents, the glossary, attachments and performance tables
    are not prose: they are skipped here (the table readers have their own room).
    """
    return list(document.view(_prose)[0])


def _prose(document: Document) -> tuple[tuple[Block, ...], tuple[_Line, ...]]:
    """The prose blocks and the heading lines, from one pass over the classified lines (a view: the claims and the
    checklist read the blocks, the checklist the headings)."""
    result: list[Block] = []
    headings: list[_Line] = []
    scope: list[Heading] = []
    zone = PROSE
    pending_part_title = False
    title_ends = ""  # the last line, when it may be a title (a heading with no sentence punctuation)
    title_open = ""  # the last line, a heading's title the column wrapped: the next line may end it
    builder = MappedTextBuilder()
    block_scope: tuple[Heading, ...] = ()

    def flush() -> None:
        nonlocal builder, title_ends, title_open
        title_ends = title_open = ""
        if len(builder):  # an empty builder is as new: kept (most lines that end a block, table rows, end none)
            result.append(Block(builder.build(), block_scope))
            builder = MappedTextBuilder()

    lines, norms = document.lines, document.normalised_lines
    column = wrap_column(document)
    in_note = False  # in a note under a table (注：…)
    for line in _classified(document):
        if line.kind == "heading":
            headings.append(line)
        if line.kind == "heading" and (zone not in (PERFORMANCE, ATTACHMENT) or line.heading.level == 0):
            flush()
            heading = line.heading
            scope = [h for h in scope if h.level < heading.level] + [heading]
            if heading.level == 0:
                zone = _zone_of_part(heading.title[:_PART_TITLE])  # a part heading glued into a line runs on into its text
                pending_part_title = not heading.title
        elif line.kind in ("toc", "table", "heading"):
            if line.kind == "table" and zone == PROSE and _perf_title_in_run(document, line.index):
                zone = PERFORMANCE
            flush()
            continue
        raw = lines[line.index]
        if line.kind == "text" and pending_part_title:
            # "第二部分" alone on its line: its title is the next line.
            zone = _zone_of_part(normalise(raw))
            pending_part_title = False
        if zone == PROSE and is_perf_title(raw):
            flush()
            zone = PERFORMANCE
        if zone == TABLES and line.kind == "text" and (in_note or _NOTE.match(norms[line.index], line.content_start)):
            # A note under a table (注：本单位公务接待费预算 2.00 万元，…) is prose, to the end of its sentence.
            if not in_note:
                flush()
            in_note = not _SENTENCE_ENDS.search(norms[line.index])
        elif zone != PROSE:
            in_note = False
            continue
        if not len(builder):
            block_scope = tuple(scope)
        rest = raw[line.content_start : line.end]
        content_start = line.content_start + len(rest) - len(rest.lstrip())
        content = raw[content_start : line.end].rstrip()
        if content:
            if title_ends and not _goes_on(title_ends, normalise(content)):
                builder.add_break()  # a title is a sentence of its own, not the subject of the next
            builder.add(content, document.line_start(line.index) + content_start)
            # …unless the next line goes on with a figure: a numbered paragraph wrapped after its first words
            # (``1. 一般公共预算财政拨款本年收入合计1920.3`` + ``8万元，…``) is not a title
            title = normalise(content)
            # a heading as wide as the column goes on the next line (letter-spacing is a title's, not the column's width)
            wrapped = column.reached(raw)
            if title_open and line.kind == "text" and _title_tail(title, raw, column):
                # the rest of a title the column wrapped (``（一）一般公共预算财政拨款支出决算`` + ``总体情况``): the title,
                # and the heading that scopes what follows, end here
                scope[-1] = attrs.evolve(scope[-1], title=scope[-1].title + _LETTER_SPACE.sub("", title))
                block_scope = (*block_scope[:-1], scope[-1]) if block_scope and block_scope[-1].line == scope[-1].line else block_scope
                title_ends, title_open = title_open + title, ""
                continue
            titled = line.kind == "heading" and not _SENTENCE_PUNCT.search(title) and len(content) < 40
            title_ends = title if titled and not wrapped else ""
            title_open = title if titled and wrapped else ""
    flush()
    return tuple(result), tuple(headings)
