"""Concepts across the document: one quantity stated in several sections, or two stated figures an identity ties.

A label names a concept and a caliber: ``一般公共预算财政拨款基本支出`` is 基本支出 of the
一般公共预算 funds, ``基本支出`` under 三、 is 基本支出 of all funds. Figures of one concept
and one caliber are one quantity wherever they stand. When the document says all its
income is 一般公共预算 (``全部为一般公共预算财政拨款收入``), the calibers collapse: 基本支出
in 三、 and 一般公共预算财政拨款基本支出 in 六、 are the same figure. Without that sentence,
only labels that spell out the same caliber are compared.

The identity 收入总计 = 支出总计 (docs/domain.md §2) is applied to prose figures of one sentence.

An item whose name alone says which money it is (a “三公” item, the “三公” total, 机关运行经费:
``rules/vocabulary.toml`` [prose.concepts]) has one budget and one final figure in a year: its
年初预算 in 七、 and its 预算 in the 三公 table's note are one quantity, whatever paragraph or
part each stands in (:func:`item_figures`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence

import attrs

from auditor.document.model import Document, normalise
from auditor.extract.facts import Facts, Mention, Restatement
from auditor.extract.labels import is_difference_label, is_generic, is_previous_year_label, item_and_attribute, item_key
from auditor.knowledge import vocabulary
from auditor.quantity import Interval

#: Concepts whose label alone, once the caliber is taken off, identifies one quantity of a department.
_CONCEPTS = ("基本支出", "项目支出", "人员经费", "公用经费")
_CALIBER = re.compile(r"^(?P<caliber>一般公共预算财政拨款|一般公共预算|财政拨款)?(?P<concept>.+)$")
# "本年收入合计 612.40 万元，全部为一般公共预算财政拨款收入": said of the income, not of one item.
_SAYS_WHICH = re.compile(r"预算|决算|执行|支出")  # a label naming no item still says which of its figures it is
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


_ALL_REACH = 29  # characters of a match before its 一般公共预算: 收入 合计 [20 more] 全部 来源于
_ANCHOR = "一般公共"  # no character normalises to one of these four: they stand where they stand in the normalised text


def all_income_general_budget(document: Document) -> bool:
    """Does the document say all its income is 一般公共预算 (so every caliber is one)?

    Every such statement ends in 一般公共预算: only the few characters before each 一般公共 are normalised and
    searched, not the whole text again (the extraction normalised it already, and has let it go)."""
    text = document.text
    at = text.find(_ANCHOR)
    while at != -1:
        if _ALL_GENERAL_BUDGET.search(normalise(text[max(at - _ALL_REACH, 0) : at + 6])):
            return True
        at = text.find(_ANCHOR, at + 1)
    return False


def restatements(facts: Facts, collapsed: bool, figures: Sequence[ItemFigure]) -> Iterator[Restatement]:
    """Each figure of a concept against the first statement of that concept in another section.

    ``collapsed``: the document says all its income is 一般公共预算 (:func:`all_income_general_budget`); ``figures``:
    :func:`item_figures` of the facts (made once, the budgets read them too).
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
    yield from _items_restated(figures)


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


def _calibers() -> list[str]:
    return vocabulary()["prose"]["concepts"]["other_calibers"]


@attrs.frozen
class ItemFigure:
    """A stated money figure of an item of one caliber: the item's key, which figure (预算 with 年初/全年/调整后 or "";
    决算), the year it is of, and the figure."""

    key: str
    what: str
    which: str
    year: int | None
    figure: Mention


def item_figures(facts: Facts) -> Iterator[ItemFigure]:
    """The stated money figures of items of one caliber, in document order; not last year's, nor an item listed
    under a heading of another caliber (公用经费 … 公务接待费)."""
    document_year = facts.checklist.year.year if facts.checklist.year else None
    for m in facts.mentions:
        if m.role != "plain" or not m.quantity.is_money or is_previous_year_label(m.label) or is_difference_label(m.label):
            continue
        if is_generic(m.label) and not _SAYS_WHICH.search(m.label):
            continue  # 金额, 资金: which figure of the item is not said
        key = item_key(m.item)
        if key is None:
            continue
        path = "".join(h.title for h in m.scope)
        if any(word in path and word not in m.item for word in _calibers()):
            continue
        _, what, which = item_and_attribute(m.label)
        yield ItemFigure(key, what, which, m.year or document_year, m)


class _Statements:
    """The statements met so far of one quantity: the first of them, and their magnitudes sorted by their low ends,
    so that whether any of them overlaps a new figure is one bisect and one ``max``, not a walk over each of them
    (a long document states an item hundreds of times)."""

    def __init__(self) -> None:
        self.first: ItemFigure | None = None
        self._los: list = []
        self._his: list = []  # the high end of the magnitude whose low end stands at the same index of _los

    def overlap(self, magnitude: Interval) -> bool:
        """Does any statement's magnitude overlap ``magnitude`` (closed intervals: lo ≤ its hi and hi ≥ its lo)?"""
        below = bisect_right(self._los, magnitude.hi)
        return below > 0 and max(self._his[:below]) >= magnitude.lo

    def add(self, figure: ItemFigure, magnitude: Interval) -> None:
        if self.first is None:
            self.first = figure
        at = bisect_right(self._los, magnitude.lo)
        self._los.insert(at, magnitude.lo)
        self._his.insert(at, magnitude.hi)


def _items_restated(figures: Sequence[ItemFigure]) -> Iterator[Restatement]:
    """Each figure of an item of one caliber that fits none of its earlier statements (docs/domain.md §3: the same figure
    restated); pairs the `xref` rule compares within a section (one label, one heading path) are left to it.

    Figures are one quantity when they are of one item, one year, and the final figure or the same budget. A budget
    that does not say which (预算) is the 年初 or the 全年 one: it is taken for the one the document states of the item,
    and for none where it states both; so where the document states one kind of budget of an item (or none), every
    figure of the item (and what, and year) is one quantity, and where it states two, each kind is its own.
    """
    kinds: dict[tuple, set[str]] = defaultdict(set)  # (item, what, year) → the kinds of budget stated
    for f in figures:
        if f.which:
            kinds[f.key, f.what, f.year].add(f.which)
    quantities: dict[tuple, _Statements] = defaultdict(_Statements)
    for f in figures:
        item = (f.key, f.what, f.year)
        earlier = quantities[item, f.which if len(kinds[item]) > 1 else None]
        magnitude = f.figure.quantity.magnitude()
        first, fits = earlier.first, earlier.overlap(magnitude)
        earlier.add(f, magnitude)
        if first is None or fits:
            continue
        first = first.figure
        if first.scope_key == f.figure.scope_key and first.label == f.figure.label:
            continue
        yield Restatement(f.figure, first, "item across sections")
