"""Standard tables printed as space-separated rows, or one cell per line, read by the vocabulary of their headers.

A PDF text extractor prints a ruled table as lines of words and figures separated by
spaces. It drops the rules *and the empty cells*: ``201 一般公共服务支出 207.40 207.40``
under seven money columns says which two figures were printed, not in which columns.
So this reader places a figure only where its place is certain, and lets a row's own
identity check the rest:

* the header is searched for the template's money columns (rules/vocabulary.toml
  ``[tables.spaced.columns]``; a word wrapped over lines is found in its pieces): a row
  that prints a figure in each of them places every figure;
* in a table whose first money column is the row total (``total_first``: 本年收入合计 in 02,
  本年支出合计 in 03, 合计 in 05), any row's first figure is its total (a total is empty only
  when every part is), and the figures after it are its parts, whichever their columns
  (``Row.unplaced``): the row's identity holds or fails whatever the placement. Not where
  the header has a 其中 column, whose figure is part of a part;
* in a two-sided table (01, 04: income beside expenditure), each side's label is
  followed by that side's figures, so a row splits into its labelled segments, placed as
  above on their side (04's 支出 side has its own columns);
* 06's economic subjects open a segment each (code, name, its one 决算数), their code's group
  saying the side; the 三公 table 09 is placed only from a row printing all twelve figures.

A table printed one cell per line is the same rows with newlines between the cells:
a code, or a label after a figure, opens a row. A row a text cut every N characters
broke, or one broken inside a figure or after its ordinal, is put back together.
Everything else is said in one note per table (``table.layout``), never guessed.
"""

from __future__ import annotations

import re

import attrs

from auditor.document.layout import wrap_column
from auditor.document.model import Document
from auditor.document.regions import Region, figures
from auditor.document.titles import despaced
from auditor.finding import Reason
from auditor.knowledge import vocabulary
from auditor.tables.model import MONEY, ROW_ORDINAL, SUBJECT_CODE, Cell, Row, Table, TableNote, label_key, money

_COLUMN_NUMBERS = re.compile(r"^栏次(?:\s|$)")  # the row numbering the columns: 栏次 1 2 3 …


def read_spaced(document: Document, region: Region, number: str, context: dict, header_from: int, first_row: int,
                marks: set[int]) -> tuple[list[Table], list[TableNote]]:
    """The placed cells of one space-separated standard table (``number`` from its title) and what was left unchecked.

    Its header stands on lines [``header_from``, ``first_row``); ``marks`` are the page's footers and
    watermarks (:func:`auditor.document.noise.page_marks`), skipped between rows.
    """
    settings = vocabulary()["tables"]["spaced"]
    start = document.line_start(region.first)
    lines = [i for i in range(first_row, region.last + 1) if i not in marks and not _COLUMN_NUMBERS.match(document.normalised_lines[i].strip())]
    header = [[t[0] for t in _tokens(document, i)] for i in range(header_from, first_row) if i not in marks]
    rows = _cell_rows(document, lines) if region.shape == "cells" else _rows(document, lines)
    shape = "cells" if region.shape == "cells" else "spaced"

    def said(kind: str, **fields) -> TableNote:
        return TableNote(Reason.of(kind, number=number, shape=shape, **fields), start, start + len(document.lines[region.first]), document)

    if any("行次" in document.lines[i] for i in range(header_from, first_row + 1)):
        # a 行次 column prints each row's number among its money (一、一般公共服务支出 32 1,248.32), and
        # with the empty cells gone a row number cannot be told from an amount
        return [], [said("spaced.row-numbers")]
    if number in settings["two_sided"]:
        sides = [(side, _header_columns(f"{number}{side}", column, header)) for side, column in settings["two_sided"][number]]
        tables = _two_sided(document, number, context, rows, sides)
        return tables, [said("spaced.placed", sides=_placed(sides))]
    if number in settings["total_first"]:
        columns = _header_columns(number, settings["total_first"][number], header)
        table = _total_first(document, number, context, lines, rows, columns)
        return [table], [said("spaced.placed", sides=_placed([("", columns)]))]
    if number in settings["economic"]:
        return _economic(document, number, context, rows, settings["economic"][number]), []
    if number in settings["pivot"]:
        tables = _pivot(document, number, context, rows, header, settings["pivot"][number])
        if tables:
            return tables, []
    return [], [said("spaced.unplaced")]


