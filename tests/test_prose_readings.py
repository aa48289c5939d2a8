"""The prose other offices write (issue 21): implicit wholes, arithmetic inside a narrative, lists that are not
sums, the same quantity stated twice, completion rates of items, annotated and traditional text.

Every example of the issue stands here in its consistent and its broken form, and again in other words and
numbers, so that what is tested is the reading, not one sentence.
"""

from __future__ import annotations

import pytest

import auditor


def errors(text: str, *rules: str) -> list[tuple[str, str]]:
    """(rule, stated) of every error, of the given rules (all rules when none)."""
    report = auditor.check(auditor.Document(text, "t.txt"), **({"select": list(rules)} if rules else {}))
    return sorted((f.rule, f.stated) for f in report.errors)


def the_error(text: str, rule: str):
    """The one error of ``rule`` (a test fails if there is none or more than one)."""
    (found,) = auditor.check(auditor.Document(text, "t.txt"), select=[rule]).errors
    return found


def noisy(text: str, *rules: str) -> list[tuple[str, str, str]]:
    """(rule, severity, stated) of every error and warning of the given rules."""
    report = auditor.check(auditor.Document(text, "t.txt"), select=list(rules))
    return sorted((f.rule, f.severity, f.stated) for f in report.findings if f.severity in ("error", "warning"))


# --- 1. Implicit wholes ------------------------------------------------------------------------------------

SANGONG = "五、“三公”经费支出决算情况说明\n\n{}\n"


@pytest.mark.parametrize(
    ("sentence", "first", "second"),
    [
        # the example
        ("公务接待费 2.40 万元，占 {}；公务用车运行维护费 3.60 万元，占 {}。", "40%", "60%"),
        # other words and numbers: 占比, three items, one decimal
        ("货物类采购 150.00 万元，占比 {}；服务类采购 50.00 万元，占比 {}；工程类采购 0.00 万元，占比 0.0%。", "75.0%", "25.0%"),
        # 分别占 pairs in order
        ("公务接待费 2.40 万元、公务用车运行维护费 3.60 万元，分别占 {}、{}。", "40%", "60%"),
        ("在职人员经费 81.20 万元和离退休人员经费 18.80 万元，分别占 {}、{}。", "81.2%", "18.8%"),
    ],
)
def test_shares_whose_rates_add_up_to_100_are_of_the_items_sum(sentence, first, second):
    assert noisy(SANGONG.format(sentence.format(first, second)), "share") == []
    assert errors(SANGONG.format(sentence.format(second, first)), "share") == sorted([("share", first), ("share", second)])


def test_an_implicit_whole_is_no_guess_and_says_so():
    text = SANGONG.format("公务接待费 2.40 万元，占 60%；公务用车运行维护费 3.60 万元，占 40%。")
    (first, _) = auditor.check(auditor.Document(text, "t.txt"), select=["share"]).errors
    assert "各项之和（2.40万元 + 3.60万元）" in first.message and "39.8%～40.2%" in first.message
    assert [r.column for r in first.related] == [7, 31]  # the part is one of the items; the other item


def test_rates_that_do_not_add_up_to_100_are_not_an_implicit_whole():
    """Two shares of 30 % and 20 % are of something bigger: the figure stated before is only a guess (a warning)."""
    text = "一、支出决算情况说明\n\n本年支出合计 10.00 万元。办公费 3.00 万元，占 30%；印刷费 2.00 万元，占 25%。\n"
    assert noisy(text, "share") == [("share", "warning", "25%")]


