"""The ``wording.budget`` rule: “决算数大于/小于/等于预算数”与所列数字不符."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.quantity import ONE_HUNDRED, Interval
from auditor.rules.base import rule
from auditor.rules.common import finding_at


def _contradicts(word: str, actual: Interval, budget: Interval) -> bool:
    """True when no values inside the rounding intervals make ``actual word budget`` hold."""
    if word == ">":
        return actual.hi <= budget.lo
    if word == "<":
        return actual.lo >= budget.hi
    return not actual.overlaps(budget)


def _relation(actual: Interval, budget: Interval) -> str:
    if actual.lo >= budget.hi:
        return "大于"
    if actual.hi <= budget.lo:
        return "小于"
    return "等于"


@rule("wording.budget", "“决算数大于/小于/等于预算数”与所列数字不符")
def check_budget_wording(facts: Facts):
    """``决算数大于 / 小于 / 等于预算数`` (or ``与预算持平``) agrees with the budget and final figures stated before it.

    The phrase explains the figures of its own sentence, or of the sentence before when
    its own states none (``年初预算为 76.33 万元，支出决算为 39.99 万元。决算数小于预算数的主要原因：…``),
    or, when the two figures are not both stated, the completion rate (``完成年初预算的
    95.45%``: below 100% means smaller). The figures decide when both are stated: a rate
    computed from unrounded figures (100.02%) does not make two equal printed figures differ.
    When no value inside the figures' rounding intervals makes the words true —
    ``大于`` where the final figure is smaller, ``等于`` or ``持平`` where the two differ —
    it is an error. A phrase with no budget or final figure near it is not checked.
    """
    hundred = ONE_HUNDRED
    for w in facts.checklist.budget_words:
        problems, related, truth = [], [], None
        if w.actual is not None and w.budget is not None:
            actual = w.actual.quantity.magnitude()
            related.append((w.actual.start, w.actual.end))
            budget = w.budget.quantity.magnitude()
            related.append((w.budget.start, w.budget.end))
            truth = _relation(actual, budget)
            if _contradicts(w.word, actual, budget):
                problems.append(f"决算数 {w.actual.quantity.display()}{truth}预算数 {w.budget.quantity.display()}")
        elif w.rate is not None:
            rate = w.rate.quantity.interval()
            related.append((w.rate.start, w.rate.end))
            truth = truth or _relation(rate, hundred)
            if _contradicts(w.word, rate, hundred):
                problems.append(f"完成预算的 {w.rate.quantity.display()}，决算数{_relation(rate, hundred)}预算数")
        if problems:
            yield finding_at(
                facts,
                "wording.budget",
                "error",
                f"写「{w.text}」，但{'；'.join(problems)}",
                (w.start, w.end),
                related,
                stated=w.text,
                expected=f"决算数{truth}预算数",
            )
