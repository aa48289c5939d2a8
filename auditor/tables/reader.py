"""Find the nine standard tables in a Document and read them into :class:`Table` sides.

A text extraction (and the .docx/.xlsx readers, which render to the same shape)
gives a table as a run of TAB-separated lines. Around the run stand its title
(收入支出决算总表), its number (公开01表), its unit (金额单位：万元) and a note
(注：… 以空表列示). The reader:

1. takes each run of TAB lines and looks for those marks just above and below it;
2. splits the header rows from the data rows (after the 栏次 row, or at the first figure);
3. splits a table printed as several sides (a header such as 项目/科目编码/合计 that
   repeats along one header row), names each side from the row above (收入, 支出 …);
4. names each money column after its lowest header (小计 under 本年支出), finds the
   code and label columns, and reads every cell as a figure with its exact span.

Anything it cannot read is kept as a :class:`TableNote`, never guessed at.
"""

from __future__ import annotations

import re

import attrs

from auditor.document.model import Document, normalise
from auditor.document.noise import noise_lines, page_marks
from auditor.document.regions import Region, is_pipe_row, is_tab_row, is_table_title, row_like, table_regions
from auditor.finding import Reason
from auditor.knowledge import vocabulary
from auditor.quantity import Quantity
from auditor.tables.model import MONEY, ROW_ORDINAL, SUBJECT_CODE, Cell, Row, Table, TableNote, label_key, money
from auditor.tables.spaced import first_cell_row, read_spaced

_NUMBER_MARK = re.compile(r"公开\s*(\d{2})\s*表")
_UNIT_MARK = re.compile(r"(?:金额)?单位\s*[:：]\s*(亿元|万元|千元|元)")
_NIL = {"-", "—", "－", "–", "/", "——"}
_CONTEXT_LINES = 8
_SPACES = re.compile(r"\s+")


@attrs.frozen
class _Field:
    text: str  # normalised, stripped
    start: int
    end: int


@attrs.define
class _Shared:
    """What many cells of one document print alike, made once: a figure's Quantity (immutable, keyed by its
    text and unit) and a subject code's string. A big document's tables repeat both thousands of times."""

    figures: dict[tuple[str, str], Quantity | None] = attrs.Factory(dict)
    codes: dict[str, str] = attrs.Factory(dict)

    def figure(self, text: str, unit: str) -> Quantity | None:
        key = (text, unit)
        if key not in self.figures:
            self.figures[key] = _figure(text, unit)
        return self.figures[key]


@attrs.define
class _Run:
    first: int  # 0-based line indices, inclusive
    last: int
    separator: str = "\t"  # what parts the cells of a row: a TAB, or a | (``| 合计 |  | 9759.38 |``)

    @property
    def lines(self) -> range:
        return range(self.first, self.last + 1)


def read_tables(document: Document) -> tuple[list[Table], list[TableNote]]:
    """Every standard table in the document (one Table per side) and notes on what was skipped.

    TAB rows are read cell by cell; space-separated rows as far as their shape allows
    (:mod:`auditor.tables.spaced`). A TOC line is a TAB row too, but has no title above it.
    """
    runs = [region for region in table_regions(document) if region.shape in ("tab", "pipe", "spaced", "cells")]
    marks = page_marks(document) | noise_lines(document)  # footers, watermarks and chart OCR: no title, note or row
    tables: list[Table] = []
    notes: list[TableNote] = []
    shared = _Shared()
    titles = _titles()
    every_title = tuple(title for names in titles.values() for title in names)
    previous_last = -1
    for i, run in enumerate(runs):
        next_first = runs[i + 1].first if i + 1 < len(runs) else len(document.lines)
        first_row, reach = run.first, _CONTEXT_LINES
        if run.shape in ("spaced", "cells"):  # its title and header lines are part of the region: all of them are context
            first_row = _first_row(document, run) if run.shape == "spaced" else first_cell_row(document, run)
            reach += first_row - run.first
        header_from = max(previous_last + 1, first_row - reach)
        context = _context(document, previous_last + 1, first_row, run.last + 1, next_first, marks, reach, titles, every_title)
        context["start"] = document.line_start(run.first)
        previous_last = run.last
        number = context["number"]
        if number is None:
            continue  # a performance table, a table of sub-units …: not one of the nine
        if run.shape in ("spaced", "cells"):
            sides, side_notes = read_spaced(document, run, number, context, header_from, first_row, marks)
        else:
            separator = "|" if run.shape == "pipe" else "\t"
            sides, side_notes = _read_run(document, _Run(run.first, run.last, separator), number, context, shared)
        tables.extend(sides)
        notes.extend(side_notes)
    return tables, notes


