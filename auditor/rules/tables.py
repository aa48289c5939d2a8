"""Rules `table.sum`, `table.hierarchy`, `table.cross` and `table.layout`: the tables against themselves.

The identities are data (``rules/*.rules``, read by :mod:`auditor.formula`); the link
stage (:mod:`auditor.link.identities`) turns each statement into instances over the
tables actually present, and these rules evaluate them on rounding intervals
(:func:`auditor.rules.common.evaluate_identity`). An instance holds when some choice of
true values inside every printed cell's interval satisfies it exactly (docs/domain.md §5), so
a sum of n rounded parts may differ from its printed total by up to n half-units.
What cannot be evaluated (a cell that is not a number, a row the table lacks, a table
cut short by the extraction) is said once as an ``info`` finding of `table.layout`,
never guessed at.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.extract.facts import Facts
from auditor.finding import Finding
from auditor.link.verdicts import NOT_UNDERSTOOD
from auditor.rules.base import rule
from auditor.rules.common import evaluate_identity, finding_at


def _findings(facts: Facts, rule_id: str) -> Iterator[Finding]:
    for instance in facts.identities:
        if instance.rule == rule_id:
            finding = evaluate_identity(instance)
            if finding is not None:
                yield finding


@rule("table.sum", "表内合计与分项之和不符")
def check_sums(facts: Facts):
    """Within one table, a total equals the sum of its parts, in every row or column the rules name.

    Written as data in ``rules/tables.rules``: ``表03 每行: 本年支出合计 = 基本支出 + 项目支出 + …``
    holds in every row, ``表01收入 列 金额: 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余``
    in one column. Each printed cell stands for its rounding interval, so n rounded parts may
    miss their total by up to n half-units.
    """
    yield from _findings(facts, "table.sum")


@rule("table.hierarchy", "科目层级金额不符")
def check_hierarchy(facts: Facts):
    """A 类 row equals the sum of its 款 rows, a 款 the sum of its 项 rows, 合计 the sum of the 类 rows.

    Function subjects: 类 3 digits (201), 款 5 (20103), 项 7 (2010301); economic subjects in
    公开06表: group 3 digits (301), item 5 (30101). Checked in every money column of the tables
    marked ``科目层级`` in ``rules/tables.rules``. A table the extraction visibly cut short is
    checked only where it is complete.
    """
    yield from _findings(facts, "table.hierarchy")


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


@rule("table.layout", "表格未能完整核对（提示）", severity="info")
def check_layout(facts: Facts):
    """Says, as ``info``, what part of a table could not be checked and why.

    A cell in a money column that is not a number, a row with more cells than its header, a
    row or column the identities need but the table lacks, a table the extraction cut short,
    and a table whose reading the document does not confirm (its identities fail wherever a
    misreading would make them fail: docs/domain.md §5), which then gives no error at all.
    These are not inconsistencies: they tell the reader which checks did not run.

    In the corpus: the extraction of qinhuangdao-etdz-office-2023 lost 公开05表's rows after
    2010301 (line 314), which the rule reports as
    ``公开05表在第314行之后似乎被截断（各类之和小于合计，最后一类不完整），缺失部分未核对``.
    """
    for note in facts.table_notes:
        yield finding_at(note.document, "table.layout", "info", note.message, (note.start, note.end))
    for verdict in facts.table_verdicts:
        if verdict.status == NOT_UNDERSTOOD:
            table = verdict.table
            start = table.rows[0].start if table.rows else table.start
            yield finding_at(table.document, "table.layout", "info", verdict.note, (start, start + 1))
    seen = set()
    for skip in facts.identity_skips:
        if skip.message not in seen:
            seen.add(skip.message)
            yield finding_at(skip.table.document, "table.layout", "info", skip.message, (skip.start, skip.end))

