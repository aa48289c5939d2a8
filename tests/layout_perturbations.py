"""Perturbations of a document's layout that must not change what it says (docs/domain.md §6).

Each takes the text and a random generator and returns the same document laid out
otherwise: page footers or watermark lines between lines, titles and headings printed
letter-spaced, digits and punctuation typed full-width, prose hard-wrapped at random widths
(inside numbers too), TAB-separated cells printed as runs of spaces. Used by the layout-invariance property
tests and by ``benchmarks/layout.py``, which measures the share of errors each keeps.

What is perturbed is drawn from outside the reader's vocabulary (its watermark words, its table titles), so a
test confirms a reading, not a list the reader was given: a watermark no vocabulary lists, recurring as one
does; any short line letter-spaced, not only the titles the reader knows.
"""

from __future__ import annotations

import random
import re
from collections import Counter

import auditor
from auditor.document.layout import blocks
from auditor.document.model import normalise
from auditor.document.titles import HEADINGS
from auditor.knowledge import vocabulary


def _insert_lines(text: str, rng: random.Random, make, count: int) -> str:
    lines = text.split("\n")
    for _ in range(count):
        at = rng.randrange(1, len(lines))
        lines.insert(at, make(rng))
    return "\n".join(lines)


def footers(text: str, rng: random.Random, count: int = 6) -> str:
    """Page footers (``— 12 —``, ``第 3 页 共 20 页``) between any two lines, alone or as a page break prints them: with
    blank lines around."""
    def footer(r: random.Random) -> str:
        page = r.randint(1, 60)
        mark = r.choice((f"— {page} —", f"- {page} -", f"第 {page} 页 共 60 页"))
        return r.choice((mark, f"\n{mark}\n"))
    return _insert_lines(text, rng, footer, count)


#: Watermark words no vocabulary of the reader lists (rules/vocabulary.toml knows others): a reader finds these because
#: they recur on every page, as a watermark does, not because it was told them.
WATERMARKS = ("内部资料注意保密", "审阅稿请勿外传", "仅限本单位内部使用", "送审稿请勿转发")


def watermarks(text: str, rng: random.Random, count: int = 6) -> str:
    """A watermark from outside the reader's vocabulary, recurring (three times at least) on lines of its own between
    any two lines, with blank lines around it or not."""
    known = set(vocabulary()["layout"]["watermarks"])
    word = rng.choice([w for w in WATERMARKS if w not in known])
    return _insert_lines(text, rng, lambda r: r.choice((word, f"\n{word}\n")), max(count, 3))


def _is_short_line(line: str) -> bool:
    """A title, a heading or a header word: a short line without digits (not a TAB row)."""
    text = line.strip()
    return 4 <= len(text) <= 16 and "\t" not in line and not re.search(r"[0-9０-９]", text)


def letter_spaced_titles(text: str, rng: random.Random) -> str:
    """Short lines (table titles, headings, header words: any, not those the reader's vocabulary lists) printed with a
    space between their characters (``收 入 支 出 决 算 总 表``, ``十 二 、 农 林 水 支 出``); in the 绩效自评表 appendix,
    whose cells stand one per line, the tables' titles only (its cells are the performance readers' tests)."""
    lines = text.split("\n")
    appendix = next((i for i, line in enumerate(lines) if "绩效自评表" in line.replace(" ", "") and len(line.strip()) < 40), len(lines))
    for i, line in enumerate(lines):
        title = "绩效自评表" in line.replace(" ", "") and len(line.strip()) < 40 and "\t" not in line
        if (title or i < appendix and _is_short_line(line)) and rng.random() < 0.8:
            lines[i] = " ".join(line.strip().replace(" ", ""))
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
        mapped = block.text
        for origin in (mapped.origin(0), mapped.origin(len(mapped.text) - 1)) if mapped.text else ():
            lines.add(document.position(origin)[0] - 1)
        lines.update(document.position(mapped.origin(i))[0] - 1 for i in range(0, len(mapped.text), 8))
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
