"""Rule `share`: a stated share (占 P%) equals part ÷ whole."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from auditor.extract.facts import GUESSED, Facts, Mention, Share
from auditor.quantity import HUNDRED, ONE_HUNDRED, Interval, Quantity, interval_sum
from auditor.rules.base import rule
from auditor.rules.common import (
    finding_at,
    magnitude,
    mixed_money_units,
    name,
    percent_gap,
    show,
    truncation_note,
    verdict,
)


def _implied(part: Mention, whole: Mention) -> Interval | None:
    base = magnitude(whole)
    if base.lo <= 0:
        return None  # a share of nothing is undefined
    return magnitude(part) / base * ONE_HUNDRED


def _misfit(share: Share, bases: Iterable[tuple[int, int, Mention]]) -> tuple[str, Mention, Interval] | None:
    """(severity, whole, implied share) against the whole the share comes closest to; None where it fits one, or has none.

    ``bases`` come nearest first, so the search ends at the first whole the share fits.
    Of the wholes it fits equally badly the nearest is named, the first in the document
    where equally near; so of figures with one quantity (one implied share) only the
    first needs the arithmetic.
    """
    rate = share.rate.quantity
    seen: set[Quantity] = set()
    misfits = []
    for distance, index, whole in bases:
        if whole.quantity in seen or mixed_money_units([whole, share.part]):
            continue
        seen.add(whole.quantity)
        implied = _implied(share.part, whole)
        if implied is None:
            continue
        severity = verdict(rate, implied)
        if severity is None:
            return None
        misfits.append((rate.interval().distance(implied), distance, index, severity, whole, implied))
    if not misfits:
        return None
    *_, severity, whole, implied = min(misfits, key=lambda t: t[:3])
    return severity, whole, implied


def _items_misfit(share: Share) -> tuple[str, Interval] | None:
    """(severity, implied share) of a share of its items' sum (an implicit whole); None where it fits."""
    if mixed_money_units([*share.items, share.part]):
        return None
    whole = interval_sum(magnitude(m) for m in share.items)
    if whole.lo <= 0:
        return None
    implied = magnitude(share.part) / whole * ONE_HUNDRED
    severity = verdict(share.rate.quantity, implied)
    return None if severity is None else (severity, implied)


def _nudged(facts: Facts, share: Share, gap: Decimal) -> bool:
    """Shares of one list that add up to exactly 100% where one was adjusted to make them do so."""
    if share.items:
        siblings = [s for s in facts.shares if s.items is share.items]
    elif share.whole is not None:
        siblings = [s for s in facts.shares if s.whole is share.whole]
    else:
        return False
    stated_total = sum(s.rate.quantity.value for s in siblings)
    half_units = sum(s.rate.quantity.ulp for s in siblings) / 2
    return stated_total == HUNDRED and gap <= half_units


@rule("share", "占比与分项÷总数不符")
def check_shares(facts: Facts):
    """A share stated with 占 or 占比 must equal the part divided by its whole.

    The whole is the total a ``其中`` list hangs from, or the figure the share names
    (``占政府采购支出总额的 83.02%``). When a named base could mean several figures,
    the share is consistent if it fits any of them.

    Shares with no list and no named base whose rates add up to 100 % are shares of their
    items' sum (``公务接待费 2.40 万元，占 40%；公务用车运行维护费 3.60 万元，占 60%``); a share
    of a “三公” item is of the “三公”经费 total wherever the document states it. Other shares
    with no list and no named base (one item per numbered heading) are read as shares of
    the latest figure stated before them that can hold them all: a guess, so a misfit is
    a warning that names the figure assumed.

    Warning instead of error: the share fits only if the writer truncated (7.878% shown
    as 7.87%), or the shares of one list were nudged so that they add up to 100%.
    """
    named = facts.named_bases
    for share in facts.shares:
        if share.items:
            yield from _of_items(facts, share)
            continue
        rate = share.rate.quantity
        misfit = _misfit(share, [(0, 0, share.whole)] if share.whole is not None else named.nearest_first(share))
        if misfit is None:
            continue
        severity, whole, expected = misfit
        gap = rate.interval().distance(expected)
        reason = ""
        if severity == "warning":
            reason = truncation_note(severity)
        elif _nudged(facts, share, gap):
            severity, reason = "warning", "；疑为凑足 100% 而调整"
        if share.bound in GUESSED:
            # the whole was not named: a guess is never the ground of an error, and the message says what was assumed
            severity, reason = "warning", f"{reason}；未写明占何者之比，按前文的{name(whole)} {whole.quantity.display()} 计算"
        places = rate.places + 1
        message = (
            f"{name(share.part)} {share.part.quantity.display()} 占 {rate.display()}："
            f"按 {share.part.quantity.display()} ÷ {whole.quantity.display()}（{name(whole)}）"
            f"应为 {show(expected, places, '%')}，相差 {percent_gap(rate, expected)}{reason}"
        )
        yield finding_at(
            facts,
            "share",
            severity,
            message,
            share.rate,
            [share.part, whole],
            stated=rate.display(),
            expected=show(expected, places, "%"),
        )


def _of_items(facts: Facts, share: Share):
    """A share of listed items whose rates add up to 100 %: of the items' sum."""
    misfit = _items_misfit(share)
    if misfit is None:
        return
    severity, expected = misfit
    rate = share.rate.quantity
    gap = rate.interval().distance(expected)
    reason = truncation_note(severity)
    if severity == "error" and _nudged(facts, share, gap):
        severity, reason = "warning", "；疑为凑足 100% 而调整"
    items = " + ".join(m.quantity.display() for m in share.items)
    places = rate.places + 1
    message = (
        f"{name(share.part)} {share.part.quantity.display()} 占 {rate.display()}：所列各项占比合计 100%，"
        f"按 {share.part.quantity.display()} ÷ 各项之和（{items}）应为 {show(expected, places, '%')}，"
        f"相差 {percent_gap(rate, expected)}{reason}"
    )
    yield finding_at(facts, "share", severity, message, share.rate, [share.part, *share.items],
                       stated=rate.display(), expected=show(expected, places, "%"))
