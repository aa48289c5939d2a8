"""Does the document confirm how each standard table was read? A verdict for every table side (docs/domain.md §5).

Disclosures are redundant and errors are sparse: every figure of the standard tables stands
in two to four identities (its row's total, its parent subject, another table, the prose),
and a real disclosure carries a handful of inconsistencies, rarely more than two in one
table. So the identities the link stage built over a table's cells
(:mod:`auditor.link.identities`) test the reading as much as the document:

* **confirmed** — of the identities with a figure in them, one at least holds, most do,
  and the failures can be explained by at most two wrong cells (one more for every twenty
  rows of a long table).
  Its failures are errors, and its cells serve the cross-table and prose checks;
* **not understood** — the failures say the reading is wrong, not the document: parents
  smaller than a child on every level (rows shifted by the extraction), a column empty
  where its total has a figure (cells lost or a column read in the wrong place), one
  relation failing wherever it applies (a column read wrongly), or failures that need
  three or more wrong cells. One note says which table, how many checks failed of how
  many and the likely cause; none of its instances gives a finding, and its cells serve
  no other check (the prose identities then check the prose as if the table were absent);
* **unverified** — too little evidence either way: no identity with a figure in it held,
  or fewer held than failed. Such a side is confirmed by the document's redundancy where it
  agrees with what is confirmed: cross-table identities shared with confirmed sides that
  hold, prose figures that restate its cells exactly. Evidence against it from confirmed
  sides that needs three or more wrong cells makes it not understood. What stays unverified
  (a 三公 table of one row whose two identities both fail, and nothing restates it) is
  read but not trusted: its failures, and the cross-table and prose findings on its cells,
  are warnings that say its reading could not be confirmed, never errors.

Two confirmed sides whose shared cross-table identities fail beyond a few wrong cells (01's
classes against 03's, every one) disagree about a reading neither table's own identities
can see; those cross-table instances give no finding, and one note says so.

Only instances with a figure in them count: ``0 = 0 + 0`` over empty cells holds for any reading.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property

import attrs

from auditor.extract.facts import CellReference
from auditor.finding import Reason
from auditor.link.cells import compared
from auditor.link.identities import Instance, Operand, Skip
from auditor.tables.model import Table

CONFIRMED, NOT_UNDERSTOOD, UNVERIFIED = "confirmed", "not understood", "unverified"
#: Wrong cells a real table may carry (docs/domain.md §5: "rarely more than two in one table"), and one more for every so
#: many rows of a long table (a typo copied into a few rows of a 78-row 支出决算表 is still sparse; a misread
#: column fails on most of its rows).
MOST_WRONG_CELLS = 2
ROWS_PER_WRONG_CELL = 20
#: A relation failing on this many instances, every one it has, is a column read wrongly.
SYSTEMATIC = 3


@attrs.frozen(eq=False)
class TableVerdict:
    """How far the document confirms one table side's reading, and the evidence.

    ``evaluated`` / ``held``: its own identities with a figure in them; ``cross_evaluated`` /
    ``cross_held``: those it shares with other tables; ``restated``: prose figures that
    restate one of its cells exactly (counted for a side its own identities leave in doubt).
    ``cause`` says why it is not understood or unverified.
    """

    table: Table
    status: str
    evaluated: int = 0
    held: int = 0
    cross_evaluated: int = 0
    cross_held: int = 0
    restated: int = 0
    cause: str = ""

    @property
    def reason(self) -> Reason:
        """The one note a side that is not understood gets (rule ``table.layout`` words it)."""
        checks = self.evaluated + self.cross_evaluated
        return Reason.of("table.not-understood", table=self.table.display_name, checks=checks,
                         failed=checks - self.held - self.cross_held, cause=self.cause)

    @property
    def caveat(self) -> str:
        """What a finding on an unverified side says about it."""
        return f"{self.table.display_name}的读法未能由报表自身的恒等式或其他报表、正文确认，故只作警告"

    def to_dict(self) -> dict:
        return {"table": self.table.name, "status": self.status, "evaluated": self.evaluated, "held": self.held,
                "cross_evaluated": self.cross_evaluated, "cross_held": self.cross_held, "restated": self.restated,
                "cause": self.cause}


@attrs.frozen
class _Tally:
    """One instance with a figure in it, evaluated: does it hold (else is the stated side short of what the others
    imply), and which table sides does it touch."""

    instance: Instance
    holds: bool
    sides: frozenset[Table]
    short: bool = False


@attrs.frozen
class Verdicts:
    """Every side's verdict, and the cross-table instances of two confirmed sides that disagree beyond sparse errors."""

    sides: tuple[TableVerdict, ...]
    disagreeing: frozenset[int] = frozenset()  # id() of the cross-table instances given no finding
    notes: tuple[Skip, ...] = ()  # one per pair of sides that disagree

    @cached_property
    def _by_table(self) -> dict[Table, TableVerdict]:
        return {v.table: v for v in self.sides}

    @cached_property
    def all_confirmed(self) -> bool:
        """Every side confirmed and no two disagreeing: the usual document, screened as it is."""
        return not self.disagreeing and all(v.status == CONFIRMED for v in self.sides)

    def status(self, table: Table) -> str:
        verdict = self._by_table.get(table)
        return verdict.status if verdict is not None else UNVERIFIED

    def verdict(self, table: Table) -> TableVerdict | None:
        return self._by_table.get(table)

    def usable(self, table: Table) -> bool:
        """May the table's cells serve a check at all (it is not a misreading)?"""
        return self.status(table) != NOT_UNDERSTOOD

    def screen(self, instances: Iterable[Instance]) -> list[Instance]:
        """The instances the rules may evaluate: none on a side not understood or between sides that disagree;
        on an unverified side, at most a warning that says why."""
        if self.all_confirmed:
            return list(instances)
        kept = []
        for instance in instances:
            sides = {op.table for op in instance.cells}
            if id(instance) in self.disagreeing or not all(self.usable(t) for t in sides):
                continue
            doubtful = [self.verdict(t) for t in sides if self.status(t) == UNVERIFIED]
            if doubtful:
                instance = attrs.evolve(instance, severity="warning", caveat="；".join(v.caveat for v in doubtful if v))
            kept.append(instance)
        return kept

    def screen_references(self, references: Iterable[CellReference]) -> list[CellReference]:
        """Prose figures against the cells they name: no cell of a side not understood; on an unverified side, a warning."""
        if self.all_confirmed:
            return list(references)
        kept = []
        for reference in references:
            operand = reference.cell
            if operand is not None and not self.usable(operand.table):
                reference = attrs.evolve(reference, cell=None)
            elif operand is not None and self.status(operand.table) == UNVERIFIED:
                verdict = self.verdict(operand.table)
                reference = attrs.evolve(reference, severity="warning", caveat=verdict.caveat if verdict else "")
            kept.append(reference)
        return kept


