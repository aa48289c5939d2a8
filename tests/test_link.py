"""Issue 13's synthetic examples: prose phrased the way other offices write it.

Each test is one example of the issue, with the behaviour it states: consistent
text stays silent, and an inconsistency is reported at the severity the reading
can support (an error only when every figure was bound by a recognised pattern).
"""

from prose_checks import kinds, prose_findings

import auditor


def test_subject_stands_before_the_comparison_with_last_year():
    text = (
        "2021 年度收入总计 640.50 万元，其中：本年收入合计 600.20 万元，年初结转和结余 40.30 万元。"
        "本年收入总计与上年度相比，增加 32.10 万元，增长 5.28%。"
    )
    assert kinds(text) == []
    # the rate is read against 收入总计 (32.10 ÷ 608.40), not against the last part 40.30
    assert kinds(text.replace("5.28%", "6.28%")) == [("growth", "error", "6.28%")]


def test_a_difference_is_not_the_whole_of_the_next_list():
    text = (
        "“三公”经费支出 3.60 万元，年初预算为 4.00 万元，差额为 0.40 万元。"
        "其中：公务用车运行维护费支出 1.20 万元，公务接待费支出 2.40 万元。"
    )
    assert kinds(text) == []
    assert kinds(text.replace("2.40 万元", "2.50 万元")) == [("sum", "error", "3.60万元")]


def test_parallel_items_each_with_their_own_budget_and_difference():
    text = (
        "其中：公务用车运行维护费支出 1.20 万元，年初预算为 1.50 万元，差额为 0.30 万元；"
        "公务接待费支出 2.40 万元，年初预算为 2.50 万元，差额为 0.10 万元。"
    )
    assert kinds(text) == []


def test_a_list_of_grades_ends_where_its_parts_sum_to_the_whole():
    text = "核定编制 40 人，实有在编人员 35 人，其中：高级职称 6 人，中级职称 14 人，初级职称 15 人，离退休人员 9 人。"
    assert kinds(text) == []


def test_a_nested_list_closes_at_its_parents_next_sibling():
    text = (
        "“三公”经费财政拨款支出决算为7.00万元，完成预算的87.5%。其中：因公出国（境）费支出决算为0万元；"
        "公务用车购置及运行维护费支出决算为5.20万元，比上年决算数增加0.20万元；其中：公务用车购置支出决算为0万元；"
        "公务用车运行维护费支出决算为5.20万元；公务接待费支出决算为1.80万元，比上年决算数减少0.10万元。"
    )
    assert kinds(text) == []


def test_amounts_told_apart_by_the_clause_before_each_are_different_quantities():
    text = (
        "在面向中小企业预留项目中，由中小企业中标的，采购金额 120.00 万元；在面向小微企业预留项目中，由小微企业中标的，"
        "采购金额 80.00 万元；在其他项目中，由中小企业中标的，采购金额 15.50 万元。"
    )
    assert kinds(text) == []


RESTATED = (
    "二、收入决算情况说明\n本年收入合计 612.40 万元，全部为一般公共预算财政拨款收入。\n"
    "三、支出决算情况说明\n本年支出合计 612.40 万元，其中：基本支出 {basic} 万元，占 47.05%；项目支出 324.25 万元，占 52.95%。\n"
    "六、一般公共预算财政拨款基本支出决算情况说明\n一般公共预算财政拨款基本支出 288.15 万元，其中：人员经费 250.30 万元；公用经费 37.85 万元。\n"
)


def test_a_concept_restated_across_sections_under_its_caliber():
    assert kinds(RESTATED.format(basic="288.15")) == []
    found = prose_findings(RESTATED.replace("基本支出 288.15 万元，其中：人员经费 250.30 万元；公用经费 37.85", "基本支出 612.40 万元，其中：人员经费 250.30 万元；公用经费 362.10").format(basic="288.15"))
    assert [(f.rule, f.severity) for f in found if f.severity == "error"] == [("xref", "error")]


