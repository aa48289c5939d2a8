"""Any text at all gives a Report (or a clear InputError for bytes), never an exception."""

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import auditor
from auditor.read import InputError, decode

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
EMERGENCY = (CORPUS / "qinhuangdao-emergency-center-2023.txt").read_text(encoding="utf-8")

# Pieces of disclosure prose, so that random text often looks like a claim.
PIECES = st.sampled_from(
    [
        "本年支出合计", "774.37", "万元", "元", "亿元", "，", "；", "：", "。", "其中", "占", "占比", "%", "％",
        "比上年增加", "减少", "增长", "下降", "完成年初预算的", "比年初预算减少", "预决算差异率", "与上年持平",
        "与预算持平", "主要原因是", "主要用于以下方面", "从采购类型来看", "辆", "个", "分", "0.00", "0", "100",
        "1,920.38", "\n", "\n\n", "一、", "（一）", "1. ", "第三部分", "\t", "2023年度", "— 7 —", "9.4269\n\n2",
    ]
)


def check_never_raises(text: str):
    report = auditor.check(auditor.Document(text))
    for f in report.findings:
        assert f.location.line >= 1 and f.location.column >= 1
        assert f.severity in ("error", "warning", "info")
    return report


@given(st.lists(PIECES, max_size=60).map("".join))
def test_prose_like_text_never_raises(text):
    check_never_raises(text)


@given(st.text(max_size=300))
def test_any_unicode_never_raises(text):
    check_never_raises(text)


@given(st.binary(max_size=300))
def test_any_bytes_decode_or_fail_clearly(data):
    try:
        text, _ = decode(data, "x.txt")
    except InputError as exc:
        assert str(exc).startswith("x.txt: ")
        return
    check_never_raises(text)


@given(st.integers(min_value=0, max_value=len(EMERGENCY)))
def test_truncated_corpus_never_raises(cut):
    check_never_raises(EMERGENCY[:cut])


def test_very_long_line_is_audited():
    line = "本年支出合计774.37万元，其中：基本支出395.91万元，占51.1%；项目支出378.46万元，占48.9%。" * 3000
    report = check_never_raises(line)
    assert report.errors == ()


def test_flat_statement_inside_a_reason_clause():
    """Regression: 持平 inside a reason clause was recorded as a figure without a quantity and crashed `unit`."""
    report = check_never_raises("本年支出合计774.37万元，主要原因是与预算持平。")
    assert report.findings == ()


# Pieces of the standard tables, so that random grids look like 公开01–09表 of every shape.
CELLS = st.sampled_from(
    ["", "", "合计", "总计", "项目", "科目编码", "科目名称", "栏次", "行次", "1", "2", "201", "20103", "2010301", "301",
     "本年支出合计", "基本支出", "项目支出", "收入", "支出", "一、一般公共服务支出", "1,920.38", "0.00", "-", "六十", "10.5"]
)
TITLES = st.sampled_from(["公开01表", "公开03表", "公开04表", "公开06表", "公开09表", "支出决算表", "金额单位：元", "注：以空表列示"])


@given(st.lists(TITLES, max_size=3), st.lists(st.lists(CELLS, max_size=10), max_size=12))
def test_any_table_grid_never_raises(titles, grid):
    text = "\n".join(titles + ["\t".join(row) + "\t" for row in grid])
    for f in check_never_raises(text).findings:
        assert f.rule != "table.layout" or f.severity == "info"
