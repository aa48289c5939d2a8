"""Rules `table.sum`, `table.hierarchy`, `table.cross` and `table.layout`: the tables against themselves.

The identities are data (``rules/*.rules``, read by :mod:`auditor.formula`); this
module turns each statement into instances over the tables actually present and
evaluates them on rounding intervals. An instance holds when some choice of true
values inside every printed cell's interval satisfies it exactly (DOMAIN.md §5), so
a sum of n rounded parts may differ from its printed total by up to n half-units.
What cannot be evaluated (a cell that is not a number, a row the table lacks, a table
cut short by the extraction) is said once as an ``info`` finding of `table.layout`,
never guessed at.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextvars import ContextVar
from functools import cache
from pathlib import Path

import attrs

from auditor.extract.facts import Facts
from auditor.finding import Finding
from auditor.formula import Statement, Term, load_rules
from auditor.knowledge import rules_dir
from auditor.quantity import MONEY_UNITS, Interval, fmt_interval, interval_sum
from auditor.rules.base import rule
from auditor.tables.model import Cell, Row, Table

_TOTAL_LABELS = ("合计", "总计")


# Folders of an office's own ``*.rules`` files (``rules-dirs`` in its settings), set by
# run_rules for the audit in progress so that the table rules keep the one-argument shape.
EXTRA_RULE_DIRS: ContextVar[tuple[Path, ...]] = ContextVar("extra_rule_dirs", default=())


@cache
def statements(extra_dirs: tuple[Path, ...] = ()) -> tuple[Statement, ...]:
    """The identities of every ``.rules`` file in ``rules/``, then in each extra folder, in file-name order."""
    files = sorted(rules_dir().glob("*.rules"))
    for directory in extra_dirs:
        files += sorted(directory.glob("*.rules"))
    return tuple(load_rules(files))


def cell_of(row: Row, column: str) -> Cell:
    """The row's cell in a column; a row that does not print the column (a side merged from two
    column groups) gives an unreadable cell, so no identity is evaluated on a guess."""
    found = row.cells.get(column)
    return found if found is not None else Cell(_ABSENT, row.start, row.start, None)


_ABSENT = "（本行无此列）"


@attrs.frozen(eq=False)
class Operand:
    sign: int
    table: Table
    row: Row
    column: str

    @property
    def cell(self) -> Cell:
        return cell_of(self.row, self.column)

    def magnitude(self) -> Interval:
        """In 万元, so tables in 元 and 万元 compare."""
        iv = self.cell.interval()
        return iv.scale(MONEY_UNITS[self.table.unit]) if self.table.unit in MONEY_UNITS else iv

    def describe(self, by: str) -> str:
        """The operand in a message: by its column (a row identity), its row (a column identity), or both and the table."""
        value = self.cell.text or "空"
        if by == "row":
            return f"{self.column} {value}"
        row = self.row.name or self.column
        if by == "column":
            return f"{row} {value}"
        return f"{self.table.display_name}「{row}」{self.column} {value}" if self.row.name else f"{self.table.display_name}{self.column} {value}"


@attrs.frozen(eq=False)
class Instance:
    """One identity over concrete cells: Σ left = Σ right."""

    rule: str
    statement: Statement
    subject: str  # names the row or column it is about
    left: tuple[Operand, ...]
    right: tuple[Operand, ...]
    by: str  # what tells the operands apart in a message: "row" (columns), "column" (rows) or "cross"


@attrs.frozen
class Skip:
    """An identity that could not be evaluated, and why (said once per table and reason)."""

    message: str
    table: Table
    start: int
    end: int


# --- Building instances from statements -------------------------------------------------


def tables_by_name(facts: Facts) -> dict[str, Table]:
    found: dict[str, Table] = {}
    for table in facts.tables:
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
    if missing or not right:
        if not table.columns_placed_only:
                skips.append(Skip(f"{table.display_name}没有「{'、'.join(missing or [t.name for t in st.right])}」列，"
                              f"恒等式「{st.source}」未核对", table, *_head_span(table)))
        return
    for row in table.rows:
        left = tuple(Operand(t.sign, table, row, columns[t.name]) for t in st.left)
        parts = tuple(Operand(t.sign, table, row, columns[t.name]) for t in right)
        yield Instance(st.rule, st, table.display_name + (f"「{row.name}」" if row.name else ""), left, parts, "row")


def _column_instances(st: Statement, table: Table, skips: list[Skip]) -> Iterator[Instance]:
    if st.column:
        column = table.column(st.column)
        if column is None:
            if not table.columns_placed_only:
                skips.append(Skip(f"{table.display_name}没有「{st.column}」列，恒等式「{st.source}」未核对", table, *_head_span(table)))
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
                    skips.append(Skip(f"{table.display_name}没有「{term.name}」行，恒等式「{st.source}」未核对", table, *_head_span(table)))
                return
            rows[term] = [row]
    for column in columns:
        left = tuple(Operand(t.sign, table, r, column) for t in st.left for r in rows[t])
        right = tuple(Operand(t.sign, table, r, column) for t in st.right for r in rows[t])
        yield Instance(st.rule, st, f"{table.display_name}「{column}」列", left, right, "column")


def _hierarchy_instances(st: Statement, table: Table) -> Iterator[Instance]:
    cut = truncated(table)
    rows = table.rows
    last_group_start = max((i for i, r in enumerate(rows) if r.level == 1), default=len(rows))
    for column in table.columns:
        for i, parent in enumerate(rows):
            if parent.level == 0:
                continue
            children = []
            for child in rows[i + 1 :]:
                if child.level and child.level <= parent.level:
                    break
                if child.level == parent.level + 1 and child.code.startswith(parent.code):
                    children.append(child)
            if not children or cut and i >= last_group_start:
                continue
            yield Instance(st.rule, st, f"{table.display_name}「{parent.name}」的下级科目（{column}）",
                           (Operand(1, table, parent, column),), tuple(Operand(1, table, c, column) for c in children), "column")
        total = next((r for r in rows if r.label in _TOTAL_LABELS and not r.code), None)
        classes = [r for r in rows if r.level == 1]
        if total is not None and classes and not cut:
            yield Instance(st.rule, st, f"{table.display_name}「{total.label}」与各类之和（{column}）",
                           (Operand(1, table, total, column),), tuple(Operand(1, table, c, column) for c in classes), "column")


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
                what = f"「{term.row}」行" if row is None else f"「{term.column}」列"
                skips.append(Skip(f"{table.display_name}没有{what}，恒等式「{st.source}」未核对", table, *_head_span(table)))
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
                skips.append(Skip(f"{table.display_name}没有数据行，恒等式「{st.source}」未核对", table, *_head_span(table)))
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


def _head_span(table: Table) -> tuple[int, int]:
    first = table.rows[0] if table.rows else None
    start = first.start if first else table.start
    return start, start + 1


_LAST: list[tuple[Facts, tuple[Path, ...], tuple[list[Instance], list[Skip]]]] = []


def instances(facts: Facts) -> tuple[list[Instance], list[Skip]]:
    """Every identity instance the document's tables allow, and what had to be skipped.

    The four table rules ask for the same instances of the same facts one after the
    other; the last answer is kept so they are built once per document.
    """
    extra_dirs = EXTRA_RULE_DIRS.get()
    if _LAST and _LAST[0][0] is facts and _LAST[0][1] == extra_dirs:
        return _LAST[0][2]
    result = _build_instances(facts, statements(extra_dirs))
    _LAST[:] = [(facts, extra_dirs, result)]
    return result


def _build_instances(facts: Facts, identities: tuple[Statement, ...]) -> tuple[list[Instance], list[Skip]]:
    tables = tables_by_name(facts)
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
            skips.append(Skip(f"{table.display_name}在{table.document.where(table.rows[-1].start)}之后似乎被截断（各类之和小于合计，最后一类不完整），"
                              "缺失部分未核对", table, table.rows[-1].start, table.rows[-1].start + 1))
    return found, skips


# --- Evaluating ----------------------------------------------------------------------------


def _readable(instance: Instance) -> bool:
    return all(op.cell.readable for op in instance.left + instance.right)


def _signed(op: Operand) -> Interval:
    iv = op.magnitude()
    return iv if op.sign > 0 else -iv


def evaluate(instance: Instance) -> Finding | None:
    """None when the identity holds within rounding; else an error naming every cell involved."""
    primary = instance.left[0]
    others_left = interval_sum(_signed(op) for op in instance.left[1:])
    right = interval_sum(_signed(op) for op in instance.right)
    implied = right - others_left
    if primary.sign < 0:
        implied = -implied
    stated = primary.magnitude()
    if stated.overlaps(implied):
        return None
    doc = primary.table.document
    involved = [op for op in instance.left[1:] + instance.right if op.cell.text]
    gap = stated.distance(implied)
    terms = " + ".join(op.describe(instance.by) for op in instance.right if op.cell.text or len(instance.right) <= 3) or "0"
    terms = terms.replace("+ -", "- ")
    left_text = primary.describe(instance.by)
    message = (
        f"{instance.subject}：{left_text} 与 {terms} 不符，"
        f"其他各数要求 {fmt_interval(implied, 3)}，相差 {fmt_interval(Interval.point(gap), 3)} 万元"
        f"（规则：{instance.statement.source.split(None, 1)[1]}）"
    )
    cell = primary.cell
    return Finding(
        rule=instance.rule,
        severity="error",
        message=message,
        location=doc.location(cell.start, max(cell.end, cell.start + 1)),
        related=tuple(op.table.document.location(op.cell.start, op.cell.end) for op in involved),
        stated=cell.text or "空",
        expected=fmt_interval(implied, 3, "万元"),
        excerpt=doc.excerpt(cell.start, max(cell.end, cell.start + 1)),
    )


def _findings(facts: Facts, rule_id: str) -> Iterator[Finding]:
    found, _ = instances(facts)
    for instance in found:
        if instance.rule == rule_id and _readable(instance):
            finding = evaluate(instance)
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
    row or column the identities need but the table lacks, a table the extraction cut short.
    These are not inconsistencies: they tell the reader which checks did not run.

    In the corpus: the extraction of qinhuangdao-etdz-office-2023 lost 公开05表's rows after
    2010301 (line 314), which the rule reports as
    ``公开05表在第314行之后似乎被截断（各类之和小于合计，最后一类不完整），缺失部分未核对``.
    """
    for note in facts.table_notes:
        yield _info(note.document, note.start, note.end, note.message)
    _, skips = instances(facts)
    seen = set()
    for skip in skips:
        if skip.message not in seen:
            seen.add(skip.message)
            yield _info(skip.table.document, skip.start, skip.end, skip.message)


def _info(doc, start: int, end: int, message: str) -> Finding:
    return Finding(rule="table.layout", severity="info", message=message, location=doc.location(start, max(end, start + 1)),
                   excerpt=doc.excerpt(start, max(end, start + 1)))


def checked_count(facts: Facts) -> int:
    """How many identity instances the document's tables allowed and were evaluated (for the benchmark and notes)."""
    found, _ = instances(facts)
    return sum(1 for i in found if _readable(i))

