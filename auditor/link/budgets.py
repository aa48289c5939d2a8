"""The budgets of completion rates: an item's budget stated elsewhere, and implied budgets of list items."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

import attrs

from auditor.extract.facts import BudgetComparison, CellReference, Facts, ImpliedBudgets, Mention
from auditor.knowledge import vocabulary
from auditor.link.concepts import ItemFigure
from auditor.link.identities import table_cell
from auditor.tables.model import Table


def _rate_only(c: BudgetComparison | None) -> bool:
    return c is not None and c.rate is not None and c.budget is None and c.diff is None and not c.flat


def implied_budgets(facts: Facts) -> Iterator[ImpliedBudgets]:
    """A list whose two or more parts each state only a completion rate (完成预算 72.6%), under a whole whose budget
    is stated or implied by its own rate (完成预算 93.3%)."""
    by_actual = {id(c.actual): c for c in facts.budgets}
    for lst in facts.lists:
        total = by_actual.get(id(lst.whole))
        items = tuple(c for p in lst.parts if _rate_only(c := by_actual.get(id(p))))
        if total is not None and (_rate_only(total) or total.budget is not None) and len(items) >= 2:
            yield ImpliedBudgets(total, items)


def item_budgets(facts: Facts, tables: dict[str, Table], figures: Sequence[ItemFigure]) -> Iterator[BudgetComparison]:
    """Every comparison, a completion rate of an item with no budget in its sentence bound to that item's budget
    where the document states it (docs/domain.md §3: ``公务接待费支出决算 1.20 万元，完成预算的 40.0%``).

    The item must be one whose name says which money it is (:func:`auditor.link.concepts.item_figures`): its
    budget stated in another paragraph or part, of the same year and the kind the rate names (年初预算 for
    完成年初预算的), bound when the document gives it one value only; else the budget cell of the table whose
    final-figure cell the actual restates (公开09表's 预算数 beside its 决算数). With neither, the rate stays
    unbound: it is never measured against the total's budget. ``figures``: :func:`auditor.link.concepts.item_figures`
    of the facts.
    """
    stated: dict[tuple, list[ItemFigure]] = defaultdict(list)  # (item, year) → its budgets
    actuals: dict[int, ItemFigure] = {}
    for f in figures:
        if f.what == "预算":
            stated[f.key, f.year].append(f)
        else:
            actuals[id(f.figure)] = f
    cells = {id(ref.figure): ref for ref in facts.cell_references if ref.share is None}
    for c in facts.budgets:
        if not _rate_only(c):
            yield c
            continue
        if (actual := actuals.get(id(c.actual))) is not None:
            budgets = stated[actual.key, actual.year]
            one_kind = len({b.which for b in budgets if b.which}) < 2  # else a budget that does not say which is either
            fitting = [b.figure for b in budgets if b.which == c.which or (not b.which or not c.which) and one_kind]
            if fitting and len({b.quantity for b in fitting}) == 1:
                yield attrs.evolve(c, budget=fitting[0], budget_bound="concept across sections")
                continue
        if (cell := _budget_cell(cells.get(id(c.actual)), tables)) is not None:
            yield attrs.evolve(c, budget=cell[0], budget_bound=cell[1])
            continue
        yield c


def _budget_cell(reference: CellReference | None, tables: dict[str, Table]) -> tuple[Mention, str] | None:
    """The budget cell beside the final-figure cell a prose figure restates (公开09表 预算数 | 决算数), as a figure, and its name."""
    if reference is None or reference.cell is None or reference.term.table is None:
        return None
    kinds = vocabulary()["tables"]["pivot_kinds"]  # 预算数, 决算数
    table = reference.term.table
    if table.side not in kinds or table.side == kinds[0]:
        return None
    term = attrs.evolve(reference.term, table=attrs.evolve(table, side=kinds[0]))
    operand = table_cell(term, tables)
    if operand is None or operand.cell.quantity is None:
        return None
    cell = operand.cell
    name = f"{operand.table.display_name}{operand.column}"
    return Mention(cell.quantity, cell.start, cell.end, name, (), -1, -1, "table cell"), name