@pytest.mark.parametrize(
    ("total", "item", "rate"),
    [
        ("“三公”经费财政拨款支出决算 10.00 万元", "公务接待费支出 2.40 万元，占 {}", ("24.0%", "34.0%")),
        ("三公经费支出 8.00 万元", "因公出国（境）费支出 2.00 万元，占 {}", ("25%", "20%")),
        ("“三公”经费年初预算 20.00 万元", "公务用车购置及运行维护费预算 12.00 万元，占 {}", ("60.0%", "50.0%")),
    ],
)
def test_a_sangong_items_share_is_of_the_sangong_total_wherever_it_is_stated(total, item, rate):
    right, wrong = rate
    text = "五、“三公”经费支出决算情况说明\n\n（一）总体情况\n\n本单位{total}。\n\n（二）具体情况\n\n1.{item}。\n"
    assert noisy(text.format(total=total, item=item.format(right)), "share") == []
    assert errors(text.format(total=total, item=item.format(wrong)), "share") == [("share", wrong)]


def test_a_sangong_share_of_a_budget_is_of_the_sangong_budget():
    text = SANGONG.format("“三公”经费支出预算 20.00 万元，支出决算 10.00 万元。公务接待费支出 4.00 万元，占 40%。")
    assert noisy(text, "share") == []
    assert errors(text.replace("占 40%", "占 20%"), "share") == [("share", "20%")]


def test_respective_rates_after_a_named_base():
    text = "三、支出决算情况说明\n\n本年支出合计 100.00 万元。基本支出 60.00 万元、项目支出 40.00 万元，分别占本年支出合计的 {}、{}。\n"
    assert noisy(text.format("60.0%", "40.0%"), "share") == []
    assert errors(text.format("40.0%", "60.0%"), "share") == [("share", "40.0%"), ("share", "60.0%")]


def test_respective_rates_with_too_few_items_bind_nothing():
    """分别占 three rates after two figures: which item each is of cannot be told."""
    text = "三、支出决算情况说明\n\n基本支出 60.00 万元、项目支出 40.00 万元，分别占 50.0%、30.0%、20.0%。\n"
    assert noisy(text, "share") == []


# --- 2. Arithmetic inside a narrative ----------------------------------------------------------------------

NARRATIVE = "二、项目实施情况\n\n{}\n"


@pytest.mark.parametrize(
    ("sentence", "right", "wrong", "unit"),
    [
        ("3 月支付首付款 12 万元，10 月支付尾款 3.5 万元，共计支出 {} 万元。", "15.5", "16.5", "万元"),
        ("一季度拨付资金 20.00 万元，三季度拨付资金 15.00 万元，累计拨付 {} 万元。", "35.00", "36.00", "万元"),
        ("上半年采购办公设备 8.20 万元、下半年采购办公设备 4.10 万元，两项合计 {} 万元。", "12.30", "12.50", "万元"),
        ("召开专题培训 6 次、业务培训 9 次，共计培训 {} 次。", "15", "16", "次"),
    ],
)
def test_amounts_closed_by_a_total_add_up_to_it(sentence, right, wrong, unit):
    assert errors(NARRATIVE.format(sentence.format(right))) == []
    assert errors(NARRATIVE.format(sentence.format(wrong))) == [("sum", wrong + unit)]


def test_a_total_closes_only_the_items_of_its_classification():
    """项目总投资 is not one of the payments 共计 adds up; 收入 and 支出 are no items of a 累计结余."""
    text = NARRATIVE.format("项目总投资 100 万元，3 月支付首付款 12 万元，10 月支付尾款 3.5 万元，共计支付 {} 万元。")
    assert errors(text.format("15.5")) == []
    assert errors(text.format("16.5")) == [("sum", "16.5万元")]
    assert errors(NARRATIVE.format("本年收入 100.00 万元，本年支出 90.00 万元，累计结余 50.00 万元。")) == []


@pytest.mark.parametrize(
    ("text", "right", "wrong"),
    [
        ("本单位共有人员 42 名（在职 {} 名、退休 9 名）。", "33", "35"),
        ("现有干部职工 58 人（其中：男职工 30 人、女职工 {} 人），比上年增加 2 人。", "28", "29"),
        ("本年支出合计 100.00 万元（基本支出 {} 万元、项目支出 40.00 万元）。", "60.00", "65.00"),
        ("全年共召开会议 12 次（因公出国 2 次、公务用车 4 次、公务接待 {} 次）。", "6", "5"),
    ],
)
def test_a_parenthesised_breakdown_partitions_its_figure(text, right, wrong):
    text = "八、其他重要事项\n\n" + text + "\n"
    assert errors(text.format(right)) == []
    assert [rule for rule, _ in errors(text.format(wrong))] == ["sum"]


