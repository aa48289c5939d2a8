"""What extraction hands to the rules: figures with their labels, and the relations the prose asserts."""

from __future__ import annotations

from typing import Any

import attrs

from auditor.document.layout import Heading
from auditor.document.model import Document
from auditor.extract.checklist import Checklist
from auditor.extract.grammar import same_measure
from auditor.extract.labels import is_generic, named_item
from auditor.perf.model import PerfTable
from auditor.perf.summary import ProjectStatement, Rollup
from auditor.quantity import Figure, Quantity
from auditor.tables.model import Table, TableNote

#: How an operand may be bound and still be only a guess: a relation bound so is at most a warning.
GUESSED = frozenset({"stated before"})


@attrs.frozen(eq=False, weakref_slot=False, init=False)
class Mention:
    """One figure in the prose: the quantity, where it stands, and what it is said to measure.

    ``label`` is the noun phrase in front of the figure, normalised (``本年支出合计``);
    ``role`` says how the prose uses it: ``plain`` (a stated amount), ``change``,
    ``growth``, ``share``, ``budget_rate``, ``diff_rate``, ``aside`` (inside a
    reason clause, not a claim about the subject) or ``bare`` (no unit).

    A big document states hundreds of thousands of figures, so a mention keeps its end and the end of its
    digits as widths from its start (ints under 257 Python shares; an offset is an object of its own, 32 bytes).
    It is made with the ends, as the fields below say; ``attrs.evolve`` does not take it.
    """

    quantity: Quantity
    start: int
    width: int  # end - start: ``end`` includes the unit
    label: str
    scope: tuple[Heading, ...]
    block: int
    sentence: int
    role: str
    context: tuple[str, ...]  # the items its ；-clause names before it (公务接待费支出; 在其他项目中)
    bound: str  # how its label was bound: stated, or 各 pair (收、支总计各为 A,B: the label split in two)
    year: int | None  # the year its clause names before it (比 2023 年度 23.45 万元); None: the document's
    number_width: int | None  # number_end - start; None: not known

    def __init__(self, quantity: Quantity, start: int, end: int, label: str, scope: tuple[Heading, ...], block: int,
                 sentence: int, role: str, context: tuple[str, ...] = (), bound: str = "stated", year: int | None = None,
                 number_end: int = -1) -> None:
        self.__attrs_init__(quantity, start, end - start, label, scope, block, sentence, role, context, bound, year,
                            number_end - start if number_end >= 0 else None)

    @property
    def end(self) -> int:
        """Offset just after the figure and its unit."""
        return self.start + self.width

    @property
    def number_end(self) -> int:
        """Where its digits end: start..number_end is the number as printed; -1 when not known."""
        return self.start + self.number_width if self.number_width is not None else -1

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    @property
    def item(self) -> str:
        """The item the figure is about: its label's (公务接待费 of 公务接待费年初预算), or the one its clause names."""
        return named_item(self.label, self.context)

    @property
    def full_label(self) -> str:
        """The label, with the item its clause names put in front where the label names none (公务接待费 + 支出决算)."""
        if self.context and is_generic(self.label) and "*" not in self.label:
            return self.item + self.label
        return self.label

    @property
    def figure(self) -> Figure:
        """The figure alone, its span on the digits (without the unit)."""
        return Figure(self.quantity, self.start, self.number_end)

    def same_measure(self, other: Mention) -> bool:
        """Can the two figures be added or compared (both money, counts of the same things, or one unit)?"""
        return same_measure(self.quantity, other.quantity)

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
    bound: str = "其中 head"  # how the whole was found: 其中 head, previous sentence


@attrs.frozen(eq=False)
class Share:
    """``占 P%``: ``part`` is P% of ``whole``; or of the quantity named ``base_label``; or of the sum of ``items``.

    ``items``: an implicit whole. Shares of listed items whose rates add up to 100 % (公务接待费 2.40 万元，占 40%；
    公务用车运行维护费 3.60 万元，占 60%) are shares of the items' sum.
    """

    part: Mention
    rate: Mention
    whole: Mention | None = None
    base_label: str | None = None
    # 其中 head, parenthesis, named base, topic phrase, 三公 total, items sum to 100%, stated before (a guess: at most a warning)
    bound: str = "其中 head"
    items: tuple[Mention, ...] = ()


@attrs.frozen(eq=False)
class YearOnYear:
    """A figure compared with last year: change (增加/减少), growth rate (增长/下降), or both."""

    subject: Mention
    change: Mention | None = None
    change_sign: int = 1
    growth: Mention | None = None
    growth_sign: int = 1
    previous: Mention | None = None
    bound: str = "stated in clause"  # stated in clause, named subject, previous sentence


