"""The faster forms of the layout's per-line work (issue 24 item 2) read exactly as the plain forms they replace.

The prose pass no longer gets an entry for every line (blank, noise and table lines are skipped by runs), the heading
patterns are tried as one alternation, page furniture is found by whole-document comprehensions, the table shapes are
told with a digit test first, and a part heading is looked for only on a line that opens with 第. Each is held here
against the plain reading it replaces, on the corpus, on its layouts perturbed, and on documents drawn from lines of
a disclosure's kinds.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.document import layout, noise, parts, regions, titles
from auditor.document.model import Document, normalise, without_annotations
from auditor.knowledge import vocabulary
from tests.layout_perturbations import footers, full_width, hard_wraps, letter_spaced_headings, letter_spaced_titles, tabs_to_spaces, watermarks

CORPUS = sorted((Path(__file__).parent / "fixtures" / "corpus").glob("*.txt"))

LINES = [
    "", "   ", "\u3000", "第一部分 部门概况", "第 三 部 分", "第二部分", "2023年度部门决算情况说明", "一、部门职责",
    "（一）基本支出", "(二)项目支出", "1.工资福利支出", "2、商品和服务支出", "（1）办公费", "九 、 预 算 绩 效 情 况 说 明",
    "本年收入合计 774.37 万元，比上年增加 113.25 万元。", "主要原因是：人员增加。", "本部门主要负责生态环境保护工作，",
    "收入支出决算总表", "公开01表", "单位：万元", "项目\t本年收入\t本年支出", "本年收入合计\t774.37\t本年支出合计\t12",
    "201 一般公共服务支出 207.40 207.40", "20105 统计信息事务 39.99", "2010301 行政运行 12.00 12.00 0.00",
    "| 3.42 | 1.20 |", "合 计 |", "— 7 —", "- 12 -", "第 3 页 共 20 页", "3 / 20", "［image：图表］", "[image: chart]",
    "120 240 360", "2022 2023", "内部资料", "仅供内部审核", "审阅稿请勿外传", "审 阅 稿 请 勿 外 传", "目录\t3",
    "第一部分 部门概况……1", "注：本单位公务接待费预算 2.00 万元，", "实际支出 1.50 万元。", "…故本表无数据。第三部分 名词解释",
    "项 目 支 出 绩 效 自 评 表", "２０１ 一般公共服务支出 ２０７．４０ ２０７．４０", "预(yù)算", "十二、农林水支出",
]

documents = st.lists(st.sampled_from(LINES), max_size=60).map("\n".join)


def _perturbed() -> list[str]:
    """The corpus texts and each laid out otherwise (footers and watermarks between its lines, titles and headings
    letter-spaced, TABs as spaces, full-width characters, hard wraps)."""
    texts = []
    for path in CORPUS:
        text = path.read_text(encoding="utf-8")
        rng = random.Random(path.name)
        texts += [text, footers(text, rng, 12), watermarks(text, rng, 6), letter_spaced_titles(text, rng),
                  letter_spaced_headings(text, rng), tabs_to_spaces(text, rng), full_width(text, rng), hard_wraps(text, rng)]
    return texts


_HEADING_LEVELS = titles.HEADINGS


def _heading_match_by_level(text: str) -> tuple[int, str, int] | None:
    """heading_match as it was: each level's pattern in turn."""
    for level, pattern in _HEADING_LEVELS:
        m = pattern.match(text)
        if m:
            return level, m.group(1).replace(" ", ""), m.end()
    if not titles.letter_spaced(text):
        return None
    plain, offsets = titles.despaced(text)
    for level, pattern in _HEADING_LEVELS:
        m = pattern.match(plain)
        if m:
            end = offsets[m.end()] if m.end() < len(offsets) else len(text)
            return level, m.group(1).replace(" ", ""), end
    return None


@given(st.lists(st.sampled_from(["第", "三", "十", "部分", "一", "、", "(", ")", "1", "12", ".", "5", " ", "  ", "收入",
                                 "决算", "\t"]), max_size=12))
@settings(max_examples=1000)
def test_one_heading_alternation_reads_as_the_levels_in_turn(pieces):
    text = normalise("".join(pieces)).strip()
    assert titles.heading_match(text) == _heading_match_by_level(text)


def _prose_stream(document: Document) -> list:
    """What the prose pass read before: every classified line but blanks and noise, a run of table lines (whatever kind
    each was given) reduced to its first entry, since one or several end a block alike."""
    flags = layout._table_lines(document)
    stream, run_of_last = [], None
    for line in layout.classify_lines(document):
        if line.kind in ("blank", "noise"):
            continue
        if flags[line.index]:
            run = line.index
            while run and flags[run - 1]:
                run -= 1
            if run == run_of_last:
                continue
            run_of_last = run
        stream.append(line)
    return stream


