"""What the perf reader reads once per cell text reads exactly as the per-cell reading it replaces (issue 24 item 2).

A cell's key, whether it is a figure (and a bare one), its written target, its value, its one figure and its weight
follow from its text alone, so they are read once per distinct text (a document's tables print the same weights,
scores and targets again and again) and placed on each cell. Each is held here against the plain per-cell reading
it replaces, written out below, on generated cell texts (with and without per-character origins) and on every cell
of the corpus's performance tables.
"""

from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import auditor
from auditor.api import load
from auditor.document.model import normalise, written_as
from auditor.perf import interpret, reader
from auditor.perf.figures import NUMBER, figure
from auditor.perf.rows import _FIGURE, _OPERATOR_START, SENTENCE, WRITTEN, Cell

CORPUS = Path(__file__).parent / "fixtures" / "corpus"

_PIECES = ["0", "7", "12", "15.00", "1,920", ",000", ".38", ".", "-", "+", "%", "分", " ", "  ", "≥", "≤", "≧", "≦", "=",
           ">=", "<=", ">", "＝", "＞", "块", "万元", "人", "次/天", "百分比", "座", "达成", "提高", "文字描述", "定性", "6月底前",
           "年", "٣", "元/册", "约", "，", "。", ":", "完成了"]
_SHAPED = st.tuples(  # the shapes a value cell takes: [operator] [space] number [space] [unit or 分 or %]
    st.sampled_from(["", "≥", "≤", "≧", "=", ">=", "<", "＝"]), st.sampled_from(["", " "]),
    st.sampled_from(["0", "7", "15.00", "1,920", "-3.5", "+2", "1 5", "٣"]), st.sampled_from(["", " "]),
    st.sampled_from(["", "%", "分", "百分比", "百分率", "块", "万元", "次/天", "元/册", "座", " =", "文字描述", "定性", "达成"]),
).map("".join).map(str.strip)
_TEXTS = st.one_of(_SHAPED, st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join).map(str.strip)).filter(bool)


# --- the per-cell readings replaced ----------------------------------------------------------------------------------

def _old_key(text: str) -> str:
    return text.replace(" ", "") if " " in text else text


def _old_figure(text: str) -> bool:
    key = _old_key(text)
    return bool(key) and (key[0].isdecimal() or key[0] in "+-") and _FIGURE.match(key) is not None


def _old_written(text: str):
    return WRITTEN.match(text) if _old_key(text)[:1] in _OPERATOR_START else None


def _old_figure_at(cell: Cell, i: int, j: int, unit: str, exact: bool = False):
    if cell.origins is None:
        return figure(cell.text[i:j], cell.start + i, unit, exact)
    return figure(cell.text[i:j], cell.origins[i], unit, exact, cell.origins[j - 1] + 1)


def _old_value(cell: Cell):
    m = _old_written(cell.text)
    if m is None:
        m = interpret._VALUE.match(cell.text)
        if m is None or not m.group("value"):
            return None
    return _old_figure_at(cell, m.start("value"), m.end("value"), interpret._unit(m.group("unit")))


def _spread(text: str, digits: str) -> tuple[int, int]:
    """Where the characters of ``digits`` stand in ``text``, spaces allowed between them (``9 0`` holds 90), the first."""
    for i in range(len(text)):
        j = k = 0
        j = i
        while j < len(text) and k < len(digits) and (text[j] == digits[k] or (k and text[j] == " ")):
            k += text[j] == digits[k]
            j += 1
        if k == len(digits):
            return i, j
    raise AssertionError(f"{digits!r} not in {text!r}")


def _old_spread_figure(cell: Cell, digits: str, unit: str, exact: bool):
    """The figure ``digits`` (read without the cell's spaces) spanning where its characters stand in the cell."""
    i, j = _spread(cell.text, digits)
    if cell.origins is None:
        return figure(digits, cell.start + i, unit, exact, cell.start + j)
    return figure(digits, cell.origins[i], unit, exact, cell.origins[j - 1] + 1)


def _old_number(cell: Cell, unit: str, exact: bool):
    if not _old_figure(cell.text):
        return None
    m = NUMBER.search(_old_key(cell.text))
    return None if m is None else _old_spread_figure(cell, m.group(), unit, exact)


def _old_weight(cell: Cell):
    value = interpret._WEIGHT.match(_old_key(cell.text)).group("value")
    return _old_spread_figure(cell, value, "分", exact=True)


def _placed(found):
    return None if found is None else (found.quantity, found.start, found.end)


