"""Office files are zip archives: look inside with the stdlib before any library parses them.

A .docx or .xlsx from the internet may be built to hurt whoever opens it: a zip
bomb (a few KB that inflate to gigabytes) or an XML part with a DTD whose
entities expand exponentially (billion laughs) or fetch files (XXE). Both are
refused here, from the zip's central directory and the head of each XML part,
so the protection does not depend on how python-docx or openpyxl parse.

The declared sizes can be trusted as bounds: :mod:`zipfile` never returns more
than an entry's declared size (and fails on a CRC mismatch), and both libraries
read through :mod:`zipfile`.
"""

from __future__ import annotations

import re
import zipfile
import zlib

from auditor.read.errors import InputError

MAX_ENTRIES = 10_000
MAX_TOTAL_SIZE = 200 * 1024 * 1024  # uncompressed; a disclosure is a few MB at most
MAX_RATIO = 200  # compression ratio above which a large entry is a bomb (Office XML is ~10:1)
RATIO_FLOOR = 10 * 1024 * 1024  # small entries may compress well: only larger ones are judged
SCAN_BYTES = 64 * 1024  # head of each XML part searched for a DTD

CONTENT_TYPES = "[Content_Types].xml"
# The main part's content type names the kind of file, whatever its suffix says.
_MAIN_PART = {
    "docx": ("Word", re.compile(r"wordprocessingml\.document\.main\+xml")),
    "xlsx": ("Excel", re.compile(r"(spreadsheetml|ms-excel)\.(sheet|template)(\.macroEnabled)?\.main\+xml", re.IGNORECASE)),
}
_ROOT_ELEMENT = re.compile(r"<[A-Za-z_]")


def check_package(name: str, kind: str) -> None:
    """Raise InputError unless ``name`` is a well-formed, harmless ``kind`` ("docx" or "xlsx") package."""
    try:
        with zipfile.ZipFile(name) as archive:
            entries = archive.infolist()
            _check_sizes(name, entries)
            content_types = _check_xml_parts(name, archive, entries)
    except zipfile.BadZipFile as exc:
        if "not a zip file" in str(exc):
            raise InputError(
                name, f"不是有效的 .{kind} 文件：不是 zip 压缩包（可能已损坏、加密，或是改了扩展名的其他格式）(not a zip archive)"
            ) from None
        raise InputError(name, f"文件已损坏：{exc} (corrupt .{kind} archive)") from None
    except (OSError, EOFError, zlib.error, NotImplementedError, RuntimeError, ValueError) as exc:
        raise InputError(name, f"文件已损坏或无法解压：{type(exc).__name__}: {_one_line(exc)} (corrupt .{kind} archive)") from None
    program, main_part = _MAIN_PART[kind]
    if content_types is None or not main_part.search(content_types):
        raise InputError(name, f"这是 zip 压缩包，但不是 {program} 文件 (a zip archive, not a {program} .{kind} file)")


def _check_sizes(name: str, entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ENTRIES:
        raise InputError(name, f"压缩包内文件过多：{len(entries)} 个，上限 {MAX_ENTRIES} 个 (too many entries in the archive)")
    total = 0
    for entry in entries:
        total += entry.file_size
        if entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise InputError(
                name,
                f"疑似 zip 炸弹：{entry.filename} 解压后大小 {entry.file_size} 字节，压缩比超过 {MAX_RATIO}:1"
                f" (zip bomb: uncompressed size {entry.file_size} bytes, compression ratio above {MAX_RATIO}:1)",
            )
    if total > MAX_TOTAL_SIZE:
        raise InputError(
            name,
            f"解压后总大小 {total} 字节，超过上限 {MAX_TOTAL_SIZE} 字节"
            f" (uncompressed size {total} bytes exceeds {MAX_TOTAL_SIZE}; possible zip bomb)",
        )


def _check_xml_parts(name: str, archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> str | None:
    """Refuse DTDs in every XML part; return the head of ``[Content_Types].xml`` (None when absent)."""
    content_types = None
    for entry in entries:
        if not entry.filename.lower().endswith((".xml", ".rels")):
            continue
        with archive.open(entry) as part:
            head = _decode(part.read(SCAN_BYTES))
        if "<!DOCTYPE" in head or "<!ENTITY" in head:
            raise InputError(name, f"{entry.filename} 含有 XML 文档类型声明（DTD），Office 文件不会有，已拒绝 (XML part declares a DTD or entities)")
        # A DTD hidden after 64 KB of comments would escape the scan: a real part's root starts early.
        if entry.file_size > SCAN_BYTES and not _ROOT_ELEMENT.search(head):
            raise InputError(name, f"{entry.filename} 的 XML 开头异常 (XML part has no root element in its first {SCAN_BYTES} bytes)")
        if entry.filename == CONTENT_TYPES:
            content_types = head
    return content_types


def _decode(head: bytes) -> str:
    """Text of an XML part's head: UTF-16 when it has a BOM, else UTF-8 (undecodable bytes replaced)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace")


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200]
