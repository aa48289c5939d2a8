"""Find the table regions of a text by their shape, whatever separates the cells.

A text extraction prints a table in one of several shapes (docs/domain.md §6): TAB rows;
rows whose cells are separated by spaces (a PDF text extractor drops the rules and
the empty cells: ``201 一般公共服务支出 207.40 207.40``); ``|``-separated cells; one
cell per line. None of these lines is prose, and a figure in one must never reach
the prose rules (a table cell has no 万元 after it; read as prose it is a figure with
its unit "missing").

A line has *table shape* when it is a TAB row, a ``|`` row, or a **figure row**: two
or more figures (money, percentages, counts — not years) separated by white space,
with no sentence punctuation (，。；！？) and no money unit after a figure. A region is
a run of lines around figure rows in which every line is *table-like*: a figure row,
a short line without sentence punctuation (a header word, a label wrapped over two
lines, a title, 单位：万元). A region must hold two figure rows, or one of three or more
figures, or stand under a 单位：万元 line, so one line of a sentence never becomes a
table by accident. Notes (注：…, 说明：…) end a region.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

import attrs

from auditor.document.model import Document, normalise
from auditor.document.noise import noise_lines, page_marks
from auditor.document.titles import as_typed, compact, is_prose_heading
from auditor.knowledge import vocabulary
from auditor.quantity import NUMBER

# A figure as a table cell prints it: 1,920.38 / 98.00% / -3.5 / 10; followed by a
# space, the end of the line, or a short unit word (9.80 分, 24 块).
_FIGURE = re.compile(rf"(?<![\d.,])[-−]?{NUMBER}%?(?![\d.,]*\d)")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年|^\d{1,2}\s*年度")  # a year, or its last digits a wrap left at a line's start (20 / 19 年度)
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$|^\d{8,}$")
# Sentence punctuation. An ASCII comma before a digit is a thousands separator; 、 after an
# ordinal (一、 十九、 1、) numbers a table row, 、 after anything else lists items in a sentence.
_SENTENCE = re.compile(r"[，。；！？;]|,(?!\d)|(?<![一二三四五六七八九十\d])、")
_MONEY_UNIT_AFTER = re.compile(r"\d\s*(?:万元|亿元|千元|元)")
_NUMBER_MARK = re.compile(r"公开\d{2}表")
_UNIT_LINE = re.compile(r"^(?:金额)?单位\s*[:：]")
_NOTE = re.compile(r"^(?:注|说明|备注)\s*[:：\d]")
_HEADING_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_TABLE_LIKE_MAX = 40  # characters of a header word, a wrapped label or a title line
_GAP = 4  # footers and watermarks (with any blank lines around them) a table may be interrupted by: a page break
_WRAP_REACH = 2  # lines below the last row that may still be its wrapped label
_HEADER_REACH = 12  # lines above a region's first row that may still be its title and header
_ORDINAL_LABEL = re.compile(r"(?:^|\s)[一二三四五六七八九十]+、")
# 类 201, 款 20103, 项 2010301: no subject code opens with 0, so a hard-wrapped prose line that goes on a year or a
# figure (``本部门2`` / ``023 年度…支出决算 1``) is not taken for a table row
_SUBJECT = re.compile(r"^[1-9]\d{2}(?:\d{2}){0,2}$")
_CODE_OPENS = re.compile(r"\s*[1-9]\d{2}(?:\d{2}){0,2}\s")
_SHAPE_CODE = {"tab": 116, "pipe": 112, "spaced": 115, None: 32}  # t, p, s, space
_ANY_ROW = re.compile(rb"[tps]")
_RUN_OF = {"tab": re.compile(rb"t+"), "pipe": re.compile(rb"p+")}
_DIGIT = re.compile(r"\d")  # any figure holds one (as NUMBER reads a digit: any Unicode digit)
_UNIT_OPENS = re.compile(r"^\s*(?:万元|亿元|千元|元|%|[，。；,;、])")  # a line that goes on a sentence's figure


@attrs.frozen
class Region:
    """Lines ``first``..``last`` (0-based, inclusive) form one table; ``shape`` says how its cells are separated."""

    first: int
    last: int
    shape: str  # "tab", "pipe", "spaced" or "cells" (one cell per line)

    @property
    def lines(self) -> range:
        return range(self.first, self.last + 1)


def figures(text: str) -> list[str]:
    """The figures a table line prints as separate tokens (subject codes and years — ``2024 年度`` — excluded)."""
    found = []
    tokens = text.split()
    for i, token in enumerate(tokens):
        year = i + 1 < len(tokens) and tokens[i + 1].startswith("年") and len(token) == 4
        if _FIGURE.fullmatch(token) and not _CODE.match(token) and not year:
            found.append(token)
    return found


def is_tab_row(raw: str) -> bool:
    """A line with a TAB anywhere (stripping spaces and CRs from its ends never removes one)."""
    return "\t" in raw


def is_pipe_row(raw: str) -> bool:
    """``合 计 |``, ``5 |``, ``| 3.42 | 1.20 |``: cells closed by a vertical bar."""
    return _is_pipe_row(raw, normalise(raw))


def _is_pipe_row(raw: str, norm: str) -> bool:
    """:func:`is_pipe_row` of a line and its normalised text (a full-width ｜ is not a cell's bar)."""
    return "|" in raw.strip() and not _SENTENCE.search(norm.strip())


def is_figure_row(raw: str) -> bool:
    return _is_figure_row(normalise(raw))


def _is_figure_row(norm: str) -> bool:
    text = norm.strip()
    if not text or _MONEY_UNIT_AFTER.search(text) or _YEAR.search(text) or _SENTENCE.search(as_typed(text)):
        return False
    return len(figures(text)) >= 2


def _page_break_above(lines: list[str], marks: frozenset[int], first: int, floor: int) -> int:
    """How many lines of a page break (blank lines around a footer or watermark) stand just above line ``first``, with
    a line of the page before above them; 0 where there is none."""
    gap, furniture = first, 0
    while gap > floor and (not lines[gap - 1].strip() or gap - 1 in marks) and furniture <= _GAP:
        furniture += gap - 1 in marks
        gap -= 1
    return first - gap if furniture and gap > floor and lines[gap - 1].strip() else 0


def _is_code_row(norm: str) -> bool:
    """A subject code, a name and figures (``20105 统计信息事务 39.99``): a table row, whatever stands around it."""
    if not _CODE_OPENS.match(norm):  # most lines are told here
        return False
    tokens = norm.split()
    return (len(tokens) >= 3 and bool(_SUBJECT.match(tokens[0])) and not figures(tokens[1]) and bool(figures(norm))
            and not _SENTENCE.search(as_typed(norm.strip())) and not _MONEY_UNIT_AFTER.search(norm) and not _YEAR.search(norm))


def _table_like(raw: str, norm: str) -> bool:
    """A line a table may hold: a row, or a short line without sentence punctuation (a header word, a wrapped label, a
    title, 单位：万元), letter-spaced or not (``十 二 、 农 林 水 支 出`` is the label 十二、农林水支出)."""
    text = norm.strip()
    if not text:
        return True
    typed = as_typed(text).removeprefix("、")  # a label broken after its ordinal goes on with 、 (三 / 、国防支出)
    if _NOTE.match(typed) or _HEADING_PART.match(typed):
        return False
    if _is_figure_row(norm) or is_tab_row(raw) or _is_pipe_row(raw, norm):
        return True
    if _UNIT_LINE.match(typed):
        return True
    return len(text.replace(" ", "")) <= _TABLE_LIKE_MAX and not _SENTENCE.search(typed) and not _MONEY_UNIT_AFTER.search(text)


def is_table_title(raw: str) -> bool:
    """A standard table's title (收入支出决算总表, ``公开03表``), however spaced: a table begins there."""
    if "表" not in raw:  # every title and 公开NN表 says 表: most lines are told here
        return False
    text = compact(raw)
    if not text or len(text) >= 60:
        return False
    return bool(_NUMBER_MARK.search(text)) or text.endswith(_titles())


@cache
def _titles() -> tuple[str, ...]:
    """The standard tables' titles (``[tables.titles]``) as compared: without spaces."""
    return tuple(compact(name) for names in vocabulary()["tables"]["titles"].values() for name in names)


def row_like(raw: str) -> bool:
    """A table-like line that is a row, not a heading: it prints a figure, or labels two sides (八、其他收入 八、社会保障和就业支出)."""
    text = normalise(raw).strip()
    return bool(figures(text)) or len(_ORDINAL_LABEL.findall(as_typed(text))) >= 2


def table_regions(document: Document) -> tuple[Region, ...]:
    """The table regions of a document, in order.

    TAB rows and ``|`` rows are table lines on their own (a TAB is never typed in prose);
    space-separated figure rows need company: a region of them holds two or more.
    """
    return document.view(_table_regions)


def _table_regions(document: Document) -> tuple[Region, ...]:
    lines, norms = document.lines, document.normalised_lines
    marks = page_marks(document) | noise_lines(document)  # footers, watermarks known or recurring, chart OCR
    # each line's shape, TAB rows told first and at once (most lines of a big document); only a line with a bar or a
    # digit (normalising makes no digit and takes none away) may be another row, read on its normalised text
    shapes: list[str | None] = [
        "tab" if "\t" in raw else _row_shape(raw, norms[index], index in marks) if "|" in raw or _DIGIT.search(raw) else None
        for index, raw in enumerate(lines)
    ]
    # the shapes as one byte a line: the next row, and where a run of rows of one shape ends, are each one regex match
    codes = bytes(map(_SHAPE_CODE.__getitem__, shapes))
    count = len(shapes)
    regions: list[Region] = []
    index = 0
    while index < count:
        row = _ANY_ROW.search(codes, index)
        if row is None:
            break
        index = row.start()
        shape = shapes[index]
        if shape in ("tab", "pipe"):
            last = index
            run = _RUN_OF[shape]
            while last + 1 < count:
                if shapes[last + 1] == shape:
                    last = run.match(codes, last + 1).end() - 1
                    continue
                # a blank line between rows (one cell per line, rows apart), or a page break between them (its
                # footer, watermark and the blank lines around them) leaves the table open: the rows go on after it
                gap, furniture = last + 1, 0
                while gap < count and furniture <= _GAP and (not lines[gap].strip() or gap in marks):
                    furniture += gap in marks
                    gap += 1
                between = range(last + 1, gap)
                page_break = any(i in marks for i in between)
                if gap < count and between and shapes[gap] == shape and (len(between) == 1 or page_break):
                    last = gap
                else:
                    break
            regions.append(Region(index, last, shape))
            index = last + 1
            continue
        first, last, rows = index, index, 1
        probe = index + 1
        while (probe < count and _table_like(lines[probe], norms[probe]) and shapes[probe] not in ("tab", "pipe")
               and not is_table_title(norms[probe])):
            if shapes[probe] == "spaced":
                last, rows = probe, rows + 1
            probe += 1
        # rows of one figure (一、一般公共预算财政拨款收入 9746.50 一、一般公共服务支出), label fragments
        # and header words just above the first row belong to the table
        floor = regions[-1].last + 1 if regions else 0
        unbroken = 0  # lines taken since the last row-like one
        while first > floor:
            gap = _page_break_above(lines, marks, first, floor)  # a page break between the header and the first row
            if gap and not (shapes[first - gap - 1] is None and _table_like(lines[first - gap - 1], norms[first - gap - 1])):
                break
            first -= gap
            if not (lines[first - 1].strip() and shapes[first - 1] is None and _table_like(lines[first - 1], norms[first - 1])):
                break
            above = norms[first - 1]
            if is_table_title(above):
                first -= 1  # a table begins at its title
                break
            if row_like(above):
                unbroken = 0
            else:
                unbroken += 1
                # a heading stands between prose and the table; a label row (二十、粮油物资储备支出) between rows
                beyond = first - 2 if first - 2 >= floor else None
                heading = is_prose_heading(above.strip()) and not (
                    beyond is not None and lines[beyond].strip() and _table_like(lines[beyond], norms[beyond]))
                if unbroken > _HEADER_REACH or heading:
                    break
            first -= 1
        # … and a wrapped label just below the last row (超长期特别国债安排的 / 22198 105.00 / 支出)
        last_row = last
        while (last + 1 < probe and last - last_row < _WRAP_REACH and lines[last + 1].strip()
               and not is_prose_heading(norms[last + 1].strip())):
            last += 1
        widest = max(len(figures(norms[i])) for i in range(index, last + 1))
        # one row alone is a table's too when nothing of a sentence goes on after it (its unit wrapped to the next line)
        alone = _is_code_row(norms[index]) or not _UNIT_OPENS.match(norms[index + 1] if index + 1 < len(norms) else "")
        if rows >= 2 or widest >= 3 or alone or any(_UNIT_LINE.match(norms[i].strip()) for i in range(first, index)):
            regions.append(Region(first, last, "spaced"))
        index = max(last, index) + 1
    return tuple(sorted(regions + _cell_regions(document, regions, marks), key=lambda r: r.first))


def _row_shape(raw: str, norm: str, page_mark: bool) -> str | None:
    """A line without a TAB: a ``|`` row, a row of figures or a code row ("spaced"; a page mark such as 第 3 页 共 20 页
    is no row), or None."""
    if "|" in raw and _is_pipe_row(raw, norm):
        return "pipe"
    if not page_mark and _DIGIT.search(norm) and (_is_figure_row(norm) or _is_code_row(norm)):
        return "spaced"
    return None


def _cell_regions(document: Document, found: list[Region], marks: frozenset[int]) -> list[Region]:
    """Tables printed one cell per line (the empty cells not printed): a title, then a run of lines that each hold one
    cell (a code, a short label or a figure; blank lines and page marks between), three figures or more among them."""
    lines, norms = document.lines, document.normalised_lines
    taken = line_flags(len(lines), found)
    regions: list[Region] = []
    titles = [i for first, end, flagged in flag_runs(taken) if not flagged
              for i, line in enumerate(lines.between(first, end), first) if "表" in line and is_table_title(norms[i])]
    for index in titles:
        if regions and index <= regions[-1].last:
            continue
        last, cells, count = index, 0, index + 1
        while count < len(taken) and not taken[count]:
            text = as_typed(norms[count].strip())
            if not text or count in marks:
                count += 1
                continue
            if is_tab_row(lines[count]) or len(text.split()) > 1 or not _table_like(lines[count], norms[count]):
                break
            cells += bool(figures(text))
            last = count
            count += 1
        if cells >= 3:
            regions.append(Region(index, last, "cells"))
    return regions


def line_flags(count: int, regions: Iterable[Region]) -> bytes:
    """One byte for each of ``count`` lines: 1 where the line lies in one of the regions. A set of the line numbers costs
    an int object and a slot for each, and most of a big document's lines are table lines."""
    flags = bytearray(count)
    for region in regions:
        last = min(region.last + 1, count)
        flags[region.first : last] = b"\x01" * max(last - region.first, 0)
    return bytes(flags)


def flag_runs(flags: bytes) -> Iterator[tuple[int, int, bool]]:
    """``(first, end, flagged)`` of each run of lines ``[first, end)`` whose flags (:func:`line_flags`) are alike, in
    order: each run's end found by one ``bytes.find``, not by a test of each line."""
    first, count = 0, len(flags)
    while first < count:
        flagged = flags[first] == 1
        end = flags.find(0 if flagged else 1, first)
        end = count if end < 0 else end
        yield first, end, flagged
        first = end
