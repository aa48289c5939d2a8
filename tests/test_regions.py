"""Table regions found by shape: a table row never reaches the prose rules, whatever separates its cells."""

from __future__ import annotations

import pytest

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
    assert table.name == "表03" and table.columns == ("本年支出合计", "基本支出", "项目支出")  # the header's words of the template
    assert table.find_rows("201")[0].cells["项目支出"].text == "219.25"  # a row printing every cell places each
    rows = {r.code or r.label: r.cells["本年支出合计"].text for r in table.rows}
    assert rows == {"合计": "612.40", "201": "507.40", "221": "105.00", "22198": "105.00"}
    assert next(r for r in table.rows if r.code == "22198").label == "超长期特别国债安排的支出"
    broken = SPACED_03.replace("22198 105.00", "22198 115.00")
    errors = check(broken).errors
    # the class no longer adds up, and the row no longer adds up (its three figures printed, each in its column)
    assert [(f.rule, f.location.line) for f in errors] == [("table.hierarchy", 7), ("table.sum", 9)]
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


# --- Page breaks, repeated headers, letter-spacing, wrapped titles and rows (issue 20, items 3 and 8) ---------------

TAB_03 = (
    "支出决算表\n公开03表\n金额单位：万元\n"
    "项目\t\t本年支出合计\t基本支出\t项目支出\n功能分类科目编码\t科目名称\t\t\t\n栏次\t\t1\t2\t3\n"
    "合计\t\t1,250.40\t980.10\t270.30\n"
    "201\t一般公共服务支出\t1,000.40\t850.00\t150.40\n"
    "20103\t政府办公厅（室）及相关机构事务\t1,000.40\t850.00\t150.40\n"
    "2010301\t行政运行\t850.00\t850.00\t\n"
    "{break}"
    "2010302\t一般行政管理事务\t150.40\t\t150.40\n"
    "212\t城乡社区支出\t250.00\t130.10\t119.90\n"
    "21201\t城乡社区管理事务\t250.00\t130.10\t119.90\n"
    "2120101\t行政运行\t130.10\t130.10\t\n"
    "2120104\t城管执法\t119.90\t\t119.90\n"
    "注：本表反映部门本年度各项支出情况。\n"
)
#: What stands between two rows of one table where a page ends: footers and watermarks a reader may never have seen
#: (drawn from outside its vocabulary: the recurring line is found because it recurs).
PAGE_BREAKS = {
    "footer and a known watermark": "\n— 7 —\n\n仅供内部审核\n\n",
    "page x of y": "第 3 页 共 20 页\n",
    "an unknown watermark that recurs": "\n机密文件请勿外传\n\n",
    "the header again": "\n— 8 —\n\n项目\t\t本年支出合计\t基本支出\t项目支出\n功能分类科目编码\t科目名称\t\t\t\n",
}


def _with_recurring(text: str, line: str) -> str:
    """The watermark stands on other pages too (three times in all), as a watermark does."""
    return f"{line}\n{text}\n{line}\n" if line.strip() == "机密文件请勿外传" else text


@pytest.mark.parametrize("name", sorted(PAGE_BREAKS))
def test_a_tab_table_goes_on_after_a_page_break(name):
    page_break = PAGE_BREAKS[name]
    text = _with_recurring(TAB_03.format(**{"break": page_break}), "机密文件请勿外传" if "unknown" in name else "")
    from auditor.extract import extract

    (table,) = extract(Document(text)).tables
    assert [r.code or r.label for r in table.rows] == ["合计", "201", "20103", "2010301", "2010302", "212", "21201", "2120101", "2120104"]
    report = check(text)
    assert not report.errors and not [f for f in report.findings if f.rule == "table.layout"], report.findings
    wrong = text.replace("2010302\t一般行政管理事务\t150.40\t\t150.40", "2010302\t一般行政管理事务\t160.40\t\t160.40")
    assert {f.rule for f in check(wrong).errors} == {"table.hierarchy"}


