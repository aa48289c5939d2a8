"""Office files are zip archives: open them ourselves, within bounds, before any library parses them.

A .docx or .xlsx from the internet may be built to hurt whoever opens it: a zip
bomb (a few KB that inflate to gigabytes), an entry whose declared size lies, an
XML part with a DTD whose entities expand exponentially (billion laughs) or fetch
files (XXE), or a part of millions of tiny elements. All are refused here, so the
protection does not depend on how python-docx or openpyxl read:

* every member is inflated by us in small chunks, counting the bytes that really
  come out (declared sizes are never trusted: :mod:`zipfile` inflates a whole
  member in one call when asked for all of it), and inflation stops as soon as a
  member or the package passes its cap;
* every XML part is searched for a DTD in the encoding it declares or implies
  (UTF-16 with or without a byte-order mark, UTF-8, or its ``encoding=``);
* tags are counted in every XML part, a bound on the elements a library will build;
* the libraries then read :func:`check_package`'s result, an in-memory copy holding
  exactly the bytes checked here; parts that are not XML (images, embedded
  objects) are kept empty, since the auditor reads only text.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
import zlib

from auditor.read.errors import InputError

MAX_ENTRIES = 10_000
MAX_TOTAL_SIZE = 64 * 1024 * 1024  # XML inflated, all parts together: a disclosure's text is a few MB
MAX_TAGS = 5_000_000  # start and end tags in all XML parts: bounds the elements a library builds
MAX_RATIO = 200  # compression ratio above which a large entry is a bomb (Office XML is ~10:1)
RATIO_FLOOR = 10 * 1024 * 1024  # small entries may compress well: only larger ones are judged
CHUNK = 64 * 1024  # inflated per call: memory while checking is a few chunks, whatever the entry claims

CONTENT_TYPES = "[Content_Types].xml"
# The main part's content type names the kind of file, whatever its suffix says.
_MAIN_PART = {
    "docx": ("Word", re.compile(r"wordprocessingml\.document\.main\+xml")),
    "xlsx": ("Excel", re.compile(r"(spreadsheetml|ms-excel)\.(sheet|template)(\.macroEnabled)?\.main\+xml", re.IGNORECASE)),
}
_XML_SUFFIXES = (".xml", ".rels")
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


def check_package(name: str, kind: str) -> io.BytesIO:
    """A checked in-memory copy of ``name``, a harmless ``kind`` ("docx" or "xlsx") package; else InputError."""
    try:
        with zipfile.ZipFile(name) as archive:
            entries = archive.infolist()
            _check_declared(name, entries)
            copy, content_types = _copy(name, archive, entries)
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
    return copy


def _check_declared(name: str, entries: list[zipfile.ZipInfo]) -> None:
    """What the central directory admits to: too many entries, or a ratio no Office file has."""
    if len(entries) > MAX_ENTRIES:
        raise InputError(name, f"压缩包内文件过多：{len(entries)} 个，上限 {MAX_ENTRIES} 个 (too many entries in the archive)")
    for entry in entries:
        if entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise InputError(
                name,
                f"疑似 zip 炸弹：{entry.filename} 解压后大小 {entry.file_size} 字节，压缩比超过 {MAX_RATIO}:1"
                f" (zip bomb: uncompressed size {entry.file_size} bytes, compression ratio above {MAX_RATIO}:1)",
            )


def _copy(name: str, archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> tuple[io.BytesIO, str | None]:
    """Inflate every XML part within the caps, check it, and store it in a new package (other parts empty)."""
    copy = io.BytesIO()
    content_types = None
    budget = [MAX_TOTAL_SIZE, MAX_TAGS]
    with zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as out:
        for entry in entries:
            if entry.is_dir():
                continue
            if not entry.filename.lower().endswith(_XML_SUFFIXES):
                out.writestr(entry.filename, b"")
                continue
            data = _inflate(name, archive, entry, budget)
            text = _xml_text(name, entry.filename, data)
            # Searched in the encoding the part declares or implies, and in the bytes as any ASCII-based
            # encoding reads them, so a declaration that lies about the encoding hides nothing.
            if "<!DOCTYPE" in text or "<!ENTITY" in text or b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                raise InputError(name, f"{entry.filename} 含有 XML 文档类型声明（DTD），Office 文件不会有，已拒绝"
                                       " (XML part declares a DTD or entities)")
            budget[1] -= text.count("<")
            if budget[1] < 0:
                raise InputError(name, f"XML 元素过多：超过 {MAX_TAGS} 个标记 (too many XML elements: more than {MAX_TAGS} tags)")
            if entry.filename == CONTENT_TYPES:
                content_types = text
            out.writestr(entry.filename, data)
    copy.seek(0)
    return copy, content_types


def _inflate(name: str, archive: zipfile.ZipFile, entry: zipfile.ZipInfo, budget: list[int]) -> bytes:
    """The entry's bytes, inflated a chunk at a time; stops as soon as the package's XML passes its cap."""
    chunks = []
    with archive.open(entry) as part:
        while chunk := part.read(CHUNK):
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise InputError(
                    name,
                    f"解压后的 XML 超过上限 {MAX_TOTAL_SIZE} 字节（{entry.filename}），疑似 zip 炸弹"
                    f" (uncompressed XML exceeds {MAX_TOTAL_SIZE} bytes; possible zip bomb)",
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _xml_text(name: str, part: str, data: bytes) -> str:
    """An XML part's text in the encoding it declares or implies (XML 1.0 Appendix F), bad bytes replaced."""
    encoding = xml_encoding(data)
    try:
        return codecs.decode(data, encoding, errors="replace")
    except LookupError:
        raise InputError(name, f"{part} 使用了无法识别的编码 {encoding} (unknown XML encoding)") from None


def xml_encoding(data: bytes) -> str:
    """The encoding of an XML entity from its first bytes: a byte-order mark, the pattern of ``<?``, or ``encoding=``."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
                          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return encoding
    head = data[:4]
    for pattern, encoding in ((b"<\0\0\0", "utf-32-le"), (b"\0\0\0<", "utf-32-be"), (b"<\0?\0", "utf-16-le"), (b"\0<\0?", "utf-16-be")):
        if head == pattern:
            return encoding
    if head[:2] in (b"<\0", b"\0<"):  # UTF-16 without a declaration: a root element straight away
        return "utf-16-le" if head[:1] == b"<" else "utf-16-be"
    declared = _DECLARED.match(data[:200])
    return declared.group(1).decode("ascii") if declared else "utf-8"


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200]
