"""Rule `xref.identity`: prose figures satisfy the identities of the tables they restate.

The formulas are the table identities of ``rules/*.rules``; which prose figure stands
for which cell is ``rules/concepts.toml``. The link stage (:mod:`auditor.link.identities`)
builds the instances where the document does not carry the tables (with the tables,
`xref.table` and the table rules already cover it); this rule evaluates them.
"""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.rules.base import rule
from auditor.rules.common import evaluate_identity


@rule("xref.identity", "正文数字不满足报表恒等式")
def check_prose_identities(facts: Facts):
    """Prose figures that name cells of the standard tables satisfy the tables' identities, within rounding.

    人员经费 + 公用经费 = 一般公共预算财政拨款基本支出 (公开06表 against 05), 基本支出 + 项目支出
    + … = 本年支出合计 (公开03表), 公务用车购置费 + 运行维护费 = 公务用车购置及运行维护费 and
    因公出国(境)费 + 公务用车 + 公务接待费 = 三公经费 (公开09表), 总计 = 本年收入合计 + … (01).
    Checked where the document does not carry the tables the identity is about, on figures
    stated in different sentences (one 其中 list is the `sum` rule's). Parts the prose does
    not state make the check one-sided: the total cannot be smaller than the parts it
    states. Figures from different sections are compared as one caliber only when the
    document says all its income is 一般公共预算; otherwise a difference is a warning.
    """
    for instance in facts.identities:
        if instance.rule == "xref.identity":
            finding = evaluate_identity(instance)
            if finding is not None:
                yield finding
