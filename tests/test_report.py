"""The plain-text formatter and the JSON shape of a Report."""

import json
import re
from pathlib import Path

import pytest

import auditor
from auditor.finding import Finding, Location
from auditor.report.report import FileResult, Report
from auditor.report.text import format_text
from auditor.rules import all_rules

LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) \[(?P<rule>[\w.-]+)\] (?P<msg>.+)$")


def finding(path, line, column, severity="error", rule="unit", message="本年支出合计 774.37 元：单位与其他各处的万元不一致"):
    return Finding(
        rule=rule,
        severity=severity,
        message=message,
        location=Location(path, line, column, line, column + 6),
        related=(Location(path, 120, 30, 120, 36),),
        stated="774.37 元",
        expected="774.37 万元",
    )


def test_finding_line_has_path_line_column_severity_rule_message():
    report = Report([finding("a.txt", 128, 23)], [FileResult("a.txt", "utf-8")])
    first = format_text(report).splitlines()[0]
    assert first == "a.txt:128:23: error [unit] 本年支出合计 774.37 元：单位与其他各处的万元不一致"


def test_findings_are_listed_in_document_order_across_files():
    report = Report(
        [finding("b.txt", 3, 1), finding("a.txt", 40, 2, "warning", "share"), finding("a.txt", 7, 9, "info", "sum")],
        [FileResult("a.txt", "utf-8"), FileResult("b.txt", "gb18030")],
    )
    lines = format_text(report).splitlines()
    parsed = [LINE.match(line) for line in lines[:3]]
    assert all(parsed), lines
    assert [(m["path"], int(m["line"]), m["sev"], m["rule"]) for m in parsed] == [
        ("a.txt", 7, "info", "sum"),
        ("a.txt", 40, "warning", "share"),
        ("b.txt", 3, "error", "unit"),
    ]
    assert lines[3] == "b.txt: 按 gb18030 编码读取"
    assert lines[4:] == [
        "",
        "文件   错误  警告  提示  状态",
        "a.txt     0     1     1  通过",
        "b.txt     1     0     0  有错误",
        "",
        "共检查 2 个文件：1 个错误，1 个警告，1 个提示",
    ]


def test_a_message_with_line_breaks_stays_on_one_line():
    report = Report([finding("a.txt", 5, 1, message="第一行\n第二行\r\n第三行")], [FileResult("a.txt", "utf-8")])
    lines = format_text(report).splitlines()
    assert lines[0] == "a.txt:5:1: error [unit] 第一行 第二行 第三行"
    assert len(lines) == 2


def test_unreadable_files_follow_the_findings_and_are_counted():
    report = Report(
        [finding("good.txt", 128, 23)],
        [FileResult("good.txt", "utf-8"), FileResult("gone.txt", "", "文件不存在 (file not found)")],
    )
    assert format_text(report).splitlines() == [
        "good.txt:128:23: error [unit] 本年支出合计 774.37 元：单位与其他各处的万元不一致",
        "gone.txt: 错误 无法读取：文件不存在 (file not found)",
        "",
        "文件      错误  警告  提示  状态",
        "good.txt     1     0     0  有错误",
        "gone.txt     -     -     -  无法读取（原因见上）",
        "",
        "共检查 2 个文件：1 个错误，0 个警告，1 个文件无法读取",
    ]


def test_the_file_table_aligns_chinese_names_by_display_width():
    report = Report([finding("决算公开.txt", 3, 1)], [FileResult("决算公开.txt", "utf-8"), FileResult("b.txt", "utf-8")])
    table = format_text(report).splitlines()[2:5]
    assert table == [
        "文件          错误  警告  提示  状态",
        "决算公开.txt     1     0     0  有错误",
        "b.txt            0     0     0  通过",
    ]


def test_a_clean_report_is_only_the_summary():
    text = format_text(Report([], [FileResult("a.txt", "utf-8")]))
    assert text == "共检查 1 个文件：0 个错误，0 个警告\n"


def test_combine_keeps_every_file_and_orders_findings_by_file_then_place():
    """Findings follow the files as given (a folder's report is written file by file in that order), each file's by place."""
    one = Report([finding("b.txt", 7, 1), finding("b.txt", 2, 1)], [FileResult("b.txt", "utf-8")])
    two = Report([finding("a.txt", 9, 1, "warning"), finding("z.txt", 1, 1)], [FileResult("a.txt", "gb18030")])
    bad = Report([], [FileResult("c.txt", "", "文件为空 (empty file)")])
    combined = Report.combine([one, two, bad])
    # z.txt names no file of the report: its finding comes last
    assert [(f.location.path, f.location.line) for f in combined.findings] == [("b.txt", 2), ("b.txt", 7), ("a.txt", 9), ("z.txt", 1)]
    assert [f.path for f in combined.files] == ["b.txt", "a.txt", "c.txt"]
    assert [f.path for f in combined.unreadable] == ["c.txt"]
    assert not combined.ok


