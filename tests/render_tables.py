"""The same standard-table facts printed in many layouts: inputs for metamorphic tests (issue 20, item 7).

The facts are two subject tables of one unit (公开03表 支出决算表 and 公开05表 一般公共预算财政拨款
支出决算表), drawn as tests/generated/disclosure.py draws a unit's year: every 项 subject with its
true money, every cell rounded from the truth, so every identity holds within rounding (docs/domain.md §5).
Each layout prints those facts as an extraction or an office prints them:

* ``tab``: TAB rows, 7-digit codes, the header over two rows and a 栏次 row;
* ``split-codes``: the code in three columns 类 │ 款 │ 项, the header sharing its line with 合计;
* ``spanning``: a heading spanning the money columns (本年支出 over 本年支出合计 │ 基本支出 │ …);
* ``spaced``: space-separated, empty cells not printed, a long header word and long names wrapped;
* ``cells``: one cell per line, empty cells not printed;
* ``page-break``: TAB rows with a page break between two rows of one 类 (footer, a watermark from
  outside the reader's vocabulary that recurs on every page, blank lines);
* ``repeated-header``: TAB rows with the page break and the header printed again on the next page;
* ``letter-spaced-title``: TAB rows under a title printed with spaces between its characters;
* ``spaced-page-break``: space-separated rows with a blank line, ``— 7 —`` and a blank line between two rows;
* ``docx`` and ``xlsx``: the TAB layout written to a Word file and to a workbook (tests/build_formats.py),
  read back through the auditor's own readers.

``corrupted`` prints readings an extraction gets wrong: a money column shifted down one row, a money
column lost (the rest of each row one cell to the left), and subject codes split 类 │ 款 │ 项 without
the 类款项 line that says so (each row then reads as its 类).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

import attrs
from generated.disclosure import SPENDING_KINDS, _hierarchy, _kind, draw_figures, printed

#: Watermarks the reader's vocabulary does not know: found because they recur, as a watermark does.
WATERMARKS = ("内部资料请勿外传", "征求意见供审阅", "仅限本单位使用")


@attrs.frozen
class Subject:
    code: str
    name: str
    cells: tuple[Decimal, ...]  # printed values, 0 for an empty cell


@attrs.frozen
class TableFacts:
    number: str
    title: str
    heading: str  # the word a spanning header prints over the money columns
    columns: tuple[str, ...]
    rows: tuple[Subject, ...]  # 合计 first (code ""), then 类, 款, 项 in code order

    def planted(self, row: int, column: int, delta: Decimal) -> TableFacts:
        """The same table with one cell changed."""
        rows = list(self.rows)
        cells = list(rows[row].cells)
        cells[column] += delta
        rows[row] = attrs.evolve(rows[row], cells=tuple(cells))
        return attrs.evolve(self, rows=tuple(rows))


@attrs.frozen
class Facts:
    unit: str
    year: int
    tables: tuple[TableFacts, ...]
    watermark: str


def draw_facts(rng: random.Random) -> Facts:
    """One unit's 公开03表 and 05表, from the generator's true figures."""
    fig = draw_figures(rng)
    spending = [lambda leaf: leaf.spending, *(_kind(name) for name in SPENDING_KINDS)]
    general = [lambda leaf: leaf.gpb, lambda leaf: leaf.basic, lambda leaf: leaf.project]
    tables = (
        _subject_table("03", "支出决算表", "本年支出", ("本年支出合计", *SPENDING_KINDS), fig, spending),
        _subject_table("05", "一般公共预算财政拨款支出决算表", "本年支出", ("小计", "基本支出", "项目支出"), fig, general),
    )
    return Facts(fig.unit_name, fig.year, tables, rng.choice(WATERMARKS))


def _subject_table(number: str, title: str, heading: str, columns: tuple[str, ...], fig, money: list[Callable]) -> TableFacts:
    kept = [leaf for leaf in fig.leaves if any(column(leaf) for column in money)]
    rows = [Subject("", "合计", tuple(printed(sum(column(leaf) for leaf in kept)) for column in money))]
    rows += [Subject(code, name, tuple(printed(sum(column(leaf) for leaf in under)) for column in money))
             for code, name, under in _hierarchy(kept)]
    return TableFacts(number, title, heading, columns, tuple(rows))


def money(value: Decimal) -> str:
    """A cell as the tables print it: two decimals, thousands separated; an empty cell for zero."""
    return f"{value:,.2f}" if value else ""


# --- Layouts -------------------------------------------------------------------------------------------------


def _document(facts: Facts, tables: list[str]) -> str:
    mark = facts.watermark
    head = f"{facts.unit}{facts.year}年度部门决算\n{mark}\n\n第二部分\n部门决算报表\n\n"
    return head + "\n".join(tables) + f"\n{mark}\n\n第三部分 情况说明\n本部门决算情况详见上表。\n{mark}\n"


def _title(table: TableFacts, spaced_title: bool = False) -> str:
    title = " ".join(table.title) if spaced_title else table.title
    return f"{title}\n公开{table.number}表\n金额单位：万元\n"


def _tab_header(table: TableFacts) -> list[str]:
    blank = "\t" * len(table.columns)
    return ["项目\t\t" + "\t".join(table.columns), "功能分类科目编码\t科目名称" + blank]


def _tab_rows(table: TableFacts) -> list[str]:
    return [f"{row.code or row.name}\t{row.name if row.code else ''}\t" + "\t".join(money(v) for v in row.cells) for row in table.rows]


def _break_at(table: TableFacts) -> int:
    """Where a page ends inside the table: after the first 项 row (a row of a 类 follows it, or the table ends)."""
    return next((i for i, row in enumerate(table.rows) if len(row.code) == 7), len(table.rows) - 1) + 1


def _page_break(facts: Facts, page: int = 7) -> list[str]:
    return ["", f"— {page} —", "", facts.watermark, ""]


def tab(facts: Facts, spaced_title: bool = False, page_break: bool = False, repeat_header: bool = False) -> str:
    out = []
    for table in facts.tables:
        rows = _tab_rows(table)
        if page_break or repeat_header:
            at = _break_at(table)
            rows = rows[:at] + _page_break(facts) + (_tab_header(table) if repeat_header else []) + rows[at:]
        numbers = "栏次\t\t" + "\t".join(str(k) for k in range(1, len(table.columns) + 1))
        out.append(_title(table, spaced_title) + "\n".join([*_tab_header(table), numbers, *rows]) + "\n注：本表反映部门本年度支出情况。\n")
    return _document(facts, out)


def split_codes(facts: Facts) -> str:
    out = []
    for table in facts.tables:
        lines = ["项目\t\t\t\t" + "\t".join(table.columns), "科目编码\t\t\t科目名称" + "\t" * len(table.columns)]
        total, *subjects = table.rows
        lines.append("类\t款\t项\t合计\t" + "\t".join(money(v) for v in total.cells))
        for row in subjects:
            parts = [row.code[:3], row.code[3:5], row.code[5:7]]
            lines.append("\t".join(parts) + f"\t{row.name}\t" + "\t".join(money(v) for v in row.cells))
        out.append(_title(table) + "\n".join(lines) + "\n注：本表反映部门本年度支出情况。\n")
    return _document(facts, out)


def spanning(facts: Facts) -> str:
    out = []
    for table in facts.tables:
        lines = [f"功能分类科目编码\t科目名称\t{table.heading}" + "\t" * (len(table.columns) - 1),
                 "\t\t" + "\t".join(table.columns), *_tab_rows(table)]
        out.append(_title(table) + "\n".join(lines) + "\n注：本表反映部门本年度支出情况。\n")
    return _document(facts, out)


def _wrapped_header(table: TableFacts) -> list[str]:
    """The money columns' words on one line, the longest wrapped above and below it, as a PDF prints a narrow column."""
    longest = max(table.columns, key=len)
    if len(longest) < 8:
        return ["项目", " ".join(table.columns), "科目编码 科目名称"]
    half = len(longest) // 2
    return ["项目", longest[:half], " ".join(c for c in table.columns if c != longest), longest[half:], "科目编码 科目名称"]


