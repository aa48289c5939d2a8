"""The ``structure.extraction`` rule: 文本中的报表疑似在提取时丢失（提示）."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules.base import rule
from auditor.rules.common import finding_at


@rule("structure.extraction", "文本中的报表疑似在提取时丢失（提示）", severity="info")
def check_extraction(facts: Facts):
    """Says once, as ``info``, that the tables seem lost from this text, so they were not checked.

    A 决算表 part heading with no table title and no figure after it (a PDF whose tables
    were images, a copy that kept only the prose), or a 目录 that lists tables none of
    which is found in the body. The missing tables are then not reported one by one.
    """
    c = facts.checklist
    if c.lost_tables is not None:
        yield finding_at(
            facts,
            "structure.extraction",
            "info",
            f"「{c.lost_tables.text}」之后没有报表内容，文本可能在提取时丢失了报表；报表未核对",
            (c.lost_tables.start, c.lost_tables.end),
        )
    elif c.listed_tables and not c.body_tables:
        first = c.listed_tables[0]
        yield finding_at(
            facts,
            "structure.extraction",
            "info",
            f"目录列出 {len(c.listed_tables)} 张报表，正文中一张也没有找到，文本可能在提取时丢失了报表；报表未核对",
            (first.start, first.end),
        )
