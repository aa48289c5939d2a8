"""What a PDF would cost pdfium to open, measured from its bytes before pdfium parses any of it.

pdfium decodes a page's content streams and every Form XObject they draw when it
loads the page, all at once and without limits: a few KB can stand for gigabytes
(a stream under two Flate layers, forms drawing forms drawing forms, a million
strokes). :func:`scan` reads the file's objects with a small parser of its own, so
nothing is built before it is counted:

* every stream's whole filter chain is followed as pdfium would decode it (Flate,
  LZW, RunLength, ASCII85, ASCIIHex, one after another), in chunks, counting the bytes
  each filter really puts out and keeping none of them; an image codec at the end of a
  chain (DCT, JPX, JBIG2, CCITT) is not decoded, as pdfium decodes images only to draw
  them, which the reader never asks;
* the decoded content of every page and form is scanned for what pdfium makes an
  object of (strokes and fills, shown text, shadings, inline images) and for the forms
  and images it draws by name (``/Fm0 Do``);
* the page tree is walked from the catalog and every page's cost is added up: its
  content streams, and each form it draws counted as often as it is drawn, resolved by
  name through the resources the form is drawn with, as deep as pdfium nests forms
  (it keeps no set of the forms it is in: a form drawing itself twice is 2^41 drawings).

A file whose streams inflate too far, or whose page draws more objects than any page
of a disclosure, or whose form expansions do not end, is refused with the reason
before pdfium sees it (:class:`~auditor.read.errors.InputError`). Where the bytes cannot
be read this way (an encrypted file: its streams are ciphered), nothing is claimed:
the reader's other walls (a count of each page's objects after pdfium loads it, and a
worker process with a memory limit) still hold.
"""

from __future__ import annotations

import base64
import bisect
import re
import zlib
from collections import Counter

from auditor.read.errors import InputError

#: Most bytes the filters of all streams may put out together (every stage of every chain counted).
MAX_INFLATED = 256 * 1024 * 1024
#: Compression ratio above which a large stream is a bomb (content streams and fonts inflate 2-10 times)...
MAX_RATIO = 200
#: ...once it has inflated past this many bytes: small streams may compress well.
RATIO_FLOOR = 16 * 1024 * 1024
#: Most objects (strokes, fills, text shown, images, forms drawn) one page may make; a dense table page makes a few thousand.
MAX_PAGE_OBJECTS = 100_000
#: Most objects all pages together may make.
MAX_OBJECTS = 4_000_000
#: Most bytes of content one page may have pdfium parse, its forms counted as often as they are drawn.
MAX_PAGE_CONTENT = 16 * 1024 * 1024
#: Most bytes of strings one page may show (pdfium builds its text layer from them: 4 MB of text takes it
#: 9 s and 440 MB); a dense table page shows a few thousand characters, in two bytes each at most.
MAX_PAGE_TEXT = 256 * 1024
#: A page's content (text and drawing operators) never compresses like an empty image: its streams are
#: bombs at :data:`MAX_RATIO` once they pass this many bytes.
CONTENT_RATIO_FLOOR = 2 * 1024 * 1024
#: Most form expansions the cost of all pages may take to work out (forms nest at most 41 deep in pdfium).
MAX_FORM_STEPS = 200_000
#: Most bytes the filters written in pure Python (LZW, RunLength, ASCII85) may read, all streams together.
MAX_SLOW_INPUT = 32 * 1024 * 1024