def _spaced_row(row: Subject) -> list[str]:
    figures = " ".join(money(v) for v in row.cells if v)
    if not row.code:
        return [f"{row.name} {figures}"]
    if len(row.name) > 12:  # a long name wraps around its code and figures
        return [row.name[:-1], f"{row.code} {figures}", row.name[-1]]
    return [f"{row.code} {row.name} {figures}"]


def spaced(facts: Facts, page_break: bool = False) -> str:
    out = []
    for table in facts.tables:
        rows = [_spaced_row(row) for row in table.rows]
        if page_break:
            at = _break_at(table)
            rows = rows[:at] + [["", "— 7 —", ""]] + rows[at:]
        lines = [line for row in rows for line in row]
        out.append(f"{table.title}\n单位：万元\n" + "\n".join([*_wrapped_header(table), *lines]) + "\n注：本表反映部门本年度支出情况。\n")
    return _document(facts, out)


def cells(facts: Facts) -> str:
    out = []
    for table in facts.tables:
        lines = ["项目", *table.columns, "科目编码", "科目名称"]
        for row in table.rows:
            lines += [part for part in (row.code, row.name) if part] + [money(v) for v in row.cells if v]
        out.append(f"{table.title}\n公开{table.number}表\n单位：万元\n" + "\n".join(lines) + "\n注：本表反映部门本年度支出情况。\n")
    return _document(facts, out)