def test_json_round_trips_the_finding_and_file_fields():
    report = Report([finding("a.txt", 128, 23)], [FileResult("a.txt", "utf-8"), FileResult("x.txt", "", "文件为空")])
    data = json.loads(report.to_json())
    [f] = data["findings"]
    assert f["location"] == {"path": "a.txt", "line": 128, "column": 23, "end_line": 128, "end_column": 29}
    assert f["related"] == [{"path": "a.txt", "line": 120, "column": 30}]
    assert (f["rule"], f["severity"], f["stated"], f["expected"]) == ("unit", "error", "774.37 元", "774.37 万元")
    assert data["files"] == [
        {"path": "a.txt", "encoding": "utf-8", "error": None},
        {"path": "x.txt", "encoding": "", "error": "文件为空"},
    ]
    assert "774.37 元" in report.to_json()  # Chinese stays readable, not \u-escaped


def test_a_report_has_no_truth_value():
    report = Report([], [FileResult("a.txt", "utf-8")])
    with pytest.raises(TypeError, match="report.ok"):
        bool(report)
    assert report.ok


def test_excerpt_shows_the_figure_even_on_a_long_line():
    text = "说明" * 200 + "本年支出合计1920.38元，比上年增加477.57万元" + "。" * 200 + "\n本年支出合计1920.38万元。\n本年收入合计1920.38万元。"
    (f,) = auditor.check(text, select=["unit"]).findings
    assert "1920.38元" in f.excerpt and f.excerpt.startswith("…") and len(f.excerpt) < 100


def test_records_are_flat_rows_one_per_finding_on_real_text():
    """What ``pandas.DataFrame(report.to_records())`` needs: the same scalar columns in every row."""
    path = Path(__file__).parent / "fixtures" / "corpus" / "qinhuangdao-etdz-office-2023.txt"
    report = auditor.check(path)
    records = report.to_records()
    assert len(records) == len(report.findings) > 0
    assert len({tuple(r) for r in records}) == 1  # one set of columns, in one order
    assert all(value is None or isinstance(value, str | int) for r in records for value in r.values())
    (unit,) = [r for r in records if r["rule"] == "unit"]
    assert (unit["path"], unit["line"], unit["severity"], unit["stated"]) == (str(path), 442, "error", "1920.38元")
    # the first eight other statements of 1920.38 万元, as path:line:col, and how many there are
    assert unit["related"].count(f"{path}:") == 8 and unit["related"].endswith(" 等 12 处")
    assert "<table" in report._repr_html_() and "1920.38" in report._repr_html_()


def test_coverage_names_the_rates_left_unbound_and_the_tables_not_read():
    """A rate whose whole could not be bound is counted by kind, never checked on a guess; the tables not read are named."""
    text = (
        "三、支出决算情况说明\n2023年度本年支出合计 500.00 万元，主要用于保障运转。\n"
        "（二）采购情况\n办公设备购置占 12.50%。\n"
        "公开01表\n收入支出决算总表\n金额单位：万元\n项目\t行次\t金额\t项目\t行次\t金额\n"
        "一、一般公共预算财政拨款收入\t1\t500.00\t一、一般公共服务支出\t32\t500.00\n本年收入合计\t\t500.00\t本年支出合计\t\t500.00\n"
    )
    report = auditor.check(text)
    coverage = report.files[0].coverage
    assert coverage.unbound == (("占比", 1),)
    assert coverage.table_numbers == ("01",) and coverage.missing_tables == ("02", "03", "04", "05", "06", "07", "08", "09")
    assert "未读到公开02、03、04、05、06、07、08、09表" in coverage.summary() and "未能确定所指而未核对：占比 1 个" in coverage.summary()
    data = json.loads(report.to_json())["files"][0]["coverage"]
    assert data["unbound"] == {"占比": 1} and data["missing_tables"][0] == "02"
    # in a 其中 list under its whole, the same share is checked and no longer counted
    bound = text.replace("，主要用于保障运转。", "，其中：办公设备购置 62.50 万元，占 12.50%。").replace("（二）采购情况\n办公设备购置占 12.50%。\n", "")
    assert auditor.check(bound).files[0].coverage.unbound == ()


