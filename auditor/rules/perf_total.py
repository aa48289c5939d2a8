"""The ``perf.total`` rule: 绩效自评表的总分、分值合计或等级不符."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.extract.facts import Facts
from auditor.finding import Finding
from auditor.perf.model import Indicator, PerfTable
from auditor.quantity import Interval, interval_sum
from auditor.rules._perf_table import Reading, _exec_weight, _implied_exec_score, _iv, _where, grade_bands, reading
from auditor.rules.base import rule
from auditor.rules.common import finding_at, show


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
    return finding_at(
        facts, "perf.total", "info",
        f"「{table.project}」自评总分及各项分值未核对{summed}：{'；'.join(reasons)}。可能有指标行未读出，或表中分值有误，请核实",
        where, [table.exec_weight, *read.unread] + [i.weight for i in table.indicators],  # a finding lists its first few places
        stated=f"{(read.weights + read.exec_weight).normalize():f}", expected=f"{read.full_marks.normalize():f}",
    )


@rule("perf.total", "绩效自评表的总分、分值合计或等级不符")
def check_total(facts: Facts) -> Iterator[Finding]:
    """自评总分 = Σ indicator scores + execution score, once the weights confirm the reading; no score above its weight; the grade fits.

    Grades: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60 (``rules/vocabulary.toml``). The table
    must confirm its reading first (docs/domain.md §5): the weights read add up to the full marks
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
        scores = [None if i.score is None else i.score.quantity.interval() for i in table.indicators]  # both checks read them
        yield from _over_weight(facts, table, scores)
        sum_findings = list(_sum(facts, table, scores))
        yield from sum_findings
        if not any(f.severity == "error" for f in sum_findings):
            yield from _grade(facts, table)
        yield from _restated(facts, table)


def _restated(facts: Facts, table: PerfTable) -> Iterator[Finding]:
    """The 评价结论 restates the score (自评得分99.09分): it is the table's total."""
    said, total = table.restated_total, table.total
    if said and total and not _iv(said).overlaps(_iv(total)):
        yield finding_at(
            facts, "perf.total", "error",
            f"「{table.project}」评价结论称自评得分 {said.text} 分，而表中总分为 {total.text}（{_where(facts, total)}）",
            said, [total], stated=f"{said.text}分", expected=f"{total.text}分",
        )


def _over_weight(facts: Facts, table: PerfTable, scores: list[Interval | None]) -> Iterator[Finding]:
    """A score above its weight; ``scores``: each indicator's score interval (None for a blank score), in order."""
    pairs = [(i.score, i.weight, i.name, interval) for i, interval in zip(table.indicators, scores, strict=True)]
    pairs.append((table.exec_score, table.exec_weight, "预算执行率", None))
    for score, weight, label, score_interval in pairs:
        if not (score and weight):
            continue
        if score_interval is None:
            score_interval = score.quantity.interval()
        if score_interval.lo > weight.quantity.interval().hi:
            yield finding_at(
                facts, "perf.total", "error",
                f"「{table.project}」指标「{label}」得分 {score.text} 超过其分值 {weight.text}",
                score, [weight], stated=score.text, expected=f"≤ {weight.text}",
            )


def _sum(facts: Facts, table: PerfTable, score_intervals: list[Interval | None]) -> Iterator[Finding]:
    """自评总分 against Σ indicator scores + the execution score; ``score_intervals`` as :func:`_over_weight`'s ``scores``."""
    indicators = table.indicators
    if not indicators or any(i.weight is None for i in indicators):
        return
    blank = [i for i in indicators if i.score is None]
    if blank:
        yield _blank_scores(facts, table, blank)
        return
    scores = interval_sum(score_intervals)
    if table.exec_score:
        exec_score, exec_text = _iv(table.exec_score), table.exec_score.text
    else:
        implied = _implied_exec_score(table)
        if implied is None:
            return
        exec_score, exec_text = implied[0], f"{show(implied[0], 2)}（表中未列，按{implied[1]}）"
    expected = scores + exec_score
    if table.total is not None and _iv(table.total).overlaps(expected):
        return  # the total as its parts add up: nothing to say (and no message to word)
    scores_text = f"各指标得分合计 {show(scores, 2)} + 预算执行率得分 {exec_text}"
    if table.total is None:
        yield finding_at(
            facts, "perf.total", "info",
            f"「{table.project}」未见自评总分（空白或表格不完整）；{scores_text} = {show(expected, 2)}",
            indicators[0], [], expected=show(expected, 2),
        )
        return
    grade = ""
    if table.grade and table.grade.text[0] in grade_bands():
        lo, hi = grade_bands()[table.grade.text[0]]
        fits = expected.hi >= lo and expected.lo < hi
        grade = f"；等级「{table.grade.text}」{'与各项得分之和相符，自评总分疑误' if fits else '与两者都不符'}"
    yield finding_at(
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
        return finding_at(
            facts, "perf.total", "error",
            f"「{table.project}」自评总分 {table.total.text} 超过各项分值合计 {ceiling.normalize():f}（指标 {rows} 得分栏为空，按满分计也不够）",
            table.total, [i.weight for i in table.indicators], stated=table.total.text, expected=f"≤ {ceiling.normalize():f}",
        )
    return finding_at(facts, "perf.total", "info", f"「{table.project}」指标 {rows} 得分栏为空，自评总分未核对", blank[0], [])


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
        yield finding_at(
            facts, "perf.total", "error",
            f"「{table.project}」等级「{table.grade.text}」与自评总分 {table.total.text} 不符（{table.grade.text[0]}为 {lo}～{hi} 分，"
            f"{table.total.text} 分应为「{'/'.join(fits)}」）",
            table.grade, [table.total], stated=table.grade.text, expected="/".join(fits),
        )
