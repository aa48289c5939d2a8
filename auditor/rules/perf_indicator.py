"""The ``perf.indicator`` rule: 绩效指标实际值未达目标却记为完成或满分，或实际值与目标单位不同."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from auditor.extract.facts import Facts
from auditor.finding import Finding
from auditor.perf.model import Indicator, PerfTable
from auditor.perf.words import DONE as _DONE  # the 完成情况 words that say done: rules/vocabulary.toml [perf.levels]
from auditor.quantity import HUNDRED, Interval
from auditor.rules._perf_table import _iv, _where
from auditor.rules.base import Knob, rule
from auditor.rules.common import finding_at, show


def _comparable(indicator: Indicator) -> tuple[Decimal, Decimal] | None:
    """(actual, target) in the target's unit, or None where the units differ or a value is missing."""
    target, actual = indicator.target, indicator.actual
    if not (indicator.operator and target and actual) or _is_fraction(indicator):
        return None
    if actual.quantity.unit in (target.quantity.unit, ""):
        return actual.quantity.value, target.quantity.value
    return None


def _is_fraction(indicator: Indicator) -> bool:
    """A percent target met by a bare fraction: ``≥ 95 %`` (or ``≥ 95`` with its unit cell empty) and ``0.98`` or ``1``."""
    target, actual = indicator.target, indicator.actual
    if not (target and actual and actual.quantity.unit == "" and actual.quantity.value <= 1 < target.quantity.value):
        return False
    return target.quantity.unit == "%" or (target.quantity.unit == "" and 50 <= target.quantity.value <= 100)


_MET = {
    "≥": lambda a, t: a >= t,
    "≤": lambda a, t: a <= t,
    "=": lambda a, t: a >= t,  # "=24人" is typed for "24 people"; only falling short of it is a miss
    ">": lambda a, t: a > t,
    "<": lambda a, t: a < t,
}


def _completion(indicator: Indicator, actual: Decimal, target: Decimal) -> Interval | None:
    """actual ÷ target (target ÷ actual for a ≤ or < target, a cost kept under a ceiling); None when undefined.

    An interval rounded outward: 66 ÷ 90 is no finite decimal, and 15 × a rounded-down 0.7333… would fall
    short of the 11 points it exactly allows."""
    if indicator.operator in ("≤", "<"):
        return Interval.point(target) / Interval.point(actual) if actual > 0 else None
    return Interval.point(actual) / Interval.point(target) if target > 0 else None


def _exact(indicator: Indicator) -> bool:
    """An actual written ``≥100包`` or ``≤16万元`` says a bound, not a value: a miss measured on it is not proven."""
    return indicator.actual is not None and indicator.actual_bound not in ("≥", "≤", ">", "<")


BIG_MISS = Knob("big-miss", Decimal("0.10"),
                "目标差出其自身的这一比例及以上仍记满分，是错误（更小的差距是警告）(docs/domain.md §4)")
HABIT_TABLES = Knob("habit-tables", 3, "这么多张表都把百分比写成小数时，视为文件的习惯：每表一条提示")


@rule("perf.indicator", "绩效指标实际值未达目标却记为完成或满分，或实际值与目标单位不同", severity="error",
      knobs=(BIG_MISS, HABIT_TABLES))
def check_indicator(facts: Facts) -> Iterator[Finding]:
    """An indicator whose actual value misses its target (≥ ≤ = > <) yet is marked 完成 or given full marks.

    The national scoring rule (docs/domain.md §4) gives a met target its full weight and a missed
    one weight × completion (actual ÷ target; target ÷ actual for a ≤ or cost target). So full
    marks on a target missed by **10 % of it or more** is an *error* (≥ 10 次 but 2 次); a
    smaller miss (99.99 % against = 100 %), a miss measured on an actual written as a bound
    (``≥100包``), or 完成 without full marks is a *warning*; a partial score above weight ×
    completion on a miss of 10 % or more is a *warning* (``≥2篇``, 0 篇, 6 of 10 points).
    A target written ``=24人`` is read as "24 people": only falling short of it is a miss.

    A date target (``6月底前``) is a ceiling on time and is scored like a ≤ target: completion is
    the deadline ÷ the time the result took, both in months into the year, taken at its most
    favourable (``8月完成`` took at least 7 months and a day). So 6月底前 done in August with full
    marks (85 % at best) is an *error*, 11月3日 against 10月底前 (99 %) a *warning*; a result
    written as a bound (``10月底前已完成``) or without a date proves no lateness.

    An actual written in another unit than its target (target ``≥ 95 %``, actual
    ``0.98`` or ``1``) is not read as 1%: it is reported once per table, listing the
    rows. Where three or more tables of the document do it, it is the document's
    habit (*info*); a lone case is a *warning*.
    """
    for table in facts.perf_tables:
        for indicator in table.indicators:
            if indicator.target_date and indicator.actual_date:
                yield from _late(facts, table, indicator)
                continue
            pair = _comparable(indicator)
            if pair is None or _MET[indicator.operator](*pair):
                continue
            yield from _missed(facts, table, indicator, *pair)
    with_fractions = [t for t in facts.perf_tables if any(_is_fraction(i) for i in t.indicators)]
    habit = len(with_fractions) >= HABIT_TABLES.value
    for table in with_fractions:
        yield _fractions(facts, table, habit)


