"""Perturbations of a document's layout that must not change what it says (DOMAIN.md §6).

Each takes the text and a random generator and returns the same document laid out
otherwise: page footers or watermark lines between lines, titles printed letter-spaced,
TAB-separated cells printed as runs of spaces. Used by the layout-invariance property
tests and by ``benchmarks/layout.py``, which measures the share of errors each keeps.
"""

from __future__ import annotations

import random
import re
from collections import Counter

import auditor
from auditor.document.titles import compact
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


PERTURBATIONS = {
    "footers": footers,
    "watermarks": watermarks,
    "letter-spaced titles": letter_spaced_titles,
    "tabs to spaces": tabs_to_spaces,
}


def error_signature(text: str) -> Counter:
    """The errors a text gives, by what they say (rule, stated, expected), not where they stand."""
    return Counter((f.rule, f.stated, f.expected) for f in auditor.check(text).errors)
