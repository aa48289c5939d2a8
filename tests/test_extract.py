"""The claim grammar and the reading of relations, one test per pattern of docs/domain.md §3 (corpus text)."""

from decimal import Decimal

import pytest

from auditor.document.model import Document, normalise
from auditor.extract import extract
from auditor.extract.grammar import tokenize


def quantities(text: str) -> list[tuple[str, str]]:
    return [(str(t.quantity.value), t.quantity.unit) for t in tokenize(normalise(text)) if t.quantity]


def facts_of(text: str):
    return extract(Document(text))


def show(m) -> str:
    return None if m is None else f"{m.label}={m.quantity.display()}"


# --- the grammar: amounts, units, and what is never an amount -------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("收、支总计1,920.38万元", [("1920.38", "万元")]),
        ("本年支出合计 774.37 万元", [("774.37", "万元")]),
        ("本年支出合计 774.37 元", [("774.37", "元")]),
        ("资金 1.5 亿元", [("1.5", "亿元")]),
        ("占５１．１％", [("51.1", "%")]),
        ("共有车辆 94 辆", [("94", "辆")]),
        ("公务接待 0 批次、0 人次", [("0", "批次"), ("0", "人次")]),
        ("设备 1 台（套）", [("1", "台(套)")]),
        ("自评得分为 99.43 分", [("99.43", "分")]),
        ("取得 2 篇软件著作权证书", [("2", "篇")]),
        # a bare 万/亿 is a magnitude with its unit left implied: not a number without a unit, and not money either
        ("该项目共计需336.48万,主要包括设备购置", [("336.48", "万")]),
        ("投资约 2 亿。", [("2", "亿")]),
        ("受益群众 1.2 万人", [("1.2", "")]),
    ],
)
def test_amounts_and_units(text, expected):
    assert quantities(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2023 年度部门决算",
        "截至 2023 年 12 月 31 日",
        "2022年10月—2023年10月",
        "ISO14001 第八次换证审核",
        "IPV6 通讯协议年费",
        "51050022T000000400466",
        "上年结转-2022年R&D经费",
    ],
)
def test_years_dates_and_codes_are_never_amounts(text):
    assert [q for q in quantities(text) if q[1]] == []


def test_subject_codes_have_no_unit():
    assert quantities("2080505 机关事业单位基本养老保险缴费支出") == [("2080505", "")]


def test_price_per_item_is_not_an_amount():
    assert quantities("预算控制数 228.57元/册") == [("228.57", "")]


# --- relations -------------------------------------------------------------------------------


def test_total_with_parts_and_shares():
    facts = facts_of("本单位2023年度本年支出合计774.37万元，其中：基本\n支出395.91万元，占51.1%；项目支出378.46万元，占48.9%；上缴上级支出0.00万元，占0.0%。")
    (lst,) = facts.lists
    assert show(lst.whole) == "本年支出合计=774.37万元"
    assert [show(p) for p in lst.parts] == ["基本支出=395.91万元", "项目支出=378.46万元", "上缴上级支出=0.00万元"]
    assert lst.complete
    assert [(show(s.part), s.rate.quantity.text, show(s.whole)) for s in facts.shares][:2] == [
        ("基本支出=395.91万元", "51.1", "本年支出合计=774.37万元"),
        ("项目支出=378.46万元", "48.9", "本年支出合计=774.37万元"),
    ]


def test_year_on_year_change_and_growth():
    facts = facts_of("本单位2023年度收、支总计（含结转和结余）774.37万元。与2022年度决算相比，收支各增加112.36万元，增长17.0%，主要原因是：项目数量增加。")
    (yoy,) = facts.year_on_year
    assert show(yoy.subject) == "收、支总计(含结转和结余)=774.37万元"
    assert (yoy.change.quantity.value, yoy.change_sign) == (Decimal("112.36"), 1)
    assert (yoy.growth.quantity.value, yoy.growth_sign) == (Decimal("17.0"), 1)


def test_decrease_is_negative():
    facts = facts_of("2024年度“三公”经费财政拨款支出全年预算3.05万元，支出决算3.05万元，比上年度减少40.07万元，下降92.93%。")
    (yoy,) = facts.year_on_year
    assert show(yoy.subject) == "支出决算=3.05万元"
    assert (yoy.change_sign, yoy.growth_sign) == (-1, -1)


def test_flat_against_last_year_asserts_nothing_checkable():
    facts = facts_of("2. 政府性基金预算财政拨款本年收入合计0.00万元，与上年持平；本年支出合计0.00万元，与上年持平。")
    assert facts.year_on_year == () and facts.budgets == ()


def test_against_budget_with_difference():
    facts = facts_of("本单位2023年度财政拨款本年收入合计774.37万元，完\n成年初预算的94.7%，比年初预算减少43.26万元，决算数小于预算数。")
    (b,) = facts.budgets
    assert show(b.actual) == "财政拨款本年收入合计=774.37万元"
    assert (b.rate.quantity.text, b.diff.quantity.text, b.diff_sign, b.budget) == ("94.7", "43.26", -1, None)


def test_budget_versus_final_with_difference_rate():
    facts = facts_of("年初预算数 409.94 万元，决算数 908.86 万元，预决算差异率 121.71%。")
    (b,) = facts.budgets
    assert (show(b.budget), show(b.actual), b.diff_rate.quantity.text) == ("年初预算数=409.94万元", "决算数=908.86万元", "121.71")


