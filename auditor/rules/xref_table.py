"""Rule `xref.table`: a figure in the prose that names a table quantity equals that table cell.

Which prose label means which cell is data (``rules/concepts.toml``), read by the link
stage (:mod:`auditor.link.cells`), which also finds the cell; here the two are compared. A figure
agrees when its rounding interval meets the cell's.
"""

from __future__ import annotations

import attrs

from auditor.extract.facts import CellReference, Facts, Mention
from auditor.link.cells import compared
from auditor.link.identities import Operand
from auditor.quantity import ONE_HUNDRED, fmt_interval
from auditor.rules.base import rule
from auditor.rules.common import finding_at, magnitude, percent_gap, show, verdict


def _cell_name(operand: Operand) -> str:
    """公开03表「合计」基本支出; 公开09表（决算数）因公出国(境)费 for a table of one row."""
    row = f"「{operand.row.name}」" if operand.row.name else ""
    return f"{operand.table.display_name}{row}{operand.column}"


def _unit_slip_reported(facts: Facts, mention: Mention, unit: str) -> bool:
    """Does the `unit` rule already report this figure (the same number elsewhere with the table's unit)?"""
    return any(m is not mention and m.quantity.value == mention.quantity.value and m.quantity.unit == unit for m in facts.mentions)


@rule("xref.table", "正文数字与报表不符")
def check_against_tables(facts: Facts):
    """A prose figure that names a table quantity must equal that table cell, within rounding.

    The quantities: 收支总计, 本年收入合计 and each income source, 本年支出合计, 基本支出,
    项目支出, each class (类), 人员经费, 公用经费, the 三公 figures (预算数 and 决算数), 年初/年末
    结转和结余 — under 四、财政拨款… the 财政拨款 tables (公开04/05表). Which words name which
    cell is data: ``rules/concepts.toml``. The finding points at the prose figure, with the
    table cell as a related location.

    In the corpus: qinhuangdao-etdz-office-2023, line 434, states ``基本支出1320.27万元``,
    the 合计/基本支出 cell (1,320.27) of its 公开03表.
    """
    for reference in facts.cell_references:
        operand = reference.cell
        if operand is None:
            continue
        if reference.share is not None:
            yield from _share_of_table(facts, reference, operand)
            continue
        stated, cell_value, agree = compared(reference)
        if agree:
            continue
        mention = reference.figure
        cell = operand.cell
        q = mention.quantity
        where = _cell_name(operand)
        shown = f"{cell.text or '空'} {operand.table.unit}"
        if cell.quantity is not None and q.value == cell.quantity.value and q.unit != operand.table.unit:
            if _unit_slip_reported(facts, mention, operand.table.unit):
                continue
            message = f"{mention.label} {q.display()}：{where}为 {shown}，此处单位疑误"
        else:
            gap = fmt_interval(stated - cell_value if stated.lo > cell_value.hi else cell_value - stated, 2)
            message = f"{mention.label} {q.display()} 与{where} {shown} 不符（相差约 {gap.split('～')[0]} 万元）"
        if reference.caveat:
            message += f"；{reference.caveat}"
        yield finding_at(
            facts,
            "xref.table",
            reference.severity,
            message,
            mention,
            [operand.table.document.location(cell.start, max(cell.end, cell.start + 1))],
            stated=q.display(),
            expected=fmt_interval(cell_value, 2, "万元"),
        )


def _share_of_table(facts: Facts, reference: CellReference, operand: Operand):
    """占一般公共预算项目支出总额的100%: a base the prose never states, taken from the table it names."""
    share = reference.share
    if not share.part.quantity.is_money:
        return
    base = operand.magnitude()
    if base.lo <= 0:
        return
    implied = magnitude(share.part) / base * ONE_HUNDRED
    rate = share.rate.quantity
    severity = verdict(rate, implied)
    if severity is None:
        return
    if reference.severity == "warning":
        severity = "warning"
    places = rate.places + 1
    where = f"{_cell_name(operand)} {operand.cell.text} {operand.table.unit}"
    message = (
        f"{share.part.label} {share.part.quantity.display()} 占{share.base_label}的 {rate.display()}："
        f"按{where}计算应为 {show(implied, places, '%')}，相差 {percent_gap(rate, implied)}"
        + (f"；{reference.caveat}" if reference.caveat else "")
    )
    finding = finding_at(facts, "xref.table", severity, message, share.rate, [share.part],
                           stated=rate.display(), expected=show(implied, places, "%"))
    cell = operand.cell
    yield attrs.evolve(finding, related=(*finding.related, operand.table.document.location(cell.start, max(cell.end, cell.start + 1))))
