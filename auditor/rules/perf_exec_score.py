"""The ``perf.exec-score`` rule: 绩效自评表的预算执行率得分与分值 × 执行率不符."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.extract.facts import Facts
from auditor.finding import Finding
from auditor.rules._perf_table import _implied_exec_score, reading
from auditor.rules.base import rule
from auditor.rules.common import finding_at, show, truncation_note, verdict


@rule("perf.exec-score", "绩效自评表的预算执行率得分与分值 × 执行率不符")
def check_exec_score(facts: Facts) -> Iterator[Finding]:
    """The 预算执行率 score is its weight × the execution rate, capped at the weight.

    A score that only truncation explains (rate 94.2699 shown as 9.42) is a warning.
    """
    for table in facts.perf_tables:
        if table.exec_score is None or (table.exec_weight is None and not reading(table).confirmed):
            continue  # a weight assumed to be 10 that the table's own weights do not bear out checks nothing
        implied = _implied_exec_score(table)
        if implied is None:
            continue
        expected, basis = implied
        severity = verdict(table.exec_score.quantity, expected)
        if severity:
            places = table.exec_score.quantity.places + 1
            note = truncation_note(severity)
            yield finding_at(
                facts, "perf.exec-score", severity,
                f"「{table.project}」预算执行率得分 {table.exec_score.text}：按{basis}应为 {show(expected, places)}{note}",
                table.exec_score, [table.exec_weight, table.executed, table.budget, table.rate],
                stated=table.exec_score.text, expected=show(expected, places),
            )
