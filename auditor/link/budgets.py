"""Implied budgets: list items with completion rates but no budgets of their own."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.extract.facts import BudgetComparison, Facts, ImpliedBudgets


def _rate_only(c: BudgetComparison | None) -> bool:
    return c is not None and c.rate is not None and c.budget is None and c.diff is None and not c.flat


def implied_budgets(facts: Facts) -> Iterator[ImpliedBudgets]:
    """A list whose whole and two or more parts each state only a completion rate (完成预算 93.3%)."""
    by_actual = {id(c.actual): c for c in facts.budgets}
    for lst in facts.lists:
        total = by_actual.get(id(lst.whole))
        items = tuple(c for p in lst.parts if _rate_only(c := by_actual.get(id(p))))
        if _rate_only(total) and len(items) >= 2:
            yield ImpliedBudgets(total, items)