@attrs.frozen
class _Columns:
    """The money columns a space-separated side's header names (``[tables.spaced.columns]``), in order, and whether every
    figure a row prints after its total is one of the total's parts (no 其中 column: its figure is part of a part)."""

    names: tuple[str, ...]
    summable: bool = False

    def place(self, values: list[_Token], unit: str) -> tuple[dict[str, Cell], tuple[Cell, ...]]:
        """A row's figures in their columns where that is certain, and those it is not certain of.

        A row printing a figure in every column places each; otherwise the first is the total (a total is empty only
        when every part is) and the rest are its parts, column unknown: the row's identity still holds or not."""
        cells = [_figure(*value, unit) for value in values]
        if not cells:
            return {}, ()
        if len(cells) == len(self.names):
            return dict(zip(self.names, cells, strict=True)), ()
        rest = tuple(cells[1:]) if self.summable and len(cells) <= len(self.names) else ()
        return {self.names[0]: cells[0]}, rest


def _header_columns(key: str, total: str, header: list[list[str]]) -> _Columns:
    """The columns of the template (``[tables.spaced.columns]``) the header names, the total first; only the total where
    the header does not name it. A header word wrapped over lines (``对附属单位补`` / ``助支出``) is found in its pieces."""
    template = vocabulary()["tables"]["spaced"]["columns"].get(key)
    if not template:
        return _Columns((total,))
    found = [name for entry in template if (name := next((a for a in entry.split("|") if _in_header(a, header)), None))]
    if not found or found[0] not in template[0].split("|"):
        return _Columns((total,))
    return _Columns(tuple(found), summable=not any(word.startswith("其中") for line in header for word in line))


def _in_header(name: str, header: list[list[str]], line: int = 0, pieces: int = 3) -> bool:
    """Is ``name`` a word of the header, whole or in up to ``pieces`` pieces on successive lines?"""
    for index in range(line, len(header)):
        for word in header[index]:
            if word == name or (pieces > 1 and name.startswith(word) and _in_header(name[len(word):], header, index + 1, pieces - 1)):
                return True
    return False


def _placed(sides: list[tuple[str, _Columns]]) -> tuple[tuple[str, tuple[str, ...], bool], ...]:
    """What was checked of a space-separated table, as a note's data: each side, its columns, do the unplaced figures sum."""
    return tuple((side, columns.names, columns.summable) for side, columns in sides)


def first_cell_row(document: Document, region: Region) -> int:
    """The first data row of a table printed one cell per line: the code and label just above its first figure."""
    first = next((i for i in region.lines if figures(document.normalised_lines[i].strip())), region.last)
    start = first
    for above in range(first - 1, region.first, -1):
        text = document.normalised_lines[above].strip()
        if not text:
            continue
        if start == first or SUBJECT_CODE.match(text) and not SUBJECT_CODE.match(document.normalised_lines[start].strip()):
            start = above  # the row's label, then the code before it
            continue
        break
    return start


def _cell_rows(document: Document, lines: list[int]) -> list[tuple[int, list[_Token]]]:
    """(first line, cells) of each row of a table printed one cell per line, the empty cells not printed: a code opens a
    row, so does a label after a figure; a label after a label goes on the label (a name wrapped over two lines)."""
    rows: list[tuple[int, list[_Token]]] = []
    for index in lines:
        tokens = _tokens(document, index)
        if not tokens:
            continue
        cell = (" ".join(t[0] for t in tokens), tokens[0][1], tokens[-1][2]) if len(tokens) > 1 else tokens[0]
        figure = figures(cell[0]) == [cell[0]]
        if not rows or SUBJECT_CODE.match(cell[0]) or not figure and figures(rows[-1][1][-1][0]) == [rows[-1][1][-1][0]]:
            rows.append((index, [cell]))
        elif not figure and not SUBJECT_CODE.match(rows[-1][1][-1][0]):
            last = rows[-1][1][-1]
            rows[-1][1][-1] = (last[0] + cell[0], last[1], cell[2])
        else:
            rows[-1][1].append(cell)
    return rows


