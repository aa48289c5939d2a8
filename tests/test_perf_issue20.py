"""Issue 20 for the 项目支出绩效自评表: the examples of the issue, each consistent and inconsistent.

* one reader for every layout: the same table printed as TAB rows (as a .docx renders), as
  space-separated rows, as one cell per line and with ``|`` cells gives the same findings;
* the table confirms its reading: weights that do not add up to the full marks, or indicator rows
  that were not read, leave the total unchecked with one note, never an error built on the reading;
* target text and completion text: a sentence under 年度目标 states targets, one under 实际完成情况
  (or 截至…完成了) states results;
* indicators without an operator or with a word target (提高, 有所提升, 6月底前) still carry their
  weight and score, and a deadline missed with full marks is a perf.indicator finding.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_perf_layouts import RIVER

import auditor
from auditor.document.model import Document
from auditor.perf.reader import read_perf_tables

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
TAB = "\t"


def audit(text: str):
    return auditor.check(Document(text, "example.txt"))


def perf_findings(text: str) -> list[tuple[str, str, str]]:
    return sorted((f.rule, f.severity, f.stated or "") for f in audit(text).findings if f.rule.startswith("perf"))


# --- one table, four prints -------------------------------------------------------------------------

RIVER_FINDINGS = [
    ("perf.exec-score", "warning", "9.09"),  # 10 × 90.96% = 9.096: printed truncated
    ("perf.indicator", "error", "5段"),  # 5 of ≥ 12 with full marks
    ("perf.total", "error", "98.1"),  # 90 + 9.09 = 99.09
    ("perf.total", "error", "99.09分"),  # the 评价结论 restates 99.09
]


def tab_rows(rows: list[list[str]]) -> str:
    """Every row one line of TAB-separated cells, as auditor/read renders a .docx table (a blank cell printed empty)."""
    return "项目支出绩效自评表\n" + "\n".join(TAB.join(cell.strip() for cell in row) for row in rows) + "\n"


def pipe_rows(rows: list[list[str]]) -> str:
    return "项目支出绩效自评表\n" + "\n".join("|".join(cell.strip() for cell in row) for row in rows) + "\n"


def cell_lines(rows: list[list[str]]) -> str:
    """Each cell on a line of its own behind a leading TAB, a blank line between rows."""
    return "\n".join(line for row in rows for line in [*(TAB + (cell or " ") for cell in row), ""])


def spaced_rows(rows: list[list[str]]) -> str:
    """Space-separated rows: blank cells are not printed."""
    return "项 目 支 出 绩 效 自 评 表\n" + "\n".join(" ".join(c for c in row if c.strip()) for row in rows) + "\n"


PRINTS = {"tab": tab_rows, "pipe": pipe_rows, "cell-lines": cell_lines, "spaced": spaced_rows}


@pytest.mark.parametrize("layout", PRINTS)
def test_the_same_table_gives_the_same_four_findings_in_every_print(layout):
    assert perf_findings(PRINTS[layout](RIVER)) == sorted(RIVER_FINDINGS)


@pytest.mark.parametrize("layout", PRINTS)
def test_the_same_table_held_consistent_gives_nothing_in_every_print(layout):
    rows = [list(r) for r in RIVER]
    rows[3][7] = "9.10"
    rows[5][7] = "12段"
    rows[10][2] = "99.1"
    rows[11][1] = rows[11][1].replace("99.09", "99.1")
    assert perf_findings(PRINTS[layout](rows)) == []
    [table] = read_perf_tables(Document(PRINTS[layout](rows), "river.txt"))  # silence from a table read, not from nothing read
    assert (table.project, table.budget.text, table.executed.text, table.total.text, len(table.indicators)) == ("河道巡查服务", "36.50", "33.20", "99.1", 5)


# --- the table confirms its reading ---------------------------------------------------------------------

def jincheng_table(indicators: list[str], total: str, grade: str = "优") -> str:
    """A table in jincheng-ecology-bureau's TAB layout (the 预算执行率 weight is not printed: 10)."""
    return "\n".join([
        "附件", "示例项目支出绩效自评表 (2024年度)", "",
        TAB.join(["项目名称", "", "示例项目", "", "", ""]),
        TAB.join(["项目资金预算安排及执行进度（万元）", "年初预算数", "", "", "全年预算数", "全年执行数", "资金结(转)余", "执行率", "得分", "偏差原因"]),
        TAB.join(["", "目标申报数", "预算编制数", "", "", "", "", "", "", ""]),
        TAB.join(["", "资金总额:", "20", "20", "20", "20", "0", "100", "10", ""]),
        TAB.join(["绩效指标", "一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值", "实际完成值", "定性值情况说明", "分值", "得分", "偏差原因分析及改进措施"]),
        *indicators,
        TAB.join(["总分", "", "", "", "", "", "", "", "", total, grade, ""]),
        "",
    ]) + "\n"