def test_class_structure_list_is_partial():
    facts = facts_of("2023 年度财政拨款支出合计 774.37 万元，主要用于以\n下方面：\n科学技术（类）支出 5.00 万元，占 0.6%，主要用于课题的相关支出；社会保障和就业（类）支出 53.78 万元，占 6.9%。")
    (lst,) = facts.lists
    assert show(lst.whole) == "财政拨款支出合计=774.37万元" and not lst.complete
    assert [s.rate.quantity.text for s in facts.shares] == ["0.6", "6.9"]


def test_three_public_budget_and_growth():
    facts = facts_of("本单位 2023 年度“三公”经费财政拨款支出预算为\n1.23 万元，支出决算为 1.23 万元，完成预算的 100.0%，与\n预算持平，较 2022 年度决算增加 0.34 万元，增长 37.6%。")
    (b,) = facts.budgets
    assert (show(b.budget), show(b.actual), b.flat) == ("“三公”经费财政拨款支出预算=1.23万元", "支出决算=1.23万元", True)
    (yoy,) = facts.year_on_year
    assert (yoy.change.quantity.text, yoy.growth.quantity.text) == ("0.34", "37.6")


def test_procurement_parts_and_named_base_share():
    facts = facts_of(
        "本单位 2023 年度政府采购支出总额 717.21 万元，从采\n购类型来看，政府采购货物支出 0.15 万元、政府采购工程\n支出 0.00 万元、政府采购服务支出 717.06 万元。授予中小\n"
        "企业合同金额 0.00 万元，其中授予小微企业合同金额 0.00\n万元，占政府采购支出总额的 0.0%。"
    )
    procurement = facts.lists[0]
    assert show(procurement.whole) == "政府采购支出总额=717.21万元" and procurement.complete
    assert len(procurement.parts) == 3
    (share,) = facts.shares
    assert (show(share.part), share.base_label) == ("授予小微企业合同金额=0.00万元", "政府采购支出总额")


def test_vehicle_counts_ignore_the_explanation_after_the_list():
    facts = facts_of(
        "截至 2023 年 12 月 31 日，本部门共有车辆 21 辆，比上年减少 4 辆，主要是本年度车辆报废两台。其中，主要负责人用车 0 辆，"
        "特种专业技术用车 0 辆，其他用车 21 辆，其他用车主要是 2 辆在用，8 辆为原东区巡警交警车辆；11 辆为 90 年代购入车辆。"
    )
    (lst,) = facts.lists
    assert show(lst.whole) == "共有车辆=21辆"
    assert [p.quantity.text for p in lst.parts] == ["0", "0", "21"]


def test_project_summary_is_a_budget_comparison():
    facts = facts_of("（1）移动源污染编外聘用人员项目绩效自评情况：自评得分为 99.43 分（绩效自评表附后）。全年预算数为 120\n万元，执行数为 113.12 万元，完成预算的 94.27%。")
    (b,) = facts.budgets
    assert (show(b.budget), show(b.actual), b.rate.quantity.text) == ("全年预算数=120万元", "执行数=113.12万元", "94.27")


def test_reason_clause_figures_are_asides():
    facts = facts_of("本年支出合计500.00万元，比上年增加50.00万元，主要原因是人员经费增加30.00万元，增长10.0%。")
    (yoy,) = facts.year_on_year
    assert yoy.change.quantity.text == "50.00" and yoy.growth is None
    assert [m.role for m in facts.mentions if m.quantity.text == "30.00"] == ["aside"]


def test_named_subject_in_a_later_sentence():
    facts = facts_of("2024年度收入总计47,549.83万元，支出总计47,549.83万元。与上年相比，收入总计增加17,356.89万元，增长57.49%，支出总计增加17,356.89万元，增长57.49%。")
    assert [show(y.subject) for y in facts.year_on_year] == ["收入总计=47,549.83万元", "支出总计=47,549.83万元"]


def test_qizhong_starting_a_sentence_hangs_from_the_previous_one():
    facts = facts_of("政府采购授予中小企业合同金额9,702.52万元，占政府采购支出总额的83.02%。其中：授予小微企业合同金额4,545.96万元，占政府采购支出总额的38.90%。")
    (lst,) = facts.lists
    assert show(lst.whole) == "政府采购授予中小企业合同金额=9,702.52万元"
    assert [show(p) for p in lst.parts] == ["授予小微企业合同金额=4,545.96万元"] and not lst.complete


def test_subject_named_with_the_qualifier_its_first_statement_left_implicit():
    facts = facts_of("2024年度财政拨款收入总计37,301.92万元，支出总计37,301.92万元。与上年相比，财政拨款收入总计增加8,018.58万元，增长27.38%；财政拨款支出总计增加8,018.58万元，增\n长27.38%。")
    assert [show(y.subject) for y in facts.year_on_year] == ["财政拨款收入总计=37,301.92万元", "支出总计=37,301.92万元"]


def test_rate_in_the_sentence_after_its_figures():
    facts = facts_of("1. 因公出国（境）费支出情况。本部门2023年度因公出国（境）费支出预算为23.45万元，支出决算23.45万元。完成预算的100.0%。")
    (b,) = facts.budgets
    assert (show(b.budget), show(b.actual), b.rate.quantity.text) == ("因公出国(境)费支出预算=23.45万元", "支出决算=23.45万元", "100.0")