def judge(tables: Iterable[Table], instances: Iterable[Instance], references: Iterable[CellReference] = ()) -> Verdicts:
    """The verdict on every table side from the identity instances over the tables and the prose figures that name cells."""
    tallies = [t for t in (_tally(i) for i in instances) if t is not None]
    own: dict[Table, list[_Tally]] = defaultdict(list)
    shared: dict[Table, list[_Tally]] = defaultdict(list)
    for tally in tallies:
        for side in tally.sides:
            (own if len(tally.sides) == 1 else shared)[side].append(tally)
    first = {table: _internal(table, own[table]) for table in tables}
    confirmed = {t for t, (status, _) in first.items() if status == CONFIRMED}
    doubtful = {t for t, (status, _) in first.items() if status == UNVERIFIED}
    restated: dict[Table, int] = defaultdict(int)  # asked only of the sides in doubt
    for reference in references:
        operand = reference.cell
        if (reference.share is None and operand is not None and operand.table in doubtful and not _zero(operand)
                and compared(reference)[2]):
            restated[operand.table] += 1
    sides = []
    for table, (status, cause) in first.items():
        crossing = shared[table]
        if status == UNVERIFIED:
            status, cause = _by_others(table, crossing, confirmed, [t for t in own[table] if not t.holds], restated[table], cause)
        sides.append(TableVerdict(table, status, len(own[table]), sum(t.holds for t in own[table]), len(crossing),
                                  sum(t.holds for t in crossing), restated[table], cause))
    verdicts = Verdicts(tuple(sides))
    return _disagreements(verdicts, tallies)


