"""The one-cell-per-line 项目支出绩效自评表 reader on the six tables of qinhuangdao-emergency-center.

Every expected value below was read by hand from the corpus text (line numbers are
1-based, as in an editor).
"""

from decimal import Decimal
from pathlib import Path

import pytest

from auditor.document.model import Document
from auditor.perf.reader import read_region as parse_cells

EMERGENCY = Path(__file__).parent / "fixtures" / "corpus" / "qinhuangdao-emergency-center-2023.txt"  # a copy of ../shared/corpus
TITLES = (477, 822, 1133, 1377, 1575, 1917)  # 1-based lines of "2023 年度市级项目支出绩效自评表"


@pytest.fixture(scope="module")
def document():
    return Document(EMERGENCY.read_text(encoding="utf-8"), path=str(EMERGENCY))


def _region(document, title):
    """0-based [first, last) of the table titled on 1-based line ``title``; the last one runs to the end of the file."""
    k = TITLES.index(title)
    return title - 1, TITLES[k + 1] - 1 if k + 1 < len(TITLES) else len(document.lines)


@pytest.fixture(scope="module")
def tables(document):
    return {title: parse_cells(document, *_region(document, title)) for title in TITLES}


def _text(f):
    return None if f is None else f.quantity.text


# title: name, budget, arrived, executed, rate, exec weight, exec score, total, indicators, Σ weights, Σ indicator scores
EXPECTED = {
    477: ("移动源污染编外聘用人员", "120.000000", "120.000000", "113.123041", "94.27", "10", "9.42692", "99.43", 7, 90, 90),
    822: ("移动源污染综合服务项目", "90.000000", "90.000000", "44.093000", "48.99", "10", "4.899222", "94.9", 6, 90, 90),
    1133: ("环境应急与重污染天气预警工作经费", "70.000000", "70.000000", "35.153137", "50.22", "10", "5.021877", "95.02", 6, 90, 90),
    # The name's last line "发项目经费" is printed after 项目级次, on line 1402 with the 实施主管单位's last line;
    # the reader stops the name at 项目级次 and does not guess which displaced fragment belongs to it.
    1377: ("上年结转-2022年R&D经费投入强度增长奖励资金-科技研", "5.000000", "5.000000", "5.000000", "100", "10", "10", "91", 6, 90, 81),
    1575: ("秦皇岛市生态环境局智慧政务办公系统建设及网络安全改造项目", "107.910000", "107.910000", "81.090000", "75.15", "10", "7.514595", "91.01",
           8, 90, Decimal("83.5")),
    1917: ("应急中心机房设备托管上云及网络安全服务项目", "100.000000", "100.000000", "100.000000", "100", "10", "10", "100", 6, 90, 90),
}


@pytest.mark.parametrize("title", TITLES)
def test_table_fields(tables, title):
    t = tables[title]
    name, budget, arrived, executed, rate, weight, score, total, count, weights, scores = EXPECTED[title]
    assert t.layout == "wrapped"
    assert t.name.text == name
    assert (_text(t.budget), _text(t.arrived), _text(t.executed), _text(t.rate)) == (budget, arrived, executed, rate)
    assert (_text(t.exec_weight), _text(t.exec_score), _text(t.total)) == (weight, score, total)
    assert (t.grade, t.balance, t.initial_budget) == (None, None, None)
    assert len(t.indicators) == count
    assert sum(i.weight.quantity.value for i in t.indicators) == weights
    assert sum(i.score.quantity.value for i in t.indicators) == scores


@pytest.mark.parametrize("title", TITLES)
def test_units_and_exactness(tables, title):
    t = tables[title]
    assert {t.budget.quantity.unit, t.arrived.quantity.unit, t.executed.quantity.unit} == {"万元"}
    assert (t.rate.quantity.unit, t.exec_weight.quantity.unit, t.exec_score.quantity.unit, t.total.quantity.unit) == ("%", "分", "分", "分")
    assert t.exec_weight.quantity.exact and not t.exec_score.quantity.exact and not t.total.quantity.exact
    assert not any(f.quantity.exact for f in (t.budget, t.arrived, t.executed, t.rate))
    assert all(i.weight.quantity.exact and i.score.quantity.exact for i in t.indicators)
    assert all((i.weight.quantity.unit, i.score.quantity.unit) == ("分", "分") for i in t.indicators)


@pytest.mark.parametrize("title", TITLES)
def test_total_is_indicator_scores_plus_execution_score(tables, title):
    """All six tables add up: Σ 得分 + 预算执行率得分 lies within the rounding of the printed 自评总分."""
    t = tables[title]
    computed = sum(i.score.quantity.value for i in t.indicators) + t.exec_score.quantity.value
    assert t.total.quantity.interval().contains(computed), (computed, t.total.text)


