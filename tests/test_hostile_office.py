"""Small Office files that would take the machine: every one refused or rendered within bounds (issue 16)."""

import struct
import tracemalloc
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

import auditor.read.archive as archive
import auditor.read.office as office
from auditor.read import InputError, read_path

MB = 2**20


def reason_of(path) -> str:
    with pytest.raises(InputError) as caught:
        read_path(path)
    return caught.value.reason


def peak_of(path) -> tuple[str, int]:
    """The reason a file is refused, and the peak memory (bytes) Python allocated to refuse it."""
    tracemalloc.start()
    try:
        reason = reason_of(path)
        return reason, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture
def small_docx(tmp_path) -> Path:
    document = docx.Document()
    document.add_paragraph("本年支出合计774.37万元。")
    path = tmp_path / "small.docx"
    document.save(path)
    return path


def rebuild(source: Path, target: Path, part: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for entry in old.infolist():
            new.writestr(entry.filename, data if entry.filename == part else old.read(entry))
    return target


def lie_about_size(path: Path, part: str, declared: int) -> None:
    """Write ``declared`` as the uncompressed size of ``part`` in its local header and the central directory."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as package:
        entry = package.getinfo(part)
    struct.pack_into("<I", data, entry.header_offset + 22, declared)  # local file header: uncompressed size
    name = part.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length] == name:
            struct.pack_into("<I", data, at + 24, declared)  # central directory: uncompressed size
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def test_a_member_lying_about_its_size_is_never_inflated_whole(tmp_path, small_docx):
    """Declares 4 KB, inflates to 32 MB: refused after inflating about what it declared, in a few MB of memory."""
    body = b"<w:p/>" * (32 * MB // 6)
    path = rebuild(small_docx, tmp_path / "liar.docx", "word/document.xml", body)
    lie_about_size(path, "word/document.xml", 4096)
    reason, peak = peak_of(path)
    assert "损坏" in reason
    assert peak < 4 * MB


def test_inflation_stops_at_the_cap_not_at_the_end(tmp_path, small_docx, monkeypatch):
    monkeypatch.setattr(archive, "MAX_TOTAL_SIZE", 2 * MB)
    monkeypatch.setattr(archive, "RATIO_FLOOR", 10**12)  # only the streaming cap is left to stop it
    path = rebuild(small_docx, tmp_path / "deep.docx", "word/document.xml", b" " * (64 * MB))
    reason, peak = peak_of(path)
    assert "超过上限" in reason and "word/document.xml" in reason
    assert peak < 8 * MB  # the 64 MB part was never held


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;">]>\n'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol1;</w:t>'
    "</w:r></w:p></w:body></w:document>"
)


@pytest.mark.parametrize(
    "encoded",
    [
        BILLION_LAUGHS.encode("utf-16-le"),  # UTF-16 without a byte-order mark
        BILLION_LAUGHS.encode("utf-16-be"),
        BILLION_LAUGHS.replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16"),
        BILLION_LAUGHS.replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("ascii"),  # a declaration that lies
        BILLION_LAUGHS.encode("utf-32"),
    ],
)
def test_a_dtd_is_found_in_any_encoding_the_xml_implies(tmp_path, small_docx, encoded):
    path = rebuild(small_docx, tmp_path / "dtd.docx", "word/document.xml", encoded)
    assert "DTD" in reason_of(path)


def test_xml_encoding_from_the_first_bytes():
    assert archive.xml_encoding('<?xml version="1.0"?><a/>'.encode("utf-16-le")) == "utf-16-le"
    assert archive.xml_encoding("<a/>".encode("utf-16-be")) == "utf-16-be"
    assert archive.xml_encoding(b'<?xml version="1.0" encoding="GB18030"?><a/>') == "GB18030"
    assert archive.xml_encoding(b"<a/>") == "utf-8"


def test_many_empty_paragraphs_are_refused_before_a_library_builds_them(tmp_path, small_docx, monkeypatch):
    monkeypatch.setattr(archive, "MAX_TAGS", 100_000)
    body = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + "<w:p/>" * 200_000
        + "</w:body></w:document>"
    ).encode()
    reason = reason_of(rebuild(small_docx, tmp_path / "paragraphs.docx", "word/document.xml", body))
    assert "XML 元素过多" in reason


def workbook_with_shared_string(path: Path, text: str, cells: int) -> Path:
    """A minimal .xlsx whose one shared string is referenced by ``cells`` cells of column A."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, cells + 1))
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="公开01表" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{rows}</sheetData></worksheet>',
        "xl/sharedStrings.xml": f'<sst xmlns="{main}" count="1" uniqueCount="1"><si><t>{text}</t></si></sst>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def test_one_shared_string_in_many_cells_is_capped_in_characters(tmp_path, monkeypatch):
    monkeypatch.setattr(office, "MAX_CHARS", 1_000_000)
    assert "收入" in read_path(workbook_with_shared_string(tmp_path / "ok.xlsx", "收入", 3)).text
    path = workbook_with_shared_string(tmp_path / "shared.xlsx", "数" * 300_000, 200)
    reason, peak = peak_of(path)
    assert "超过 1000000 个字符" in reason
    assert peak < 20 * MB  # not 200 copies of the string


def test_a_number_format_with_huge_decimals_shows_at_most_thirty(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "收入合计"
    sheet["B1"] = 1.5
    sheet["B1"].number_format = "0." + "0" * 50_000
    path = tmp_path / "decimals.xlsx"
    workbook.save(path)
    document = read_path(path)
    assert "1.5" + "0" * 29 + "\n" in document.text
    assert len(document.text) < 200


def test_a_real_office_file_still_reads(small_docx):
    assert "本年支出合计774.37万元。" in read_path(small_docx).text
