"""What extraction hands to the rules: figures with their labels, and the relations the prose asserts."""

from __future__ import annotations

import attrs

from auditor.document.layout import Heading
from auditor.document.model import Document
from auditor.perf.model import PerfTable
from auditor.perf.summary import ProjectStatement, Rollup
from auditor.quantity import Quantity
from auditor.tables.model import Table, TableNote


@attrs.frozen(eq=False)
class Mention:
    """One figure in the prose: the quantity, where it stands, and what it is said to measure.

    ``label`` is the noun phrase in front of the figure, normalised (``本年支出合计``);
    ``role`` says how the prose uses it: ``plain`` (a stated amount), ``change``,
    ``growth``, ``share``, ``budget_rate``, ``diff_rate``, ``aside`` (inside a
    reason clause, not a claim about the subject) or ``bare`` (no unit).
    """

    quantity: Quantity
    start: int
    end: int
    label: str
    scope: tuple[Heading, ...]
    block: int
    sentence: int
    role: str

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    @property
    def scope_key(self) -> tuple[int, ...]:
        """The heading path as line numbers: equal keys mean the same section."""
        return tuple(h.line for h in self.scope)


@attrs.frozen(eq=False)
class PartsList:
    """A total and the parts the prose lists under it (其中 …, 主要用于以下方面 …).

    ``complete`` is True only where the parts claim to exhaust the whole: a 其中 list
    of two or more parts in the total's own sentence. Partial lists are still checked
    for parts that exceed the whole.
    """

    whole: Mention
    parts: tuple[Mention, ...]
    complete: bool


@attrs.frozen(eq=False)
class Share:
    """``占 P%``: ``part`` is P% of ``whole``; or of the quantity named ``base_label``."""

    part: Mention
    rate: Mention
    whole: Mention | None = None
    base_label: str | None = None


@attrs.frozen(eq=False)
class YearOnYear:
    """A figure compared with last year: change (增加/减少), growth rate (增长/下降), or both."""

    subject: Mention
    change: Mention | None = None
    change_sign: int = 1
    growth: Mention | None = None
    growth_sign: int = 1
    previous: Mention | None = None


@attrs.frozen(eq=False)
class BudgetComparison:
    """A figure against its budget: 完成预算的 R%, 比预算增加/减少 D, 预决算差异率, 与预算持平."""

    actual: Mention
    budget: Mention | None = None
    rate: Mention | None = None
    diff: Mention | None = None
    diff_sign: int = 1
    diff_rate: Mention | None = None
    flat: bool = False


@attrs.frozen
class Facts:
    document: Document
    mentions: tuple[Mention, ...]
    lists: tuple[PartsList, ...]
    shares: tuple[Share, ...]
    year_on_year: tuple[YearOnYear, ...]
    budgets: tuple[BudgetComparison, ...]
    tables: tuple[Table, ...] = ()
    table_notes: tuple[TableNote, ...] = ()
    perf_tables: tuple[PerfTable, ...] = ()
    perf_statements: tuple[ProjectStatement, ...] = ()
    perf_rollups: tuple[Rollup, ...] = ()
    prose_headings: tuple[Heading, ...] = ()  # every heading above a prose block (for coverage)