def test_a_parenthesis_that_lists_some_parts_is_no_partition():
    text = "八、其他重要事项\n\n本年支出 100.00 万元（含结转资金 10.00 万元、专项资金 {} 万元）。\n"
    assert errors(text.format("20.00")) == []  # 30 < 100: only some parts
    assert errors(text.format("95.00")) == [("sum", "100.00万元")]  # 105 > 100: still too many


def test_a_parenthesis_after_a_figure_keeps_what_follows_about_that_figure():
    text = "八、其他重要事项\n\n共有人员 42 名（在职 33 名、退休 9 名），比上年增加 2 名，增长 5.0%。\n"
    assert errors(text) == []
    assert errors(text.replace("5.0%", "6.0%")) == [("growth", "6.0%")]


@pytest.mark.parametrize(
    ("text", "right", "wrong"),
    [
        ("全年预算数 50.00 万元，项目按计划推进，执行数 42.00 万元，预算执行率为 {}。", "84%", "48%"),
        ("调整后预算 80.00 万元，实际支出 60.00 万元，执行率为 {}。", "75.0%", "57.0%"),
        ("全年预算数为 120 万元，全年执行数为 113.12 万元，预算完成率 {}。", "94.27%", "92.47%"),
    ],
)
def test_a_rate_in_the_same_narrative(text, right, wrong):
    text = NARRATIVE.format(text)
    assert errors(text.format(right)) == []
    assert errors(text.format(wrong)) == [("budget", wrong)]


# --- 3. Lists that are not sums ----------------------------------------------------------------------------

TEACHERS = "一、基本情况\n\n现有专任教师 1,200 人，其中：正高级 {} 人、副高级 500 人，博士生导师 210 人、硕士生导师 {} 人。\n"


def test_a_list_mixing_two_classifications_is_no_sum():
    assert errors(TEACHERS.format(300, 640)) == []


def test_each_part_of_a_mixed_list_is_still_bounded_by_the_whole():
    assert errors(TEACHERS.format(300, 1300)) == [("part-whole", "1300人")]
    # one classification's items add up to at most the whole: 800 + 500 > 1200
    assert errors(TEACHERS.format(800, 640)) == [("sum", "1,200人")]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # two complementary classifications, each a partition of the whole
        ("在编人员 80 人，其中：在职 60 人、退休 20 人，女性 30 人、男性 50 人。", ("女性 30 人", "女性 35 人")),
        ("在编人员 80 人，其中：在职 60 人、退休 20 人，女性 30 人、男性 50 人。", ("退休 20 人", "退休 25 人")),
        # 名 and 人 count the same people
        ("全所共有职工 45 名，其中：在职 38 人、退休 7 人。", ("退休 7 人", "退休 9 人")),
    ],
)
def test_each_classification_of_a_list_is_checked_on_its_own(text, wrong):
    text = "一、基本情况\n\n" + text + "\n"
    assert errors(text) == []
    assert [rule for rule, _ in errors(text.replace(*wrong))] == ["sum"]


def test_items_of_a_set_and_items_of_none_are_not_added_up():
    """在职 (a staff status) and 党员 (of no classification listed) overlap: each is only bounded by the whole."""
    text = "一、基本情况\n\n在编人员 80 人，其中：在职 60 人，党员 45 人。\n"
    assert errors(text) == []
    assert errors(text.replace("党员 45 人", "党员 85 人")) == [("part-whole", "85人")]


def test_a_list_of_items_that_need_not_be_all_is_only_bounded():
    """公用经费 listed by its main items: 7 < 22.79 is no error, 25 > 22.79 is."""
    text = "四、基本支出\n\n公用经费 22.79 万元，其中：办公费 5.00 万元、印刷费 {} 万元。\n"
    assert errors(text.format("2.00"), "sum") == []
    assert errors(text.format("20.00"), "sum") == [("sum", "22.79万元")]


