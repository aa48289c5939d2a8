"""Find every 项目支出绩效自评表 in a document, split its lines into rows as they are printed, and read them.

A table starts at its title (``2023 年度市级项目支出绩效自评表``, letter-spaced or not) or at
its ``项目名称`` row, whichever comes first (a title owns the name row that follows it within a
few lines), and runs to the start of the next one. How its rows are printed decides only the
splitter (:mod:`auditor.perf.rows`): TAB or ``|`` cells, one cell per line behind a TAB,
space-separated rows (a header row names its columns), or, failing all of these, one cell
per line with narrow cells wrapped. One interpreter reads them all
(:mod:`auditor.perf.interpret`), so a new layout adds words to rules/vocabulary.toml, not a
reader.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from auditor.document.model import Document
from auditor.document.titles import is_perf_table_title
from auditor.perf.model import PerfTable

if TYPE_CHECKING:
    from auditor.perf.rows import Row

# The splitters (perf.rows) and the interpreter (perf.interpret) are imported with a document's first table:
# most documents audited have none, and their patterns and vocabulary lookups cost start-up time.

_LOOKAHEAD = 12  # lines after a title within which a 项目名称 row belongs to the title's table
_GAP = re.compile(r"\s{2,}")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")


def _cells(line: str) -> list[str]:
    """The cells of a line however it separates them (TAB, ``|``, runs of spaces, single spaces)."""
    body = line.strip()
    for separator in ("\t", "|"):
        if separator in body:
            return [c.strip() for c in body.split(separator) if c.strip()]
    return _GAP.split(body) if _GAP.search(body) else body.split()


def _is_name_row(line: str) -> bool:
    """``项目名称 │ <name>`` in any print, or a lone ``项目名称`` cell (the name on the next row)."""
    cells = [c.replace(" ", "") for c in _cells(line)]
    return "项目名称" in cells[:2] and (len(cells) >= 2 or cells == ["项目名称"])


def _starts(document: Document) -> list[int]:
    lines, norms = document.lines, document.normalised_lines
    titles, names = [], []
    for i, norm in enumerate(norms):
        if "项目名称" in norm and _is_name_row(norm):
            names.append(i)
        elif "效" in norm and "\t" not in norm.strip() and is_perf_table_title(lines[i]):  # TABs and spaces stay as printed
            titles.append(i)
    starts = set(titles)
    title_at = 0
    for i in names:
        while title_at + 1 < len(titles) and titles[title_at + 1] < i:
            title_at += 1
        owner = titles[title_at] if titles and titles[title_at] < i else None
        if owner is None or i - owner > _LOOKAHEAD or any(owner < j < i for j in names):
            starts.add(i)
    return sorted(starts)


def _layout(document: Document, first: int, last: int) -> str:
    from auditor.perf.interpret import names_columns
    from auditor.perf.rows import is_cell_line

    lines = [line for line in document.normalised_lines[first:last] if line.strip()]
    cell_lines = sum(1 for line in lines if is_cell_line(line))
    if cell_lines >= 3 and 2 * cell_lines >= len(lines):
        return "cell-lines"
    if sum(1 for line in lines if "\t" in line.strip()) >= 2:
        return "tab"
    if sum(1 for line in lines if "|" in line) >= 2:
        return "pipe"
    if any(names_columns([c.replace(" ", "") for c in _cells(line)]) for line in lines if len(line) < 200):
        return "spaces"
    return "wrapped"


def _rows(document: Document, first: int, last: int, layout: str) -> list[Row]:
    from auditor.perf.interpret import labels
    from auditor.perf.rows import cell_line_rows, separated_rows, space_rows, wrapped_rows

    if layout == "tab":
        rows = separated_rows(document, first, last, "\t")
    elif layout == "pipe":
        rows = separated_rows(document, first, last, "|")
    elif layout == "cell-lines":
        rows = cell_line_rows(document, first, last)
    elif layout == "spaces":
        rows = space_rows(document, first, last, labels())
    else:
        rows = wrapped_rows(document, first, last)
    for k, row in enumerate(rows):  # a part heading (第四部分 …) ends any table
        if k and row.cells and row.cells[0].key.startswith("第") and _PART.match(row.cells[0].key):
            return rows[:k]
    if layout in ("tab", "pipe"):  # the table ends at its last row that has cells
        if layout == "tab":  # a line printed with a TAB, split in two or more (normalising maps nothing to or from a TAB)
            kept = [k for k, row in enumerate(rows) if row.width > 1]
        else:  # a | as printed (normalising makes one of ｜)
            raw = document.lines[first:last]  # one slice cuts the region's lines at once
            kept = [k for k, row in enumerate(rows) if "|" in raw[row.line - first]]
        rows = rows[: kept[-1] + 1] if kept else rows
    return rows


def read_region(document: Document, first: int, last: int) -> PerfTable | None:
    """The table printed on lines [first, last), however it is printed; None when nothing of one is there."""
    from auditor.perf.interpret import read_table

    last = min(last, len(document.lines))
    if not 0 <= first < last:
        return None
    layout = _layout(document, first, last)
    return read_table(document, _rows(document, first, last, layout), first, last, layout)


def read_perf_tables(document: Document) -> list[PerfTable]:
    starts = _starts(document)
    tables = []
    for k, first in enumerate(starts):
        table = read_region(document, first, starts[k + 1] if k + 1 < len(starts) else len(document.lines))
        if table is not None:
            tables.append(table)
    return tables
