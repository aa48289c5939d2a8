"""The document as given, and derived text that still knows where every character came from."""

from __future__ import annotations

import bisect
import itertools
import re
from array import array
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TypeVar

import attrs

from auditor.finding import Location

_LINE_END = re.compile(r"\r\n?|\n")
T = TypeVar("T")


def split_lines(text: str) -> list[str]:
    """Lines without their line ends, as an editor numbers them: LF, CRLF and a lone CR each end a line."""
    return _LINE_END.split(text) if "\r" in text else text.split("\n")


@attrs.frozen
class Place:
    """Where one line of a Document came from in a structured file (.docx, .xlsx).

    A reader that renders a Word paragraph or a table row as a line of text records
    the line's place (``第12段``, ``表3 第5行``) and, for a TAB-separated row, where each
    cell starts in the line and that cell's own name (``表3 第5行第2列``, ``公开01表!C7``).
    """

    ref: str
    cells: tuple[tuple[int, str], ...] = ()  # (0-based column where the cell starts, its ref)
    page: int = 0  # 1-based page of a PDF line, 0 elsewhere
    boxes: array = attrs.field(factory=lambda: array("f"), eq=False, repr=False)  # PDF: x0, top, x1, bottom per character

    def bbox(self, start: int, end: int) -> tuple[float, float, float, float] | None:
        """The box (points from the page's top left) around the characters ``[start, end)`` of a PDF line."""
        boxes = self.boxes[4 * start:4 * end]
        if not boxes:
            return None
        return (round(min(boxes[0::4]), 1), round(min(boxes[1::4]), 1), round(max(boxes[2::4]), 1), round(max(boxes[3::4]), 1))

    def at(self, column: int) -> str:
        """The ref of the cell holding the 0-based ``column``, or the line's own ref."""
        found = self.ref
        for start, ref in self.cells:
            if start > column:
                break
            found = ref
        return found


@attrs.define(eq=False)
class Document:
    """A disclosure's text, exactly as decoded; never modified.

    Every derived view (joined paragraphs, normalised characters) carries offsets
    into :attr:`text`, and :meth:`location` turns those offsets back into the
    1-based line and column a person finds in an editor.
    """

    text: str
    path: str = "<text>"
    encoding: str = "utf-8"
    places: dict[int, Place] = attrs.field(factory=dict)  # 0-based line → Place, for .docx/.xlsx/.pdf
    # what the reader repaired or could not read (undecodable bytes replaced, a PDF page without text), said in the report
    notes: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    # the 0-based line of the file this text begins at: a part of a file that holds several disclosures (:meth:`part`)
    # reports the file's own lines, so every finding's line is exact in the file
    first_line: int = 0
    # views derived from the text once and shared by every stage that reads them (see ``view``)
    _views: dict = attrs.field(factory=dict, init=False, repr=False)

    def view(self, build: Callable[[Document], T]) -> T:
        """``build(self)``, computed once for this document: a derived view (its page marks, its
        table regions, its classified lines) that several stages read. The view belongs to
        the document and goes with it; ``build`` must not depend on anything else, and its
        result is shared, so it is immutable (a tuple, a frozenset)."""
        try:
            return self._views[build]
        except KeyError:
            value = self._views[build] = build(self)
            return value

    def forget_views(self) -> None:
        """Let the derived views go, once the stages that read them are done: a big document's
        report then does not carry them. A view asked for later is built again."""
        self._views.clear()

    def normalised_text(self) -> str:
        """:func:`normalise` of the whole text (line ends are left alone, so its lines are :attr:`normalised_lines`)."""
        return normalise(self.text)

    @property
    def normalised_lines(self) -> Lines:
        """:attr:`lines` with :func:`normalise` applied: the same lengths, so a column is a column in both (a view).
        Only the lines normalising changes are held; the others are read from :attr:`text`, as :attr:`lines` are."""
        return self.view(_normalised_lines)

    @cached_property
    def _line_starts(self) -> array:
        if "\r" in self.text:  # a lone CR (old Mac files) ends a line as LF and CRLF do, as editors show it
            return array("q", [0, *(m.end() for m in _LINE_END.finditer(self.text))])
        starts = array("q", [0])  # 8 bytes a line, not a Python int's 36
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return starts

    @cached_property
    def _line_ends(self) -> array:
        """Offset just after each line's last character (before its line end)."""
        if "\r" in self.text:
            return array("q", [*(m.start() for m in _LINE_END.finditer(self.text)), len(self.text)])
        ends = array("q", self._line_starts[1:])
        for k in range(len(ends)):
            ends[k] -= 1
        ends.append(len(self.text))
        return ends

    @property
    def lines(self) -> Lines:
        """Original lines without their line ends (LF, CRLF or a lone CR), as a sequence of strings (a view)."""
        return self.view(_lines)

    def line_start(self, line_index: int) -> int:
        """Offset of the first character of a 0-based line."""
        return self._line_starts[line_index]

    def part(self, first: int, end: int) -> Document:
        """The Document of lines ``[first, end)`` (0-based), one disclosure of a file that holds several: its places
        go with its lines, and its lines and places are reported as the file's own (:attr:`first_line`)."""
        starts = self._line_starts
        start = starts[first]
        stop = starts[end] if end < len(starts) else len(self.text)
        places = {index - first: place for index, place in self.places.items() if first <= index < end}
        return Document(self.text[start:stop], self.path, self.encoding, places, first_line=self.first_line + first)

    def _position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of the character at ``offset``, lines counted in :attr:`text`."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of the character at ``offset``, in the file (see :attr:`first_line`)."""
        line, column = self._position(offset)
        return line + self.first_line, column

    def location(self, start: int, end: int) -> Location:
        """The location of the original characters ``[start, end)``."""
        line, column = self._position(start)
        end_line, end_column = self._position(max(start, end - 1))
        place = self.places.get(line - 1)
        shown, shown_end = line + self.first_line, end_line + self.first_line
        if place is None:
            return Location(self.path, shown, column, shown_end, end_column + 1)
        end = end_column if end_line == line else len(self.lines[line - 1])
        return Location(self.path, shown, column, shown_end, end_column + 1, place.at(column - 1), place.page, place.bbox(column - 1, end))

    def where(self, offset: int) -> str:
        """How a message names the place of a character: ``第421行``, or ``第252段`` / ``公开01表!C9`` in a .docx/.xlsx."""
        line, column = self._position(offset)
        place = self.places.get(line - 1)
        return place.at(column - 1) if place else f"第{line + self.first_line}行"

    def excerpt(self, start: int, end: int, context: int = 30) -> str:
        """The original text around a span, within its own lines, for messages and reports."""
        line, _ = self._position(start)
        end_line, _ = self._position(max(start, end - 1))
        first = self._line_starts[line - 1]
        last = self._line_starts[end_line] - 1 if end_line < len(self._line_starts) else len(self.text)
        lo, hi = max(first, start - context), min(last, end + context)
        text = self.text[lo:hi].replace("\r", "").replace("\n", " ").strip()
        return ("…" if lo > first else "") + text + ("…" if hi < last else "")