@pytest.mark.parametrize(
    "text",
    ["共有车辆 12 辆，其中：执法执勤用车 3 辆、特种专业技术用车 1 辆、其他用车 {} 辆。",
     "共有办公用房 12 处，其中：自有用房 3 处、租用用房 1 处、其他用房 {} 处。"],
)
def test_a_list_closed_by_its_remainder_is_complete(text):
    text = "八、国有资产占用情况说明\n\n" + text + "\n"
    assert errors(text.format(8)) == []
    assert [rule for rule, _ in errors(text.format(2))] == ["sum"]


# --- 4. The same quantity stated twice ---------------------------------------------------------------------

TABLE_NOTE = (
    "第二部分 2023年度部门决算报表\n\n财政拨款“三公”经费支出决算表\n\n公开09表\n\n注：本单位2023年度{note}。\n\n"
    "第三部分 2023年度部门决算情况说明\n\n七、财政拨款“三公”经费支出决算情况说明\n\n{prose}\n"
)


@pytest.mark.parametrize(
    ("note", "prose", "right", "wrong"),
    [
        # the example: the 三公 table's note and 七、
        ("公务接待费预算 {} 万元", "3.公务接待费支出情况。公务接待费年初预算为 3.00 万元，支出决算 1.60 万元。", "3.00", "2.00"),
        # other words: the final figure, a generic label bound by its clause
        ("因公出国（境）费支出 {} 万元", "1.因公出国（境）费支出情况。因公出国（境）费年初预算 6.00 万元，支出决算为 4.85 万元。", "4.85", "4.58"),
        ("“三公”经费财政拨款支出决算 {} 万元", "“三公”经费支出预算为 20.00 万元，支出决算为 12.40 万元，完成预算的 62.0%。", "12.40", "14.20"),
    ],
)
def test_an_item_restated_in_another_part_has_one_value(note, prose, right, wrong):
    assert errors(TABLE_NOTE.format(note=note.format(right), prose=prose), "xref") == []
    assert [rule for rule, _ in errors(TABLE_NOTE.format(note=note.format(wrong), prose=prose), "xref")] == ["xref"]


def test_an_item_restated_in_another_section_of_the_prose():
    text = (
        "七、财政拨款“三公”经费支出决算情况说明\n\n公务接待费年初预算 2.50 万元，支出决算 1.80 万元。\n\n"
        "十、其他重要事项的情况说明\n\n（三）公务接待情况\n\n本年度公务接待费支出 {} 万元，共接待 5 批次、40 人次。\n"
    )
    assert errors(text.format("1.80"), "xref") == []
    f = the_error(text.format("1.08"), "xref")
    assert f.stated == "1.08万元" and f.location.line == 9 and f.related[0].line == 3
    assert "公务接待费支出决算 1.80万元" in f.message and "同一事项同一年度" in f.message


@pytest.mark.parametrize(
    ("text", "why"),
    [
        # last year's figure is another quantity
        ("公务接待费支出 1.80 万元，上年公务接待费支出 2.30 万元。", "last year"),
        ("公务接待费支出 1.80 万元，比 2022 年度公务接待费支出 2.30 万元减少 0.50 万元。", "another year"),
        # 年初 and 全年 budgets differ legitimately; a 预算 that does not say which is compared with neither
        ("公务接待费年初预算 3.00 万元，全年预算 2.00 万元。\n\n（二）说明\n\n公务接待费预算 2.00 万元。", "which budget"),
        # a 公用经费 item is of the basic spending only (公开06表), the 三公 item adds projects
        ("公务接待费支出 1.80 万元。\n\n六、一般公共预算财政拨款基本支出决算情况说明\n\n公用经费 30.00 万元，其中：公务接待费 1.20 万元。", "another caliber"),
        # 国内公务接待费 is a part of 公务接待费, not another statement of it
        ("公务接待费支出 1.80 万元，其中：国内公务接待费 1.50 万元。", "another item"),
    ],
)
def test_figures_that_are_not_one_quantity_are_not_compared(text, why):
    assert errors("七、财政拨款“三公”经费支出决算情况说明\n\n" + text + "\n", "xref") == [], why