def _fractions(facts: Facts, table: PerfTable, habit: bool) -> Finding:
    fractions = [i for i in table.indicators if _is_fraction(i)]
    rows = "、".join(f"「{i.name or i.level2}」{i.actual_text}（{_where(facts, i.actual)}）" for i in fractions)
    if habit:
        message = f"「{table.project}」百分比指标的实际值写成小数或 1：{rows}；全文多张表如此，按 1 = 100% 理解，建议统一写作百分数"
    else:
        message = f"「{table.project}」指标实际值 {rows} 未带单位，而目标以 % 计；不能按 1% 理解，请核实是否应为 100%"
    return finding_at(
        facts, "perf.indicator", "info" if habit else "warning", message,
        fractions[0].actual, [i.actual for i in fractions[1:]] + [i.target for i in fractions],
        stated=fractions[0].actual_text, expected=f"{fractions[0].operator}{fractions[0].target.text}%",
    )


def _missed(facts: Facts, table: PerfTable, indicator: Indicator, actual: Decimal, target: Decimal) -> Iterator[Finding]:
    goal = f"{indicator.operator}{indicator.target.text}{indicator.target.quantity.unit}"
    yield from _short(facts, table, indicator, _completion(indicator, actual, target), goal, indicator.actual, indicator.target,
                      _exact(indicator))


def _late(facts: Facts, table: PerfTable, indicator: Indicator) -> Iterator[Finding]:
    """A deadline (``6月底前``) and a result after it (``8月完成``): a ceiling on time, completion = deadline ÷ time taken.

    Time is counted in months into the year (docs/domain.md §4 treats a date target as any other): a result
    in August has taken at least 7 months and a day, so 6月底前 is met to 6 ÷ 7.03 = 85 % at best, a miss
    of more than a tenth; 11月3日 against 10月底前 is 99 %. Years count only where both are printed.
    """
    target, actual = indicator.target_date, indicator.actual_date
    shift = 12 * (actual.year - target.year) if actual.year and target.year else 0
    taken = actual.earliest + shift
    if taken <= target.latest:
        return  # met, or not proven late (a result written 10月底前已完成 proves no lateness)
    yield from _short(facts, table, indicator, Interval.point(target.latest) / Interval.point(taken), indicator.target_text, actual,
                      target, True)


def _short(facts: Facts, table: PerfTable, indicator: Indicator, completion: Interval | None, goal: str, actual, target,
           exact: bool) -> Iterator[Finding]:
    """A target missed (``completion`` below 1) yet marked 完成 or scored above what the national rule allows."""
    weight, score = indicator.weight, indicator.score
    full = bool(score and weight and score.quantity.value >= weight.quantity.value)
    done = indicator.status in _DONE
    head = f"「{table.project}」指标「{indicator.name}」目标 {goal}，实际 {indicator.actual_text}"
    if full or done:
        big = completion is not None and 1 - completion.hi >= BIG_MISS.value and exact
        said = "标为「完成」" + ("且得满分" if full else "") if done else "得满分"
        share = f"（完成 {show(completion.scale(HUNDRED), 1, '%')}）" if completion is not None else ""
        yield finding_at(
            facts, "perf.indicator", "error" if big and full else "warning",
            f"{head} 未达到{share}，却{said}" + ("；按评分规则应得 分值 × 完成率" if big and full else ""),
            actual, [target, score],
            stated=indicator.actual_text, expected=goal,
        )
        return
    if score and weight and completion is not None and 1 - completion.hi >= BIG_MISS.value and exact:
        implied = _iv(weight) * completion
        if _iv(score).lo > implied.hi:  # more generous than the rule allows; a stricter score is the office's choice
            expected = show(implied, score.quantity.places + 1)
            yield finding_at(
                facts, "perf.indicator", "warning",
                f"{head} 未达到，得分 {score.text}：按分值 {weight.text} × 完成率 应为 {expected}（各地对未完成指标的计分方法不一，请核实）",
                score, [actual, target, weight],
                stated=score.text, expected=expected,
            )
