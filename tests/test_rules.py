"""Each rule with a consistent and an inconsistent example, modelled on the corpus."""

import pytest

import auditor
from auditor import catalogue
from auditor.rules import all_rules, selected_rules


def findings(text: str, rule: str):
    return auditor.check(text, select=[rule]).findings


def line_col(text: str, needle: str) -> tuple[int, int]:
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


# --- sum -----------------------------------------------------------------------------------

EXPENDITURE = "本单位2023年度本年支出合计774.37万元，其中：基本支出395.91万元，占51.1%；项目支出{p}万元，占48.9%；上缴上级支出0.00万元，占0.0%。"


def test_sum_consistent_within_rounding_of_each_part():
    assert findings("2023 年度财政拨款基本支出 395.91 万元，其中：\n人员经费 373.11 万元，主要包括:基本工资；\n公用经费 22.79 万元。", "sum") == ()


def test_sum_error_when_parts_fall_short_of_a_complete_list():
    text = EXPENDITURE.format(p="368.46")
    (f,) = findings(text, "sum")
    assert f.severity == "error" and f.location.line == 1
    assert f.location.column == line_col(text, "774.37")[1]
    assert len(f.related) == 3 and "764.37" in f.message


def test_sum_ignores_shortfall_of_a_main_items_list():
    text = "2023 年度财政拨款支出合计 774.37 万元，主要用于以下方面：科学技术（类）支出 5.00 万元，占 0.6%；节能环保（类）支出 671.64 万元，占 86.7%。"
    assert findings(text, "sum") == ()


def test_sum_error_when_parts_exceed_even_a_main_items_list():
    text = "2023 年度财政拨款支出合计 674.37 万元，主要用于以下方面：科学技术（类）支出 5.00 万元；节能环保（类）支出 671.64 万元。"
    (f,) = findings(text, "sum")
    assert "大于合计" in f.message


def test_sum_of_counts_is_exact():
    ok = "共有车辆94辆。其中：机要通信用车3辆、应急保障用车1辆、执法执勤用车21辆、特种专业技术用车23辆，其他用车46辆。"
    assert findings(ok, "sum") == ()
    (f,) = findings(ok.replace("其他用车46辆", "其他用车47辆"), "sum")
    assert f.stated == "94辆" and "95" in f.message


# --- part-whole ----------------------------------------------------------------------------

PROJECTS = "涉及二级项目64个，资金{whole}万元，其中一般公共预算项目支出25416.8万元、政府性基金预算项目支出0万元。"


def test_part_whole_consistent():
    assert findings(PROJECTS.format(whole="25,416.80"), "part-whole") == ()


def test_part_whole_error_names_both_figures():
    text = PROJECTS.format(whole="12,814.56")
    (f,) = findings(text, "part-whole")
    assert (f.location.line, f.location.column) == line_col(text, "25416.8")
    assert f.related[0].column == line_col(text, "12,814.56")[1]
    assert "12602.18" in f.message


def test_part_whole_suppresses_the_sum_finding_for_the_same_list():
    assert findings(PROJECTS.format(whole="12,814.56"), "sum") == ()


# --- share ---------------------------------------------------------------------------------


def test_share_consistent():
    assert findings(EXPENDITURE.format(p="378.46"), "share") == ()


def test_share_error():
    text = EXPENDITURE.format(p="378.46").replace("占51.1%", "占52.1%")
    (f,) = findings(text, "share")
    assert f.severity == "error" and f.stated == "52.1%"
    assert (f.location.line, f.location.column) == line_col(text, "52.1%")
    assert f.expected == "51.12%～51.13%"


def test_share_truncated_is_a_warning():
    # 37.878…% printed as 37.87%
    (f,) = findings("合计 100.00 万元，其中：甲支出 37.878 万元，占 37.87%；乙支出 62.122 万元，占 62.13%。", "share")
    assert f.severity == "warning" and "截尾" in f.message


