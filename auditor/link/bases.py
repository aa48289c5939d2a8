"""Named bases: which stated figures a share's named base (占政府采购支出总额的 …) can mean."""

from __future__ import annotations

import bisect
import heapq
from collections import Counter, defaultdict
from collections.abc import Iterator

from auditor.extract.facts import Facts, Mention, Share
from auditor.extract.labels import compatible, is_budget_label
from auditor.quantity import Quantity


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
                # a label that names no item (支出决算) is known by the item its clause names too (“三公”经费 … 支出决算)
                for label in {m.label, m.full_label}:
                    self._labels[label, m.quantity.is_money].add(index, m)
        for group in self._labels.values():
            group.figures.sort()
        # (base label, money, budget) → its candidates: a document names one base (本年支出合计) for many shares,
        # and each lookup walks every label of the document
        self._asked: dict[tuple[str, bool, bool], list[_Label]] = {}

    def _candidates(self, share: Share) -> list[_Label]:
        """Figures of the part's kind whose label the base can mean; a budget is the base only of a budget."""
        money = share.part.quantity.is_money
        budget = is_budget_label(share.part.label)
        key = (share.base_label, money, budget)
        if key not in self._asked:
            self._asked[key] = [
                group
                for (label, is_money), group in self._labels.items()
                if is_money == money and is_budget_label(label) == budget and compatible(share.base_label, label)
            ]
        return self._asked[key]

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