# --- bounded related lists (issue 22, item 6) ------------------------------------------------


def test_a_finding_lists_each_related_place_once_and_at_most_a_few_counting_the_rest():
    from auditor.finding import MAX_RELATED
    from auditor.report.html import format_html

    own = Location("a.txt", 5, 3, 5, 9)
    places = [Location("a.txt", n, 1, n, 7) for n in range(10, 10 + MAX_RELATED + 12)]
    total = MAX_RELATED + 12
    f = Finding("unit", "error", "本年支出合计 774.37 元：单位疑误", own, related=(own, *places, *places[:5]), stated="774.37 元")
    assert f.related == tuple(places[:MAX_RELATED])  # in the order given, no duplicate, never the finding's own place
    assert (f.related_total, f.related_omitted) == (total, 12)
    data = f.to_dict()
    assert len(data["related"]) == MAX_RELATED and data["related_total"] == total
    assert f.to_record()["related"].endswith(f"a.txt:{9 + MAX_RELATED}:1 等 {total} 处")
    report = Report([f], [FileResult("a.txt", "utf-8", text="\n".join(f"第{n}行 774.37 万元" for n in range(1, 80)))])
    [result] = report.to_sarif()["runs"][0]["results"]
    assert len(result["relatedLocations"]) == MAX_RELATED and result["properties"]["relatedTotal"] == total
    assert f"相关位置（列出 {MAX_RELATED} 处，共 {total} 处）" in format_html(report, all_rules())
    few = Finding("unit", "error", "…", own, related=places[:2])
    assert "related_total" not in few.to_dict() and few.related_total == 2 and not few.related_omitted


def test_an_amount_stated_in_every_copy_of_a_repeated_document_gives_findings_of_bounded_size():
    """The README example 60 times over: 60 statements of 774.37 元 among 720 of 774.37 万元.

    Each finding names a few of the others and counts them all: the report grows with the
    document, not with the square of the repeats (400 copies took 83 s and 2.5 GB before).
    """
    from auditor.rules.unit import NAMED_REPEATS

    example = (Path(__file__).parents[1] / "examples" / "emergency-center-2023-prose.txt").read_text(encoding="utf-8")
    once = auditor.check(example, select=["unit"]).findings
    [single] = once
    report = auditor.check(example * 60, select=["unit"])
    assert len(report.findings) == 60
    lines = example.count("\n")
    for copy, f in enumerate(report.findings):
        assert f.location.line == single.location.line + copy * lines
        assert len(f.related) == NAMED_REPEATS.value and f.related_total == 60 * single.related_total
        assert "等行" in f.message and f.message.count("、") == 7  # the message names eight lines, as for one copy


# --- a streamed item is the JSON of the finding, indented as textwrap.indent indents it ----------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet=st.sampled_from(
        ["a", " ", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1e", "\x85", "\u2028", "\u2029", "\u3000", "\t", "收", "\"", "\\"])),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=12,
)


@given(st.lists(_JSON_VALUES, max_size=3), st.integers(0, 4))
def test_a_streamed_item_is_indented_as_textwrap_indents_it(values, indent):
    import io
    import textwrap

    from auditor.report.stream import JsonStream, dumps

    out = io.StringIO()
    stream = JsonStream(out, {"findings": None}, ["findings"])
    stream._indent = indent
    start = out.tell()
    expected = ""
    for value in values:
        expected += ("\n" if not expected else ",\n") + textwrap.indent(dumps(value), " " * (indent + 2))
        stream.item(value)
    assert out.getvalue()[start:] == expected


_ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6)
    | st.text(alphabet=st.sampled_from(["a", "\n", "\x85", "\u2028", "\ud800", "收", "\"", "\\", "\x00", "\x7f"]), max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.lists(inner, max_size=3).map(tuple)
    | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    | st.dictionaries(st.one_of(st.integers(), st.booleans(), st.none()), inner, max_size=2),
    max_leaves=16,
)


@given(_ANY_JSON)
def test_a_report_value_is_written_as_json_dumps_writes_it(value):
    """The report writers' own encoder (for the values a report holds) writes json.dumps(indent=2)'s very text; what it
    does not take (non-str keys, NaN) json.dumps writes."""
    from auditor.report.controls import json_safe
    from auditor.report.stream import dumps

    assert dumps(value) == json_safe(json.dumps(value, ensure_ascii=False, indent=2))


def test_a_value_json_cannot_write_raises_as_json_dumps_raises():
    from auditor.report.stream import dumps

    with pytest.raises(TypeError):
        dumps({"a": [1, {2}]})