# --- 5. Completion rates of items --------------------------------------------------------------------------

ITEMS = (
    "七、财政拨款“三公”经费支出决算情况说明\n\n（一）总体情况\n\n"
    "公务接待费年初预算 3.00 万元，公务用车购置及运行维护费年初预算 5.00 万元。\n\n（二）具体情况\n\n{}\n"
)


@pytest.mark.parametrize(
    ("sentence", "right", "wrong"),
    [
        ("1.公务接待费支出决算 1.20 万元，完成预算的 {}。", "40.0%", "45.0%"),
        ("2.公务用车购置及运行维护费支出 4.00 万元，完成年初预算的 {}。", "80.0%", "60.0%"),
        # 分别 pairs the rates with the items in order
        ("公务接待费支出决算 1.20 万元、公务用车购置及运行维护费支出决算 4.00 万元，分别完成预算的 40.0%、{}。", "80.0%", "85.0%"),
    ],
)
def test_an_items_completion_rate_is_checked_against_its_budget_stated_elsewhere(sentence, right, wrong):
    assert errors(ITEMS.format(sentence.format(right)), "budget") == []
    f = the_error(ITEMS.format(sentence.format(wrong)), "budget")
    assert f.stated == wrong and "预算见第5行" in f.message


TABLE_09 = (
    "第二部分 2023年度部门决算报表\n\n财政拨款“三公”经费支出决算表\n\n公开09表\n\n金额单位：万元\n\n"
    "预算数\t\t\t\t\t\t决算数\t\t\t\t\t\n"
    "合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\n"
    "\t\t小计\t公务用车购置费\t公务用车运行费\t\t\t\t小计\t公务用车购置费\t公务用车运行费\t\n"
    "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n"
    "8.00\t1.00\t4.00\t0.00\t4.00\t3.00\t6.20\t1.00\t4.00\t0.00\t4.00\t1.20\n\n"
    "第三部分 2023年度部门决算情况说明\n\n七、财政拨款“三公”经费支出决算情况说明\n\n{}\n"
)


@pytest.mark.parametrize(
    ("sentence", "right", "wrong"),
    [
        ("3.公务接待费支出情况。公务接待费支出决算 1.20 万元，完成预算的 {}。", "40.0%", "45.0%"),
        ("1.因公出国（境）费支出情况。支出决算 1.00 万元，完成预算的 {}。", "100%", "90%"),
    ],
)
def test_an_items_completion_rate_is_checked_against_the_budget_cell_of_its_table(sentence, right, wrong):
    assert errors(TABLE_09.format(sentence.format(right)), "budget") == []
    f = the_error(TABLE_09.format(sentence.format(wrong)), "budget")
    assert f.stated == wrong and "公开09表（预算数）" in f.message and f.related[-1].line == 13


def test_an_items_rate_with_no_budget_anywhere_is_unbound_never_taken_from_the_total():
    """Only the total's budget is stated: 公务接待费's own budget is unknown, so its rate is not checked, and counted."""
    text = "七、财政拨款“三公”经费支出决算情况说明\n\n“三公”经费年初预算 10.00 万元，支出决算 8.00 万元。公务接待费支出决算 1.20 万元，完成预算的 45.0%。\n"
    report = auditor.check(auditor.Document(text, "t.txt"))
    assert not report.errors
    assert dict(report.files[0].coverage.unbound) == {"预算完成率": 1}


def test_two_budgets_of_one_item_leave_its_rate_unbound():
    """年初预算 3.00 and 全年预算 2.40 of one item: 完成预算的 (which?) is not checked against either."""
    text = ITEMS.replace("公务接待费年初预算 3.00 万元", "公务接待费年初预算 3.00 万元、全年预算 2.40 万元")
    assert errors(text.format("公务接待费支出决算 1.20 万元，完成预算的 45.0%。"), "budget") == []
    assert errors(text.format("公务接待费支出决算 1.20 万元，完成全年预算的 45.0%。"), "budget") == [("budget", "45.0%")]


