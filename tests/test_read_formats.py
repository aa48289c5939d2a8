"""Reading .docx and .xlsx: the text they render, where each line came from, and hostile files.

The documents are built from a real disclosure (tests/build_formats.py), so the
rendered text can be compared with the corpus line for line, and every expected
place is computed from the builder's layout rather than copied from the output.
"""

import datetime
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from build_formats import build_docx, build_prose_and_xlsx, is_table_line, read_lines, split_tables

import auditor
import auditor.read.archive as archive
import auditor.read.dispatch as dispatch
import auditor.read.office as office
from auditor.cli import main
from auditor.read import InputError, read_path
from auditor.read.excel import display_text

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
ETDZ = CORPUS / "qinhuangdao-etdz-office-2023.txt"
FIRST_INCOME_ROW = "一、一般公共预算财政拨款收入"  # 公开01表, row 1,920.38 of income


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    return read_lines(ETDZ)


@pytest.fixture(scope="module")
def docx_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "etdz.docx"
    build_docx(ETDZ, path)
    return path


@pytest.fixture(scope="module")
def word(docx_path):
    return read_path(docx_path)


@pytest.fixture(scope="module")
def workbook_paths(tmp_path_factory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("xlsx")
    prose, tables = out / "etdz-prose.txt", out / "etdz-tables.xlsx"
    build_prose_and_xlsx(ETDZ, prose, tables)
    return prose, tables


@pytest.fixture(scope="module")
def excel(workbook_paths):
    return read_path(workbook_paths[1])


def reason_of(path) -> str:
    with pytest.raises(InputError) as info:
        read_path(path)
    assert info.value.path == str(path)
    assert "\n" not in str(info.value)
    return info.value.reason


def line_with_place(doc, ref: str) -> str:
    [index] = [i for i, place in doc.places.items() if place.ref == ref]
    return doc.lines[index]


def table_layout(lines: list[str]) -> dict[int, tuple[int, int]]:
    """Corpus line index → (table number, row number) as build_docx lays them out."""
    layout, table, row = {}, 0, 0
    for i, line in enumerate(lines):
        if is_table_line(line):
            if i == 0 or not is_table_line(lines[i - 1]):
                table, row = table + 1, 0
            row += 1
            layout[i] = (table, row)
    return layout


def span_of(doc, line: str, figure: str) -> tuple[int, int]:
    """Document offsets of ``figure`` inside the rendered ``line``."""
    start = doc.line_start(doc.lines.index(line)) + line.index(figure)
    return start, start + len(figure)


# --- .docx: text and places -----------------------------------------------------------------


def test_docx_paragraphs_are_the_corpus_lines_in_order(word, corpus):
    paragraphs = [word.lines[i] for i in sorted(word.places) if word.places[i].ref.startswith("第")]
    assert paragraphs == [line for line in corpus if not is_table_line(line)]
    assert word.encoding == "docx"


def test_docx_table_rows_are_the_corpus_rows(word, corpus):
    first = next(line for line in corpus if is_table_line(line))
    assert line_with_place(word, "表1 第1行") == first
    runs: dict[int, list[list[str]]] = {}
    for i, (table, _) in table_layout(corpus).items():
        runs.setdefault(table, []).append(corpus[i].split("\t"))
    for table, rows in runs.items():
        width = max(len(fields) for fields in rows)
        for r, fields in enumerate(rows, start=1):
            assert line_with_place(word, f"表{table} 第{r}行").split("\t") == fields + [""] * (width - len(fields))


def test_docx_each_table_is_followed_by_an_empty_line_without_place(word):
    unplaced = [i for i in range(len(word.lines)) if i not in word.places]
    tables = {place.ref.split()[0] for place in word.places.values() if place.ref.startswith("表")}
    assert len(unplaced) == len(tables) > 1
    assert all(word.lines[i] == "" and word.places[i - 1].ref.startswith("表") for i in unplaced)


def test_docx_figure_in_a_table_cell_is_located_by_table_row_and_column(word, corpus):
    [i] = [i for i, line in enumerate(corpus) if line.startswith(FIRST_INCOME_ROW + "\t")]
    table, row = table_layout(corpus)[i]
    column = corpus[i].split("\t").index("1,920.38") + 1
    location = word.location(*span_of(word, corpus[i], "1,920.38"))
    assert location.ref == f"表{table} 第{row}行第{column}列" == "表2 第4行第3列"
    assert location.display() == f"{word.path}:表2 第4行第3列"


def test_docx_figure_in_prose_is_located_by_paragraph(word, corpus):
    [i] = [i for i, line in enumerate(corpus) if line.startswith("本部门2023年度本年收入合计1920.38万元")]
    paragraph = sum(1 for line in corpus[: i + 1] if not is_table_line(line))
    start, end = span_of(word, corpus[i], "1920.38")
    assert word.text[start:end] == "1920.38"
    assert word.location(start, end).ref == f"第{paragraph}段"


def test_docx_merged_cells_keep_the_grid(tmp_path):
    document = docx.Document()
    document.add_paragraph("表前")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"{r}{c}"
    table.cell(0, 0).merge(table.cell(0, 1)).text = "横向合并"
    table.cell(1, 2).merge(table.cell(2, 2)).text = "纵向合并"
    several = table.cell(2, 0)
    several.text = "第一段\t含制表符"
    several.add_paragraph("第二段")
    path = tmp_path / "merged.docx"
    document.save(path)

    doc = read_path(path)
    assert doc.lines == ["表前", "横向合并\t\t02", "10\t11\t纵向合并", "第一段 含制表符第二段\t21\t", ""]
    assert [doc.places[i].ref for i in range(4)] == ["第1段", "表1 第1行", "表1 第2行", "表1 第3行"]
    assert doc.places[1].cells == ((0, "表1 第1行第1列"), (5, "表1 第1行第2列"), (6, "表1 第1行第3列"))


def test_docx_soft_line_break_keeps_the_paragraph_place(tmp_path):
    document = docx.Document()
    document.add_paragraph("第一行\n第二行")
    document.add_paragraph("下一段")
    path = tmp_path / "breaks.docx"
    document.save(path)
    doc = read_path(path)
    assert doc.lines == ["第一行", "第二行", "下一段"]
    assert [doc.places[i].ref for i in range(3)] == ["第1段", "第1段", "第2段"]


def test_suffix_is_case_insensitive(tmp_path, docx_path, word):
    upper = tmp_path / "ETDZ.DOCX"
    upper.write_bytes(docx_path.read_bytes())
    assert read_path(upper).text == word.text


# --- .xlsx: the standard tables as a workbook ---------------------------------------------


def test_prose_keeps_everything_but_the_standard_tables(workbook_paths, corpus):
    prose = workbook_paths[0].read_text(encoding="utf-8").split("\n")
    assert not [line for line in prose if "公开01表" in line]
    assert "第二部分" in [line.strip() for line in prose]
    table_lines = sum(len(chunk) for _, chunk in split_tables(corpus))
    assert len(prose) + table_lines == len(corpus)


def test_workbook_has_one_sheet_per_standard_table(workbook_paths):
    workbook = openpyxl.load_workbook(workbook_paths[1], read_only=True)
    assert workbook.sheetnames == [f"公开{n:02d}表" for n in range(1, 10)]
    workbook.close()


def test_xlsx_rows_display_figures_exactly_as_written(excel, corpus):
    assert excel.encoding == "xlsx"
    checked = 0
    for sheet, chunk in split_tables(corpus):
        rows = [line for line in chunk if line.strip()]
        assert line_with_place(excel, sheet) == sheet
        for r, line in enumerate(rows, start=1):
            fields = line.rstrip("\t ").split("\t")  # a row ends at its last non-empty cell
            rendered = line_with_place(excel, f"{sheet}!{r}").split("\t")
            assert rendered == fields
            checked += 1
    assert checked > 200
    for figure in ("1,920.38", "410.00", "0.06"):
        assert any(figure in line.split("\t") for line in excel.lines), figure


def test_xlsx_figure_is_located_by_its_cell(excel, corpus):
    sheet, chunk = split_tables(corpus)[0]
    rows = [line for line in chunk if line.strip()]
    [r] = [r for r, line in enumerate(rows, start=1) if line.startswith(FIRST_INCOME_ROW + "\t")]
    column = "ABCDEFGHIJ"[rows[r - 1].split("\t").index("1,920.38")]
    rendered = line_with_place(excel, f"{sheet}!{r}")
    location = excel.location(*span_of(excel, rendered, "1,920.38"))
    assert location.ref == f"{sheet}!{column}{r}" == "公开01表!C9"


def test_xlsx_rows_end_at_their_last_cell(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "表一"
    sheet["A1"] = "标题"
    sheet["C3"] = 5
    sheet["D2"].number_format = "0.00"  # styled but empty: not part of the grid
    path = tmp_path / "grid.xlsx"
    workbook.save(path)
    doc = read_path(path)
    assert doc.lines == ["表一", "标题", "", "\t\t5", ""]  # a title alone in column A is not a table row
    assert doc.places[3].cells == ((0, "表一!A3"), (1, "表一!B3"), (2, "表一!C3"))


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (1920.38, "#,##0.00", "1,920.38"),
        (410, "0.00", "410.00"),
        (0.06, "General", "0.06"),
        (1920.0, "General", "1920"),
        (1e-07, "General", "0.0000001"),
        (2.675, "0.00", "2.68"),  # the float is 2.67499…; Excel, like Decimal(repr), rounds what it shows
        (-1.5, "0", "-2"),
        (0.0525, "0.00%", "5.25%"),
        (1234567.891, '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)', "1,234,567.89"),
        (1e30, "0.00", "1000000000000000000000000000000.00"),
        (27, "General", "27"),
        (True, "General", "True"),
        (datetime.datetime(2023, 12, 31), "yyyy-mm-dd", "2023-12-31"),
        ("项目\t名称\n（续）", "General", "项目 名称 （续）"),
        (None, None, ""),
    ],
)
def test_display_text(value, number_format, shown):
    assert display_text(value, number_format) == shown


