"""Plain-text disclosures: UTF-8 (with or without BOM) or GB18030/GBK.

Many finance offices still save in GBK; GB18030 is its superset, so one decoder
covers both. The encoding used is reported back so a user can see what we assumed.
"""

from __future__ import annotations

import codecs
import re

from auditor.document.model import Document, split_lines
from auditor.read.errors import InputError
from auditor.read.source import read_bytes

#: Most undecodable byte sequences a file may have and still be read, their bytes replaced by U+FFFD:
#: one per thousand bytes, at most this many. More, and the encoding is not what we think. UTF-8 is
#: kept whenever it is within the limit (GB18030 reads almost any bytes, as nonsense).
MAX_BAD = 100
_SHOWN = 5  # places of replaced bytes named in the note


def read_text(name: str) -> Document:
    """Read a text file into a Document, or raise InputError with the reason."""
    data = read_bytes(name)
    text, encoding, notes = decode_with_notes(data, name)
    return Document(text=text, path=name, encoding=encoding, notes=notes)


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a text file's bytes; return (text, encoding name)."""
    text, encoding, _ = decode_with_notes(data, name)
    return text, encoding


def decode_with_notes(data: bytes, name: str = "<bytes>") -> tuple[str, str, tuple[str, ...]]:
    """Decode a text file's bytes; return (text, encoding name, notes on bytes that had to be replaced).

    UTF-8 is tried first; a file that is not all UTF-8 is read line by line, each line in
    UTF-8 or GB18030, whichever reads it (see :func:`_decode_lines`). A few undecodable
    bytes (a corrupt sector, one bad character pasted in) are replaced by U+FFFD and named
    by their line and column in a note, so the rest of the document is still audited.
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
        text, codec, notes = _decode_lines(body, name, bom=encoding == "utf-8-sig")
        encoding = encoding if codec == "utf-8" else codec
    if not text.strip():  # full-width spaces, line separators …
        raise InputError(name, "文件为空 (empty file)")
    if _looks_binary(text):
        raise InputError(name, "这是二进制文件，不是文本 (binary file)")
    return text, encoding, notes


_CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
#: Bytes that may be UTF-8 Chinese (a three-byte sequence led by E3–EF): a line without any is not tried as UTF-8 first.
_UTF8_CJK = re.compile(rb"[\xe3-\xef][\x80-\xbf]{2}")
_UTF8_CJK_PAIR = re.compile(rb"(?:[\xe3-\xef][\x80-\xbf]{2}){2}")


def _decode_lines(body: bytes, name: str, bom: bool) -> tuple[str, str, tuple[str, ...]]:
    """A file that is not all UTF-8, decoded line by line: each line in the encoding that reads it.

    Offices paste between editors, so a GBK file may hold a line saved as UTF-8 and the
    reverse. Line ends are the same bytes in both (no GBK or GB18030 byte sequence holds
    a CR or LF), so each line is decoded on its own and the lines, and every column in
    them, stay where they are. A line that is valid UTF-8 with Chinese in it is UTF-8 (GBK
    bytes hardly ever are); any other line that is valid GB18030 is GB18030; a line
    neither reads gets the one that leaves fewer bytes undecodable, each replaced by U+FFFD.
    The file's encoding is the one most of its non-ASCII lines are in (UTF-8 after a BOM);
    a note names the lines read in the other. More undecodable sequences than
    :data:`MAX_BAD` allows (one per thousand bytes, at most 100) refuse the file, as before.
    """
    if not bom:
        whole = _all_gb18030(body)
        if whole is not None:
            return whole, "gb18030", ()
    pieces: list[tuple[str, str, list[int]]] = []  # (text, codec or "" for ASCII, offsets of undecodable sequences)
    raws: list[bytes] = []
    weight = {"utf-8": 0, "gb18030": 0}
    bad_total = 0
    for raw in body.splitlines(keepends=True):  # bytes split at LF, CR LF and a lone CR, as split_lines does
        raws.append(raw)
        if raw.isascii():
            pieces.append((raw.decode("ascii"), "", []))
            continue
        text, codec, bad = _decode_line(raw)
        pieces.append((text, codec, bad))
        weight[codec] += len(raw)
        bad_total += len(bad)
    if bom and weight["gb18030"] > weight["utf-8"]:
        raise InputError(name, "文件以 UTF-8 BOM 开头，但内容不是有效的 UTF-8 (invalid UTF-8)")
    primary = "utf-8" if bom or weight["utf-8"] > weight["gb18030"] else "gb18030"
    allowed = min(MAX_BAD, len(body) // 1000)
    if bad_total > allowed:
        if bom:
            raise InputError(name, "文件以 UTF-8 BOM 开头，但内容不是有效的 UTF-8 (invalid UTF-8)")
        first = _bad_sequences(body, primary)
        offset = first[0] if first else 0
        line, column = _line_column(body, offset, primary)
        raise InputError(
            name,
            f"无法识别的编码：既不是 UTF-8 也不是 GB18030/GBK（第 {offset} 字节，第 {line} 行第 {column} 列起，"
            f"共 {bad_total} 处无法解码）(undecodable)",
        )
    text = "".join(piece for piece, _, _ in pieces)
    notes: list[str] = []
    other = [i for i, (_, codec, _) in enumerate(pieces) if codec and codec != primary]
    if other:
        notes.append(_mixed(pieces, other, primary))
    damaged = [i for i, (_, _, bad) in enumerate(pieces) if bad]
    if damaged:
        notes.insert(0, _damaged(pieces, raws, damaged, bad_total))
    return text, primary, tuple(notes)


def _all_gb18030(body: bytes) -> str | None:
    """The text of a file that is GB18030 throughout with no line in UTF-8, or None: the common case, decoded at once.

    A line is looked at as UTF-8 only where two UTF-8 Chinese characters stand side by
    side (GBK bytes rarely look like that); one that is valid UTF-8 sends the file to
    the line-by-line reading.
    """
    try:
        text = body.decode("gb18030")
    except UnicodeDecodeError:
        return None
    tried: set[int] = set()
    for match in _UTF8_CJK_PAIR.finditer(body):
        start = max(body.rfind(b"\n", 0, match.start()), body.rfind(b"\r", 0, match.start())) + 1
        if start in tried:
            continue
        tried.add(start)
        ends = [at for at in (body.find(b"\n", match.end()), body.find(b"\r", match.end())) if at >= 0]
        try:
            body[start:min(ends) if ends else len(body)].decode("utf-8")
        except UnicodeDecodeError:
            continue
        return None
    return text


def _decode_line(raw: bytes) -> tuple[str, str, list[int]]:
    """(text, codec, offsets of undecodable sequences) of one line that is not ASCII."""
    if _UTF8_CJK.search(raw):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if _CJK.search(text):
                return text, "utf-8", []
    try:
        return raw.decode("gb18030"), "gb18030", []
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("utf-8"), "utf-8", []  # valid UTF-8 without Chinese (é, ½ …), and not GB18030
    except UnicodeDecodeError:
        pass
    utf8, gb = _bad_sequences(raw, "utf-8"), _bad_sequences(raw, "gb18030")
    codec, bad = ("utf-8", utf8) if len(utf8) <= len(gb) else ("gb18030", gb)
    return raw.decode(codec, errors="replace"), codec, bad


def _line_numbers(pieces: list[tuple[str, str, list[int]]], indexes: list[int]) -> list[int]:
    """The 1-based line number, as an editor counts lines, of the first of ``indexes`` shown pieces."""
    numbers: list[int] = []
    line = 1
    wanted = set(indexes[:_SHOWN])
    for i, (text, _, _) in enumerate(pieces):
        if i in wanted:
            numbers.append(line)
            if len(numbers) == len(wanted):
                break
        line += len(split_lines(text)) - 1
    return numbers


def _mixed(pieces: list[tuple[str, str, list[int]]], other: list[int], primary: str) -> str:
    """The note naming the lines read in the other encoding, as runs (``第 702–1403 行``): a file may switch halfway."""
    codec = "GB18030/GBK" if primary == "utf-8" else "UTF-8"
    main = "UTF-8" if primary == "utf-8" else "GB18030/GBK"
    runs: list[list[int]] = []  # [first line, last line] of each run of lines in the other encoding (ASCII lines go either way)
    line, last_other = 1, False
    for text, piece_codec, _ in pieces:
        if piece_codec and piece_codec != primary:
            if last_other:
                runs[-1][1] = line
            else:
                runs.append([line, line])
            last_other = True
        elif piece_codec:
            last_other = False
        line += len(split_lines(text)) - 1
    shown = "、".join(f"第 {a} 行" if a == b else f"第 {a}–{b} 行" for a, b in runs[:_SHOWN])
    more = "等" if len(runs) > _SHOWN else ""
    return f"编码混用：{shown}{more}（共 {len(other)} 行）是 {codec} 编码，已按 {codec} 读取（其余按 {main}），位置不变"


def _damaged(pieces: list[tuple[str, str, list[int]]], raws: list[bytes], damaged: list[int], total: int) -> str:
    places = []
    for index, line in zip(damaged, _line_numbers(pieces, damaged), strict=False):
        _, codec, bad = pieces[index]
        for offset in bad:
            before = split_lines(raws[index][:offset].decode(codec, errors="replace"))
            places.append((line + len(before) - 1, len(before[-1]) + 1, codec))
    codecs_used = sorted({codec for _, _, codec in places}, key=["utf-8", "gb18030"].index)
    shown = "、".join(f"第 {line} 行第 {column} 列" for line, column, _ in places[:_SHOWN])
    more = f"等 {total} 处" if total > _SHOWN else f"共 {total} 处"
    return f"{shown}{more}字节无法按 {' 或 '.join(codecs_used)} 解码，已替换为 �，其余内容照常核对"


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


#: Control characters other than tab (09), newline (0A), form feed (0C) and CR (0D).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    """Control characters other than tab, newline, CR and form feed mean it is not a text document."""
    sample = text[:65536]
    controls = sum(1 for _ in _CONTROL.finditer(sample))  # one regex pass: a loop over every character costs ms
    return controls > max(8, len(sample) // 100)
