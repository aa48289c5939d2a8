"""The ``perf.summary`` rule: 项目绩效的文字说明与其自评表不符，或写错了项目."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.extract.facts import Facts, StatementLink
from auditor.finding import Finding
from auditor.perf.model import Figure
from auditor.rules.base import rule
from auditor.rules.common import finding_at


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