# --- every way a file can be unusable --------------------------------------------------------


def test_text_file_named_docx(tmp_path):
    path = tmp_path / "report.docx"
    path.write_text("本年支出合计 774.37 万元\n", encoding="utf-8")
    assert "zip" in reason_of(path)


def test_truncated_docx(tmp_path, docx_path):
    path = tmp_path / "truncated.docx"
    path.write_bytes(docx_path.read_bytes()[:20000])
    assert "zip" in reason_of(path)


def test_file_too_large(monkeypatch, docx_path):
    monkeypatch.setattr(dispatch, "MAX_BYTES", 1000)
    assert "文件过大" in reason_of(docx_path)


def test_workbook_named_docx_is_not_a_word_file(tmp_path, workbook_paths):
    path = tmp_path / "tables.docx"
    path.write_bytes(workbook_paths[1].read_bytes())
    assert "不是 Word" in reason_of(path)


def test_docx_named_xlsx_is_not_an_excel_file(tmp_path, docx_path):
    path = tmp_path / "report.xlsx"
    path.write_bytes(docx_path.read_bytes())
    assert "不是 Excel" in reason_of(path)


@pytest.mark.parametrize(("suffix", "convert_to"), [(".doc", ".docx"), (".xls", ".xlsx")])
def test_formats_we_cannot_read_say_what_to_convert_to(tmp_path, suffix, convert_to):
    path = tmp_path / f"决算{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    reason = reason_of(path)
    assert "不支持" in reason and "not supported" in reason and convert_to in reason


