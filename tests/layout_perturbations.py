"""Perturbations of a document's layout that must not change what it says (DOMAIN.md §6).

Each takes the text and a random generator and returns the same document laid out
otherwise: page footers or watermark lines between lines, titles and headings printed
letter-spaced, digits and punctuation typed full-width, prose hard-wrapped at random widths
(inside numbers too), TAB-separated cells printed as runs of spaces. Used by the layout-invariance property
tests and by ``benchmarks/layout.py``, which measures the share of errors each keeps.
"""

from __future__ import annotations

import random
import re
from collections import Counter

import auditor
from auditor.document.layout import blocks
from auditor.document.model import normalise
from auditor.document.titles import HEADINGS, compact
from auditor.knowledge import vocabulary


def _insert_lines(text: str, rng: random.Random, make, count: int) -> str:
    lines = text.split("\n")
    for _ in range(count):
        at = rng.randrange(1, len(lines))
        lines.insert(at, make(rng))
    return "\n".join(lines)


def footers(text: str, rng: random.Random, count: int = 6) -> str:
    """Page footers (``— 12 —``, ``第 3 页 共 20 页``) between any two lines."""
    def footer(r: random.Random) -> str:
        page = r.randint(1, 60)
        return r.choice((f"— {page} —", f"- {page} -", f"第 {page} 页 共 60 页"))
    return _insert_lines(text, rng, footer, count)


def watermarks(text: str, rng: random.Random, count: int = 6) -> str:
    """A watermark word the vocabulary knows, on lines of its own between any two lines."""
    word = rng.choice(vocabulary()["layout"]["watermarks"])
    return _insert_lines(text, rng, lambda r: word, count)


def _is_title(line: str) -> bool:
    text = compact(line)
    titles = [compact(t) for names in vocabulary()["tables"]["titles"].values() for t in names]
    return 4 <= len(text) < 40 and (text.endswith(tuple(titles)) or text.endswith("绩效自评表"))


def letter_spaced_titles(text: str, rng: random.Random) -> str:
    """Table titles printed with a space between their characters (``收 入 支 出 决 算 总 表``)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _is_title(line) and "\t" not in line and rng.random() < 0.8:
            lines[i] = " ".join(compact(line))
    return "\n".join(lines)


def tabs_to_spaces(text: str, rng: random.Random) -> str:
    """TAB-separated cells printed as runs of two to four spaces (empty cells become wider gaps)."""
    return re.sub(r"\t", lambda m: " " * rng.randint(2, 4), text)


#: Digits and the punctuation around figures, as offices type them in full width.
_WIDE = {c: chr(ord(c) + 0xFEE0) for c in "0123456789%,.;:()"}


def full_width(text: str, rng: random.Random, share: float = 0.5) -> str:
    """About ``share`` of the digits and of ``%,.;:()`` typed full-width (０-９, ％, ，, ．), mixed within the document."""
    return "".join(_WIDE[c] if c in _WIDE and rng.random() < share else c for c in text)


def _opens_a_heading(text: str) -> bool:
    """Would a line starting here be read as a heading or a list item (一、 （二） 3. 第三部分)?"""
    return any(pattern.match(normalise(text).lstrip()) for _, pattern in HEADINGS)


def _prose_lines(text: str) -> set[int]:
    """The 0-based lines the layout reads as prose: the ones a PDF extractor wraps (it prints a table row whole)."""
    document = auditor.Document(text, "doc.txt")
    lines = set()
    for block in blocks(document):
        for origin in (block.text.origins[0], block.text.origins[-1]) if len(block.text.text) else ():
            lines.add(document.position(origin)[0] - 1)
        lines.update(document.position(o)[0] - 1 for o in block.text.origins[:: 8])
    return lines


def hard_wraps(text: str, rng: random.Random, lo: int = 16, hi: int = 60) -> str:
    """Prose lines broken at a random width (one per document), anywhere, inside numbers too (``9.4269`` + newline + ``2``), as a PDF
    extractor breaks them. Table rows are left whole, as an extractor prints them, and no break leaves a line that
    opens like a heading (a real wrap can, but then the text itself is ambiguous: that is not a layout change)."""
    prose = _prose_lines(text)
    width = rng.randint(lo, hi)  # one column width per document, as a PDF has
    out = []
    for index, line in enumerate(text.split("\n")):
        if index not in prose or len(line) <= width:
            out.append(line)
            continue
        start = 0
        while len(line) - start > width:
            cut = start + width
            while cut < len(line) and _opens_a_heading(line[cut:]):
                cut += 1
            out.append(line[start:cut])
            start = cut
        out.append(line[start:])
    return "\n".join(out)


def letter_spaced_headings(text: str, rng: random.Random) -> str:
    """Short prose headings (``三、支出决算情况说明``) printed with a space between the characters of their title."""
    prose = _prose_lines(text)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        stripped = normalise(line).strip()
        if i not in prose or len(stripped) > 24 or rng.random() > 0.8:
            continue
        for level, pattern in HEADINGS:
            m = pattern.match(stripped)
            if m and level > 0 and not re.search(r"[，。；：,;:\d]", stripped[m.end() :]):
                lines[i] = line[: len(line) - len(line.lstrip())] + stripped[: m.end()] + " ".join(stripped[m.end() :])
                break
    return "\n".join(lines)


PERTURBATIONS = {
    "footers": footers,
    "watermarks": watermarks,
    "letter-spaced titles": letter_spaced_titles,
    "letter-spaced headings": letter_spaced_headings,
    "full-width": full_width,
    "hard wraps": hard_wraps,
    "tabs to spaces": tabs_to_spaces,
}


def error_signature(text: str) -> Counter:
    """The errors a text gives, by what they say (rule, stated, expected), not where they stand."""
    return Counter((f.rule, f.stated, f.expected) for f in auditor.check(text).errors)