def _tokens(document: Document, index: int) -> list[tuple[str, int, int]]:
    """(normalised text, start, end) of each space-separated token of a line; a letter-spaced line's words are read as
    typed (``使 用 非 财 政 拨 款 结 余   结 余 分 配`` is two labels)."""
    typed, offsets = despaced(document.normalised_lines[index])
    base = document.line_start(index)
    return [(m.group(), base + offsets[m.start()], base + offsets[m.end() - 1] + 1) for m in re.finditer(r"\S+", typed)]


_Token = tuple[str, int, int]  # normalised text, start, end


def _rows(document: Document, lines: list[int]) -> list[tuple[int, list[_Token]]]:
    """(line, tokens) of each row, a row the extraction broke across two lines put back together.

    A line never opens with 、 (``三、国防支出`` broken after its ordinal, ``三`` / ``、国防支出``), nor with the rest of a
    figure (``1`` / ``05.00``: joined, the figure prints the table's two decimals, which neither piece alone does):
    such a line goes on the row above. Anything else is a row of its own.
    """
    rows: list[tuple[int, list[_Token]]] = []
    column = wrap_column(document)
    previous = None  # the line above, as printed
    for index in lines:
        tokens = _tokens(document, index)
        raw = document.lines[index]
        if rows and rows[-1][1] and tokens and previous is not None:
            glued = raw[:1] not in (" ", "\t") and previous[-1:] not in (" ", "\t")
            # a text cut every N characters cut this row too (a row ending in a whole figure it leaves whole): it goes on here
            if column.cut(previous) and not _FIGURE.match(rows[-1][1][-1][0]):
                if glued:
                    last = rows[-1][1][-1]
                    rows[-1][1][-1] = (last[0] + tokens[0][0], last[1], tokens[0][2])
                    tokens = tokens[1:]
                rows[-1][1].extend(tokens)
                previous = raw
                continue
            if glued and _goes_on(rows[-1][1][-1], tokens[0], column.reached(previous)):
                last = rows[-1][1][-1]
                rows[-1][1][-1] = (last[0] + tokens[0][0], last[1], tokens[0][2])
                rows[-1][1].extend(tokens[1:])
                previous = raw
                continue
        rows.append((index, tokens))
        previous = raw
    return rows


_BARE_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、$")
_PIECE = re.compile(r"^[\d,]+\.?\d?$")  # the head of a figure: digits, perhaps a point and one decimal
_FIGURE = re.compile(r"^(?!0\d)[\d,]*\d\.\d\d$")  # a two-decimal figure as a table prints it (no leading zero)


def _goes_on(last: _Token, first: _Token, wrapped: bool) -> bool:
    """Does ``first``, at the start of a line, continue ``last``, the end of the line above (``wrapped``: that line
    reaches the document's column)? A tail that reads as a figure of its own goes on only a line cut at the column."""
    if first[0].startswith("、"):  # 三 / 、国防支出
        return bool(last[0]) and last[0][-1] in "一二三四五六七八九十"
    if _BARE_ORDINAL.match(last[0]):  # 三、 / 国防支出
        return not first[0][:1].isdigit() and not ROW_ORDINAL.match(first[0])
    joined = last[0] + first[0]
    return (bool(_PIECE.match(last[0])) and first[0][:1] in "0123456789." and not SUBJECT_CODE.match(first[0])
            and bool(MONEY.match(joined) and _FIGURE.match(joined)) and (wrapped or not _FIGURE.match(first[0])))


def _figure(text: str, start: int, end: int, unit: str) -> Cell:
    return Cell(text, start, end, money(text, unit))


def _total_first(document: Document, number: str, context: dict, lines: list[int], printed: list[tuple[int, list[_Token]]],
                 columns: _Columns) -> Table:
    rows: list[Row] = []
    unit = context["unit"]
    for index, tokens in printed:
        position = lines.index(index)
        values = [t for t in tokens if t[0] in figures(t[0]) and not SUBJECT_CODE.match(t[0])]
        if not values:
            continue
        code = next((t[0] for t in tokens if SUBJECT_CODE.match(t[0])), "")
        label = "".join(t[0] for t in tokens if t not in values and t[0] != code)
        if code and not label:
            label = _wrapped_label(document, lines, position)
        if not code and not label:
            continue  # a row whose label and code were both wrapped away cannot be named
        cells, unplaced = columns.place(values, unit)
        rows.append(Row(label_key(label), code, bool(ROW_ORDINAL.match(label)), cells, tokens[0][1], index, unplaced))
    return Table(number=number, side="", title=context["title"], unit=unit, columns=columns.names, rows=tuple(rows),
                 document=document, start=context["start"], declared_empty=context["declared_empty"], columns_placed_only=True)