_CHUNK = 1 << 20
_CARRY = 1 << 16  # most bytes a chunk's unread end may carry to the next
_OBJECT_CHARS = 32767  # pdfium shows at most this many characters of one string
_FORM_DEPTH = 41  # pdfium nests forms 41 deep (a form drawing itself once is drawn 41 times), then stops
_WHITE = b"\x00\t\n\x0c\r "
_DELIMITERS = b"()<>[]{}/%"
_REGULAR = rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]"
_TOKEN = re.compile(
    rb"[\x00\t\n\x0c\r ]+|%[^\r\n]*"
    rb"|(<<)|(>>)|(\[)|(\])|/(" + _REGULAR + rb"*)|(<[0-9A-Fa-f\x00\t\n\x0c\r ]*>)|(\()"
    rb"|([+-]?(?:\d+\.?\d*|\.\d+))(?!" + _REGULAR + rb")|(" + _REGULAR + rb"+)|(.)",
    re.S,
)
#: An object's header, ``N G obj``, read backwards from its keyword (found by a plain search: the pattern alone is slow on binary data).
_HEADER = re.compile(rb"(?<!\d)(\d{1,10})[\x00\t\n\x0c\r ]+(\d{1,5})[\x00\t\n\x0c\r ]+obj\Z")
_REGULAR_BYTE = re.compile(_REGULAR)
_STREAM = re.compile(rb"[\x00\t\n\x0c\r ]*stream(?:\r\n|\n|\r)?")
_ENDSTREAM = re.compile(rb"endstream")
#: What ends an object's text (searched up to the next object's header): the keyword stream (a stream object) or endobj.
_OBJECT_END = re.compile(rb"(?<![A-Za-z])(stream)(?!" + _REGULAR + rb")|endobj")
_KIND = re.compile(rb"/Type[\x00\t\n\x0c\r ]*/(Catalog|Page)(?!" + _REGULAR + rb")")
_TRAILER = re.compile(rb"trailer[\x00\t\n\x0c\r ]*<<")
_PAREN = re.compile(rb"\\.|[()]", re.S)
_NOT_HEX = re.compile(rb"[^0-9A-Fa-f]")
_REFERENCE = re.compile(rb"[\x00\t\n\x0c\r ]+(\d+)[\x00\t\n\x0c\r ]+R(?!" + _REGULAR + rb")")
_HEX_NAME = re.compile(rb"#([0-9A-Fa-f]{2})")
#: In decoded content, an operator pdfium makes an object of (a stroke or fill, text shown, a shading, an inline image)...
#: (its delimiter before it is matched too: a pattern that opens with a character class is searched for much faster)
_OPERATOR = re.compile(rb"[\x00\t\n\x0c\r ()<>\[\]{}/%](?:BI|Tj|TJ|sh|f\*|B\*|b\*|[SsfFBb'\"])(?!" + _REGULAR + rb")")
#: ...a string (the text a page shows is in its strings; a nested one is cut at its first close, which errs low by a little)...
_STRING = re.compile(rb"\((?:[^\\)]|\\.)*\)|<[0-9A-Fa-f\x00\t\n\x0c\r ]*>", re.S)
#: ...and a form or an image drawn by name (``/Fm0 Do``).
_DRAW = re.compile(rb"/(" + _REGULAR + rb"*)(?:[\x00\t\n\x0c\r ]|%[^\r\n]*)*Do(?!" + _REGULAR + rb")")
_IMAGE_CODECS = {"DCTDecode", "DCT", "JPXDecode", "JBIG2Decode", "CCITTFaxDecode", "CCF"}
_ABBREVIATIONS = {"Fl": "FlateDecode", "LZW": "LZWDecode", "RL": "RunLengthDecode", "A85": "ASCII85Decode", "AHx": "ASCIIHexDecode"}


class Name(str):
    """A PDF name (``/Type``), its #xx escapes decoded: told apart from keywords (``true``, ``R``)."""


class Ref(tuple):
    """An indirect reference ``N G R``."""


class _Stream:
    """A stream object: its dictionary, and what its decoded content draws (``None`` until scanned)."""

    __slots__ = ("dictionary", "start", "end", "objects", "drawn", "size", "text")

    def __init__(self, dictionary: dict, start: int, end: int) -> None:
        self.dictionary, self.start, self.end = dictionary, start, end
        self.objects = 0  # strokes, fills, text shown, shadings, inline images
        self.text = 0  # bytes of its strings
        self.drawn: Counter = Counter()  # name → how often ``/name Do`` is drawn
        self.size = 0  # decoded bytes


class _TooDeep(Exception):
    pass


class _Lazy:
    """An object other than a stream, parsed the first time it is asked for (most never are: widths, outlines …)."""

    __slots__ = ("source", "at", "parsed", "done")

    def __init__(self, source: bytes, at: int) -> None:
        self.source, self.at, self.parsed, self.done = source, at, None, False

    def value(self):
        if not self.done:
            self.done = True
            try:
                self.parsed, _ = parse(self.source, self.at)
            except (ValueError, IndexError, RecursionError, _TooDeep):
                self.parsed = None
        return self.parsed


def _value(entry):
    if isinstance(entry, _Stream):
        return entry.dictionary
    if isinstance(entry, _Lazy):
        return entry.value()
    return entry


