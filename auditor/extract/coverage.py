"""How much of a document was read and how much of it the rules could check: computed here, once.

A report with no findings means something only next to what was checked. The counts
come from the extracted facts alone, so every formatter shows the same numbers; a
reader that learns to bind more (new claim shapes, table layouts) extends them here.
"""

from __future__ import annotations

from collections import Counter

import attrs

from auditor.extract.facts import Facts
from auditor.link.verdicts import CONFIRMED, NOT_UNDERSTOOD, UNVERIFIED


@attrs.frozen
class Coverage:
    """What was read in one file and how much of it the rules could check, so a clean report is never silent.

    ``figures``: figures read in the prose; ``figures_checked``: those taking part in a
    relation a rule evaluates. ``tables`` / ``tables_checked``: standard tables
    (公开NN表) found, and those with rows a rule could evaluate (or declared empty).
    ``perf_tables`` / ``perf_checked``: 绩效自评表 found, and those with figures a rule
    could evaluate. ``prose_sections``: whether the 情况说明 (第三部分) prose was found.
    ``unbound``: rates (占 P%, 增长 R%, 完成预算的 R%, 预决算差异率) whose whole, subject or
    budget could not be bound, so nothing was checked about them.
    ``tables_confirmed`` / ``tables_not_understood`` / ``tables_unverified``: the standard tables
    (by number) whose reading the document's own identities confirm, show to be a misreading
    (any side; no error comes from them), or cannot decide (any other side; warnings only),
    :mod:`auditor.link.verdicts`; ``table_verdicts`` the evidence per side.
    Computed from the extracted facts in one place, :func:`coverage` below.
    """

    figures: int = 0
    figures_checked: int = 0
    tables: int = 0
    tables_checked: int = 0
    perf_tables: int = 0
    perf_checked: int = 0
    prose_sections: bool = False
    table_numbers: tuple[str, ...] = ()  # the standard tables found: 01, 02, …
    unbound: tuple[tuple[str, int], ...] = ()  # relational figures whose other operand could not be bound, by kind
    tables_confirmed: tuple[str, ...] = ()
    tables_not_understood: tuple[str, ...] = ()
    tables_unverified: tuple[str, ...] = ()
    table_verdicts: tuple[dict, ...] = ()  # per side: table, status, evaluated, held, cross_evaluated, cross_held, restated, cause
    # a file of several disclosures: each table not understood or unverified in some, and which (1-based, in file order)
    doubtful_in: tuple[tuple[str, tuple[int, ...]], ...] = ()

    @property
    def missing_tables(self) -> tuple[str, ...]:
        """The standard tables 01–09 not found, said only when some were (a document without tables is its own case)."""
        return tuple(n for n in STANDARD_TABLES if n not in self.table_numbers) if self.table_numbers else ()

    @property
    def nothing_recognised(self) -> bool:
        """No figure, no table, no performance table: nothing was checked at all."""
        return not (self.figures or self.tables or self.perf_tables)

    @property
    def mostly_unchecked(self) -> bool:
        """Less than a quarter of what was read (prose figures, standard and performance tables) could be checked:
        text read as garbage (set at an angle, a broken encoding) passes no rule and is no pass (``--strict`` fails it)."""
        read = self.figures + self.tables + self.perf_tables
        checked = self.figures_checked + self.tables_checked + self.perf_checked
        return read > 0 and checked * 4 < read

    def unchecked(self) -> str:
        """Why a mostly unchecked document is no pass, in one clause."""
        return (f"读到的正文数字 {self.figures} 个、报表 {self.tables} 张、绩效自评表 {self.perf_tables} 张中，"
                f"只核对了 {self.figures_checked + self.tables_checked + self.perf_checked} 项，不足四分之一")

    def summary(self) -> str:
        """One line: ``正文数字 120 个（核对 85 个）；报表 9 张（核对 9 张）；绩效自评表 29 张（核对 29 张）；情况说明：已找到``."""
        missing = f"，未读到公开{'、'.join(self.missing_tables)}表" if self.missing_tables else ""
        unbound = "、".join(f"{kind} {count} 个" for kind, count in self.unbound)
        verdicts = ""
        if self.tables > len(self.table_numbers):  # a file of several disclosures: a verdict stands for a table number in all
            confirmed = f"公开{'、'.join(self.tables_confirmed)}表" if self.tables_confirmed else "无"
            verdicts = f"，读法经恒等式在每份中都确认的：{confirmed}"
        elif self.tables:
            verdicts = f"，读法经恒等式确认 {len(self.tables_confirmed)} 张"
        if self.tables:
            if self.tables_not_understood:
                verdicts += f"，未能读懂{self._tables(self.tables_not_understood)}（未据以报告错误）"
            if self.tables_unverified:
                verdicts += f"，未能确认{self._tables(self.tables_unverified)}（只作警告）"
        return (
            f"正文数字 {self.figures} 个（核对 {self.figures_checked} 个）；"
            f"报表 {self.tables} 张（核对 {self.tables_checked} 张{missing}{verdicts}）；"
            f"绩效自评表 {self.perf_tables} 张（核对 {self.perf_checked} 张）；"
            f"情况说明：{'已找到' if self.prose_sections else '未找到'}"
            + (f"；未能确定所指而未核对：{unbound}" if unbound else "")
        )

    def _tables(self, numbers: tuple[str, ...]) -> str:
        """``公开03、05表``; in a file of several disclosures, which disclosure each is of: ``公开03表（第 2 份）、公开05表（第 1、3 份）``."""
        where = dict(self.doubtful_in)
        if not where:
            return f"公开{'、'.join(numbers)}表"
        return "、".join(f"公开{n}表（第 {'、'.join(map(str, where[n]))} 份）" if n in where else f"公开{n}表" for n in numbers)

    def to_dict(self) -> dict:
        data = attrs.asdict(self)
        data["doubtful_in"] = {number: list(parts) for number, parts in self.doubtful_in}
        data["table_numbers"] = list(self.table_numbers)
        data["missing_tables"] = list(self.missing_tables)
        data["unbound"] = dict(self.unbound)
        for key in ("tables_confirmed", "tables_not_understood", "tables_unverified", "table_verdicts"):
            data[key] = list(getattr(self, key))
        return {**data, "nothing_recognised": self.nothing_recognised}