def row(name: str, target: str, actual: str, weight: str, score: str, level1: str = "", level2: str = "") -> str:
    """An indicator row: 年初指标值 left blank, the target under 调整后指标值."""
    return TAB.join(["", level1, level2, name, "", target, actual, "", weight, score, ""])


FULL = [
    row("监测次数", "≥12次", "12次", "30", "30", "产出指标", "数量指标"),
    row("数据有效率", "≥90%", "95%", "30", "30", "", "质量指标"),
    row("群众满意度", "≥90%", "95%", "30", "30", "满意度指标", "服务对象满意度"),
]


def test_weights_that_add_up_confirm_the_reading_and_a_wrong_total_is_an_error():
    assert perf_findings(jincheng_table(FULL, "100")) == []
    assert perf_findings(jincheng_table(FULL, "90", "优")) == [("perf.total", "error", "90")]


def test_weights_short_of_the_full_marks_leave_the_total_unchecked_with_one_note():
    """DOMAIN §5: weights that do not add to the full marks are a misreading: one note, no error from it."""
    short = [*FULL[:2], row("群众满意度", "≥90%", "95%", "25", "25", "满意度指标", "服务对象满意度")]  # 85 + 10 = 95
    found = [f for f in audit(jincheng_table(short, "100")).findings if f.rule == "perf.total"]
    assert [(f.severity) for f in found] == ["info"]
    assert "95" in found[0].message and "100" in found[0].message and "未核对" in found[0].message


def test_an_indicator_row_not_read_is_named_in_the_note_and_the_total_is_not_checked():
    garbled = [*FULL[:2], TAB.join(["", "满意度指标", "服务对象满意度", "群众满意度", "≥90%", "≥90%", "95%", "", "三十", "三十", ""])]
    found = [f for f in audit(jincheng_table(garbled, "100")).findings if f.rule == "perf.total"]
    assert [f.severity for f in found] == ["info"]
    assert "群众满意度" in found[0].message and "未读出" in found[0].message


# --- target text and completion text -------------------------------------------------------------------

def maintenance(sentence: str, good: str = "98%", complaints: str = "2%") -> str:
    return "\n".join([
        "项 目 支 出 绩 效 自 评 表",
        "项目名称 设备运维服务项目",
        "年初预算数 全年预算数 全年执行数 分值 执行率 得分",
        "年度资金总额 20.00 20.00 20.00 10 100.00% 10.00 分",
        sentence,
        "一级指标 二级指标 三级指标 指标值 完成值 分值 得分",
        f"产出指标 质量指标 设备完好率 ≥90% {good} 30 30",
        f"效益指标 社会效益指标 投诉率 ≤5% {complaints} 30 30",
        "满意度指标 服务对象满意度指标 群众满意度 ≥90% 95% 30 30",
        "总分 100 100.00 分",
    ]) + "\n"