def test_corrupt_part_inside_the_zip(tmp_path, docx_path):
    data = bytearray(docx_path.read_bytes())
    with zipfile.ZipFile(docx_path) as package:
        entry = package.getinfo("word/document.xml")
    start = entry.header_offset + 30 + len(entry.filename.encode()) + len(entry.extra)  # after the local header
    data[start + 50 : start + 150] = b"\xff" * 100
    path = tmp_path / "corrupt.docx"
    path.write_bytes(bytes(data))
    assert "损坏" in reason_of(path)


def test_malformed_xml_in_a_valid_zip(tmp_path, docx_path):
    path = replace_part(docx_path, tmp_path / "malformed.docx", "word/document.xml", "<w:document><w:body>")
    assert "无法读取 Word 文件" in reason_of(path)


def zip_of_zeros(path: Path, size: int) -> Path:
    """A zip with one entry of ``size`` zero bytes, written in chunks so the test stays small and fast."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb, bomb.open("word/document.xml", "w") as entry:
        for _ in range(size // 2**20):
            entry.write(bytes(2**20))
    return path


def test_zip_bomb_total_size(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_TOTAL_SIZE", 2**20)
    reason = reason_of(zip_of_zeros(tmp_path / "bomb.docx", 2 * 2**20))
    assert "超过上限" in reason and "zip bomb" in reason and str(2**20) in reason and "word/document.xml" in reason


def test_zip_bomb_compression_ratio(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "RATIO_FLOOR", 2**20)
    reason = reason_of(zip_of_zeros(tmp_path / "bomb.xlsx", 2 * 2**20))
    assert "zip 炸弹" in reason and "ratio" in reason


def test_too_many_entries(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_ENTRIES", 5)
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as many:
        for n in range(6):
            many.writestr(f"part{n}.txt", "x")
    assert "过多" in reason_of(path)


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
    + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)


def replace_part(source: Path, target: Path, part: str, data: str) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for entry in old.infolist():
            new.writestr(entry, data if entry.filename == part else old.read(entry))
    return target


@pytest.fixture
def small_xlsx(tmp_path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "收入合计"
    path = tmp_path / "small.xlsx"
    workbook.save(path)
    return path


def test_billion_laughs_is_refused_quickly(tmp_path, small_xlsx):
    path = replace_part(small_xlsx, tmp_path / "lolz.xlsx", "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    began = time.monotonic()
    reason = reason_of(path)
    assert time.monotonic() - began < 2
    assert "DTD" in reason and "sheet1.xml" in reason


def test_dtd_hidden_after_a_long_comment_is_refused(tmp_path, small_xlsx):
    hidden = BILLION_LAUGHS.replace("<!DOCTYPE", "<!--" + " " * 70_000 + "-->\n<!DOCTYPE", 1)
    assert "DTD" in reason_of(replace_part(small_xlsx, tmp_path / "hidden.xlsx", "xl/worksheets/sheet1.xml", hidden))


def test_a_sparse_sheet_cannot_make_a_huge_grid(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "左上"
    workbook.active["XFD1048576"] = "右下"
    path = tmp_path / "sparse.xlsx"
    workbook.save(path)
    assert "表格过大" in reason_of(path)


def test_a_huge_grid_span_cannot_make_a_huge_row(tmp_path):
    document = docx.Document()
    document.add_table(rows=1, cols=1).cell(0, 0)._tc.grid_span = 10**9
    path = tmp_path / "span.docx"
    document.save(path)
    assert "表格过大" in reason_of(path)


@pytest.mark.parametrize(("module", "extra", "fixture"), [("docx", "docx", "docx_path"), ("openpyxl", "xlsx", "small_xlsx")])
def test_missing_library_says_how_to_install_it(monkeypatch, request, module, extra, fixture):
    path = request.getfixturevalue(fixture)
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    from auditor.read.office import install_command

    assert install_command(extra) in reason_of(path)


def test_the_core_works_without_the_optional_libraries(tmp_path):
    script = (
        "import sys\n"
        "for name in ('docx', 'openpyxl', 'lxml', 'defusedxml'): sys.modules[name] = None\n"
        "import auditor\n"
        f"assert auditor.check({str(ETDZ)!r}).files[0].encoding == 'utf-8'\n"
        f"try: auditor.check({str(tmp_path / 'x.docx')!r})\n"
        "except auditor.InputError as e: print(e.reason)\n"
    )
    (tmp_path / "x.docx").write_bytes(b"PK")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8", check=True)
    assert "pip install" in result.stdout and "[docx]'" in result.stdout


def test_limits_are_sane():
    assert archive.MAX_ENTRIES == 10_000 and archive.MAX_TOTAL_SIZE == 64 * 2**20 and archive.MAX_TAGS == 5_000_000
    assert archive.MAX_RATIO == 200 and archive.RATIO_FLOOR == 10 * 2**20 and archive.CHUNK == 64 * 2**10
    assert office.MAX_CELLS >= 1_000_000


# --- the whole pipeline --------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["docx_path", "workbook_paths"])
def test_check_runs_end_to_end(request, fixture):
    path = request.getfixturevalue(fixture)
    path = path[1] if isinstance(path, tuple) else path
    report = auditor.check(path)
    assert report.files[0].encoding == path.suffix[1:]
    assert all(f.location.ref for f in report.findings)


def test_cli_checks_a_docx(capsys, docx_path):
    code = main(["check", str(docx_path)])
    out, err = capsys.readouterr()
    assert code in (0, 1)
    assert "Traceback" not in out + err


def test_cli_refuses_a_truncated_pdf_with_the_reason(capsys, tmp_path):
    pytest.importorskip("pypdfium2")
    path = tmp_path / "决算.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    code = main(["check", str(path)])
    out, _ = capsys.readouterr()
    assert code == 2
    assert f"{path}: 错误 无法读取：PDF 文件不完整" in out