STANDARD_TABLES = ("01", "02", "03", "04", "05", "06", "07", "08", "09")
#: The relational roles of a figure (extract/facts.Mention.role), named as the report names them.
#: A change (增加 X 万元) alone is not among them: with no rate and no previous figure there is nothing to bind it to.
_RELATIONAL = {"share": "占比", "growth": "增长率", "budget_rate": "预算完成率", "diff_rate": "预决算差异率"}


def combined(coverages: list[Coverage]) -> Coverage:
    """What was read and checked in a file, over the disclosures it holds (the one Coverage of a file that holds one).

    A table is confirmed when every disclosure that prints it confirms it; not understood when one does not."""
    if len(coverages) == 1:
        return coverages[0]
    unbound: Counter = Counter()
    for part in coverages:
        unbound.update(dict(part.unbound))
    not_understood = {n for part in coverages for n in part.tables_not_understood}
    unverified = {n for part in coverages for n in part.tables_unverified} - not_understood
    confirmed = {n for part in coverages for n in part.tables_confirmed} - not_understood - unverified
    return Coverage(
        figures=sum(part.figures for part in coverages),
        figures_checked=sum(part.figures_checked for part in coverages),
        tables=sum(part.tables for part in coverages),
        tables_checked=sum(part.tables_checked for part in coverages),
        perf_tables=sum(part.perf_tables for part in coverages),
        perf_checked=sum(part.perf_checked for part in coverages),
        prose_sections=any(part.prose_sections for part in coverages),
        table_numbers=tuple(sorted({n for part in coverages for n in part.table_numbers})),
        unbound=tuple((kind, count) for kind, count in unbound.items() if count),
        tables_confirmed=tuple(sorted(confirmed)),
        tables_not_understood=tuple(sorted(not_understood)),
        tables_unverified=tuple(sorted(unverified)),
        table_verdicts=tuple(verdict for part in coverages for verdict in part.table_verdicts),
        doubtful_in=tuple(
            (n, tuple(k for k, part in enumerate(coverages, 1) if n in part.tables_not_understood or n in part.tables_unverified))
            for n in sorted(not_understood | unverified)
        ),
    )


