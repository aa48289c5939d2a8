"""Lists that name their items first and give the amounts after 分别 (``A、B和C分别为 a、b、c 万元``), lists that end
in 等 (only some of the parts are said), and a 其中 after two members of one classification (either may be its whole).

A names-first list states the same facts as one that gives each item its amount (``A a 万元、B b 万元``): the two
printings must get the same verdict. Where the amounts are not as many as the items, nothing is guessed.
"""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from prose_checks import kinds as verdict

from auditor.extract.labels import respective_items


def test_three_items_then_their_amounts_add_up_to_the_total():
    text = "本年支出合计 100.00 万元，其中：基本支出、项目支出、经营支出分别为 60.00 万元、30.00 万元、10.00 万元。"
    assert verdict(text) == []
    assert verdict(text.replace("10.00 万元", "15.00 万元")) == [("sum", "error", "100.00万元")]


def test_the_unit_written_once_after_the_last_amount_is_every_amounts():
    text = "本年支出合计 100.00 万元，其中：基本支出、项目支出、经营支出分别为 60.00、30.00、10.00 万元。"
    assert verdict(text) == []
    assert verdict(text.replace("30.00、", "35.00、")) == [("sum", "error", "100.00万元")]


def test_items_joined_by_he_and_amounts_joined_by_he():
    text = "本年支出合计 100.00 万元，其中：基本支出和项目支出分别为 60.00 万元和 40.00 万元。"
    assert verdict(text) == []
    assert verdict(text.replace("40.00 万元", "45.00 万元")) == [("sum", "error", "100.00万元")]


def test_the_last_two_of_three_items_joined_by_he():
    text = "本年支出合计 100.00 万元，其中：基本支出、项目支出和经营支出分别为 60.00 万元、30.00 万元和 10.00 万元。"
    assert verdict(text) == []
    assert verdict(text.replace("60.00 万元", "50.00 万元")) == [("sum", "error", "100.00万元")]


def test_short_items_share_the_last_items_tail():
    text = "政府采购支出总额 100.00 万元，其中：货物、工程、服务支出分别为 10.00 万元、20.00 万元、70.00 万元。"
    assert verdict(text) == []
    assert verdict(text.replace("70.00 万元", "75.00 万元")) == [("sum", "error", "100.00万元")]


def test_shares_after_a_names_first_list_go_to_its_items_in_order():
    text = "本年支出合计 100.00 万元，其中：基本支出和项目支出分别为 60.00 万元和 40.00 万元，分别占 60.0%、40.0%。"
    assert verdict(text) == []
    assert verdict(text.replace("40.0%。", "45.0%。")) == [("share", "error", "45.0%")]


def test_an_item_restated_elsewhere_is_the_same_quantity():
    text = (
        "一、收入支出决算总体情况说明\n本年支出合计 100.00 万元，其中：基本支出、项目支出分别为 60.00 万元、40.00 万元。\n"
        "二、一般公共预算财政拨款支出决算情况说明\n本年收入合计 100.00 万元，全部为一般公共预算财政拨款收入。"
        "一般公共预算财政拨款基本支出 60.00 万元。\n"
    )
    assert verdict(text) == []
    assert verdict(text.replace("基本支出 60.00", "基本支出 61.00")) == [("xref", "error", "61.00万元")]


def test_fewer_amounts_than_items_are_not_given_to_items():
    """Two items, one amount: which item it is of is not said, so no list is read and nothing is reported."""
    text = "本年支出合计 100.00 万元，其中：基本支出、项目支出分别为 60.00 万元。"
    assert verdict(text) == []


def test_a_budget_and_its_final_figure_are_no_list_of_items():
    """预算、决算 name two figures of one item, not two items (决算 alone does not say which item): no reading as a list."""
    assert respective_items("公务接待费预算、决算") == ()
    assert respective_items("年初结转和结余、本年收入") == ()  # 本年收入 does not say which income
    assert respective_items("基本支出、项目支出和经营支出") == (("基本支出", "项目支出和经营支出"), ("基本支出", "项目支出", "经营支出"))
    text = "公务接待费预算、决算分别为 12.00 万元、10.00 万元，决算比预算减少 3.00 万元。"
    assert verdict(text) == []


def test_a_list_ending_in_deng_is_bounded_by_its_whole_not_summed():
    text = "本年支出合计 100.00 万元，其中：基本支出 60.00 万元、项目支出 30.00 万元等。"
    assert verdict(text) == []
    assert verdict(text.replace("30.00 万元等", "50.00 万元等")) == [("sum", "error", "100.00万元")]  # more than the whole


def test_deng_with_a_count_closes_the_list():
    """``等 2 项``, ``等两项``: the list counts all its items, so they add up to the whole."""
    for closing in ("等 2 项", "等两项"):
        text = f"本年支出合计 100.00 万元，其中：基本支出 60.00 万元、项目支出 30.00 万元{closing}。"
        assert verdict(text) == [("sum", "error", "100.00万元")], closing


def test_a_parenthesis_ending_in_deng_lists_only_some_parts():
    text = "共有人员 42 名（在职 30 名、退休 9 名等），比上年增加 2 名。"
    assert verdict(text) == []
    assert verdict(text.replace("等）", "）")) == [("sum", "error", "42名")]


