"""Rule `share`: a stated share (占 P%) equals part ÷ whole."""

from __future__ import annotations

from decimal import Decimal

from auditor.extract.facts import Facts, Mention, Share
from auditor.extract.labels import compatible
from auditor.quantity import Interval
from auditor.rules.base import rule
from auditor.rules.common import (
    HUNDRED,
    magnitude,
    make_finding,
    mixed_money_units,
    name,
    percent_gap,
    show,
    verdict,
)


def _implied(part: Mention, whole: Mention) -> Interval | None:
    base = magnitude(whole)
    if base.lo <= 0:
        return None  # a share of nothing is undefined
    return magnitude(part) / base * Interval.point(HUNDRED)


def _bases(facts: Facts, share: Share) -> list[Mention]:
    """The figures a share can be of: its list's total, or those its named base can refer to."""
    return [share.whole] if share.whole is not None else named_bases(facts, share)


def named_bases(facts: Facts, share: Share) -> list[Mention]:
    """The prose figures a named base (占政府采购支出总额的 …) can refer to, nearest first."""
    candidates = [
        m
        for m in facts.mentions
        if m.role == "plain"
        and m is not share.part
        and m.quantity.is_money == share.part.quantity.is_money
        and compatible(share.base_label, m.label)
    ]
    return sorted(candidates, key=lambda m: abs(m.start - share.part.start))


def _nudged(facts: Facts, share: Share, gap: Decimal) -> bool:
    """Shares of one list that add up to exactly 100% where one was adjusted to make them do so."""
    if share.whole is None:
        return False
    siblings = [s for s in facts.shares if s.whole is share.whole]
    stated_total = sum(s.rate.quantity.value for s in siblings)
    half_units = sum(s.rate.quantity.ulp for s in siblings) / 2
    return stated_total == HUNDRED and gap <= half_units


@rule("share", "占比与分项÷总数不符")
def check_shares(facts: Facts):
    """A share stated with 占 or 占比 must equal the part divided by its whole.

    The whole is the total a ``其中`` list hangs from, or the figure the share names
    (``占政府采购支出总额的 83.02%``). When a named base could mean several figures,
    the share is consistent if it fits any of them.

    Warning instead of error: the share fits only if the writer truncated (7.878% shown
    as 7.87%), or the shares of one list were nudged so that they add up to 100%.
    """
    for share in facts.shares:
        rate = share.rate.quantity
        candidates = [w for w in _bases(facts, share) if not mixed_money_units([w, share.part])]
        implied = [(w, iv) for w in candidates if (iv := _implied(share.part, w)) is not None]
        if not implied:
            continue
        verdicts = [(verdict(rate, iv), w, iv) for w, iv in implied]
        if any(v is None for v, _, _ in verdicts):
            continue
        severity, whole, expected = min(verdicts, key=lambda t: rate.interval().distance(t[2]))
        gap = rate.interval().distance(expected)
        reason = ""
        if severity == "warning":
            reason = "；仅当截尾而非四舍五入时才相符"
        elif _nudged(facts, share, gap):
            severity, reason = "warning", "；疑为凑足 100% 而调整"
        places = rate.places + 1
        message = (
            f"{name(share.part)} {share.part.quantity.display()} 占 {rate.display()}："
            f"按 {share.part.quantity.display()} ÷ {whole.quantity.display()}（{name(whole)}）"
            f"应为 {show(expected, places, '%')}，相差 {percent_gap(rate, expected)}{reason}"
        )
        yield make_finding(
            facts,
            "share",
            severity,
            message,
            share.rate,
            [share.part, whole],
            stated=rate.display(),
            expected=show(expected, places, "%"),
        )
