"""Work done once per document (issue 24 item 2) reads exactly as the work it replaces.

The layout classifies a document's lines once and the checklist reads the headings that
pass found; the display width of a line is counted by one pattern; a reason phrase left
empty is found from its 原因; the link stage reads the statement that all income is
一般公共预算 from the few characters around each 一般公共, not from the whole text normalised
again. Each is held here against the plain reading it replaces, on disclosure text.
"""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

import auditor
from auditor.document import layout
from auditor.document.model import Document, normalise
from auditor.extract.checklist import _EMPTY_REASON, _placeholders
from auditor.link.concepts import _ALL_GENERAL_BUDGET, all_income_general_budget

DISCLOSURE = (
    "第一部分 部门概况\n"
    "一、部门职责\n"
    "本部门主要负责生态环境保护工作，\n"
    "统筹协调全市污染防治。\n"
    "第二部分 2023年度部门决算情况说明\n"
    "一、收入支出决算总体情况说明\n"
    "本年收入合计 774.37 万元，全部为一般公共预算财政拨款收入。\n"
    "二、收入决算情况说明\n"
    "本年支出合计 774.37 万元，比上年增加 113.25 万元，增长 17.1%。主要原因是：人员增加。\n"
    "公开01表\n收入支出决算总表\n"
    "项目\t决算数\t项目\t决算数\n"
    "一、一般公共预算财政拨款收入\t774.37\t一、一般公共服务支出\t774.37\n"
    "本年收入合计\t774.37\t本年支出合计\t12\n"  # a row that ends like a contents line (a TAB, then a number)
    "三、其他重要事项的情况说明\n"
    "（一）“三公”经费支出情况\n"
    "本年“三公”经费支出 1.20 万元。\n"
)


def test_an_audit_classifies_the_lines_once(monkeypatch):
    """The blocks and the checklist's headings come from one pass over the classified lines."""
    passes = []
    classified = layout._classified

    def counted(document):
        passes.append(document)
        return classified(document)

    monkeypatch.setattr(layout, "_classified", counted)
    report = auditor.check(DISCLOSURE)
    assert len(passes) == 1
    assert report.findings is not None


def test_the_shared_headings_are_the_headings_of_the_classified_lines():
    document = Document(DISCLOSURE)
    headings = layout.heading_lines(document)
    assert headings == tuple(line for line in layout.classify_lines(document) if line.kind == "heading")
    assert [line.heading.marker for line in headings] == ["第一部分", "一、", "第二部分", "一、", "二、", "三、", "(一)"]
    # the blocks read after the headings are the same blocks
    assert [b.text.text for b in layout.blocks(document)] == [b.text.text for b in layout.blocks(Document(DISCLOSURE))]


def test_a_table_row_ending_like_a_contents_line_is_no_prose():
    document = Document(DISCLOSURE)
    kinds = {line.index: line.kind for line in layout.classify_lines(document)}
    row = DISCLOSURE.splitlines().index("本年收入合计\t774.37\t本年支出合计\t12")
    assert kinds[row] == "toc"  # as the contents-line pattern read it; a table line or a contents line ends a block alike
    assert not any("本年支出合计\t12" in b.text.text for b in layout.blocks(document))


_TOC_PAGE = re.compile(r"(?:\t|\.{3}|…{2}|·{3})\s*\d+\s*$")  # the pattern the contents-line test replaces


@given(st.lists(st.sampled_from(["\t", " ", "\u3000", ".", "..", "...", "…", "……", "·", "···", "1", "12", "٣", "²", "第三部分",
                                 "情况说明", "774.37", "\t\t"]), max_size=10))
@settings(max_examples=500)
def test_a_contents_line_is_told_from_its_end_as_the_pattern_told_it(pieces):
    content = "".join(pieces).rstrip()
    assert layout._is_toc_line(content) == bool(content and content[-1].isdecimal() and _TOC_PAGE.search(content))


@given(st.text(alphabet="收入支出ab 1２。，\u3000（）预預算𠀀⺀⹿\t", max_size=40))
@settings(max_examples=300)
def test_the_display_width_counts_two_for_each_wide_character(text):
    assert layout._display_width(text) == sum(1 if ord(c) < 0x2E80 else 2 for c in text)


@given(st.lists(st.sampled_from(["决算数等于预算数的主要原因：", "原因是", "主要原因为", "原因:", " ", "。", "；", "\n", "节约开支",
                                 "主要", "原因", "是", "：", "原因是：\n"]), max_size=12))
def test_an_empty_reason_is_found_where_the_two_alternatives_found_it(pieces):
    text = normalise("".join(pieces))
    plain = re.compile(r"主要原因(?:是|为|:)\s*:?\s*(?=[。;；]|\Z)|原因(?:是|为|:)\s*:?\s*(?=[。;；]|\Z)")
    expected = [(m.start(), m.end()) for m in plain.finditer(text)]
    assert [(m.start, m.end) for m in _placeholders(text, text) if m.kind == "reason"] == expected
    assert _EMPTY_REASON.pattern.startswith("原因")


_PIECES = ["收入", "合计", "总计", "全部", "均", "全额", "为", "是", "来源于", "来自", "一般公共预算", "一般公共預算", "財政撥款",
           "，", "。", "；", ";", "\n", "\r\n", "本年", "万元", "774.37", "（", "）", " ", "\u3000"]


@given(st.lists(st.sampled_from(_PIECES), max_size=16))
@settings(max_examples=500)
def test_all_income_general_budget_reads_as_the_whole_text_normalised(pieces):
    text = "".join(pieces)
    assert all_income_general_budget(Document(text)) == bool(_ALL_GENERAL_BUDGET.search(normalise(text)))


