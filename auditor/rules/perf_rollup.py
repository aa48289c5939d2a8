"""The ``perf.rollup`` rule: 预算绩效说明中的项目个数、金额或等级分布与所附自评表不符."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from auditor.extract.facts import Facts
from auditor.finding import Finding
from auditor.perf.model import Figure, PerfTable
from auditor.quantity import Interval, interval_sum
from auditor.rules._perf_table import grade_bands
from auditor.rules.base import Message, rule
from auditor.rules.common import finding_at, show


def _grade_of(table: PerfTable) -> str | None:
    if table.grade:
        return table.grade.text[0]
    if table.total:
        value = table.total.quantity.value
        return next((g for g, (lo, hi) in grade_bands().items() if lo <= value < hi), None)
    return None


MESSAGES = {
    "count": Message("warning", "说明称 {stated} 个项目，文中附绩效自评表 {tables} 张"),
    "grade": Message("warning", "说明称 {stated} 个项目自评等级为「{grade}」，所附绩效自评表中为 {graded} 个"),
    "funds": Message("warning", "说明称涉及资金 {stated} 万元，所附 {tables} 张绩效自评表{sums}"),
}


@rule("perf.rollup", "预算绩效说明中的项目个数、金额或等级分布与所附自评表不符", severity="warning", messages=MESSAGES)
def check_rollup(facts: Facts) -> Iterator[Finding]:
    """The 预算绩效 section's counts and money agree with the performance tables the document carries.

    ``涉及二级项目64个`` needs 64 tables; ``共涉及资金 492.91 万元`` the tables' 全年预算数
    (or 年初预算数) added up; ``52个项目自评等级为“优”`` 52 tables graded 优 (by the
    grade printed, else by the total). A document may attach fewer tables than it
    evaluated, so these are warnings.

    The count may be of 一级 projects as well (``一级项目 6 个`` needs six tables); where
    both are given (``一级项目 0 个，二级项目 29 个``), the 二级 count is the one checked.
    """
    tables = facts.perf_tables
    if not tables or not facts.perf_rollups:
        return
    sums, graded = _table_sums(tables), Counter(_grade_of(t) for t in tables)
    for rollup in facts.perf_rollups:
        if rollup.count and rollup.count.quantity.value != len(tables):
            said = MESSAGES["count"]
            yield finding_at(
                facts, "perf.rollup", said.severity, said.format(stated=rollup.count.text, tables=len(tables)),
                rollup.count, [], stated=rollup.count.text, expected=str(len(tables)),
            )
        if rollup.funds:
            yield from _funds(facts, rollup.funds, sums, len(tables))
        if rollup.grades:
            if None in graded:
                continue
            for grade, count in rollup.grades:
                if count.quantity.value != graded.get(grade, 0):
                    said = MESSAGES["grade"]
                    yield finding_at(
                        facts, "perf.rollup", said.severity, said.format(stated=count.text, grade=grade, graded=graded.get(grade, 0)),
                        count, [], stated=count.text, expected=str(graded.get(grade, 0)),
                    )


def _table_sums(tables: tuple[PerfTable, ...]) -> dict[str, Interval]:
    """The tables' 全年预算数 and 年初预算数 added up, each where every table has it; once per document, not per roll-up."""
    sums = {}
    for field, named in (("budget", "全年预算数"), ("initial_budget", "年初预算数")):
        figures = [getattr(t, field) for t in tables]
        if all(figures):
            sums[named] = interval_sum(f.quantity.interval() for f in figures)
    return sums


def _funds(facts: Facts, funds: Figure, sums: dict[str, Interval], count: int) -> Iterator[Finding]:
    if not sums or any(funds.quantity.interval().overlaps(total) for total in sums.values()):
        return
    totals = "，".join(f"{named}合计 {show(total, 2, '万元')}" for named, total in sums.items())
    said = MESSAGES["funds"]
    yield finding_at(
        facts, "perf.rollup", said.severity, said.format(stated=funds.text, tables=count, sums=totals),
        funds, [], stated=f"{funds.text}万元", expected=show(next(iter(sums.values())), 2, "万元"),
    )