SPACED_BREAK = (
    "支出决算表\n单位：万元\n项目 本年支出合计 基本支出 项目支出\n科目编码 科目名称\n"
    "合计 1,250.40 980.10 270.30\n201 一般公共服务支出 1,000.40 850.00 150.40\n"
    "20103 政府办公厅（室）及相关机构事务 1,000.40 850.00 150.40\n2010301 行政运行 850.00 850.00\n"
    "\n— 7 —\n\n"
    "2010302 一般行政管理事务 150.40 150.40\n212 城乡社区支出 250.00 130.10 119.90\n"
    "21201 城乡社区管理事务 250.00 130.10 119.90\n2120101 行政运行 130.10 130.10\n2120104 城管执法 119.90 119.90\n"
    "注：本表反映部门本年度各项支出情况。\n"
)


def test_a_space_separated_table_goes_on_after_a_blank_line_a_footer_and_a_blank_line():
    """Between two rows of one 类 (2010301 and 2010302 of 20103): the rows after the break are the table's, never prose."""
    doc = Document(SPACED_BREAK + PROSE.replace("612.40", "1250.40").replace("288.15", "980.10").replace("324.25", "270.30"))
    [region] = table_regions(doc)
    assert (region.first, region.last) == (0, 15)
    assert "150.40" not in _prose_text(doc.text)
    report = check(doc)
    assert not report.errors and not report.warnings, report.findings
    wrong = doc.text.replace("2010302 一般行政管理事务 150.40", "2010302 一般行政管理事务 160.40")
    # 20103 no longer adds up, and the row's total no longer equals the figure printed after it
    assert [(f.rule, f.location.line) for f in check(wrong).errors] == [("table.hierarchy", 7), ("table.sum", 12)]


LETTER_SPACED_01 = (
    "收 入 支 出 决 算 总 表\n单 位 ： 万 元\n收 入   支 出\n项 目   决 算 数   项 目   决 算 数\n"
    "一、一般公共预算财政拨款收入 300.00 一、一般公共服务支出 120.00\n"
    "二 、 上 级 补 助 收 入   二 、 外 交 支 出\n三、其他收入 三、教育支出 180.00\n"
    "本年收入合计 300.00 本年支出合计 300.00\n使 用 非 财 政 拨 款 结 余   结 余 分 配\n总计 300.00 总计 300.00\n"
    "注：本表反映部门本年度的总收支。\n"
)


def test_a_letter_spaced_title_and_label_rows_stay_in_their_table():
    """Rows after a letter-spaced title and among letter-spaced label rows are the table's: no figure of them is prose
    (read as prose, each would be a figure whose unit is missing)."""
    doc = Document(LETTER_SPACED_01)
    [region] = table_regions(doc)
    assert (region.first, region.last) == (0, 9)  # up to its note
    assert _prose_text(doc.text) == "注:本表反映部门本年度的总收支。"
    assert not check(doc).errors
    from auditor.extract import extract

    sides = {t.side: t for t in extract(doc).tables}
    assert [r.label for r in sides["支出"].rows if r.numbered] == ["一般公共服务支出", "外交支出", "教育支出"]
    assert [r.label for r in sides["收入"].rows if r.numbered] == ["一般公共预算财政拨款收入", "上级补助收入", "其他收入"]
    assert {f.rule for f in check(LETTER_SPACED_01.replace("三、教育支出 180.00", "三、教育支出 190.00")).errors} == {"table.sum"}


def test_a_letter_spaced_heading_scopes_what_follows():
    """``九 、 预 算 绩 效 情 况 说 明`` is 九、: the 其中 under it is not a part of the figure before the heading."""
    text = ("八、国有资产占用情况说明\n单位价值 100 万元（含）以上设备（不含车辆）1 台（套）。\n\n"
            "九 、 预 算 绩 效 情 况 说 明\n\n（ 一 ） 预 算 绩 效 管 理 工 作 开 展 情 况\n"
            "本单位组织对项目支出全面开展绩效自评，其中，一级项目 6 个，共涉及资金 492.91 万元。\n")
    blocks_ = blocks(Document(text))
    assert [tuple(h.label for h in b.scope) for b in blocks_][-1] == ("九、预算绩效情况说明", "(一)预算绩效管理工作开展情况")
    assert not check(text).errors