class Scan:
    """The objects of one PDF file, read from its bytes."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name, self.data = name, data
        self.objects: dict[int, list] = {}  # number → every definition found (incremental updates add more)
        self.packed: list[tuple[bytes, dict[int, int]]] = []  # object streams: their content, object number → offset
        self.roots: list = []
        self.catalogs: list = []
        self.loose_pages: list = []  # objects marked /Type /Page
        self.encrypted = False
        self.inflated = 0
        self.slow_input = 0
        self._resource_cache: dict = {}

    # --- objects ----------------------------------------------------------------------------

    def read_objects(self) -> None:
        """Index every ``N G obj``: streams at once (their dictionaries), other objects when asked for."""
        data = self.data
        match = _header(data, 0, len(data))
        while match is not None:
            number, position = int(match.group(1)), match.end()
            ahead = _OBJECT_END.search(data, position)
            end = ahead.start() if ahead is not None else len(data)
            following = _header(data, position, end)  # an object without endobj ends where the next begins
            if following is not None:
                ahead, end = None, following.start()
            match = following or _header(data, end, len(data))
            if ahead is not None and ahead.group(1):  # the keyword stream comes before endobj: a stream object
                try:
                    value, end = parse(data, position)
                except (ValueError, IndexError, RecursionError, _TooDeep):
                    continue
                stream = _STREAM.match(data, end) if isinstance(value, dict) else None
                if stream is not None:
                    value = _Stream(value, stream.end(), self._stream_end(value, stream.end()))
                    # Headers inside the data are read too: pdfium finds objects by their offsets in the
                    # cross-reference table, which may point into what a stretched /Length calls data.
                    match = _header(data, value.start, len(data))
                self._add(number, value)
                continue
            self._add(number, _Lazy(data, position), data[position:end])
        for match in _TRAILER.finditer(data):
            try:
                trailer, _ = parse(data, match.end() - 2)
            except (ValueError, IndexError, RecursionError, _TooDeep):
                continue
            self._note_trailer(trailer)
        for definitions in list(self.objects.values()):
            for value in definitions:
                if isinstance(value, _Stream) and value.dictionary.get("Type") == "XRef":
                    self._note_trailer(value.dictionary)

    def _add(self, number: int, value, text: bytes = b"") -> None:
        self.objects.setdefault(number, []).append(value)
        kinds = [kind.decode() for kind in _KIND.findall(text)] if text else [value.get("Type")] if isinstance(value, dict) else []
        for kind in kinds:  # a catalog or a page, found even where no trailer leads to it
            if kind in ("Catalog", "Page"):
                (self.catalogs if kind == "Catalog" else self.loose_pages).append(value)

    def _note_trailer(self, trailer) -> None:
        if isinstance(trailer, dict):
            if "Encrypt" in trailer:
                self.encrypted = True
            if "Root" in trailer:
                self.roots.append(trailer["Root"])

    def _stream_end(self, dictionary: dict, start: int) -> int:
        """Where a stream's data ends: at its /Length when ``endstream`` stands there, else at the next ``endstream``."""
        length = dictionary.get("Length")
        if isinstance(length, int) and 0 <= length <= len(self.data) - start:
            after = self.data[start + length:start + length + 32].lstrip(_WHITE)
            if after.startswith(b"endstream"):
                return start + length
        found = _ENDSTREAM.search(self.data, start)
        return found.start() if found else len(self.data)

    def resolve(self, value) -> list:
        """Every value ``value`` may stand for: itself, or each definition of the object it refers to."""
        if isinstance(value, Ref):
            return [_value(v) for v in self._definitions(value[0])]
        if isinstance(value, _Lazy):
            return [value.value()]
        return [value]

    def streams(self, value) -> list[_Stream]:
        if isinstance(value, Ref):
            return [v for v in self.objects.get(value[0], []) if isinstance(v, _Stream)]
        return []

    def _definitions(self, number: int) -> list:
        """The definitions of object ``number``: written in the file, then packed in object streams (read when first asked for)."""
        found = self.objects.get(number, [])
        packed = [_Lazy(content, offset) for content, offsets in self.packed if (offset := offsets.get(number)) is not None]
        if packed:
            found = self.objects[number] = found + packed
            for _, offsets in self.packed:
                offsets.pop(number, None)
        return found

    def read_object_streams(self) -> None:
        """Index the objects kept inside object streams (/Type /ObjStm); each is parsed only if it is asked for."""
        for definitions in list(self.objects.values()):
            for stream in definitions:
                if not (isinstance(stream, _Stream) and stream.dictionary.get("Type") == "ObjStm"):
                    continue
                content = self.decode(stream, keep=True)
                count, first = stream.dictionary.get("N"), stream.dictionary.get("First")
                if not (isinstance(count, int) and isinstance(first, int) and 0 <= first <= len(content or b"")):
                    continue
                header = content[:first].split()[:2 * count]
                if not all(item.isdigit() for item in header):
                    continue
                numbers = [int(n) for n in header[0::2]]
                offsets = [first + int(o) for o in header[1::2]]
                self.packed.append((content, dict(zip(numbers, offsets, strict=False))))
                order = sorted(zip(offsets, numbers, strict=False))
                positions = [at for at, _ in order]
                for match in _KIND.finditer(content, first):  # a catalog or a page, found even where no trailer leads to it
                    index = bisect.bisect_right(positions, match.start()) - 1
                    if index >= 0:
                        (self.catalogs if match.group(1) == b"Catalog" else self.loose_pages).append(Ref((order[index][1], 0)))

    # --- streams ----------------------------------------------------------------------------

    def decode(self, stream: _Stream, keep: bool = False, content: bool = False, page: int | None = None) -> bytes | None:
        """Follow the stream's filter chain, counting every byte each filter puts out.

        ``keep``: return the decoded bytes (an object stream); ``content``: the stream is a
        page's or a form's content, held to the tighter bounds of content and scanned for
        what it draws. An image or unknown filter ends the chain (pdfium decodes no
        further); a chain pdfium refuses (such a filter before the end) decodes to nothing.
        """
        filters = self._filters(stream.dictionary)
        if filters is None:
            return None
        decoders = []
        for index, (name, parameters) in enumerate(filters):
            if name not in _DECODERS:
                if index < len(filters) - 1:
                    return None
                break
            decoders.append((name, parameters))
        consumed = [0]

        def counted(source):
            for chunk in source:
                consumed[0] += len(chunk)
                yield chunk

        pipeline = counted(_raw_chunks(self.data, stream.start, stream.end))
        for index, (name, parameters) in enumerate(decoders):
            if name in _SLOW:
                pipeline = self._slow(pipeline)
            pipeline = self._count(_DECODERS[name](pipeline, parameters), stream, consumed, content, index == len(decoders) - 1, page)
        if not decoders:
            pipeline = self._count(pipeline, stream, consumed, content, True, page, inflating=False)
        kept: list[bytes] = []
        scanner = _ContentScanner(self.name, stream, page) if content else None
        for chunk in pipeline:
            if keep:
                kept.append(chunk)
            if scanner is not None:
                scanner.feed(chunk)
        if scanner is not None:
            scanner.close()
        return b"".join(kept) if keep else None

    def _filters(self, dictionary: dict) -> list[tuple[str, dict]] | None:
        given = [v for v in self.resolve(dictionary.get("Filter")) if v is not None]
        if not given:
            return []
        names = given[-1] if isinstance(given[-1], list) else [given[-1]]
        parameters = dictionary.get("DecodeParms", dictionary.get("DP"))
        parameters = self.resolve(parameters)[-1] if parameters is not None and self.resolve(parameters) else None
        chain = []
        for index, item in enumerate(names):
            resolved = self.resolve(item)
            name = resolved[-1] if resolved else None
            if not isinstance(name, Name):
                return None if index == 0 else chain  # pdfium: not a filter name, the chain stops here
            these = parameters[index] if isinstance(parameters, list) and index < len(parameters) else parameters
            these = self.resolve(these)[-1] if these is not None and self.resolve(these) else None
            chain.append((_ABBREVIATIONS.get(name, name), these if isinstance(these, dict) else {}))
        return chain

    def _count(self, source, stream: _Stream, consumed: list[int], content: bool, final: bool, page: int | None,
               inflating: bool = True):
        """Pass one filter's chunks on, counting them against the bounds of the file, of one stream and of a page's content."""
        produced = 0
        floor = CONTENT_RATIO_FLOOR if content else RATIO_FLOOR
        for chunk in source:
            produced += len(chunk)
            if inflating:
                self.inflated += len(chunk)
                if self.inflated > MAX_INFLATED or (produced > floor and produced > MAX_RATIO * max(1, consumed[0])):
                    raise InputError(self.name, f"PDF 数据流解压后过大（压缩比超过 {MAX_RATIO} 倍或总量超过 {MAX_INFLATED >> 20} MB），"
                                                "可能是解压炸弹 (streams inflate too far: refused as a decompression bomb)")
            if final:
                stream.size = produced
                if content and produced > MAX_PAGE_CONTENT:
                    raise _page_too_large(self.name, page)
            yield chunk

    def _slow(self, source):
        for chunk in source:
            self.slow_input += len(chunk)
            if self.slow_input > MAX_SLOW_INPUT:
                raise InputError(self.name, f"PDF 中 LZW/RunLength/ASCII85 编码的数据流超过 {MAX_SLOW_INPUT >> 20} MB，无法在限度内核查 "
                                            "(too much LZW, RunLength or ASCII85 data to bound)")
            yield chunk

    # --- pages --------------------------------------------------------------------------------

    def pages(self) -> list[tuple[dict, dict | None]]:
        """Every page dictionary reachable from a catalog (or marked /Type /Page), with the resources it inherits."""
        catalogs = [c for ref in self.roots for c in self.resolve(ref) if isinstance(c, dict)]
        catalogs += [c for entry in self.catalogs for c in self.resolve(entry) if isinstance(c, dict)]
        found: dict[int, tuple[dict, dict | None]] = {}
        seen: set[int] = set()
        todo = [(node, None) for c in catalogs for node in self.resolve(c.get("Pages"))]
        todo += [(page, None) for entry in self.loose_pages for page in self.resolve(entry)]
        while todo:
            node, inherited = todo.pop()
            if not isinstance(node, dict) or id(node) in seen:
                continue
            seen.add(id(node))
            resources = self._resources(node.get("Resources")) or inherited
            if "Kids" in node:
                kids = [k for value in self.resolve(node["Kids"]) if isinstance(value, list) for k in value]
                todo += [(kid, resources) for ref in kids for kid in self.resolve(ref)]
            else:
                found[id(node)] = (node, resources or self._inherited(node))
        return list(found.values())

    def _inherited(self, page: dict) -> dict | None:
        node, steps = page, 0
        while isinstance(node, dict) and steps < 64:
            resources = self._resources(node.get("Resources"))
            if resources:
                return resources
            parents = self.resolve(node.get("Parent"))
            node, steps = (parents[-1] if parents else None), steps + 1
        return None

    def _resources(self, value) -> dict | None:
        """The XObjects a resource dictionary names: name → every reference it may stand for (one dict per value, kept)."""
        key = value if isinstance(value, Ref) else id(value)
        if key in self._resource_cache:
            return self._resource_cache[key][1]
        merged: dict = {}
        for resources in self.resolve(value):
            if isinstance(resources, dict):
                for entries in self.resolve(resources.get("XObject")):
                    if isinstance(entries, dict):
                        for name, ref in entries.items():
                            merged.setdefault(name, []).append(ref)
        self._resource_cache[key] = (value, merged or None)  # the value is kept so that its id is not reused
        return merged or None

    def contents(self, page: dict) -> list[_Stream]:
        streams = []
        for value in self.resolve(page.get("Contents")):
            refs = value if isinstance(value, list) else [page.get("Contents")]
            for ref in refs:
                streams += self.streams(ref)
        return streams