@pytest.mark.parametrize("title", TITLES)
def test_execution_score_is_weight_times_executed_over_budget(tables, title):
    t = tables[title]
    assert round(t.exec_weight.quantity.value * t.executed.quantity.value / t.budget.quantity.value, 6) == t.exec_score.quantity.value


def _figures(t):
    yield from (t.budget, t.arrived, t.executed, t.rate, t.exec_weight, t.exec_score, t.total)
    for i in t.indicators:
        yield from (f for f in (i.weight, i.target, i.actual, i.score) if f is not None)


@pytest.mark.parametrize("title", TITLES)
def test_figure_spans_cover_the_printed_digits(document, tables, title):
    """Each span runs from the first to past the last digit; a number broken over lines spans the breaks between."""
    for f in _figures(tables[title]):
        printed = document.text[f.start : f.end]
        assert printed[0].isdigit() and printed[-1].isdigit(), printed
        assert "".join(printed.split()) == f.text


def test_numbers_broken_across_lines(document, tables):
    t = tables[477]
    assert document.text[t.budget.start : t.budget.end] == "120.00000\n\n0"
    assert document.position(t.budget.start) == (521, 5) and document.position(t.budget.end - 1) == (523, 1)
    assert document.text[t.exec_score.start : t.exec_score.end] == "9.4269\n\n2"
    assert (t.indicators[0].weight.text, t.indicators[0].weight.quantity.places) == ("15.00", 2)
    assert document.text[tables[822].exec_score.start : tables[822].exec_score.end] == "4.8\n\n992\n\n22"
    assert document.text[tables[1133].exec_score.start : tables[1133].exec_score.end] == "5.02187\n7"
    cost = tables[1575].indicators[5]
    assert (cost.target.text, cost.target.quantity.unit, cost.target_text) == ("107.91", "万元", "≤ 107.91万元")
    cost = tables[1917].indicators[3]
    assert (cost.target.text, cost.actual.text, cost.actual.quantity.unit) == ("100", "100", "万元")


def test_actual_one_against_a_percent_target_keeps_its_own_unit(document, tables):
    """Line 1278: ``15.00= 100 % 1 完成 15`` — the actual 1 is not read as 1 %."""
    row = tables[1133].indicators[1]
    assert document.position(row.weight.start)[0] == 1278
    assert (row.level1, row.level2, row.operator, row.status) == ("产出指标", "质量指标", "=", "完成")
    assert (row.target.quantity.value, row.target.quantity.unit, row.target_text) == (100, "%", "= 100 %")
    assert (row.actual.quantity.value, row.actual.quantity.unit, row.actual_text) == (1, "", "1")
    # the same habit in the last table, line 2066: ≥ 95 % against an actual 1
    row = tables[1917].indicators[1]
    assert (row.operator, row.target.text, row.target.quantity.unit, row.actual.text, row.actual.quantity.unit) == ("≥", "95", "%", "1", "")


def test_indicator_rows(document, tables):
    first = tables[477].indicators[0]
    assert (first.level1, first.level2, first.name) == ("产出指标", "数量指标", "劳务派遣人员")
    assert (first.weight.text, first.operator, first.target.text, first.target.quantity.unit, first.actual.text, first.score.text) == (
        "15.00", "=", "20", "人", "20", "15")
    assert document.text[first.start : first.start + 3] == "产出指" and document.text[first.end - 2 : first.end] == "15"
    assert document.position(first.end - 1)[0] == 629

    qualitative = tables[477].indicators[4]  # 效益指 / 标, 生态效益 / 指标, 改善空 / 气质量, 文字 / 描述
    assert (qualitative.level1, qualitative.level2, qualitative.name) == ("效益指标", "生态效益指标", "改善空气质量")
    assert (qualitative.operator, qualitative.target, qualitative.target_text, qualitative.actual, qualitative.actual_text) == (
        None, None, "有所改善", None, "有所改善")

    inherited = tables[477].indicators[5]
    assert (inherited.level1, inherited.level2, inherited.name) == ("效益指标", "社会效益指标", "有效加强监管力度")

    text_actual = tables[1133].indicators[0]  # "每季度督查 2 个分局 15.00≥ 2 个 每季督查 9" + "个分局"
    assert (text_actual.name, text_actual.target.text, text_actual.target.quantity.unit) == ("每月排查较大以上环境风险企业数量", "2", "个")
    assert (text_actual.actual, text_actual.actual_text) == (None, "每季督查 9个分局")

    money = tables[822].indicators[3]  # "10.00 ≤ 90 万元 44.093万" + "元"
    assert (money.actual.text, money.actual.quantity.unit, money.target.quantity.unit) == ("44.093", "万元", "万元")

    missed = tables[1377].indicators
    assert [(i.name, i.status, i.score.text) for i in missed if i.status != "完成"] == [("软件著作权", "未完成", "6"), ("项目结题", "未完成", "5")]
    assert (missed[4].actual.text, missed[4].actual.quantity.unit) == ("5", "万")  # printed "5 万" against "≤ 5 万元"
    assert (missed[3].target_text, missed[3].actual_text) == ("到 2024年底完成", "到 2024年底完成")

    five = tables[1575].indicators
    assert [i.name for i in five] == ["增加软件数量", "漏洞扫描服务次数", "办公系统平台正常运行率", "安全设备正常运行率", "项目完成及时率",
                                      "项目成本控制", "提升办公效率", "项目单位满意度"]
    assert (five[1].score.text, five[1].actual.text, five[1].actual.quantity.unit) == ("2.5", "1", "")
    assert (five[6].target_text, five[6].actual_text) == ("有效降低管理成本", "有效降低管理成本")

    after_footer = tables[1917].indicators[5]  # "— 36 —" and the stray "信息化" / "能力" come before this row
    assert (after_footer.level1, after_footer.level2, after_footer.name) == ("满意度指标", "服务对象满意度指标", "项目单位工作人员满意度")
    assert document.position(after_footer.start)[0] == 2130