def test_a_title_wrapped_at_the_column_ends_with_its_last_words():
    """A text cut every 17 characters breaks a heading too: ``（一）一般公共预算财政拨款支出决算`` + ``总体情况``. The
    heading's title ends there; the sentence after it is not about 总体情况一般公共预算…."""
    prose = ("第三部分 情况说明\n" + "本年度本单位严格执行预算，收支总体平稳，各项工作有序开展，未发生超预算支出情况。\n" * 30
             + "（一）一般公共预算财政拨款支出决算总体情况\n一般公共预算财政拨款支出 20218.21 万元，比上年减少 929.49 万元，下降 4.35%。\n")
    wrapped = "\n".join(line[i:i + 17] for line in prose.split("\n") for i in range(0, max(len(line), 1), 17))
    errors = check(wrapped).errors
    assert [(f.rule, f.message.split(" ")[0]) for f in errors] == [("growth", "一般公共预算财政拨款支出")]
    assert blocks(Document(wrapped))[-1].scope[-1].title == "一般公共预算财政拨款支出决算总体情况"


def test_a_space_separated_row_broken_across_two_lines_is_put_back():
    """A row broken inside a figure (``1`` / ``05.00``, ``105`` / ``.00``) or after its ordinal (``三`` / ``、国防支出``,
    ``三、`` / ``国防支出``) is one row again: the figure is 105.00, not 1 and a stray 05.00."""
    from auditor.extract import extract

    text = (
        "收入支出决算总表\n单位：万元\n收入 支出\n项目 决算数 项目 决算数\n"
        "一、一般公共预算财政拨款收入 195.00 一、一般公共服务支出 300.00\n二、政府性基金预算财政拨款收入 1\n05.00 二、外交支出\n"
        "三、国有资本经营预算财政拨款收入 三\n、国防支出\n四、上级补助收入 四、\n公共安全支出\n"
        "本年收入合计 300.00 本年支出合计 300.00\n总计 300.00 总计 300.00\n注：本表反映部门本年度的总收支。\n"
    )
    sides = {t.side: t for t in extract(Document(text)).tables}
    income = {r.label: r.cells["决算数"].text for r in sides["收入"].rows}
    assert income["政府性基金预算财政拨款收入"] == "105.00"
    assert [r.label for r in sides["支出"].rows if r.numbered] == ["一般公共服务支出", "外交支出", "国防支出", "公共安全支出"]
    assert not check(text).errors


def test_two_labels_without_figures_on_one_spaced_row_are_one_each_side():
    """``使用非财政拨款结余 结余分配``: a label that ends as an income line does is whole; the next word is the other side's."""
    from auditor.extract import extract

    text = (
        "收入支出决算总表\n单位：万元\n收入 支出\n项目 决算数 项目 决算数\n"
        "一、一般公共预算财政拨款收入 300.00 一、一般公共服务支出 300.00\n"
        "本年收入合计 300.00 本年支出合计 300.00\n使用非财政拨款结余 结余分配\n年初结转和结余 年末结转和结余\n"
        "总计 300.00 总计 300.00\n注：本表反映部门本年度的总收支。\n"
    )
    sides = {t.side: [r.label for r in t.rows] for t in extract(Document(text)).tables}
    assert sides["收入"] == ["一般公共预算财政拨款收入", "本年收入合计", "使用非财政拨款结余", "年初结转和结余", "总计"]
    assert sides["支出"] == ["一般公共服务支出", "本年支出合计", "结余分配", "年末结转和结余", "总计"]
    report = check(text)
    assert not report.errors and not [f for f in report.findings if "没有「使用非财政拨款结余」行" in f.message]


def test_a_wrapped_prose_line_that_opens_with_digits_is_not_a_subject_row():
    """A hard wrap inside a year (``本部门2`` / `` 023 年度…决算 1``) leaves a line shaped like code, name, figure; no
    subject code opens with 0, so the line stays in its sentence, and the amount it starts (1 / 6.38) is read whole."""
    text = (
        "2.公务用车购置及运行维护费支出情况。本部门2\n"
        " 023 年度公务用车购置及运行维护费支出决算 1\n"
        " 6.38 万元，较上年增加 2.94 万元，增长 2\n"
        " 1.9%。\n"
    )
    assert not table_regions(Document(text))
    assert "支出决算 16.38 万元" in _prose_text(text)
    assert not check(text).errors
    broken = text.replace("增长 2\n 1.9%", "增长 2\n 5.9%")  # 2.94 ÷ (16.38 − 2.94) = 21.9 %, not 25.9 %
    [error] = check(broken).errors
    assert error.rule == "growth" and error.location.line == 3
