"""Wholes stated before: shares that no 其中 list, named base or topic phrase binds."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import attrs

from auditor.extract.facts import Facts, Mention, Share
from auditor.extract.labels import is_budget_label, is_difference_label
from auditor.quantity import interval_sum

#: Shares of one whole add up to at most 100 % (plus the rounding of a few of them).
_MOST = Decimal("100.5")


def _same_kind(a: Mention, b: Mention) -> bool:
    qa, qb = a.quantity, b.quantity
    return (qa.is_money and qb.is_money) or (not qa.is_money and qa.unit == qb.unit)


def wholes_stated_before(facts: Facts) -> Iterator[Share]:
    """Runs of two or more unbound shares, each run bound to the latest figure before it that can hold all its parts.

    A run ends at any stated figure of the parts' kind that is not one of its parts. The
    binding is a guess (``stated before``): a share that does not fit is at most a warning.
    """
    order = {id(m): i for i, m in enumerate(facts.mentions)}
    runs: list[list[Share]] = []
    for share in sorted(facts.orphan_shares, key=lambda s: order[id(s.part)]):
        run = runs[-1] if runs else None
        if run is not None and _same_kind(run[-1].part, share.part) and not _between(facts, order, run[-1].part, share.part):
            run.append(share)
        else:
            runs.append([share])
    for run in runs:
        if len(run) < 2 or sum(s.rate.quantity.value for s in run) > _MOST:
            continue
        whole = _whole_before(facts, order, run)
        if whole is not None:
            yield from (attrs.evolve(s, whole=whole, bound="stated before") for s in run)


def _between(facts: Facts, order: dict[int, int], a: Mention, b: Mention) -> bool:
    """Is a stated figure of the parts' kind between two parts?"""
    return any(m.role == "plain" and _same_kind(m, a) for m in facts.mentions[order[id(a)] + 1 : order[id(b)]])


def _whole_before(facts: Facts, order: dict[int, int], run: list[Share]) -> Mention | None:
    first = run[0].part
    needed = interval_sum(s.part.quantity.magnitude() for s in run)
    budget = is_budget_label(first.label)
    for m in reversed(facts.mentions[: order[id(first)]]):
        if (
            m.role == "plain"
            and _same_kind(m, first)
            and is_budget_label(m.label) == budget
            and not is_difference_label(m.label)
            and m.quantity.magnitude().hi >= needed.lo
        ):
            return m
    return None
