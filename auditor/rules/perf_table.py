"""Rules `perf.rate`, `perf.exec-score`, `perf.total`, `perf.indicator`: a performance table against itself.

Weights (分值) and indicator scores (得分) are assigned numbers and exact as printed;
money, the execution rate, the execution score and the total are computed and stand
for their rounding intervals (DOMAIN.md §5), so ``99.43 = 90 + 9.42692`` holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import attrs

from auditor.extract.facts import Facts
from auditor.finding import Finding
from auditor.knowledge import vocabulary
from auditor.perf.model import Figure, Indicator, PerfTable
from auditor.perf.words import DONE as _DONE  # the 完成情况 words that say done: rules/vocabulary.toml [perf.levels]
from auditor.quantity import Interval, interval_sum
from auditor.rules.base import rule
from auditor.rules.common import HUNDRED, make_finding, show, verdict

_H = Interval.point(HUNDRED)


def _iv(f: Figure) -> Interval:
    return f.quantity.interval()


def _where(facts: Facts, f) -> str:
    return facts.document.where(f.start)


def _rate(table: PerfTable) -> tuple[Interval, str] | None:
    """执行数 ÷ 预算数 in percent, narrowed by the stated rate where both hold; the stated rate alone when the money is not printed.

    Every printed figure constrains the true rate: 33.20 ÷ 36.50 allows 90.933%–90.985%,
    a printed 90.96% allows 90.955%–90.965%, and the score is checked against what both allow.
    """
    stated = _iv(table.rate) if table.rate else None
    if table.budget and table.executed and _iv(table.budget).lo > 0:
        basis = f"执行数 {table.executed.text} ÷ 预算数 {table.budget.text}"
        money = _iv(table.executed) / _iv(table.budget) * _H
        if stated is not None and stated.overlaps(money):
            return Interval(max(money.lo, stated.lo), min(money.hi, stated.hi)), f"{basis}（执行率 {table.rate.text}%）"
        return money, basis
    if stated is not None:
        return stated, f"执行率 {table.rate.text}%"
    return None


@rule("perf.rate", "绩效自评表的执行率、结转结余与预算数、执行数不符")
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
            implied = _iv(table.executed) / _iv(table.budget) * _H
            severity = verdict(table.rate.quantity, implied)
            if severity:
                yield make_finding(
                    facts, "perf.rate", severity,
                    f"「{table.project}」执行率 {table.rate.text}%：按执行数 {table.executed.text} ÷ 预算数 {table.budget.text} "
                    f"应为 {show(implied, table.rate.quantity.places + 1, '%')}",
                    table.rate, [table.executed, table.budget],
                    stated=f"{table.rate.text}%", expected=show(implied, table.rate.quantity.places + 1, "%"),
                )
        if table.balance and table.budget and table.executed:
            implied = _iv(table.budget) - _iv(table.executed)
            if not _iv(table.balance).overlaps(implied):
                places = max(table.balance.quantity.places, table.budget.quantity.places)
                yield make_finding(
                    facts, "perf.rate", "error",
                    f"「{table.project}」结转结余 {table.balance.text} 万元：按预算数 {table.budget.text} − 执行数 {table.executed.text} "
                    f"应为 {show(implied, places, '万元')}",
                    table.balance, [table.budget, table.executed],
                    stated=f"{table.balance.text}万元", expected=show(implied, places, "万元"),
                )


def _exec_weight(table: PerfTable) -> tuple[Interval, str] | None:
    """The 预算执行率 row's 分值; where it is not printed, the usual 10 (DOMAIN.md §4)."""
    if table.exec_weight:
        return _iv(table.exec_weight), table.exec_weight.text
    return Interval.point(10), "10（表中未列，按通常分值）"


@attrs.frozen
class Reading:
    """Whether a table's reading is confirmed by the table itself (DOMAIN.md §5), and if not, why.

    Confirmed: every indicator row present was read, and the weights read (indicators plus
    the 预算执行率 row's, 10 where it is not printed) add up to the full marks (100, or the
    分值 total the total row prints). Otherwise the rows were misread or the table itself is
    wrong, and which cannot be told: the total is not checked against them.
    """

    weights: Decimal
    exec_weight: Decimal
    full_marks: Decimal
    unread: tuple

    @property
    def confirmed(self) -> bool:
        return not self.unread and self.weights + self.exec_weight == self.full_marks


