"""Rule `growth`: a change against last year and its growth rate agree with the current figure."""

from __future__ import annotations

from auditor.extract.facts import Facts, YearOnYear
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
    subject, change, growth, previous = yoy.subject, yoy.change, yoy.growth, yoy.previous
    if mixed_money_units([subject, change, previous]):
        return
    current = magnitude(subject)
    unit = unit_of(subject)
    places = subject.quantity.places
    if change is not None and previous is not None:
        implied_change = (current - magnitude(previous)) * Interval.point(yoy.change_sign)
        if not magnitude(change).overlaps(implied_change):
            yield finding_at(
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
            return
    if growth is None:
        return
    rate = growth.quantity
    if change is not None:
        if rate.value != 0 and change.quantity.value != 0 and yoy.growth_sign != yoy.change_sign:
            yield finding_at(
                facts,
                "growth",
                "error",
                f"{name(subject)} 的变动方向前后矛盾：变动额写作{'增加' if yoy.change_sign > 0 else '减少'} "
                f"{change.quantity.display()}，变动率却写作{'增长' if yoy.growth_sign > 0 else '下降'} {rate.display()}",
                growth,
                [change, subject],
                stated=rate.display(),
            )
            return
        step, sign = magnitude(change), yoy.change_sign
        basis = f"{change.quantity.display()} ÷ 上年数（{subject.quantity.display()} {'−' if sign > 0 else '+'} {change.quantity.display()}）"
    elif previous is not None:
        step, sign = (current - magnitude(previous)), 1
        basis = f"（{subject.quantity.display()} − {previous.quantity.display()}）÷ {previous.quantity.display()}"
        if step.lo < 0 < step.hi or step.hi <= 0:
            return
    else:
        return
    expected = _implied_rate(current, step, sign)
    if expected is None:
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
                f"{name(subject)} 上年数约为零（{show(last_year, places + 1, unit)}），"
                f"增长率 {rate.display()} 无意义，宜只写增加额",
                growth,
                [subject, change],
                stated=rate.display(),
            )
        return
    severity = verdict(rate, expected)
    if severity is None:
        return
    note = truncation_note(severity)
    yield finding_at(
        facts,
        "growth",
        severity,
        f"{name(subject)} {'增长' if sign > 0 else '下降'} {rate.display()}：按 {basis} "
        f"应为 {show(expected, rate.places + 1, '%')}，相差 {percent_gap(rate, expected)}{note}",
        growth,
        [subject, change, previous],
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
