"""Rules `wording.*`: the words of a sentence against the figures it states."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.quantity import ONE_HUNDRED, Interval
from auditor.rules.base import rule
from auditor.rules.common import finding_at

_SAID = {">": "大于", "<": "小于", "=": "等于"}


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


@rule("wording.flat", "写“持平”却同时写了增减额或增减率", severity="warning")
def check_flat_wording(facts: Facts):
    """``与上年持平`` and a non-zero change against the same year in the same clause contradict each other.

    ``…与上年持平，较上年增加 0.34 万元`` cannot both be true. Only a change compared with
    the same year (上年, or the same YYYY 年) between the same two ``；``/``。`` is read, so
    ``与预算持平，较上年增加 0.34 万元`` (two different comparisons) is consistent. It is a
    warning: which of the two the writer meant cannot be told.
    """
    for f in facts.checklist.flats:
        yield finding_at(
            facts,
            "wording.flat",
            "warning",
            f"写「{f.text}」，同一句又写{f.direction} {f.change.quantity.display()}",
            (f.start, f.end),
            [(f.change.start, f.change.end)],
            stated=f.text,
            expected=f"{f.direction} {f.change.quantity.display()}",
        )


@rule("wording.share-unit", "占比数字缺少百分号", severity="warning")
def check_share_unit(facts: Facts):
    """A share (``占``, ``占比``, ``比重``) is a percentage: a figure with decimals after it and no ``%`` has lost its sign.

    ``城乡社区支出(类)15411.43 万元，占 76.23;`` is reported. Whole numbers after 占 are not
    read (``占 3 席`` is a count), nor 占地 / 占用. A warning: the figure is most likely a
    percentage with the sign dropped, but the reader cannot be sure.
    """
    for s in facts.checklist.bare_shares:
        yield finding_at(facts, "wording.share-unit", "warning", f"占比「{s.text}」缺少百分号 %", (s.start, s.end), stated=s.text)


@rule("wording.none", "写“无/未发生”某项支出，同一部分却列出了该项金额", severity="warning")
def check_denied_spending(facts: Facts):
    """A “三公” item said not to have been spent on (``无公务接待开支``, ``未发生因公出国（境）费``) has no non-zero amount in the same section.

    Within the “三公” section, a statement that an item was not incurred and a non-zero
    amount of that item (``公务接待费支出决算为 1.53 万元``) cannot both be true. The items are
    listed in ``rules/vocabulary.toml`` ([checklist] sangong_items). A warning: which of the
    two is wrong cannot be told, and a statement may be narrower than it reads.
    """
    for d in facts.checklist.sangong.denials:
        yield finding_at(
            facts,
            "wording.none",
            "warning",
            f"写「{d.statement.text}」，同一部分却写{d.item}金额 {d.figure.quantity.display()}",
            (d.statement.start, d.statement.end),
            [(d.figure.start, d.figure.end)],
            stated=d.statement.text,
            expected=d.figure.quantity.display(),
        )
