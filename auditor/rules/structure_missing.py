"""The ``structure.missing`` rule: 目录列出的报表在正文中缺失."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules._structure import _extraction_lost
from auditor.rules.base import Message, rule
from auditor.rules.common import finding_at

MESSAGES = {"missing": Message("error", "目录列出的「{title}」在正文中没有找到")}


@rule("structure.missing", "目录列出的报表在正文中缺失", messages=MESSAGES)
def check_missing_tables(facts: Facts):
    """Every standard table the document's own 目录 lists has its title in the body.

    The 目录 (``二、收入决算表``, ``- 六、一般公共预算财政拨款基本支出决算明细表``) is matched to
    the table titles of ``rules/vocabulary.toml``; the body is searched for a line that
    is that title (a department name or year may stand before it). A listed table whose
    title is nowhere in the body is an error naming it. When no listed table at all is
    found, or the 决算表 part is empty, the text extraction lost the tables: that is said
    once by ``structure.extraction``, never as nine missing tables.
    """
    c = facts.checklist
    if not c.listed_tables or _extraction_lost(facts):
        return
    present = {t.key for t in c.body_tables}
    missing = MESSAGES["missing"]
    for listed in c.listed_tables:
        if listed.key not in present:
            yield finding_at(facts, "structure.missing", missing.severity, missing.format(title=listed.title),
                             (listed.start, listed.end), stated=listed.title)
