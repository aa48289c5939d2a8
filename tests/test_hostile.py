"""Hostile and broken input (issue 16): no crash on any table or figure, and a clear word on what went wrong."""

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import auditor
from auditor.quantity import Interval, Quantity, fmt_interval, round_to

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
ETDZ = (CORPUS / "qinhuangdao-etdz-office-2023.txt").read_text(encoding="utf-8")


def _without_rows_of(text: str, marker: str) -> str:
    """The document with every data row (a line starting with a subject code or 合计) of one table removed."""
    lines = text.split("\n")
    start = lines.index(marker)
    out, inside = [], False
    for i, line in enumerate(lines):
        if i == start:
            inside = True
        elif inside and line.startswith("公开"):
            inside = False
        if inside and (line[:3].isdigit() or line.startswith("合计")):
            continue
        out.append(line)
    return "\n".join(out)


def test_standard_table_with_a_header_and_no_data_rows():
    """A truncated extraction can leave 公开05表 with its header only: the cross-table rule says so, never crashes."""
    text = _without_rows_of(ETDZ, "公开05表")
    table05 = text[text.index("公开05表") : text.index("公开06表")]
    assert "\n201\t" not in table05 and "合计\t" not in table05
    report = auditor.check(text)
    notes = [f.message for f in report.findings if f.rule == "table.layout"]
    assert any("公开05表没有数据行" in m for m in notes)
    assert not any(f.rule == "table.cross" and "公开05表" in f.message and f.severity == "error" for f in report.findings)


BIG = "9" * 28
HUGE = "1234567890" * 3


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (f"本年支出合计774.37万元，其中：基本支出395.91万元，占{BIG}%；项目支出378.46万元，占48.9%。", "share"),
        (f"本年支出合计774.37万元，比上年增加112.36万元，增长{BIG}%。", "growth"),
        (f"本年支出合计774.37万元，其中：基本支出{HUGE}.12万元；项目支出378.46万元。", "part-whole"),
        (f"本年支出合计{HUGE}万元，其中：基本支出395.91万元；项目支出378.46万元。", "sum"),
        (f"本年收入合计774.37万元，完成年初预算的{BIG}%，比年初预算减少43.26万元。", "budget"),
    ],
)
def test_figures_with_28_or_more_significant_digits(text, rule):
    """Every digit counts: the finding names the figure, whatever its length (the 28-digit default context is not used)."""
    report = auditor.check(text)
    assert rule in {f.rule for f in report.findings}


def test_interval_formatting_has_no_digit_limit():
    """Intervals are exact to 40 digits and rounded outward beyond: wider, never wrong, never an exception."""
    digits = "7" * 30
    q = Quantity(Decimal(digits + ".25"), 2, "万元", digits + ".25")
    assert fmt_interval(q.interval(), 3) == f"{digits}.245～{digits}.255"
    assert round_to(q.value, 1) == Decimal(digits + ".3")
    long = Quantity(Decimal("7" * 60 + ".25"), 2, "万元", "")
    assert long.interval().contains(long.value) and long.interval().width > 0
    assert fmt_interval(long.interval(), 3).count("～") == 1
    tiny = Quantity(Decimal("1." + "0" * 40 + "1"), 41, "%", "x")
    assert tiny.truncation_interval().hi > tiny.value
    assert fmt_interval(Interval.point(Decimal("1e-50")), 52) == "0." + "0" * 49 + "100"


# Any figure a document may print: from 0 to 60 digits before the point, 0 to 40 after, signed or not.
FIGURES = st.builds(
    lambda sign, whole, frac: f"{sign}{whole}{'.' + frac if frac else ''}",
    st.sampled_from(["", "", "-"]),
    st.one_of(st.sampled_from(["0", "1", "100", "774", "1,920"]), st.text("0123456789", min_size=1, max_size=60)),
    st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=40)),
)
UNITS = st.sampled_from(["万元", "元", "亿元", "%", "个", "辆", "分", ""])
PROSE = st.sampled_from([
    "本年支出合计{0}{u}，其中：基本支出{1}{u}，占{2}%；项目支出{3}{u}，占{4}%。",
    "本年收入合计{0}{u}，比上年增加{1}{u}，增长{2}%。",
    "本年收入合计{0}{u}，完成年初预算的{2}%，比年初预算减少{1}{u}。",
    "年初预算数{0}万元，决算数{1}万元，预决算差异率{2}%。",
    "“三公”经费支出预算为{0}万元，支出决算为{1}万元，完成预算的{2}%，较上年增加{3}万元，增长{4}%。",
    "共有车辆{0}辆。其中：机要通信用车{1}辆、应急保障用车{2}辆。",
    "1.{0}项目绩效自评情况：自评得分为{1}分，全年预算数为{2}万元，执行数为{3}万元，完成预算的{4}%。",
])
TABLE_TITLES = st.sampled_from([f"公开0{n}表" for n in range(1, 10)])
HEADERS = st.sampled_from([
    "科目编码\t科目名称\t合计\t基本支出\t项目支出",
    "项目\t\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出",
    "项目\t金额\t项目\t金额",
    "科目编码\t科目名称\t小计\t基本支出\t项目支出",
    "预算数\t\t\t\t决算数",
])
LABELS = st.sampled_from(["合计", "总计", "本年支出合计", "201", "20103", "2010301", "301", "30101", "一、一般公共服务支出", "小计"])


@st.composite
def documents(draw):
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        rows = [draw(TABLE_TITLES), "金额单位：万元", draw(HEADERS)]
        for _ in range(draw(st.integers(0, 5))):
            cells = draw(st.lists(st.one_of(FIGURES, st.just("")), min_size=0, max_size=6))
            rows.append("\t".join([draw(LABELS), *cells]))
        parts.append("\n".join(rows))
    parts.append("第三部分 情况说明")
    for _ in range(draw(st.integers(1, 4))):
        figures = draw(st.lists(FIGURES, min_size=5, max_size=5))
        parts.append(draw(PROSE).format(*figures, u=draw(UNITS)))
    return "\n".join(parts)


@given(documents())
def test_any_tables_and_figures_at_every_rule(text):
    """Every rule sees tables and claims with figures of any length, sign and precision: a Report, never an exception."""
    report = auditor.check(text)
    for f in report.findings:
        assert f.severity in ("error", "warning", "info")
        assert f.location.line >= 1
