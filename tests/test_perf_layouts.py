"""Performance tables in layouts other than the corpus's three, read by their header vocabulary (issue examples)."""

from __future__ import annotations

import auditor
from auditor.document.model import Document
from auditor.perf.reader import read_perf_tables

TAB = "\t"


def one_cell_per_line(rows: list[list[str]]) -> str:
    """Each cell on a line of its own behind a leading TAB, a blank line between rows."""
    return "\n".join(line for row in rows for line in [*(TAB + cell for cell in row), ""])


RIVER = [
    ["项目名称"], ["51090023T000000112233-河道巡查服务"],
    ["预算执行情况（10分）", "年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"],
    [" ", "总额", "30.00", "36.50", "33.20", "90.96%", "10", "9.09", " "],
    ["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"],
    [" ", "产出指标", "数量指标", "巡查河段数量", "≥", "12", "段", "5段", "10", "10", " "],
    [" ", "产出指标", "质量指标", "巡查记录完整率", "≥", "95", "%", "98%", "20", "20", " "],
    [" ", "产出指标", "时效指标", "问题整改及时率", "≥", "90", "%", "92%", "20", "20", " "],
    [" ", "效益指标", "社会效益指标", "河道环境改善", "定性", "好", "", "好", "20", "20", " "],
    [" ", "满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "93%", "20", "20", " "],
    ["合计", "100", "98.1"],
    ["评价结论", "该项目全年预算36.5万元，实际支出33.2万元，自评得分99.09分，评价等级为优。"],
]


def findings(text: str) -> list[tuple[str, str, str]]:
    return [(f.rule, f.severity, f.stated or "") for f in auditor.check(text).findings]


def test_one_cell_per_line_behind_a_tab_is_read_by_its_headers():
    text = one_cell_per_line(RIVER)
    [table] = read_perf_tables(Document(text))
    assert table.project == "河道巡查服务"
    assert [f.text for f in (table.initial_budget, table.budget, table.executed, table.rate, table.exec_weight, table.exec_score)] == [
        "30.00", "36.50", "33.20", "90.96", "10", "9.09"]
    assert [(i.name, i.operator, i.target.text if i.target else None, i.actual_text, i.weight.text) for i in table.indicators][:2] == [
        ("巡查河段数量", "≥", "12", "5段", "10"), ("巡查记录完整率", "≥", "95", "98%", "20")]
    assert table.total.text == "98.1" and table.restated_total.text == "99.09"


def test_the_issue_example_one_cell_per_line_gives_its_four_findings():
    found = findings(one_cell_per_line(RIVER))
    assert ("perf.exec-score", "warning", "9.09") in found  # 10 × 90.96% = 9.096: printed truncated
    assert ("perf.indicator", "error", "5段") in found  # 5 of ≥ 12: a 58 % miss with full marks
    assert ("perf.total", "error", "98.1") in found  # 90 + 9.09 = 99.09
    assert ("perf.total", "error", "99.09分") in found  # the 评价结论 restates 99.09
    assert len(found) == 4


def test_the_same_table_held_consistent_gives_nothing():
    rows = [list(r) for r in RIVER]
    rows[3][7] = "9.10"
    rows[5][7] = "12段"
    rows[10][2] = "99.1"
    rows[11][1] = rows[11][1].replace("99.09", "99.1")
    assert findings(one_cell_per_line(rows)) == []


def spaced_project(name: str, indicators: list[str], total: str, spent: str = "40.50", rate: str = "90.00%", score: str = "9.00") -> list[str]:
    return [" 项 目 支 出 绩 效 自 评 表", "(2021 年度)", f"项目名称 {name}", "全年预算数 全年执行数 分值 执行率 得分",
            f"年度资金总额 0.00 45.00 {spent} 10 {rate} {score} 分", *indicators, f"总分 100 {total} 分", "— 3 —"]


SPACED = [
    "第三部分 情况说明", "一、收入支出决算总体情况说明", "本年支出合计 121.50 万元，其中：项目支出 121.50 万元。标识牌更新项目支出 40.50 万元。",
    *spaced_project("标识牌更新项目", ["标识牌", "更新数量", ">=30 块 24 块 10 10", "设施完好率 >=95% 98% 40 40", "群众满意度 >=90% 95% 40 40"], "99.00"),
    *spaced_project("河道保洁项目", ["保洁面积 >=12 万平方米 12.5 万平方米 30 30", "保洁质量达标率 >=95% 96% 30 30", "群众满意度 >=90% 92% 30 30"], "99.00"),
    *spaced_project("水质监测项目", ["水质采样次数 >=48 次 52 次 30 30", "数据上报及时率 >=95% 100% 30 30", "群众满意度 >=90% 93% 30 30"], "99.00"),
    "第四部分 名词解释", "一、财政拨款收入：指本年度从本级财政部门取得的财政拨款。",
]


def test_space_separated_tables_under_a_letter_spaced_recurring_title():
    text = "\n".join(SPACED) + "\n"
    tables = read_perf_tables(Document(text))
    assert [t.project for t in tables] == ["标识牌更新项目", "河道保洁项目", "水质监测项目"]
    assert [i.name for i in tables[0].indicators] == ["标识牌更新数量", "设施完好率", "群众满意度"]
    assert all(t.budget.text == "45.00" and t.executed.text == "40.50" and t.exec_score.text == "9.00" for t in tables)
    report = auditor.check(text)
    assert [(f.rule, f.severity, f.location.line) for f in report.errors + report.warnings] == [("perf.indicator", "error", 11)]
    assert not [f for f in report.findings if f.rule in ("unit", "xref", "part-whole", "sum")]


def test_a_broken_total_in_the_spaced_layout_is_found():
    text = "\n".join(SPACED).replace("总分 100 99.00 分", "总分 100 98.00 分", 1) + "\n"
    assert ("perf.total", "error", 14) in [(f.rule, f.severity, f.location.line) for f in auditor.check(text).findings]


def test_a_title_recurring_once_per_table_is_not_a_watermark():
    from auditor.document.layout import classify_lines

    kinds = {line.index: line.kind for line in classify_lines(Document("\n".join(SPACED)))}
    titles = [i for i, line in enumerate(SPACED) if "绩 效 自 评 表" in line]
    assert len(titles) == 3 and all(kinds[i] != "noise" for i in titles)


NARRATIVE = spaced_project("水质监测项目", [
    "截止 2021 年 12 月 31 日，完成了水质采样 48 次；数据上报及时率 95%；群众满意度 93%。",
    "水质采样次数 >=48 次 52 次 40 40", "数据上报及时率 >=95% 100% 20 20", "群众满意度 >=90% 93% 30 30"], "99.00")


def test_the_narrative_is_held_against_the_indicator_rows():
    text = "\n".join(NARRATIVE) + "\n"
    errors = [f for f in auditor.check(text).errors if f.rule == "perf.narrative"]
    assert [(f.stated, f.expected) for f in errors] == [("48次", "52次"), ("95%", "100%")]
    assert all("照抄了目标" in f.message for f in errors)
    fixed = text.replace("水质采样 48 次", "水质采样 52 次").replace("及时率 95%；", "及时率 100%；")
    assert not [f for f in auditor.check(fixed).findings if f.rule == "perf.narrative"]


def test_a_pipe_separated_total_is_a_table_not_prose():
    text = "五、“三公”经费支出情况\n合 计 |\n5 |\n3.42 |\n“三公”经费支出决算为3.42万元。\n"
    assert auditor.check(text).findings == ()