def test_a_list_of_parts_across_lines_with_a_remark_between():
    text = (
        "2.公务用车购置及运行维护费支出 5.20 万元。其中：\n公务用车购置支出 0 万元。本年未购置车辆。\n"
        "公务用车运行维护支出 0 万元，保有车辆 3 辆。\n"
    )
    assert [(f.rule, f.severity) for f in prose_findings(text)] == [("sum", "error")]


def test_shares_one_per_numbered_heading_of_a_whole_stated_before():
    text = (
        "（一）财政拨款支出情况\n本年一般公共预算财政拨款支出 530.20 万元。\n"
        "（二）财政拨款支出结构\n1.教育支出(类) 402.75 万元，占 75.96%。\n2.社会保障和就业支出(类) 61.30 万元，占 11.56%。\n"
        "3.卫生健康支出(类) 26.15 万元，占 4.94%。\n4.住房保障支出(类) 40.00 万元，占 7.54%。\n"
    )
    assert kinds(text) == [("share", "warning", "4.94%")]


def test_a_share_of_a_base_named_in_other_words():
    text = "支出合计 5,210.40 万元，其中基本支出 2,104.88 万元，占总支出的 40.41%。"
    assert kinds(text) == [("share", "error", "40.41%")]
    assert kinds(text.replace("40.41%", "40.40%")) == []


def test_shares_after_a_topic_phrase():
    text = "三公经费 8.00 万元。在三公经费支出决算中，公务用车运行维护费 3.60 万元，占 55.0%；公务接待费 4.40 万元，占 45.0%。"
    assert sorted(f.stated for f in prose_findings(text) if f.rule == "share" and f.severity == "error") == ["45.0%", "55.0%"]
    assert kinds(text.replace("55.0%", "X").replace("45.0%", "55.0%").replace("X", "45.0%")) == []


def test_implied_item_budgets_cannot_exceed_the_totals():
    text = (
        "“三公”经费支出决算 8.40 万元，完成预算 93.3%。其中：公务用车运行维护费支出 6.10 万元，完成预算 72.6%。"
        "公务接待费支出 2.30 万元，完成预算 27.4%。"
    )
    found = [f for f in prose_findings(text) if f.rule == "budget"]
    assert [f.severity for f in found] == ["error"]
    assert "72.6%" in found[0].message and "27.4%" in found[0].message


def test_each_pairs_with_a_comma_after_a_decimal():
    text = "2021年度收、支总计各为 2210.35,2198.60 万元。与2020年相比，收、支总计各增加 180.20,175.40 万元，各增长 8.88%、8.66%。"
    assert sorted((f.rule, f.severity) for f in prose_findings(text)) == [("growth", "warning"), ("xref", "warning")]


def test_traditional_script_reads_like_simplified():
    text = "年初預算 20.00 萬元，決算數 25.93 萬元，完成年初預算100%，決算數大於預算數 5.93 萬元。"
    assert kinds(text) == [("budget", "error", "100%")]


def test_whole_number_money_among_two_decimal_money_is_a_warning():
    text = "公务接待费年初预算为 2 万元，支出决算为 1.07 万元，完成预算的 47%。"
    found = prose_findings(text)
    assert [(f.rule, f.severity) for f in found] == [("budget", "warning")]
    assert "2万元" in found[0].message


def test_placeholder_labels_never_identify_a_quantity():
    text = "****支出 10.00 万元，主要用于日常运转；****支出 20.00 万元，主要用于项目建设。"
    assert kinds(text) == []


def test_the_previous_sentence_offers_its_head_never_a_difference():
    text = "“三公”经费支出 3.60 万元，年初预算为 4.00 万元，差额为 0.40 万元。较上年增加 0.30 万元，增长 9.1%。"
    assert kinds(text) == []  # 0.30 ÷ 3.30 = 9.09 %: the change is of 3.60, not of the 差额 0.40
    assert kinds(text.replace("9.1%", "300.0%")) == [("growth", "error", "300.0%")]