_ITEMS = ("基本支出", "项目支出", "经营支出")


def _printings(amounts: list[Decimal], total: Decimal) -> list[str]:
    """The same facts printed four ways: each item with its amount, and names first (units on each, once, with 和)."""
    n = len(amounts)
    names, values = _ITEMS[:n], [f"{a:.2f}" for a in amounts]
    head = f"本年支出合计 {total:.2f} 万元，其中："
    each = head + "、".join(f"{name} {value} 万元" for name, value in zip(names, values, strict=True)) + "。"
    first = head + "、".join(names) + "分别为 " + "、".join(f"{v} 万元" for v in values) + "。"
    once = head + "、".join(names) + "分别为 " + "、".join(values) + " 万元。"
    joined = head + "、".join(names[:-1]) + "和" + names[-1] + "分别为 " + "、".join(f"{v} 万元" for v in values[:-1]) + f"和 {values[-1]} 万元。"
    return [each, first, once, joined]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=99_999), min_size=2, max_size=3),
    st.integers(min_value=-300, max_value=300),
)
def test_names_first_and_item_by_item_get_the_same_verdict(cents: list[int], drift: int):
    amounts = [Decimal(c) / 100 for c in cents]
    total = sum(amounts) + Decimal(drift) / 100
    printings = _printings(amounts, total)
    verdicts = [verdict(text) for text in printings]
    assert all(v == verdicts[0] for v in verdicts), list(zip(printings, verdicts, strict=True))
    # the parts' rounding intervals reach the total's unless it is off by more than half a cent a figure
    off = 2 * abs(drift) > len(amounts) + 1
    assert any(severity == "error" for _, severity, _ in verdicts[0]) == off, printings[0]


# --- a 其中 after two members of one classification: either may be its whole ------------------------------------


def test_a_breakdown_after_two_siblings_goes_to_the_one_it_fits():
    """在职 42 and 退休 9, then 其中男 25、女 17: the 42 in service, not the 9 retired stated last."""
    text = "本单位共有在职人员 42 人，退休人员 9 人；其中男性 25 人，女性 17 人。"
    assert verdict(text) == []
    money = "本年支出合计 100.00 万元，基本支出 60.00 万元，项目支出 40.00 万元；其中：人员经费 50.00 万元、公用经费 10.00 万元。"
    assert verdict(money) == []


def test_a_breakdown_after_two_siblings_that_fits_neither_is_not_reported():
    """52 people are neither the 42 nor the 9: which the writer meant is not said, so no error is built on a guess."""
    assert verdict("本单位共有在职人员 42 人，退休人员 9 人；其中男性 25 人，女性 27 人。") == []


def test_a_breakdown_of_a_figure_with_no_sibling_is_checked_as_before():
    assert verdict("基本支出 60.00 万元，其中：人员经费 50.00 万元、公用经费 20.00 万元。") == [("sum", "error", "60.00万元")]
    assert verdict("在职人员 42 人；其中男性 25 人，女性 27 人。") == [("sum", "error", "42人")]


# --- 由…组成 ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("closing", ["组成", "构成"])
def test_parts_between_you_and_zucheng_add_up_to_the_whole(closing):
    text = f"本年支出合计 100.00 万元，由基本支出 60.00 万元和项目支出 40.00 万元{closing}。"
    assert verdict(text) == []
    assert verdict(text.replace("40.00", "45.00")) == [("sum", "error", "100.00万元")]


def test_mainly_made_of_names_only_some_parts():
    """主要由…构成: the main parts only, bounded by the whole (exceeding it is still an error)."""
    text = "本年支出合计 100.00 万元，主要由基本支出 60.00 万元、项目支出 30.00 万元构成。"
    assert verdict(text) == []
    assert verdict(text.replace("30.00", "50.00")) == [("sum", "error", "100.00万元")]


def test_you_yu_and_a_you_without_zucheng_open_no_list():
    assert verdict("本年支出合计 100.00 万元，由于人员增加，基本支出 60.00 万元、项目支出 30.00 万元。") == []
    assert verdict("本项目由区财政局负责组织实施，预算 100.00 万元，执行 90.00 万元。") == []


@pytest.mark.parametrize("naming", ["由基本支出、项目支出组成", "其中：基本支出、项目支出两项"])
def test_items_named_in_the_clause_before_fenbie_wei(naming):
    text = f"本年支出合计 100.00 万元，{naming}，分别为 60.00 万元、40.00 万元。"
    assert verdict(text) == []
    assert verdict(text.replace("40.00", "45.00")) == [("sum", "error", "100.00万元")]


def test_a_list_closed_by_qita_is_a_names_first_list():
    """其他收入 names the rest of the list's items (alone it would not say which item): the six sources of 02 in order."""
    text = ("本年收入合计 3,231.17 万元，其中：财政拨款收入、上级补助收入、事业收入、经营收入、附属单位上缴收入、其他收入分别为 "
            "3,167.43 万元、0.00 万元、0.00 万元、0.00 万元、63.74 万元、0.00 万元，分别占 98.03%、0.00%、0.00%、0.00%、1.97%、0.00%。")
    assert verdict(text) == []
    assert verdict(text.replace("63.74", "73.74")) == [("share", "error", "1.97%"), ("sum", "error", "3,231.17万元")]
