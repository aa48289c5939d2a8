"""A figure against last year or its budget, phrased as other offices write it: the rate named with a copula (增长率为,
降幅为), the base stated instead of the change (上年支出合计 100.00 万元，增长 12.0%), two years named by number in one
sentence (2024 年度 … 2023 年度 …), which are two quantities, never one stated twice, and the budget inside the rate
(完成预算 35.20 万元的 91.5%)."""

import pytest
from prose_checks import kinds as verdict

import auditor
from auditor.document.model import Document


@pytest.mark.parametrize("said", ["增长率为", "增幅为", "增长幅度达", "增长比例为"])
def test_a_rate_of_increase_named_with_a_copula_is_checked(said):
    text = f"本年支出合计 110.00 万元，较上年增加 10.00 万元，{said} 10.0%。"
    assert verdict(text) == []
    assert verdict(text.replace("10.0%", "12.0%")) == [("growth", "error", "12.0%")]


@pytest.mark.parametrize("said", ["降幅", "降幅为", "下降幅度为", "减幅为"])
def test_a_rate_of_decrease_named_as_such_is_checked(said):
    text = f"本年支出合计 90.00 万元，比上年减少 10.00 万元，{said} 10.0%。"
    assert verdict(text) == []
    assert verdict(text.replace("10.0%", "12.0%")) == [("growth", "error", "12.0%")]


def test_increased_to_is_a_level_not_a_change():
    """增加为 120.00 万元 says what it rose to: no change of 120.00 is read, so nothing is compared."""
    assert verdict("本年支出合计 110.00 万元，比上年增加为 120.00 万元。") == []


@pytest.mark.parametrize("base", ["上年支出合计 100.00 万元，", "比上年决算 100.00 万元", "上年为 100.00 万元，"])
def test_a_growth_rate_is_checked_against_last_years_figure_when_no_change_is_stated(base):
    text = f"本年支出合计 110.00 万元，{base}增长 10.0%。"
    assert verdict(text) == []
    assert verdict(text.replace("10.0%", "12.0%")) == [("growth", "error", "12.0%")]


def test_a_decrease_rate_against_last_years_figure():
    text = "本年支出合计 90.00 万元，上年支出合计 100.00 万元，下降 10.0%。"
    assert verdict(text) == []
    assert verdict(text.replace("10.0%", "12.0%")) == [("growth", "error", "12.0%")]


def test_a_figure_of_another_item_last_year_is_no_base():
    """上年结转 is last year's carry-over, not last year's 支出合计: the rate has no base, nothing is compared."""
    assert verdict("本年支出合计 110.00 万元，上年结转 100.00 万元，增长 12.0%。") == []


def test_a_direction_against_the_two_years_figures_is_not_guessed_at():
    """增长 where the figures fell: which of the three is wrong is not said; no rate error is built on it."""
    assert verdict("本年支出合计 90.00 万元，上年支出合计 100.00 万元，增长 10.0%。") == []


def test_two_years_named_by_number_are_two_quantities_and_the_later_is_the_subject():
    text = "2024 年度支出合计 110.00 万元，2023 年度支出合计 100.00 万元，增长 10.0%。"
    assert verdict(text) == []  # not 支出合计 stated twice with two values
    assert verdict(text.replace("10.0%", "12.0%")) == [("growth", "error", "12.0%")]


DISCLOSURE = (
    "某区生态环境局2024年度部门决算\n"
    "第三部分 2024年度部门决算情况说明\n"
    "一、收入支出决算总体情况说明\n"
    "{sentence}\n"
)


def test_last_years_total_in_a_comparison_is_not_a_wrong_year_or_a_restatement():
    sentence = "2024 年度支出合计 110.00 万元，2023 年度支出合计 100.00 万元，增长 10.0%。"
    report = auditor.check(Document(DISCLOSURE.format(sentence=sentence), "a.txt"))
    assert [(f.rule, f.severity) for f in report.findings if f.severity != "info"] == []