def reading(table: PerfTable) -> Reading:
    weights = sum((i.weight.quantity.value for i in table.indicators), Decimal(0))
    exec_weight = table.exec_weight.quantity.value if table.exec_weight else Decimal(10)
    full = table.full_marks.quantity.value if table.full_marks else HUNDRED
    return Reading(weights, exec_weight, full, table.unread)


def _not_checked(facts: Facts, table: PerfTable, read: Reading) -> Finding:
    """One note for a table whose reading is not confirmed: what was read, what its scores add up to, and that neither
    the total nor the weights were checked."""
    reasons = []
    if read.weights + read.exec_weight != read.full_marks:
        exec_text = f"{read.exec_weight.normalize():f}" + ("" if table.exec_weight else "（表中未列，按通常分值）")
        reasons.append(f"读出的分值合计 {(read.weights + read.exec_weight).normalize():f}（指标 {read.weights.normalize():f} + 预算执行率 "
                       f"{exec_text}），不是满分 {read.full_marks.normalize():f}")
    if read.unread:
        reasons.append("未读出的指标行：" + "、".join(f"{_where(facts, t)}「{t.text[:30]}」" for t in read.unread))
    blank = [i for i in table.indicators if i.score is None]
    if blank:
        reasons.append("得分栏为空：" + "、".join(f"「{i.name}」（{_where(facts, i)}）" for i in blank))
    summed = ""
    if table.total and table.indicators and not blank:
        scores = interval_sum(_iv(i.score) for i in table.indicators)
        exec_text = f" + 预算执行率得分 {table.exec_score.text}" if table.exec_score else ""
        both = scores + _iv(table.exec_score) if table.exec_score else scores
        summed = f"（读出的各指标得分合计 {show(scores, 2)}{exec_text} = {show(both, 2)}，表中自评总分 {table.total.text}）"
    where = table.total or (table.indicators[0] if table.indicators else None) or table.name
    return make_finding(
        facts, "perf.total", "info",
        f"「{table.project}」自评总分及各项分值未核对{summed}：{'；'.join(reasons)}。可能有指标行未读出，或表中分值有误，请核实",
        where, [table.exec_weight, *read.unread] + [i.weight for i in table.indicators],  # a finding lists its first few places
        stated=f"{(read.weights + read.exec_weight).normalize():f}", expected=f"{read.full_marks.normalize():f}",
    )


def _implied_exec_score(table: PerfTable) -> tuple[Interval, str] | None:
    weight, rate = _exec_weight(table), _rate(table)
    if weight is None or rate is None:
        return None
    (w, w_text), (r, r_text) = weight, rate
    raw = w * r / _H
    capped = Interval(min(raw.lo, w.hi), min(raw.hi, w.hi))
    return capped, f"分值 {w_text} × {r_text}（以分值为上限）"


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
            note = "；仅当截尾而非四舍五入时才相符" if severity == "warning" else ""
            yield make_finding(
                facts, "perf.exec-score", severity,
                f"「{table.project}」预算执行率得分 {table.exec_score.text}：按{basis}应为 {show(expected, places)}{note}",
                table.exec_score, [table.exec_weight, table.executed, table.budget, table.rate],
                stated=table.exec_score.text, expected=show(expected, places),
            )


def grade_bands() -> dict[str, tuple[Decimal, Decimal]]:
    return {grade: (Decimal(str(lo)), Decimal(str(hi))) for grade, (lo, hi) in vocabulary()["perf"]["grades"].items()}


@rule("perf.total", "绩效自评表的总分、分值合计或等级不符")
def check_total(facts: Facts) -> Iterator[Finding]:
    """自评总分 = Σ indicator scores + execution score, once the weights confirm the reading; no score above its weight; the grade fits.

    Grades: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60 (``rules/vocabulary.toml``). The table
    must confirm its reading first (DOMAIN.md §5): the weights read add up to the full marks
    (100, or the 分值 total of the total row) and every indicator row present was read.
    Otherwise the rows were misread or the table's own weights are wrong, and which cannot be
    told: one note per table says what was read and that the total and the weights were not
    checked, and no error is built on that reading (the per-row rules still run). An
    indicator whose score is blank leaves the total unchecked (*info*). A score restated in
    the table's 评价结论 (自评得分99.09分) that differs from the total is an error.
    """
    for table in facts.perf_tables:
        read = reading(table)
        if not read.confirmed:
            if table.total or table.indicators:
                yield _not_checked(facts, table, read)
            yield from _grade(facts, table)
            yield from _restated(facts, table)
            continue
        yield from _over_weight(facts, table)
        sum_findings = list(_sum(facts, table))
        yield from sum_findings
        if not any(f.severity == "error" for f in sum_findings):
            yield from _grade(facts, table)
        yield from _restated(facts, table)


