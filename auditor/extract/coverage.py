"""How much of a document was read and how much of it the rules could check: computed here, once.

A report with no findings means something only next to what was checked. The counts
come from the extracted facts alone, so every formatter shows the same numbers; a
reader that learns to bind more (new claim shapes, table layouts) extends them here.
"""

from __future__ import annotations

from auditor.extract.facts import Facts
from auditor.report.report import Coverage


def coverage(facts: Facts) -> Coverage:
    tables = {t.number for t in facts.tables}
    checked_tables = {t.number for t in facts.tables if (t.rows and t.columns) or t.declared_empty}
    return Coverage(
        figures=len(facts.mentions),
        figures_checked=len(_related_figures(facts)),
        tables=len(tables),
        tables_checked=len(checked_tables),
        perf_tables=len(facts.perf_tables),
        perf_checked=sum(1 for t in facts.perf_tables if _perf_checkable(t)),
        prose_sections=any(_is_prose_section(h) for h in facts.prose_headings),
    )


def _related_figures(facts: Facts) -> set[int]:
    """The prose figures that take part in a relation a rule evaluates (其中 lists, shares, year on year, budgets)."""
    ids: set[int] = set()
    for lst in facts.lists:
        ids.update(id(m) for m in (lst.whole, *lst.parts))
    for share in facts.shares:
        ids.update(id(m) for m in (share.part, share.rate, share.whole) if m is not None)
    for yoy in facts.year_on_year:
        ids.update(id(m) for m in (yoy.subject, yoy.change, yoy.growth, yoy.previous) if m is not None)
    for b in facts.budgets:
        ids.update(id(m) for m in (b.actual, b.budget, b.rate, b.diff, b.diff_rate) if m is not None)
    return ids & {id(m) for m in facts.mentions}


def _perf_checkable(table) -> bool:
    """A performance table with money, a total or scored indicators: something a perf rule can evaluate."""
    return bool((table.budget and table.executed) or table.total or any(i.score or i.actual for i in table.indicators))


def _is_prose_section(heading) -> bool:
    """第三部分, or a heading that names a 情况说明 (说明 of any kind at part level)."""
    return heading.marker == "第三部分" or "情况说明" in heading.title or (heading.level == 0 and "说明" in heading.title)
