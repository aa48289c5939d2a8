"""The wholes of shares that no 其中 list, named base or topic phrase binds.

Read in this order, the first that applies:

* **items that make the whole**: a run of two or more such shares whose rates add up to 100 %
  (within their rounding) says its items are the whole: ``公务接待费 2.40 万元，占 40%；公务用车运行维护费
  3.60 万元，占 60%`` are shares of 2.40 + 3.60 (bound ``items sum to 100%``, a reading, not a guess);
* **the 三公 total**: a share of a “三公” item (因公出国（境）费, 公务用车…, 公务接待费) is a share of the
  “三公”经费 total wherever the document states it (bound ``三公 total``, the base named by concept);
* **stated before**: a run of two or more shares takes as its whole the latest figure before it that
  can hold all its parts (bound ``stated before``: a guess, so a misfit is at most a warning).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import attrs

from auditor.extract.facts import Facts, Mention, Share
from auditor.extract.labels import classifications, compatible, is_budget_label, is_difference_label
from auditor.knowledge import vocabulary
from auditor.quantity import HUNDRED, interval_sum

#: Shares of one whole add up to at most 100 % (plus the rounding of a few of them).
_MOST = Decimal("100.5")


def wholes_stated_before(facts: Facts) -> Iterator[Share]:
    """The unbound shares (facts.orphan_shares) with the whole each is read to be of; those with none are left out.

    Runs are shares of one kind with no other stated figure of that kind between their parts.
    """
    order = {id(m): i for i, m in enumerate(facts.mentions)}
    runs: list[list[Share]] = []
    for share in sorted(facts.orphan_shares, key=lambda s: order[id(s.part)]):
        run = runs[-1] if runs else None
        if run is not None and run[-1].part.same_measure(share.part) and not _between(facts, order, run[-1].part, share.part):
            run.append(share)
        else:
            runs.append([share])
    sangong_stated = {budget: _sangong_total_stated(facts, budget) for budget in (False, True)}
    for run in runs:
        if len(run) >= 2 and _add_up_to_hundred(run):
            items = tuple(s.part for s in run)
            yield from (attrs.evolve(s, items=items, bound="items sum to 100%") for s in run)
            continue
        if all(_is_sangong_item(s.part) and sangong_stated[is_budget_label(s.part.label)] for s in run):
            yield from (attrs.evolve(s, base_label=_sangong_total(), bound="三公 total") for s in run)
            continue
        if len(run) < 2 or sum(s.rate.quantity.value for s in run) > _MOST:
            continue
        whole = _whole_before(facts, order, run)
        if whole is not None:
            yield from (attrs.evolve(s, whole=whole, bound="stated before") for s in run)


def _add_up_to_hundred(run: list[Share]) -> bool:
    """Do the rates add up to 100 % within their rounding (40% + 60%; 98.49% + 1.51%)?"""
    return interval_sum(s.rate.quantity.interval() for s in run).contains(HUNDRED)


def _sangong_total() -> str:
    return vocabulary()["prose"]["concepts"]["sangong_total"]


def _is_sangong_item(m: Mention) -> bool:
    return any(name == "sangong" for name, _ in classifications(m.label))


def _sangong_total_stated(facts: Facts, budget: bool) -> bool:
    """Does the document state the “三公” total (its budget, where ``budget``)?"""
    total = _sangong_total()
    return any(
        m.role == "plain" and m.quantity.is_money and is_budget_label(m.label) == budget and compatible(total, m.full_label)
        for m in facts.mentions
    )


def _between(facts: Facts, order: dict[int, int], a: Mention, b: Mention) -> bool:
    """Is a stated figure of the parts' kind between two parts?"""
    return any(m.role == "plain" and m.same_measure(a) for m in facts.mentions[order[id(a)] + 1 : order[id(b)]])


def _whole_before(facts: Facts, order: dict[int, int], run: list[Share]) -> Mention | None:
    first = run[0].part
    needed = interval_sum(s.part.quantity.magnitude() for s in run)
    budget = is_budget_label(first.label)
    for m in reversed(facts.mentions[: order[id(first)]]):
        if (
            m.role == "plain"
            and m.same_measure(first)
            and is_budget_label(m.label) == budget
            and not is_difference_label(m.label)
            and m.quantity.magnitude().hi >= needed.lo
        ):
            return m
    return None