def pipes(facts: Facts) -> str:
    """The TAB grid with every cell between vertical bars (``| 合计 |  | 9,759.38 |``), as a Markdown export prints it."""
    return "\n".join("| " + " | ".join(line.split("\t")) + " |" if "\t" in line else line for line in tab(facts).split("\n"))


LAYOUTS: dict[str, Callable[[Facts], str]] = {
    "tab": tab,
    "split-codes": split_codes,
    "spanning": spanning,
    "spaced": spaced,
    "cells": cells,
    "page-break": lambda facts: tab(facts, page_break=True),
    "repeated-header": lambda facts: tab(facts, repeat_header=True),
    "letter-spaced-title": lambda facts: tab(facts, spaced_title=True),
    "spaced-page-break": lambda facts: spaced(facts, page_break=True),
    "pipes": pipes,
}


# --- Readings an extraction gets wrong --------------------------------------------------------------------------


def _edit_rows(text: str, table: TableFacts, how: Callable[[list[list[str]]], list[list[str]]]) -> str:
    """The TAB layout with the data rows of one table rewritten by ``how`` (on their cells)."""
    lines = text.split("\n")
    first = lines.index(f"公开{table.number}表") + 5  # title number, unit, two header rows, 栏次
    rows = [line.split("\t") for line in lines[first : first + len(table.rows)]]
    lines[first : first + len(table.rows)] = ["\t".join(row) for row in how(rows)]
    return "\n".join(lines)


def shifted_column(facts: Facts, table: TableFacts, column: int) -> str:
    """A money column's figures one row lower than their labels."""
    def shift(rows: list[list[str]]) -> list[list[str]]:
        values = ["", *(row[2 + column] for row in rows[:-1])]
        return [row[: 2 + column] + [value] + row[3 + column :] for row, value in zip(rows, values, strict=True)]
    return _edit_rows(tab(facts), table, shift)


def dropped_column(facts: Facts, table: TableFacts, column: int) -> str:
    """A money column lost: the cells after it one column to the left."""
    return _edit_rows(tab(facts), table, lambda rows: [row[: 2 + column] + row[3 + column :] for row in rows])


def merged_codes(facts: Facts) -> str:
    """Codes printed 类 │ 款 │ 项 under a header that does not say so: the reader takes the first column for the code."""
    return split_codes(facts).replace("类\t款\t项\t合计\t", "合计\t\t\t\t")


CORRUPTIONS = ("shifted column", "dropped column", "merged codes")
