"""The document model: prose joined across wraps, headings as scope, every character traced back."""

from decimal import Decimal

from auditor import check
from auditor.document.layout import blocks, classify_lines
from auditor.document.model import Document, normalise
from auditor.extract import extract

# qinhuangdao-emergency-center-2023.txt, lines 92-99 and 802-812: PDF wraps with a blank
# line after every line, a page footer, and a number broken across two lines.
WRAPPED = """ 一、收入支出决算总体情况说明

本单位2023年度收、支总计（含结转和结余）774.37万

元。与2022年度决算相比，收支各增加112.36万元，增长

— 7 —

17.0%，主要原因是：项目数量增加，项目支出增加。
"""


def origin_text(doc: Document, start: int, end: int) -> str:
    return doc.text[start:end]


def test_wrapped_amount_is_joined_and_maps_back_to_both_lines():
    doc = Document(WRAPPED)
    (block,) = blocks(doc)
    text = block.text.text
    at = text.index("774.37万元")
    start, end = block.text.span(at, at + len("774.37万元"))
    assert doc.position(start) == (3, 23)  # 1-based line 3, column of "7"
    assert doc.position(end - 1) == (5, 1)  # "元" opens line 5
    assert "— 7 —" not in text  # the page footer is not prose


def test_number_broken_across_lines_is_one_figure():
    doc = Document("（1）项目情况：自评得分为 9.4269\n\n2 分，完成预算的 94.27%。\n")
    facts = extract(doc)
    scores = [m for m in facts.mentions if m.quantity.unit == "分"]
    assert [m.quantity.value for m in scores] == [Decimal("9.42692")]
    line, column = doc.position(scores[0].start)
    assert (line, column) == (1, 15)
    assert doc.position(scores[0].end - 1)[0] == 3


def test_full_width_characters_are_normalised_one_for_one():
    raw = "占５１．１％，其中：（一）"
    assert normalise(raw) == "占51.1%,其中:(一)"
    assert len(normalise(raw)) == len(raw)


def test_full_width_figures_keep_their_original_columns():
    doc = Document("本年支出合计７７４．３７万元，其中：基本支出３９５．９１万元，占５１．１％。")
    facts = extract(doc)
    share = facts.shares[0]
    assert share.rate.quantity.value == Decimal("51.1")
    assert doc.location(*share.rate.span).column == doc.text.index("５１．１％") + 1


def test_headings_give_scope_and_titles_end_their_sentence():
    doc = Document("第三部分 情况说明\n四、财政拨款收支情况\n（一）对比情况\n1. 一般公共预算财政拨款本年收入合计774.37万元，\n比上年增加113.25万元，增长17.1%。\n")
    facts = extract(doc)
    first = facts.mentions[0]
    assert [h.marker for h in first.scope] == ["第三部分", "四、", "(一)", "1."]
    assert first.label == "一般公共预算财政拨款本年收入合计"


def test_watermarks_and_chart_ocr_are_not_prose():
    lines = ["仅供内部审核"] * 3 + ["[image: image4.png]FECOR . SR", "0 20 40 60", "一、收入决算情况说明"]
    doc = Document("\n".join(lines))
    kinds = [line.kind for line in classify_lines(doc)]
    assert kinds == ["noise"] * 5 + ["heading"]


def test_tables_and_performance_appendix_are_not_prose():
    doc = Document(
        "三、支出决算情况说明\n本年支出合计774.37万元。\n合计\t\t1,920.38\t1,320.27\n"
        " 附项目支出绩效自评表\n预算数 120.000000 到位数 120.000000执行数 113.123041 94.27\n"
    )
    texts = [b.text.text for b in blocks(doc)]
    assert texts == ["支出决算情况说明\n本年支出合计774.37万元。"]
    assert all("113.123041" not in t for t in texts)


def test_performance_appendix_ends_at_the_next_part():
    doc = Document(
        "附项目支出绩效自评表\n一、基本情况\n金额 5 万元\n第四部分 其他说明\n一、本年支出合计774.37万元。\n"
        "第五部分 名词解释\n一、机关运行经费：指…共 3 项\n"
    )
    texts = [b.text.text for b in blocks(doc)]
    assert texts == ["其他说明", "本年支出合计774.37万元。"]


def test_table_of_contents_lines_are_skipped():
    doc = Document("第三部分 情况说明\t12\n一、收入支出决算总体情况说明\t12\n")
    assert [line.kind for line in classify_lines(doc)] == ["toc", "toc", "blank"]


def test_crlf_line_ends_do_not_shift_columns():
    doc = Document("一、说明\r\n本年支出合计774.37元，\r\n基本支出395.91万元。\r\n")
    facts = extract(doc)
    locations = [doc.location(*m.span) for m in facts.mentions]
    assert [(loc.line, loc.column) for loc in locations] == [(2, 7), (3, 5)]


def test_a_part_heading_glued_to_the_previous_page_still_opens_its_part():
    """Pages joined without a newline: ``…故本表无数据。第三部分 …`` — the 情况说明 is found and read."""
    text = (
        "第二部分 决算报表\n收入支出决算总表\n单位：万元\n"
        "说明：本单位没有政府性基金预算财政拨款收入，故本表无数据。第三部分 情况说明\n"
        "一、收入支出决算总体情况说明\n本年支出合计 612.40 万元，其中：基本支出 288.15 万元，项目支出 334.25 万元。\n"
    )
    doc = Document(text)
    assert [h.marker for h in blocks(doc)[-1].scope] == ["第三部分", "一、"]
    errors = check(text).errors
    assert [(f.rule, f.location.line) for f in errors] == [("sum", 6)]
    assert not check(text.replace("334.25", "324.25")).errors