def _restated(facts: Facts, table: PerfTable) -> Iterator[Finding]:
    """The 评价结论 restates the score (自评得分99.09分): it is the table's total."""
    said, total = table.restated_total, table.total
    if said and total and not _iv(said).overlaps(_iv(total)):
        yield make_finding(
            facts, "perf.total", "error",
            f"「{table.project}」评价结论称自评得分 {said.text} 分，而表中总分为 {total.text}（{_where(facts, total)}）",
            said, [total], stated=f"{said.text}分", expected=f"{total.text}分",
        )


def _over_weight(facts: Facts, table: PerfTable) -> Iterator[Finding]:
    pairs = [(i.score, i.weight, i.name) for i in table.indicators] + [(table.exec_score, table.exec_weight, "预算执行率")]
    for score, weight, label in pairs:
        if score and weight and score.quantity.interval().lo > weight.quantity.interval().hi:
            yield make_finding(
                facts, "perf.total", "error",
                f"「{table.project}」指标「{label}」得分 {score.text} 超过其分值 {weight.text}",
                score, [weight], stated=score.text, expected=f"≤ {weight.text}",
            )


def _sum(facts: Facts, table: PerfTable) -> Iterator[Finding]:
    indicators = table.indicators
    if not indicators or any(i.weight is None for i in indicators):
        return
    blank = [i for i in indicators if i.score is None]
    if blank:
        yield _blank_scores(facts, table, blank)
        return
    scores = interval_sum(_iv(i.score) for i in indicators)
    if table.exec_score:
        exec_score, exec_text = _iv(table.exec_score), table.exec_score.text
    else:
        implied = _implied_exec_score(table)
        if implied is None:
            return
        exec_score, exec_text = implied[0], f"{show(implied[0], 2)}（表中未列，按{implied[1]}）"
    expected = scores + exec_score
    scores_text = f"各指标得分合计 {show(scores, 2)} + 预算执行率得分 {exec_text}"
    if table.total is None:
        yield make_finding(
            facts, "perf.total", "info",
            f"「{table.project}」未见自评总分（空白或表格不完整）；{scores_text} = {show(expected, 2)}",
            indicators[0], [], expected=show(expected, 2),
        )
        return
    if _iv(table.total).overlaps(expected):
        return
    grade = ""
    if table.grade and table.grade.text[0] in grade_bands():
        lo, hi = grade_bands()[table.grade.text[0]]
        fits = expected.hi >= lo and expected.lo < hi
        grade = f"；等级「{table.grade.text}」{'与各项得分之和相符，自评总分疑误' if fits else '与两者都不符'}"
    yield make_finding(
        facts, "perf.total", "error",
        f"「{table.project}」自评总分 {table.total.text}：{scores_text} = {show(expected, 2)}{grade}",
        table.total, [i.score for i in indicators] + [table.exec_score],
        stated=table.total.text, expected=show(expected, 2),
    )


def _blank_scores(facts: Facts, table: PerfTable, blank: list[Indicator]) -> Finding:
    """Scores left blank: the total cannot be recomputed, but it can still exceed every weight together."""
    rows = "、".join(f"「{i.name}」（{_where(facts, i)}）" for i in blank)
    weight = _exec_weight(table)
    ceiling = sum(i.weight.quantity.value for i in table.indicators) + weight[0].hi
    if table.total and _iv(table.total).lo > ceiling:
        return make_finding(
            facts, "perf.total", "error",
            f"「{table.project}」自评总分 {table.total.text} 超过各项分值合计 {ceiling.normalize():f}（指标 {rows} 得分栏为空，按满分计也不够）",
            table.total, [i.weight for i in table.indicators], stated=table.total.text, expected=f"≤ {ceiling.normalize():f}",
        )
    return make_finding(facts, "perf.total", "info", f"「{table.project}」指标 {rows} 得分栏为空，自评总分未核对", blank[0], [])


