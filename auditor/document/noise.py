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
from collections.abc import Iterable, Iterator

from auditor.document.model import Document, normalise, written_as
from auditor.document.titles import is_perf_title
from auditor.knowledge import vocabulary

_FOOTER = re.compile(r"^(?:[—–\-]+\s*\d+\s*[—–\-]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
_IMAGE_LINE = re.compile(r"\s*\[image[:：]", re.IGNORECASE)  # a chart's OCR opens a line (white space before it)
# A footer as the whole line, white space around it (as _FOOTER matches a stripped line)
_FOOTER_LINE = re.compile(rf"\s*(?:{_FOOTER.pattern.removeprefix('^').removesuffix('$')})\s*\Z")
_BRACKETS = written_as("[")  # a chart's OCR line opens with one
_SHORT, _LONG = 4, 20  # characters of a recurring line taken for a watermark
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PUNCT = re.compile(r"[,.;:!?，。；：、！？%\d]")


def watermarks(lines: Iterable[str]) -> set[str]:
    """Short lines without digits or punctuation that recur (watermarks, running heads; not titles), and the known
    watermark words; each without its spaces (a watermark printed letter-spaced on one page is the same watermark)."""
    return _recurring(_keys(lines))


def _keys(lines: Iterable[str]) -> Iterator[str]:
    """Each line as watermarks are compared: stripped, and without its spaces when it has any."""
    return (_unspaced(s) if " " in s or "\u3000" in s else s for s in map(str.strip, lines))


def _recurring(keys: Iterable[str]) -> set[str]:
    """:func:`watermarks` of the lines' keys (:func:`_keys`)."""
    counts = Counter(key for key in keys if _SHORT <= len(key) <= _LONG)
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
    return document.view(_furniture)[1]


def noise_lines(document: Document) -> frozenset[int]:
    """Every line that is page furniture: footers, watermarks (recurring or known), chart OCR."""
    return document.view(_furniture)[0]


def _furniture(document: Document) -> tuple[frozenset[int], frozenset[int]]:
    """(the noise lines, the page marks), found together: both hold the footers, and a known watermark word is a line
    whose watermark key is the word itself (no space taken out of it).

    A union of whole-document comprehensions, not one loop testing each line in turn: the footers, the lines whose
    key is a watermark, and each chart image with the stray axis numbers after it (lines without CJK, blank lines
    between them). A line is noise for any of these reasons, so the order they are found in does not matter."""
    lines, norms = document.lines, document.normalised_lines
    words = frozenset(vocabulary()["layout"]["watermarks"])
    # the keys that may be a watermark (a recurring one is short, or a known word), kept with their lines
    keys = [(index, key) for index, key in enumerate(_keys(lines)) if _SHORT <= len(key) <= _LONG or key in words]
    marks = _recurring(key for _, key in keys)
    keyed = [index for index, key in keys if key in marks]
    known = [index for index, key in keys if key in words and lines[index].strip() == key]
    del keys
    footers = frozenset(index for index, norm in enumerate(norms) if _FOOTER_LINE.match(norm))
    found = set(keyed) | footers
    images = [index for index, norm in enumerate(norms) if _IMAGE_LINE.match(norm)] if any(c in document.text for c in _BRACKETS) else []
    for image in images:
        found.add(image)
        after = image + 1
        while after < len(norms):
            norm = norms[after]
            if norm.strip():
                if _IMAGE_LINE.match(norm) or _CJK.search(norm):
                    break  # the next image goes on from here; a line of text ends the stray numbers
                found.add(after)  # stray OCR of a chart's axes
            after += 1
    return frozenset(found), footers.union(known)