def test_all_income_general_budget_is_read_in_either_script_and_at_its_longest_reach():
    assert all_income_general_budget(Document("本年收入合计 612.40 万元，全部为一般公共預算财政拨款收入。"))
    longest = "收入合计" + "甲" * 20 + "全部来源于一般公共预算"
    assert all_income_general_budget(Document("前文。" + longest))
    assert not all_income_general_budget(Document("收入合计" + "甲" * 21 + "全部来源于一般公共预算"))
    assert not all_income_general_budget(Document("本年收入合计 612.40 万元。全部为一般公共预算。"))


@given(st.lists(st.sampled_from(["0", "7", "12", "1,920", ",000", ".38", ".", ",", "-", "+", "%", "１", "率达", "元", " ", "次", "第"]),
                max_size=12))
@settings(max_examples=500)
def test_a_narrative_figure_is_found_where_the_look_behind_first_pattern_found_it(pieces):
    from auditor.perf.figures import NUMBER
    from auditor.perf.narrative import _VALUE

    text = "".join(pieces)
    plain = re.compile(rf"(?<![\d.,]){NUMBER.pattern}")
    assert [m.span() for m in _VALUE.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_the_narrative_reads_each_figure_with_the_phrase_before_it():
    from auditor.perf.narrative import _claims

    text = "截止2021年12月31日，完成了水质采样 48 次；数据上报及时率95%；群众满意度 -3.5%，共1,920.38万元。"
    # 12 and 31 follow 年 and 月 (one character: no phrase); 1,920.38 follows 共 alone
    assert [(phrase, m.group(), unit) for phrase, m, unit, _ in _claims(text)] == [
        ("截止", "2021", "年"), ("完成了水质采样", "48", "次"), ("数据上报及时率", "95", "%"), ("群众满意度", "-3.5", "%")]


_PLACEHOLDER_PIECES = ["X", "XX", "×", "××", "某", "某某", "a", "Z", "19", "20", "2", "1", "9", "0", "7", "年", " ", "\n", "【", "】",
                       "_", "___", "减", "增加", "增", "减少", "下降", "增长", "上升", "(", ")", "大于", "小于", ".", "，", "万元"]


@given(st.lists(st.sampled_from(_PLACEHOLDER_PIECES), max_size=24))
@example(["于", "202", "X", "年", "和", "19", "××", " 年", "XX", "某某", "【", " ", "】", "比上年减", "\n", "增加"])
@example(["2", "0", "7", "×", "年", "1", "9", "9", "X", "X", "年"])
@settings(max_examples=1000)
def test_template_residue_is_found_where_each_pattern_scanning_the_whole_text_found_it(pieces):
    """The placeholder patterns, tried only where their anchor characters stand, find what finditer over the text finds."""
    from auditor.extract.checklist import _PLACEHOLDERS, _matches

    text = "".join(pieces)
    for _, pattern, anchor in _PLACEHOLDERS:
        assert [m.span() for m in _matches(pattern, text, anchor)] == [m.span() for m in pattern.finditer(text)]


def test_residue_and_year_typos_on_the_fixtures_are_every_match_of_each_pattern():
    from pathlib import Path

    from auditor.extract.checklist import _PLACEHOLDERS, _YEAR_TYPO, _YEAR_TYPO_AT, _matches

    fixtures = Path(__file__).parent / "fixtures"
    found = 0
    for path in sorted([*fixtures.glob("corpus/*.txt"), *fixtures.glob("checklist/*.txt")]):
        text = normalise(path.read_text(encoding="utf-8"))
        for _, pattern, anchor in [*_PLACEHOLDERS, ("typo", _YEAR_TYPO, _YEAR_TYPO_AT)]:
            plain = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in _matches(pattern, text, anchor)] == plain, (path.name, pattern.pattern)
            found += len(plain)
    assert found > 0  # the template's XX, ×× and 【】 are among them


@given(st.lists(st.sampled_from(["表", "表表", "收入", "\n", "\r\n", "\r", " ", "公开01表"]), max_size=16), st.integers(0, 3))
@settings(max_examples=500)
def test_the_lines_saying_a_character_are_those_cutting_every_line_finds(pieces, first):
    """The checklist's title lines are looked for on the lines that say 表, found by ``str.find`` over the text."""
    from auditor.extract.checklist import _lines_saying

    whole = Document("".join(pieces))
    document = whole.part(min(first, len(whole.lines) - 1), len(whole.lines))  # a part reports the file's own lines
    assert list(_lines_saying(document, "表")) == [i for i, line in enumerate(document.lines) if "表" in line]


@given(st.lists(st.sampled_from(["19", "20", "2", "1", "9", "0", "202", "2024", "年", "度", " ", "\n", "12", "月", ".", ",", "，",
                                 "收入", "X"]), max_size=20))
@example(["比", "2024", " ", "年度", "，", "202", "年", "12", "月", "1", "999", "年度", ".", "2020", "年"])
@settings(max_examples=1000)
def test_a_year_typo_is_found_where_the_pattern_scanning_the_whole_text_found_it(pieces):
    from auditor.extract.checklist import _YEAR_TYPO, _YEAR_TYPO_AT, _matches

    text = "".join(pieces)
    assert [m.span() for m in _matches(_YEAR_TYPO, text, _YEAR_TYPO_AT)] == [m.span() for m in _YEAR_TYPO.finditer(text)]
