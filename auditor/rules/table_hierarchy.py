"""The ``table.hierarchy`` rule: 科目层级金额不符."""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules._table import _findings
from auditor.rules.base import rule


@rule("table.hierarchy", "科目层级金额不符")
def check_hierarchy(facts: Facts):
    """A 类 row equals the sum of its 款 rows, a 款 the sum of its 项 rows, 合计 the sum of the 类 rows.

    Function subjects: 类 3 digits (201), 款 5 (20103), 项 7 (2010301); economic subjects in
    公开06表: group 3 digits (301), item 5 (30101). Checked in every money column of the tables
    marked ``科目层级`` in ``rules/tables.rules``. A table the extraction visibly cut short is
    checked only where it is complete.
    """
    yield from _findings(facts, "table.hierarchy")
