"""Standard-table layouts read by the vocabulary of their headers (issue 20, items 5 and 6).

Each layout once consistent (no finding) and once with one planted inconsistency (the finding
at the right cell): subject codes split into 类 │ 款 │ 项 columns under a header that shares its
line with the 合计 row; a two-row header whose 其中 column is part of its neighbour; space-separated
rows whose empty cells were not printed, placed where the header's words and the row's own
identity make the place certain; 公开06表 and 09表 printed as space-separated rows.
"""

from __future__ import annotations

import auditor
from auditor.document.model import Document
from auditor.extract import extract
from auditor.link import link


def tables(text: str) -> dict:
    return {t.name: t for t in extract(Document(text)).tables}


def errors(text: str) -> list[tuple[str, int, str | None]]:
    return [(f.rule, f.location.line, f.stated) for f in auditor.check(text).errors]


def statuses(text: str) -> dict[str, str]:
    return {v.table.name: v.status for v in link(extract(Document(text))).table_verdicts}


# --- Subject codes split into 类 │ 款 │ 项 ------------------------------------------------------------------

SPLIT = """支出决算表
公开03表
金额单位：万元
项目\t\t\t\t本年支出合计\t基本支出\t项目支出
科目编码\t\t\t科目名称\t\t\t
类\t款\t项\t合计\t1,250.40\t980.10\t270.30
212\t\t\t城乡社区支出\t1,250.40\t980.10\t270.30
212\t01\t\t城乡社区管理事务\t1,250.40\t980.10\t270.30
212\t01\t01\t行政运行\t850.00\t850.00\t
212\t01\t04\t城管执法\t270.30\t\t270.30
212\t01\t99\t其他城乡社区管理事务支出\t130.10\t130.10\t
注：本表反映部门本年度各项支出情况。
"""


def test_split_code_columns_are_read_as_one_code():
    (table,) = tables(SPLIT).values()
    assert [(r.code, r.level) for r in table.rows] == [("", 0), ("212", 1), ("21201", 2), ("2120101", 3), ("2120104", 3), ("2120199", 3)]
    assert table.rows[0].label == "合计" and table.rows[0].cells["本年支出合计"].text == "1,250.40"  # the header shares the 合计 line
    assert table.columns == ("本年支出合计", "基本支出", "项目支出")  # 款 and 项 are code columns, not money
    assert statuses(SPLIT) == {"表03": "confirmed"} and not auditor.check(SPLIT).findings


def test_split_code_columns_with_a_planted_error():
    wrong = SPLIT.replace("212\t01\t01\t行政运行\t850.00\t850.00", "212\t01\t01\t行政运行\t850.00\t860.00")
    assert errors(wrong) == [("table.hierarchy", 8, "980.10"), ("table.sum", 9, "850.00")]


def test_codes_printed_only_at_their_level_take_the_parent_from_the_row_above():
    """``212 │ │`` then ``│ 01 │`` then ``│ │ 01``: the template prints each code part once, under its parent."""
    sparse = SPLIT.replace("212\t01\t\t", "\t01\t\t").replace("212\t01\t01", "\t\t01").replace("212\t01\t04", "\t\t04")
    sparse = sparse.replace("212\t01\t99", "\t\t99")
    (table,) = tables(sparse).values()
    assert [r.code for r in table.rows] == ["", "212", "21201", "2120101", "2120104", "2120199"]
    assert not auditor.check(sparse).findings


def test_split_codes_read_as_class_codes_only_are_a_misreading_not_errors():
    """Code columns merged into the 类 code: every row a 类 row, 合计 against the sum of all rows in every column."""
    merged = SPLIT.replace("类\t款\t项\t", "科目编码\t\t\t")
    merged = "\n".join(line if not line.startswith("212\t") else "212\t\t\t" + line.split("\t", 3)[3] for line in merged.split("\n"))
    report = auditor.check(merged)
    assert not report.errors
    (note,) = [f for f in report.findings if "未能读懂" in f.message]
    assert note.rule == "table.layout" and "公开03表" in note.message


# --- A two-row header whose 其中 column is part of its neighbour -----------------------------------------------

