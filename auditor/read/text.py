"""Plain-text disclosures: UTF-8 (with or without BOM) or GB18030/GBK.

Many finance offices still save in GBK; GB18030 is its superset, so one decoder
covers both. The encoding used is reported back so a user can see what we assumed.
"""

from __future__ import annotations

from auditor.document.model import Document
from auditor.read.errors import InputError


def read_text(name: str) -> Document:
    """Read a text file into a Document, or raise InputError with the reason."""
    try:
        with open(name, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(name, f"无法读取：{exc.strerror or exc} (cannot read)") from None
    text, encoding = decode(data, name)
    return Document(text=text, path=name, encoding=encoding)


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a text file's bytes; return (text, encoding name)."""
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
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        if encoding == "utf-8-sig":
            raise InputError(name, "文件以 UTF-8 BOM 开头，但内容不是有效的 UTF-8 (invalid UTF-8)") from None
        try:
            text = body.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise InputError(
                name, f"无法识别的编码：既不是 UTF-8 也不是 GB18030/GBK（第 {exc.start} 字节）(undecodable)"
            ) from None
        encoding = "gb18030"
    if not text.strip():  # full-width spaces, line separators …
        raise InputError(name, "文件为空 (empty file)")
    if _looks_binary(text):
        raise InputError(name, "这是二进制文件，不是文本 (binary file)")
    return text, encoding


def _looks_binary(text: str) -> bool:
    """Control characters other than tab, newline, CR and form feed mean it is not a text document."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls > max(8, len(sample) // 100)
