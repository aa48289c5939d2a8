"""Find every 项目支出绩效自评表 in a document and read it with the reader for its layout.

A table printed as TAB rows starts at its ``项目名称`` row; a table printed one cell
per line starts at its title (``2023 年度市级项目支出绩效自评表``) when no TAB rows
follow. Each table runs to the start of the next one.
"""

from __future__ import annotations

import re

from auditor.document.model import Document, normalise
from auditor.perf.cell_layout import parse_cells
from auditor.perf.model import PerfTable
from auditor.perf.tab_layout import parse_tab

_TITLE = re.compile(r"绩效自评表\s*(?:\(\d{4}\s*年度\))?\s*$")
_LOOKAHEAD = 12  # lines after a title in which a TAB 项目名称 row means the title heads a TAB table


def _is_name_row(line: str) -> bool:
    cells = [c.strip() for c in line.split("\t")[:2]]
    return "项目名称" in cells


def read_perf_tables(document: Document) -> list[PerfTable]:
    lines = document.lines
    tab_starts = [i for i, line in enumerate(lines) if "\t" in line and _is_name_row(line)]
    near_tab = {j for i in tab_starts for j in range(max(0, i - _LOOKAHEAD), i)}
    cell_starts = [
        i for i, line in enumerate(lines)
        if "\t" not in line and len(line.strip()) < 60 and _TITLE.search(normalise(line.strip())) and i not in near_tab
    ]
    starts = sorted([(i, parse_tab) for i in tab_starts] + [(i, parse_cells) for i in cell_starts])
    tables = []
    for k, (first, parse) in enumerate(starts):
        last = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        table = parse(document, first, last)
        if table is not None:
            tables.append(table)
    return tables