@attrs.frozen(weakref_slot=False, init=False)
class MappedText:
    """A string derived from a Document, with the original offset of each character.

    The offsets are kept as runs, not one per character: derived text is mostly whole pieces
    of lines copied one for one, so a run is a piece (``starts[k]``, where it begins in
    :attr:`text`; ``bases[k]``, the Document offset of that first character) and a character's
    origin is its run's base plus its place in the run. A 10 MB document's prose then maps back
    in a few hundred KB instead of 8 bytes a character.
    """

    text: str
    runs: array  # the starts, then the bases: one array of exactly their size (a big document has tens of thousands)

    def __init__(self, text: str, starts: array, bases: array) -> None:
        if len(starts) != len(bases) or (text and (not starts or starts[0] != 0)):
            raise ValueError("every character needs an origin")
        self.__attrs_init__(text, starts + bases)

    @property
    def starts(self) -> array:
        """Where each run begins in :attr:`text` (ascending; 0 first when there is text)."""
        return self.runs[: len(self.runs) // 2]

    @property
    def bases(self) -> array:
        """The Document offset of each run's first character."""
        return self.runs[len(self.runs) // 2 :]

    def origin(self, index: int) -> int:
        """The Document offset of ``text[index]``; a negative index counts from the end, as a sequence's does."""
        if index < 0:
            index += len(self.text)
        if not 0 <= index < len(self.text):
            raise IndexError(index)
        runs = self.runs
        count = len(runs) // 2
        run = bisect.bisect_right(runs, index, 0, count) - 1
        return runs[count + run] + index - runs[run]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` covering derived characters ``[start, end)``."""
        if end <= start:
            o = self.origin(start) if start < len(self.text) else self.origin(len(self.text) - 1) + 1
            return o, o
        return self.origin(start), self.origin(end - 1) + 1


BREAK = "\n"
"""Marks a sentence boundary in derived text where the original has none (after a title)."""


class MappedTextBuilder:
    """Accumulates pieces of original text, normalising characters one for one."""

    def __init__(self) -> None:
        self._chars: list[str] = []
        self._starts = array("q")
        self._bases = array("q")
        self._length = 0
        self._next = -1  # the Document offset that would continue the last run

    def _map(self, origin: int, count: int) -> None:
        """The next ``count`` derived characters come from the Document's ``[origin, origin + count)``."""
        if origin != self._next:
            self._starts.append(self._length)
            self._bases.append(origin)
        self._length += count
        self._next = origin + count

    def add(self, piece: str, origin: int) -> None:
        annotations = _annotations(piece, self._chars[-1][-1:] if self._chars else "") if "(" in piece or "（" in piece else []
        if not annotations and not _INVISIBLE.search(piece):
            if piece:
                self._chars.append(normalise(piece))
                self._map(origin, len(piece))
            return
        # Invisible characters (zero-width space, a BOM inside the text, soft hyphen) and the pinyin a mirror
        # site prints after characters (預(yù)算) are left out of the derived text; every character kept still
        # carries its own original offset.
        dropped = {i for start, end in annotations for i in range(start, end)}
        for i, ch in enumerate(piece):
            if ch not in INVISIBLE and i not in dropped:
                self._chars.append(normalise(ch))
                self._map(origin + i, 1)

    def add_break(self) -> None:
        """A sentence boundary that is not in the original (it maps onto the last character)."""
        if self._length:
            self._chars.append(BREAK)
            self._map(self._next - 1, 1)

    def __len__(self) -> int:
        return self._length

    def build(self) -> MappedText:
        return MappedText("".join(self._chars), self._starts, self._bases)


# Full-width ASCII (！ … ～) to ASCII, the ideographic space to a space, and a few
# look-alikes that offices type for the decimal point and percent sign. One
# character always maps to one character, so offsets stay valid.
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0xFE6A: ord("%"), 0x2024: ord("."), 0xFF0E: ord(".")})


# Traditional characters of the finance vocabulary to their simplified forms, one for
# one (offices in Hong Kong style or with a traditional-script input method write
# 年初預算 … 萬元, 決算數大於預算數): the grammar and the labels then read one script.
_TRADITIONAL = (
    "預预萬万億亿決决數数於于計计總总費费為为與与較较經经實实際际項项務务購购車车運运維维護护國国內内專专資资"
    "產产業业機机關关員员發发門门劃划結结餘余轉转標标價价額额單单財财撥拨補补貼贴險险療疗醫医衛卫學学輛辆個个"
    "會会議议開开場场區区縣县長长處处廣广東东達达幣币權权體体進进這这對对類类應应減减點点興兴歸归間间當当後后"
    "績绩評评價价規规現现職职稱称離离則则從从來来佔占們们齊齐盡尽顯显"
    "執执採采辦办團团組组設设備备準准屬属繳缴稅税報报說说況况構构編编製制電电網网絡络軟软檢检測测監监訓训郵邮勞劳託托"
    "動动濟济災灾糧粮儲储礦矿氣气農农環环節节鄉乡鎮镇範范圍围綜综層层兩两並并將将條条張张僅仅滿满質质買买賣卖書书圖图"
    "課课題题術术輸输證证據据統统還还擔担漲涨紅红階阶義义師师導导級级調调養养異异儀仪慮虑歷历盤盘積积壓压負负債债償偿"
    "貨货廳厅庫库齡龄殘残殯殡撫抚卹恤貧贫遷迁創创獎奖勵励競竞爭争審审覈核"
)
_FULLWIDTH.update({ord(t): ord(s) for t, s in zip(_TRADITIONAL[::2], _TRADITIONAL[1::2], strict=True) if t != s})

# The characters the map changes, found by one pattern and each replaced by its own: most
# of a text is characters the map leaves alone, which str.translate would still look up one
# by one (several times slower on Chinese text).
_MAPPED = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_FULLWIDTH)) + "]")
_REPLACEMENT = {chr(code): chr(to) for code, to in _FULLWIDTH.items()}


def written_as(char: str) -> str:
    """``char`` and every character :func:`normalise` maps to it: a text holds one of them wherever its normalised
    text holds ``char`` (one test of the whole text tells that no line of it can match a pattern that needs ``char``)."""
    return char + "".join(sorted(raw for raw, to in _REPLACEMENT.items() if to == char))


# Pinyin in brackets right after a character (預(yù)算, 決算數(shù)): at least one tone mark, so that a
# bracketed word in Latin letters is never taken for it.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ"
_PINYIN = re.compile(rf"[(（](?<=[\u3400-\u9fff][(（])[a-zü{_TONED}]{{0,6}}[{_TONED}][a-zü{_TONED}]{{0,6}}[)）]")

#: Characters that print as nothing: they split 万元 or 774.37 for a reader that does not skip them.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_INVISIBLE = re.compile(f"[{''.join(sorted(INVISIBLE))}]")


def _annotations(piece: str, before: str) -> list[tuple[int, int]]:
    """The spans of the pinyin annotations in ``piece``; ``before`` is the character before it (a hard wrap may fall
    between a character and its annotation: 預 / (yù)算)."""
    return [(max(m.start() - len(before), 0), m.end() - len(before)) for m in _PINYIN.finditer(before + piece) if m.end() > len(before)]


def without_annotations(text: str) -> str:
    """``text`` without the pinyin printed after its characters (預(yù)算 → 預算), for a derived string that needs no offsets."""
    return _PINYIN.sub("", text)


_NORMALISE_CHUNK = 1 << 16


def normalise(text: str) -> str:
    """Map full-width digits, letters and punctuation to ASCII, and traditional characters to simplified, one for one.

    A long text is done a chunk at a time (the map is character by character, so a cut anywhere is exact), each
    chunk appended to the result as it is done: ``re.sub`` over the whole text, or joining the chunks at the end,
    would hold the pieces beside the result, about twice the text again (a 10 MB disclosure: 10 MB more at the
    moment of the join). CPython grows a string that only this function refers to in place.
    """
    if len(text) <= _NORMALISE_CHUNK:
        return _MAPPED.sub(_replace, text)
    normalised = ""
    for i in range(0, len(text), _NORMALISE_CHUNK):
        normalised += _MAPPED.sub(_replace, text[i : i + _NORMALISE_CHUNK])
    return normalised


def _replace(m: re.Match) -> str:
    return _REPLACEMENT[m.group()]


_LINES_AT_ONCE = 2048  # how many lines iterating over Lines cuts at a time


class Lines(Sequence):
    """The lines of a text, each cut from it when asked: ``lines[i]``, ``lines[a:b]`` (a list), ``for line in lines``.

    A list of the lines would hold every line as a string of its own beside the text: more than twice the
    text again on a big document (a string's header is 74 bytes, a line of a table row ~40 characters).
    Here a line costs two offsets (16 bytes), and ``changed`` holds the lines that differ from the text's own
    (the normalised lines that normalising changed; None for a line read from the text).
    """

    __slots__ = ("_text", "_starts", "_ends", "_changed")

    def __init__(self, text: str, starts: array, ends: array, changed: list[str | None] | None = None) -> None:
        self._text, self._starts, self._ends, self._changed = text, starts, ends, changed

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            first, stop, step = index.indices(len(self._starts))
            if step != 1:
                return [self[k] for k in range(first, stop, step)]
            return self._cut(first, stop - 1) if first < stop else []
        if self._changed is not None:
            line = self._changed[index]
            if line is not None:
                return line
        return self._text[self._starts[index]:self._ends[index]]

    def __iter__(self):
        # Cut a few thousand lines at a time by one split of their stretch of the text (C speed; stages read the lines
        # in full a dozen times per audit), rather than slice by slice: only one stretch's lines are held at once.
        return itertools.chain.from_iterable(self._stretches())

    def between(self, first: int, end: int):
        """Lines ``first`` to ``end`` (excluded), cut as iterating over all of them cuts them: a stretch at a time."""
        return itertools.chain.from_iterable(self._stretches(first, min(end, len(self._starts))))

    def _stretches(self, start: int = 0, end: int | None = None):
        end = len(self._starts) if end is None else end
        for first in range(start, end, _LINES_AT_ONCE):
            yield self._cut(first, min(first + _LINES_AT_ONCE, end) - 1)

    def _cut(self, first: int, last: int) -> list[str]:
        """Lines ``first`` to ``last`` (both included), by one split of their stretch of the text."""
        lines = split_lines(self._text[self._starts[first]:self._ends[last]])
        if self._changed is not None:
            lines = [line if own is None else own for line, own in zip(lines, self._changed[first:last + 1], strict=True)]
        return lines

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Lines | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Lines({list(self)!r})"


def _lines(document: Document) -> Lines:
    return Lines(document.text, document._line_starts, document._line_ends)


def _normalised_lines(document: Document) -> Lines:
    # Only the lines that hold a character normalising maps (one search from each such line's end to the next)
    # get a string of their own; the others are cut from the text, as :attr:`Document.lines` cuts them.
    text, starts, ends = document.text, document._line_starts, document._line_ends
    changed: list[str | None] = [None] * len(starts)
    found = _MAPPED.search(text)
    while found is not None:
        index = bisect.bisect_right(starts, found.start()) - 1
        changed[index] = normalise(text[starts[index]:ends[index]])
        found = _MAPPED.search(text, ends[index])
    return Lines(text, starts, ends, changed)