SPANNING = """收入决算表
公开02表
金额单位：万元
科目编码\t科目名称\t本年收入合计\t财政拨款收入\t事业收入\t\t其他收入
\t\t\t\t小计\t其中：教育收费\t
合计\t\t3,000.00\t1,800.00\t1,000.00\t600.00\t200.00
205\t教育支出\t3,000.00\t1,800.00\t1,000.00\t600.00\t200.00
20502\t普通教育\t3,000.00\t1,800.00\t1,000.00\t600.00\t200.00
2050205\t高等教育\t3,000.00\t1,800.00\t1,000.00\t600.00\t200.00
注：本表反映部门本年度取得的各项收入情况。
"""


def test_the_subtotal_beside_a_qizhong_column_is_its_heading():
    """3,000 = 1,800 + 1,000 + 200: 小计 is 事业收入, the 其中 column (600) is part of it and never a summand."""
    (table,) = tables(SPANNING).values()
    assert table.columns == ("本年收入合计", "财政拨款收入", "事业收入", "其中:教育收费", "其他收入")
    assert statuses(SPANNING) == {"表02": "confirmed"} and not auditor.check(SPANNING).findings


def test_a_two_row_header_with_a_planted_error():
    wrong = SPANNING.replace("2050205\t高等教育\t3,000.00\t1,800.00\t1,000.00\t600.00\t200.00",
                             "2050205\t高等教育\t3,000.00\t1,800.00\t1,000.00\t600.00\t300.00")
    assert errors(wrong) == [("table.hierarchy", 8, "200.00"), ("table.sum", 9, "3,000.00")]
    (finding,) = [f for f in auditor.check(wrong).errors if f.rule == "table.sum"]
    assert "事业收入 1,000.00" in finding.message and "600.00" not in finding.message


# --- Space-separated rows, read by the header's words ---------------------------------------------------------

SPACED_03 = """支出决算表
单位：万元
项目
对附属单位补
本年支出合计 基本支出 项目支出 上缴上级支出 经营支出
助支出
科目编码 科目名称
合计 1,250.40 980.10 270.30
212 城乡社区支出 1,250.40 980.10 270.30
21201 城乡社区管理事务 1,250.40 980.10 270.30
2120101 行政运行 850.00 850.00
2120104 城管执法 270.30 270.30
2120199 其他城乡社区管理事务支出 130.10 130.10
注：本表反映部门本年度各项支出情况。
"""


def test_space_separated_rows_place_the_total_and_sum_the_rest():
    """Six columns in the header (one wrapped: 对附属单位补 / 助支出); a row of three figures places its total, and the
    two after it are its parts, whichever columns they stand in: the row's identity holds or not all the same."""
    (table,) = tables(SPACED_03).values()
    assert table.columns == ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
    row = table.find_rows("212")[0]
    assert list(row.cells) == ["本年支出合计"] and [c.text for c in row.unplaced] == ["980.10", "270.30"]
    assert not auditor.check(SPACED_03).errors
    wrong = SPACED_03.replace("21201 城乡社区管理事务 1,250.40 980.10", "21201 城乡社区管理事务 1,250.40 990.10")
    ((rule, line, stated),) = errors(wrong)
    assert (rule, line, stated) == ("table.sum", 10, "1,250.40")
    (finding,) = auditor.check(wrong).errors
    assert "990.10（所在列未定） + 270.30（所在列未定）" in finding.message and {r.line for r in finding.related} == {10}


def test_a_row_printing_every_column_places_each_figure():
    text = SPACED_03.replace("对附属单位补\n", "").replace("上缴上级支出 经营支出\n助支出\n", "\n")
    (table,) = tables(text).values()
    assert table.columns == ("本年支出合计", "基本支出", "项目支出")
    assert table.find_rows("212")[0].cells["基本支出"].text == "980.10"
    assert not table.find_rows("2120104")[0].cells.get("项目支出")  # two figures of three: only the total is certain
    assert not auditor.check(text).errors
    wrong = text.replace("21201 城乡社区管理事务 1,250.40 980.10 270.30", "21201 城乡社区管理事务 1,250.40 980.10 280.30")
    # the row no longer adds up, nor does 212's 项目支出 column (every figure of both rows is placed)
    assert errors(wrong) == [("table.hierarchy", 7, "270.30"), ("table.sum", 8, "1,250.40")]