def _noise_by_line(document: Document) -> frozenset[int]:
    """noise_lines as it was: one loop over the lines."""
    found = set()
    marks = noise.watermarks(document.lines)
    after_image = False
    for index, (raw, norm) in enumerate(zip(document.lines, document.normalised_lines, strict=True)):
        stripped = raw.strip()
        if not stripped:
            continue
        norm = norm.strip()
        if re.match(r"^\[image[:：]", norm, re.IGNORECASE):
            after_image = True
            found.add(index)
            continue
        if after_image and not re.search(r"[\u4e00-\u9fff]", norm):
            found.add(index)
            continue
        after_image = False
        if ("".join(stripped.split()) if " " in stripped or "\u3000" in stripped else stripped) in marks or noise._FOOTER.match(norm):
            found.add(index)
    return frozenset(found)


def _page_marks_by_line(document: Document) -> frozenset[int]:
    words = vocabulary()["layout"]["watermarks"]
    return frozenset(i for i, (raw, norm) in enumerate(zip(document.lines, document.normalised_lines, strict=True))
                     if raw.strip() in words or noise._FOOTER.match(norm.strip()))


def _watermarks_by_line(lines) -> set[str]:
    stripped = (line.strip() for line in lines)
    counts = Counter(s for s in ("".join(t.split()) if " " in t or "\u3000" in t else t for t in stripped) if 4 <= len(s) <= 20)
    found = {s for s, n in counts.items() if n >= 3 and not noise._PUNCT.search(normalise(s)) and not titles.is_perf_title(s)}
    found.update(vocabulary()["layout"]["watermarks"])
    return found


def _holds_as_before(text: str) -> None:
    document = Document(text)
    assert list(layout._classified(document)) == _prose_stream(document)
    assert noise.noise_lines(document) == _noise_by_line(document)
    assert noise.page_marks(document) == _page_marks_by_line(document)
    assert noise.watermarks(document.lines) == _watermarks_by_line(document.lines)
    for raw, norm in zip(document.lines, document.normalised_lines, strict=True):
        if not raw.lstrip().startswith(parts._PART_OPENS):
            assert parts._part_number(raw) is None  # the line is not read for a part heading
        if not regions._DIGIT.search(norm):
            assert not regions._is_figure_row(norm) and not regions._is_code_row(norm)  # nor for a row of figures
        assert bool(regions._DIGIT.search(raw)) == bool(regions._DIGIT.search(norm))  # told on the line as given


def test_the_faster_forms_read_the_corpus_and_its_perturbed_layouts_as_before():
    for text in _perturbed():
        _holds_as_before(text)


@given(documents)
@settings(max_examples=300, deadline=None)
def test_the_faster_forms_read_documents_of_every_kind_of_line_as_before(text):
    _holds_as_before(text)


def test_a_chart_read_with_its_stray_numbers_up_to_the_next_line_of_text():
    text = "正文一行。\n［image：图表］\n\n120\n240\n[image: 第二张]\n360\n\n说明文字。\n480"
    assert noise.noise_lines(Document(text)) == _noise_by_line(Document(text)) == {1, 3, 4, 5, 6}


@given(st.text(alphabet=" \t\r|abc1,", max_size=12))
def test_a_tab_row_is_a_line_with_a_tab(raw):
    assert regions.is_tab_row(raw) == ("\t" in raw.strip(" \r"))


@given(st.lists(st.sampled_from(["收", "入", " ", "  ", "\u3000", "\t", "预", "(yù)", "（suàn）", "(ab)", "决算", "1", "a"]),
                max_size=10))
@settings(max_examples=500)
def test_a_heading_title_is_read_as_both_patterns_read_it(pieces):
    text = "".join(pieces)
    assert layout._heading_title(text) == layout._LETTER_SPACE.sub("", without_annotations(text)).strip()


@given(st.lists(st.sampled_from(["", "一行", "２０１", "\t", "a b"]), min_size=1, max_size=5000),
       st.sampled_from(["\n", "\r\n", "\r"]), st.integers(0, 5000), st.integers(0, 5100))
@settings(max_examples=60, deadline=None)
def test_lines_between_two_lines_are_the_slice(lines, end_of_line, first, end):
    document = Document(end_of_line.join(lines))
    for view in (document.lines, document.normalised_lines):
        assert list(view.between(first, end)) == view[first:end]


@given(st.text(alphabet=st.sampled_from([" ", "\t", "\u3000", "\xa0", "\u2028", "\x1c", "\x85", "表", "１", "a", "\n"])))
def test_a_compact_line_is_the_line_without_any_white_space(line):
    assert titles.compact(line) == re.sub(r"\s+", "", normalise(line))


def test_normalising_makes_no_digit_and_takes_none_away():
    from auditor.document.model import _REPLACEMENT
    assert all(bool(re.match(r"\d", raw)) == bool(re.match(r"\d", to)) for raw, to in _REPLACEMENT.items())