def _first_row(document: Document, run: Region) -> int:
    """The first data row of a space-separated table: the first row-like line after its title, unit and header words."""
    lines = [document.normalised_lines[i] for i in run.lines]
    head = max((k for k, line in enumerate(lines) if is_table_title(line) or _UNIT_MARK.search(line)), default=-1)
    return next((run.first + k for k in range(head + 1, len(lines)) if row_like(lines[k])), run.last)


def _split(document: Document, index: int, separator: str = "\t") -> list[_Field]:
    """The cells of a line between ``separator`` characters (TABs, or the bars of ``| 合计 |  | 9759.38 |``, whose outer
    bars open and close an empty cell in every row alike): each one's text normalised without white space, and its
    span without the spaces around it. Normalising is one for one, so a cell's normalised text stands where it does."""
    raw, norm = document.lines[index], document.normalised_lines[index]
    base = document.line_start(index)
    fields, pos = [], 0
    for piece in raw.split(separator):
        stripped = piece.strip(" \r\u3000")
        lead = len(piece) - len(piece.lstrip(" \r\u3000"))
        start = base + pos + lead
        fields.append(_Field(_SPACES.sub("", norm[pos : pos + len(piece)]), start, start + len(stripped)))
        pos += len(piece) + 1
    return fields


def _context(document: Document, lo: int, first: int, after: int, hi: int, marks: frozenset[int],
             reach: int, titles: dict[str, tuple[str, ...]], every_title: tuple[str, ...]) -> dict:
    """The number, title, unit and empty-table note written up to ``reach`` lines above and just below a run of rows
    (page footers and watermarks, ``marks``, skipped). ``titles``: :func:`_titles`, made once per document;
    ``every_title``: all its titles, one tuple (a line ending with none of them is no title: one test)."""
    found = {"number": None, "title": "", "unit": "万元", "declared_empty": False}
    lines, normalised_lines = document.lines, document.normalised_lines
    above = []  # the last ``reach`` (≥ 1) written lines of the 30 above, in order: read from the nearest up, as far as needed
    for i in range(first - 1, max(lo, first - 30) - 1, -1):
        if i not in marks and lines[i].strip():
            above.append(i)
            if len(above) == reach:
                break
    above.reverse()
    below = []  # the first 4 written lines of the 12 below
    for i in range(after, min(hi, after + 12)):
        if i not in marks and lines[i].strip():
            below.append(i)
            if len(below) == 4:
                break
    for i in above:  # the lines above name the table; those below (after it, never above) only say it is empty
        text = _SPACES.sub("", normalised_lines[i])
        m = _NUMBER_MARK.search(text)
        if m and found["number"] is None:
            found["number"] = m.group(1)
        u = "单位" in text and _UNIT_MARK.search(text)  # the pattern opens with an optional word: it is tried at every character
        if u:
            found["unit"] = u.group(1)
        if len(text) < 60 and text.endswith(every_title):
            for number, names in titles.items():
                if text.endswith(names) and (found["number"] is None or found["number"] == number):
                    found["title"] = text
                    found["fallback"] = number
    for i in below:
        text = _SPACES.sub("", normalised_lines[i])
        if text.startswith(("注", "说明")) and any(word in text for word in vocabulary()["tables"]["declared_empty"]):
            found["declared_empty"] = True
    if found["number"] is None:
        found["number"] = found.get("fallback")
    return found


def _titles() -> dict[str, tuple[str, ...]]:
    """Each standard table's number and its titles, normalised (``rules/vocabulary.toml``)."""
    return {number: tuple(normalise(n) for n in names) for number, names in vocabulary()["tables"]["titles"].items()}


def _is_column_numbers(row: list[_Field]) -> bool:
    """The 栏次 row: ``栏次 │ │ 1 │ 2 …`` or just ``1 │ 2 │ … │ 12``."""
    texts = [f.text for f in row if f.text]
    if texts and texts[0] == "栏次":
        return True
    return len(texts) >= 3 and all(t.isdigit() for t in texts) and [int(t) for t in texts] == list(range(1, len(texts) + 1))


