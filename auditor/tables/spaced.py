"""Standard tables printed as space-separated rows, read only as far as their shape allows.

A PDF text extractor prints a ruled table as lines of words and figures separated by
spaces. It drops the rules *and the empty cells*: ``201 一般公共服务支出 207.40 207.40``
under seven money columns says which two figures were printed, not in which columns.
So this reader places a figure only where its place is certain:

* in a table whose first money column is the row total (rules/vocabulary.toml
  ``[tables.spaced] total_first``: 本年收入合计 in 02, 本年支出合计 in 03, 合计 in 05), a
  row's first figure is its total: a total is empty only when every part is, so the
  first printed figure stands in the first column. The other figures stay unplaced;
* in a two-sided table (01, 04: income beside expenditure), each side's label is
  followed by that side's figures, so a row splits into its labelled segments, and a
  segment's first figure is that side's first money column (决算数 / 合计).

Everything else — the other columns, 06's economic subjects, 07, 08, 三公 09 — is said
in one note per table (``table.layout``), never guessed. The table rules then check the
identities whose cells were placed (subject-code levels and cross-table totals).
"""

from __future__ import annotations

import re

from auditor.document.layout import wrap_column
from auditor.document.model import Document
from auditor.document.regions import Region, figures
from auditor.document.titles import despaced
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
    name = f"公开{number}表"
    lines = [i for i in range(first_row, region.last + 1) if i not in marks and not _COLUMN_NUMBERS.match(document.normalised_lines[i].strip())]
    if any("行次" in document.lines[i] for i in range(header_from, first_row + 1)):
        # a 行次 column prints each row's number among its money (一、一般公共服务支出 32 1,248.32), and
        # with the empty cells gone a row number cannot be told from an amount
        note = f"{name}是以空格分隔的行（空单元格未印出），且有「行次」列，行次与金额无法区分，未核对"
        return [], [TableNote(note, start, start + len(document.lines[region.first]), document)]
    if number in settings["two_sided"]:
        sides = settings["two_sided"][number]
        tables = _two_sided(document, number, context, lines, sides)
        note = (f"{name}是以空格分隔的行（空单元格未印出），只核对每侧第一列（{'、'.join(c for _, c in sides)}），"
                "其余各列无法定位，涉及它们的恒等式未核对")
        return tables, [TableNote(note, start, start + len(document.lines[region.first]), document)]
    if number in settings["total_first"]:
        column = settings["total_first"][number]
        table = _total_first(document, number, context, lines, column)
        note = f"{name}是以空格分隔的行（空单元格未印出），只核对「{column}」列，其余各列无法定位，涉及它们的恒等式未核对"
        return [table], [TableNote(note, start, start + len(document.lines[region.first]), document)]
    note = f"{name}是以空格分隔的行（空单元格未印出），各数所在的列无法确定，未核对"
    return [], [TableNote(note, start, start + len(document.lines[region.first]), document)]


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
    for index in lines:
        tokens = _tokens(document, index)
        raw = document.lines[index]
        above = rows[-1][0] if rows else None
        if (above is not None and rows[-1][1] and tokens and raw[:1] not in (" ", "\t")
                and _goes_on(rows[-1][1][-1], tokens[0], column.reached(document.lines[above]))):
            last = rows[-1][1][-1]
            rows[-1][1][-1] = (last[0] + tokens[0][0], last[1], tokens[0][2])
            rows[-1][1].extend(tokens[1:])
            continue
        rows.append((index, tokens))
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


def _total_first(document: Document, number: str, context: dict, lines: list[int], column: str) -> Table:
    rows: list[Row] = []
    unit = context["unit"]
    for index, tokens in _rows(document, lines):
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
        cell = _figure(*values[0], unit)
        rows.append(Row(label_key(label), code, bool(ROW_ORDINAL.match(label)), {column: cell}, tokens[0][1], index))
    return Table(number=number, side="", title=context["title"], unit=unit, columns=(column,), rows=tuple(rows),
                 document=document, start=context["start"], declared_empty=context["declared_empty"], columns_placed_only=True)


