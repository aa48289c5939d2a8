"""Rules `structure.*`: the standard tables the document's own 目录 lists, against its body."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules.base import rule
from auditor.rules.common import finding_at


def _extraction_lost(facts: Facts) -> bool:
    """The tables cannot be judged present or absent: the extraction lost them, or none was found at all."""
    c = facts.checklist
    return c.lost_tables is not None or not c.body_tables


@rule("structure.missing", "目录列出的报表在正文中缺失")
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
    for listed in c.listed_tables:
        if listed.key not in present:
            yield finding_at(
                facts,
                "structure.missing",
                "error",
                f"目录列出的「{listed.title}」在正文中没有找到",
                (listed.start, listed.end),
                stated=listed.title,
            )


@rule("structure.order", "报表重复出现或顺序与目录不同", severity="warning")
def check_table_order(facts: Facts):
    """The listed tables stand in the body once each and in the 目录's order.

    A title that appears twice (a table printed twice, or a second table under the
    first one's title) and a table that stands before one the 目录 lists ahead of it are
    warnings: a table continued on a new page may repeat its title.
    """
    c = facts.checklist
    if not c.listed_tables or _extraction_lost(facts):
        return
    order = {t.key: t.position for t in c.listed_tables}
    seen: dict[str, tuple[int, int]] = {}
    latest = None
    for table in c.body_tables:
        if table.key not in order:
            continue
        if table.key in seen:
            yield finding_at(
                facts,
                "structure.order",
                "warning",
                f"「{table.title}」在正文中出现了两次",
                (table.start, table.end),
                [seen[table.key]],
                stated=table.title,
            )
            continue
        seen[table.key] = (table.start, table.end)
        if latest is not None and order[table.key] < order[latest.key]:
            yield finding_at(
                facts,
                "structure.order",
                "warning",
                f"「{table.title}」排在「{latest.title}」之后，与目录的顺序不同",
                (table.start, table.end),
                [(latest.start, latest.end)],
                stated=table.title,
            )
        else:
            latest = table


@rule("structure.empty", "空表没有说明，或说明写在了别的表下")
def check_empty_tables(facts: Facts):
    """A table printed without figures says that it is empty and why, and the statement names that table.

    ``说明：本单位本年度没有政府性基金预算财政拨款收入和支出，故本表无数据`` under the
    政府性基金 table is right. The same statement under the 国有资本经营 table names
    another fund: an error (it was copied under the wrong table). A table with no
    figure and no statement (无收支 / 以空表列示 / 无数据, rules/vocabulary.toml) is a
    warning: the reader cannot tell an empty table from one the extraction lost.
    """
    c = facts.checklist
    if _extraction_lost(facts):
        return
    for table in c.body_tables:
        if table.has_figures:
            continue
        if table.statement is None:
            yield finding_at(
                facts,
                "structure.empty",
                "warning",
                f"「{table.title}」没有数字，也没有说明为什么是空表",
                (table.start, table.end),
                stated=table.title,
            )
        elif table.kinds and table.statement_kinds and not set(table.kinds) & set(table.statement_kinds):
            yield finding_at(
                facts,
                "structure.empty",
                "error",
                f"「{table.title}」下的空表说明讲的是{'、'.join(table.statement_kinds)}，不是本表",
                (table.statement.start, table.statement.end),
                [(table.start, table.end)],
                stated=table.statement.text,
            )


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


@rule("structure.section", "目录列出的情况说明章节在正文中没有找到", severity="warning")
def check_missing_sections(facts: Facts):
    """Every numbered section the 目录 lists under 情况说明 (``九、财政拨款“三公”经费支出决算情况说明``) has a heading in the body.

    Titles are compared without 的, 情况, 说明, quotes and brackets, and one may contain the
    other, so ``十一、其他重要事项说明`` is found as ``十一、其他重要事项的情况说明``. A listed
    section with no such heading is a warning (a heading reworded beyond that is not told
    from a missing section); when the body's headings cannot be read at all, nothing is said.
    """
    for section in facts.checklist.listed_sections:
        if not section.found:
            yield finding_at(
                facts,
                "structure.section",
                "warning",
                f"目录列出的「{section.title}」在正文中没有找到对应的标题",
                (section.start, section.end),
                stated=section.title,
            )
