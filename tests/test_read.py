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


# --- mixed encodings (issue 22, item 5) -----------------------------------------------------------

ETDZ = (CORPUS / "qinhuangdao-etdz-office-2023.txt").read_text(encoding="utf-8")


def _findings(path_or_text):
    import auditor

    return [(f.rule, f.severity, f.location.line, f.location.column, f.message) for f in auditor.check(path_or_text).findings]


def test_a_utf8_line_in_a_gbk_file_is_read_as_utf8_and_named(tmp_path):
    lines = ETDZ.split("\n")
    pasted = next(i for i, line in enumerate(lines) if "万元" in line and any(c.isdigit() for c in line))
    data = b"\n".join(line.encode("utf-8") if i == pasted else line.encode("gbk") for i, line in enumerate(lines))
    document = read_path(write(tmp_path, "mixed.txt", data))
    assert (document.text, document.encoding) == (ETDZ, "gb18030")
    assert document.notes == (f"编码混用：第 {pasted + 1} 行（共 1 行）是 UTF-8 编码，已按 UTF-8 读取（其余按 GB18030/GBK），位置不变",)
    assert _findings(tmp_path / "mixed.txt") == _findings(ETDZ)  # the pasted line read as mojibake gave a false unit error


def test_a_file_switching_from_utf8_to_gbk_keeps_every_location(tmp_path):
    lines = ETDZ.split("\r\n" if "\r\n" in ETDZ else "\n")
    half = len(lines) // 2
    data = b"\r\n".join(line.encode("utf-8") if i < half else line.encode("gbk") for i, line in enumerate(lines))
    document = read_path(write(tmp_path, "switch.txt", data))
    assert document.text == "\r\n".join(lines) and document.encoding == "utf-8"
    (note,) = document.notes
    assert note.startswith(f"编码混用：第 {half + 1}–") and "是 GB18030/GBK 编码" in note
    assert _findings(tmp_path / "switch.txt") == _findings("\r\n".join(lines))


def test_a_gbk_line_with_a_bad_byte_among_utf8_lines_is_named_by_line_and_column(tmp_path):
    data = "本年支出合计 774.37 万元。\n".encode() + "基本支出 395.91 万元".encode("gbk") + b"\xff" + "，项目支出 378.46 万元。\n".encode("gbk")
    data += "第三行。\n".encode() * 2000  # enough bytes for one undecodable sequence to be allowed
    document = read_path(write(tmp_path, "damaged.txt", data))
    assert document.lines[1] == "基本支出 395.91 万元\ufffd，项目支出 378.46 万元。"
    assert document.notes[0] == "第 2 行第 15 列共 1 处字节无法按 gb18030 解码，已替换为 �，其余内容照常核对"
    assert "第 2 行（共 1 行）是 GB18030/GBK 编码" in document.notes[1]


def test_short_gbk_lines_that_happen_to_be_utf8_stay_gbk(tmp_path):
    text = "合计\n" + "项目\n" * 50 + "本年支出合计 774.37 万元。\n"
    tricky = bytes([0xC3, 0xA9, 0x0A])  # valid UTF-8 (é) and valid GBK (脙): no Chinese as UTF-8, so the file's GBK
    data = text.encode("gbk") + tricky
    document = read_path(write(tmp_path, "short.txt", data))
    assert document.text == text + tricky.decode("gbk") and document.notes == ()


# --- what is not a regular file (issue 22, item 3: the reading side) ------------------------------


def test_a_fifo_is_refused_without_waiting(tmp_path):
    import os

    fifo = tmp_path / "决算.txt"
    os.mkfifo(fifo)
    assert "命名管道" in reason_of(fifo).reason


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused_even_behind_a_link_with_a_document_name(tmp_path, device):
    link = tmp_path / "决算.pdf"
    link.symlink_to(device)
    assert "字符设备" in reason_of(link).reason
    assert "字符设备" in reason_of(Path(device)).reason


def test_a_dangling_link_and_a_link_loop_are_named(tmp_path):
    (tmp_path / "决算.txt").symlink_to(tmp_path / "已删除.txt")
    assert reason_of(tmp_path / "决算.txt").reason == f"符号链接指向的文件不存在：{tmp_path / '已删除.txt'} (broken symbolic link)"
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert "符号链接形成循环" in reason_of(tmp_path / "a.txt").reason


def test_a_file_replaced_by_a_fifo_after_the_check_is_refused_by_the_read(tmp_path):
    import os

    from auditor.read.source import read_bytes

    fifo = tmp_path / "late.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as info:
        read_bytes(str(fifo))
    assert "命名管道" in info.value.reason