def _match(m):
    return None if m is None else (m.span(), m.groupdict())


def _assert_read_as_before(cell: Cell) -> None:
    text = cell.text
    assert cell.key == _old_key(text)
    assert cell.figure == _old_figure(text)
    assert cell.bare == (cell.figure and cell.key[-1] != "%")
    assert _match(cell.written) == _match(_old_written(text))
    assert cell.end == cell.at(len(text) - 1) + 1
    assert cell.sentence == (SENTENCE.search(cell.key) is not None)
    assert _placed(interpret._value(cell)) == _placed(_old_value(cell))
    for unit, exact in (("分", True), ("万元", False), ("%", False)):
        assert _placed(interpret._number(cell, unit, exact)) == _placed(_old_number(cell, unit, exact))
    if interpret._WEIGHT.match(cell.key):
        assert _outcome(lambda: _placed(interpret._placed(cell, *interpret._weight_in(text)))) == _outcome(
            lambda: _placed(_old_weight(cell)))


def _outcome(read):
    """What ``read()`` gives, or the error it raises (a weight spaced inside its digits, ``1 5``, is not found in its
    text either way)."""
    try:
        return read()
    except ValueError as error:
        return type(error)


def _with_origins(text: str, start: int, gaps: list[int]) -> Cell:
    """A cell whose characters stand apart in the document (a wrapped cell, a number broken across lines)."""
    origins, at = [], start
    for k in range(len(text)):
        origins.append(at)
        at += 1 + gaps[k % len(gaps)]
    return Cell(text, start, 0, array("q", origins))


@given(_TEXTS, st.integers(0, 10_000))
@settings(max_examples=800)
def test_a_cell_text_reads_as_the_per_cell_reading_read_it(text, start):
    _assert_read_as_before(Cell(text, start))


@given(_TEXTS, st.integers(0, 10_000), st.lists(st.integers(0, 3), min_size=1, max_size=4))
@settings(max_examples=400)
def test_a_wrapped_cell_places_its_figures_on_their_own_characters(text, start, gaps):
    _assert_read_as_before(_with_origins(text, start, gaps))


@pytest.mark.parametrize("name", ["jincheng-ecology-bureau-2024.txt", "qinhuangdao-emergency-center-2023.txt"])
def test_every_cell_of_the_corpus_tables_reads_as_before(name):
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{name} not in the fixtures")
    document = load(path)
    starts = reader._starts(document)
    cells = 0
    for k, first in enumerate(starts):
        last = starts[k + 1] if k + 1 < len(starts) else len(document.lines)
        for row in reader._rows(document, first, last, reader._layout(document, first, last)):
            for cell in row.cells:
                _assert_read_as_before(cell)
                cells += 1
    assert cells > 100


@given(st.text(alphabet="\t 项目名称ａ｜|\u3000\u00a0\u2024１.%\n", max_size=30))
@settings(max_examples=300)
def test_a_line_holds_a_tab_as_printed_where_its_normalised_form_splits_at_one(raw):
    """The end of a TAB table is its last row split at a TAB (its width), no longer a look at the printed line."""
    assert ("\t" in raw) == (len(normalise(raw).split("\t")) > 1)
    assert ("\t" in raw.strip()) == ("\t" in normalise(raw).strip())  # a title is looked for where neither holds one
    assert written_as("\t") == "\t"


def _plain_bind(texts, indicators, states):
    """:func:`auditor.perf.narrative.bind` as it read before: every indicator tried against every claim."""
    from auditor.perf.narrative import _APPROXIMATE, _BOUND_AFTER, _COPULA, _SHARED, _SUFFIXES, _VERBS, _claims, _common_run, _unit_of

    claims = []
    named = [(i, i.name, _unit_of(i, states)) for i in indicators if i.name]
    named = [(i, name, want) for i, name, want in named if want]
    for text in texts:
        for found, value_match, unit, end in _claims(text.text):
            if _APPROXIMATE.search(found) or _BOUND_AFTER.match(text.text, end):
                continue
            phrase = _COPULA.sub("", _VERBS.sub("", found))
            unit = "%" if unit == "%" else unit[:1] if unit else ""
            if len(phrase) < 2 or not unit:
                continue
            matches = []
            for indicator, name, want in named:
                if not want.startswith(unit):
                    continue
                if phrase.endswith(name) or (name.startswith(phrase) and name[len(phrase) :] in _SUFFIXES):
                    matches.append((indicator, True))
                elif phrase[-2:] == name[-2:] and _common_run(phrase, name) >= _SHARED:
                    matches.append((indicator, False))
            tight = [i for i, t in matches if t]
            chosen = tight if tight else [i for i, _ in matches]
            if len(chosen) == 1:
                claims.append((phrase, value_match.span(), unit, chosen[0], bool(tight)))
    return claims