def test_shares_nudged_to_one_hundred_are_a_warning():
    text = "支出合计 3,000.00 万元，其中：基本支出 1,000.00 万元，占 33.3%；项目支出 1,000.00 万元，占 33.3%；经营支出 1,000.00 万元，占 33.4%。"
    (f,) = findings(text, "share")
    assert f.severity == "warning" and f.stated == "33.4%" and "100%" in f.message


def test_share_of_a_named_base():
    text = "政府采购支出总额11,687.04万元。授予中小企业合同金额9,702.52万元，占政府采购支出总额的{r}%。"
    assert findings(text.format(r="83.02"), "share") == ()
    (f,) = findings(text.format(r="80.02"), "share")
    assert f.related[-1].column == line_col(text, "11,687.04")[1]


def test_share_of_an_unknown_base_asserts_nothing():
    assert findings("共涉及资金 492.91 万元，占一般公共预算项目支出总额的 100%。", "share") == ()


# --- growth --------------------------------------------------------------------------------

GROWTH = "本单位 2023 年度财政拨款本年收入合计 774.37 万元，比上年增加 113.25 万元，增长 {r}%。"


def test_growth_consistent():
    assert findings(GROWTH.format(r="17.1"), "growth") == ()


def test_growth_error():
    (f,) = findings(GROWTH.format(r="15.1"), "growth")
    assert f.severity == "error" and f.expected == "17.12%～17.14%"


def test_growth_from_wrong_base_is_an_error():
    # 113.25 ÷ 774.37 = 14.6%: the rate was computed on this year's figure
    (f,) = findings(GROWTH.format(r="14.6"), "growth")
    assert f.severity == "error"


def test_decrease_consistent_and_inconsistent():
    text = "“三公”经费支出决算3.05万元，比上年度减少40.07万元，下降{r}%。"
    assert findings(text.format(r="92.93"), "growth") == ()
    assert [f.severity for f in findings(text.format(r="93.93"), "growth")] == ["error"]


def test_direction_contradiction():
    (f,) = findings("机关运行经费支出 63.94 万元，较上年减少 9.74 万元，增长 18.0%。", "growth")
    assert "矛盾" in f.message


def test_growth_from_zero_base_is_a_warning():
    (f,) = findings("因公出国（境）费支出决算23.45万元，较上年增加23.45万元，增长100%。", "growth")
    assert f.severity == "warning" and "无意义" in f.message


def test_change_against_stated_previous_year():
    ok = "本年支出500.00万元，上年支出400.00万元，增加100.00万元，增长25.0%。"
    assert findings(ok, "growth") == ()
    (f,) = findings(ok.replace("增加100.00万元", "增加90.00万元"), "growth")
    assert f.stated == "90.00万元"


# --- budget --------------------------------------------------------------------------------


def test_budget_rate_with_difference():
    text = "本年支出合计774.37万元，完成年初预算的{r}%，比年初预算减少43.26万元。"
    assert findings(text.format(r="94.7"), "budget") == ()
    (f,) = findings(text.format(r="92.7"), "budget")
    assert f.expected == "94.70%～94.71%"


def test_budget_rate_with_stated_budget():
    text = "全年预算数为 90 万元，执行数为 44.09 万元，完成预算的 {r}%。"
    assert findings(text.format(r="48.99"), "budget") == ()
    assert [f.severity for f in findings(text.format(r="58.99"), "budget")] == ["error"]


def test_difference_rate():
    text = "年初预算数 409.94 万元，决算数 908.86 万元，预决算差异率 {r}%。"
    assert findings(text.format(r="121.71"), "budget") == ()
    (f,) = findings(text.format(r="221.71"), "budget")
    assert "预决算差异率" in f.message


def test_flat_with_budget_means_equal():
    text = "公务用车购置及运行维护费预算为 1.23 万元，支出决算 {a} 万元，完成预算的 100.0%，与预算持平。"
    assert findings(text.format(a="1.23"), "budget") == ()
    assert findings(text.format(a="1.13"), "budget") != ()