# --- hard wraps around headings, titles and letter-spacing (layout must not change the verdict) ----------


def _growth_errors(text: str):
    return [(f.rule, f.stated) for f in check(text, select=["growth", "sum", "share"]).errors]


def test_a_numbered_paragraph_wrapped_inside_its_first_figure_is_not_a_title():
    """``1. 一般公共预算财政拨款本年收入合计1920.3`` + newline + ``8万元，…``: one paragraph, one figure 1920.38."""
    text = "1. 一般公共预算财政拨款本年收入合计1920.3\n8万元，比上年增加477.57万元，增长33.1%，主要原因是人员调资。\n"
    (mention,) = [m for m in extract(Document(text, "x.txt")).mentions if m.role == "plain"]
    assert mention.quantity.text == "1920.38" and mention.label.endswith("本年收入合计")
    assert _growth_errors(text) == []
    assert _growth_errors(text.replace("33.1%", "38.1%")) == [("growth", "38.1%")]
    # a line that goes on with an amount, or with punctuation, goes on the heading's sentence too
    assert extract(Document(text.replace("1920.3\n8万元", "\n1920.38万元"), "x.txt")).mentions[0].label.endswith("本年收入合计")


def test_a_heading_as_wide_as_the_column_is_wrapped_not_a_title():
    """In a hard-wrapped document, a numbered heading that fills the column goes on in the next line."""
    filler = "项目绩效目标完成情况良好，资金使用规范，保障了各项工作顺利开展。"
    body = "\n".join(filler[i % 7 :] + filler[: i % 7] for i in range(30))  # about 30 lines of one width
    wrapped = "12、网络系统安全防护服务费和政府网站常态化云监测及内容安全监测服\n务费项目自评综述：项目绩效自评得分为 96 分。\n"
    texts = [b.text.text for b in blocks(Document(body + "\n" + wrapped, "x.txt"))]
    assert any("内容安全监测服务费项目自评综述" in t for t in texts)
    # the same heading in a document with one paragraph per line is a title of its own
    short = "".join((filler * 3)[: 8 + 3 * i] + "。\n" for i in range(30)) + wrapped  # paragraphs of every length
    assert not any("内容安全监测服务费项目自评综述" in t for t in [b.text.text for b in blocks(Document(short, "x.txt"))])


def test_a_wrapped_line_that_ends_in_a_tables_name_is_prose_not_a_performance_title():
    text = "三、项目情况\n上网行为管理年费项目绩效自评得分为 96 分（绩效自评表\n附后）。全年预算数为 1.9 万元，执行数为 1.9 万元。\n四、其他\n本年支出合计 5.00 万元。\n"
    texts = "".join(b.text.text for b in blocks(Document(text, "x.txt")))
    assert "全年预算数为 1.9 万元" in texts and "本年支出合计 5.00 万元" in texts
    assert "项目支出绩效自评表" not in texts and [b for b in blocks(Document("项目支出绩效自评表\n项目名称\tA项目\n", "x.txt"))] == []


def test_a_letter_spaced_heading_scopes_like_the_heading():
    """``六、一 般 公 共 预 算 …`` names the same section: its words decide what the figures under it are."""
    plain = "六、一般公共预算财政拨款基本支出决算情况说明\n一般公共预算财政拨款基本支出 431.75 万元。\n"
    spaced = "六、一 般 公 共 预 算 财 政 拨 款 基 本 支 出 决 算 情 况 说 明\n一般公共预算财政拨款基本支出 431.75 万元。\n"
    (a,), (b,) = extract(Document(plain, "x.txt")).mentions, extract(Document(spaced, "x.txt")).mentions
    assert a.label == b.label == "一般公共预算财政拨款基本支出"
    assert [h.title for h in a.scope] == [h.title for h in b.scope] == ["一般公共预算财政拨款基本支出决算情况说明"]


def test_a_numbered_paragraph_wrapped_between_a_figure_and_its_unit_goes_on():
    """``1. …本年收入合计 357.68 万`` + newline + ``元,完成年初预算的 127.50%``: the rate is the figure's."""
    text = "（二）财政拨款收支与年初预算数对比情况\n1. 一般公共预算财政拨款本年收入合计 357.68 万\n元,完成年初预算的 127.50%,比年初预算增加\n77.15万元。\n"
    assert check(text, select=["budget"]).findings == ()
    (f,) = check(text.replace("127.50%", "140.25%"), select=["budget"]).errors
    assert f.stated == "140.25%" and f.location.line == 3


def test_normalised_lines_keep_every_column_of_the_original_lines():
    """Full-width digits and brackets, traditional characters, CRLF and a lone CR: line for line, character for character."""
    doc = Document("一、收支總計\r\n本年支出合計７７４．３７萬元（含結轉）\r其中：基本支出 395.91 万元\n")
    assert len(doc.normalised_lines) == len(doc.lines) == 4
    assert [len(n) for n in doc.normalised_lines] == [len(line) for line in doc.lines]
    assert doc.normalised_lines[1] == "本年支出合计774.37万元(含结转)"
    assert doc.normalised_lines[2] == "其中:基本支出 395.91 万元"


def test_views_let_go_after_extraction_are_built_again_alike():
    doc = Document(WRAPPED)
    lines, normalised = list(doc.lines), list(doc.normalised_lines)
    first = [m.quantity.display() for m in extract(doc).mentions]
    assert doc.lines == lines and doc.normalised_lines == normalised  # extraction let them go; asked again, the same
    assert [m.quantity.display() for m in extract(doc).mentions] == first == ["774.37万元", "112.36万元", "17.0%"]
