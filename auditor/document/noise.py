"""Lines that belong to the page, not to the text: page footers, watermarks, a chart's OCR.

A text extraction of a PDF keeps every page's footer (``— 7 —``, ``第 3 页 共 20 页``),
the watermark stamped on each page (``仅供内部审核``) and, where a chart was OCR'd, its
``[image: …]`` line and stray axis numbers. They stand anywhere, between two lines of a
sentence or two rows of a table, and are none of either: the layout skips them in prose
and the table readers skip them between rows.
"""

from __future__ import annotations

import re
from collections import Counter

from auditor.document.model import Document, normalise
from auditor.document.titles import is_perf_title
from auditor.knowledge import vocabulary

_FOOTER = re.compile(r"^(?:[—–\-]+\s*\d+\s*[—–\-]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
_IMAGE = re.compile(r"^\[image[:：]", re.IGNORECASE)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PUNCT = re.compile(r"[,.;:!?，。；：、！？%\d]")


def watermarks(lines: list[str]) -> set[str]:
    """Short lines without digits or punctuation that recur (watermarks, running heads; not titles), and the known
    watermark words; each without its spaces (a watermark printed letter-spaced on one page is the same watermark)."""
    stripped = (line.strip() for line in lines)
    counts = Counter(s for s in (_unspaced(t) if " " in t or "\u3000" in t else t for t in stripped) if 4 <= len(s) <= 20)
    # a title recurring once per table (项 目 支 出 绩 效 自 评 表) is a title, not a watermark
    found = {s for s, n in counts.items() if n >= 3 and not _PUNCT.search(normalise(s)) and not is_perf_title(s)}
    found.update(vocabulary()["layout"]["watermarks"])
    return found


def _unspaced(line: str) -> str:
    """The line without white space (a watermark printed letter-spaced, with ASCII or full-width spaces, is the same
    watermark)."""
    return "".join(line.split())


def is_page_mark(line: str) -> bool:
    """A page footer or a known watermark word: a line a table or a cell may be interrupted by without ending."""
    stripped = line.strip()
    return stripped in vocabulary()["layout"]["watermarks"] or bool(_FOOTER.match(normalise(stripped)))


def page_marks(document: Document) -> frozenset[int]:
    """The lines of a document that are page marks (:func:`is_page_mark`)."""
    return document.view(_page_marks)


def _page_marks(document: Document) -> frozenset[int]:
    words = vocabulary()["layout"]["watermarks"]
    return frozenset(
        i for i, (raw, norm) in enumerate(zip(document.lines, document.normalised_lines, strict=True))
        if raw.strip() in words or _FOOTER.match(norm.strip())
    )


def noise_lines(document: Document) -> frozenset[int]:
    """Every line that is page furniture: footers, watermarks (recurring or known), chart OCR."""
    return document.view(_noise_lines)


def _noise_lines(document: Document) -> frozenset[int]:
    found = set()
    marks = watermarks(document.lines)
    after_image = False
    for index, (raw, norm) in enumerate(zip(document.lines, document.normalised_lines, strict=True)):
        stripped = raw.strip()
        if not stripped:
            continue
        norm = norm.strip()
        if _IMAGE.match(norm):
            after_image = True
            found.add(index)
            continue
        if after_image and not _CJK.search(norm):
            found.add(index)  # stray OCR of a chart's axes
            continue
        after_image = False
        if (_unspaced(stripped) if " " in stripped or "\u3000" in stripped else stripped) in marks or _FOOTER.match(norm):
            found.add(index)
    return frozenset(found)