def test_a_target_sentence_that_states_the_targets_is_consistent():
    assert perf_findings(maintenance("年度目标：完成全年设备运维，设备完好率 90%，投诉率 5%。")) == []


def test_a_completion_sentence_that_repeats_the_target_is_an_inconsistency():
    found = perf_findings(maintenance("实际完成情况：全年设备运维已完成，设备完好率 90%，投诉率 2%。"))
    assert found == [("perf.narrative", "error", "90%")]


def test_a_completion_sentence_that_states_the_results_is_consistent():
    assert perf_findings(maintenance("截至 12 月底，完成了全年设备运维，设备完好率 98%，投诉率 2%。")) == []


def test_a_target_sentence_that_differs_from_the_target_is_an_inconsistency():
    found = perf_findings(maintenance("年度目标：完成全年设备运维，设备完好率 95%，投诉率 5%。"))
    assert found == [("perf.narrative", "error", "95%")]


# --- word targets and deadlines ---------------------------------------------------------------------------

def service(rows: list[str], total: str = "100.00") -> str:
    return "\n".join([
        "项 目 支 出 绩 效 自 评 表",
        "项目名称 便民服务项目",
        "年初预算数 全年预算数 全年执行数 分值 执行率 得分",
        "年度资金总额 10.00 10.00 10.00 10 100.00% 10.00 分",
        "一级指标 二级指标 三级指标 指标值 完成值 分值 得分",
        "产出指标 数量指标 服务人次 ≥1000人次 1200人次 30 30",
        *rows,
        "满意度指标 服务对象满意度指标 群众满意度 ≥90% 95% 15 15",
        f"总分 100 {total} 分",
    ]) + "\n"


WORDS = ["效益指标 社会效益指标 提升服务水平 提高 100% 15 15", "效益指标 社会效益指标 群众获得感 有所提升 有所提升 15 15"]


def test_indicators_with_a_word_target_are_read_with_their_weight_and_score():
    [table] = read_perf_tables(Document(service(WORDS + ["产出指标 时效指标 完成时间 6月底前 6月完成 15 15"]), "x.txt"))
    assert [(i.name, i.weight.text, i.score.text) for i in table.indicators] == [
        ("服务人次", "30", "30"), ("提升服务水平", "15", "15"), ("群众获得感", "15", "15"), ("完成时间", "15", "15"), ("群众满意度", "15", "15")]
    assert perf_findings(service(WORDS + ["产出指标 时效指标 完成时间 6月底前 6月完成 15 15"])) == []


def test_word_targets_in_a_table_without_an_indicator_header_give_a_note_not_an_error():
    """The issue's shape: without a header naming the indicator columns, rows with no operator are not read; the weights
    read then fall short of 100, and the printed total is noted, never called impossible (it was, 14 times in one document)."""
    text = service(WORDS + ["产出指标 时效指标 完成时间 6月底前 6月完成 15 15"], total="98.60").replace(
        "一级指标 二级指标 三级指标 指标值 完成值 分值 得分\n", "")
    found = [f for f in audit(text).findings if f.rule == "perf.total"]
    assert [f.severity for f in found] == ["info"] and "未核对" in found[0].message


def test_a_wrong_total_beside_word_targets_is_found():
    found = perf_findings(service(WORDS + ["产出指标 时效指标 完成时间 6月底前 6月完成 15 15"], total="98.60"))
    assert found == [("perf.total", "error", "98.60")]


def test_a_deadline_missed_with_full_marks_is_an_error():
    found = perf_findings(service(WORDS + ["产出指标 时效指标 完成时间 6月底前 8月完成 15 15"]))
    assert found == [("perf.indicator", "error", "8月完成")]


def test_a_deadline_missed_by_days_with_full_marks_is_a_warning():
    found = perf_findings(service(WORDS + ["产出指标 时效指标 完成时间 10月底前 11月3日完成 15 15"]))
    assert found == [("perf.indicator", "warning", "11月3日完成")]


