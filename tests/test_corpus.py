"""End to end on real disclosures (copies of ../shared/corpus in tests/fixtures/corpus).

Every error reported on these files was checked by hand against the text; the
consistent passages (sections 一 to 四 of both Qinhuangdao documents) must stay silent
while their relations are demonstrably evaluated.
"""

from pathlib import Path

import pytest

import auditor
from auditor.extract import extract

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
EMERGENCY = CORPUS / "qinhuangdao-emergency-center-2023.txt"
ETDZ = CORPUS / "qinhuangdao-etdz-office-2023.txt"
JINCHENG = CORPUS / "jincheng-ecology-bureau-2024.txt"


@pytest.fixture(scope="module")
def reports():
    return {path.name: auditor.check(path) for path in (EMERGENCY, ETDZ, JINCHENG)}


def errors_at(report, line: int, rule: str):
    return [f for f in report.errors if f.location.line == line and f.rule == rule]


def test_dropped_wan_yuan_in_emergency_center_line_128(reports):
    (f,) = errors_at(reports[EMERGENCY.name], 128, "unit")
    assert (f.location.column, f.stated, f.expected) == (23, "774.37元", "774.37万元")
    assert {113, 124, 140} <= {r.line for r in f.related}
    assert "774.37 元" in f.message and "万元" in f.message


def test_dropped_wan_yuan_in_etdz_office_line_442(reports):
    (f,) = errors_at(reports[ETDZ.name], 442, "unit")
    assert f.stated == "1920.38元"
    assert ETDZ.read_text(encoding="utf-8").splitlines()[441][f.location.column - 1 :].startswith("1920.38元")


def test_part_larger_than_whole_in_jincheng_line_256(reports):
    (f,) = errors_at(reports[JINCHENG.name], 256, "part-whole")
    assert f.stated == "25416.8万元"
    assert [r.line for r in f.related] == [256]
    line = JINCHENG.read_text(encoding="utf-8").splitlines()[255]
    assert line[f.related[0].column - 1 :].startswith("12,814.56万元")


@pytest.mark.parametrize(("path", "first", "last"), [(EMERGENCY, 92, 226), (ETDZ, 419, 482)])
def test_sections_one_to_four_are_consistent_apart_from_the_unit_slip(reports, path, first, last):
    report = reports[path.name]
    inside = [f for f in report.findings if first <= f.location.line <= last]
    assert [(f.rule, f.severity) for f in inside] == [("unit", "error")]


@pytest.mark.parametrize(("path", "first", "last"), [(EMERGENCY, 92, 226), (ETDZ, 419, 482)])
def test_sections_one_to_four_are_actually_checked(path, first, last):
    """Silence must come from relations that hold, not from relations never read."""
    facts = extract(auditor.load(path))

    def line(m):
        return facts.document.position(m.start)[0]

    shares = [s for s in facts.shares if first <= line(s.rate) <= last]
    growth = [y for y in facts.year_on_year if first <= line(y.subject) <= last and y.growth]
    budgets = [b for b in facts.budgets if first <= line(b.actual) <= last and b.rate]
    complete_lists = [lst for lst in facts.lists if first <= line(lst.whole) <= last and lst.complete]
    assert len(shares) >= 16  # 6 income sources, 5 expenditure kinds, 5 classes
    assert len(growth) >= 5 and len(budgets) >= 4 and len(complete_lists) >= 3


def test_no_false_errors_anywhere_in_the_corpus(reports):
    """The complete list of errors on the corpus, each verified by hand (see the docstring)."""
    found = sorted(
        (name, f.location.line, f.rule) for name, report in reports.items() for f in report.errors
    )
    assert found == [
        (JINCHENG.name, 256, "part-whole"),
        # Issue 20 (DOMAIN §5): a perf table whose weights read do not add up to its full marks is not confirmed, and its
        # total is noted, not called wrong. Checked by hand, line by line: the tables at 318 (weights 85 + 10, total 100),
        # 424 (75 + 10, 100), 533 (84 + 10, a blank score, 96), 1028 (80 + 10, 100), 3066 (87 + 10, 98), 3503 (85 + 10, 98.75),
        # 3553 (88 + 10, 100), 3635 (88.5 + 10, 100) and etdz 1202 (100 + 10, 98) print every indicator row and every one is
        # read; their totals are not the sums of their printed scores, but which figure is wrong (a weight, a row, the total)
        # the table cannot tell: one perf.total note each (test_perf.py), no error.
        # Issue 20: text under 满意度情况 / 产出情况 states results, held against the rows' actual values (DOMAIN §4):
        # 环保事业运行经费's row 1070 reads 群众满意度 ≥80% (target), ≥90% (actual), its text "群众满意度80%" (the target copied);
        # 重点行业环保绩效评级's row 2387 reads 绩效评级通过率 actual ≥100%, its text "绩效评级通过率达到97%". Checked by hand.
        (JINCHENG.name, 1075, "perf.narrative"),
        # 编制国产化适配: target =1本, actual =0本 ("未实施"), full marks 5 of 5 (DOMAIN §4: a miss of a tenth or more)
        (JINCHENG.name, 1882, "perf.indicator"),
        (JINCHENG.name, 2394, "perf.total"),  # weights 90 + 10 confirm the reading; scores add up to 89.75 (graded 良), 自评总分 69.75
        (JINCHENG.name, 2396, "perf.narrative"),  # see 1075
        (EMERGENCY.name, 128, "unit"),
        (EMERGENCY.name, 1131, "perf.summary"),  # 存在问题: 财政拨款 45 万元, the table's 预算数 is 90
        (EMERGENCY.name, 1375, "perf.summary"),  # 存在问题: 财政拨款 36 万元, the table's 预算数 is 70
        (ETDZ.name, 442, "unit"),
        (ETDZ.name, 535, "perf.summary"),  # 年鉴印刷经费 scored 100 in the prose, 96 in its table
        (ETDZ.name, 563, "perf.summary"),  # 第三方技术服务 scored 95 in the prose, 94 in its table
        (ETDZ.name, 601, "perf.summary"),  # items 27–29 give 上网行为管理年费 as the project scored
        (ETDZ.name, 603, "perf.summary"),
        (ETDZ.name, 605, "perf.summary"),
    ]


def test_mutating_a_consistent_share_is_caught_at_its_line():
    text = EMERGENCY.read_text(encoding="utf-8").replace("占 86.7%", "占 76.7%", 1)
    report = auditor.check(text)
    assert [(f.location.line, f.rule) for f in report.errors if f.rule == "share"] == [(202, "share")]