def _grade(facts: Facts, table: PerfTable) -> Iterator[Finding]:
    if not (table.grade and table.total):
        return
    band = grade_bands().get(table.grade.text[0])
    if band is None:
        return
    lo, hi = band
    total = _iv(table.total)
    if total.hi < lo or total.lo >= hi:
        fits = [g for g, (a, b) in grade_bands().items() if total.hi >= a and total.lo < b]
        yield make_finding(
            facts, "perf.total", "error",
            f"「{table.project}」等级「{table.grade.text}」与自评总分 {table.total.text} 不符（{table.grade.text[0]}为 {lo}～{hi} 分，"
            f"{table.total.text} 分应为「{'/'.join(fits)}」）",
            table.grade, [table.total], stated=table.grade.text, expected="/".join(fits),
        )


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


_BIG_MISS = Decimal("0.10")
"""A target missed by this share of itself or more, with full marks, is an error (DOMAIN.md §4)."""


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


@rule("perf.indicator", "绩效指标实际值未达目标却记为完成或满分，或实际值与目标单位不同", severity="error")
def check_indicator(facts: Facts) -> Iterator[Finding]:
    """An indicator whose actual value misses its target (≥ ≤ = > <) yet is marked 完成 or given full marks.

    The national scoring rule (DOMAIN.md §4) gives a met target its full weight and a missed
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
    habit = len(with_fractions) >= _HABIT_TABLES
    for table in with_fractions:
        yield _fractions(facts, table, habit)


@rule("perf.narrative", "绩效自评表的文字叙述与指标的实际完成值或目标值不符")
def check_narrative(facts: Facts) -> Iterator[Finding]:
    """A figure of a table's text restating an indicator: results equal the row's actual value, targets its target.

    Text under 实际完成情况 / 评价结论 / "截至…完成了" states results (DOMAIN.md §4): "完成了水质采样
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
    return make_finding(
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
    return make_finding(
        facts, "perf.narrative", "error" if claim.tight else "warning",
        f"「{table.project}」目标叙述称「{claim.phrase}」{claim.figure.text}{unit}，而指标「{indicator.name}」"
        f"目标值为 {goal}（{_where(facts, target)}）" + ("" if claim.tight else "；叙述与指标名称只部分相同，请核实是否同一指标"),
        claim.figure, [target],
        stated=f"{claim.figure.text}{unit}", expected=goal,
    )


_HABIT_TABLES = 3
"""Fractions for percentages in this many tables are the document's habit: said once per table, as info."""


def _fractions(facts: Facts, table: PerfTable, habit: bool) -> Finding:
    fractions = [i for i in table.indicators if _is_fraction(i)]
    rows = "、".join(f"「{i.name or i.level2}」{i.actual_text}（{_where(facts, i.actual)}）" for i in fractions)
    if habit:
        message = f"「{table.project}」百分比指标的实际值写成小数或 1：{rows}；全文多张表如此，按 1 = 100% 理解，建议统一写作百分数"
    else:
        message = f"「{table.project}」指标实际值 {rows} 未带单位，而目标以 % 计；不能按 1% 理解，请核实是否应为 100%"
    return make_finding(
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

    Time is counted in months into the year (DOMAIN.md §4 treats a date target as any other): a result
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
        big = completion is not None and 1 - completion.hi >= _BIG_MISS and exact
        said = "标为「完成」" + ("且得满分" if full else "") if done else "得满分"
        share = f"（完成 {show(completion.scale(HUNDRED), 1, '%')}）" if completion is not None else ""
        yield make_finding(
            facts, "perf.indicator", "error" if big and full else "warning",
            f"{head} 未达到{share}，却{said}" + ("；按评分规则应得 分值 × 完成率" if big and full else ""),
            actual, [target, score],
            stated=indicator.actual_text, expected=goal,
        )
        return
    if score and weight and completion is not None and 1 - completion.hi >= _BIG_MISS and exact:
        implied = _iv(weight) * completion
        if _iv(score).lo > implied.hi:  # more generous than the rule allows; a stricter score is the office's choice
            expected = show(implied, score.quantity.places + 1)
            yield make_finding(
                facts, "perf.indicator", "warning",
                f"{head} 未达到，得分 {score.text}：按分值 {weight.text} × 完成率 应为 {expected}（各地对未完成指标的计分方法不一，请核实）",
                score, [actual, target, weight],
                stated=score.text, expected=expected,
            )