def test_a_difference_with_no_sign_is_the_gap_between_actual_and_budget():
    text = (
        "其中：公务用车运行维护费支出 1.20 万元，年初预算为 1.50 万元，差额为 0.30 万元；"
        "公务接待费支出 2.40 万元，年初预算为 2.50 万元，差额为 0.10 万元。"
    )
    assert kinds(text.replace("差额为 0.10", "差额为 0.20")) == [("budget", "error", "0.20万元")]


def test_a_pair_under_fenbie_gives_each_item_its_value():
    text = "本年支出合计 100.00 万元，其中：基本支出、项目支出分别为 60.00、40.00 万元。"
    assert kinds(text) == []
    assert kinds(text.replace("40.00 万元", "45.00 万元")) == [("sum", "error", "100.00万元")]


def test_calibers_are_compared_only_with_the_same_caliber():
    """财政拨款 includes 政府性基金: its 基本支出 is not the 一般公共预算 one, unless all income is 一般公共预算."""
    text = (
        "四、财政拨款收入支出决算总体情况说明\n财政拨款基本支出 300.00 万元。\n"
        "六、一般公共预算财政拨款基本支出决算情况说明\n一般公共预算财政拨款基本支出 288.15 万元。\n"
    )
    assert kinds(text) == []
    collapsed = "二、收入决算情况说明\n本年收入合计 612.40 万元，全部为一般公共预算财政拨款收入。\n" + text
    assert kinds(collapsed) == [("xref", "error", "288.15万元")]


def test_a_nested_list_that_falls_short_still_closes_at_its_parents_next_item():
    text = (
        "“三公”经费财政拨款支出决算为7.00万元。其中：因公出国（境）费支出决算为0万元；"
        "公务用车购置及运行维护费支出决算为5.20万元；其中：公务用车购置支出决算为0万元；"
        "公务用车运行维护费支出决算为5.00万元；公务接待费支出决算为1.80万元。"
    )
    # 0 + 5.00 falls short of 5.20 (the nested list may be partial), but 公务接待费 is the parent's item
    assert kinds(text) == []


# --- The identities of rules/tables.rules on prose figures (issue 13, item 3) ---------------

IDENTITY_RULES = ["xref.identity", "sum", "xref", "xref.table"]


def identity_kinds(text: str):
    return sorted((f.rule, f.severity, f.stated) for f in auditor.check(text, select=IDENTITY_RULES).findings)


def test_staff_and_running_costs_add_up_to_basic_expenditure_across_sentences():
    """表06人员经费合计 + 表06公用经费合计 = 表05基本支出, read from three sentences of one section."""
    text = (
        "六、一般公共预算财政拨款基本支出决算情况说明\n"
        "2022年度一般公共预算财政拨款基本支出 431.75 万元。人员经费 388.20 万元，主要包括基本工资、绩效工资。"
        "公用经费 43.55 万元，主要包括办公费、水电费。\n"
    )
    assert identity_kinds(text) == []
    assert identity_kinds(text.replace("43.55", "34.55")) == [("xref.identity", "error", "431.75万元")]


def test_stated_parts_cannot_exceed_a_total_whose_other_parts_are_not_stated():
    """本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助: only two parts stated, so only 'at least'."""
    text = (
        "三、支出决算情况说明\n2023年度本年支出合计 918.40 万元。"
        "基本支出 512.06 万元，主要用于人员工资和日常运转。项目支出 380.00 万元，主要用于专项业务。\n"
    )
    assert identity_kinds(text) == []  # 26.34 万元 may be 经营支出 or 上缴上级支出: unknown is never wrong
    (finding,) = auditor.check(text.replace("380.00", "420.00"), select=["xref.identity"]).findings
    assert (finding.severity, finding.stated) == ("error", "918.40万元")
    assert "未列明的部分不能为负" in finding.message and "至少应为 932.050" in finding.message


