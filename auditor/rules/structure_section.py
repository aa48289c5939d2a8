"""The ``structure.section`` rule: 目录列出的情况说明章节在正文中没有找到."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules.base import Message, rule
from auditor.rules.common import finding_at

MESSAGES = {"missing": Message("warning", "目录列出的「{title}」在正文中没有找到对应的标题")}


@rule("structure.section", "目录列出的情况说明章节在正文中没有找到", severity="warning", messages=MESSAGES)
def check_missing_sections(facts: Facts):
    """Every numbered section the 目录 lists under 情况说明 (``九、财政拨款“三公”经费支出决算情况说明``) has a heading in the body.

    Titles are compared without 的, 情况, 说明, quotes and brackets, and one may contain the
    other, so ``十一、其他重要事项说明`` is found as ``十一、其他重要事项的情况说明``. A listed
    section with no such heading is a warning (a heading reworded beyond that is not told
    from a missing section); when the body's headings cannot be read at all, nothing is said.
    """
    missing = MESSAGES["missing"]
    for section in facts.checklist.listed_sections:
        if not section.found:
            yield finding_at(facts, "structure.section", missing.severity, missing.format(title=section.title),
                             (section.start, section.end), stated=section.title)