def _header(data: bytes, start: int, end: int) -> re.Match | None:
    """The first object header ``N G obj`` that ends between ``start`` and ``end``."""
    at = data.find(b"obj", start, end)
    while at >= 0:
        match = _HEADER.search(data, max(start, at - 64), at + 3)
        if match is not None and not _REGULAR_BYTE.match(data, at + 3):
            return match
        at = data.find(b"obj", at + 3, end)
    return None


def _raw_chunks(data: bytes, start: int, end: int):
    view = memoryview(data)
    for at in range(start, end, _CHUNK):
        yield bytes(view[at:min(end, at + _CHUNK)])


# --- the filters, each a generator of chunks ----------------------------------------------------


def _flate(source, parameters):
    inflater = zlib.decompressobj()
    try:
        for chunk in source:
            while chunk:
                out = inflater.decompress(chunk, _CHUNK)
                if out:
                    yield out
                chunk = inflater.unconsumed_tail
            if inflater.eof:
                return
        rest = inflater.flush()
        if rest:
            yield rest
    except zlib.error:
        return  # pdfium stops where the data breaks, with what it had decoded


def _hex(source, parameters):
    pending = b""
    for chunk in source:
        end = chunk.find(b">")
        digits = pending + _NOT_HEX.sub(b"", chunk if end < 0 else chunk[:end])
        even = len(digits) - len(digits) % 2
        if even:
            yield bytes.fromhex(digits[:even].decode("ascii"))
        pending = digits[even:]
        if end >= 0:
            break
    if pending:
        yield bytes.fromhex(pending.decode("ascii") + "0")


