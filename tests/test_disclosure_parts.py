"""A file that holds several disclosures one after another is audited one disclosure at a time.

A department's file often bundles its own 决算公开 and each subordinate unit's. Read as one document, the figures of
one unit were compared with another's (the generated 1 MB document of benchmarks/speed.py: 2,161 errors, each of its
disclosures alone none). The boundary is the template's part numbering starting again (第一部分 after a later part)
with a whole disclosure on both sides; a 目录 never divides one. Findings keep their places in the file.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal

import pytest
from generated.disclosure import disclosure
from generated.model import Rendered

import auditor
from auditor.document.model import Document, Place
from auditor.document.parts import disclosure_starts

SEEDS = (0, 1, 2)


def joined(*texts: str) -> str:
    """Disclosures one after another, as benchmarks/speed.py lays them (and as a bundled file prints them)."""
    return "".join(text.rstrip("\n") + "\n\n" for text in texts)


def lines_in(text: str) -> int:
    return text.count("\n")


def planted(doc: Rendered) -> str:
    """The disclosure with its first restated prose amount raised by a tenth: an error a disclosure alone gives."""
    figure = next(f for f in doc.figures if f.kind == "prose.amount" and f.value >= 10)
    raised = f"{figure.value + (figure.value / 10).quantize(Decimal(1).scaleb(-figure.places)):.{figure.places}f}"
    return doc.text[: figure.start] + raised + doc.text[figure.end :]


def shape(finding, shift: int = 0) -> tuple:
    """What must be the same of a finding read alone and read in a bundle: its rule, severity, figures and places
    (lines shifted by what stands above it), and its message with the lines it names shifted too."""
    def where(loc):
        return (loc.line + shift, loc.column, loc.end_line + shift, loc.end_column, loc.ref, loc.page)

    message = re.sub(r"第(\d+)行", lambda m: f"第{int(m.group(1)) + shift}行", finding.message)
    return (finding.rule, finding.severity, message, finding.stated, finding.expected, where(finding.location),
            tuple(where(r) for r in finding.related))


def parts_notes(report: auditor.Report) -> list[str]:
    return [note for file in report.files for note in file.notes if "份决算公开" in note]


def test_consistent_disclosures_one_after_another_give_no_error_and_say_where_each_begins():
    docs = [disclosure(random.Random(seed)).text for seed in SEEDS]
    text = joined(*docs)
    report = auditor.check(Document(text, "bundle.txt"))
    assert not report.errors, [(f.location.line, f.rule, f.message) for f in report.errors[:5]]
    # each later disclosure begins at its cover: the unit's name, two lines above its 年度部门决算公开 title
    firsts = [1, lines_in(joined(docs[0])) + 1, lines_in(joined(*docs[:2])) + 1]
    assert [line + 1 for line in disclosure_starts(Document(text))] == firsts[1:]
    assert parts_notes(report) == [f"本文件含 3 份决算公开（第一部分的编号重新开始），逐份核查，各份分别始于：{'、'.join(f'第{n}行' for n in firsts)}"]
    coverage = report.files[0].coverage
    assert coverage.tables == 27 and coverage.table_numbers == tuple(f"{n:02d}" for n in range(1, 10))
    # the verdicts are per table number over all three disclosures: the summary says so rather than "确认 9 张" of 27
    confirmed = f"公开{'、'.join(coverage.tables_confirmed)}表" if coverage.tables_confirmed else "无"
    assert f"报表 27 张（核对 27 张，读法经恒等式在每份中都确认的：{confirmed}" in coverage.summary()


def test_read_as_one_document_the_same_bundle_gives_false_errors():
    """The reason for the split: the same text with its part numbering not restarting (第一部分 of the later
    disclosures renamed) is one document, and its units' figures are compared with each other."""
    docs = [disclosure(random.Random(seed)).text for seed in SEEDS[:2]]
    first, second = docs
    one_document = joined(first, second.replace("第一部分", "第五部分"))
    assert disclosure_starts(Document(one_document)) == ()
    assert auditor.check(Document(one_document, "bundle.txt")).errors


def test_an_inconsistency_in_the_second_disclosure_is_found_as_alone_at_its_line_in_the_file():
    first = disclosure(random.Random(0)).text
    second = planted(disclosure(random.Random(1)))
    alone = auditor.check(Document(second, "bundle.txt"))
    assert alone.errors
    bundle = auditor.check(Document(joined(first, second), "bundle.txt"))
    shift = lines_in(joined(first))
    assert sorted(shape(f, shift) for f in alone.findings) == sorted(shape(f) for f in bundle.findings)


def test_a_table_of_contents_listing_the_parts_does_not_divide_a_disclosure():
    text = disclosure(random.Random(3)).text
    cover, body = text.split("\n第一部分", 1)
    year = re.search(r"(\d{4})年度部门决算公开", cover).group(1)
    contents = f"目录\n\n第一部分 单位概况\n第二部分 {year} 年度部门决算报表\n第三部分 {year} 年度部门决算情况说明\n第四部分 名词解释\n"
    with_contents = f"{cover}\n{contents}\n第一部分{body}"
    assert disclosure_starts(Document(with_contents)) == ()
    report = auditor.check(Document(with_contents, "one.txt"))
    assert not report.errors and not parts_notes(report)


