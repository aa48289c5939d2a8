"""Rule `part-whole`: no part is larger than the whole it is listed under."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules.base import rule
from auditor.rules.common import amount_gap, finding_at, magnitude, mixed_money_units, name, unit_of
from auditor.rules.sum import exceeding_parts


@rule("part-whole", "分项大于其所属总数")
def check_part_whole(facts: Facts):
    """A figure introduced by ``其中`` is part of the figure before it, so it cannot be larger.

    This holds whether or not the list is complete, so it is checked for every list,
    including a single ``其中`` part.
    """
    for lst in facts.lists:
        if mixed_money_units([lst.whole, *lst.parts]):
            continue
        whole = magnitude(lst.whole)
        unit = unit_of(lst.whole)
        for part in exceeding_parts(lst):
            places = max(part.quantity.places, lst.whole.quantity.places)
            message = (
                f"{name(part)} {part.quantity.display()} 是{name(lst.whole)} {lst.whole.quantity.display()}"
                f"的其中项，却比它大 {amount_gap(magnitude(part), whole, unit, places)}"
            )
            yield finding_at(
                facts,
                "part-whole",
                "error",
                message,
                part,
                [lst.whole],
                stated=part.quantity.display(),
                expected=f"≤ {lst.whole.quantity.display()}",
            )
