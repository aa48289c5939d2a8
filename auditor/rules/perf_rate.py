"""The ``perf.rate`` rule: 绩效自评表的执行率、结转结余与预算数、执行数不符."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.extract.facts import Facts
from auditor.finding import Finding
from auditor.quantity import ONE_HUNDRED
from auditor.rules._perf_table import _iv
from auditor.rules.base import Message, rule
from auditor.rules.common import finding_at, show, verdict

_RATE = "「{project}」执行率 {rate}%：按执行数 {executed} ÷ 预算数 {budget} 应为 {implied}"
#: A rate only truncation explains is a warning (docs/domain.md §5), in the same words.
MESSAGES = {
    "rate": Message("error", _RATE),
    "rate-truncated": Message("warning", _RATE),
    "balance": Message("error", "「{project}」结转结余 {balance} 万元：按预算数 {budget} − 执行数 {executed} 应为 {implied}"),
}


@rule("perf.rate", "绩效自评表的执行率、结转结余与预算数、执行数不符", messages=MESSAGES)
def check_rate(facts: Facts) -> Iterator[Finding]:
    """In each 项目支出绩效自评表, 执行率 = 执行数 ÷ 全年预算数 and 结转结余 = 预算数 − 执行数.

    Money and the rate stand for their rounding intervals, so 执行数 113.123041 of 预算数
    120 fits a rate printed 94.27 (94.269%). A rate that only truncation explains is a
    warning; a 结转结余 that misses 预算数 − 执行数 is an error. Each check needs all its
    figures printed: a table without the rate or the 结转结余 is not checked for it, and a
    预算数 of 0 gives no rate to check.
    """
    for table in facts.perf_tables:
        if table.rate and table.budget and table.executed and _iv(table.budget).lo > 0:
            implied = _iv(table.executed) / _iv(table.budget) * ONE_HUNDRED
            severity = verdict(table.rate.quantity, implied)
            if severity:
                said = MESSAGES["rate" if severity == "error" else "rate-truncated"]
                yield finding_at(
                    facts, "perf.rate", said.severity,
                    said.format(project=table.project, rate=table.rate.text, executed=table.executed.text, budget=table.budget.text,
                                implied=show(implied, table.rate.quantity.places + 1, "%")),
                    table.rate, [table.executed, table.budget],
                    stated=f"{table.rate.text}%", expected=show(implied, table.rate.quantity.places + 1, "%"),
                )
        if table.balance and table.budget and table.executed:
            implied = _iv(table.budget) - _iv(table.executed)
            if not _iv(table.balance).overlaps(implied):
                places = max(table.balance.quantity.places, table.budget.quantity.places)
                said = MESSAGES["balance"]
                yield finding_at(
                    facts, "perf.rate", said.severity,
                    said.format(project=table.project, balance=table.balance.text, budget=table.budget.text, executed=table.executed.text,
                                implied=show(implied, places, "万元")),
                    table.balance, [table.budget, table.executed],
                    stated=f"{table.balance.text}万元", expected=show(implied, places, "万元"),
                )