def _ascii85(source, parameters):
    pending = b""
    for chunk in source:
        end = chunk.find(b"~")
        piece = chunk if end < 0 else chunk[:end]
        piece = re.sub(rb"[\x00\t\n\x0c\r ]", b"", piece)
        stop = re.search(rb"[^!-uz]", piece)
        if stop:
            piece, end = piece[:stop.start()], 0
        text = pending + piece
        whole, pending = _a85_split(text)
        if whole:
            yield base64.a85decode(whole)
        if end >= 0:
            break
    if len(pending) > 1:
        yield base64.a85decode(pending + b"u" * (5 - len(pending)))[:len(pending) - 1]


def _a85_split(text: bytes) -> tuple[bytes, bytes]:
    """The longest head of ``text`` made of whole groups (``z`` is one), and the rest."""
    groups = 0
    at = 0
    last = 0
    while at < len(text):
        if text[at] == 0x7A:  # z
            at += 1
            last = at
            continue
        if len(text) - at < 5:
            break
        z = text.find(b"z", at, at + 5)
        if z >= 0:
            at = z + 1  # a z inside a group is invalid: pdfium counts it as four zeros anyway
        else:
            at += 5
        last = at
        groups += 1
    return text[:last], text[last:]


def _run_length(source, parameters):
    pending = b""
    for chunk in source:
        data = pending + chunk
        out = bytearray()
        at = 0
        while at < len(data):
            length = data[at]
            if length == 128:
                yield bytes(out)
                return
            if length < 128:
                if at + 1 + length + 1 > len(data):
                    break
                out += data[at + 1:at + 2 + length]
                at += length + 2
            else:
                if at + 1 >= len(data):
                    break
                out += bytes((data[at + 1],)) * (257 - length)
                at += 2
            if len(out) >= _CHUNK:
                yield bytes(out)
                out = bytearray()
        pending = data[at:]
        if out:
            yield bytes(out)
    if pending:
        yield pending[1:]  # a cut literal run: pdfium copies what is there