def _texts(row: list[_Field]) -> tuple[str, ...]:
    """A row's cell texts, without the empty cells at its end (rows of one table are padded alike or not at all)."""
    texts = [f.text for f in row]
    while texts and not texts[-1]:
        texts.pop()
    return tuple(texts)


def _header_end(rows: list[list[_Field]]) -> int:
    for i, row in enumerate(rows):
        if _is_column_numbers(row):
            return i + 1
    for i, row in enumerate(rows):
        if any(MONEY.match(f.text) and "." in f.text for f in row):
            return i
    return len(rows)


def _side_starts(header: list[list[_Field]]) -> tuple[list[int], int]:
    """Columns where a side begins (a header text repeated along one row), and that row's index."""
    for r, row in enumerate(header):
        if _is_column_numbers(row):
            continue
        seen: dict[str, list[int]] = {}
        for c, f in enumerate(row):
            if f.text:
                seen.setdefault(f.text, []).append(c)
        repeated = [cols for cols in seen.values() if len(cols) >= 2]
        if repeated:
            starts = min(repeated, key=lambda cols: cols[0])
            return starts, r
    return [0], -1


def _read_run(document: Document, run: _Run, number: str, context: dict,
              shared: _Shared) -> tuple[list[Table], list[TableNote]]:
    notes: list[TableNote] = []
    is_row = is_tab_row if run.separator == "\t" else is_pipe_row
    lines = [i for i in run.lines if is_row(document.lines[i])]  # not the footers and blank lines of a page break
    rows = [_split(document, index, run.separator) for index in lines]  # only the runs that are standard tables
    width = max(len(r) for r in rows)
    header_end = _header_end(rows)
    header = rows[:header_end]
    # the header printed again at the top of the next page is not a row of figures
    repeated = {_texts(row) for row in header}
    opening = {row[0].text for row in header if row}  # asked first: most rows open otherwise than any header row
    kept = [k for k in range(header_end, len(rows)) if rows[k][0].text not in opening or _texts(rows[k]) not in repeated]
    data, data_lines = [rows[k] for k in kept], [lines[k] for k in kept]
    split = _split_codes(header + data[:1])
    if split is not None and data and _is_split_header(data[0], split):  # 类 │ 款 │ 项 │ 合计 │ 1,250.40 …: header and 合计 share a line
        data[0] = [_Field("", f.start, f.start) if c in split else f for c, f in enumerate(data[0])]
    header_width = max((len(r) for r in header), default=width)
    for row in data:
        extra = [f for f in row[header_width:] if f.text]
        if extra:
            notes.append(TableNote(Reason.of("table.extra-cells", number=number, at=extra[0].start, extra=len(row) - header_width),
                                   extra[0].start, extra[-1].end, document))
    starts, repeat_row = _side_starts(header)
    bounds = list(zip(starts, [*starts[1:], header_width], strict=True))
    names = _side_names(header, bounds, repeat_row)
    naming_rows = [r for i, r in enumerate(header) if i >= max(repeat_row, 0) and not _is_column_numbers(r)]
    unit = context["unit"]
    pivot = _pivot(header, bounds, repeat_row)
    if pivot is not None:  # 预算数 │ 决算数 under each item (三公): one side per figure kind, the items as columns
        return [_read_side(document, number, kind, context, [row], data, data_lines, 0, header_width, unit, notes, shared, split)
                for kind, row in pivot], notes
    sides: list[Table] = []
    for (lo, hi), side in zip(bounds, names, strict=True):
        table = _read_side(document, number, side if len(bounds) > 1 else "", context, naming_rows, data, data_lines, lo, hi, unit, notes,
                           shared, split)
        if sides and sides[-1].side == table.side:
            sides[-1] = _merge_sides(sides[-1], table)
        else:
            sides.append(table)
    sides = [_named_by_total(t) for t in sides]
    if not header_end or not any(t.columns for t in sides):
        notes.append(TableNote(Reason.of("table.no-header", number=number), rows[0][0].start, rows[0][-1].end, document))
        return [], notes
    return sides, notes