def test_each_disclosure_keeps_its_own_table_of_contents():
    """Bundled disclosures each with a 目录: the second's cover and 目录 begin the second part, not end the first."""
    docs = []
    for seed in SEEDS[:2]:
        cover, body = disclosure(random.Random(seed)).text.split("\n第一部分", 1)
        docs.append(f"{cover}\n目 录\n第一部分 单位概况\t1\n第二部分 部门决算报表\t3\n第三部分 情况说明\t9\n第四部分 名词解释\t12\n\n第一部分{body}")
    text = joined(*docs)
    assert [line + 1 for line in disclosure_starts(Document(text))] == [lines_in(joined(docs[0])) + 1]
    assert not auditor.check(Document(text, "bundle.txt")).errors


def test_a_restart_with_no_whole_disclosure_after_it_does_not_divide():
    """A cover and 第一部分 with nothing after them (a truncated file): unknown, so the file is read as one."""
    text = joined(disclosure(random.Random(0)).text, "某某局\n\n2023年度部门决算公开\n\n第一部分 单位概况\n\n一、主要职能\n\n负责本地区相关工作。")
    assert disclosure_starts(Document(text)) == ()


def test_an_appended_report_numbering_its_own_parts_does_not_divide_a_disclosure():
    """A report appended to a disclosure that numbers its own parts, with money in its prose but no standard table and
    no 情况说明: not a second disclosure, so the file is read as one."""
    report = ("项目支出绩效评价报告\n\n第一部分 项目基本情况\n\n该项目年度预算 120.00 万元，全年执行 100.00 万元，执行率 83.3%。\n\n"
              "第二部分 绩效目标完成情况\n\n项目完成全部产出目标，资金使用 100.00 万元。\n")
    assert disclosure_starts(Document(joined(disclosure(random.Random(0)).text, report))) == ()


def test_an_appended_report_with_money_in_its_third_part_does_not_divide_a_disclosure():
    """A project's 绩效自评报告 appended to a disclosure, numbering its parts like the template and stating money in its
    第三部分 (the part a disclosure's 情况说明 takes): no standard table and a cover that names no 决算, so not a
    disclosure of its own."""
    report = ("附件\n\n项目支出绩效自评报告\n\n第一部分 项目基本情况\n\n本项目年度预算120.00万元，实际支出118.50万元。\n\n"
              "第二部分 绩效目标完成情况\n\n项目按计划完成。\n\n第三部分 绩效评价结论\n\n项目资金118.50万元，执行率98.75%，自评得分95分。\n")
    text = joined(disclosure(random.Random(0)).text, report)
    assert disclosure_starts(Document(text)) == ()
    assert not parts_notes(auditor.check(Document(text, "附件.txt")))


def test_a_finding_in_the_second_disclosure_of_a_pdf_names_its_page():
    """A PDF-like Document (a Place per line, 40 lines a page): the finding's ref and page are its line's, in the file."""
    first = disclosure(random.Random(0)).text
    second = planted(disclosure(random.Random(1)))
    text = joined(first, second)
    count = lines_in(text) + 1
    places = {i: Place(f"第{i // 40 + 1}页 第{i % 40 + 1}行", page=i // 40 + 1) for i in range(count)}
    report = auditor.check(Document(text, "bundle.pdf", encoding="pdf", places=places))
    assert report.errors and parts_notes(report)
    start = lines_in(joined(first))
    for finding in report.errors:
        location = finding.location
        assert location.line > start  # the planted error is the second disclosure's
        assert (location.ref, location.page) == (places[location.line - 1].ref, places[location.line - 1].page)
    # the note names where each disclosure begins as the PDF's places do
    assert parts_notes(report)[0].endswith(f"第1页 第1行、{places[start].ref}")


def test_a_part_of_a_document_reports_the_files_lines_and_places():
    """Document.part: lines [first, end) as a Document of their own, whose locations, messages' places and excerpts
    are the file's (CRLF line ends, a place per line)."""
    text = "封面\r\n第一部分\r\n甲 1.00 万元\r\n乙 2.00 万元\r\n丙 3.00 万元\r\n"
    whole = Document(text, "f.txt", places={3: Place("第2页 第1行", page=2)})
    part = whole.part(2, 4)
    assert part.text == "甲 1.00 万元\r\n乙 2.00 万元\r\n"
    offset = part.text.index("2.00")
    assert part.location(offset, offset + 4) == whole.location(text.index("2.00"), text.index("2.00") + 4)
    assert part.location(offset, offset + 4).page == 2
    first = Document(text, "f.txt").part(2, 4)
    assert first.where(0) == "第3行" and first.position(offset) == (4, 3)
    assert first.excerpt(offset, offset + 4) == "乙 2.00 万元"


def test_the_bound_on_numbers_holds_per_disclosure(monkeypatch):
    """Each disclosure of a file is read and let go in turn, so the bound on numbers read (a bound on memory) is each
    disclosure's: a bundle of two within it is audited, the same numbers in one disclosure are refused."""
    import auditor.api

    docs = [disclosure(random.Random(seed)).text for seed in SEEDS[:2]]
    counts = [len(re.findall(r"\d+", text)) for text in docs]
    monkeypatch.setattr(auditor.api, "MAX_NUMBERS", max(counts) + 50)
    assert not auditor.check(Document(joined(*docs), "bundle.txt")).errors
    one_document = joined(docs[0], docs[1].replace("第一部分", "第五部分"))
    with pytest.raises(auditor.InputError, match="数字过多"):
        auditor.check(Document(one_document, "bundle.txt"))