def _lzw(source, parameters):
    early = 1 if parameters.get("EarlyChange", 1) != 0 else 0
    table = [bytes((i,)) for i in range(256)] + [b"", b""]
    width, previous = 9, b""
    buffer = bits = 0
    out = bytearray()
    for chunk in source:
        for byte in chunk:
            buffer = (buffer << 8) | byte
            bits += 8
            while bits >= width:
                bits -= width
                code = (buffer >> bits) & ((1 << width) - 1)
                buffer &= (1 << bits) - 1
                if code == 256:
                    table, width, previous = table[:258], 9, b""
                    continue
                if code == 257:
                    yield bytes(out)
                    return
                if code < len(table):
                    entry = table[code]
                elif previous:
                    entry = previous + previous[:1]
                else:
                    yield bytes(out)
                    return
                out += entry
                if previous and len(table) < 4096:
                    table.append(previous + entry[:1])
                previous = entry
                if len(table) + early >= (1 << width) and width < 12:
                    width += 1
        if len(out) >= _CHUNK:
            yield bytes(out)
            out = bytearray()
    if out:
        yield bytes(out)


def _identity(source, parameters):
    yield from source


_DECODERS = {"FlateDecode": _flate, "LZWDecode": _lzw, "ASCII85Decode": _ascii85, "ASCIIHexDecode": _hex,
             "RunLengthDecode": _run_length, "Crypt": _identity}
_SLOW = {"LZWDecode", "ASCII85Decode", "RunLengthDecode"}


