"""Reading a published PDF: lines in visual order, ruled tables as TAB rows, pages, places, boxes.

The corpus PDFs (a Word file and a WPS file, digits drawn lower than the text around
them, the WPS content stream out of reading order) are compared with their text
extractions line for line; small PDFs drawn with reportlab (tests/build_pdf.py) test
each behaviour on text in other words and numbers.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")

from build_pdf import CJK, FONT_FILE, LATIN, build_pdf, draw_bytes  # noqa: E402

import auditor  # noqa: E402
from auditor.read import read_path  # noqa: E402

CORPUS = Path(__file__).parent / "fixtures" / "pdf"  # copies of ../shared/corpus/putuo-*-2024.{pdf,txt} and the template

if not FONT_FILE.exists():
    reason = f"the CJK font {FONT_FILE} is missing (apt-get install fonts-wqy-microhei)"
    if os.environ.get("AUDITOR_REQUIRE_BROWSER"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def comparable(lines) -> list[str]:
    """Lines without blank lines, trailing empty cells or spaces (extractions differ only in those)."""
    return [line.rstrip("\t\r").replace(" ", "") for line in lines if line.strip()]


@pytest.mark.parametrize("name", ["putuo-planning-resources-2024", "putuo-social-work-2024"])
def test_corpus_pdf_reads_as_its_text_extraction(name):
    document = read_path(CORPUS / f"{name}.pdf")
    expected = (CORPUS / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    assert comparable(document.lines) == comparable(expected)


def test_wps_pages_are_in_reading_order_with_headings_on_their_own_line():
    lines = read_path(CORPUS / "putuo-social-work-2024.pdf").lines
    heading = next(i for i, line in enumerate(lines) if line.startswith("第三部分") and i > 40)
    assert lines[heading - 1].startswith("注：") or "。" in lines[heading - 1] or lines[heading - 1] == ""
    assert not any(line.endswith("。第三部分") or "。第三部分" in line for line in lines)


def test_every_line_has_its_page_and_line_on_the_page():
    document = read_path(CORPUS / "putuo-planning-resources-2024.pdf")
    pages = [place.page for _, place in sorted(document.places.items())]
    assert pages[0] == 1 and pages[-1] == 30 and pages == sorted(pages)
    for index, place in document.places.items():
        assert place.ref.startswith(f"第{place.page}页 第")
        assert len(place.boxes) == 4 * len(document.lines[index])


def test_a_prose_figure_is_located_by_page_line_and_box():
    path = CORPUS / "putuo-social-work-2024.pdf"
    document = read_path(path)
    line = next(i for i, text in enumerate(document.lines) if text.startswith("本年支出合计") and "105.58" in text)
    start = document.line_start(line) + document.lines[line].index("105.58")
    location = document.location(start, start + len("105.58"))
    assert location.page >= 1 and location.ref.startswith(f"第{location.page}页 第")
    x0, top, x1, bottom = location.bbox
    assert 0 < x0 < x1 < 595.3 and 0 < top < bottom < 842
    assert 15 < x1 - x0 < 60 and 8 < bottom - top < 25  # six characters of a ~16 pt font
    assert location.display() == f"{path}:{location.ref}"


def test_a_table_figure_is_located_by_its_cell():
    document = read_path(CORPUS / "putuo-social-work-2024.pdf")
    line = next(i for i, text in enumerate(document.lines) if text.startswith("2013901\t行政运行"))
    start = document.line_start(line) + document.lines[line].index("51.32")
    location = document.location(start, start + 5)
    assert location.ref.endswith("第3列")
    assert location.bbox[2] - location.bbox[0] < 40


def test_digits_drawn_lower_stay_on_their_line(tmp_path):
    lines = ["本年支出合计 774.37 万元，基本支出 395.91 万元。", "第二行 12.5 万元，占 51.1%。"]
    build_pdf(lines, tmp_path / "low.pdf", size=16, drop=5)
    assert comparable(read_path(tmp_path / "low.pdf").lines) == comparable(lines)


def test_content_stream_order_is_not_reading_order(tmp_path):
    def draw(c, _):
        c.setFont(CJK, 12)
        for y, text in [(500, "第三行在最下面"), (700, "第一行在最上面"), (600, "第二行在中间")]:
            c.drawString(72, y, text)
        c.drawString(156, 700, "，右半句")  # the right half of the first line, drawn last
        c.setFont(LATIN, 12)
        c.drawString(300, 596, "88.80")  # a figure drawn lower than its line

    path = tmp_path / "order.pdf"
    path.write_bytes(draw_bytes(draw))
    assert read_path(path).lines == ["第一行在最上面，右半句", "第二行在中间 88.80", "第三行在最下面"]


def _grid(c, xs, ys, skip_vertical=(), skip_horizontal=()):
    """Rules of a grid; ``skip_vertical`` holds (x index, row index) pairs with no rule (merged cells)."""
    for r, y in enumerate(ys):
        for col in range(len(xs) - 1):
            if (r, col) not in skip_horizontal:
                c.line(xs[col], y, xs[col + 1], y)
    for i, x in enumerate(xs):
        for r in range(len(ys) - 1):
            if (i, r) not in skip_vertical:
                c.line(x, ys[r], x, ys[r + 1])


def test_ruled_table_rows_keep_the_grid_with_merged_cells(tmp_path):
    xs, ys = [60, 160, 260, 360], [700, 680, 660, 640]

    def draw(c, _):
        c.setFont(CJK, 10)
        c.drawString(60, 720, "表一 收支情况")
        _grid(c, xs, ys, skip_vertical={(2, 0)}, skip_horizontal={(1, 0)})  # 收入 spans two columns; 项目 two rows
        c.drawString(64, 670, "项目")
        c.drawString(180, 686, "收入")
        c.drawString(164, 666, "本年")
        c.drawString(264, 666, "上年")
        c.drawString(64, 646, "合计")
        c.setFont(LATIN, 10)
        c.drawString(164, 643, "1,920.38")
        c.drawString(264, 643, "1,800.00")
        c.setFont(CJK, 10)
        c.drawString(60, 600, "注：表后说明。")

    path = tmp_path / "grid.pdf"
    path.write_bytes(draw_bytes(draw))
    document = read_path(path)
    # a merged cell's text stands in its first row and column, as the .docx reader puts it
    assert document.lines == ["表一 收支情况", "项目\t收入\t", "\t本年\t上年", "合计\t1,920.38\t1,800.00", "", "注：表后说明。"]
    place = document.places[3]
    assert [ref for _, ref in place.cells] == ["第1页 第4行第1列", "第1页 第4行第2列", "第1页 第4行第3列"]
    assert place.at(document.lines[3].index("1,800.00")) == "第1页 第4行第3列"


def test_a_table_continued_on_the_next_page_stays_one_table(tmp_path):
    rows = [f"{2010000 + i}\t科目{i}\t{i}.{i:02d}" for i in range(120)]
    lines = ["支出决算表", "科目编码\t科目名称\t决算数", *rows, "注：本表反映支出情况。", "第三部分 情况说明"]
    laid = build_pdf(lines, tmp_path / "long.pdf", header="某某局 2024 年度部门决算")
    document = read_path(tmp_path / "long.pdf")
    assert max(place.page for place in document.places.values()) >= 3
    first = document.lines.index("科目编码\t科目名称\t决算数")
    assert document.lines[first:first + 121] == laid[1:122]  # no empty line where a page breaks, no header, no page number
    assert document.lines[first + 121] == ""
    assert document.lines[first + 122:] == ["注：本表反映支出情况。", "第三部分 情况说明"]


def test_running_headers_and_page_numbers_are_dropped_and_pages_never_glue(tmp_path):
    prose = [f"第{i}段：本年支出合计 {i}.50 万元，比上年增加 {i}.00 万元。" for i in range(1, 140)]
    lines = [*prose, "故本表无数据。", "第三部分 情况说明"]
    laid = build_pdf(lines, tmp_path / "prose.pdf", header="某某局 2024 年度部门决算公开")
    document = read_path(tmp_path / "prose.pdf")
    assert max(place.page for place in document.places.values()) >= 3
    assert document.lines == laid
    assert not any("—" in line or "部门决算公开" in line for line in document.lines)


def test_check_a_pdf_end_to_end():
    report = auditor.check(CORPUS / "putuo-social-work-2024.pdf")
    assert report.files[0].encoding == "pdf"
    assert report.findings and all(f.location.page and f.location.bbox for f in report.findings)
    assert all(f.location.display().startswith(str(CORPUS / "putuo-social-work-2024.pdf") + ":第") for f in report.findings)


@pytest.mark.parametrize("name", ["putuo-planning-resources-2024", "putuo-social-work-2024"])
def test_corpus_pdf_gives_the_findings_of_its_text_extraction(name, request):
    from collections import Counter

    def signature(report):
        return Counter((f.rule, f.severity, f.stated, f.expected, f.message.split("：")[0]) for f in report.findings)

    pdf = request.getfixturevalue("planning_report") if name.startswith("putuo-planning") else auditor.check(CORPUS / f"{name}.pdf")
    text = auditor.check(CORPUS / f"{name}.txt")
    assert signature(pdf) == signature(text)
    assert len(pdf.errors) == len(text.errors) and len(pdf.findings) == len(text.findings) > 0


def test_the_template_has_no_amounts_and_no_arithmetic_finding():
    report = auditor.check(CORPUS / "final-accounts-template.pdf")
    assert report.files[0].error is None
    checklist = ("placeholder", "structure.", "year.", "wording.", "sangong.")
    assert [f for f in report.findings if f.severity != "info" and not f.rule.startswith(checklist)] == []
    assert any(f.rule == "placeholder" for f in report.findings)  # XX局, 202X年, 增加（减少）: the template's blanks


# --- where a PDF finding is reported ----------------------------------------------------------


@pytest.fixture(scope="module")
def planning_report():
    return auditor.check(CORPUS / "putuo-planning-resources-2024.pdf")


def test_text_report_names_page_and_line(planning_report, capsys):
    from auditor.cli import main

    path = CORPUS / "putuo-planning-resources-2024.pdf"
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    xref = next(f for f in planning_report.findings if f.rule == "xref.table")
    assert f"{path}:{xref.location.ref}: error [xref.table]" in out
    assert xref.location.ref.startswith("第24页 第")  # 六、一般公共预算财政拨款基本支出 on page 24 of the PDF
    assert "按 pdf 编码读取" not in out


def test_json_location_has_page_and_the_figure_box(planning_report):
    import json

    data = json.loads(planning_report.to_json())
    finding = next(f for f in data["findings"] if f["rule"] == "xref.table")
    location = finding["location"]
    assert location["page"] == 24 and location["ref"].startswith("第24页")
    x0, top, x1, bottom = location["bbox"]
    assert 0 < x0 < x1 < 595.4 and 0 < top < bottom < 842 and x1 - x0 < 120  # the box of "5377.64万元", not of its line
    for related in finding["related"]:
        assert related["page"] >= 1 and len(related["bbox"]) == 4


def test_sarif_location_of_a_pdf_finding(planning_report):
    import json

    import jsonschema

    schema = json.loads((Path(__file__).parent / "schemas" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    log = planning_report.to_sarif()
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert run["artifacts"][0]["mimeType"] == "application/pdf"
    for finding, result in zip(planning_report.findings, run["results"], strict=True):
        (location,) = result["locations"]
        assert location["logicalLocations"] == [{"name": finding.location.ref}]
        assert location["properties"]["page"] == finding.location.page
        assert location["properties"]["bbox"] == list(finding.location.bbox)
        assert location["physicalLocation"]["region"]["startLine"] == finding.location.line


def test_text_file_locations_are_unchanged():
    text = "本年支出合计1920.38元，比上年增加477.57万元。\n本年支出合计1920.38万元。\n本年收入合计1920.38万元。"
    (finding,) = auditor.check(text, select=["unit"]).findings
    assert finding.location.display() == "<text>:1:7" and finding.location.page == 0
    assert set(finding.location.to_dict()) == {"path", "line", "column", "end_line", "end_column"}


# --- what a PDF can do wrong ------------------------------------------------------------------


def reason_of(path) -> str:
    from auditor.read import InputError

    with pytest.raises(InputError) as info:
        read_path(path)
    assert info.value.path == str(path) and "\n" not in str(info.value)
    return info.value.reason


def minimal_pdf(content: bytes, *, flate: bool = False) -> bytes:
    """A one-page PDF whose page content stream is ``content`` (Flate-compressed when asked), with a correct xref."""
    import zlib

    stream = zlib.compress(content, 9) if flate else content
    filters = b"/Filter /FlateDecode " if flate else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< " + filters + b"/Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_not_a_pdf_at_all(tmp_path):
    (tmp_path / "决算.pdf").write_text("本年支出合计 774.37 万元。", encoding="utf-8")
    (tmp_path / "word.pdf").write_bytes(b"PK\x03\x04" + bytes(200))
    assert "不是 PDF" in reason_of(tmp_path / "决算.pdf")
    assert "不是 PDF" in reason_of(tmp_path / "word.pdf")


def test_truncated_download(tmp_path):
    data = (CORPUS / "putuo-social-work-2024.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[: len(data) // 2])
    assert "不完整" in reason_of(tmp_path / "cut.pdf")


def test_corrupt_body(tmp_path):
    import random

    (tmp_path / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + random.Random(5).randbytes(20000) + b"\n%%EOF\n")
    assert "损坏" in reason_of(tmp_path / "corrupt.pdf")


def test_encrypted(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "locked.pdf"), encrypt=StandardEncryption("secret", canPrint=0))
    c.setFont(CJK, 12)
    c.drawString(72, 700, "本年支出合计 774.37 万元。")
    c.showPage()
    c.save()
    assert "加密" in reason_of(tmp_path / "locked.pdf")


def test_decompression_bomb_is_refused_before_pdfium_inflates_it(tmp_path, monkeypatch):
    import auditor.read.pdfscan as pdfscan

    monkeypatch.setattr(pdfscan, "MAX_INFLATED", 4 * 2**20)
    data = minimal_pdf(b"0 0 m\n" + b" " * (16 * 2**20), flate=True)  # 16 MB of content in a ~16 KB stream
    assert len(data) < 64 * 2**10
    (tmp_path / "bomb.pdf").write_bytes(data)
    assert "解压炸弹" in reason_of(tmp_path / "bomb.pdf")
    (tmp_path / "small.pdf").write_bytes(minimal_pdf(b"0 0 m\n" + b" " * 2**20, flate=True))
    assert "没有文字层" in reason_of(tmp_path / "small.pdf")  # under the bound it is read (and has no text)


def test_one_stream_inflating_far_beyond_its_size_is_a_bomb_before_the_total_limit(tmp_path):
    (tmp_path / "ratio.pdf").write_bytes(minimal_pdf(b"0 0 m\n" + b" " * (40 * 2**20), flate=True))
    assert "解压炸弹" in reason_of(tmp_path / "ratio.pdf")


def test_too_many_pages(tmp_path, monkeypatch):
    import auditor.read.pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 3)
    (tmp_path / "long.pdf").write_bytes(draw_bytes(lambda c, n: c.drawString(72, 700, f"page {n}"), pages=4))
    assert "页数过多：4 页，上限 3 页" in reason_of(tmp_path / "long.pdf")


def test_limits_are_sane():
    import auditor.read.pdf as pdf_reader
    import auditor.read.pdfscan as pdfscan

    assert pdf_reader.MAX_PAGES >= 500 and pdfscan.MAX_INFLATED == 256 * 2**20 and pdf_reader.MAX_CHARS >= 1_000_000
    assert pdfscan.MAX_RATIO == 200 and pdfscan.RATIO_FLOOR == 16 * 2**20


def test_scan_without_text_layer_names_the_pages_and_suggests_ocr(tmp_path):
    def scan(c, n):
        c.setFillGray(0.8)
        c.rect(50, 50, 495, 742, fill=1, stroke=0)  # a page-sized image stand-in: drawn, no text

    (tmp_path / "scan.pdf").write_bytes(draw_bytes(scan, pages=3))
    reason = reason_of(tmp_path / "scan.pdf")
    assert "没有文字层" in reason and "第1页、第2页、第3页" in reason and "OCR" in reason


def test_pages_without_text_among_others_are_noted_per_page(tmp_path, capsys):
    import json

    import jsonschema

    from auditor.cli import main

    def draw(c, n):
        if n == 2:
            c.rect(50, 50, 495, 742, fill=1)
            return
        c.setFont(CJK, 12)
        c.drawString(72, 700, f"第{n}页：本年支出合计 774.37 万元，基本支出 395.91 万元，项目支出 378.46 万元。")

    path = tmp_path / "mixed.pdf"
    path.write_bytes(draw_bytes(draw, pages=3))
    document = read_path(path)
    assert document.notes == ("第2页没有文字，可能是扫描页或图片，未核查；如需核查请先做文字识别 (OCR)",)
    report = auditor.check(path)
    assert report.files[0].notes == ("第2页没有文字，可能是扫描页或图片，未核查；如需核查请先做文字识别 (OCR)",)
    assert main(["check", str(path)]) == 0
    assert f"{path}: 提示 第2页没有文字" in capsys.readouterr().out
    assert json.loads(report.to_json())["files"][0]["notes"] == list(report.files[0].notes)
    log = report.to_sarif()
    jsonschema.Draft4Validator(json.loads((Path(__file__).parent / "schemas" / "sarif-2.1.0.json").read_text(encoding="utf-8"))).validate(log)
    (note,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "note" and "第2页没有文字" in note["message"]["text"]
    assert '<small>第2页没有文字' in report.to_html()


def test_missing_library_says_how_to_install_it(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    from auditor.read.office import install_command

    reason = reason_of(CORPUS / "putuo-social-work-2024.pdf")
    assert install_command("pdf") in reason and "[pdf]" in reason  # the command that works for how auditor was installed


def test_a_bad_pdf_in_a_folder_disturbs_nothing_else(tmp_path, capsys):
    import json
    import shutil

    from auditor.cli import main

    shutil.copy(CORPUS / "putuo-social-work-2024.pdf", tmp_path / "a-good.pdf")
    shutil.copy(CORPUS / "putuo-social-work-2024.txt", tmp_path / "b-good.txt")
    (tmp_path / "c-bad.pdf").write_bytes(b"%PDF-1.7\n")
    code = main(["check", str(tmp_path), "--format", "json", "--jobs", "2"])
    data = json.loads(capsys.readouterr().out)
    assert code == 2
    files = {Path(f["path"]).name: f for f in data["files"]}
    assert files["a-good.pdf"]["error"] is None and files["a-good.pdf"]["encoding"] == "pdf"
    assert files["b-good.txt"]["error"] is None and "不完整" in files["c-bad.pdf"]["error"]
    by_file = {name: sorted((f["rule"], f["stated"]) for f in data["findings"] if Path(f["location"]["path"]).name == name)
               for name in ("a-good.pdf", "b-good.txt")}
    assert by_file["a-good.pdf"] == by_file["b-good.txt"] != []


def test_a_page_turned_for_a_landscape_table_is_read_as_shown(tmp_path):
    def draw(c, _):
        c.setPageRotation(90)  # shown 842 wide, 595 high: text drawn turned so it stands upright when shown
        for x, y, text in [(72, 130, "第二行：本年支出合计 774.37 万元"), (72, 100, "第一行：收入支出决算总表"), (400, 100, "单位：万元")]:
            c.saveState()
            c.translate(y, x)  # shown (x, y from the top) is the page's (y, x)
            c.rotate(90)
            c.setFont(CJK, 12)
            c.drawString(0, 0, text)
            c.restoreState()

    (tmp_path / "turned.pdf").write_bytes(draw_bytes(draw))
    document = read_path(tmp_path / "turned.pdf")
    assert document.lines == ["第一行：收入支出决算总表 单位：万元", "第二行：本年支出合计 774.37 万元"]
    start = document.text.index("774.37")
    x0, top, x1, bottom = document.location(start, start + 6).bbox
    assert 100 < x0 < x1 < 842 and 110 < top < bottom < 140  # the box as shown, on the turned page


def test_a_short_cover_page_is_not_taken_for_a_scan(tmp_path):
    def draw(c, n):
        c.setFont(CJK, 20)
        c.drawString(200, 500, "2024 年度部门决算" if n == 1 else f"第{n}页：本年支出合计 774.37 万元，基本支出 395.91 万元。")

    (tmp_path / "cover.pdf").write_bytes(draw_bytes(draw, pages=2))
    assert read_path(tmp_path / "cover.pdf").notes == ()


def test_header_rows_repeated_on_each_page_are_read_once(tmp_path):
    header = [["科目编码", "科目名称", "决算数"], ["栏次", "", "1"]]
    body = [[f"{2010000 + i}", f"科目{i}", f"{i}.{i:02d}"] for i in range(40)]
    xs = [60, 160, 360, 480]

    def rows_on(c, rows, top):
        ys = [top - 20 * k for k in range(len(rows) + 1)]
        _grid(c, xs, ys)
        c.setFont(CJK, 10)
        for row, y in zip(rows, ys, strict=False):
            for x, cell in zip(xs, row, strict=False):
                c.drawString(x + 4, y - 14, cell)

    def draw(c, n):
        rows_on(c, header + body[20 * (n - 1): 20 * n], 760)  # Word repeats the header rows on page 2

    (tmp_path / "repeat.pdf").write_bytes(draw_bytes(draw, pages=2))
    lines = read_path(tmp_path / "repeat.pdf").lines
    assert lines == ["\t".join(r) for r in header + body]


def test_a_baseline_recognises_a_pdf_finding_on_another_page():
    import attrs

    from auditor.report.baseline import fingerprint

    finding = next(f for f in auditor.check(CORPUS / "putuo-social-work-2024.txt").findings if f.rule == "growth")
    on_page = attrs.evolve(finding, message=finding.message + "（同一数额见第28页 第2行）")
    moved = attrs.evolve(finding, message=finding.message + "（同一数额见第29页 第12行）")
    assert fingerprint(on_page) == fingerprint(moved)


# --- property: whatever order the file draws a page in, and however low the digits sit --------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = st.sampled_from(["本年支出合计", "基本支出", "项目支出", "比上年", "增加", "占", "万元", "，", "。", "（类）", "决算数"])
_FIGURES = st.builds(lambda whole, cents: f"{whole}.{cents:02d}", st.integers(0, 99999), st.integers(0, 99))
_LINES = st.lists(st.lists(st.one_of(_WORDS, _FIGURES, st.just("12.5%")), min_size=1, max_size=8).map(" ".join), min_size=1, max_size=12)


@settings(max_examples=25)
@given(lines=_LINES, drop=st.floats(0, 5), size=st.sampled_from([10.5, 12, 16]), seed=st.integers(0, 2**32 - 1))
def test_lines_read_back_whatever_the_drawing_order(lines, drop, size, seed):
    import random

    from build_pdf import LATIN, text_width

    runs = []  # every run of every line, at its place, to be drawn in a shuffled order
    for i, line in enumerate(lines):
        x, y = 60.0, 780 - i * size * 1.8
        for piece in line.split(" "):
            font = LATIN if piece[0].isdigit() else CJK
            runs.append((x, y - (drop if font == LATIN else 0), piece, font))
            x += text_width(piece, size) + size * 0.3
    random.Random(seed).shuffle(runs)

    def draw(c, _):
        for x, y, piece, font in runs:
            c.setFont(font, size)
            c.drawString(x, y, piece)

    document = _read_bytes(draw_bytes(draw))
    assert [line.replace(" ", "") for line in document.lines] == [line.replace(" ", "") for line in lines]


def _read_bytes(data: bytes):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "drawn.pdf"
        path.write_bytes(data)
        return read_path(path)


def test_bold_faked_by_overprinting_reads_once(tmp_path):
    def draw(c, _):
        c.setFont(CJK, 14)
        for dx in (0, 0.35, 0.7):  # WPS and some printers draw a heading three times, a hair apart
            c.drawString(72 + dx, 700, "六、一般公共预算财政拨款基本支出 1100.00 万元")
        c.drawString(72, 670, "数字 11.00 与 2200 不是重影")

    (tmp_path / "bold.pdf").write_bytes(draw_bytes(draw))
    assert read_path(tmp_path / "bold.pdf").lines == ["六、一般公共预算财政拨款基本支出 1100.00 万元", "数字 11.00 与 2200 不是重影"]


def test_a_diagonal_watermark_does_not_creep_into_the_lines(tmp_path):
    body = [f"第{i}行：本年支出合计 {i}74.37 万元，比上年增加 1{i}.25 万元。" for i in range(1, 9)]

    def draw(c, _):
        c.setFont(CJK, 12)
        for i, line in enumerate(body):
            c.drawString(72, 700 - 22 * i, line)
        c.saveState()
        c.setFillGray(0.85)
        c.translate(120, 520)
        c.rotate(35)
        c.setFont(CJK, 40)
        c.drawString(0, 0, "仅供内部审核")
        c.restoreState()

    (tmp_path / "watermark.pdf").write_bytes(draw_bytes(draw))
    assert read_path(tmp_path / "watermark.pdf").lines == body


def test_a_table_open_at_its_sides_keeps_its_outer_columns(tmp_path):
    xs, ys = [60, 200, 300, 420], [700, 680, 660, 640]

    def draw(c, _):
        for y in ys:
            c.line(xs[0], y, xs[-1], y)
        for x in xs[1:-1]:  # inner rules only, as many offices format the standard tables
            c.line(x, ys[0], x, ys[-1])
        c.setFont(CJK, 10)
        for row, y in zip([["项目", "年初预算数", "决算数"], ["基本支出", "312.50", "395.91"], ["项目支出", "", "378.46"]], ys, strict=False):
            for x, cell in zip(xs, row, strict=False):
                c.drawString(x + 4, y - 14, cell)

    (tmp_path / "open.pdf").write_bytes(draw_bytes(draw))
    assert read_path(tmp_path / "open.pdf").lines == ["项目\t年初预算数\t决算数", "基本支出\t312.50\t395.91", "项目支出\t\t378.46"]
