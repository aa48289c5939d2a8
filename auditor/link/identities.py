"""The table identities of ``rules/*.rules`` as instances over the cells of the tables a document carries.

Each statement (``表03 每行: 本年支出合计 = 基本支出 + 项目支出 + …``) becomes one instance per
row, column or class the tables actually print: Σ left = Σ right over concrete cells.
What cannot be built (a row or column the table lacks, a table the extraction cut
short) is a :class:`Skip`, said once by `table.layout`; nothing is guessed. The rules
(``auditor/rules/table_*.py``) only evaluate the instances built here.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property, lru_cache

import attrs

from auditor.document.model import Document
from auditor.extract.facts import Facts, Mention
from auditor.finding import Reason
from auditor.formula import Statement, Term
from auditor.quantity import MONEY_UNITS, Interval, interval_sum
from auditor.tables.model import Cell, Row, Table, label_key

_TOTAL_LABELS = ("合计", "总计")


def cell_of(row: Row, column: str) -> Cell:
    """The row's cell in a column; a row that does not print the column (a side merged from two
    column groups) gives an unreadable cell, so no identity is evaluated on a guess."""
    found = row.cells.get(column)
    return found if found is not None else Cell(_ABSENT, row.start, row.start, None)


_ABSENT = "（本行无此列）"
#: How a message names the column of a figure whose column is not certain (``Row.unplaced``): a space-separated
#: row that lost its empty cells prints its parts after its total, and which columns they stand in is not known.
_UNPLACED = "（所在列未定）"


@attrs.frozen(eq=False)
class Operand:
    """A table cell in an identity: its row and column, or for a figure whose column is not certain (``Row.unplaced``) the
    cell itself, with ``column`` saying so."""

    sign: int
    table: Table
    row: Row
    column: str
    given: Cell | None = None

    @property
    def cell(self) -> Cell:
        return self.given if self.given is not None else cell_of(self.row, self.column)

    def magnitude(self) -> Interval:
        """In 万元, so tables in 元 and 万元 compare."""
        iv = self.cell.interval()
        return iv.scale(MONEY_UNITS[self.table.unit]) if self.table.unit in MONEY_UNITS and self.table.unit != "万元" else iv

    def describe(self, by: str) -> str:
        """The operand in a message: by its column (a row identity), its row (a column identity), or both and the table."""
        value = self.cell.text or "空"
        if self.column == _UNPLACED:
            return f"{value}{_UNPLACED}"
        if by == "row":
            return f"{self.column} {value}"
        row = self.row.name or self.column
        if by == "column":
            return f"{row} {value}"
        return f"{self.table.display_name}「{row}」{self.column} {value}" if self.row.name else f"{self.table.display_name}{self.column} {value}"

    @property
    def document(self):
        return self.table.document

    @property
    def text(self) -> str:
        return self.cell.text

    @property
    def readable(self) -> bool:
        return self.cell.readable

    @property
    def span(self) -> tuple[int, int]:
        cell = self.cell
        return cell.start, max(cell.end, cell.start + 1)


@attrs.frozen(eq=False)
class FigureOperand:
    """A prose figure standing for the table cell its words name (``rules/concepts.toml``)."""

    sign: int
    figure: Mention
    document: Document

    def magnitude(self) -> Interval:
        return self.figure.quantity.magnitude()

    def describe(self, by: str) -> str:
        return f"{self.figure.label} {self.figure.quantity.display()}"

    @property
    def text(self) -> str:
        return self.figure.quantity.display()

    @property
    def readable(self) -> bool:
        return True

    @property
    def span(self) -> tuple[int, int]:
        return self.figure.start, self.figure.end


@attrs.frozen
class Evaluation:
    """An instance on rounding intervals: the first operand of the left side as printed, what the others imply for it,
    and whether some choice of true values inside every interval satisfies the identity (docs/domain.md §5)."""

    stated: Interval
    implied: Interval
    holds: bool


@attrs.frozen(eq=False)
class Instance:
    """One identity over concrete cells or the prose figures that name them: Σ left = Σ right.

    ``at_least``: some parts of the right side are not stated (the prose names 基本支出 and
    项目支出 but not 经营支出); money is never negative there, so the left side can only be
    at least the stated parts. ``severity`` is the most a violation can be: a warning when the
    prose figures were matched across sections whose caliber the document leaves open, or
    when a table involved was read but its reading could not be confirmed (``caveat`` says so).
    ``relation`` tells apart the relations one statement makes (a 科目层级 statement: 合计 = Σ类,
    and each parent = Σ its children, per money column), so that a relation failing wherever
    it applies can be seen (:mod:`auditor.link.verdicts`).
    """

    rule: str
    statement: Statement
    subject: str  # names the row or column it is about
    left: tuple[Operand | FigureOperand, ...]
    right: tuple[Operand | FigureOperand, ...]
    by: str  # what tells the operands apart in a message: "row" (columns), "column" (rows) or "cross"
    at_least: bool = False
    severity: str = "error"
    relation: str = ""
    caveat: str = ""

    @property
    def figures(self) -> tuple[Mention, ...]:
        """The prose figures among the operands (none for an identity over table cells)."""
        return tuple(op.figure for op in self.left + self.right if isinstance(op, FigureOperand))

    @property
    def cells(self) -> tuple[Operand, ...]:
        """The table cells among the operands."""
        return tuple(op for op in self.left + self.right if isinstance(op, Operand))

    def evaluate(self) -> Evaluation | None:
        """Does some choice inside every operand's rounding interval satisfy the identity? None when an operand is not a number.

        The one satisfiability test of the identities: the rules word a failure
        (:func:`auditor.rules.common.evaluate_identity`), the verdicts count them
        (:mod:`auditor.link.verdicts`). A one-sided instance (``at_least``) fails only when
        the left side is smaller than the stated parts alone.
        """
        if not all(op.readable for op in self.left + self.right):
            return None
        primary = self.left[0]
        others_left = interval_sum(_signed(op) for op in self.left[1:])
        implied = interval_sum(_signed(op) for op in self.right) - others_left
        if primary.sign < 0:
            implied = -implied
        stated = primary.magnitude()
        holds = stated.overlaps(implied) or self.at_least and stated.hi >= implied.lo
        return Evaluation(stated, implied, holds)

    @cached_property
    def holds(self) -> bool | None:
        """Whether the identity holds (:meth:`evaluate`), None when an operand is not a number: asked by the verdicts
        and the rules alike, worked out once, keeping no intervals alive (a failure's are worked out again to word it)."""
        evaluation = self.evaluate()
        return None if evaluation is None else evaluation.holds


def _signed(op: Operand | FigureOperand) -> Interval:
    iv = op.magnitude()
    return iv if op.sign > 0 else -iv


@attrs.frozen
class Skip:
    """An identity that could not be evaluated, and why (said once per table and reason, worded by rule ``table.layout``)."""

    reason: Reason
    table: Table
    start: int
    end: int


def tables_by_name(tables: tuple[Table, ...]) -> dict[str, Table]:
    """The tables by formula name (表03, 表01收入); of two with one name, the first."""
    found: dict[str, Table] = {}
    for table in tables:
        found.setdefault(table.name, table)
    return found


def first_row(table: Table, name: str) -> Row | None:
    for alternative in name.split("|"):
        rows = table.find_rows(alternative)
        if rows:
            return rows[0]
    return None


def _numbered_above(table: Table, row: Row) -> list[Row]:
    """The rows numbered 一、二、… immediately above ``row`` (rows without a label in between are skipped)."""
    index = table.rows.index(row)
    found = []
    for above in reversed(table.rows[:index]):
        if above.numbered:
            found.append(above)
        elif above.label or above.code:
            break
    return list(reversed(found))


def _class_rows(table: Table) -> list[Row]:
    """类 rows: 3-digit codes, or in a table without codes the numbered rows (一、一般公共服务支出)."""
    coded = [r for r in table.rows if r.level == 1]
    return coded or [r for r in table.rows if r.numbered]


def truncated(table: Table) -> bool:
    """Did the extraction lose the table's last rows? Its classes fall short of 合计 and it ends mid-class."""
    total = next((r for r in table.rows if r.label in _TOTAL_LABELS and not r.code), None)
    classes = [r for r in table.rows if r.level == 1]
    if total is None or not classes or table.rows[-1].level < 2:
        return False
    for column in table.columns:
        cells = [cell_of(total, column)] + [cell_of(r, column) for r in classes]
        if all(c.readable for c in cells) and cells[0].quantity is not None:
            parts = interval_sum(c.interval() for c in cells[1:])
            return parts.hi < cells[0].interval().lo
    return False


def _row_instances(st: Statement, table: Table, skips: list[Skip]) -> Iterator[Instance]:
    """``每行: A = B + C``. A part column the table does not print is absent money (some units'
    公开03表 has no 经营支出 column); a missing total column leaves nothing to check."""
    columns = {t.name: table.column(t.name) for t in st.left + st.right}
    missing = [t.name for t in st.left if columns[t.name] is None]
    right = [t for t in st.right if columns[t.name] is not None]
    if missing or not (right or any(row.unplaced for row in table.rows)):
        if not table.columns_placed_only:
                skips.append(_skip("identity.no-column", table, columns=tuple(missing or [t.name for t in st.right]), identity=st.source))
        return
    # the figures a space-separated row prints after its total are the parts of the identity whose total opens the row
    sums_row = len(st.left) == 1 and columns[st.left[0].name] == table.columns[0] and all(t.sign > 0 for t in st.right)
    for row in table.rows:
        left = tuple(Operand(t.sign, table, row, columns[t.name]) for t in st.left)
        parts = tuple(Operand(t.sign, table, row, columns[t.name]) for t in right)
        if row.unplaced and sums_row and len(row.unplaced) <= len(st.right):
            # a space-separated row: its total and the figures printed after it, each one of the parts, whichever
            parts = tuple(Operand(1, table, row, _UNPLACED, given=cell) for cell in row.unplaced)
        elif not right:
            continue
        yield Instance(st.rule, st, table.display_name + (f"「{row.name}」" if row.name else ""), left, parts, "row")


def _column_instances(st: Statement, table: Table, skips: list[Skip]) -> Iterator[Instance]:
    if st.column:
        column = table.column(st.column)
        if column is None:
            if not table.columns_placed_only:
                skips.append(_skip("identity.no-column", table, columns=st.column, identity=st.source))
            return
        columns = [column]
    else:
        columns = list(table.columns)
    rows: dict[Term, list[Row]] = {}
    target = first_row(table, st.left[0].name) if st.left and st.left[0].name else None
    for term in st.left + st.right:
        if term.aggregate == "编号行":
            rows[term] = _numbered_above(table, target) if target else []
        elif term.aggregate == "类":
            rows[term] = _class_rows(table)
        else:
            row = first_row(table, term.name)
            if row is None:
                if not table.declared_empty:
                    skips.append(_skip("identity.no-row", table, row=term.name, identity=st.source))
                return
            rows[term] = [row]
    for column in columns:
        left = tuple(Operand(t.sign, table, r, column) for t in st.left for r in rows[t])
        right = tuple(Operand(t.sign, table, r, column) for t in st.right for r in rows[t])
        yield Instance(st.rule, st, f"{table.display_name}「{column}」列", left, right, "column")


def _hierarchy_instances(st: Statement, table: Table) -> Iterator[Instance]:
    cut = truncated(table)
    rows = table.rows
    levels = [r.level for r in rows]
    last_group_start = max((i for i, level in enumerate(levels) if level == 1), default=len(rows))
    families = []  # (parent, its children): the same in every column, so found once
    for i, parent in enumerate(rows):
        if levels[i] == 0 or cut and i >= last_group_start:
            continue
        children = []
        for k in range(i + 1, len(rows)):
            if levels[k] and levels[k] <= levels[i]:
                break
            if levels[k] == levels[i] + 1 and rows[k].code.startswith(parent.code):
                children.append(rows[k])
        if children:
            families.append((parent, children))
    total = next((r for r in rows if r.label in _TOTAL_LABELS and not r.code), None)
    classes = [r for r, level in zip(rows, levels, strict=True) if level == 1]
    for column in table.columns:
        for parent, children in families:
            yield Instance(st.rule, st, f"{table.display_name}「{parent.name}」的下级科目（{column}）",
                           (Operand(1, table, parent, column),), tuple(Operand(1, table, c, column) for c in children), "column",
                           relation=f"上级 = Σ下级（{column}）")
        if total is not None and classes and not cut:
            yield Instance(st.rule, st, f"{table.display_name}「{total.label}」与各类之和（{column}）",
                           (Operand(1, table, total, column),), tuple(Operand(1, table, c, column) for c in classes), "column",
                           relation="合计 = Σ类")


def _cross_instances(st: Statement, tables: dict[str, Table], skips: list[Skip]) -> Iterator[Instance]:
    terms = st.left + st.right
    if any(t.table.name not in tables for t in terms):
        return  # a table the document does not have: nothing to compare
    if any(t.row == "每类" for t in terms):
        yield from _per_class(st, tables, skips)
        return
    operands = {}
    for term in terms:
        table = tables[term.table.name]
        row, column = first_row(table, term.row), table.column(term.column)
        if row is None or column is None:
            if not table.declared_empty and not (column is None and table.columns_placed_only):
                skips.append(_skip("identity.no-row", table, row=term.row, identity=st.source) if row is None
                             else _skip("identity.no-column", table, columns=term.column, identity=st.source))
            return
        operands[term] = Operand(term.sign, table, row, column)
    yield Instance(st.rule, st, "表间", tuple(operands[t] for t in st.left), tuple(operands[t] for t in st.right), "cross")


def _per_class(st: Statement, tables: dict[str, Table], skips: list[Skip]) -> Iterator[Instance]:
    """``表01支出[每类, 金额] = 表03[每类, 本年支出合计]``: one instance per class either table shows.

    A class one table does not list is zero there, but only in a table that has rows: a
    header with no data rows (a truncated extraction) says nothing about any class.
    """
    terms = st.left + st.right
    sides = [(t, tables[t.table.name], tables[t.table.name].column(t.column)) for t in terms]
    if any(column is None for _, _, column in sides):
        return
    bare = [table for _, table, _ in sides if not table.rows]
    if bare:
        for table in bare:
            if not table.declared_empty:
                skips.append(_skip("identity.no-data-rows", table, identity=st.source))
        return
    keys: dict[str, str] = {}
    for _, table, column in sides:
        for row in _class_rows(table):
            if row.cells.get(column) is not None and row.cells[column].text:
                keys.setdefault(row.label, row.name)
    for label, shown in keys.items():
        operands = {}
        for term, table, column in sides:
            row = next((r for r in _class_rows(table) if r.label == label), None)
            if row is None:
                if truncated(table):
                    break
                row = Row(label, "", True, {column: Cell("", table.rows[-1].start, table.rows[-1].start, None)},
                          table.rows[-1].start, table.rows[-1].line)  # a class the table does not list: zero
            operands[term] = Operand(term.sign, table, row, column)
        else:
            yield Instance(st.rule, st, f"「{shown}」", tuple(operands[t] for t in st.left), tuple(operands[t] for t in st.right), "cross")


def _skip(kind: str, table: Table, **fields: object) -> Skip:
    """A skip said at the table's first row (or its title when it has none)."""
    first = table.rows[0] if table.rows else None
    start = first.start if first else table.start
    return Skip(Reason.of(kind, table=table.display_name, **fields), table, start, start + 1)


def table_identities(tables: dict[str, Table], identities: tuple[Statement, ...]) -> tuple[list[Instance], list[Skip]]:
    """Every identity instance the tables allow, and what had to be skipped."""
    found: list[Instance] = []
    skips: list[Skip] = []
    for st in identities:
        if st.kind == "cross":
            found.extend(_cross_instances(st, tables, skips))
            continue
        table = tables.get(st.table.name)
        if table is None:
            continue
        if st.kind == "rows":
            found.extend(_row_instances(st, table, skips))
        elif st.kind == "column":
            found.extend(_column_instances(st, table, skips))
        else:
            found.extend(_hierarchy_instances(st, table))
    for table in tables.values():
        if truncated(table):
            last = table.rows[-1].start
            skips.append(Skip(Reason.of("table.truncated", table=table.display_name, at=last), table, last, last + 1))
    return found, skips


def table_cell(term: Term, tables: dict[str, Table]) -> Operand | None:
    """The readable table cell a cell reference (表03[合计, 基本支出]) names, when its table, row and column exist."""
    table = tables.get(term.table.name)
    if table is None:
        return None
    row, column = first_row(table, term.row), table.column(term.column)
    if row is None or column is None or not cell_of(row, column).readable:
        return None
    return Operand(1, table, row, column)


# --- The identities on prose figures -------------------------------------------------------


@attrs.frozen(eq=False)
class _Address:
    """The cell some prose figures name (``表03[合计, 基本支出]``), alternatives kept apart, and those figures."""

    table: str
    rows: frozenset[str]
    columns: frozenset[str]
    figures: list[Mention]

    def names(self, table: str, row: str, column: str) -> bool:
        return table == self.table and bool(self.rows & _alternatives(row)) and bool(self.columns & _alternatives(column))


@lru_cache(maxsize=4096)  # asked for the same few names of the rules' cells for every address and statement
def _alternatives(name: str) -> frozenset[str]:
    """The names a cell's row or column may go by (``A|B``), each as compared."""
    return frozenset(label_key(part) for part in name.split("|"))


def prose_identities(facts: Facts, identities: tuple[Statement, ...], tables: dict[str, Table], collapsed: bool) -> Iterator[Instance]:
    """The identities of ``rules/*.rules`` over the prose figures that name their cells, where the tables are missing.

    One source of the formulas: ``表06人员经费[人员经费合计, 决算数] + 表06公用经费[公用经费合计, 决算数]
    = 表05[合计, 基本支出]`` holds for the prose's 人员经费, 公用经费 and 一般公共预算财政拨款基本支出
    as it holds for the cells. An identity whose tables the document carries is left to
    `xref.table` and the table rules (each prose figure against its cell already implies it);
    one whose figures all stand in one 其中 list is the `sum` rule's. A cell the prose names
    twice with different figures is the restatement rule's business and takes part in no
    identity. Figures from different sections (一、 二、 …) are one caliber only when the document says
    all its income is 一般公共预算 (``collapsed``); otherwise a violation is at most a
    warning. Parts the prose does not state make the identity one-sided (``at_least``)
    where money cannot be negative; with a minus sign in the formula nothing is assumed.
    Two statements that reach the same figures (a cross identity and the one it restates)
    give one instance.
    """
    addresses = _addresses(facts)
    if not addresses:
        return
    listed = [frozenset(id(m) for m in (lst.whole, *lst.parts)) for lst in facts.lists]
    equal_cells = _equal_cells(identities)
    seen: set[frozenset[int]] = set()
    for st in identities:
        if all(t in tables and tables[t].rows for t in _tables_of(st)):
            continue
        for left, right in _prose_terms(st, addresses, equal_cells):
            instance = _prose_instance(st, left, right, facts.document, collapsed)
            if instance is None or _one_list(instance, listed):
                continue
            figures = [id(m) for m in instance.figures]
            if len(set(figures)) == len(figures) and frozenset(figures) not in seen:
                seen.add(frozenset(figures))
                yield instance


def _addresses(facts: Facts) -> list[_Address]:
    """Each cell the prose names, with its figures; a cell named with two figures that disagree is left out."""
    found: dict[tuple, _Address] = {}
    for reference in facts.cell_references:
        if reference.share is not None:
            continue
        term = reference.term
        key = (term.table.name, _alternatives(term.row), _alternatives(term.column))
        found.setdefault(key, _Address(key[0], key[1], key[2], [])).figures.append(reference.figure)
    return [a for a in found.values() if _agree(a.figures)]


def _agree(figures: list[Mention]) -> bool:
    first = figures[0].quantity.in_wan()
    return all(m.quantity.in_wan().overlaps(first) for m in figures[1:])


def _tables_of(st: Statement) -> set[str]:
    if st.kind == "cross":
        return {t.table.name for t in st.left + st.right}
    return {st.table.name}


def _equal_cells(identities: tuple[Statement, ...]) -> list[tuple[Term, Term]]:
    """Pairs of cells one cross identity says are equal (``表01支出[本年支出合计, 金额] = 表03[合计, 本年支出合计]``), both ways."""
    pairs = []
    for st in identities:
        if st.kind == "cross" and len(st.left) == len(st.right) == 1 and st.left[0].row != "每类":
            one, other = st.left[0], st.right[0]
            if one.sign > 0 and other.sign > 0:
                pairs += [(one, other), (other, one)]
    return pairs


def _same_cell(term: Term, table: str, row: str, column: str) -> bool:
    return (term.table.name == table and bool(_alternatives(term.row) & _alternatives(row))
            and bool(_alternatives(term.column) & _alternatives(column)))


def _prose_terms(st: Statement, addresses: list[_Address], equal_cells: list[tuple[Term, Term]]):
    """(left, right) per place the statement can apply: each term with the address that names it, or None."""
    def find(table: str, row: str, column: str) -> _Address | None:
        found = next((a for a in addresses if a.names(table, row, column)), None)
        if found is None:  # the same money in another table (表01支出[本年支出合计] = 表03[合计, 本年支出合计]), as the prose names it
            for one, other in equal_cells:
                if _same_cell(one, table, row, column):
                    found = next((a for a in addresses if a.names(other.table.name, other.row, other.column)), None)
                    if found is not None:
                        break
        return found

    terms = st.left + st.right
    if st.kind == "cross":
        if any(t.row == "每类" for t in terms):
            return
        yield [(t, find(t.table.name, t.row, t.column)) for t in st.left], [(t, find(t.table.name, t.row, t.column)) for t in st.right]
    elif st.kind == "rows":
        table = st.table.name
        columns = set().union(*(_alternatives(t.name) for t in terms))
        rows = {a.rows for a in addresses if a.table == table and a.columns & columns}
        for row in rows:
            name = sorted(row)[0]
            yield [(t, find(table, name, t.name)) for t in st.left], [(t, find(table, name, t.name)) for t in st.right]
    elif st.kind == "column" and st.column and not any(t.aggregate for t in terms):
        table = st.table.name
        yield [(t, find(table, t.name, st.column)) for t in st.left], [(t, find(table, t.name, st.column)) for t in st.right]


def _prose_instance(st: Statement, left, right, document: Document, collapsed: bool) -> Instance | None:
    unknown_left = [t for t, a in left if a is None]
    unknown_right = [t for t, a in right if a is None]
    if unknown_left and unknown_right:
        return None
    if unknown_left or not unknown_right and len(left) > len(right):  # the total first: the side without unstated parts, or the shorter
        left, right = right, left
    known_left = [FigureOperand(t.sign, a.figures[0], document) for t, a in left if a is not None]
    known_right = [FigureOperand(t.sign, a.figures[0], document) for t, a in right if a is not None]
    at_least = bool(unknown_left or unknown_right)
    if not known_left or not known_right or at_least and any(t.sign < 0 for t in st.left + st.right):
        return None
    if len({op.figure.quantity.unit for op in known_left + known_right}) > 1:
        return None  # 774.37 元 among 万元: the `unit` rule's finding, not a premise for another
    sections = {_section(op.figure) for op in known_left + known_right}
    severity = "error" if collapsed or len(sections) == 1 else "warning"
    return Instance("xref.identity", st, "", tuple(known_left), tuple(known_right), "cross", at_least, severity)


def _section(figure: Mention) -> tuple[int, ...]:
    """The part and numbered section (第三部分 / 七、) a figure stands in: its subsections (（一）, 1.) are one caliber."""
    return tuple(h.line for h in figure.scope if h.level <= 1)


def _one_list(instance: Instance, listed: list[frozenset[int]]) -> bool:
    ids = {id(m) for m in instance.figures}
    return any(ids <= members for members in listed)
