"""Properties over generated disclosures (tests/generated): no false alarm on a consistent document, and a
figure changed beyond its rounding is caught where it stands.

The generator (generated/disclosure.py) draws true figures, rounds them as an office does and renders
the nine tables and the prose of 第三部分 with the layout hazards of docs/domain.md §6. Each printed
figure is recorded with its span and kind, so the mutation property knows which line must be reported.

What the generator steers around because the auditor gets it wrong is listed at the end of this file,
each with a minimal text, as strict xfail tests: when the auditor is fixed they fail, and the
generator's detour (marked in disclosure.py) can go.
"""

from __future__ import annotations

import random
import re
from decimal import ROUND_CEILING, Decimal

import pytest
from generated.disclosure import disclosure
from generated.model import Rendered, Stated
from generated.strategies import disclosures
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

import auditor
from auditor.extract import extract

# Figures whose change the auditor must catch: each enters a relation it checks (a table identity,
# a restated table cell, a complete list, a share, a comparison with last year or the budget).
CHECKED_KINDS = frozenset({
    "table.cell", "prose.amount", "prose.share", "prose.growth", "prose.change", "prose.budget-rate", "prose.budget-diff",
    "prose.diff-rate", "prose.count",
})
# Figures nothing pins down (团组, 批次, 保有量, the 100 万元 threshold, a change with no rate, an amount bound only
# by a coarse share), and figures the auditor misses (KNOWN_FALSE_NEGATIVES): money restated in other words,
# 公开04表's 年初结转 by fund.
UNCHECKED_KINDS = frozenset({
    "prose.amount.lone", "prose.count.lone", "prose.change.lone", "prose.share.lone", "prose.amount.restated", "table.cell.breakdown",
})

# A share of the loaded profile ("ci": 200, "long": 5000): one audit takes about 0.1 s.
EXAMPLES = settings().max_examples
# A document takes a thousand or so draws from its Random: large by nature, not by accident.
LARGE = [HealthCheck.large_base_example, HealthCheck.data_too_large, HealthCheck.too_slow]


def audit(text: str) -> auditor.Report:
    return auditor.check(auditor.Document(text, "generated.txt"))


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def changed(text: str, figure: Stated) -> tuple[str, str]:
    """The text with one figure raised by a tenth, and by at least 5 units of its last place (30 for a table cell,
    whose identities may add up 30 rounded cells), printed as before: separators kept, a wrap inside it kept."""
    ulp = Decimal(1).scaleb(-figure.places)
    floor = 30 if figure.kind == "table.cell" else 5
    value = figure.value + max((abs(figure.value) / 10).quantize(ulp, rounding=ROUND_CEILING), floor * ulp)
    old = text[figure.start : figure.end]
    new = f"{value:,.{figure.places}f}" if "," in old else f"{value:.{figure.places}f}"
    if wrap := re.search(r"\s+", old):
        new = new[: wrap.start()] + wrap.group() + new[wrap.start() :]
    return text[: figure.start] + new + text[figure.end :], new


