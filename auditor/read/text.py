"""Plain-text disclosures: UTF-8 (with or without BOM) or GB18030/GBK.

Many finance offices still save in GBK; GB18030 is its superset, so one decoder
covers both. The encoding used is reported back so a user can see what we assumed.
"""

from __future__ import annotations

import codecs

from auditor.document.model import Document, split_lines
from auditor.read.errors import InputError

#: Most undecodable byte sequences a file may have and still be read, their bytes replaced by U+FFFD:
#: one per thousand bytes, at most this many. More, and the encoding is not what we think. UTF-8 is
#: kept whenever it is within the limit (GB18030 reads almost any bytes, as nonsense).
MAX_BAD = 100
_SHOWN = 5  # places of replaced bytes named in the note


def read_text(name: str) -> Document:
    """Read a text file into a Document, or raise InputError with the reason."""
    try:
        with open(name, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(name, f"无法读取：{exc.strerror or exc} (cannot read)") from None
    text, encoding, notes = decode_with_notes(data, name)
    return Document(text=text, path=name, encoding=encoding, notes=notes)


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a text file's bytes; return (text, encoding name)."""
    text, encoding, _ = decode_with_notes(data, name)
    return text, encoding


def decode_with_notes(data: bytes, name: str = "<bytes>") -> tuple[str, str, tuple[str, ...]]:
    """Decode a text file's bytes; return (text, encoding name, notes on bytes that had to be replaced).

    UTF-8 is tried first, then GB18030. A file with a few undecodable bytes (a corrupt
    sector, one bad character pasted in) is read in whichever of the two leaves fewer
    of them, each replaced by U+FFFD and named by its line and column in the note, so
    the rest of the document is still audited.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, body = "utf-8-sig", data[3:]
    else:
        encoding, body = "utf-8", data
    if not body.strip():  # nothing but a BOM and white space is as empty as no bytes at all
        raise InputError(name, "文件为空 (empty file)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(name, "UTF-16 编码的文本暂不支持，请另存为 UTF-8 (UTF-16 text is not supported)")
    if b"\x00" in body[:65536]:
        raise InputError(name, "这是二进制文件，不是文本 (binary file)")
    notes: tuple[str, ...] = ()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        allowed = min(MAX_BAD, len(body) // 1000)
        bad, codec = _bad_sequences(body, "utf-8"), "utf-8"
        if len(bad) > allowed and encoding != "utf-8-sig":
            bad, codec = min([(bad, codec), (_bad_sequences(body, "gb18030"), "gb18030")], key=lambda found: len(found[0]))
        if len(bad) > allowed:
            if encoding == "utf-8-sig":
                raise InputError(name, "文件以 UTF-8 BOM 开头，但内容不是有效的 UTF-8 (invalid UTF-8)") from None
            line, column = _line_column(body, bad[0], codec)
            raise InputError(
                name,
                f"无法识别的编码：既不是 UTF-8 也不是 GB18030/GBK（第 {bad[0]} 字节，第 {line} 行第 {column} 列起，"
                f"共 {len(bad)} 处无法解码）(undecodable)",
            ) from None
        text = body.decode(codec, errors="replace")
        encoding = encoding if codec == "utf-8" else codec
        if bad:
            notes = (_replaced(body, bad, codec),)
    if not text.strip():  # full-width spaces, line separators …
        raise InputError(name, "文件为空 (empty file)")
    if _looks_binary(text):
        raise InputError(name, "这是二进制文件，不是文本 (binary file)")
    return text, encoding, notes


def _replaced(body: bytes, bad: list[int], codec: str) -> str:
    places = "、".join("第 {} 行第 {} 列".format(*_line_column(body, offset, codec)) for offset in bad[:_SHOWN])
    more = f"等 {len(bad)} 处" if len(bad) > _SHOWN else f"共 {len(bad)} 处"
    return f"{places}{more}字节无法按 {codec} 解码，已替换为 �，其余内容照常核对"


def _bad_sequences(body: bytes, codec: str) -> list[int]:
    """Byte offsets where decoding ``body`` as ``codec`` fails (each failure replaced, decoding goes on)."""
    bad: list[int] = []
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    view = memoryview(body)  # slices without copying the rest of the file at each failure
    position = 0
    while position < len(body):
        try:
            decoder.decode(view[position:], final=True)
            break
        except UnicodeDecodeError as exc:
            bad.append(position + exc.start)
            position += exc.end
            decoder.reset()
            if len(bad) > MAX_BAD:
                break
    return bad


def _line_column(body: bytes, offset: int, codec: str) -> tuple[int, int]:
    """1-based line and column, in characters, of the byte at ``offset`` (as an editor counts them)."""
    before = body[:offset].decode(codec, errors="replace")
    lines = split_lines(before)
    return len(lines), len(lines[-1]) + 1


def _looks_binary(text: str) -> bool:
    """Control characters other than tab, newline, CR and form feed mean it is not a text document."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls > max(8, len(sample) // 100)