def _wrapped_label(document: Document, lines: list[int], position: int) -> str:
    """The label of a coded row printed on the lines around it (文化旅游体育与传媒支 / 207 86.55 / 出).

    A PDF centres a row's figures on its wrapped label, so the label's lines stand just
    above and below; they hold no figure and no code of their own.
    """
    parts = []
    for other in (position - 1, position + 1):
        if 0 <= other < len(lines):
            text = document.normalised_lines[lines[other]].strip()
            if text and not figures(text) and not any(SUBJECT_CODE.match(t) for t in text.split()):
                parts.append(text.replace(" ", ""))
    return "".join(parts)


def _two_sided(document: Document, number: str, context: dict, lines: list[int], sides: list[tuple[str, str]]) -> list[Table]:
    """Rows of ``label figures… label figures…``: each labelled segment belongs to one side.

    A line with one segment belongs to the side whose vocabulary its label uses
    (``[tables.spaced] left_words``: 收入, 结余 before 分配 …); one that cannot be told is left out.
    """
    unit = context["unit"]
    left_words = vocabulary()["tables"]["spaced"]["left_words"]
    by_side: list[list[Row]] = [[] for _ in sides]
    last_row: Row | None = None
    last_row_side = 0
    for index, tokens in _rows(document, lines):
        segments: list[tuple[str, list[tuple[str, int, int]], int]] = []
        leading: list[tuple[str, int, int]] = []  # figures before any label on the line
        for token in tokens:
            if figures(token[0]) == [token[0]]:
                (segments[-1][1] if segments else leading).append(token)
            elif segments and not segments[-1][1] and not ROW_ORDINAL.match(token[0]):
                segments[-1] = (segments[-1][0] + token[0], segments[-1][1], segments[-1][2])
            else:
                segments.append((token[0], [], token[1]))
        if leading and not segments and last_row is not None and not last_row.cells:
            # a figure printed between the two lines of its wrapped label (灾害防治及应急管理支 / 98.23 / 出)
            cells = {sides[last_row_side][1]: _figure(*leading[0], unit)}
            by_side[last_row_side][-1] = last_row = Row(last_row.label, "", last_row.numbered, cells, last_row.start, last_row.line)
            continue
        if len(segments) == 1 and not segments[0][1] and not ROW_ORDINAL.match(segments[0][0]) and last_row is not None and last_row.numbered:
            side, row = last_row_side, last_row  # the rest of a label wrapped onto its own line (灾害防治及应急管理支 / 出)
            by_side[side][-1] = last_row = Row(label_key(row.label + segments[0][0]), "", True, row.cells, row.start, row.line)
            continue
        if len(segments) == 1:
            label = label_key(segments[0][0])
            placed = [(0 if any(label.endswith(word) for word in left_words) else 1, segments[0])]
        elif len(segments) == len(sides):
            placed = list(enumerate(segments))
        else:
            continue  # more labels than sides: a wrapped label split the row, its figures' sides are unknown
        for side, (label, values, start) in placed:
            cells = {sides[side][1]: _figure(*values[0], unit)} if values else {}
            if label:
                last_row, last_row_side = Row(label_key(label), "", bool(ROW_ORDINAL.match(label)), cells, start, index), side
                by_side[side].append(last_row)
    tables = []
    for (side_name, column), rows in zip(sides, by_side, strict=True):
        filled = tuple(r if column in r.cells else _with_empty(r, column, document) for r in rows)
        tables.append(Table(number=number, side=side_name, title=context["title"], unit=unit, columns=(column,),
                            rows=filled, document=document, start=context["start"],
                            declared_empty=context["declared_empty"], columns_placed_only=True))
    return tables


def _with_empty(row: Row, column: str, document: Document) -> Row:
    return Row(row.label, row.code, row.numbered, {column: Cell("", row.start, row.start, None)}, row.start, row.line)
