"""Reading a disclosure from disk: the encodings offices use, and every way a file can be unusable."""

import random
from pathlib import Path

import pytest

from auditor.read import InputError, decode, read_path

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
SAMPLE = CORPUS / "qinhuangdao-emergency-center-2023.txt"


@pytest.fixture(scope="module")
def excerpt() -> str:
    """Lines 120–130 of a real disclosure: the paragraph with the dropped 万元."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[119:130]) + "\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def reason_of(path) -> InputError:
    with pytest.raises(InputError) as info:
        read_path(path)
    error = info.value
    assert error.path == str(path)
    assert str(error) == f"{path}: {error.reason}"
    assert "\n" not in str(error)
    return error


def test_utf8_corpus_file():
    doc = read_path(SAMPLE)
    assert doc.encoding == "utf-8"
    assert doc.path == str(SAMPLE)
    assert doc.lines[127].strip() == "年度项目支出财政拨款收入增长；本年支出合计 774.37 元，"


def test_utf8_with_bom_drops_the_bom(tmp_path, excerpt):
    doc = read_path(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + excerpt.encode("utf-8")))
    assert doc.encoding == "utf-8-sig"
    assert doc.text == excerpt


def test_gbk_is_read_as_gb18030(tmp_path, excerpt):
    doc = read_path(write(tmp_path, "gbk.txt", excerpt.encode("gbk")))
    assert doc.encoding == "gb18030"
    assert doc.text == excerpt


def test_gb18030_only_characters(tmp_path):
    text = "单位名称：𠀀应急中心\n本年支出合计 774.37 万元\n"  # 𠀀 has no GBK code, only GB18030
    doc = read_path(write(tmp_path, "gb18030.txt", text.encode("gb18030")))
    assert (doc.encoding, doc.text) == ("gb18030", text)


def test_crlf_lines_keep_their_numbers(tmp_path, excerpt):
    doc = read_path(write(tmp_path, "crlf.txt", excerpt.replace("\n", "\r\n").encode("utf-8")))
    assert doc.lines[8].strip() == "年度项目支出财政拨款收入增长；本年支出合计 774.37 元，"


@pytest.mark.parametrize("data", [b"", b"  \r\n\n\t "])
def test_empty_file(tmp_path, data):
    assert "文件为空" in reason_of(write(tmp_path, "empty.txt", data)).reason


def test_binary_file_with_nuls(tmp_path):
    data = random.Random(20231231).randbytes(4096) + b"\x00\x00\x00"
    assert "二进制" in reason_of(write(tmp_path, "scan.pdf.txt", data)).reason


def test_binary_file_without_nuls_is_still_binary(tmp_path):
    data = bytes(range(1, 32)) * 40  # control characters decode as UTF-8 but are not text
    assert "二进制" in reason_of(write(tmp_path, "controls.txt", data)).reason


def test_bytes_that_are_neither_utf8_nor_gb18030(tmp_path):
    data = "本年支出合计".encode() + b"\xff\xfe\x81 774.37\n"
    assert "无法识别的编码" in reason_of(write(tmp_path, "garbled.txt", data)).reason


def test_bom_followed_by_invalid_utf8(tmp_path, excerpt):
    data = b"\xef\xbb\xbf" + excerpt.encode("gbk")
    assert "UTF-8 BOM" in reason_of(write(tmp_path, "mixed.txt", data)).reason


def test_utf16_is_refused_with_advice(tmp_path, excerpt):
    data = excerpt.encode("utf-16")  # starts with a BOM
    assert "UTF-16" in reason_of(write(tmp_path, "utf16.txt", data)).reason


def test_missing_file(tmp_path):
    assert "文件不存在" in reason_of(tmp_path / "没有这个文件.txt").reason


def test_directory(tmp_path):
    assert "目录" in reason_of(tmp_path).reason


def test_decode_names_the_source_in_its_error():
    with pytest.raises(InputError) as info:
        decode(b"", "upload.txt")
    assert str(info.value).startswith("upload.txt: ")
