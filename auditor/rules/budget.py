"""Rule `budget`: execution rate, budget difference and 预决算差异率 agree with actual and budget."""

from __future__ import annotations

from decimal import Decimal

from auditor.extract.facts import BudgetComparison, Facts, ImpliedBudgets
from auditor.quantity import MONEY_UNITS, ONE_HUNDRED, Interval, interval_sum
from auditor.rules.base import rule
from auditor.rules.common import (
    amount_gap,
    finding_at,
    magnitude,
    mixed_money_units,
    name,
    percent_gap,
    show,
    truncation_note,
    unit_of,
    verdict,
)


def _ratio(c: BudgetComparison, magnitude=magnitude) -> tuple[Interval, str] | None:
    """actual ÷ budget as an interval (in %), and how it was obtained; None if undefined."""
    actual = magnitude(c.actual)
    if c.budget is not None:
        budget = magnitude(c.budget)
        if budget.lo <= 0:
            return None
        return actual / budget * ONE_HUNDRED, f"{c.actual.quantity.display()} ÷ {c.budget.quantity.display()}"
    if c.diff is not None and c.diff_sign:
        diff = magnitude(c.diff)
        if actual.lo <= 0:
            return None
        # budget = actual − sign·diff; actual ÷ budget = 1 / (1 − sign·diff/actual): one occurrence each.
        denominator = Interval.point(1) - (diff / actual).scale(c.diff_sign)
        if denominator.lo <= 0:
            return None
        word = "−" if c.diff_sign > 0 else "+"
        basis = f"{c.actual.quantity.display()} ÷ 预算数（{c.actual.quantity.display()} {word} {c.diff.quantity.display()}）"
        return ONE_HUNDRED / denominator, basis
    if c.flat:
        return ONE_HUNDRED, "与预算持平"
    return None


def _unsigned(gap: Interval) -> Interval:
    """|gap| for a 差额 stated without its sign."""
    if gap.lo >= 0:
        return gap
    if gap.hi <= 0:
        return -gap
    return Interval(Decimal(0), max(-gap.lo, gap.hi))


def _check(facts: Facts, c: BudgetComparison):
    if mixed_money_units([c.actual, c.budget, c.diff]):
        return
    unit = unit_of(c.actual)
    places = c.actual.quantity.places
    if c.budget is not None and (c.diff is not None or c.flat):
        gap = magnitude(c.actual) - magnitude(c.budget)
        implied = _unsigned(gap) if c.diff_sign == 0 else gap.scale(c.diff_sign)
        stated = magnitude(c.diff) if c.diff is not None else Interval.point(0)
        if not stated.overlaps(implied):
            primary = c.diff or c.actual
            if c.diff is None:
                what = "与预算持平"
            elif c.diff_sign == 0:
                what = f"，与预算差额 {c.diff.quantity.display()}"
            else:
                what = f"比预算{'增加' if c.diff_sign > 0 else '减少'} {c.diff.quantity.display()}"
            yield finding_at(
                facts,
                "budget",
                "error",
                f"{name(c.actual)} {c.actual.quantity.display()}{what}：按预算 {c.budget.quantity.display()} "
                f"差额应为 {show(implied, places + 1, unit)}，相差 {amount_gap(stated, implied, unit, places)}",
                primary,
                [c.actual, c.budget],
                stated=primary.quantity.display(),
                expected=show(implied, places + 1, unit),
            )
            return
    ratio = _ratio(c)
    if ratio is None:
        return
    expected, basis = ratio
    if c.budget is not None and c.budget_bound:
        # the budget was found outside the sentence: say where
        basis += f"（预算见{facts.document.where(c.budget.start)}{'，' + c.budget_bound if c.budget.role == 'table cell' else ''}）"
    for stated_rate, minus_one, title in ((c.rate, False, "完成预算的"), (c.diff_rate, True, "预决算差异率")):
        if stated_rate is None:
            continue
        rate = stated_rate.quantity
        target = expected - ONE_HUNDRED if minus_one else expected
        unsigned = minus_one and rate.value >= 0 and target.hi < 0
        if unsigned:
            target = -target  # a difference rate written without its sign (下降 20.0%) states the gap's size; a minus written is meant
        severity = verdict(rate, target)
        if severity is None:
            yield from _whole_number_warning(facts, c, stated_rate, minus_one, title)
            continue
        note = truncation_note(severity)
        formula = (f"100% − {basis}" if unsigned else f"{basis} − 100%") if minus_one else basis
        yield finding_at(
            facts,
            "budget",
            severity,
            f"{name(c.actual)} {title} {rate.display()}：按 {formula} 应为 "
            f"{show(target, rate.places + 1, '%')}，相差 {percent_gap(rate, target)}{note}",
            stated_rate,
            [c.actual, c.budget, c.diff],
            stated=rate.display(),
            expected=show(target, rate.places + 1, "%"),
        )


