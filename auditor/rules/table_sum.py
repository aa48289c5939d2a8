"""The ``table.sum`` rule: 表内合计与分项之和不符."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules._table import _findings
from auditor.rules.base import rule


@rule("table.sum", "表内合计与分项之和不符")
def check_sums(facts: Facts):
    """Within one table, a total equals the sum of its parts, in every row or column the rules name.

    Written as data in ``rules/tables.rules``: ``表03 每行: 本年支出合计 = 基本支出 + 项目支出 + …``
    holds in every row, ``表01收入 列 金额: 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余``
    in one column. Each printed cell stands for its rounding interval, so n rounded parts may
    miss their total by up to n half-units.
    """
    yield from _findings(facts, "table.sum")