def test_a_qizhong_column_in_a_spaced_header_leaves_the_rest_of_a_row_unsummed():
    """With a 其中 column among them, the figures after a row's total are not all its parts: no row identity is guessed."""
    text = SPACED_03.replace("基本支出 项目支出", "基本支出 其中：人员经费 项目支出")
    (table,) = tables(text).values()
    assert not table.find_rows("212")[0].unplaced
    assert not auditor.check(text).errors


SPACED_06 = """一般公共预算财政拨款基本支出决算表
单位：万元
经济分类科目编码 科目名称 决算数 经济分类科目编码 科目名称 决算数
301 工资福利支出 900.00 302 商品和服务支出 80.10
30101 基本工资 500.00 30201 办公费 30.10
机关事业单位基本养
30108 400.00 30202 印刷费
老保险缴费
303 对个人和家庭的补助 0.00 30213 维修（护）费 50.00
人员经费合计 900.00 公用经费合计 80.10
注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。
"""


def test_table_06_printed_as_space_separated_segments():
    """Each economic subject opens a segment with its name and its one figure; the code's group says the side."""
    found = tables(SPACED_06)
    assert set(found) == {"表06人员经费", "表06公用经费"}
    personnel = found["表06人员经费"]
    assert [(r.code or r.label, r.cells["决算数"].text) for r in personnel.rows] == [
        ("301", "900.00"), ("30101", "500.00"), ("30108", "400.00"), ("303", "0.00"), ("人员经费合计", "900.00")]
    assert found["表06公用经费"].find_rows("30202")[0].cells["决算数"].empty
    assert set(statuses(SPACED_06).values()) == {"confirmed"} and not auditor.check(SPACED_06).findings
    wrong = SPACED_06.replace("30201 办公费 30.10", "30201 办公费 40.10")
    assert errors(wrong) == [("table.hierarchy", 4, "80.10")]


SPACED_09 = """财政拨款“三公”经费支出决算表
单位：万元
合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费
小计 公务用车购置费 公务用车运行维护费
预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数
12.00 10.00 2.00 2.00 8.00 6.00 3.00 1.00 5.00 5.00 2.00 2.00
注：本表反映部门本年度“三公”经费支出预决算情况。
"""


def test_table_09_as_one_row_of_twelve_figures():
    assert set(tables(SPACED_09)) == {"表09预算数", "表09决算数"}
    assert set(statuses(SPACED_09).values()) == {"confirmed"} and not auditor.check(SPACED_09).findings


def test_table_09_with_a_planted_error():
    """决算数 小计 7.00 against 1.00 + 5.00, and so 合计 10.00 against 2.00 + 7.00 + 2.00: both of the side's identities fail
    and nothing else restates it, so its reading is not confirmed: warnings that say so (tests/test_verdicts.py)."""
    wrong = SPACED_09.replace("8.00 6.00 3.00 1.00", "8.00 7.00 3.00 1.00")
    report = auditor.check(wrong)
    assert not report.errors
    assert sorted((f.rule, f.location.line, f.stated) for f in report.warnings) == [("table.sum", 6, "10.00"), ("table.sum", 6, "7.00")]
    with_prose = wrong + ("九、“三公”经费支出情况说明\n1.因公出国（境）费支出决算为2.00万元。\n2.公务用车运行维护费支出决算为5.00万元。\n"
                          "3.公务接待费支出决算为2.00万元。\n")
    assert sorted((f.rule, f.stated) for f in auditor.check(with_prose).errors) == [("table.sum", "10.00"), ("table.sum", "7.00")]


def test_table_09_with_empty_cells_dropped_is_not_guessed():
    text = SPACED_09.replace("3.00 1.00 5.00 5.00", "3.00 5.00 5.00")
    assert not tables(text) and not auditor.check(text).errors


def test_a_lone_row_of_a_code_a_name_and_figures_is_never_prose():
    """Between two paragraphs, ``2013899 其他市场监督管理事务 4.19 4.19`` is a table row: no figure of it without a unit."""
    text = "一、收入支出决算总体情况说明\n本年收入合计 4.19 万元。\n2013899 其他市场监督管理事务 4.19 4.19\n本年支出合计 4.19 万元。\n"
    report = auditor.check(text)
    assert not [f for f in report.findings if f.rule == "unit"]
    from auditor.document.regions import table_regions

    assert [(r.first, r.last) for r in table_regions(Document(text))] == [(2, 2)]