def test_vehicle_costs_restated_in_separate_sentences():
    text = (
        "七、“三公”经费财政拨款支出决算情况说明\n（二）公务用车购置及运行维护费\n"
        "公务用车购置及运行维护费支出 12.80 万元。公务用车购置费支出 9.50 万元，本年购置车辆 1 辆。"
        "公务用车运行维护费支出 3.30 万元，主要用于燃料、维修。\n"
    )
    assert identity_kinds(text) == []
    assert identity_kinds(text.replace("3.30 万元", "2.30 万元")) == [("xref.identity", "error", "12.80万元")]


def test_figures_from_different_sections_are_one_caliber_only_when_the_document_says_so():
    """人员经费 under 三、 may be all funds; 基本支出 under 六、 is 一般公共预算: a difference is a warning, unless collapsed."""
    text = (
        "三、支出决算情况说明\n人员经费 210.00 万元，主要包括工资福利支出。公用经费 35.00 万元，主要包括商品和服务支出。\n"
        "六、一般公共预算财政拨款基本支出决算情况说明\n2023年度一般公共预算财政拨款基本支出 260.00 万元。\n"
    )
    assert identity_kinds(text) == [("xref.identity", "warning", "260.00万元")]
    collapsed = "二、收入决算情况说明\n本年收入合计 300.00 万元，全部为一般公共预算财政拨款收入。\n" + text
    assert identity_kinds(collapsed) == [("xref.identity", "error", "260.00万元")]
    assert identity_kinds(collapsed.replace("260.00", "245.00")) == []


def test_one_list_is_the_sum_rules_and_the_tables_are_the_table_rules():
    """No finding twice: a 其中 list is checked by `sum`; with the tables present, prose is checked against the cells."""
    listed = (
        "六、一般公共预算财政拨款基本支出决算情况说明\n"
        "2022年度一般公共预算财政拨款基本支出 431.75 万元，其中：人员经费 388.20 万元，公用经费 34.55 万元。\n"
    )
    assert identity_kinds(listed) == [("sum", "error", "431.75万元")]
    prose = (
        "三、支出决算情况说明\n2023年度本年支出合计 1248.32 万元。基本支出 745.91 万元，用于运转。项目支出 512.41 万元，用于业务。\n"
    )
    table = (
        "支出决算表\n公开03表\n金额单位：万元\n项目\t\t本年支出合计\t基本支出\t项目支出\n栏次\t\t1\t2\t3\n"
        "合计\t\t1,248.32\t745.91\t502.41\n201\t一般公共服务支出\t1,248.32\t745.91\t502.41\n"
    )
    assert identity_kinds(prose) == [("xref.identity", "error", "1248.32万元")]
    assert identity_kinds(prose + table) == [("xref.table", "error", "512.41万元")]


def test_a_cell_named_twice_with_two_figures_takes_part_in_no_identity():
    """Which 公用经费 is meant is the restatement rule's question, not a premise for another error."""
    text = (
        "六、一般公共预算财政拨款基本支出决算情况说明\n"
        "2022年度一般公共预算财政拨款基本支出 431.75 万元。人员经费 388.20 万元，主要包括基本工资。"
        "公用经费 43.55 万元，主要包括办公费。\n八、机关运行经费支出说明\n公用经费 50.00 万元，比上年增加 2.00 万元。\n"
    )
    assert [f for f in identity_kinds(text) if f[0] == "xref.identity"] == []


def test_a_unit_slip_is_the_unit_rules_not_a_premise_for_an_identity():
    text = (
        "六、一般公共预算财政拨款基本支出决算情况说明\n"
        "2022年度一般公共预算财政拨款基本支出 431.75 元。人员经费 388.20 万元，主要包括基本工资。"
        "公用经费 43.55 万元，主要包括办公费。\n"
    )
    assert [f for f in identity_kinds(text) if f[0] == "xref.identity"] == []
