"""The ``wording.share-unit`` rule: 占比数字缺少百分号."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules.base import Message, rule
from auditor.rules.common import finding_at

MESSAGES = {"bare": Message("warning", "占比「{text}」缺少百分号 %")}


@rule("wording.share-unit", "占比数字缺少百分号", severity="warning", messages=MESSAGES)
def check_share_unit(facts: Facts):
    """A share (``占``, ``占比``, ``比重``) is a percentage: a figure with decimals after it and no ``%`` has lost its sign.

    ``城乡社区支出(类)15411.43 万元，占 76.23;`` is reported. Whole numbers after 占 are not
    read (``占 3 席`` is a count), nor 占地 / 占用. A warning: the figure is most likely a
    percentage with the sign dropped, but the reader cannot be sure.
    """
    for s in facts.checklist.bare_shares:
        bare = MESSAGES["bare"]
        yield finding_at(facts, "wording.share-unit", bare.severity, bare.format(text=s.text), (s.start, s.end), stated=s.text)