class _ContentScanner:
    """Counts, chunk by chunk, what a content stream draws: objects, text, and forms or images by name.

    Each chunk is cut before its last name (or its last white space), and never inside its
    last string, so a token, a string, or a name and the ``Do`` that draws it, is never
    split between two chunks.
    """

    __slots__ = ("name", "stream", "page", "carry")

    def __init__(self, name: str, stream: _Stream, page: int | None) -> None:
        self.name, self.stream, self.page, self.carry = name, stream, page, b"\n"  # an operator may open the stream

    def feed(self, chunk: bytes) -> None:
        text = self.carry + chunk
        cut = text.rfind(b"/", max(0, len(text) - 4096))
        if cut < 0:
            cut = max(text.rfind(b) for b in (b" ", b"\n", b"\r", b"\t"))
        opened = text.rfind(b"(")
        if opened >= 0:
            closed = _STRING.match(text, opened)
            if closed is None or closed.end() > cut:
                cut = min(cut, opened) if cut >= 0 else opened
        if cut <= 0 or len(text) - cut > _CARRY:  # no place to cut (a string of megabytes): read as it is
            cut = len(text)
        self.carry = text[cut:]
        self._scan(text[:cut])

    def close(self) -> None:
        self._scan(self.carry)
        self.carry = b""

    def _scan(self, text: bytes) -> None:
        stream = self.stream
        stream.objects += len(_OPERATOR.findall(text))
        if stream.objects > MAX_PAGE_OBJECTS:
            raise _page_too_large(self.name, self.page)
        stream.text += sum(min(len(s), _OBJECT_CHARS) for s in _STRING.findall(text))
        opened = text.rfind(b"(")
        if opened >= 0 and _STRING.match(text, opened) is None:  # a string left open at the end: its bytes count too
            stream.text += min(len(text) - opened, _OBJECT_CHARS)
        for name in _DRAW.findall(text):
            stream.drawn[_name(name)] += 1


def _name(raw: bytes) -> Name:
    if b"#" in raw:
        raw = _HEX_NAME.sub(lambda m: bytes.fromhex(m.group(1).decode()), raw)
    return Name(raw.decode("latin-1"))


# --- the object parser --------------------------------------------------------------------------

_MAX_NESTING = 64


def parse(data: bytes, position: int, depth: int = 0):
    """The PDF object at ``position`` and where it ends; strings are read as empty (their text is never needed)."""
    if depth > _MAX_NESTING:
        raise _TooDeep
    match = _next(data, position)
    dict_open, dict_close, array_open, array_close, name, hex_string, string, number, word, other = match.groups()
    end = match.end()
    if dict_open:
        result: dict = {}
        while True:
            key_match = _next(data, end)
            if key_match.group(2):
                return result, key_match.end()
            if key_match.group(5) is None:
                raise ValueError("a dictionary key must be a name")
            value, end = parse(data, key_match.end(), depth + 1)
            result[_name(key_match.group(5))] = value
    if array_open:
        items: list = []
        while True:
            item_match = _next(data, end)
            if item_match.group(4):
                return items, item_match.end()
            item, end = parse(data, end, depth + 1)
            items.append(item)
    if name is not None:
        return _name(name), end
    if hex_string:
        return b"", end
    if string:
        return b"", _string_end(data, end)
    if number:
        value = float(number) if b"." in number else int(number)
        if isinstance(value, int):
            reference = _REFERENCE.match(data, end)
            if reference:
                return Ref((value, int(reference.group(1)))), reference.end()
        return value, end
    if word in (b"true", b"false"):
        return word == b"true", end
    if word == b"null":
        return None, end
    raise ValueError(f"unexpected {(word or other or dict_close or array_close)!r}")


def _next(data: bytes, position: int) -> re.Match:
    while True:
        match = _TOKEN.match(data, position)
        if match is None:
            raise ValueError("end of data")
        if match.lastindex is not None:
            return match
        position = match.end()


def _string_end(data: bytes, position: int) -> int:
    depth = 1
    for match in _PAREN.finditer(data, position):
        token = match.group()
        if token == b"(":
            depth += 1
        elif token == b")":
            depth -= 1
            if depth == 0:
                return match.end()
    raise ValueError("unterminated string")


# --- the bound --------------------------------------------------------------------------------


def scan(name: str, data: bytes) -> None:
    """Refuse, with the reason, a PDF whose streams or pages would cost pdfium more than any disclosure does."""
    found = Scan(name, data)
    found.read_objects()
    if found.encrypted:
        return  # ciphered streams cannot be decoded here: the page-object count and the worker's memory limit hold
    found.read_object_streams()
    drawing: dict[int, int] = {}  # the streams pdfium parses as content (pages' contents and forms) → page number, 0 for a form
    pages = found.pages()
    for number, (page, _) in enumerate(pages, start=1):
        for stream in found.contents(page):
            drawing.setdefault(id(stream), number)
    for definitions in found.objects.values():
        for value in definitions:
            if isinstance(value, _Stream) and value.dictionary.get("Subtype") == "Form":
                drawing.setdefault(id(value), 0)
    for definitions in list(found.objects.values()):
        for value in definitions:
            if isinstance(value, _Stream) and value.dictionary.get("Type") != "ObjStm":
                found.decode(value, content=id(value) in drawing, page=drawing.get(id(value)) or None)
    _check_pages(found, pages)


