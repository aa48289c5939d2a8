"""The same disclosure as text, as a Word document, and as prose + an Excel workbook gives the same findings.

The .docx and .xlsx files are built from the corpus text by tests/build_formats.py with
python-docx and openpyxl. Two errors are planted first (one table cell, one prose figure),
so that table rules, prose-against-table rules and prose rules all have something to say.
"""

from collections import Counter
from pathlib import Path

import pytest
from build_formats import build_docx, build_prose_and_xlsx

import auditor

ETDZ = Path(__file__).parent / "fixtures" / "corpus" / "qinhuangdao-etdz-office-2023.txt"


def _planted(tmp: Path) -> Path:
    lines = ETDZ.read_text(encoding="utf-8").split("\n")
    table = next(i for i, line in enumerate(lines) if line.startswith("公开03表"))
    row = next(i for i, line in enumerate(lines) if i > table and line.startswith("201\t"))
    lines[row] = lines[row].replace("745.91", "755.91", 1)  # 基本支出 of 201 no longer adds up
    prose = next(i for i, line in enumerate(lines) if line.startswith("本部门2023年度本年支出合计"))
    lines[prose] = lines[prose].replace("基本支出1320.27", "基本支出1302.27", 1)  # against 公开03表 合计
    path = tmp / "etdz.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("formats")
    text = _planted(tmp)
    build_docx(text, tmp / "etdz.docx")
    build_prose_and_xlsx(text, tmp / "etdz-prose.txt", tmp / "etdz-tables.xlsx")
    return {
        "text": auditor.check(text),
        "docx": auditor.check(tmp / "etdz.docx"),
        "xlsx": auditor.check(tmp / "etdz-prose.txt", tables=tmp / "etdz-tables.xlsx"),
    }


def _signature(report):
    return Counter((f.rule, f.severity, f.stated, f.expected) for f in report.findings)


def test_the_planted_errors_are_found_in_text(reports):
    rules = {f.rule for f in reports["text"].errors}
    assert {"table.sum", "xref.table", "unit"} <= rules


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_same_findings_in_every_format(reports, fmt):
    assert _signature(reports[fmt]) == _signature(reports["text"])


def test_docx_locations_name_paragraphs_and_cells(reports):
    for f in reports["docx"].findings:
        assert f.location.ref, f
    (table_error,) = [f for f in reports["docx"].errors if f.rule == "table.sum"]
    assert table_error.location.ref.startswith("表") and "行第3列" in table_error.location.ref  # 本年支出合计 is column 3
    (prose_error,) = [f for f in reports["docx"].errors if f.rule == "xref.table"]
    assert prose_error.location.ref.endswith("段")
    assert prose_error.related[0].ref.startswith("表")


def test_xlsx_locations_name_sheet_cells_and_prose_lines(reports):
    (table_error,) = [f for f in reports["xlsx"].errors if f.rule == "table.sum"]
    assert table_error.location.path.endswith("etdz-tables.xlsx")
    assert table_error.location.ref.startswith("公开03表!C")
    (prose_error,) = [f for f in reports["xlsx"].errors if f.rule == "xref.table"]
    assert prose_error.location.path.endswith("etdz-prose.txt") and not prose_error.location.ref
    assert prose_error.related[0].path.endswith("etdz-tables.xlsx") and prose_error.related[0].ref.startswith("公开03表!")
    assert [r.path.endswith(".xlsx") for r in reports["xlsx"].files] == [False, True]


def test_docx_performance_tables_are_read_from_word_tables(reports):
    """The 绩效自评表 of a .docx are Word tables: their findings name the table cell (联通宽带费's 自评总分)."""
    perf = [f for f in reports["docx"].findings if f.rule.startswith("perf.")]
    assert len(perf) == len([f for f in reports["text"].findings if f.rule.startswith("perf.")]) > 30
    # 联通宽带费's weights add up to 110: its total is noted, not checked (issue 20), at its cell of the Word table
    total = [f for f in perf if f.rule == "perf.total" and "联通宽带费" in f.message]
    assert len(total) == 1 and total[0].location.ref.startswith("表") and "列" in total[0].location.ref
    assert {f.location.ref for f in perf if f.rule == "perf.summary" and f.severity == "error"} >= {"第345段"}


@pytest.fixture(scope="module")
def pdf_reports(tmp_path_factory):
    """The planted disclosure as a PDF (tests/build_pdf.py) and as the lines that PDF shows.

    A PDF wraps long lines at the margin, which a text extraction does not have to: the
    reader is held to the lines the page shows (the text it was laid out as), wraps included.
    """
    pytest.importorskip("pypdfium2")
    pytest.importorskip("reportlab")
    from build_pdf import FONT_FILE, build_pdf

    if not FONT_FILE.exists():
        pytest.skip(f"the CJK font {FONT_FILE} is missing (apt-get install fonts-wqy-microhei)")
    tmp = tmp_path_factory.mktemp("pdf")
    text = _planted(tmp)
    laid = build_pdf(text.read_text(encoding="utf-8").split("\n"), tmp / "etdz.pdf", header="秦皇岛经济技术开发区管理委员会办公室 2023 年度部门决算")
    (tmp / "etdz-as-laid-out.txt").write_text("\n".join(laid), encoding="utf-8")
    return auditor.check(tmp / "etdz.pdf"), auditor.check(tmp / "etdz-as-laid-out.txt")


def test_same_findings_in_a_pdf_as_in_the_text_it_shows(pdf_reports):
    pdf, text = pdf_reports
    assert _signature(pdf) == _signature(text)
    assert {"table.sum", "xref.table", "unit"} <= {f.rule for f in pdf.errors}
    assert all(f.location.page and f.location.bbox and f.location.ref.startswith(f"第{f.location.page}页") for f in pdf.findings)


def test_a_perf_table_whose_title_the_pdf_prints_against_its_first_rows_is_no_prose(tmp_path):
    """qinhuangdao-emergency-center's 绩效自评表 (one cell per line, narrow cells wrapped) as a PDF shows it: with no blank
    line between them, the title line fell into the table region of the rows below, the 绩效自评表 zone never opened,
    and the table's cells were read as prose (``财政资金 113.123041``: a false 缺少单位 error). The errors are the text's."""
    pytest.importorskip("pypdfium2")
    pytest.importorskip("reportlab")
    from build_pdf import FONT_FILE, build_pdf

    if not FONT_FILE.exists():
        pytest.skip(f"the CJK font {FONT_FILE} is missing (apt-get install fonts-wqy-microhei)")
    source = Path(__file__).parent / "fixtures" / "corpus" / "qinhuangdao-emergency-center-2023.txt"
    build_pdf(source.read_text(encoding="utf-8").split("\n"), tmp_path / "emergency.pdf", header="秦皇岛市环境应急与重污染天气预警中心 2023 年度部门决算")

    def errors(report):
        return Counter((f.rule, f.stated, f.expected) for f in report.errors)

    assert errors(auditor.check(tmp_path / "emergency.pdf")) == errors(auditor.check(source))