@attrs.frozen(eq=False)
class BudgetComparison:
    """A figure against its budget: 完成预算的 R%, 比预算增加/减少 D, 预决算差异率, 与预算持平."""

    actual: Mention
    budget: Mention | None = None
    rate: Mention | None = None
    diff: Mention | None = None
    diff_sign: int = 1  # +1: actual above the budget by diff, −1: below, 0: a 差额 with no sign
    diff_rate: Mention | None = None
    flat: bool = False
    bound: str = "stated in clause"
    which: str = ""  # the budget the rate names: 年初, 全年, 调整后, or "" (完成预算的)
    # where the budget was found: "" (its own sentence), "concept across sections" (the item's budget stated
    # elsewhere), or the table cell's name (公开09表（预算数）公务接待费): then ``budget`` is that cell, as a figure
    budget_bound: str = ""


@attrs.frozen(eq=False)
class Restatement:
    """Two stated figures that must be one amount: a concept restated across sections, or an identity.

    ``bound`` says why they are one (``concept across sections``, ``identity 收入总计 = 支出总计``);
    ``severity`` is the most a difference can be.
    """

    figure: Mention
    earlier: Mention
    bound: str
    severity: str = "error"


@attrs.frozen(eq=False)
class StatementLink:
    """A project statement (N、X项目绩效自评情况 …) and the tables of the project its heading names (``own``) and it scores."""

    statement: ProjectStatement
    own: PerfTable | None
    scored: PerfTable | None
    names_other: bool  # the statement scores a project other than its heading's


@attrs.frozen(eq=False)
class ProblemFigure:
    """A figure a 存在问题 cell states (财政拨款 45 万元) and the table figure it restates (``named``: 预算数 or 执行数)."""

    table: PerfTable
    stated: Any  # auditor.perf.model.Figure
    printed: Any  # the table's Figure, or None
    named: str
    phrase: str


@attrs.frozen(eq=False)
class CellReference:
    """A prose figure whose words name a table cell (``term``: a formula cell reference); for a share, its named base does.

    ``cell`` is that cell where the document's tables print it readably (and the table's reading is not
    a misreading: :mod:`auditor.link.verdicts`), else None. ``severity`` is the most a difference can be:
    a warning when the table was read but its reading could not be confirmed (``caveat`` says so).
    """

    figure: Mention
    term: Any  # auditor.formula.Term
    share: Share | None = None
    cell: Any = None  # auditor.link.identities.Operand
    severity: str = "error"
    caveat: str = ""


@attrs.frozen(eq=False)
class ImpliedBudgets:
    """Items of a list with completion rates but no budgets: each rate implies a budget (spent ÷ rate).

    The implied item budgets cannot add up to more than the total's budget: stated, or implied by its own rate.
    """

    total: BudgetComparison
    items: tuple[BudgetComparison, ...]


@attrs.frozen
class Facts:
    document: Document
    mentions: tuple[Mention, ...]
    lists: tuple[PartsList, ...]
    shares: tuple[Share, ...]
    year_on_year: tuple[YearOnYear, ...]
    budgets: tuple[BudgetComparison, ...]
    orphan_shares: tuple[Share, ...] = ()  # 占 p% that no list, named base or topic binds: the link stage finds their whole
    implied_budgets: tuple[ImpliedBudgets, ...] = ()  # from here on, set by the link stage
    restatements: tuple[Restatement, ...] = ()
    statement_links: tuple[StatementLink, ...] = ()
    problem_figures: tuple[ProblemFigure, ...] = ()
    cell_references: tuple[CellReference, ...] = ()
    identities: tuple = ()  # auditor.link.identities.Instance: rules/*.rules over the tables, then over prose figures
    identity_skips: tuple = ()  # auditor.link.identities.Skip: what of the tables the identities could not reach
    table_verdicts: tuple = ()  # auditor.link.verdicts.TableVerdict: how far the document confirms each table side's reading
    money_places: int | None = None  # the decimals this document usually writes money with
    named_bases: Any = None  # auditor.link.bases.NamedBases over the stated figures
    tables: tuple[Table, ...] = ()
    table_notes: tuple[TableNote, ...] = ()
    perf_tables: tuple[PerfTable, ...] = ()
    perf_statements: tuple[ProjectStatement, ...] = ()
    perf_rollups: tuple[Rollup, ...] = ()
    checklist: Checklist = Checklist()
    prose_headings: tuple[Heading, ...] = ()  # every heading above a prose block (for coverage)
