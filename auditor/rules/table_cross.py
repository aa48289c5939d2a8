"""The ``table.cross`` rule: 表间同一数额不一致."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules._table import _findings
from auditor.rules.base import rule


@rule("table.cross", "表间同一数额不一致")
def check_cross(facts: Facts):
    """The same money in two tables agrees: 01 本年支出合计 = 03 合计, 04 一般公共预算 = 05 小计, class by class.

    Written as data in ``rules/tables.rules``, one cell against another
    (``表01支出[本年支出合计, 金额] = 表03[合计, 本年支出合计]``): the two sides of 公开01表 and
    of 公开04表, 01's totals against 02 and 03, its 一般公共预算财政拨款收入 against 04, 04's
    一般公共预算 column against 05, and 06's 人员经费合计 + 公用经费合计 against 05's 基本支出.
    With ``每类`` as the row, every class either table shows is compared, matched by name; a
    class one table does not list counts as zero, unless the extraction cut that table short.
    Figures agree within their rounding. An identity naming a table the document does not
    carry is not checked; a row or column missing from a table it does carry is said by
    `table.layout`.
    """
    yield from _findings(facts, "table.cross")