def _pivot(header: list[list[_Field]], bounds: list[tuple[int, int]], repeat_row: int) -> list[tuple[str, list[_Field]]] | None:
    """A header whose lowest row repeats 预算数 │ 决算数 under each item (合计, 因公出国(境)费, 小计 …).

    The table is then one side per figure kind, its columns named by the item above each
    pair: the lowest header row with a word over the pair (小计 under 公务用车购置及运行维护费).
    Returns (kind, a naming row placing each item's name over that kind's column), or None.
    """
    if repeat_row < 0 or len(bounds) < 3:
        return None
    lowest = header[repeat_row]
    kinds = sorted({f.text for f in lowest if f.text})
    if kinds != sorted(vocabulary()["tables"]["pivot_kinds"]):
        return None
    rows: dict[str, list[_Field]] = {kind: [_Field("", f.start, f.start) for f in lowest] for kind in kinds}
    for lo, hi in bounds:
        item = next((f.text for row in reversed(header[:repeat_row]) for f in row[lo:hi] if f.text), "")
        for c in range(lo, min(hi, len(lowest))):
            if lowest[c].text in rows and item:
                rows[lowest[c].text][c] = _Field(item, lowest[c].start, lowest[c].end)
    return [(kind, rows[kind]) for kind in kinds]


def _named_by_total(table: Table) -> Table:
    """A side no word names (人员经费 │ 公用经费 printed only in their totals) takes its name from its ``X合计`` row."""
    if not table.side.isdigit():
        return table
    total = next((r.label for r in table.rows if r.label.endswith("合计") and len(r.label) > 2), None)
    return attrs.evolve(table, side=total[: -len("合计")]) if total else table


def _side_names(header: list[list[_Field]], bounds: list[tuple[int, int]], repeat_row: int) -> list[str]:
    """收入/支出, 人员经费/公用经费, 预算数/决算数: the text above each side; a side without one continues the last."""
    names: list[str] = []
    for lo, hi in bounds:
        name = ""
        if repeat_row > 0:
            above = header[repeat_row - 1]
            name = next((f.text for f in above[lo:hi] if f.text), "")
        names.append(name or (names[-1] if names else ""))
    if len(set(names)) < len(names) and not any(names):
        names = [str(i + 1) for i in range(len(bounds))]
    return names


_SPLIT = ("类", "款", "项")
_SPLIT_PARTS = (re.compile(r"^\d{3}$"), re.compile(r"^\d{2}$"), re.compile(r"^\d{2}$"))


def _split_codes(rows: list[list[_Field]]) -> tuple[int, int, int] | None:
    """The three columns of a subject code printed 类 │ 款 │ 项 (the national template), where a row says so."""
    for row in rows:
        split = next((c for c in range(len(row) - 2) if tuple(f.text for f in row[c : c + 3]) == _SPLIT), None)
        if split is not None:
            return split, split + 1, split + 2
    return None


def _is_split_header(row: list[_Field], split: tuple[int, int, int]) -> bool:
    return tuple(row[c].text for c in split if c < len(row)) == _SPLIT


def _split_code(fields: list[_Field], split: tuple[int, int, int], last: list[str]) -> str:
    """The code of a row printed 类 │ 款 │ 项 (``212 │ 01 │ 01`` is 2120101); a part left blank under a printed one is the
    row above's (``│ 01 │`` under 212 is 21201). ``last`` keeps the parts of the row above. A row whose parts are not
    digits of their level has no code."""
    parts = [fields[c].text if c < len(fields) else "" for c in split]
    depth = max((k + 1 for k, part in enumerate(parts) if part), default=0)
    if not depth:
        return ""
    filled = [part or (last[k] if k < len(last) else "") for k, part in enumerate(parts[:depth])]
    if not all(pattern.match(part) for pattern, part in zip(_SPLIT_PARTS, filled, strict=False)):
        return ""
    last[:] = filled
    return "".join(filled)


def _column_roles(naming_rows: list[list[_Field]], lo: int, hi: int,
                  split: tuple[int, int, int] | None = None) -> tuple[int | None, int | None, dict[int, str]]:
    """(code column, label column, {money column: name}) of one side; with the code split 类 │ 款 │ 项, its first column.

    A money column is named by its lowest header (小计 under 本年支出), but a 小计 beside a 其中 column under one
    heading (事业收入 over 小计 │ 其中：教育收费) is that heading's whole: it is named by the heading, and the 其中
    column, a part of it and never a summand of the row, keeps its own name.
    """
    code_col = label_col = None
    money: dict[int, str] = {}
    for c in range(lo, hi):
        if split is not None and c in split:
            code_col = split[0]
            continue
        texts = [row[c].text for row in naming_rows if c < len(row) and row[c].text]
        if any("科目编码" in t or t == "编码" for t in texts):
            code_col = c if split is None else split[0]
        elif any(t == "项目" or "科目名称" in t or t == "名称" for t in texts):
            if label_col is None:
                label_col = c
        elif any(t in ("行次", "栏次") for t in texts):
            continue
        elif texts:
            money[c] = texts[-1]
    for c, name in list(money.items()):
        heading = _spanning_heading(naming_rows, c)
        if name in ("小计", "合计") and heading and any(
                money.get(other, "").startswith("其中") and _spanning_heading(naming_rows, other) == heading for other in money):
            money[c] = heading
    if code_col is not None and label_col is None:
        label_col = code_col
    return code_col, label_col, money


