"""The formula language of ``rules/*.rules``: table identities a finance office can read and edit.

One statement per line; ``#`` starts a comment. Four kinds::

    table.sum        表03 每行: 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出
    table.sum        表01收入 列 金额: 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余
    table.hierarchy  表02 科目层级
    table.cross      表01支出[本年支出合计, 金额] = 表03[合计, 本年支出合计]

* ``表NN`` names a table, ``表01收入`` one side of a two-sided table (the side is the text
  printed above it: 收入/支出, 人员经费/公用经费, 预算数/决算数).
* ``每行: A = B + C`` holds in every row, where A, B, C are column headers.
* ``列 X: A = B + C`` holds in column X (``每列`` — in every money column), where A, B, C
  are rows: a label (总计, 使用非财政拨款结余 — a remark in brackets may be left out), a
  subject code (201, 30101), or ``sum(编号行)`` (the rows numbered 一、二、… just above
  A) or ``sum(类)`` (every 类-level row, 201 or 301).
* ``科目层级``: in every money column a 类 row is the sum of its 款 rows, a 款 the sum of
  its 项 rows, and 合计 the sum of the 类 rows.
* ``表NN[行, 列]`` is one cell; ``每类`` as the row repeats the statement for every class,
  matched by subject code or, in a table without codes, by name.

The rule id at the start of a line is the id findings carry. ``-`` subtracts.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import attrs
import pyparsing as pp

from auditor.knowledge import rules_dir

RULE_IDS = ("table.sum", "table.hierarchy", "table.cross")


@attrs.frozen
class TableRef:
    number: str
    side: str

    @property
    def name(self) -> str:
        return f"表{self.number}{self.side}"


@attrs.frozen
class Term:
    """One operand: a name (column or row, by context), a cell, or ``sum(编号行)`` / ``sum(类)``."""

    sign: int
    name: str = ""
    table: TableRef | None = None
    row: str = ""
    column: str = ""
    aggregate: str = ""  # 编号行 or 类


@attrs.frozen
class Statement:
    rule: str
    kind: str  # rows (每行), column (列 X / 每列), hierarchy, cross
    table: TableRef | None
    column: str  # for kind "column": a column header, or "" for every column
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    source: str  # the line as written, for messages
    origin: str  # file:line


class FormulaError(ValueError):
    """A rules file that does not parse; the message names the file, line and column."""


def _grammar() -> pp.ParserElement:
    pp.ParserElement.set_default_whitespace_chars(" \t")
    rule_id = pp.Regex(r"table\.[a-z]+")("rule")
    table = pp.Regex(r"表(?P<number>\d{2})(?P<side>[^\s\[\]:：,，=+\-]*)")
    name = pp.Regex(r"[^\s\[\]:：,，=+\-]+")
    cell = pp.Group(table("table") + pp.Suppress("[") + name("row") + pp.Suppress(pp.one_of(", ，")) + name("column") + pp.Suppress("]"))
    aggregate = pp.Group(pp.Suppress("sum(") + pp.one_of("编号行 类")("aggregate") + pp.Suppress(")"))
    operand = cell("cell") | aggregate("agg") | pp.Group(name("name"))("plain")
    sign = pp.one_of("+ -")
    expr = pp.Group(pp.Optional(sign, "+") + operand) + pp.ZeroOrMore(pp.Group(sign + operand))
    equation = pp.Group(expr)("left") + pp.Suppress("=") + pp.Group(expr)("right")
    colon = pp.Suppress(pp.one_of(": ："))
    rows = table("table") + pp.Literal("每行")("kind") + colon + equation
    column = table("table") + pp.Literal("列")("kind") + name("column") + colon + equation
    columns = table("table") + pp.Literal("每列")("kind") + colon + equation
    hierarchy = table("table") + pp.Literal("科目层级")("kind")
    statement = rule_id + (rows | column | columns | hierarchy | equation) + pp.StringEnd()
    pp.ParserElement.set_default_whitespace_chars(" \n\t\r")
    return statement


_STATEMENT = _grammar()


def _table_ref(text: str) -> TableRef:
    m = pp.Regex(r"表(?P<number>\d{2})(?P<side>.*)").parse_string(text)
    return TableRef(m["number"], m["side"])


def _terms(group) -> tuple[Term, ...]:
    terms = []
    for item in group:
        sign = -1 if item[0] == "-" else 1
        operand = item[1]
        if "table" in operand:
            terms.append(Term(sign, table=_table_ref(operand["table"]), row=operand["row"], column=operand["column"]))
        elif "aggregate" in operand:
            terms.append(Term(sign, aggregate=operand["aggregate"]))
        else:
            terms.append(Term(sign, name=operand["name"]))
    return tuple(terms)


_CELL = pp.Regex(r"表(?P<number>\d{2})(?P<side>[^\s\[]*)\[(?P<row>[^,，\]]+)[,，]\s*(?P<column>[^\]]+)\]")


def parse_cell(text: str, origin: str = "<rules>") -> Term:
    """A single cell reference, ``表01收入[总计, 金额]`` (rows may list alternatives: ``A|B``)."""
    try:
        m = _CELL.parse_string(text.strip(), parse_all=True)
    except pp.ParseException:
        raise FormulaError(f"{origin}: 不是单元格引用（应写作 表NN[行, 列]）：「{text}」") from None
    return Term(1, table=TableRef(m["number"], m["side"]), row=m["row"].strip(), column=m["column"].strip())


def parse_line(line: str, origin: str = "<rules>") -> Statement | None:
    """One statement, or None for a blank or comment line. Raises FormulaError."""
    text = line.split("#", 1)[0].strip()
    if not text:
        return None
    try:
        parsed = _STATEMENT.parse_string(text, parse_all=True)
    except pp.ParseException as exc:
        raise FormulaError(f"{origin}:{exc.column}: 无法解析规则「{text}」（{exc.msg}）") from None
    if parsed["rule"] not in RULE_IDS:
        raise FormulaError(f"{origin}: 未知的规则编号 {parsed['rule']}（可用：{', '.join(RULE_IDS)}）")
    kind = parsed.get("kind", "")
    table = _table_ref(parsed["table"]) if "table" in parsed and kind else None
    if kind == "科目层级":
        return Statement(parsed["rule"], "hierarchy", table, "", (), (), text, origin)
    left, right = _terms(parsed["left"]), _terms(parsed["right"])
    if not kind:
        if any(t.table is None for t in left + right):
            raise FormulaError(f"{origin}: 跨表恒等式的每一项都须写成 表NN[行, 列]：「{text}」")
        return Statement(parsed["rule"], "cross", None, "", left, right, text, origin)
    if kind == "每行" and any(t.aggregate or t.table for t in left + right):
        raise FormulaError(f"{origin}: 「每行」恒等式只能写列名：「{text}」")
    column = parsed.get("column", "") if kind == "列" else ""
    return Statement(parsed["rule"], "rows" if kind == "每行" else "column", table, column, left, right, text, origin)


def load_rules(paths: list[Path]) -> list[Statement]:
    """Every statement of the given ``.rules`` files, in order."""
    statements = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            statement = parse_line(line, f"{path}:{number}")
            if statement is not None:
                statements.append(statement)
    return statements


def load_identities(extra_dirs: tuple[Path, ...] = ()) -> tuple[Statement, ...]:
    """The identities of every ``.rules`` file in ``rules/``, then in each extra folder, in file-name order.

    Parsed again whenever a file is added, removed or saved, so an office editing its own
    rules in a notebook sees the edit on the next audit.
    """
    files = sorted(rules_dir().glob("*.rules"))
    for directory in extra_dirs:
        files += sorted(directory.glob("*.rules"))
    return _parsed(tuple((path, path.stat().st_mtime_ns) for path in files))


@cache
def _parsed(files: tuple[tuple[Path, int], ...]) -> tuple[Statement, ...]:
    return tuple(load_rules([path for path, _ in files]))