def test_a_deadline_is_read_alike_in_a_tab_table():
    """The same rows in jincheng's TAB layout (target under 调整后指标值): the weights add up, the deadline is missed."""
    late = [*FULL[:2], row("完成时间", "6月底前", "8月完成", "10", "10", "", "时效指标"),
            row("群众满意度", "≥90%", "95%", "20", "20", "满意度指标", "服务对象满意度")]
    assert perf_findings(jincheng_table(late, "100")) == [("perf.indicator", "error", "8月完成")]
    on_time = [*late[:2], row("完成时间", "6月底前", "6月28日完成", "10", "10", "", "时效指标"), late[3]]
    assert perf_findings(jincheng_table(on_time, "100")) == []


def test_a_late_result_scored_by_the_rule_is_consistent_and_one_scored_above_it_a_warning():
    """6月底前 done in August: at best 6 ÷ 7.03 of the time, so 15 × 85.3 % = 12.8 points at most."""
    fair = service(WORDS + ["产出指标 时效指标 完成时间 6月底前 8月完成 15 12"], total="97.00")
    assert perf_findings(fair) == []
    generous = service(WORDS + ["产出指标 时效指标 完成时间 6月底前 8月完成 15 14"], total="99.00")
    assert perf_findings(generous) == [("perf.indicator", "warning", "14")]


def test_a_result_written_as_a_bound_or_in_words_proves_no_lateness():
    for actual in ("10月底前已完成", "按期完成", "达成预期指标"):
        assert perf_findings(service(WORDS + [f"产出指标 时效指标 完成时间 6月底前 {actual} 15 15"])) == [], actual


# --- the corpus's TAB tables printed with spaces ------------------------------------------------------------

def tabs_to_spaces(text: str) -> str:
    """As ../shared/tools/perturb.py prints them: each run of TABs becomes two spaces."""
    return "\n".join(re.sub(r"\t+", "  ", line).rstrip() for line in text.split("\n"))


def spaced_titles(text: str) -> str:
    """As perturb.py prints them: every short line without digits letter-spaced (in a one-cell-per-line table, the
    wrapped pieces of names, labels and section headings too: ``五 、 存 在 问``)."""
    out = []
    for line in text.split("\n"):
        body = line.strip()
        spaced = 4 <= len(body) <= 16 and "\t" not in line and not re.search(r"[0-9０-９]", body)
        out.append(" ".join(body) if spaced else line)
    return "\n".join(out)


def footers(text: str, every: int = 37) -> str:
    """A page footer and a watermark with blank lines around them every ``every`` lines, inside tables too."""
    out = []
    for k, line in enumerate(text.split("\n"), 1):
        out.append(line)
        if k % every == 0:
            out += ["", f"— {k // every} —", "", "仅供内部审核", ""]
    return "\n".join(out)


PERF_DOCUMENTS = ["jincheng-ecology-bureau-2024.txt", "qinhuangdao-etdz-office-2023.txt", "qinhuangdao-emergency-center-2023.txt"]


@pytest.mark.parametrize("perturbation", [tabs_to_spaces, spaced_titles, footers], ids=["tabs-to-spaces", "spaced-titles", "footers"])
@pytest.mark.parametrize("name", PERF_DOCUMENTS)
def test_perf_errors_are_kept_under_every_layout_perturbation(name, perturbation):
    text = (CORPUS / name).read_text(encoding="utf-8")

    def perf_errors(t):
        return sorted((f.rule, f.stated, f.expected) for f in audit(t).errors if f.rule.startswith("perf"))

    def figures(t):
        return [(x.budget and x.budget.text, x.total and x.total.text, [(i.weight.text, i.score and i.score.text) for i in x.indicators])
                for x in read_perf_tables(Document(t, name))]

    assert perf_errors(perturbation(text)) == perf_errors(text)
    assert figures(perturbation(text)) == figures(text)
