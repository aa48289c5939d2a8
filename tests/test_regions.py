"""Table regions found by shape: a table row never reaches the prose rules, whatever separates its cells."""

from __future__ import annotations

from auditor import check
from auditor.document.layout import blocks
from auditor.document.model import Document
from auditor.document.regions import is_figure_row, table_regions

SPACED_03 = (
    "支出决算表\n单位：万元\n项目 本年支出合计 基本支出 项目支出\n科目编码 科目名称\n"
    "合计 612.40 288.15 324.25\n201 一般公共服务支出 507.40 288.15 219.25\n221 住房保障支出 105.00 0.00 105.00\n"
    "超长期特别国债安排的\n22198 105.00 0.00 105.00\n支出\n注：本表反映部门本年度各项支出情况。\n"
)
PROSE = "三、支出决算情况说明\n本年支出合计 612.40 万元，其中：基本支出 288.15 万元，项目支出 324.25 万元。\n"


def _prose_text(text: str) -> str:
    return "".join(block.text.text for block in blocks(Document(text)))


def test_space_separated_rows_are_a_table_not_prose():
    doc = Document(SPACED_03 + PROSE)
    [region] = table_regions(doc)
    assert (region.first, region.last, region.shape) == (0, 9, "spaced")
    assert "507.40" not in _prose_text(SPACED_03 + PROSE)
    report = check(SPACED_03 + PROSE)
    assert not report.errors and not report.warnings, report.findings
    [note] = report.findings
    assert note.rule == "table.layout" and note.location.line == 1 and "只核对「本年支出合计」列" in note.message


def test_a_sentence_with_two_figures_is_not_a_table_row():
    assert not is_figure_row("本年支出合计 612.40 万元 基本支出 288.15 万元")
    assert not is_figure_row("基本支出 288.15，项目支出 324.25")
    assert not is_figure_row("2024 年度 与 2025 年度")
    assert is_figure_row("年度资金总额 0.00 45.00 40.50 10 90.00% 9.00 分")
    assert is_figure_row("2080505 518.69 518.69")
    assert is_figure_row("八、其他收入 八、社会保障和就业支出 2,452.66 1,205.67")


def test_pipe_cells_one_per_line_are_a_table():
    text = "五、“三公”经费支出情况\n合 计 |\n5 |\n3.42 |\n“三公”经费支出决算为3.42万元，与上年持平。\n"
    doc = Document(text)
    assert [(r.first, r.last, r.shape) for r in table_regions(doc)] == [(1, 3, "pipe")]
    assert not check(text).findings


def test_a_table_of_one_wide_row_under_its_unit_line_is_a_table():
    text = (
        "财政拨款“三公”经费支出决算表\n单位：万元\n预算数 决算数 预算数 决算数\n"
        "53.93 37.35 52.40 37.35 25.00 25.00 27.40 12.35 1.53 0\n注：本表反映“三公”经费支出预决算情况。\n"
    )
    assert [(r.first, r.last) for r in table_regions(Document(text))] == [(0, 3)]
    [note] = check(text + PROSE).findings  # its twelve columns cannot be told apart: said, not guessed
    assert note.rule == "table.layout" and note.severity == "info" and "公开09表" in note.message


def test_a_heading_after_a_table_keeps_its_scope():
    text = "合计 612.40 288.15 324.25\n201 一般公共服务支出 150.00 100.00 50.00\n" + PROSE
    doc = Document(text)
    [region] = table_regions(doc)
    assert region.last == 1
    [block] = blocks(doc)
    assert [h.marker for h in block.scope] == ["三、"]


def test_a_real_prose_error_beside_a_spaced_table_is_still_found():
    table = "合计 612.40 288.15 324.25\n201 一般公共服务支出 150.00 100.00 50.00\n注：本表反映部门本年度各项支出情况。\n"
    wrong = PROSE.replace("项目支出 324.25 万元", "项目支出 334.25 万元")
    report = check(table + wrong)
    assert [f.rule for f in report.errors] == ["sum"]
    assert report.errors[0].location.line == 5


def test_a_spaced_table_is_read_where_its_columns_are_certain():
    """Row totals stand first, so the subject-code levels and 合计 are checked; a broken one is found at its cell."""
    from auditor.extract import extract

    [table] = extract(Document(SPACED_03)).tables
    assert table.name == "表03" and table.columns == ("本年支出合计",)
    rows = {r.code or r.label: r.cells["本年支出合计"].text for r in table.rows}
    assert rows == {"合计": "612.40", "201": "507.40", "221": "105.00", "22198": "105.00"}
    assert next(r for r in table.rows if r.code == "22198").label == "超长期特别国债安排的支出"
    broken = SPACED_03.replace("22198 105.00", "22198 115.00")
    errors = check(broken).errors
    assert [(f.rule, f.location.line) for f in errors] == [("table.hierarchy", 7)]
    assert any(r.line == 9 for r in errors[0].related)


def test_a_two_sided_spaced_table_splits_its_rows_by_label():
    text = (
        "收入支出决算总表\n单位：万元\n收入 支出\n项目 决算数 项目 决算数\n"
        "一、一般公共预算财政拨款收入 300.00 一、一般公共服务支出 120.00\n"
        "二、上级补助收入 二、教育支出 80.00\n三、其他收入 三、灾害防治及应急管理支\n100.00\n出\n"
        "本年收入合计 300.00 本年支出合计 300.00\n总计 300.00 总计 300.00\n注：本表反映部门本年度的总收支。\n"
    )
    assert not check(text).errors
    sides = {t.side: t for t in __import__("auditor").extract.extract(Document(text)).tables}
    assert [r.label for r in sides["支出"].rows if r.numbered] == ["一般公共服务支出", "教育支出", "灾害防治及应急管理支出"]
    broken = text.replace("二、教育支出 80.00", "二、教育支出 90.00")
    assert [f.rule for f in check(broken).errors] == ["table.sum"]