_NAMES = ["水质采样", "水质采样次数", "数据上报及时率", "数据上报准确率", "群众满意度", "巡查", "巡查里程", ""]
_UNITS = ["", "%", "次", "次/天", "公里", "万元", "个"]


@given(st.lists(st.tuples(st.sampled_from(_NAMES), st.sampled_from(_UNITS), st.sampled_from(_UNITS)), max_size=6),
       st.lists(st.tuples(  # phrase, figure, unit, what follows: 完成了水质采样 48 次；
           st.sampled_from(["完成了", "水质采样", "水质采样次数", "数据上报及时率", "准确率", "群众满意度达", "巡查里程", "约", "共"]),
           st.sampled_from(["", " "]), st.sampled_from(["48", "95", "1,920.38", "-3.5"]),
           st.sampled_from(["", "次", "%", "公里", "万元", "个"]), st.sampled_from(["", "以上", "；", "，"])).map("".join),
           max_size=5).map("".join),
       st.sampled_from(["result", "target"]))
@settings(max_examples=400)
def test_a_narrative_figure_binds_to_the_indicators_it_bound_to_when_every_indicator_was_tried(rows, text, states):
    from auditor.perf.model import Indicator, Text
    from auditor.perf.narrative import bind

    indicators = tuple(
        Indicator(level1="产出指标", level2="数量指标", name=name, weight=None, operator=None,
                  target=figure("10", 0, target_unit) if target_unit else None, target_text="",
                  actual=figure("9", 0, actual_unit) if actual_unit else None, actual_text="", status="", score=None,
                  start=0, end=0)
        for name, target_unit, actual_unit in rows)
    bound = [(c.phrase, (c.figure.start - 100, c.figure.end - 100), c.figure.quantity.unit, c.indicator, c.tight)
             for c in bind([Text(text, 100)], indicators, states)]
    assert bound == _plain_bind([Text(text, 100)], indicators, states)


def test_a_narrative_label_states_what_the_target_and_result_words_say():
    """One lookup per label, as the two word sets read it: a target's word first, then a result's."""
    words = interpret.perf_words()
    reading = interpret._Reading(None, "tab")
    for key in [*words["targets"], *words["results"], "实际完成情况", "年度目标", "项目名称", "完成了", ""]:
        plain = "target" if key in words["targets"] else "result" if key in words["results"] else None
        assert reading._role_of_label(key) == plain


@pytest.mark.parametrize(("text", "value", "span"), [("1 0", "10", (0, 3)), ("9 0", "90", (0, 3)), ("1 5.00 =", "15.00", (0, 6))])
def test_a_letter_spaced_figure_reads_whole_and_spans_its_digits(text, value, span):
    """A PDF prints a narrow cell's digits apart (``1 0``): the cell is the figure 10 (it was read as 1, or stopped the
    audit with a ValueError where the weight was looked for in the text with its spaces)."""
    cell = Cell(text, 100)
    weight = interpret._placed(cell, *interpret._weight_in(text))
    assert (str(weight.quantity.value), weight.start - 100, weight.end - 100) == (value, *span)
    found = interpret._number(cell, "分", True)  # a cell that is one figure; 15.00 = is a weight and its operator
    assert found is None if "=" in text else (str(found.quantity.value), found.start - 100, found.end - 100) == (value, *span)


def test_a_table_with_letter_spaced_weights_is_audited():
    table = ("2024年度项目支出绩效自评表\n项目名称\t某项目\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
             "产出指标\t数量指标\t培训人次\t≥100人次\t120人次\t9 0\t90\n预算执行率\t\t\t\t\t1 0\t10\n总分\t\t\t\t\t100\t1 0 0\n")
    report = auditor.check(auditor.Document(table, "table.txt"))
    assert not [f for f in report.findings if f.severity != "info"]
    assert not [f for f in auditor.check(auditor.Document(table.replace("1 0 0\n", "9 0\n"), "table.txt")).errors if f.rule != "perf.total"]
    assert [f.rule for f in auditor.check(auditor.Document(table.replace("1 0 0\n", "9 0\n"), "table.txt")).errors] == ["perf.total"]