def _wrapped_label(document: Document, lines: list[int], position: int) -> str:
    """The label of a coded row printed on the lines around it (文化旅游体育与传媒支 / 207 86.55 / 出).

    A PDF centres a row's figures on its wrapped label, so the label's lines stand just
    above and below; they hold no figure and no code of their own. Above the table's first
    row such a line stands among the header's, so it is taken there only with its other half below.
    """
    def fragment(other: int | None) -> str:
        text = document.normalised_lines[other].strip() if other is not None and 0 <= other < len(document.lines) else ""
        if not text or figures(text) or any(SUBJECT_CODE.match(t) for t in text.split()):
            return ""
        return text.replace(" ", "")

    index = lines[position]
    below = fragment(lines[position + 1]) if position + 1 < len(lines) else ""
    if position > 0:
        above = fragment(lines[position - 1])
    else:  # the first row: the line above it is the header's last, a label's only with the label's other half below
        above = fragment(index - 1) if below else ""
    return above + below


def _two_sided(document: Document, number: str, context: dict, printed: list[tuple[int, list[_Token]]],
               sides: list[tuple[str, _Columns]]) -> list[Table]:
    """Rows of ``label figures… label figures…``: each labelled segment belongs to one side.

    A line with one segment belongs to the side whose vocabulary its label uses
    (``[tables.spaced] left_words``: 收入, 结余 before 分配 …); one that cannot be told is left out.
    """
    unit = context["unit"]
    left_words = vocabulary()["tables"]["spaced"]["left_words"]
    by_side: list[list[Row]] = [[] for _ in sides]
    last_row: Row | None = None
    last_row_side = 0
    for index, tokens in printed:
        segments: list[tuple[str, list[tuple[str, int, int]], int]] = []
        leading: list[tuple[str, int, int]] = []  # figures before any label on the line
        for token in tokens:
            if figures(token[0]) == [token[0]]:
                (segments[-1][1] if segments else leading).append(token)
            elif (segments and not segments[-1][1] and not ROW_ORDINAL.match(token[0])
                  and not any(label_key(segments[-1][0]).endswith(word) for word in left_words)):
                # the rest of a label printed with a space in it; a label that ends as an income line does
                # (使用非财政拨款结余 │ 结余分配) is whole, and the next word opens the other side's label
                segments[-1] = (segments[-1][0] + token[0], segments[-1][1], segments[-1][2])
            else:
                segments.append((token[0], [], token[1]))
        if leading and not segments and last_row is not None and not last_row.cells:
            # a figure printed between the two lines of its wrapped label (灾害防治及应急管理支 / 98.23 / 出)
            cells, unplaced = sides[last_row_side][1].place(leading, unit)
            by_side[last_row_side][-1] = last_row = Row(last_row.label, "", last_row.numbered, cells, last_row.start, last_row.line,
                                                        unplaced)
            continue
        if len(segments) == 1 and not segments[0][1] and not ROW_ORDINAL.match(segments[0][0]) and last_row is not None and last_row.numbered:
            side, row = last_row_side, last_row  # the rest of a label wrapped onto its own line (灾害防治及应急管理支 / 出)
            by_side[side][-1] = last_row = Row(label_key(row.label + segments[0][0]), "", True, row.cells, row.start, row.line,
                                               row.unplaced)
            continue
        if len(segments) == 1:
            label = label_key(segments[0][0])
            placed = [(0 if any(label.endswith(word) for word in left_words) else 1, segments[0])]
        elif len(segments) == len(sides):
            placed = list(enumerate(segments))
        else:
            continue  # more labels than sides: a wrapped label split the row, its figures' sides are unknown
        for side, (label, values, start) in placed:
            cells, unplaced = sides[side][1].place(values, unit)
            if label:
                row = Row(label_key(label), "", bool(ROW_ORDINAL.match(label)), cells, start, index, unplaced)
                last_row, last_row_side = row, side
                by_side[side].append(last_row)
    tables = []
    for (side_name, columns), rows in zip(sides, by_side, strict=True):
        column = columns.names[0]
        filled = tuple(r if column in r.cells else _with_empty(r, column, document) for r in rows)
        tables.append(Table(number=number, side=side_name, title=context["title"], unit=unit, columns=columns.names,
                            rows=filled, document=document, start=context["start"],
                            declared_empty=context["declared_empty"], columns_placed_only=True))
    return tables


