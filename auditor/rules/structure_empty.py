"""The ``structure.empty`` rule: 空表没有说明，或说明写在了别的表下."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules._structure import _extraction_lost
from auditor.rules.base import Message, rule
from auditor.rules.common import finding_at

MESSAGES = {
    "unexplained": Message("warning", "「{title}」没有数字，也没有说明为什么是空表"),
    "other-table": Message("error", "「{title}」下的空表说明讲的是{kinds}，不是本表"),
    "not-empty": Message("error", "「{title}」说明本表无数据（{statement}），表中却有数字 {figure}"),
}


@rule("structure.empty", "空表没有说明，或说明写在了别的表下", messages=MESSAGES)
def check_empty_tables(facts: Facts):
    """A table printed without figures says that it is empty and why, and the statement names that table; a table said to be empty prints no money.

    ``说明：本单位本年度没有政府性基金预算财政拨款收入和支出，故本表无数据`` under the
    政府性基金 table is right. The same statement under the 国有资本经营 table names
    another fund: an error (it was copied under the wrong table). A table with no
    figure and no statement (无收支 / 以空表列示 / 无数据, rules/vocabulary.toml) is a
    warning: the reader cannot tell an empty table from one the extraction lost. A table said to be empty that prints
    money that is not zero contradicts its own statement: an error.
    """
    c = facts.checklist
    if _extraction_lost(facts):
        return
    for table in c.body_tables:
        names_another = bool(table.kinds and table.statement_kinds and not set(table.kinds) & set(table.statement_kinds))
        if table.figure is not None and not names_another:
            said = MESSAGES["not-empty"]  # the statement names this table's fund (or none), yet the table prints money
            yield finding_at(facts, "structure.empty", said.severity,
                             said.format(title=table.title, statement=table.saying, figure=table.figure.text),
                             (table.figure.start, table.figure.end), [(table.statement.start, table.statement.end)], stated=table.figure.text)
        if table.has_figures:
            continue
        if table.statement is None:
            said = MESSAGES["unexplained"]
            yield finding_at(facts, "structure.empty", said.severity, said.format(title=table.title), (table.start, table.end),
                             stated=table.title)
        elif names_another:
            said = MESSAGES["other-table"]
            yield finding_at(facts, "structure.empty", said.severity, said.format(title=table.title, kinds="、".join(table.statement_kinds)),
                             (table.statement.start, table.statement.end), [(table.start, table.end)], stated=table.statement.text)
