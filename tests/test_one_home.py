"""A word of a layout is added once, in rules/vocabulary.toml, and every layout and every rule that names it follows.

Issue 23's measure of "one home per idea": a header word of a standard table or of a performance table
is one vocabulary entry, and it works for the same table printed as TAB rows, space-separated rows or one
cell per line, with no edit to the identities (rules/tables.rules) or the concepts (rules/concepts.toml).
"""

from __future__ import annotations

import pytest
from test_perf_layouts import RIVER, one_cell_per_line

import auditor
from auditor.document.model import Document
from auditor.knowledge import vocabulary
from auditor.perf import words
from auditor.perf.reader import read_perf_tables
from auditor.tables import model

TAB = "\t"


def _table01(amount: str, stated: str) -> str:
    """A 情况说明 sentence restating 本年收入合计, and a 公开01表 whose amount columns are headed ``amount``."""
    rows = [["收入", "", "", "支出", "", ""], ["项目", "行次", amount, "项目", "行次", amount],
            ["一、一般公共预算财政拨款收入", "1", "100.00", "一、一般公共服务支出", "32", "100.00"],
            ["本年收入合计", "27", "100.00", "本年支出合计", "58", "100.00"],
            ["使用非财政拨款结余", "28", "0.00", "结余分配", "59", "0.00"],
            ["年初结转和结余", "29", "0.00", "年末结转和结余", "60", "0.00"],
            ["总计", "30", "100.00", "总计", "61", "100.00"]]
    table = "\n".join(TAB.join(r) for r in rows)
    return f"第三部分 情况说明\n二、收入决算情况\n本年收入合计{stated}万元。\n\n收入支出决算总表\n公开01表\n金额单位：万元\n{table}\n"


def _found(text: str) -> list[tuple[str, str, int]]:
    return [(f.rule, f.severity, f.location.line) for f in auditor.check(text).findings]


@pytest.mark.parametrize("amount", ["金额", "决算数"])
def test_a_concept_naming_the_amount_column_finds_it_under_either_printed_word(amount):
    """concepts.toml names 表01收入[本年收入合计, 金额]; a 01 table printing 决算数 is the same column
    ([tables.column_names] amount), so the prose's 110.00 against the table's 100.00 is found either way
    (before the group, a 决算数 table left the prose figure unchecked)."""
    assert _found(_table01(amount, "100.00")) == []
    assert _found(_table01(amount, "110.00")) == [("xref.table", "error", 3)]


@pytest.fixture
def amount_word():
    """Adds a word to the [tables.column_names] amount group for one test, as an office would in its vocabulary."""
    group = vocabulary()["tables"]["column_names"]["amount"]
    group.append("本年决算数")
    model._column_names.cache_clear()
    yield "本年决算数"
    group.remove("本年决算数")
    model._column_names.cache_clear()


def test_a_new_header_word_for_the_01_amount_column_is_one_vocabulary_entry(amount_word):
    """With the word in its group, the 01 table's identities and the concept that restates its cell hold it,
    with no identity or concept edited: the cell the prose restates is checked, and the table confirmed."""
    report = auditor.check(_table01(amount_word, "110.00"))
    assert [(f.rule, f.severity, f.location.line) for f in report.findings] == [("xref.table", "error", 3)]
    assert report.files[0].coverage.tables_confirmed == ("01",)


def test_an_unknown_word_for_the_01_amount_column_is_said_not_guessed():
    """Without it, the identities naming 金额|决算数 are not checked, and a note says which column is missing."""
    report = auditor.check(_table01("本年决算数", "110.00"))
    assert not report.errors
    assert any("没有「金额|决算数」列" in f.message for f in report.findings if f.severity == "info")


@pytest.mark.parametrize("layout", ["one cell per line", "TAB rows", "space-separated"])
def test_the_actual_value_column_needs_no_header_word(layout):
    """The perf reader places the actual value by the row's shape (after the target and its unit, before the
    weight), not by its header word: a province's own word for 实际完成值 (here 实际达成值, in no vocabulary)
    gives the same four findings in every layout, so a synonym for it is no entry at all."""
    rows = [list(r) for r in RIVER]
    assert rows[4][7] == "完成值"
    rows[4][7] = "实际达成值"
    text = {"one cell per line": one_cell_per_line(rows),
            "TAB rows": "\n".join(TAB.join(r) for r in rows),
            "space-separated": "\n".join("  ".join(c for c in r if c.strip()) for r in rows)}[layout]
    found = sorted((f.rule, f.severity, f.stated or "") for f in auditor.check(text).findings)
    assert found == [("perf.exec-score", "warning", "9.09"), ("perf.indicator", "error", "5段"),
                     ("perf.total", "error", "98.1"), ("perf.total", "error", "99.09分")]


def _river(column_word: str) -> dict[str, str]:
    """The issue's 河道巡查 table with its 预算执行数 header printed as ``column_word``, in the three layouts."""
    rows = [list(r) for r in RIVER]
    assert rows[2][4] == "预算执行数"
    rows[2][4] = column_word
    return {"one cell per line": one_cell_per_line(rows), "TAB rows": "\n".join(TAB.join(r) for r in rows),
            "space-separated": "\n".join("  ".join(c for c in r if c.strip()) for r in rows)}


def _money(text: str) -> list[str | None]:
    [table] = read_perf_tables(Document(text))
    return [f.text if f else None for f in (table.initial_budget, table.budget, table.executed, table.rate)]


@pytest.mark.parametrize("layout", ["one cell per line", "TAB rows", "space-separated"])
def test_an_unknown_money_column_word_leaves_its_figure_unread_not_shifted(layout):
    """A header word the vocabulary does not know between two it knows still stands for a column: its figure is not
    read, and its neighbours keep theirs (the executed 33.20 was read as the budget, and 36.50 as the 年初预算)."""
    assert _money(_river("本年支出执行数")[layout]) == ["30.00", "36.50", None, "90.96"]


@pytest.fixture
def executed_word():
    """Adds a word to [perf.columns.money] executed for one test, as an office would in its vocabulary."""
    group = vocabulary()["perf"]["columns"]["money"]["executed"]
    group.append("本年支出执行数")
    words.perf_words.cache_clear()
    yield "本年支出执行数"
    group.remove("本年支出执行数")
    words.perf_words.cache_clear()


@pytest.mark.parametrize("layout", ["one cell per line", "TAB rows", "space-separated"])
def test_a_new_money_column_word_is_one_vocabulary_entry(executed_word, layout):
    """With the word in the vocabulary, the same table is read whole in every layout, and checked."""
    text = _river(executed_word)[layout]
    assert _money(text) == ["30.00", "36.50", "33.20", "90.96"]
    broken = text.replace("33.20", "23.20")  # 23.20 ÷ 36.50 = 63.56 %, printed 90.96 %
    assert ("perf.rate", "error") in {(f.rule, f.severity) for f in auditor.check(broken).findings}
