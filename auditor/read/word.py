"""Word .docx: paragraphs and tables in body order, rendered as lines of text.

Each body paragraph is one line (``第N段``); each table row is one line of
TAB-separated cells, one per grid column, so that rows of a table line up the
way they do in a text export (``表T 第R行``, cells ``表T 第R行第C列``); an empty
line follows each table. The body is walked element by element, not through
``document.paragraphs`` and ``document.tables``, which would lose their order.
"""

from __future__ import annotations

import re

from auditor.document.model import Document
from auditor.read.archive import check_package
from auditor.read.errors import InputError
from auditor.read.office import Lines, import_extra

_LINE_BREAK = re.compile(r"\r\n?|\n")


def read_docx(name: str) -> Document:
    """Read a .docx into a Document whose lines know their paragraph, table, row and cell."""
    docx = import_extra(name, "docx", "docx", "python-docx")
    package = check_package(name, "docx")
    lines = Lines(name)
    try:
        _render_body(docx.Document(package).element.body, lines)
    except InputError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on a malformed file
        reason = " ".join(str(exc).split())[:200]
        raise InputError(name, f"无法读取 Word 文件：{type(exc).__name__}: {reason} (unreadable .docx)") from None
    return lines.document("docx")


def _render_body(body, lines: Lines) -> None:
    from docx.oxml.ns import qn  # an optional library: imported only when a .docx is read

    paragraph, table, content_control = qn("w:p"), qn("w:tbl"), qn("w:sdt")

    def blocks(parent):
        """Body paragraphs and tables in order, including those inside a content control."""
        for child in parent:
            if child.tag in (paragraph, table):
                yield child
            elif child.tag == content_control:
                for content in child.iterchildren(qn("w:sdtContent")):
                    yield from blocks(content)

    paragraphs = tables = 0
    for block in blocks(body):
        if block.tag == paragraph:
            paragraphs += 1
            # A soft line break (w:br) is a new line in the text; every piece keeps the paragraph's place.
            for piece in _LINE_BREAK.split(block.text):
                lines.add(piece, f"第{paragraphs}段")
        else:
            tables += 1
            _render_table(block, tables, lines)
            lines.add("")


def _render_table(tbl, number: int, lines: Lines) -> None:
    rows = tbl.tr_lst
    # Widths first, from the spans alone: a hostile gridSpan must not allocate a huge row.
    widths = [tr.grid_before + sum(max(tc.grid_span, 1) for tc in tr.tc_lst) + tr.grid_after for tr in rows]
    width = max([len(tbl.xpath("./w:tblGrid/w:gridCol")), *widths])
    lines.reserve(len(rows) * width)
    for r, tr in enumerate(rows, start=1):
        texts = [""] * max(tr.grid_before, 0)
        for tc in tr.tc_lst:
            continued = tc.vMerge not in (None, "restart")  # the text is in the cell where the merge starts
            texts.append("" if continued else _cell_text(tc))
            texts += [""] * (max(tc.grid_span, 1) - 1)
        texts += [""] * (width - len(texts))
        lines.add_row(texts, f"表{number} 第{r}行", [f"表{number} 第{r}行第{c}列" for c in range(1, width + 1)])


def _cell_text(tc) -> str:
    """The cell's paragraphs run together: a row must stay one line, and a TAB would split the cell."""
    return _LINE_BREAK.sub("", "".join(p.text for p in tc.p_lst)).replace("\t", " ")
