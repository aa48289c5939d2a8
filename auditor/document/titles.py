"""Titles recognised wherever they stand, however they are spaced.

A title may be printed letter-spaced (``项 目 支 出 绩 效 自 评 表``) and repeat once per
table; it is compared with its spaces removed. One recogniser serves the layout (where
the performance appendix begins, which short recurring lines are watermarks) and the
performance-table reader (where each table begins). The heading patterns that give prose
its scope live here too, for the layout and for the table regions (a heading above a table
is the table's scope, not one of its lines).
"""

from __future__ import annotations

import re

from auditor.document.model import normalise

CN_NUM = "一二三四五六七八九十"
# Headings that give prose its scope, (level, pattern); the first group is the marker, the rest
# of the line is content: 第X部分 > 一、 > （一） > 1. > （1）.
HEADINGS = [
    (0, re.compile(rf"^(第[{CN_NUM}]+部分)\s*")),
    (1, re.compile(rf"^([{CN_NUM}]+、)\s*")),
    (2, re.compile(rf"^(\([{CN_NUM}]+\))\s*")),
    (3, re.compile(r"^(\d{1,2}\s*(?:、|\.(?!\d)))\s*")),
    (4, re.compile(r"^(\(\d{1,2}\))\s*")),
]
# The same patterns as one alternation, tried in the same order (each alternative's one group is its marker): a line is
# told by one match, not one per level.
_ANY_HEADING = re.compile("|".join(f"(?:{pattern.pattern.removeprefix('^')})" for _, pattern in HEADINGS))
_LEVEL_OF_GROUP = (None, *(level for level, _ in HEADINGS))  # m.lastindex → level
# An ordinal opening a label or a title (一、, （一）, 1. or 1、, never the 1. of 1.5), dropped where labels are compared.
ORDINAL = re.compile(rf"^(?:[{CN_NUM}]+、|\([{CN_NUM}]+\)|\d{{1,2}}[.、](?!\d))")
_PERF_TABLE = re.compile(r"绩效自评表(?:\(\d{4}年度\))?$")
_PERF_REPORT = re.compile(r"(?:绩效评价报告|绩效自评\(\d{4}年度\))$")
_TITLE_MAX = 60  # characters: a longer line is prose that mentions a table
_SENTENCE = re.compile(r"[,;。，；]")


_SINGLE_SPACE = re.compile(r"(?<=\S) (?=\S)")
_WIDE_GAP = re.compile(r"\s{2,}")


def letter_spaced(text: str) -> bool:
    """Is the line printed with a space between its characters (``九 、 预 算 绩 效``, ``收 入   支 出``)?
    Three or more tokens, and three in four a single character."""
    if " " not in text[:4]:  # a letter-spaced line has a space among its first characters: most lines are told here
        return False
    tokens = text.split()
    return len(tokens) >= 3 and sum(len(t) == 1 for t in tokens) * 4 >= len(tokens) * 3


def despaced(text: str) -> tuple[str, list[int]]:
    """A letter-spaced line as typed: the single spaces between its characters dropped, a wider gap (a word
    boundary: ``使 用 非 财 政 拨 款 结 余   结 余 分 配``) kept as one space; and for each character kept, its
    offset in ``text``. Any other line comes back as it is."""
    if not letter_spaced(text):
        return text, list(range(len(text)))
    kept: list[int] = []
    out: list[str] = []
    index = 0
    while index < len(text):
        gap = _WIDE_GAP.match(text, index)
        if gap:
            out.append(" ")
            kept.append(index)
            index = gap.end()
            continue
        if not _SINGLE_SPACE.match(text, index):
            out.append(text[index])
            kept.append(index)
        index += 1
    return "".join(out), kept


def as_typed(text: str) -> str:
    """The line as typed: :func:`despaced` without the offsets (a line not letter-spaced is returned as it is)."""
    return despaced(text)[0] if letter_spaced(text) else text


def heading_match(text: str) -> tuple[int, str, int] | None:
    """(level, marker, where its content begins in ``text``) of the heading that opens the normalised, stripped
    ``text``, letter-spaced or not (``九 、 预 算 绩 效 情 况 说 明`` is 九、); None for a line that opens no heading."""
    m = _ANY_HEADING.match(text)
    if m:
        return _LEVEL_OF_GROUP[m.lastindex], m.group(m.lastindex).replace(" ", ""), m.end()
    if not letter_spaced(text):
        return None
    plain, offsets = despaced(text)
    m = _ANY_HEADING.match(plain)
    if m:
        end = offsets[m.end()] if m.end() < len(offsets) else len(text)
        return _LEVEL_OF_GROUP[m.lastindex], m.group(m.lastindex).replace(" ", ""), end
    return None


def is_prose_heading(text: str) -> bool:
    """A heading below the part level (一、 （一） 1. （1）) opens the normalised, stripped ``text``."""
    found = heading_match(text)
    return found is not None and found[0] > 0


def compact(line: str) -> str:
    """The line normalised (full-width to ASCII) with every space removed (``str.split`` splits on the white space
    ``\\s`` matches)."""
    return "".join(normalise(line).split())


def _title_shaped(text: str) -> bool:
    """Short, no sentence punctuation, brackets closed: a title, not a wrapped line of prose that happens to end
    in a title's words (``…自评得分为 96 分（绩效自评表`` + newline + ``附后）``)."""
    return len(text) < _TITLE_MAX and not _SENTENCE.search(text) and text.count("(") <= text.count(")")


def is_perf_table_title(line: str) -> bool:
    """``2023 年度市级项目支出绩效自评表``, ``项 目 支 出 绩 效 自 评 表``, ``…绩效自评表（2021 年度）``."""
    if "效" not in line:  # every title says 绩效, and no character normalises to 效: most lines are told here
        return False
    text = compact(line)
    return _title_shaped(text) and bool(_PERF_TABLE.search(text))


def is_perf_title(line: str) -> bool:
    """A performance table's title, or a performance report's (绩效评价报告): the performance part begins."""
    if "效" not in line:  # as in is_perf_table_title
        return False
    text = compact(line)
    return _title_shaped(text) and bool(_PERF_TABLE.search(text) or _PERF_REPORT.search(text))