def _check_pages(found: Scan, pages: list[tuple[dict, dict | None]]) -> None:
    """Add up what each page draws, its forms expanded as pdfium expands them."""
    steps = [0]
    memo: dict[tuple[int, int, int], _Cost] = {}

    def form_cost(stream: _Stream, inherited: dict | None, depth: int) -> _Cost:
        """What one drawing of a form at nesting ``depth`` costs."""
        own = found._resources(stream.dictionary.get("Resources")) or inherited
        key = (id(stream), id(own), depth)
        if key not in memo:
            cost = drawn_cost(stream, own, depth)
            memo[key] = _Cost(1 + cost.objects, cost.size, cost.text)
        return memo[key]

    def drawn_cost(stream: _Stream, resources: dict | None, depth: int) -> _Cost:
        """What drawing ``stream`` costs, every form it draws expanded as deep as pdfium nests them.

        pdfium keeps no set of the forms it is inside: a form that draws itself is drawn
        again down to the deepest level, so a cycle is counted, never cut.
        """
        cost = _Cost(stream.objects, stream.size, stream.text)
        if depth >= _FORM_DEPTH:
            return cost
        for name, times in stream.drawn.items():
            worst = _Cost(1, 0, 0)  # an image, or a name that draws nothing
            for ref in (resources or {}).get(name, []):
                for form in found.streams(ref):
                    if form.dictionary.get("Subtype") != "Form":
                        continue
                    steps[0] += 1
                    if steps[0] > MAX_FORM_STEPS:
                        raise InputError(found.name, "PDF 的表单对象 (Form XObject) 嵌套引用过多，无法在限度内展开 "
                                                     "(form XObjects nest too much to bound)")
                    worst = worst.most(form_cost(form, resources, depth + 1))
            cost.add(worst, times)
            if cost.too_much():
                break  # already too much: the page is refused
        return cost

    total = 0
    for number, (page, resources) in enumerate(pages, start=1):
        cost = _Cost(0, 0, 0)
        for stream in found.contents(page):
            cost.add(drawn_cost(stream, resources, 0), 1)
        if cost.too_much():
            raise _page_too_large(found.name, number)
        total += cost.objects
        if total > MAX_OBJECTS:
            raise InputError(found.name, f"PDF 各页图形对象合计超过 {MAX_OBJECTS} 个，拒绝读取 (more than {MAX_OBJECTS} objects in all pages)")


class _Cost:
    """What drawing a page or a form makes pdfium build: objects, bytes of content parsed, bytes of text shown."""

    __slots__ = ("objects", "size", "text")

    def __init__(self, objects: int, size: int, text: int) -> None:
        self.objects, self.size, self.text = objects, size, text

    def add(self, other: _Cost, times: int) -> None:
        self.objects += times * other.objects
        self.size += times * other.size
        self.text += times * other.text

    def most(self, other: _Cost) -> _Cost:
        """Each count the larger of the two: a name bound to several forms may draw any of them."""
        return _Cost(max(self.objects, other.objects), max(self.size, other.size), max(self.text, other.text))

    def too_much(self) -> bool:
        return self.objects > MAX_PAGE_OBJECTS or self.size > MAX_PAGE_CONTENT or self.text > MAX_PAGE_TEXT


def _page_too_large(name: str, number: int | None = None) -> InputError:
    page = f"第{number}页" if number else "有一页"
    return InputError(name, f"PDF {page}的内容超出限度（超过 {MAX_PAGE_OBJECTS} 个图形对象、{MAX_PAGE_CONTENT >> 20} MB 内容或 "
                            f"{MAX_PAGE_TEXT >> 10} KB 文字，表单对象按绘制次数计），远超一份决算公开，拒绝读取 "
                            f"(a page draws too much: more than {MAX_PAGE_OBJECTS} objects, {MAX_PAGE_CONTENT >> 20} MB of content "
                            f"or {MAX_PAGE_TEXT >> 10} KB of text)")
