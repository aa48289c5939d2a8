"""Rule `xref.table`: a figure in the prose that names a table quantity equals that table cell.

Which prose label means which cell is data (``rules/concepts.toml``): 本年支出合计 under
三、支出决算 is 公开01表's 本年支出合计, the same words under 四、财政拨款… are 公开04表's;
一般公共服务（类）支出 is that class's row; 支出决算 under 1.因公出国（境）费 is 公开09表's
决算数 of 因公出国（境）费. A figure agrees when its rounding interval meets the cell's.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

import attrs

from auditor.document.layout import Heading
from auditor.extract.facts import Facts, Mention, Share
from auditor.knowledge import rules_dir
from auditor.quantity import Interval, fmt_interval
from auditor.report.finding import Finding
from auditor.rules.base import rule
from auditor.rules.common import HUNDRED, magnitude, make_finding, percent_gap, show, verdict
from auditor.rules.formula import FormulaError, Term, parse_cell
from auditor.rules.share import NamedBases
from auditor.rules.tables import Operand, cell_of, first_row, tables_by_name
from auditor.tables.model import Table

_REMARK = re.compile(r"\([^)]*\)")
_NOISE = re.compile(r"[\s“”\"'‘’、,，·]")


def concept_key(label: str) -> str:
    """收、支总计(含结转和结余) → 收支总计; “三公”经费 → 三公经费."""
    return _REMARK.sub("", _NOISE.sub("", label))


@attrs.frozen
class Concept:
    cell: str
    labels: frozenset[str] = frozenset()
    pattern: re.Pattern | None = None
    heading: tuple[str, ...] = ()
    not_heading: tuple[str, ...] = ()

    def match(self, label: str, scope: tuple[Heading, ...]) -> Term | None:
        """The cell this concept assigns to a figure with this label under these headings, or None."""
        path = " ".join(h.label for h in scope)
        if not all(word in path for word in self.heading) or any(word in path for word in self.not_heading):
            return None
        label = _NOISE.sub("", label)
        if self.pattern is not None:
            m = self.pattern.match(label)
            return parse_cell(self.cell.format(**m.groupdict())) if m else None
        key = concept_key(label)
        return parse_cell(self.cell.format(label=key)) if key in self.labels else None


@cache
def concepts() -> tuple[Concept, ...]:
    path = rules_dir() / "concepts.toml"
    with open(path, "rb") as handle:
        entries = tomllib.load(handle).get("concept", [])
    found = []
    for number, entry in enumerate(entries, start=1):
        origin = f"{path.name} 第{number}个 [[concept]]"
        if "cell" not in entry or not ("labels" in entry or "pattern" in entry):
            raise FormulaError(f"{origin}: 需要 cell 以及 labels 或 pattern")
        parse_cell(re.sub(r"\{\w+\}", "X", entry["cell"]), origin)  # fail early on a malformed reference
        found.append(Concept(
            cell=entry["cell"],
            labels=frozenset(concept_key(x) for x in entry.get("labels", ())),
            pattern=re.compile(entry["pattern"]) if "pattern" in entry else None,
            heading=tuple(entry.get("heading", ())),
            not_heading=tuple(entry.get("not_heading", ())),
        ))
    return tuple(found)


def table_cell(label: str, scope: tuple[Heading, ...], tables: dict[str, Table]) -> Operand | None:
    """The table cell a prose label names under these headings, when the first matching concept's cell exists."""
    for concept in concepts():
        term = concept.match(label, scope)
        if term is None:
            continue
        table = tables.get(term.table.name)
        if table is None:
            return None
        row, column = first_row(table, term.row), table.column(term.column)
        if row is None or column is None or not cell_of(row, column).readable:
            return None
        return Operand(1, table, row, column)
    return None


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
    tables = tables_by_name(facts)
    if not tables:
        return
    named = NamedBases(facts)
    for share in facts.shares:
        if share.whole is None and share.base_label and not named.any_for(share):
            yield from _share_of_table(facts, share, tables)
    for mention in facts.mentions:
        if mention.role != "plain" or not mention.quantity.is_money:
            continue
        operand = table_cell(mention.label, mention.scope, tables)
        if operand is None:
            continue
        stated, cell_value = magnitude(mention), operand.magnitude()
        if stated.overlaps(cell_value):
            continue
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
        doc = facts.document
        yield Finding(
            rule="xref.table",
            severity="error",
            message=message,
            location=doc.location(mention.start, mention.end),
            related=(operand.table.document.location(cell.start, max(cell.end, cell.start + 1)),),
            stated=q.display(),
            expected=fmt_interval(cell_value, 2, "万元"),
            excerpt=doc.excerpt(mention.start, mention.end),
        )




def _share_of_table(facts: Facts, share: Share, tables: dict[str, Table]):
    """占一般公共预算项目支出总额的100%: a base the prose never states, taken from the table it names."""
    operand = table_cell(share.base_label, share.part.scope, tables)
    if operand is None or not share.part.quantity.is_money:
        return
    base = operand.magnitude()
    if base.lo <= 0:
        return
    implied = magnitude(share.part) / base * Interval.point(HUNDRED)
    rate = share.rate.quantity
    severity = verdict(rate, implied)
    if severity is None:
        return
    places = rate.places + 1
    where = f"{_cell_name(operand)} {operand.cell.text} {operand.table.unit}"
    message = (
        f"{share.part.label} {share.part.quantity.display()} 占{share.base_label}的 {rate.display()}："
        f"按{where}计算应为 {show(implied, places, '%')}，相差 {percent_gap(rate, implied)}"
    )
    finding = make_finding(facts, "xref.table", severity, message, share.rate, [share.part],
                           stated=rate.display(), expected=show(implied, places, "%"))
    cell = operand.cell
    yield attrs.evolve(finding, related=(*finding.related, operand.table.document.location(cell.start, max(cell.end, cell.start + 1))))
