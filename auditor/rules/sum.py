"""Rule `sum`: the parts listed under a total add up to it."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.quantity import Interval, interval_sum
from auditor.rules.base import rule
from auditor.rules.common import amount_gap, finding_at, magnitude, mixed_money_units, name, show, unit_of


def exceeding_parts(lst) -> list:
    """Parts that alone are larger than the whole (reported by `part-whole`, not here)."""
    whole = magnitude(lst.whole)
    return [p for p in lst.parts if magnitude(p).lo > whole.hi]


#: Where the parts stand, as a message says it, by how the list was read (PartsList.bound).
_WHERE = {"parenthesis": "括号内", "closing total": "其前"}


@rule("sum", "分项之和与合计不符")
def check_sums(facts: Facts):
    """Parts listed under a total must add up to it.

    ``本年支出合计774.37万元，其中：基本支出395.91万元 …；项目支出378.46万元 …`` asserts
    that the listed parts sum to the total. Each printed figure stands for its
    rounding interval, so twelve parts may differ from their total by up to
    12 × 0.005 and still be consistent (docs/domain.md §5): 人员经费 373.11 + 公用经费 22.79
    = 395.90 fits 基本支出 395.91.

    * parts that add up to more than the total: error, for any list;
    * parts that add up to less: error only for a list that claims to be complete: its
      parts name distinct members of one complementary classification (基本支出 and 项目支出,
      在职 and 退休, the classes of a table; ``rules/vocabulary.toml``) or end with a 其他…
      item, under ``其中`` or ``从…来看`` in the total's own sentence or in a parenthesis
      right after it (``共有人员 42 名（在职 35 名、退休 9 名）``); or a total that closes
      the amounts before it (``…，共计支出 16.5 万元``). A list under ``主要用于以下方面``,
      interrupted by a reason, or of items that need not be all (正高级 300 人、副高级
      500 人), may leave items out;
    * a list that mixes two classifications (正高级、副高级 and 博士生导师、硕士生导师,
      which overlap) is checked per classification, never as one sum.
    """
    for lst in facts.lists:
        if len(lst.parts) < 2 or exceeding_parts(lst) or mixed_money_units([lst.whole, *lst.parts]):
            continue
        whole = magnitude(lst.whole)
        total = interval_sum(magnitude(p) for p in lst.parts)
        places = max(p.quantity.places for p in [lst.whole, *lst.parts])
        unit = unit_of(lst.whole)
        if total.lo > whole.hi:
            relation = "大于"
        elif lst.complete and total.hi < whole.lo:
            relation = "小于"
        else:
            continue
        listed = " + ".join(p.quantity.display() for p in lst.parts)
        stated_sum = sum(magnitude(p).lo + magnitude(p).width / 2 for p in lst.parts)
        gap = amount_gap(total, whole, unit, places)
        rounding = f"计入四舍五入（{show(total, places + 1, unit)}）仍" if total.width or whole.width else ""
        message = (
            f"{name(lst.whole)} {lst.whole.quantity.display()}：{_WHERE.get(lst.bound, '其中')}所列 {len(lst.parts)} 项之和"
            f"（{listed}）为 {show(Interval.point(stated_sum), places, unit)}，{relation}合计；{rounding}相差 {gap}"
        )
        yield finding_at(
            facts,
            "sum",
            "error",
            message,
            lst.whole,
            lst.parts,
            stated=lst.whole.quantity.display(),
            expected=show(total, places + 1, unit),
        )