def coverage(facts: Facts) -> Coverage:
    tables = {t.number for t in facts.tables}
    checked_tables = {t.number for t in facts.tables if (t.rows and t.columns) or t.declared_empty}
    related = _related_figures(facts)
    unbound = Counter(_RELATIONAL[m.role] for m in facts.mentions if m.role in _RELATIONAL and id(m) not in related)
    statuses: dict[str, set[str]] = {}
    for verdict in facts.table_verdicts:
        statuses.setdefault(verdict.table.number, set()).add(verdict.status)
    return Coverage(
        tables_confirmed=tuple(n for n in sorted(statuses) if statuses[n] == {CONFIRMED}),
        tables_not_understood=tuple(n for n in sorted(statuses) if NOT_UNDERSTOOD in statuses[n]),
        tables_unverified=tuple(n for n in sorted(statuses) if NOT_UNDERSTOOD not in statuses[n] and UNVERIFIED in statuses[n]),
        table_verdicts=tuple(v.to_dict() for v in facts.table_verdicts),
        figures=len(facts.mentions),
        figures_checked=len(related),
        tables=len(tables),
        table_numbers=tuple(sorted(tables)),
        unbound=tuple((kind, unbound[kind]) for kind in _RELATIONAL.values() if unbound[kind]),
        tables_checked=len(checked_tables),
        perf_tables=len(facts.perf_tables),
        perf_checked=sum(1 for t in facts.perf_tables if _perf_checkable(t)),
        prose_sections=any(_is_prose_section(h) for h in facts.prose_headings),
    )


def _related_figures(facts: Facts) -> set[int]:
    """The prose figures that take part in a relation a rule evaluates.

    其中 lists, shares, year on year, budgets; after the link stage also restatements across
    sections, figures compared with the table cell they name, and identities on prose figures.
    """
    ids: set[int] = set()
    for lst in facts.lists:
        ids.update(id(m) for m in (lst.whole, *lst.parts))
    for share in facts.shares:
        ids.update(id(m) for m in (share.part, share.rate, share.whole) if m is not None)
    for yoy in facts.year_on_year:
        ids.update(id(m) for m in (yoy.subject, yoy.change, yoy.growth, yoy.previous) if m is not None)
    implied = {id(c) for i in facts.implied_budgets for c in (i.total, *i.items)}
    for b in facts.budgets:
        if b.budget is None and b.diff is None and not b.flat and id(b) not in implied:
            continue  # a rate with nothing to compare it with (no budget found anywhere): unbound, counted as such
        ids.update(id(m) for m in (b.actual, b.budget, b.rate, b.diff, b.diff_rate) if m is not None)
    for r in facts.restatements:
        ids.update((id(r.figure), id(r.earlier)))
    ids.update(id(ref.figure) for ref in facts.cell_references if ref.cell is not None)
    for instance in facts.identities:
        ids.update(id(m) for m in instance.figures)
    return ids & {id(m) for m in facts.mentions}


def _perf_checkable(table) -> bool:
    """A performance table with money, a total or scored indicators: something a perf rule can evaluate."""
    return bool((table.budget and table.executed) or table.total or any(i.score or i.actual for i in table.indicators))


def _is_prose_section(heading) -> bool:
    """第三部分, or a heading that names a 情况说明 (说明 of any kind at part level)."""
    return heading.marker == "第三部分" or "情况说明" in heading.title or (heading.level == 0 and "说明" in heading.title)