def _whole_number_warning(facts: Facts, c: BudgetComparison, stated_rate, minus_one: bool, title: str):
    """A rate that fits only if money written as a whole number (2 万元 among 1.07 万元) is not exact (docs/domain.md §5)."""
    if not facts.money_places:
        return
    whole = [m for m in (c.actual, c.budget, c.diff) if m is not None and m.quantity.is_money and m.quantity.places == 0 and m.quantity.value != 0]
    if not whole:
        return
    exact = {id(m) for m in whole}

    def as_written(m):
        return Interval.point(m.quantity.value).scale(MONEY_UNITS[m.quantity.unit]) if id(m) in exact else magnitude(m)

    ratio = _ratio(c, as_written)
    if ratio is None:
        return
    expected, basis = ratio
    target = expected - ONE_HUNDRED if minus_one else expected
    rate = stated_rate.quantity
    if verdict(rate, target) is None or (minus_one and verdict(rate, -target) is None):
        return
    numbers = "、".join(m.quantity.display() for m in whole)
    yield finding_at(
        facts,
        "budget",
        "warning",
        f"{name(c.actual)} {title} {rate.display()}：仅当 {numbers} 并非精确数时才相符；按 {basis} 应为 "
        f"{show(target, rate.places + 1, '%')}（本文金额通常写到 {facts.money_places} 位小数）",
        stated_rate,
        [c.actual, c.budget, c.diff],
        stated=rate.display(),
        expected=show(target, rate.places + 1, "%"),
    )


def _implied(c: BudgetComparison) -> Interval | None:
    """The budget a completion rate implies: spent ÷ rate; None for a rate of zero."""
    rate = c.rate.quantity.interval()
    if rate.lo <= 0:
        return None
    return magnitude(c.actual) / rate * ONE_HUNDRED


def _check_implied(facts: Facts, implied: ImpliedBudgets):
    """The items' implied budgets cannot add up to more than the total's (stated, or implied by its rate)."""
    stated = implied.total.budget
    total = magnitude(stated) if stated is not None else _implied(implied.total)
    items = [(c, _implied(c)) for c in implied.items]
    if total is None or mixed_money_units([implied.total.actual, stated, *(c.actual for c in implied.items)]):
        return
    known = [(c, b) for c, b in items if b is not None]
    if len(known) < 2:
        return
    added = interval_sum(b for _, b in known)
    if added.lo <= total.hi:
        return
    whole = implied.total.actual
    unit, places = unit_of(whole), whole.quantity.places
    rates = "、".join(c.rate.quantity.display() for c, _ in known)
    shares = [c for c, _ in known if c.rate.quantity.interval().overlaps(magnitude(c.actual) / magnitude(whole) * ONE_HUNDRED)]
    named = "、".join(c.rate.quantity.display() for c in shares)
    note = f"；{named} 恰为该项占 {whole.quantity.display()} 的比重，疑将占比写作完成率" if shares else ""
    if stated is not None:
        budget = f"预算 {stated.quantity.display()}"
    else:
        budget = f"完成预算 {implied.total.rate.quantity.display()}，隐含预算 {show(total, places + 1, unit)}"
    yield finding_at(
        facts,
        "budget",
        "error",
        f"{name(whole)} {whole.quantity.display()} {budget}；各分项完成率（{rates}）隐含的预算合计 "
        f"{show(added, places + 1, unit)}，多于总预算{note}",
        implied.items[0].rate,
        [implied.total.rate, stated, whole, *(c.rate for c, _ in known), *(c.actual for c, _ in known)],
        stated=rates,
        expected=f"≤ {show(total, places + 1, unit)}",
    )


@rule("budget", "预算完成率、预算差额与决算数不符")
def check_budget(facts: Facts):
    """Execution against budget must fit the figures it is computed from.

    * ``完成年初预算的94.7%，比年初预算减少43.26万元`` after ``本年收入合计774.37万元``:
      the budget was 774.37 + 43.26 = 817.63, so the rate is 94.71%;
    * ``全年预算数为 120 万元，执行数为 113.12 万元，完成预算的 94.27%``: 113.12 ÷ 120;
    * ``年初预算数 409.94 万元，决算数 908.86 万元，预决算差异率 121.71%``:
      (908.86 − 409.94) ÷ 409.94;
    * a stated budget and a stated difference must agree (``差额为 0.40 万元``, with no
      sign, is the gap either way), and 与预算持平 means both
      figures are equal and the rate is 100%;
    * a completion rate of an item whose name says which money it is (a “三公” item,
      机关运行经费) with no budget in its sentence is checked against that item's budget
      wherever the document states it (another paragraph, or the 预算数 cell of 公开09表
      beside the 决算数 its figure restates): ``公务接待费支出决算 1.20 万元，完成预算的
      40.0%`` with ``公务接待费年初预算 3.00 万元`` elsewhere is consistent; a rate with no
      budget anywhere is left unchecked (and counted so), never taken against the total's;
    * items of a list with completion rates and no budgets: each rate implies a budget
      (spent ÷ rate), and the implied item budgets cannot add up to more than the
      total's budget, stated or implied by its own rate (``“三公”经费 8.40 万元，完成预算 93.3%`` with
      items ``6.10 万元，完成预算 72.6%`` and ``2.30 万元，完成预算 27.4%``: 8.40 + 8.39 > 9.00);
    * money written as a whole number among two-decimal money (``年初预算为 2 万元`` …
      ``1.07 万元，完成预算的 47%``) stands for [1.5, 2.5]: a rate that fits only that way is
      a warning saying so.
    """
    for comparison in facts.budgets:
        yield from _check(facts, comparison)
    for implied in facts.implied_budgets:
        yield from _check_implied(facts, implied)