# --- 6. Annotated and traditional text ---------------------------------------------------------------------

PINYIN = (
    "三、支出決(jué)算情況說明\n\n"
    "本單位2023年度本年支出合計774.37萬(wàn)元，其中：基本支出395.91萬元，佔51.1%；項(xiàng)目支出{}萬元，佔48.9%。"
    "全年預(yù)算數(shù)為800.00萬元，預(yù)算執行率為{}。\n"
)


def test_pinyin_after_characters_never_breaks_a_claim():
    assert errors(PINYIN.format("378.46", "96.8%")) == []
    assert errors(PINYIN.format("368.46", "96.8%")) == [("share", "48.9%"), ("sum", "774.37万元")]


def test_locations_stay_exact_in_annotated_text():
    text = PINYIN.format("378.46", "69.8%")
    (f,) = auditor.check(auditor.Document(text, "t.txt")).errors
    assert f.rule == "budget" and f.stated == "69.8%"
    line = text.splitlines()[f.location.line - 1]
    assert line[f.location.column - 1 : f.location.end_column - 1] == "69.8%"
    related = f.related[-1]  # the budget, 800.00, after 全年預(yù)算數(shù)為
    assert text.splitlines()[related.line - 1][related.column - 1 : related.end_column - 1] == "800.00萬元"


@pytest.mark.parametrize(
    ("text", "right", "wrong"),
    [
        # traditional and simplified mixed in one sentence
        ("公務接待費支出決算1.20萬元，預算數為3.00万元，完成預算的{}。", "40.0%", "45.0%"),
        ("“三公”經費年初預算10.00萬元，支出決算8.00萬元，執行率{}。", "80.0%", "85.0%"),
        ("“三公”經費支出決算8.00萬元，較上年減少2.00萬元，下降{}。", "20.0%", "25.0%"),
        ("共有人員42名（在職{}名、退休9名）。", "33", "35"),
    ],
)
def test_traditional_and_mixed_script_read_as_plain_text(text, right, wrong):
    text = "七、財政撥款“三公”經費支出決算情況說明\n\n" + text + "\n"
    assert errors(text.format(right)) == []
    assert len(errors(text.format(wrong))) == 1


# --- 7. One prose reader: a new phrasing is one vocabulary entry -------------------------------------------

GROWTH_IN_OTHER_WORDS = "一、收入支出决算总体情况说明\n\n本年支出合计 774.37 万元，比上年增加 113.25 万元，增幅 {}。\n"


def test_a_growth_rate_named_zengfu():
    """增幅 17.1 % (rules/vocabulary.toml [prose.grammar] increase): the rate of the change before it."""
    assert errors(GROWTH_IN_OTHER_WORDS.format("17.1%")) == []
    assert errors(GROWTH_IN_OTHER_WORDS.format("19.1%")) == [("growth", "19.1%")]


def test_items_rates_imply_budgets_that_fit_the_total_budget_stated():
    """公务用车 19.56 at 63.76 % and 公务接待 0.30 at 37.5 % imply 30.68 + 0.80 = 31.48 of a stated 31.47 (rounding)."""
    text = (
        "七、财政拨款“三公”经费支出决算情况说明\n\n“三公”经费财政拨款支出年初预算为 31.47 万元，支出决算为 19.86 万元，"
        "完成预算的 63.11%，其中：公务用车购置及运行维护费支出决算为 19.56 万元，完成预算的 63.76%；公务接待费支出决算为 "
        "0.30 万元，完成预算的 {}。\n"
    )
    assert errors(text.format("37.5%"), "budget") == []
    f = the_error(text.format("3.75%"), "budget")  # 0.30 ÷ 3.75 % is 8.00: the items' budgets exceed the 31.47 stated
    assert "预算 31.47万元" in f.message and "多于总预算" in f.message
