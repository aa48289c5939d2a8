"""Rule `share`: a stated share (占 P%) equals part ÷ whole."""

from __future__ import annotations

import bisect
import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal

from auditor.extract.facts import Facts, Mention, Share
from auditor.extract.labels import compatible, is_budget_label
from auditor.quantity import Interval, Quantity
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


class _Label:
    """The stated figures with one label (of one kind, money or not): (start, index, figure) by start, and each quantity's count."""

    def __init__(self) -> None:
        self.figures: list[tuple[int, int, Mention]] = []
        self.counts: Counter[Quantity] = Counter()

    def add(self, index: int, m: Mention) -> None:
        self.figures.append((m.start, index, m))
        self.counts[m.quantity] += 1


class _Walk:
    """One label's figures walked outwards from a share's part: the quantities handed out, and how many are left."""

    def __init__(self, group: _Label, left: int) -> None:
        self.group, self.left = group, left
        self.handed: set[Quantity] = set()


class NamedBases:
    """The prose figures a named base (占政府采购支出总额的 …) can refer to.

    Any stated figure in the document whose label the base can mean. They are indexed by
    label and handed out nearest first, one per label and quantity (figures with the same
    quantity imply the same share), so that a share that fits a figure near it, as most do,
    looks at a few figures, and one that fits none at each quantity once, rather than at
    every figure of the document.
    """

    def __init__(self, facts: Facts) -> None:
        self._labels: dict[tuple[str, bool], _Label] = defaultdict(_Label)  # (label, money) → its figures
        for index, m in enumerate(facts.mentions):
            if m.role == "plain":
                self._labels[m.label, m.quantity.is_money].add(index, m)
        for group in self._labels.values():
            group.figures.sort()

    def _candidates(self, share: Share) -> list[_Label]:
        """Figures of the part's kind whose label the base can mean; a budget is the base only of a budget."""
        money = share.part.quantity.is_money
        budget = is_budget_label(share.part.label)
        return [
            group
            for (label, is_money), group in self._labels.items()
            if is_money == money and is_budget_label(label) == budget and compatible(share.base_label, label)
        ]

    def any_for(self, share: Share) -> bool:
        """Can the base refer to a figure other than the share's part?"""
        return any(len(group.figures) > 1 or group.figures[0][2] is not share.part for group in self._candidates(share))

    def nearest_first(self, share: Share) -> Iterator[tuple[int, int, Mention]]:
        """(distance from the part, index, figure), nearest first (the first in the document where equally near).

        Of a label's figures with one quantity only the nearest is handed out; a label
        whose every quantity has been handed out is walked no further.
        """
        part = share.part
        own = self._labels.get((part.label, part.quantity.is_money)) if part.role == "plain" else None
        heap: list[tuple[int, int, int, int, _Walk]] = []  # (distance, index, position, step, walk): never equal in (distance, index)

        def push(walk: _Walk, position: int, step: int) -> None:
            if 0 <= position < len(walk.group.figures):
                start, index, _ = walk.group.figures[position]
                heapq.heappush(heap, (abs(start - part.start), index, position, step, walk))

        for group in self._candidates(share):
            walk = _Walk(group, len(group.counts) - (group is own and group.counts[part.quantity] == 1))
            at = bisect.bisect_left(group.figures, part.start, key=lambda f: f[0])
            push(walk, at - 1, -1)
            push(walk, at, 1)
        while heap:
            distance, index, position, step, walk = heapq.heappop(heap)
            if not walk.left:
                continue
            push(walk, position + step, step)
            m = walk.group.figures[position][2]
            if m is not part and m.quantity not in walk.handed:
                walk.handed.add(m.quantity)
                walk.left -= 1
                yield distance, index, m


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
    named = NamedBases(facts)
    for share in facts.shares:
        rate = share.rate.quantity
        misfit = _misfit(share, [(0, 0, share.whole)] if share.whole is not None else named.nearest_first(share))
        if misfit is None:
            continue
        severity, whole, expected = misfit
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