def test_problems(document, tables):
    assert tables[477].problems == ()  # the section is empty; the next title follows
    assert [p.text for p in tables[822].problems] == ["财政拨款 45 万元，当年预算执行 44.093 万元。"]
    (problem,) = tables[1133].problems
    assert "36 万元" in problem.text and document.position(problem.start) == (1375, 1)
    assert [document.position(p.start)[0] for p in tables[1575].problems] == [1908, 1915]  # interleaved with 问题原 / 因及整 / 改措施
    assert tables[1575].problems[0].text.startswith("涉密项目，2023 年 10 月签订合同")
    assert tables[1917].problems == ()  # stops at （三）部门评价项目绩效评价结果
    for t in tables.values():
        for p in t.problems:
            assert document.text[p.start : p.end] == p.text


def test_names_point_at_their_first_character(document, tables):
    for t in tables.values():
        assert document.text[t.name.start] == t.name.text[0]
        assert t.start == document.line_start(TITLES[list(tables.values()).index(t)] - 1)


def test_first_twenty_lines_give_only_the_name(document, tables):
    first = TITLES[0] - 1
    t = parse_cells(document, first, first + 20)
    assert t.name.text == "移动源污染编外聘用人员"
    assert (t.budget, t.executed, t.rate, t.exec_score, t.total, t.indicators, t.problems) == (None, None, None, None, None, (), ())


def test_a_region_cut_inside_a_broken_number_leaves_that_number_out(document):
    """Line 804 "10 9.4269" continues on line 806 "2": a region ending at 804 must not read 9.4269."""
    t = parse_cells(document, TITLES[0] - 1, 805)
    assert (t.exec_weight, t.exec_score) == (None, None)
    assert parse_cells(document, TITLES[0] - 1, 521).budget is None  # "预算数 120.00000" without its "0"


def _key(f):
    return None if f is None else (f.text, f.quantity.unit, f.start, f.end)


@pytest.mark.parametrize("title", TITLES)
def test_any_truncated_region_gives_fewer_fields_never_other_ones(document, tables, title):
    first, last = _region(document, title)
    full = tables[title]
    by_start = {i.start: i for i in full.indicators}
    for cut in range(first, last):
        t = parse_cells(document, first, cut)
        if t is None:
            continue
        for field in ("budget", "arrived", "executed", "rate", "exec_weight", "exec_score", "total"):
            assert getattr(t, field) is None or _key(getattr(t, field)) == _key(getattr(full, field)), (cut, field)
        assert t.name is None or t.name.text == full.name.text
        for i in t.indicators:
            j = by_start[i.start]
            assert (i.name, _key(i.weight), _key(i.target), _key(i.actual), i.actual_text, _key(i.score)) == (
                j.name, _key(j.weight), _key(j.target), _key(j.actual), j.actual_text, _key(j.score)), cut


@pytest.mark.parametrize(("first", "last"), [(0, 0), (5, 3), (476, 477), (2300, 9999), (800, 830), (1000, 1010)])
def test_odd_regions_never_raise(document, first, last):
    t = parse_cells(document, first, last)
    assert t is None or t.layout in ("wrapped", "spaces")
