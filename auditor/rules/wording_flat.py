"""The ``wording.flat`` rule: 写“持平”却同时写了增减额或增减率."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules.base import Message, rule
from auditor.rules.common import finding_at

MESSAGES = {"flat": Message("warning", "写「{text}」，同一句又写{change}")}


@rule("wording.flat", "写“持平”却同时写了增减额或增减率", severity="warning", messages=MESSAGES)
def check_flat_wording(facts: Facts):
    """``与上年持平`` and a non-zero change against the same year in the same clause contradict each other.

    ``…与上年持平，较上年增加 0.34 万元`` cannot both be true. Only a change compared with
    the same year (上年, or the same YYYY 年) between the same two ``；``/``。`` is read, so
    ``与预算持平，较上年增加 0.34 万元`` (two different comparisons) is consistent. It is a
    warning: which of the two the writer meant cannot be told.
    """
    flat = MESSAGES["flat"]
    for f in facts.checklist.flats:
        change = f"{f.direction} {f.change.quantity.display()}"
        yield finding_at(facts, "wording.flat", flat.severity, flat.format(text=f.text, change=change), (f.start, f.end),
                         [(f.change.start, f.change.end)], stated=f.text, expected=change)