def test_stated_budget_and_difference_must_agree():
    (f,) = findings("年初预算25,336.80万元，支出决算37,301.92万元，比年初预算增加11,000.00万元。", "budget")
    assert f.stated == "11,000.00万元"


# --- unit ----------------------------------------------------------------------------------

UNITS = "三、本年支出合计774.37万元。\n四、财政拨款本年收入合计 774.37 万元；本年支出合计 774.37 {u}，比上年增加 113.25 万元。\n五、本年支出合计774.37万元。\n"


def test_unit_consistent():
    assert findings(UNITS.format(u="万元"), "unit") == ()


def test_unit_dropped_to_yuan():
    (f,) = findings(UNITS.format(u="元"), "unit")
    assert (f.location.line, f.location.column) == (2, line_col(UNITS.format(u="元").split("\n")[1], "774.37 元")[1] + 0)
    assert {r.line for r in f.related} == {1, 2, 3}
    assert "第1、2、3行" in f.message


def test_unit_missing_altogether():
    text = "本年支出合计774.37万元。\n本年支出合计774.37，比上年增加113.25万元。\n"
    (f,) = findings(text, "unit")
    assert f.location.line == 2 and "缺少单位" in f.message


def test_an_amount_in_wan_with_its_unit_left_implied_is_not_a_dropped_unit():
    """``共计需336.48万,`` (a performance narrative's shorthand) names its magnitude: not "缺少单位", whereas a bare 336.48 is."""
    text = "本年支出合计336.48万元。\n该项目共计需336.48万,主要包括设备购置。\n"
    assert findings(text, "unit") == ()
    (f,) = findings(text.replace("336.48万,", "336.48,"), "unit")
    assert f.location.line == 2 and "缺少单位" in f.message


def test_small_coincidences_are_not_taken_for_one_amount():
    assert findings("公务接待费0.34万元。办公用品0.34元。", "unit") == ()


def test_unit_slip_does_not_cascade_into_growth():
    assert findings(UNITS.format(u="元"), "growth") == ()


# --- xref ----------------------------------------------------------------------------------


def test_xref_same_quantity_two_values():
    text = "九、三公\n公务接待费支出3.05万元，共接待6批次。公务接待费支出{v}万元，完成全年预算的100.00%。\n"
    assert findings(text.format(v="3.05"), "xref") == ()
    (f,) = findings(text.format(v="3.50"), "xref")
    assert f.stated == "3.50万元" and f.expected == "3.05万元"


def test_xref_does_not_compare_across_headings():
    text = "三、支出决算\n本年支出合计47,545.91万元。\n四、财政拨款\n本年支出合计37,301.92万元。\n"
    assert findings(text, "xref") == ()


def test_xref_does_not_compare_generic_labels_of_different_topics():
    text = "（三）具体情况\n社会保障和就业支出年初预算833.74万元，支出决算889.93万元。卫生健康支出年初预算457.71万元，支出决算466.29万元。\n"
    assert findings(text, "xref") == ()


# --- the catalogue -------------------------------------------------------------------------


def test_every_rule_is_documented_and_its_examples_live_in_the_catalogue():
    """A rule's docstring explains it; its examples are rules/examples.toml's (tested in test_catalogue.py), not the docstring's."""
    for r in all_rules():
        summary, _, explanation = r.doc.partition("\n\n")
        assert r.title and summary.strip(), r.id
        assert explanation.strip(), f"{r.id}: the docstring says no more than its first line"
        assert "Consistent" not in r.doc and "Inconsistent" not in r.doc, f"{r.id}: examples belong in rules/examples.toml"
        assert catalogue.example(r.id), r.id


def test_unknown_rule_id_is_rejected():
    with pytest.raises(ValueError, match="unknown rule id"):
        selected_rules(["shares"])