def test_a_statement_of_the_years_figures_under_another_year_is_still_reported():
    """No comparison in the sentence: 2023 年度 in a 2024 disclosure's own statement is a slip (warning)."""
    sentence = "2023 年度支出合计 110.00 万元，其中：基本支出 60.00 万元，项目支出 50.00 万元。"
    report = auditor.check(Document(DISCLOSURE.format(sentence=sentence), "a.txt"))
    assert [(f.rule, f.severity) for f in report.findings if f.severity != "info"] == [("year.date", "warning")]


@pytest.mark.parametrize("which", ["", "年初"])
def test_the_budget_inside_the_completion_rate(which):
    text = f"本年支出合计 32.21 万元，完成{which}预算 35.20 万元的 91.5%。"
    assert verdict(text) == []
    assert verdict(text.replace("91.5%", "95.5%")) == [("budget", "error", "95.5%")]
    (finding,) = auditor.check(text.replace("91.5%", "95.5%"), select=["budget"]).findings
    assert "32.21万元 ÷ 35.20万元" in finding.message  # the rate of the amount before it, against the budget inside


def test_a_budget_inside_the_phrase_with_no_rate_after_it_asserts_nothing():
    assert verdict("本年支出合计 32.21 万元，完成预算 35.20 万元。") == []


@pytest.mark.parametrize("compared", ["与上年相比增加", "与上年度相比，增加", "同上年相比增加", "比上年增加"])
def test_the_comparison_named_before_the_change_words(compared):
    """与上年相比增加: the 比 of 相比 ends the comparison; it is no 比 that compares the next words with something."""
    text = f"本年支出合计 110.00 万元，{compared} 10.00 万元，增长 10.0%。"
    assert verdict(text) == []
    assert verdict(text.replace("10.0%", "12.0%")) == [("growth", "error", "12.0%")]


def test_a_subject_named_before_the_comparison_is_the_subject():
    text = "收入总计 220.00 万元，本年支出合计 110.00 万元，收入总计与上年相比增加 20.00 万元，增长 10.0%。"
    assert verdict(text) == []
    assert verdict(text.replace("10.0%", "12.0%")) == [("growth", "error", "12.0%")]


def test_a_growth_rate_in_brackets_after_the_change():
    text = "本年支出合计 110.00 万元，比上年增加 10.00 万元（增长 10.0%）。"
    assert verdict(text) == []
    assert verdict(text.replace("10.0%", "12.0%")) == [("growth", "error", "12.0%")]


@pytest.mark.parametrize("items", ["基本支出 60.00 万元，项目支出 40.00 万元", "基本支出、项目支出分别为 60.00 万元、40.00 万元"])
def test_shares_said_as_zhanbi_fenbie_wei_go_to_the_items_in_order(items):
    text = f"本年支出合计 100.00 万元，其中：{items}，占比分别为 60.0%、40.0%。"
    assert verdict(text) == []
    assert verdict(text.replace("40.0%。", "45.0%。")) == [("share", "error", "45.0%")]


@pytest.mark.parametrize("said", ["预决算差异率 -20.0%", "预决算差异率为－20.0%", "预决算差异率 20.0%"])
def test_a_negative_difference_rate_is_read_with_its_sign(said):
    """(8.00 − 10.00) ÷ 10.00 = −20%: written with its minus, or without a sign at all (a habit, not an error)."""
    text = f"公务接待费年初预算数 10.00 万元，决算数 8.00 万元，{said}。"
    assert verdict(text) == []
    wrong = text.replace("20.0%", "25.0%")
    assert [(rule, severity) for rule, severity, _ in verdict(wrong)] == [("budget", "error")]


def test_a_minus_written_against_a_rise_is_an_error():
    """(12.00 − 10.00) ÷ 10.00 = +20%: a rate without a sign may have dropped it; one written −20% says the opposite."""
    assert verdict("公务接待费年初预算数 10.00 万元，决算数 12.00 万元，预决算差异率 -20.0%。") == [("budget", "error", "-20.0%")]


