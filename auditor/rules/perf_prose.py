"""Rules `perf.summary` and `perf.rollup`: what the prose says about the performance tables.

Which table a statement is about, and which figures a 存在问题 cell restates, is read by
the link stage (:mod:`auditor.link.perf`); these rules only compare.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from auditor.extract.facts import Facts, StatementLink
from auditor.finding import Finding
from auditor.perf.model import Figure, PerfTable
from auditor.quantity import Interval, interval_sum
from auditor.rules.base import rule
from auditor.rules.common import finding_at, show
from auditor.rules.perf_table import grade_bands


def _differs(stated: Figure, table_figure: Figure | None) -> bool:
    """Two printings of one figure differ: at the same precision any difference counts, else their intervals are apart."""
    if table_figure is None:
        return False
    a, b = stated.quantity, table_figure.quantity
    if a.places == b.places:
        return a.value != b.value
    return not a.interval().overlaps(b.interval())


@rule("perf.summary", "项目绩效的文字说明与其自评表不符，或写错了项目")
def check_summary(facts: Facts) -> Iterator[Finding]:
    """The prose that restates a project agrees with that project's table, and names the project it sits under.

    * the numbered statement ``N、X项目绩效自评情况：…X项目绩效自评得分为 S 分…全年预算数为 B
      万元，执行数为 E 万元``: S is the table's 自评总分, B its 预算数, E its 执行数, and
      the project scored is the one in the item's heading;
    * a 存在问题 cell that names the table's own money (``财政拨款 45 万元，当年预算执行
      44.093 万元``) agrees with its 预算数 and 执行数.
    """
    for link in facts.statement_links:
        yield from _statement(facts, link)
    for problem in facts.problem_figures:
        if _differs(problem.stated, problem.printed):
            yield finding_at(
                facts, "perf.summary", "error",
                f"「{problem.table.project}」存在问题栏写「{problem.phrase}」，而本表{problem.named}为 {problem.printed.text} 万元",
                problem.stated, [problem.printed], stated=f"{problem.stated.text}万元", expected=f"{problem.printed.text}万元",
            )


def _statement(facts: Facts, link: StatementLink) -> Iterator[Finding]:
    s, own, scored = link.statement, link.own, link.scored
    if link.names_other and scored is not own:
        totals = [f"「{t.project}」表自评总分 {t.total.text}" for t in (own, scored) if t and t.total]
        whose = f"（{'，'.join(totals)}）" if totals else ""
        yield finding_at(
            facts, "perf.summary", "error",
            f"本条说明的是「{s.heading.text}」项目，却写「{s.subject.text}」项目绩效自评得分为 {s.score.text} 分{whose}",
            s.subject, [s.heading, own.total if own else None],
            stated=s.subject.text, expected=s.heading.text,
        )
    table = own or scored
    if table is None:
        yield finding_at(
            facts, "perf.summary", "info",
            f"未找到「{(s.heading or s.subject).text}」项目的绩效自评表，其得分和金额未核对",
            s.heading or s.subject, [],
        )
        return
    checks = (
        (s.score, table.total, "自评得分", "自评总分", "分"),
        (s.budget, table.budget, "全年预算数", "预算数", "万元"),
        (s.executed, table.executed, "执行数", "执行数", "万元"),
    )
    for stated, printed, said, named, unit in checks:
        if stated and _differs(stated, printed):
            where = facts.document.where(printed.start)
            yield finding_at(
                facts, "perf.summary", "error",
                f"「{table.project}」{said} {stated.text}{unit}，而其绩效自评表的{named}为 {printed.text}{unit}（{where}）",
                stated, [printed], stated=f"{stated.text}{unit}", expected=f"{printed.text}{unit}",
            )


def _grade_of(table: PerfTable) -> str | None:
    if table.grade:
        return table.grade.text[0]
    if table.total:
        value = table.total.quantity.value
        return next((g for g, (lo, hi) in grade_bands().items() if lo <= value < hi), None)
    return None


@rule("perf.rollup", "预算绩效说明中的项目个数、金额或等级分布与所附自评表不符", severity="warning")
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
            yield finding_at(
                facts, "perf.rollup", "warning",
                f"说明称 {rollup.count.text} 个项目，文中附绩效自评表 {len(tables)} 张",
                rollup.count, [], stated=rollup.count.text, expected=str(len(tables)),
            )
        if rollup.funds:
            yield from _funds(facts, rollup.funds, sums, len(tables))
        if rollup.grades:
            if None in graded:
                continue
            for grade, count in rollup.grades:
                if count.quantity.value != graded.get(grade, 0):
                    yield finding_at(
                        facts, "perf.rollup", "warning",
                        f"说明称 {count.text} 个项目自评等级为「{grade}」，所附绩效自评表中为 {graded.get(grade, 0)} 个",
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
    said = "，".join(f"{named}合计 {show(total, 2, '万元')}" for named, total in sums.items())
    yield finding_at(
        facts, "perf.rollup", "warning",
        f"说明称涉及资金 {funds.text} 万元，所附 {count} 张绩效自评表{said}",
        funds, [], stated=f"{funds.text}万元", expected=show(next(iter(sums.values())), 2, "万元"),
    )
