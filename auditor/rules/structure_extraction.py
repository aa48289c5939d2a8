"""The ``structure.extraction`` rule: 文本中的报表疑似在提取时丢失（提示）."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules.base import Message, rule
from auditor.rules.common import finding_at

MESSAGES = {
    "part-empty": Message("info", "「{heading}」之后没有报表内容，文本可能在提取时丢失了报表；报表未核对"),
    "none-found": Message("info", "目录列出 {listed} 张报表，正文中一张也没有找到，文本可能在提取时丢失了报表；报表未核对"),
}


@rule("structure.extraction", "文本中的报表疑似在提取时丢失（提示）", severity="info", messages=MESSAGES)
def check_extraction(facts: Facts):
    """Says once, as ``info``, that the tables seem lost from this text, so they were not checked.

    A 决算表 part heading with no table title and no figure after it (a PDF whose tables
    were images, a copy that kept only the prose), or a 目录 that lists tables none of
    which is found in the body. The missing tables are then not reported one by one.
    """
    c = facts.checklist
    if c.lost_tables is not None:
        said = MESSAGES["part-empty"]
        yield finding_at(facts, "structure.extraction", said.severity, said.format(heading=c.lost_tables.text),
                         (c.lost_tables.start, c.lost_tables.end))
    elif c.listed_tables and not c.body_tables:
        first, said = c.listed_tables[0], MESSAGES["none-found"]
        yield finding_at(facts, "structure.extraction", said.severity, said.format(listed=len(c.listed_tables)), (first.start, first.end))