def _tally(instance: Instance) -> _Tally | None:
    """The instance evaluated, when it is over table cells, every operand readable, and some cell holds a figure."""
    cells = instance.cells
    if not cells or len(cells) != len(instance.left) + len(instance.right) or all(_zero(op) for op in cells):
        return None
    holds = instance.holds
    if holds is None:
        return None
    short = False
    if not holds:
        evaluation = instance.evaluate()
        short = evaluation.stated.hi < evaluation.implied.lo
    return _Tally(instance, holds, frozenset(op.table for op in cells), short)


def _zero(op: Operand) -> bool:
    quantity = op.cell.quantity
    return quantity is None or quantity.value == 0


def _key(op) -> tuple[int, str]:
    """A cell as a wrong cell would be counted: its row (by identity) and column."""
    return id(op.row), op.column


def _wrong_cells(table: Table) -> int:
    """How many wrong cells a reading of this table may show and still be the document's (not a misreading)."""
    return max(MOST_WRONG_CELLS, len(table.rows) // ROWS_PER_WRONG_CELL)


def _explained(failures: list[_Tally], wrong: int) -> bool:
    """Can at most ``wrong`` cells explain every failure (each failure touching one of them)?

    A bounded search: any explanation holds one cell of the failure with the fewest cells,
    so try each of those (a cell takes part in a handful of identities, so a set a few cells
    explain is small).
    """
    if not failures:
        return True
    if wrong == 0 or len(failures) > 8 * wrong:
        return False
    keys = [{_key(op) for op in f.instance.cells} for f in failures]
    narrowest = min(keys, key=len)
    return any(_explained([f for f, k in zip(failures, keys, strict=True) if key not in k], wrong - 1) for key in narrowest)


def _internal(table: Table, tallies: list[_Tally]) -> tuple[str, str]:
    """(status, cause) from the side's own identities alone."""
    failures = [t for t in tallies if not t.holds]
    held = len(tallies) - len(failures)
    if not tallies:
        if table.declared_empty and not any(c.quantity for r in table.rows for c in r.cells.values()):
            return CONFIRMED, "注明以空表列示，表中没有数字"
        return UNVERIFIED, "表中没有可核对的恒等式"
    cause = _misreading(failures, tallies, _wrong_cells(table))
    if cause:
        return NOT_UNDERSTOOD, cause
    if held:
        return CONFIRMED, ""
    return UNVERIFIED, f"自身的 {len(tallies)} 项恒等式没有一项成立"


def _misreading(failures: list[_Tally], tallies: list[_Tally], wrong: int) -> str:
    """Why these failures say the reading is wrong rather than the document (``wrong`` cells may be), or ""."""
    if not failures:
        return ""
    levels = {_level(t.instance) for t in failures if _parent_below_child(t.instance)}
    if len(levels) >= 2:
        return "各层级都有上级科目小于下级科目，可能是提取时各行数字错位"
    for t in failures:
        primary, parts = t.instance.left[0], t.instance.right
        if not _zero(primary) and len(parts) >= 2 and all(op.cell.empty for op in parts):
            return f"{primary.describe(t.instance.by)}有数而其组成部分都为空，可能是有的列没有读到或读错了列"
    blank_totals = [t for t in failures if all(op.cell.empty for op in t.instance.left)]
    if len(blank_totals) >= 2:  # one blank total is a slip; two are a column whose figures stand elsewhere
        column = blank_totals[0].instance.left[0].column
        return f"「{column}」列有 {len(blank_totals)} 处合计或上级科目为空而其组成部分有数，可能是该列数字错位或读错了列"
    by_relation: dict[tuple[str, str], list[_Tally]] = defaultdict(list)
    for t in tallies:
        by_relation[(t.instance.statement.source, t.instance.relation)].append(t)
    for (source, relation), group in by_relation.items():
        # one relation failing wherever it applies: a wrong cell fails it at most twice, and then in opposite directions
        # (too big as a part, too big as a whole); a misreading everywhere, and one way
        one_way = len({t.short for t in group}) == 1
        if not any(t.holds for t in group) and (len(group) >= SYSTEMATIC or len(group) >= 2 and one_way):
            formula = relation or source.split(None, 1)[1]
            return f"「{formula}」在适用的 {len(group)} 处全都不成立，可能是某列读错或有的行没有读到"
    if not _explained(failures, wrong):
        return f"这些不一致需要至少 {wrong + 1} 个单元格同时有误才能解释，更可能是表格读错了"
    if len(failures) > len(tallies) - len(failures) and len(failures) > wrong:
        return "多数恒等式不成立"
    return ""


def _level(instance: Instance) -> int:
    """The subject level of a 科目层级 instance's parent (0 for 合计 = Σ类)."""
    primary = instance.left[0]
    return primary.row.level if isinstance(primary, Operand) else 0


def _parent_below_child(instance: Instance) -> bool:
    """A 科目层级 instance whose parent is smaller than one of its children, whatever the rounding."""
    if not instance.relation or instance.statement.kind != "hierarchy":
        return False
    parent = instance.left[0].magnitude()
    return any(parent.hi < child.magnitude().lo for child in instance.right)


def _by_others(table: Table, crossing: list[_Tally], confirmed: set[Table], own_failures: list[_Tally], restated: int,
               cause: str) -> tuple[str, str]:
    """An unverified side judged by the confirmed sides it shares identities with and the prose that restates it: confirmed
    where one of those holds and its failures, its own and theirs, can be a few wrong cells; not understood where they cannot."""
    with_confirmed = [t for t in crossing if all(side is table or side in confirmed for side in t.sides)]
    against = [t for t in with_confirmed if not t.holds]
    wrong = _wrong_cells(table)
    if against and not _explained(against + own_failures, wrong):
        others = "、".join(sorted({side.display_name for t in against for side in t.sides if side is not table}))
        return NOT_UNDERSTOOD, (f"与已确认的{others}之间的 {len(with_confirmed)} 项表间恒等式中 {len(against)} 项不成立，"
                                f"需要至少 {wrong + 1} 个单元格同时有误才能解释")
    if len(with_confirmed) > len(against) or restated:
        return CONFIRMED, "由其他报表或正文确认"
    return UNVERIFIED, cause


def _disagreements(verdicts: Verdicts, tallies: list[_Tally]) -> Verdicts:
    """Cross-table instances between two confirmed sides that fail beyond a few wrong cells: no finding, one note a pair."""
    pairs: dict[frozenset[Table], list[_Tally]] = defaultdict(list)
    for tally in tallies:
        if len(tally.sides) == 2 and all(verdicts.status(side) == CONFIRMED for side in tally.sides):
            pairs[tally.sides].append(tally)
    disagreeing: set[int] = set()
    notes = []
    for pair, group in pairs.items():
        failures = [t for t in group if not t.holds]
        wrong = max(_wrong_cells(side) for side in pair)
        if _explained(failures, wrong):
            continue
        disagreeing.update(id(t.instance) for t in failures)
        first, second = sorted(pair, key=lambda t: (t.number, t.side))
        at = min(t.instance.left[0].span[0] for t in failures)
        notes.append(Skip(Reason.of("tables.disagree", first=first.display_name, second=second.display_name, checks=len(group),
                                    failed=len(failures), cells=wrong + 1), first, at, at + 1))
    return attrs.evolve(verdicts, disagreeing=frozenset(disagreeing), notes=tuple(notes))