def _with_empty(row: Row, column: str, document: Document) -> Row:
    return Row(row.label, row.code, row.numbered, {column: Cell("", row.start, row.start, None)}, row.start, row.line)


_ECONOMIC_CODE = re.compile(r"^3\d{2}(?:\d{2})?$")  # an economic subject: group 301, item 30101


def _economic(document: Document, number: str, context: dict, printed: list[tuple[int, list[_Token]]],
              sides: dict[str, list[str]]) -> list[Table]:
    """公开06表 as space-separated rows: each economic subject opens a segment with its name and its one figure, 决算数
    (``30113 住房公积金 431.39 30212 13.24``), and its group says its side (``[tables.spaced.economic]``: 301, 303 are
    人员经费); ``人员经费合计 …`` is its side's total. The place of every figure is certain: a side has one money column."""
    unit = context["unit"]
    side_of = {group: side for side, groups in sides.items() for group in groups}
    by_side: dict[str, list[Row]] = {side: [] for side in sides}
    for index, tokens in printed:
        segment: list[_Token] = []
        for token in [*tokens, ("", 0, 0)]:
            opens = not token[0] or _ECONOMIC_CODE.match(token[0]) or token[0].endswith("合计")
            if opens and segment:
                head = segment[0][0]
                side = side_of.get(head[:3]) if _ECONOMIC_CODE.match(head) else head.removesuffix("合计")
                values = [t for t in segment[1:] if figures(t[0]) == [t[0]]]
                if side in by_side and len(values) <= 1:
                    code = head if _ECONOMIC_CODE.match(head) else ""
                    label = "".join(t[0] for t in segment[1:] if t not in values) if code else head
                    cell = _figure(*values[0], unit) if values else Cell("", segment[-1][2], segment[-1][2], None)
                    by_side[side].append(Row(label_key(label), code, False, {"决算数": cell}, segment[0][1], index))
                segment = []
            if token[0]:
                segment.append(token)
    return [Table(number=number, side=side, title=context["title"], unit=unit, columns=("决算数",), rows=tuple(rows),
                  document=document, start=context["start"], declared_empty=context["declared_empty"])
            for side, rows in by_side.items() if rows]


def _pivot(document: Document, number: str, context: dict, printed: list[tuple[int, list[_Token]]], header: list[list[str]],
           items: list[str]) -> list[Table]:
    """The 三公 table as one space-separated row of twelve figures, 预算数 and 决算数 under each item in the template's
    order (``[tables.spaced.pivot]``): placed only when every cell was printed and the header names both kinds under
    every item (twelve 预算数/决算数 words); else nothing (a row of fewer figures cannot be told apart)."""
    kinds = vocabulary()["tables"]["pivot_kinds"]
    if sum(word in kinds for line in header for word in line) != len(items) * len(kinds):
        return []
    unit = context["unit"]
    rows = [(index, [t for t in tokens if figures(t[0]) == [t[0]]]) for index, tokens in printed]
    full = [(index, values) for index, values in rows if len(values) == len(items) * len(kinds)]
    if len(full) != 1 or any(values and len(values) != len(items) * len(kinds) for _, values in rows):
        return []
    index, values = full[0]
    tables = []
    for k, kind in enumerate(kinds):
        cells = {item: _figure(*values[i * len(kinds) + k], unit) for i, item in enumerate(items)}
        row = Row("", "", False, cells, values[0][1], index)
        tables.append(Table(number=number, side=kind, title=context["title"], unit=unit, columns=tuple(items), rows=(row,),
                            document=document, start=context["start"], declared_empty=context["declared_empty"]))
    return tables
