"""Concepts across the document: one quantity stated in several sections, or two stated figures an identity ties.

A label names a concept and a caliber: ``一般公共预算财政拨款基本支出`` is 基本支出 of the
一般公共预算 funds, ``基本支出`` under 三、 is 基本支出 of all funds. Figures of one concept
and one caliber are one quantity wherever they stand. When the document says all its
income is 一般公共预算 (``全部为一般公共预算财政拨款收入``), the calibers collapse: 基本支出
in 三、 and 一般公共预算财政拨款基本支出 in 六、 are the same figure. Without that sentence,
only labels that spell out the same caliber are compared.

The identity 收入总计 = 支出总计 (DOMAIN.md §2) is applied to prose figures of one sentence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from auditor.document.model import Document, normalise
from auditor.extract.facts import Facts, Mention, Restatement

#: Concepts whose label alone, once the caliber is taken off, identifies one quantity of a department.
_CONCEPTS = ("基本支出", "项目支出", "人员经费", "公用经费")
_CALIBER = re.compile(r"^(?P<caliber>一般公共预算财政拨款|一般公共预算|财政拨款)?(?P<concept>.+)$")
# "本年收入合计 612.40 万元，全部为一般公共预算财政拨款收入": said of the income, not of one item.
_ALL_GENERAL_BUDGET = re.compile(r"收入(?:合计|总计)?[^。；;\n]{0,20}(?:全部|均|全额)(?:为|是|来源于|来自)一般公共预算")


def _concept(m: Mention) -> tuple[str, str] | None:
    """(caliber, concept) of a stated money figure whose label is one of the concepts, else None."""
    if m.role != "plain" or not m.quantity.is_money:
        return None
    match = _CALIBER.match(m.label)
    if match is None or match.group("concept") not in _CONCEPTS:
        return None
    caliber = match.group("caliber") or ""
    # 一般公共预算 and 一般公共预算财政拨款 are one caliber; 财政拨款 adds 政府性基金 and 国有资本经营
    return ("一般公共预算" if caliber.startswith("一般公共预算") else caliber), match.group("concept")


def all_income_general_budget(document: Document) -> bool:
    """Does the document say all its income is 一般公共预算 (so every caliber is one)?"""
    return bool(_ALL_GENERAL_BUDGET.search(normalise(document.text)))


def restatements(facts: Facts, collapsed: bool) -> Iterator[Restatement]:
    """Each figure of a concept against the first statement of that concept in another section.

    ``collapsed``: the document says all its income is 一般公共预算 (:func:`all_income_general_budget`).
    """
    first: dict[tuple[str, str], Mention] = {}
    for m in facts.mentions:
        key = _concept(m)
        if key is None:
            continue
        caliber, concept = key
        if not caliber and not collapsed:
            continue  # 基本支出 of which funds? the heading may say, the label does not
        key = ("", concept) if collapsed else key
        earlier = first.setdefault(key, m)
        if earlier is not m and earlier.scope_key != m.scope_key:
            bound = "concept across sections (all income 一般公共预算)" if collapsed else "concept across sections"
            yield Restatement(m, earlier, bound)
    yield from _totals(facts)


def _totals(facts: Facts) -> Iterator[Restatement]:
    """收入总计 and 支出总计 stated in one sentence (收、支总计各为 A,B 万元): equal by definition."""
    by_sentence: dict[int, dict[str, Mention]] = defaultdict(dict)
    for m in facts.mentions:
        if m.role == "plain" and m.quantity.is_money and m.label.endswith(("收入总计", "支出总计")):
            by_sentence[m.sentence].setdefault(m.label, m)
    for figures in by_sentence.values():
        for label, income in figures.items():
            if label.endswith("收入总计") and (spent := figures.get(label[: -len("收入总计")] + "支出总计")) is not None:
                yield Restatement(spent, income, "identity 收入总计 = 支出总计", severity="warning")