def _spanning_heading(naming_rows: list[list[_Field]], column: int) -> str:
    """The heading above a column's lowest header: the nearest text at or left of it on the row above (a heading
    spanning several columns prints its text over the first), when the lowest header is on a row of its own."""
    lowest = max((r for r, row in enumerate(naming_rows) if column < len(row) and row[column].text), default=None)
    if not lowest:
        return ""
    above = naming_rows[lowest - 1]
    for c in range(min(column, len(above) - 1), -1, -1):
        if above[c].text:
            return above[c].text
    return ""


def _read_side(document, number, side, context, naming_rows, data, data_lines, lo, hi, unit, notes, shared, split=None) -> Table:
    split = split if split is not None and lo <= split[0] < hi else None
    code_col, label_col, money = _column_roles(naming_rows, lo, hi, split)
    rows: list[Row] = []
    parts: list[str] = []  # the 类 │ 款 │ 项 of the row above, for a part printed blank under it
    for fields, line in zip(data, data_lines, strict=True):
        line_start = document.line_start(line)
        code_field, label_field = _at(fields, code_col), _at(fields, label_col)
        if split is not None:
            code = _split_code(fields, split, parts)
            if not code:
                code_field = next((f for c in split if (f := _at(fields, c)) is not None and f.text), None)  # 合计 in the code columns
        else:
            code = code_field.text if code_field is not None and SUBJECT_CODE.match(code_field.text) else ""
        code = shared.codes.setdefault(code, code)
        label = label_field.text if label_field is not None else ""
        if label_col == code_col:
            label = "" if code else label
        if code_col is not None and label_col != code_col and not label and code_field is not None and not code:
            label = code_field.text  # 合计 written in the code column
        cells = {}
        for c, name in money.items():
            f = _at(fields, c)
            if f is None:
                cells[name] = Cell("", line_start, line_start, None)
                continue
            figure = shared.figure(f.text, unit)
            cells[name] = Cell(figure.text if figure is not None else f.text, f.start, f.end, figure, line_start)
            if f.text and cells[name].quantity is None and f.text not in _NIL:
                notes.append(TableNote(Reason.of("table.not-a-number", number=number, row=label or code, column=name, text=f.text),
                                       f.start, f.end, document))
        if not (code or label or any(c.text for c in cells.values())):
            continue
        numbered = bool(ROW_ORDINAL.match(label))
        rows.append(Row(label_key(label), code, numbered, cells, line_start, line))
    return Table(
        number=number,
        side=side,
        title=context["title"],
        unit=unit,
        columns=tuple(money.values()),
        rows=tuple(rows),
        document=document,
        start=context["start"],
        declared_empty=context["declared_empty"],
    )


def _at(fields: list[_Field], column: int | None) -> _Field | None:
    """The field in a column; None past the end of a short row (its cells are empty)."""
    return fields[column] if column is not None and column < len(fields) else None


def _figure(text: str, unit: str) -> Quantity | None:
    return None if not text or text in _NIL else money(text, unit)


def _merge_sides(first: Table, second: Table) -> Table:
    """Two column groups under one heading (公开06表's 公用经费 spans two): one side, rows in order.

    A total row may print its label in the first group and its figure in the second
    (``公用经费合计 │ │ │ │ │ 74.74``): such halves are joined into one row.
    """
    rows = list(first.rows)
    by_line = {r.line: i for i, r in enumerate(rows)}
    for row in second.rows:
        i = by_line.get(row.line)
        if i is not None and not row.label and not row.code:
            mate = rows[i]
            if not any(c.text for c in mate.cells.values()):
                rows[i] = attrs.evolve(mate, cells={**row.cells})
                continue
        rows.append(row)
    return attrs.evolve(first, rows=tuple(rows), columns=tuple(dict.fromkeys(first.columns + second.columns)))
