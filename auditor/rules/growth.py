"""Rule `growth`: a change against last year and its growth rate agree with the current figure."""

from __future__ import annotations

from auditor.extract.facts import Facts, YearOnYear
from auditor.finding import Finding
from auditor.quantity import ONE_HUNDRED, Interval
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


def _implied_rate(current: Interval, change: Interval, sign: int) -> Interval | None:
    """Growth in % implied by the current figure and the change, or None if last year was ~0.

    ``C / (X − C)`` for an increase, ``C / (X + C)`` for a decrease, written as
    ``1 / (X/C ∓ 1)`` so that each variable occurs once and the interval is exact.
    """
    previous = current - change if sign > 0 else current + change
    if previous.lo <= 0:
        return None
    if change.lo > 0:
        ratio = current / change - Interval.point(sign)
        return ONE_HUNDRED / ratio
    return change / previous * ONE_HUNDRED


def _check(facts: Facts, yoy: YearOnYear):
    """The findings of one year-on-year statement, one case at a time: the change against both years, the rate's
    direction against the change's, then the rate against the change (or both years), or a base of about zero."""
    if mixed_money_units([yoy.subject, yoy.change, yoy.previous]):
        return
    misfit = _change_misfit(facts, yoy)
    if misfit is not None:
        yield misfit
        return
    if yoy.growth is None:
        return
    if yoy.change is not None and _directions_differ(yoy):
        yield _contradiction(facts, yoy)
        return
    basis = _rate_basis(yoy)
    if basis is None:
        return
    step, sign, formula = basis
    expected = _implied_rate(magnitude(yoy.subject), step, sign)
    if expected is None:
        yield from _zero_base(facts, yoy, step, sign)
    else:
        yield from _rate_misfit(facts, yoy, expected, sign, formula)


def _change_misfit(facts: Facts, yoy: YearOnYear) -> Finding | None:
    """A change stated beside both years' figures that is not their difference (error)."""
    subject, change, previous = yoy.subject, yoy.change, yoy.previous
    if change is None or previous is None:
        return None
    implied_change = (magnitude(subject) - magnitude(previous)) * Interval.point(yoy.change_sign)
    if magnitude(change).overlaps(implied_change):
        return None
    unit, places = unit_of(subject), subject.quantity.places
    return finding_at(
        facts,
        "growth",
        "error",
        f"{name(subject)} 变动额 {change.quantity.display()}：按本年 {subject.quantity.display()} 与上年 "
        f"{previous.quantity.display()} 应为 {show(implied_change, places + 1, unit)}，"
        f"相差 {amount_gap(magnitude(change), implied_change, unit, places)}",
        change,
        [subject, previous],
        stated=change.quantity.display(),
        expected=show(implied_change, places + 1, unit),
    )


def _directions_differ(yoy: YearOnYear) -> bool:
    """增加 with 下降, or 减少 with 增长 (a zero rate or change has no direction)."""
    return yoy.growth.quantity.value != 0 and yoy.change.quantity.value != 0 and yoy.growth_sign != yoy.change_sign


def _contradiction(facts: Facts, yoy: YearOnYear) -> Finding:
    subject, change, rate = yoy.subject, yoy.change, yoy.growth.quantity
    return finding_at(
        facts,
        "growth",
        "error",
        f"{name(subject)} 的变动方向前后矛盾：变动额写作{'增加' if yoy.change_sign > 0 else '减少'} "
        f"{change.quantity.display()}，变动率却写作{'增长' if yoy.growth_sign > 0 else '下降'} {rate.display()}",
        yoy.growth,
        [change, subject],
        stated=rate.display(),
    )


def _rate_basis(yoy: YearOnYear) -> tuple[Interval, int, str] | None:
    """What the rate is a rate of: the change and its sign, and the formula as a message shows it; None when
    neither the change nor a previous year's figure is stated, or the two years differ by no clear step."""
    subject, change, previous = yoy.subject, yoy.change, yoy.previous
    if change is not None:
        sign = yoy.change_sign
        formula = f"{change.quantity.display()} ÷ 上年数（{subject.quantity.display()} {'−' if sign > 0 else '+'} {change.quantity.display()}）"
        return magnitude(change), sign, formula
    if previous is None:
        return None
    step = magnitude(subject) - magnitude(previous)
    if step.lo <= 0 <= step.hi:
        return None
    sign = 1 if step.lo > 0 else -1
    if sign != yoy.growth_sign and yoy.growth.quantity.value != 0:
        return None  # 下降 where the two years' figures rose: which of the three is wrong the sentence does not say
    now, then = subject.quantity.display(), previous.quantity.display()
    if sign > 0:
        return step, 1, f"（{now} − {then}）÷ {then}"
    return -step, -1, f"（{then} − {now}）÷ {then}"


def _zero_base(facts: Facts, yoy: YearOnYear, step: Interval, sign: int):
    """Last year about zero or below it: an increase larger than this year's figure (error), or a rate of growth
    from nothing (warning: undefined)."""
    subject, change, rate = yoy.subject, yoy.change, yoy.growth.quantity
    current = magnitude(subject)
    last_year = current - step if sign > 0 else current + step
    if last_year.hi < 0:
        yield finding_at(
            facts,
            "growth",
            "error",
            f"{name(subject)} {subject.quantity.display()}：增加额 {change.quantity.display()} 大于本年数，上年数将为负",
            change,
            [subject],
            stated=change.quantity.display(),
        )
    elif rate.value != 0:
        yield finding_at(
            facts,
            "growth",
            "warning",
            f"{name(subject)} 上年数约为零（{show(last_year, subject.quantity.places + 1, unit_of(subject))}），"
            f"增长率 {rate.display()} 无意义，宜只写增加额",
            yoy.growth,
            [subject, change],
            stated=rate.display(),
        )


def _rate_misfit(facts: Facts, yoy: YearOnYear, expected: Interval, sign: int, formula: str):
    """A rate that does not fit: error, or warning when only truncation explains it."""
    rate = yoy.growth.quantity
    severity = verdict(rate, expected)
    if severity is None:
        return
    yield finding_at(
        facts,
        "growth",
        severity,
        f"{name(yoy.subject)} {'增长' if sign > 0 else '下降'} {rate.display()}：按 {formula} "
        f"应为 {show(expected, rate.places + 1, '%')}，相差 {percent_gap(rate, expected)}{truncation_note(severity)}",
        yoy.growth,
        [yoy.subject, yoy.change, yoy.previous],
        stated=rate.display(),
        expected=show(expected, rate.places + 1, "%"),
    )


@rule("growth", "增减额、增长率与本年数不符")
def check_growth(facts: Facts):
    """A change against last year and its rate must fit the current figure.

    ``本年支出合计774.37万元，比上年增加113.25万元，增长17.1%``: last year was
    774.37 − 113.25 = 661.12, so the rate is 113.25 ÷ 661.12 = 17.13%. ``减少``/``下降``
    work the other way. Where last year's figure is stated too, the change must equal
    the difference of the two.

    * a rate that does not fit: error (warning if only truncation explains it);
    * 增加 with 下降 (or 减少 with 增长): error;
    * a growth rate from a zero base (``增长100%`` when last year was 0): warning —
      growth from zero is undefined.

    A change stated once for both sides is checked against the total it follows: in the
    corpus, ``收、支总计774.37万元 … 收支各增加112.36万元，增长17.0%``
    (qinhuangdao-emergency-center-2023, line 96) fits, 112.36 ÷ 662.01 = 16.97%.
    """
    for yoy in facts.year_on_year:
        yield from _check(facts, yoy)
