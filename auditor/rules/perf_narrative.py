"""The ``perf.narrative`` rule: 绩效自评表的文字叙述与指标的实际完成值或目标值不符."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.extract.facts import Facts
from auditor.finding import Finding
from auditor.perf.model import PerfTable
from auditor.rules._perf_table import _iv, _where
from auditor.rules.base import rule
from auditor.rules.common import finding_at


@rule("perf.narrative", "绩效自评表的文字叙述与指标的实际完成值或目标值不符")
def check_narrative(facts: Facts) -> Iterator[Finding]:
    """A figure of a table's text restating an indicator: results equal the row's actual value, targets its target.

    Text under 实际完成情况 / 评价结论 / "截至…完成了" states results (docs/domain.md §4): "完成了水质采样
    48 次" beside the row ``水质采样次数 ≥48次 52次`` is an *error* when the phrase names the
    indicator (its name, or its name less 次数/数量 …) in the same unit; a looser match (the
    phrase shares four or more characters and its measure with the name) is a *warning*. A
    result equal to the target says so: the writer often copies the target where the actual
    differs. An actual written as a bound (``≥90%``) holds any result within it.

    Text under 年度目标 / 绩效目标 / 目标N： states targets and is held against the target:
    "年度目标：…设备完好率 90%" beside ``设备完好率 ≥90% 98%`` is consistent, "…95%" is not.
    Text under neither is read for neither.
    """
    for table in facts.perf_tables:
        for claim in table.narrative:
            finding = _result(facts, table, claim) if claim.states == "result" else _target(facts, table, claim)
            if finding is not None:
                yield finding


_WITHIN = {"≥": lambda said, bound: said.hi >= bound.lo, ">": lambda said, bound: said.hi > bound.lo,
           "≤": lambda said, bound: said.lo <= bound.hi, "<": lambda said, bound: said.lo < bound.hi}


def _result(facts: Facts, table: PerfTable, claim) -> Finding | None:
    indicator = claim.indicator
    actual, said = indicator.actual, _iv(claim.figure)
    if actual is None or said.overlaps(_iv(actual)):
        return None
    if indicator.actual_bound in _WITHIN and _WITHIN[indicator.actual_bound](said, _iv(actual)):
        return None  # the row says ≥90%: a result of 95% is within it
    target = indicator.target
    copied = "（与目标值相同，疑照抄了目标）" if target is not None and said.overlaps(_iv(target)) else ""
    unit = claim.figure.quantity.unit
    return finding_at(
        facts, "perf.narrative", "error" if claim.tight else "warning",
        f"「{table.project}」叙述称「{claim.phrase}」{claim.figure.text}{unit}，而指标「{indicator.name}」"
        f"实际完成值为 {indicator.actual_text}（{_where(facts, actual)}）{copied}"
        + ("" if claim.tight else "；叙述与指标名称只部分相同，请核实是否同一指标"),
        claim.figure, [actual, target],
        stated=f"{claim.figure.text}{unit}", expected=indicator.actual_text,
    )


def _target(facts: Facts, table: PerfTable, claim) -> Finding | None:
    indicator = claim.indicator
    target = indicator.target
    if target is None or _iv(claim.figure).overlaps(_iv(target)):
        return None
    unit = claim.figure.quantity.unit
    goal = f"{indicator.operator or ''}{target.text}{target.quantity.unit}"
    return finding_at(
        facts, "perf.narrative", "error" if claim.tight else "warning",
        f"「{table.project}」目标叙述称「{claim.phrase}」{claim.figure.text}{unit}，而指标「{indicator.name}」"
        f"目标值为 {goal}（{_where(facts, target)}）" + ("" if claim.tight else "；叙述与指标名称只部分相同，请核实是否同一指标"),
        claim.figure, [target],
        stated=f"{claim.figure.text}{unit}", expected=goal,
    )