def test_a_hyphen_between_numbers_is_no_minus():
    assert verdict("2023-2024 年度支出 12.00 万元，其中：基本支出 12.00 万元。") == []


@pytest.mark.parametrize("stated", [
    "本年收入合计 110.00 万元，本年支出合计 105.00 万元",
    "本年收入合计、本年支出合计分别为 110.00 万元、105.00 万元",
])
def test_changes_and_rates_after_fenbie_go_to_the_items_in_order(stated):
    """收入 110 (+10: 10.0%), 支出 105 (+5: 5.0%): the first change is 收入's, not the 支出 stated last."""
    text = f"{stated}，分别比上年增加 10.00 万元、5.00 万元，分别增长 10.0%、5.0%。"
    assert verdict(text) == []
    assert verdict(text.replace("10.0%", "12.0%")) == [("growth", "error", "12.0%")]
    assert verdict(text.replace("5.0%。", "6.0%。")) == [("growth", "error", "6.0%")]


def test_changes_after_fenbie_against_a_budget_are_not_guessed_at():
    """分别比年初预算增加: each item's budget is not stated, so nothing is bound (no error on a guess)."""
    assert verdict("本年收入合计 110.00 万元，本年支出合计 105.00 万元，分别比年初预算增加 10.00 万元、5.00 万元。") == []


def test_a_rate_after_a_gap_against_the_budget_is_that_gaps_rate():
    """比预算减少 2.00 万元，下降 20.0%: 2.00 of a budget of 10.00, not a change against last year (whose rate, 14.3%,
    the sentence states before it: reading 20.0% as last year's growth gave a false growth error)."""
    text = "“三公”经费支出 8.00 万元，比上年增加 1.00 万元，增长 14.3%，比预算减少 2.00 万元，下降 20.0%。"
    assert verdict(text) == []
    assert verdict(text.replace("下降 20.0%", "下降 25.0%")) == [("budget", "error", "25.0%")]
    assert verdict(text.replace("增长 14.3%", "增长 16.3%")) == [("growth", "error", "16.3%")]


def test_an_unsigned_difference_rate_is_compared_by_its_size():
    (finding,) = auditor.check("公务接待费年初预算数 10.00 万元，决算数 8.00 万元，预决算差异率 25.0%。", select=["budget"]).findings
    assert finding.severity == "error" and "应为 19.90%～20.09%" in finding.message  # not "−20%", 45 points off


@pytest.mark.parametrize(("said", "actual"), [("比年初预算 10.00 万元减少 3.00 万元", "7.00"), ("较预算 10.00 万元增加 2.00 万元", "12.00")])
def test_the_budget_inside_a_comparison(said, actual):
    """比年初预算 10.00 万元减少 3.00 万元: the gap between the amount before it and that budget."""
    text = f"公务接待费支出决算 {actual} 万元，{said}。"
    assert verdict(text) == []
    wrong = text.replace(f"{actual} 万元", "8.00 万元" if actual == "7.00" else "13.00 万元")
    assert [(rule, severity) for rule, severity, _ in verdict(wrong)] == [("budget", "error")]


@pytest.mark.parametrize(("rate", "budget"), [("完成年初预算的", "年初预算"), ("完成预算的", "预算数为")])
def test_a_budget_stated_right_after_its_rate(rate, budget):
    text = f"本年支出合计 110.00 万元，{rate} 110.0%，{budget} 100.00 万元。"
    assert verdict(text) == []
    assert verdict(text.replace("110.0%", "120.0%")) == [("budget", "error", "120.0%")]


@pytest.mark.parametrize("after", ["，全年预算 100.00 万元。", "；公务接待费年初预算 100.00 万元。"])
def test_a_budget_of_another_kind_or_clause_is_not_the_rates(after):
    assert verdict(f"本年支出合计 110.00 万元，完成年初预算的 120.0%{after}") == []
