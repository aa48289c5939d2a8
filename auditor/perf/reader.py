"""Find every 项目支出绩效自评表 in a document and read it with the reader for its layout.

A table printed as TAB rows starts at its ``项目名称`` row; any other table starts at its
title (``2023 年度市级项目支出绩效自评表``, letter-spaced or not) when no TAB rows
follow, or at a lone ``⇥项目名称`` cell. Each table runs to the start of the next one.
A table that names its columns in one row (调整后预算数 预算执行数 … 得分) is read by that
vocabulary (:mod:`auditor.perf.vocabulary_layout`); the corpus's one-cell-per-line shape
by :mod:`auditor.perf.cell_layout`.
"""

from __future__ import annotations

from auditor.document.model import Document, normalise
from auditor.document.titles import is_perf_table_title
from auditor.perf.cell_layout import parse_cells
from auditor.perf.model import PerfTable
from auditor.perf.tab_layout import parse_tab
from auditor.perf.vocabulary_layout import has_vocabulary_header, parse_vocabulary

_LOOKAHEAD = 12  # lines after a title in which a TAB 项目名称 row means the title heads a TAB table


def _is_name_row(line: str) -> bool:
    """A TAB row ``项目名称 │ <name>`` (a lone ``⇥项目名称`` cell on its line is the one-cell-per-line shape)."""
    if "项目名称" not in line:
        return False
    cells = [c.strip() for c in line.split("\t")]
    return "项目名称" in cells[:2] and sum(1 for c in cells if c) >= 2


def _is_name_cell(line: str) -> bool:
    return line.startswith("\t") and normalise(line.strip()) == "项目名称"


def read_perf_tables(document: Document) -> list[PerfTable]:
    lines = document.lines
    tab_starts = [i for i, line in enumerate(lines) if "\t" in line and _is_name_row(line)]
    near_tab = {j for i in tab_starts for j in range(max(0, i - _LOOKAHEAD), i)}
    title_starts = [i for i, line in enumerate(lines) if "\t" not in line.strip() and is_perf_table_title(line) and i not in near_tab]
    titled = {j for i in title_starts for j in range(i, i + _LOOKAHEAD)}
    cell_starts = [i for i, line in enumerate(lines) if _is_name_cell(line) and i not in titled]
    starts = sorted([(i, "tab") for i in tab_starts] + [(i, "title") for i in title_starts] + [(i, "title") for i in cell_starts])
    tables = []
    for k, (first, kind) in enumerate(starts):
        last = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        if kind == "tab":
            table = parse_tab(document, first, last)
        elif has_vocabulary_header(document, first, last):
            table = parse_vocabulary(document, first, last)
        else:
            table = parse_cells(document, first, last)
        if table is not None:
            tables.append(table)
    return tables
