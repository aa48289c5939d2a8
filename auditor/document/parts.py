"""Where a file that holds several disclosures one after another divides into them.

A department's file often bundles its own 决算公开 and each subordinate unit's, one after
another. Read as one document, figures of one unit are compared with another's. The
signal that a new disclosure begins is layout-independent: the standard template's part
numbering starts again (a ``第一部分`` heading after a later part, 第二部分 … 第四部分), with a
whole disclosure on both sides of it. A whole disclosure holds at least one standard table
(its title, then rows of figures) or 情况说明 prose (a sentence stating money in the part that
第三部分 or a title naming 说明 opens). So a table of
contents (目录 lists 第一部分 … 第四部分 before the body does) never divides a disclosure: the
text before the body's 第一部分 holds no table and no sentence of money. When unsure, the
file stays one document (docs/domain.md §5: unknown is never wrong).

The cut goes at the first restart after the previous disclosure's last table or sentence of
money (a new disclosure's own 目录 goes with it), moved up over the title lines just above it
(the cover: the unit's name, ``2022年度部门决算公开``, 目录). A report appended to a disclosure
(a project's 绩效自评报告) may number its own parts and state money in its third: the part after
a restart is a disclosure only if it prints a standard table or its cover names a 决算.
"""

from __future__ import annotations

import bisect
import re

from auditor.document.model import Document, normalise, written_as
from auditor.document.regions import figures, is_table_title
from auditor.document.titles import CN_NUM, _title_shaped, compact, heading_match

_TABLE_REACH = 12  # lines below a table's title within which its first row of figures stands (its header above it)
_COVER_LINES = 4  # title lines (unit name, year and title, 目录) a cover may print above 第一部分
_PART_TITLE_LINES = 2  # non-blank lines under a part heading that may print its title
_EXPLANATION_PART = 3  # the template's 第三部分 is the 情况说明
_MONEY = re.compile(r"\d\s*(?:万元|亿元|千元|元)")
_SENTENCE = re.compile(r"[,;。]")  # normalised: ，； are ASCII by now
_PART_OPENS = tuple(written_as("第"))


def disclosure_starts(document: Document) -> tuple[int, ...]:
    """The 0-based lines where each disclosure after the first begins; () for a file that holds one (or when unsure)."""
    restarts, evidence = _scan(document)
    if not restarts or not evidence:
        return ()
    starts: list[int] = []
    floor = 0  # where the disclosure being read began
    for k, restart in enumerate(restarts):
        following = restarts[k + 1] if k + 1 < len(restarts) else len(document.lines)
        above = bisect.bisect_left(evidence, restart)  # evidence[:above] stands before the restart
        if above == 0 or evidence[above - 1] < floor or above == len(evidence) or evidence[above] >= following:
            continue
        last = evidence[above - 1]
        # the first restart after the previous disclosure's last table or sentence of money: a 目录 goes with its disclosure
        first_restart = next(r for r in restarts if r > last)
        cut = _cover_above(document, first_restart, last)
        if not (_names_a_final_account(document, cut, first_restart)
                or any(is_table_title(document.lines[e]) for e in evidence[above:] if e < following)):
            continue  # a report appended to a disclosure numbers its own parts too: a disclosure prints a table or names itself
        starts.append(cut)
        floor = cut
    return tuple(starts)


def _scan(document: Document) -> tuple[list[int], list[int]]:
    """(the 第一部分 lines that follow a later part, the lines that show a disclosure: a standard table's title with a row
    of figures below it, a sentence of money in the 情况说明 part)."""
    restarts: list[int] = []
    evidence: list[int] = []
    previous_part = 0  # the number of the last part heading read
    title = -1  # the last table title read, waiting for its first row of figures
    explanation = False  # inside the 情况说明 part
    title_lines = 0  # lines after a part heading that may still be its title (``第三部分`` / ``2022 年度部门决算情况说明``)
    for index, raw in enumerate(document.lines):
        if "部" in raw and raw.lstrip().startswith(_PART_OPENS):  # a part heading opens with 第, letter-spaced or not
            part = _part_number(raw)
            if part is not None:
                if part == 1 and previous_part > 1:
                    restarts.append(index)
                previous_part, title_lines = part, _PART_TITLE_LINES
                explanation = _explains(part, raw)
                continue
        if title_lines and raw.strip():
            title_lines -= 1
            explanation = explanation or _explains(previous_part, raw)
        if "表" in raw and is_table_title(raw):
            title = index
            continue
        if title >= 0 and index - title <= _TABLE_REACH and len(figures(normalise(raw))) >= 2:
            evidence.append(title)
            title = -1
            continue
        if explanation and "元" in raw:
            text = normalise(raw)
            if _MONEY.search(text) and _SENTENCE.search(text):
                evidence.append(index)
    return restarts, sorted(evidence)


def _explains(part: int, raw: str) -> bool:
    """Does a part heading, or a title line under it, open the 情况说明: the template's 第三部分, or a part's title naming
    说明 (as the report's coverage reads a 情况说明, extract/coverage.py); a lower heading (一、…说明) does not."""
    if part == _EXPLANATION_PART:
        return True
    if "说明" not in raw or not _title_shaped(compact(raw)):
        return False
    heading = heading_match(normalise(raw).strip())
    return heading is None or heading[0] == 0


def _part_number(raw: str) -> int | None:
    """The number of the part heading (第三部分 → 3) that opens the line, letter-spaced or not; None for any other line."""
    found = heading_match(normalise(raw).strip())
    if found is None or found[0] != 0:
        return None
    return _cn_number(found[1][1:-2])


def _cn_number(numeral: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20: the part numbers a template prints."""
    if "十" not in numeral:
        return CN_NUM.index(numeral[-1]) + 1 if numeral else 0
    tens, _, units = numeral.partition("十")
    return (CN_NUM.index(tens) + 1 if tens else 1) * 10 + (CN_NUM.index(units) + 1 if units else 0)


def _cover_above(document: Document, line: int, floor: int) -> int:
    """The first of the title lines just above ``line`` (blank lines between them), never at or above ``floor``."""
    lines = document.lines
    cut, seen, index = line, 0, line - 1
    while index > floor and seen < _COVER_LINES:
        raw = lines[index]
        if raw.strip():
            if not _cover_line(raw):
                break
            cut, seen = index, seen + 1
        index -= 1
    return cut


def _names_a_final_account(document: Document, cut: int, restart: int) -> bool:
    """Does the cover above a restart (its title lines ``[cut, restart)``) name a 决算, as a disclosure's title does?"""
    return any("决算" in normalise(document.lines[index]) for index in range(cut, restart))


def _cover_line(raw: str) -> bool:
    """A title line of a cover: short, no sentence punctuation, no cell separator, no heading, no figures of a row."""
    if "\t" in raw.strip():
        return False
    text = normalise(raw).strip()
    return (_title_shaped(compact(text)) and ":" not in text and heading_match(text) is None
            and not figures(text) and not is_table_title(raw))