@settings(max_examples=max(20, EXAMPLES // 2), suppress_health_check=LARGE)
@given(disclosures())
def test_a_consistent_disclosure_has_no_error_and_no_warning(doc: Rendered):
    """Every claim the generator writes holds for true values inside its figures' intervals (docs/domain.md §5), and
    none needs a stretch (truncation, shares nudged to 100 %, growth from zero): no error, no warning."""
    report = audit(doc.text)
    noisy = [f for f in report.findings if f.severity in ("error", "warning")]
    assert not noisy, "\n".join(f"{f.location.line}: {f.severity} [{f.rule}] {f.message}" for f in noisy)


@settings(max_examples=max(20, EXAMPLES // 4), suppress_health_check=LARGE)
@given(disclosures())
def test_a_consistent_disclosure_without_its_tables_has_no_error_and_no_warning(doc: Rendered):
    """With 第二部分 (the nine tables) left out, the prose is checked against itself, the table identities
    included (`xref.identity`): a consistent text still gives no error and no warning."""
    text = doc.text
    prose_only = text[: text.index("\n第二部分")] + "\n" + text[text.index("第三部分") :]
    report = audit(prose_only)
    noisy = [f for f in report.findings if f.severity in ("error", "warning")]
    assert not noisy, "\n".join(f"{f.location.line}: {f.severity} [{f.rule}] {f.message}" for f in noisy)


@settings(max_examples=max(20, EXAMPLES // 4), suppress_health_check=LARGE)
@given(disclosures())
def test_every_stated_figure_spans_its_digits(doc: Rendered):
    for figure in doc.figures:
        printed = doc.text[figure.start : figure.end]
        assert re.sub(r"[\s,]", "", printed) == f"{figure.value:.{figure.places}f}", figure
        assert printed[0].isdigit() and printed[-1].isdigit(), figure
        assert figure.kind in CHECKED_KINDS | UNCHECKED_KINDS, f"classify the new kind {figure.kind}"


@settings(max_examples=max(20, EXAMPLES // 2), suppress_health_check=LARGE)
@given(disclosures(), st.data())
def test_a_changed_figure_is_caught_on_its_line(doc: Rendered, data):
    """Raise one checked figure beyond what rounding allows: an error stands at, or names as related, its line."""
    figure = data.draw(st.sampled_from([f for f in doc.figures if f.kind in CHECKED_KINDS]))
    text, new = changed(doc.text, figure)
    line = line_of(text, figure.start)
    note(f"{figure.kind} {doc.text[figure.start:figure.end]!r} → {new!r} at line {line}: {text.splitlines()[line - 1]}")
    report = audit(text)
    assert any(f.location.line == line or any(r.line == line for r in f.related) for f in report.errors), (
        f"{figure.kind} changed to {new} at line {line} not caught; errors: {[(f.location.line, f.rule) for f in report.errors]}"
    )


def test_documents_are_small_and_every_kind_occurs():
    """Realistic sizes by default (a few KB to 40 KB), ``projects`` makes them bigger, and the seeds cover every kind."""
    docs = [disclosure(random.Random(seed)) for seed in range(40)]
    sizes = [len(doc.text.encode()) for doc in docs]
    assert 5_000 < min(sizes) and max(sizes) < 40_000
    assert len(disclosure(random.Random(0), projects=12).text) > len(disclosure(random.Random(0), projects=1).text)
    assert {f.kind for doc in docs for f in doc.figures} == CHECKED_KINDS | UNCHECKED_KINDS


def test_the_phrasings_of_other_provinces_occur():
    """docs/domain.md §3's other phrasings are drawn too, so the consistency property covers them."""
    texts = [disclosure(random.Random(seed)).text.translate(str.maketrans("預萬決數總計費為較與,", "预万决数总计费为较与，")) for seed in range(60)]
    originals = [disclosure(random.Random(seed)).text for seed in range(60)]
    assert any("決算" in t for t in originals)  # traditional script
    assert any(re.search(r"合计与上年相比，(增加|减少|增长|下降)", t) for t in texts)  # the subject before the comparison
    assert any(re.search(r"决算数[大小]于预算数\s*\d", t) for t in texts)  # the difference as a direction word
    assert any("占总支出的" in t for t in texts)  # a base named in other words
    # issue 21: an implicit whole, an item's budget stated apart from its rate and restated in a table's note,
    # a total closing its amounts, parts in brackets, a mixed list, a rate in a narrative, pinyin
    assert any("分别占" in t for t in texts) and any(re.search(r"公务接待费支出决算\s*[\d.]+\s*万元，占", t) for t in texts)
    assert any(re.search(r"其中：因公出国（境）费预算", t) for t in texts)
    assert any("注：" in t and "本单位公务接待费预算数为" in t for t in texts)
    assert any("共计采购支出" in t and "（在职" in t and "博士研究生" in t and "预算执行率为" in t for t in texts)
    assert any("预(yù)算" in t for t in originals)


# --- What the generator avoids, because the auditor gets it wrong ---------------------------------------

def test_a_numbered_paragraph_wrapped_inside_its_first_figure_is_one_sentence():
    """A numbered paragraph whose first line has no punctuation is not a title when that line ends in a figure:
    the sentence goes on across the wrap, between a figure and its unit or inside a figure."""
    before_unit = (
        "四、财政拨款收入支出决算总体情况说明\n\n（一）财政拨款收支与2022年度决算对比情况\n\n"
        "2. 政府性基金预算财政拨款本年收入合计491.11万\n\n元，与上年持平；本年支出合计491.11万元，与上年持平。\n"
    )
    assert not audit(before_unit).errors
    first = extract(auditor.Document(before_unit, "x.txt")).mentions[0]
    assert (first.quantity.text, first.quantity.unit, first.label) == ("491.11", "万元", "政府性基金预算财政拨款本年收入合计")
    inside = "四、财政拨款收入支出决算总体情况说明\n\n1. 一般公共预算财政拨款本年收入合计12994.5\n\n3万元，比上年减少5569.08万元，下降30.0%。\n"
    assert not audit(inside).errors
    assert [f.stated for f in audit(inside.replace("30.0%", "31.0%")).errors] == ["31.0%"]


def test_the_budget_of_one_clause_is_not_the_budget_of_the_next_item():
    """After a "；" that names another item (本年支出合计), the 收入 clause's 年初预算 is not its budget."""
    text = (
        "四、财政拨款收入支出决算总体情况说明\n\n（二）财政拨款收支与年初预算数对比情况\n\n本单位2023年度财政拨款本年收入合计年初预算100.00万元，"
        "决算110.00万元，完成年初预算的110.0%；本年支出合计110.00万元，完成年初预算的104.8%，比年初预算增加5.00万元。\n"
    )
    assert not audit(text).errors
    assert audit(text.replace("110.0%", "111.0%")).errors


_TABLE_04 = (
    "财政拨款收入支出决算总表\n\n公开04表\n\n金额单位：万元\n\n收 入\t\t\t支 出\t\t\t\t\n"
    "项目\t行次\t金额\t项目\t行次\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款\n"
    "栏次\t\t1\t栏次\t\t2\t3\t4\t5\n"
    "一、一般公共预算财政拨款\t1\t100.00\t一、一般公共服务支出\t33\t100.00\t100.00\t\t\n"
    "本年收入合计\t27\t100.00\t本年支出合计\t59\t100.00\t100.00\t\t\n"
    "年初财政拨款结转和结余\t28\t\t年末财政拨款结转和结余\t60\t\t\t\t\n"
    "总计\t32\t150.00\t总计\t64\t100.00\t100.00\t\t\n"
)
_TABLE_04_BREAKDOWN = _TABLE_04.replace(
    "年初财政拨款结转和结余\t28\t\t年末财政拨款结转和结余\t60\t\t\t\t", "年初财政拨款结转和结余\t28\t50.00\t年末财政拨款结转和结余\t60\t50.00\t50.00\t\t"
).replace("总计\t32\t150.00\t总计\t64\t100.00\t100.00\t\t\n", "一、一般公共预算财政拨款\t29\t80.00\t\t61\t\t\t\t\n")

# (text, the wrong figure: an error must stand at or name its line)
KNOWN_FALSE_NEGATIVES = {
    # 公开04表's 总计 rows have no identity (income 总计 = 本年收入合计 + 年初结转, = expenditure 总计): the generator prints none.
    "04 总计 not checked": (_TABLE_04, "150.00"),
    # Nor its 年初财政拨款结转和结余 broken down by fund (一、一般公共预算财政拨款 … below it): kind table.cell.breakdown.
    "04 年初结转 by fund not checked": (_TABLE_04_BREAKDOWN, "80.00"),
    # The same money said twice in one sentence in other words (发生运行维护费支出 = 公务用车运行维护费支出).
    "restatement in other words": (
        "五、财政拨款“三公”经费支出决算情况说明\n\n公务用车运行维护费支出4.04万元：本单位2023年度单位公务用车保有量2辆，发生运行维护费支出5.04万元。\n", "5.04"
    ),
    # 收、支总计各增加 after 收入总计 and 支出总计 stated apart: the change finds no subject, so no rate is checked.
    # The generator writes 收、支总计 … 收支各增加.
    "收、支总计各增加 with no subject": (
        "一、收入支出决算总体情况说明\n\n本单位2023年度收入总计774.37万元，支出总计774.37万元。与2022年度相比，收、支总计各增加112.36万元，增长19.0%。\n",
        "19.0%",
    ),
}


def test_a_part_restated_after_its_colon_is_counted_once():
    """The corpus's template with a car bought: "购置费支出 32.67 万元：…发生购置经费支出 32.67 万元" explains the part."""
    text = (
        "五、财政拨款“三公”经费支出决算情况说明\n\n2.公务用车购置及运行维护费支出情况。本单位2023年度公务用车购置及运行维护费预算为36.71万元，"
        "支出决算36.71万元，完成预算的100.0%，与预算持平。其中：公务用车购置费支出32.67万元：本单位2023年度公务用车购置量1辆，"
        "发生“公务用车购置”经费支出32.67万元。公务用车运行维护费支出4.04万元：本单位2023年度单位公务用车保有量2辆，发生运行维护费支出4.04万元。\n"
    )
    assert not audit(text).errors
    assert [f.rule for f in audit(text.replace("运行维护费支出4.04万元：", "运行维护费支出5.04万元：")).errors] == ["sum"]


def test_a_list_after_a_full_stop_is_complete():
    """共有车辆 12 辆。其中：… is the whole list of the previous sentence's head (docs/domain.md §3): parts that fall short are an error."""
    text = "八、国有资产占用情况说明\n\n截至2023年12月31日，本单位共有车辆12辆。其中：机要通信用车3辆，应急保障用车1辆，其他用车2辆。\n"
    (error,) = audit(text).errors
    assert error.rule == "sum" and error.stated == "12辆"
    assert not audit(text.replace("其他用车2辆", "其他用车8辆")).errors


@pytest.mark.parametrize(("text", "wrong"), [pytest.param(*v, id=k) for k, v in KNOWN_FALSE_NEGATIVES.items()])
@pytest.mark.xfail(strict=True, raises=AssertionError, reason="known auditor false negative; the generator avoids it or marks it unchecked")
def test_known_false_negative(text, wrong):
    line = line_of(text, text.index(wrong))
    assert any(f.location.line == line or any(r.line == line for r in f.related) for f in audit(text).errors)

