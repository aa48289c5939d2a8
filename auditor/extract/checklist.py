"""What an inspection checklist reads: the document's year, template residue, words against figures, the 目录.

A finance office's pre-publication check asks more than arithmetic: is the year right
everywhere, was template text (XX局, 202X年, 增加（减少）) left in, do the words agree with
the figures (决算数小于预算数 where the final figure is larger), are the tables the 目录
lists all in the body. This module finds the pieces those questions are asked of and
hands them to the rules as :class:`Checklist` facts; it never judges. Offsets are into
the original document text (normalising is one character for one).

What it reads:

* the **document year**: the first ``YYYY年度…决算`` of the cover (the lines before the
  目录 or the first 第X部分); failing a cover, the year every part heading agrees on;
* **year marks**: part headings and 目录 lines with a year, ``截至YYYY年12月31日``,
  ``与YYYY年度相比``, a ``YYYY年度`` that opens a statement of the year's figures, and
  typos such as ``202 年度``;
* **placeholders**: XX / ×× / 某某, ``202X年``, ``增加（减少）``, a reason phrase followed by
  nothing, ``【】`` and ``____`` blanks, template instructions (rules/vocabulary.toml);
* **words against figures**, as the claim grammar read them (:mod:`auditor.extract.claims`
  collects them sentence by sentence; nothing here reads a sentence again):
  ``决算数大于/小于/等于预算数`` (and ``与预算持平``) with the budget, final figure and
  completion rate stated just before; ``与上年持平`` beside a non-zero change against last
  year in the same clause; a share (占 / 占比 / 比重) whose figure has no ``%``; in the
  “三公” section the amounts of 公务接待费 and 公务用车, and ``无公务接待开支`` beside one;
* **structure**: the standard tables the 目录 lists, the table titles in the body with
  whether figures follow and any statement that the table is empty, and signs that a
  text extraction lost its tables (a 决算表 part with nothing in it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

import attrs

from auditor.document.layout import Block, heading_lines
from auditor.document.model import BREAK, Document, normalise
from auditor.document.titles import HEADINGS, ORDINAL, is_prose_heading
from auditor.extract.labels import is_budget_label, item_and_attribute, item_key
from auditor.knowledge import vocabulary
from auditor.quantity import Figure


@attrs.frozen
class Mark:
    """A piece of text a checklist rule judges: what kind it is, the text as normalised, its span."""

    kind: str
    text: str
    start: int
    end: int
    sentence: int = 0  # where its sentence begins (hard wraps inside the sentence do not matter)


@attrs.frozen
class YearMark:
    """A year the document writes: ``kind`` says where (title, heading, toc, as_of, compare, current).

    ``start``/``end`` span the year's digits; ``part`` is the title of the 第X部分 it stands in.
    """

    kind: str
    year: int
    text: str
    start: int
    end: int
    part: str = ""


@attrs.frozen
class BudgetWording:
    """``决算数大于/小于/等于预算数`` (``word`` is >, < or =) and the figures stated just before it."""

    word: str
    text: str
    start: int
    end: int
    actual: Figure | None
    budget: Figure | None  # with ``actual`` whenever there is no ``rate``
    rate: Figure | None


@attrs.frozen
class FlatWording:
    """``与上年持平`` in a clause that also states a change against last year."""

    text: str
    start: int
    end: int
    change: Figure
    direction: str


@attrs.frozen
class ListedTable:
    """A standard table the 目录 lists: ``key`` is its number in rules/vocabulary.toml, ``title`` as printed."""

    key: str
    title: str
    start: int
    end: int
    position: int


@attrs.frozen
class ListedSection:
    """A 情况说明 section the 目录 lists (``十一、其他重要事项说明``) and whether a body heading answers to it."""

    title: str
    start: int
    end: int
    found: bool


@attrs.frozen
class BodyTable:
    """A standard table's title in the body, whether figures follow it, and a statement that it is empty."""

    key: str
    title: str
    start: int
    end: int
    has_figures: bool
    statement: Mark | None = None
    kinds: tuple[str, ...] = ()  # which fund the title names (政府性基金, 国有资本经营, 三公)
    statement_kinds: tuple[str, ...] = ()
    figure: Mark | None = None  # the table's first figure that is not zero (a table said to be empty has none)
    saying: str = ""  # the sentence of the statement that says the table is empty (以空表列示, 本表无数据)


@attrs.frozen
class SangongDetail:
    """What the “三公” section says of 公务接待 and 公务用车: the first non-zero amount of each and what is itemised."""

    reception: Figure | None = None
    batches_and_people: bool = False  # 批次 and 人次 are both written
    vehicles: Figure | None = None
    purchase_and_running: bool = False  # 购置 and 运行(维护) are each written apart from the joint name
    denials: tuple[Denial, ...] = ()


@attrs.frozen
class Denial:
    """``无公务接待开支`` / ``未发生因公出国（境）费`` while the same section states a non-zero amount of that item."""

    item: str
    statement: Mark
    figure: Figure


@attrs.frozen
class Checklist:
    year: YearMark | None = None
    years: tuple[YearMark, ...] = ()
    year_typos: tuple[Mark, ...] = ()
    placeholders: tuple[Mark, ...] = ()
    budget_words: tuple[BudgetWording, ...] = ()
    flats: tuple[FlatWording, ...] = ()
    bare_shares: tuple[Mark, ...] = ()
    listed_tables: tuple[ListedTable, ...] = ()
    listed_sections: tuple[ListedSection, ...] = ()
    body_tables: tuple[BodyTable, ...] = ()
    lost_tables: Mark | None = None  # a sign that the text extraction lost the tables
    sangong: SangongDetail = SangongDetail()


# --- the pieces ------------------------------------------------------------------------

@attrs.frozen
class _Anchor:
    """Where every match of a pattern holds one of ``strings`` (a str: one of its characters): at one of ``offsets``
    from its start (a placeholder year, 19/20 and perhaps a digit before its X or ×, has one 2 or 3 characters in).
    See :func:`_matches`."""

    strings: str | tuple[str, ...]
    offsets: tuple[int, ...] = (0,)


_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d{2})\s*年(度)?")
# The patterns run over the whole text begin with a literal character, the look-behind after it:
# a pattern opening with a look-behind is tried at every position, one with a literal jumps between
# the places it can start (several times faster).
_YEAR_TYPO = re.compile(r"(1(?<![\d.,，]1)9\d|2(?<![\d.,，]2)0\d|2(?<![\d.,，]2)0\d{3})\s*年(?:度|\s*\d{1,2}\s*月)")
_YEAR_TYPO_AT = _Anchor(("19", "20"))  # where a typo of a year begins (see _matches)
_AS_OF = re.compile(r"截[至止]\s*((?:19|20)\d{2})\s*年\s*(?:12\s*月\s*31\s*日|底|末)")
_COMPARE = re.compile(
    r"(?:与|比|较|同)\s*((?:19|20)\d{2})\s*年度?\s*(?:决算数?\s*)?(?:相比|对比|相较|比较|基本持平|持平|增加|减少|增长|下降|上升|降低)"
)
_CURRENT = re.compile(
    r"((?:19|20)\d{2})\s*年度\s*(?:部门|单位|本部门|本单位)?\s*(?:财政拨款)?\s*"
    r"(?:收入支出总计|收支总计|收入总计|支出总计|收入合计|支出合计|“三公”经费|\"三公\"经费|三公经费|政府采购|机关运行经费)"
)
_NOT_CURRENT = re.compile(r"预算|计划|目标|结转|上年|相比|比上|较上|同比|对比|与\s*(?:19|20)\d{2}")

_DIRECTIONS = "增加|减少|增长|下降|上升|降低|大于|小于|高于|低于"
#: (kind, pattern, the characters one of which stands at a given place in every match: the pattern is tried only where
#: they stand, :func:`_matches`; a finished disclosure has no XX, × or 【 at all, and its text is then not scanned).
_PLACEHOLDERS = [
    ("name", re.compile(r"(?:X(?<![A-Za-z]X)X+|×(?<![A-Za-z]×)×+)(?![A-Za-z])|某某"), _Anchor("X×某")),
    ("year", re.compile(r"(?:1(?<!\d1)9|2(?<!\d2)0)\d?[X×]{1,2}\s*年"), _Anchor("X×", (2, 3))),
    ("direction", re.compile(rf"(?:{_DIRECTIONS})\s*\(\s*(?:{_DIRECTIONS})\s*\)"), _Anchor("增减下上降大小高低")),
    # 减少（增加） with the brackets deleted and one word half kept: 比上年减增加 5 万元.
    ("direction", re.compile(r"减\s*增加|增\s*减少|下降\s*增长|增长\s*下降"), _Anchor("减增下")),
    ("blank", re.compile(r"【\s*】|___+"), _Anchor("【_")),
]
# A reason phrase followed by nothing: ``原因是。`` (with the 主要 before it, where written, in the mark). The pattern opens
# with its literal 原因, which the scan jumps between; an alternation opening with 主要原因 was tried at every character.
_EMPTY_REASON = re.compile(r"原因(?:是|为|:)\s*:?\s*(?=[。;；]|\Z)")

_TOC_LINE_TAIL = re.compile(r"(?:\t|\.{3,}|…{2,}|·{3,}|\s{2,})\s*\d*\s*$|\s+\d{1,3}\s*$")
_BULLET = re.compile(r"^[-•·*]\s*")
_NEW_HEADING = re.compile(r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)")


def read_checklist(document: Document, prose: list[Block], claims, tables_elsewhere: bool = False) -> Checklist:
    """The checklist facts of one document; ``prose`` is its prose blocks (auditor.document.layout.blocks), ``claims``
    what the claim grammar read in them (an :class:`auditor.extract.claims.ClaimCollector`, finished).

    ``tables_elsewhere``: the standard tables come in a second file (a workbook), so this
    document's 决算表 part is empty on purpose and the tables it lists are not looked for.
    """
    lines = heading_lines(document)  # _part_headings and _listed_sections read only the headings
    toc = _toc_lines(document)
    parts = _part_headings(document, lines, toc)
    marks = list(_year_marks(document, toc, parts, prose))
    year = _document_year(document, toc, parts) or _prose_year(marks)
    listed = [] if tables_elsewhere else _listed_tables(document, toc)
    body = [] if tables_elsewhere else _body_tables(document, toc)
    text = document.normalised_text()  # made last: a copy of the whole text, held only while the last passes read it
    return Checklist(
        year=year,
        years=tuple(marks),
        year_typos=tuple(Mark("typo", m.group(0), m.start(), m.end()) for m in _matches(_YEAR_TYPO, text, _YEAR_TYPO_AT)),
        placeholders=tuple(_placeholders(document.text, text)),
        budget_words=tuple(claims.budget_words),
        flats=tuple(claims.flat_words),
        bare_shares=tuple(claims.bare_shares),
        listed_tables=tuple(listed),
        listed_sections=tuple(_listed_sections(document, toc, lines)),
        body_tables=tuple(body),
        lost_tables=None if tables_elsewhere else _lost_tables(document, parts, body),
        sangong=_sangong(prose, claims),
    )


def _key(text: str) -> str:
    """A title or 目录 line as compared: no spaces, quotes, page number, bullet or ordinal; 明细 dropped."""
    key = _TOC_LINE_TAIL.sub("", normalise(text).rstrip())
    key = _BULLET.sub("", key.strip())
    key = re.sub(r"[\s“”\"'‘’]", "", key)
    return ORDINAL.sub("", key).replace("明细", "")


@cache
def _titles() -> list[tuple[str, str]]:
    """(key, title key) of every standard table title, longest first (财政拨款收入支出决算总表 before 收入支出决算总表)."""
    pairs = [(number, _key(title)) for number, names in vocabulary()["tables"]["titles"].items() for title in names]
    return sorted(pairs, key=lambda pair: -len(pair[1]))


@lru_cache(maxsize=4096)
def _table_of(line: str) -> str | None:
    """The standard table a title line names, if it is one: the line ends with a title and says little else.

    Asked once per text: a document repeats its title lines (jincheng's 111 lines that say 表, and the lines before
    them, are 82 texts)."""
    if "表" not in line or len(line) > 100:
        return None
    key = _key(line)
    if not key or re.search(r"[,;:，；：。]", key):
        return None
    for number, title in _titles():
        if key.endswith(title) and len(key) - len(title) <= 30:
            return number
    return None


def _toc_lines(document: Document) -> range:
    """The 0-based lines of the 目录: after a line reading 目录, up to the line where the body repeats an entry."""
    lines = document.lines
    start = next((i for i, raw in enumerate(lines[:200]) if re.sub(r"\s", "", normalise(raw)) in ("目录", "目次")), None)
    if start is None:
        return range(0)
    seen: set[str] = set()
    for i in range(start + 1, len(lines)):
        key = _key(lines[i])
        if not key:
            continue
        if key in seen or len(key) > 60 or "。" in key:
            return range(start, i)
        seen.add(key)
    return range(start, len(lines))


def _part_headings(document: Document, lines, toc: range) -> list[tuple[int, str, int, int]]:
    """Body part headings (第X部分): (0-based line, title joined with a wrapped next line, title start, end)."""
    found = []
    for line in lines:
        if line.kind != "heading" or line.heading.level != 0 or line.index in toc:
            continue
        title = line.heading.title
        nxt = line.index + 1
        if nxt < len(document.lines) and document.lines[nxt].strip() and not _NEW_HEADING.match(document.lines[nxt]):
            if title and not re.search(r"[,;:，；：。]", title) and len(document.lines[nxt].strip()) <= 12:
                title += normalise(document.lines[nxt].strip())
        start = document.line_start(line.index) + line.content_start
        found.append((line.index, title, start, document.line_start(line.index) + len(document.lines[line.index])))
    return found


_COVER_CHARS = 2000  # a cover is a few lines; a document on one line must not make it the whole text


def _cover(document: Document, toc: range, parts) -> tuple[str, list[int]]:
    """The cover text (lines before the 目录, the first part heading or the first section heading) without spaces,
    and each character's offset."""
    end = toc.start if toc else len(document.lines)
    if parts:
        end = min(end, parts[0][0])
    end = min(end, 60)
    chars: list[str] = []
    origins: list[int] = []
    for i in range(end):
        if is_prose_heading(normalise(document.lines[i][:_COVER_CHARS]).strip()):
            break  # 一、 （一） 1.: the body has begun (a fragment without cover or parts has no cover)
        base = document.line_start(i)
        for j, c in enumerate(normalise(document.lines[i][:_COVER_CHARS])):
            if not c.isspace():
                chars.append(c)
                origins.append(base + j)
        if len(chars) >= _COVER_CHARS:
            break
    return "".join(chars), origins


def _document_year(document: Document, toc: range, parts) -> YearMark | None:
    cover, origins = _cover(document, toc, parts)
    for m in _YEAR.finditer(cover):
        if "决算" in cover[m.end() : m.end() + 20]:
            return YearMark("title", int(m.group(1)), cover[max(0, m.start() - 20) : m.end() + 20], origins[m.start(1)], origins[m.end(1) - 1] + 1)
    years = [(int(m.group(1)), title, start) for _, title, start, _ in parts for m in _YEAR.finditer(title)]
    if years and len({y for y, _, _ in years}) == 1:
        y, title, start = years[0]
        return YearMark("heading", y, title, start, start + len(title))
    return None


def _prose_year(marks: list[YearMark]) -> YearMark | None:
    """Without a cover or dated part headings: the year the statements of the year's own figures all name (two at least)."""
    own = [m for m in marks if m.kind in ("current", "as_of") and "概况" not in m.part]
    if len(own) >= 2 and len({m.year for m in own}) == 1:
        first = own[0]
        return YearMark("text", first.year, first.text, first.start, first.end)
    return None


def _titles_the_year(title: str) -> bool:
    """A part title or 目录 line that names the year accounted for: it speaks of the 决算, or its year ends it (wrapped)."""
    key = re.sub(r"\s", "", title)
    return "决算" in key or key.endswith("年度")


def _year_marks(document: Document, toc: range, parts, prose: list[Block]):
    for index, title, start, _ in parts:
        raw = normalise(document.lines[index])
        offset = document.line_start(index)
        if not _titles_the_year(title):
            continue
        for m in _YEAR.finditer(raw):
            if offset + m.start() >= start:
                yield YearMark("heading", int(m.group(1)), title, offset + m.start(1), offset + m.end(1), title)
    for i in toc:
        raw = normalise(document.lines[i])
        if not _titles_the_year(_key(raw)):
            continue
        for m in _YEAR.finditer(raw):
            yield YearMark("toc", int(m.group(1)), _key(raw), document.line_start(i) + m.start(1), document.line_start(i) + m.end(1))
    for block in prose:
        part = next((h.title for h in block.scope if h.level == 0), "")
        s = block.text.text
        for kind, pattern in (("as_of", _AS_OF), ("compare", _COMPARE)):
            for m in pattern.finditer(s):
                a, b = block.text.span(m.start(1), m.end(1))
                yield YearMark(kind, int(m.group(1)), m.group(0), a, b, part)
        for m in _CURRENT.finditer(s):
            lo, hi = _clause(s, m.start(), m.end())
            if _NOT_CURRENT.search(s[lo:hi]) or _compares_years(s, m):
                continue
            a, b = block.text.span(m.start(1), m.end(1))
            yield YearMark("current", int(m.group(1)), s[m.start() : hi], a, b, part)


_YEARS_NAMED = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年")  # after a clause's comma too (…万元,2023 年度…)


def _compares_years(s: str, m: re.Match) -> bool:
    """Does the sentence of the ``YYYY 年度…`` at ``m`` compare it with another year's figure (``2024 年度支出合计 110 万元，
    2023 年度支出合计 100 万元，增长 10.0%``)? Then each year's statement names its own year on purpose."""
    lo, hi = _sentence(s, m.start(), m.end())
    sentence = s[lo:hi]
    years = {int(y) for y in _YEARS_NAMED.findall(sentence)}
    return len(years) > 1 and re.search(_DIRECTIONS, sentence) is not None


def _clause(s: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``[start, end)``: from the last ，；。 before to the next one after."""
    lo = max(s.rfind(c, 0, start) for c in ",;，；。\n") + 1
    his = [i for i in (s.find(c, end) for c in ",;，；。\n") if i != -1]
    return lo, min(his) if his else len(s)


def _sentence(s: str, start: int, end: int) -> tuple[int, int]:
    lo = max(s.rfind(c, 0, start) for c in "。!?" + BREAK) + 1
    his = [i for i in (s.find(c, end) for c in "。!?" + BREAK) if i != -1]
    return lo, min(his) if his else len(s)


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``at`` (in the normalised text) begins: after a 。！？, or at a line that is a
    heading or follows a title.

    Hard-wrapped lines of one sentence are one sentence; a title or heading line (short, no
    sentence punctuation, or opening with 一、 第一部分 …) ends what stands before it.
    """
    start = max(text.rfind(end, 0, at) for end in "。!?") + 1  # line breaks are not sentence ends here
    line = text.rfind("\n", 0, at) + 1
    while line > start and not any(pattern.match(text[line:at].strip()) for _, pattern in HEADINGS):
        previous = text.rfind("\n", 0, line - 1) + 1
        above = text[previous : line - 1].strip()
        if not above or len(above) < _SHORT_TITLE and not _CLAUSE_PUNCTUATION.search(above):
            break  # a title or a blank line above: the sentence starts on this line
        line = previous
    return max(start, line)


_CLAUSE_PUNCTUATION = re.compile(r"[,;:，；：、]")
_SHORT_TITLE = 30


def _placeholders(original: str, text: str):
    """Template residue in ``text`` (the normalised document); each Mark carries the original characters, wraps removed."""

    def mark(kind: str, start: int, end: int) -> Mark:
        return Mark(kind, re.sub(r"\s*\n\s*", "", original[start:end]), start, end, _sentence_start(text, start))

    for kind, pattern, anchor in _PLACEHOLDERS:
        for m in _matches(pattern, text, anchor):
            yield mark(kind, m.start(), m.end())
    for m in _EMPTY_REASON.finditer(text):
        start = m.start() - 2 if text[max(m.start() - 2, 0) : m.start()] == "主要" else m.start()
        yield mark("reason", start, m.end())
    for phrase in vocabulary()["checklist"]["template_instructions"]:
        for m in re.finditer(r"\s*".join(map(re.escape, phrase)), text):  # a hard wrap may fall inside the phrase
            yield mark("instruction", m.start(), m.end())


def _matches(pattern: re.Pattern, text: str, anchor: _Anchor) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, for a pattern whose matches are never empty and hold one of ``anchor.strings`` at
    one of ``anchor.offsets`` from their start.

    The same matches: finditer tries each position from the end of the last match on, and only a position that many
    characters before one of those strings can match; the pattern is tried there alone (its look-behinds still see
    the text before). Faster on a long text: ``str.find`` skips to those characters at C speed, where the regex engine
    tests every character against the pattern's set of first characters (``【 *】|___+``: ~5 ns a character).
    """
    found = []
    for string in anchor.strings:
        at = text.find(string)
        while at != -1:
            found.append(at)
            at = text.find(string, at + 1)
    offsets = anchor.offsets
    starts = sorted({at - offset for at in found for offset in offsets if at >= offset}) if offsets != (0,) else sorted(found)
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)):
            yield m
            end = m.end()


def _listed_tables(document: Document, toc: range) -> list[ListedTable]:
    found = []
    for i in toc:
        number = _table_of(document.lines[i])
        if number is not None:
            raw = document.lines[i]
            lead = len(raw) - len(raw.lstrip())
            start = document.line_start(i) + lead
            found.append(ListedTable(number, _key(raw), start, document.line_start(i) + len(raw.rstrip()), len(found)))
    return found


def _kinds(text: str) -> tuple[str, ...]:
    key = re.sub(r"[\s“”\"]", "", text)
    return tuple(kind for kind in vocabulary()["checklist"]["fund_kinds"] if kind in key)


def _title_lines(document: Document, toc: range) -> list[tuple[int, int, str]]:
    """Body lines that are a standard table's title: (first line, last line, title text), a title wrapped over two lines joined."""
    lines = document.lines
    # A title says 表, and so does one of the two lines of a wrapped one: only those lines and the lines before them
    # are asked about (each once, as itself and as the next).
    table_of = {i: _table_of(lines[i]) for i in _lines_saying(document, "表")}
    found = []
    skip = -1
    for i in sorted({*table_of, *(i - 1 for i in table_of if i)}):
        if i in toc or i == skip:
            continue
        if table_of.get(i) is not None:
            found.append((i, i, lines[i]))
            continue
        nxt = i + 1
        if nxt < len(lines) and nxt not in toc and lines[i].strip() and not _DIGIT.search(lines[i]) and table_of.get(nxt) is None:
            joined = lines[i].strip() + lines[nxt].strip()
            if len(joined) <= 40 and _table_of(joined) is not None:
                found.append((i, nxt, joined))
                skip = nxt
    return found


def _lines_saying(document: Document, character: str) -> Iterator[int]:
    """The 0-based lines that hold ``character``, in order: found by ``str.find`` over the text, not by cutting every line."""
    text, last = document.text, len(document.lines) - 1
    at = text.find(character)
    while at != -1:
        index = document.position(at)[0] - document.first_line - 1
        yield index
        if index == last:
            return
        at = text.find(character, document.line_start(index + 1))


_DIGIT = re.compile(r"\d")
_PART_LINE = re.compile(r"^\s*第[一二三四五六七八九十]+部分")
_TABLE_FIGURE = re.compile(r"\d\.\d{2}(?!\d)|(?<![\d.])0(?![\d.])\s")
_MONEY_CELL = re.compile(r"(?<![\d.,])\d[\d,]*\.\d{2}(?![\d.])")  # 1,920.38 in a table (栏次 and codes have no decimals)


def _body_tables(document: Document, toc: range) -> list[BodyTable]:
    lines, norms = document.lines, document.normalised_lines
    titles = _title_lines(document, toc)
    statements = vocabulary()["checklist"]["empty_statements"]
    found = []
    for n, (i, last, title) in enumerate(titles):
        end = titles[n + 1][0] if n + 1 < len(titles) else len(lines)
        # The region ends at the next table title or the next part heading.
        for j in range(last + 1, end):
            if _PART_LINE.match(norms[j]):
                end = j
                break
        region = range(last + 1, end)
        has_figures = any(_TABLE_FIGURE.search(norms[j]) for j in region)
        statement, saying, cells = None, "", range(0)
        for j in region:
            text = norms[j].strip()
            if any(word in text for word in statements):
                lead = len(lines[j]) - len(lines[j].lstrip())
                statement = Mark("empty", text, document.line_start(j) + lead, document.line_start(j) + len(lines[j].rstrip()))
                saying = next(s for s in text.split("。") if any(word in s for word in statements))
                cells = range(last + 1, j)  # the table stands between its title and the statement under it
                break
        lead = len(lines[i]) - len(lines[i].lstrip())
        found.append(
            BodyTable(
                _table_of(title),
                _key(title),
                document.line_start(i) + lead,
                document.line_start(last) + len(lines[last].rstrip()),
                has_figures,
                statement,
                _kinds(title),
                _kinds(statement.text) if statement else (),
                _nonzero_figure(document, cells),
                saying,
            )
        )
    return found


def _nonzero_figure(document: Document, region: range) -> Mark | None:
    """The first money figure of the lines of ``region`` that is not zero (its span in the document), if any."""
    norms = document.normalised_lines
    for j in region:
        for m in _MONEY_CELL.finditer(norms[j]):
            if m.group().strip("0.,"):
                return Mark("figure", m.group(), document.line_start(j) + m.start(), document.line_start(j) + m.end())
    return None


def _lost_tables(document: Document, parts, body: list[BodyTable]) -> Mark | None:
    """A 决算表 part with no table title and no figure in it: the extraction lost the tables."""
    for n, (index, title, start, end) in enumerate(parts):
        if not re.search(r"决算表|报表|决算公开表", title):
            continue
        stop = parts[n + 1][0] if n + 1 < len(parts) else len(document.lines)
        region = range(index + 1, stop)
        if any(document.line_start(i) <= t.start < document.line_start(i) + len(document.lines[i]) + 1 for t in body for i in region):
            continue
        if any(re.search(r"\d\.\d{2}", document.lines[i]) for i in region):
            continue
        return Mark("lost", title, start, end)
    return None


_JOINT = re.compile(r"公务用车购置及运行(?:维护|维修)?费?")


def _sangong(prose: list[Block], claims) -> SangongDetail:
    """The “三公” section (blocks under a heading naming 三公), as the claim grammar read it: the first non-zero amount
    of 公务接待费 and of 公务用车购置及运行维护费, whether 批次 and 人次 are counted, whether 购置 and 运行 are each
    written apart from the joint name, and statements that an item was not spent on beside an amount of it."""
    section = {i for i, b in enumerate(prose) if any("三公" in h.title for h in b.scope)}
    figures = [m for m in claims.mentions if m.block in section]
    spent = [m for m in figures if m.role == "plain" and m.quantity.is_money and m.quantity.value > 0 and not is_budget_label(m.label)]
    keys = [(m, item_key(item_and_attribute(m.label)[0]) or "") for m in spent]
    reception = next((m for m, key in keys if key == "公务接待"), None)
    vehicles = next((m for m, key in keys if key.startswith("公务用车购置及运行")), None)
    counted = {m.quantity.unit for m in figures} | {m.label[-2:] for m in figures}  # 2 批次, 接待批次 1 次; 26 人次
    text = "".join(prose[i].text.text for i in sorted(section))
    apart = _JOINT.sub("", text)
    return SangongDetail(
        figure_of(reception), bool(counted & {"批次", "批"}) and "人次" in counted, figure_of(vehicles),
        "购置" in apart and "运行" in apart, tuple(_denials(claims, section, keys)),
    )


def figure_of(m) -> Figure | None:
    """The figure of a stated amount (an :class:`auditor.extract.facts.Mention`, or None), its span on the digits."""
    return None if m is None else m.figure


def _denials(claims, section: set[int], keys: list) -> Iterator[Denial]:
    """Each 三公 item said not to have been spent on while a non-zero amount of it is stated in the section."""
    for item in vocabulary()["checklist"]["sangong_items"]:
        name = normalise(item)
        statement = next((mark for named, mark, block in claims.denials if named == name and block in section), None)
        figure = next((m for m, key in keys if key == item_key(name)), None)
        if statement is not None and figure is not None:
            yield Denial(item, statement, figure_of(figure))


_SECTION_ORDINAL = re.compile(r"^\s*(?:[-•·*]\s*)?[一二三四五六七八九十]+、")
_SECTION_FILLER = re.compile(r"[的“”\"()（）]|情况|说明")


def _section_key(text: str) -> str:
    """A section title as compared: no ordinal, spaces, quotes, brackets, 的, 情况 or 说明 (其他重要事项的情况说明 = 其他重要事项说明)."""
    return _SECTION_FILLER.sub("", _key(text))


def _listed_sections(document: Document, toc: range, lines) -> list[ListedSection]:
    """The numbered 目录 entries under the 情况说明 part, each with whether a body heading (一、…) answers to it."""
    entries, in_part = [], False
    for i in toc:
        raw = normalise(document.lines[i])
        if re.match(r"^\s*(?:[-•·*]\s*)?第[一二三四五六七八九十]+部分", raw):
            after = normalise(document.lines[i + 1]) if i + 1 in toc else ""
            in_part = "情况说明" in re.sub(r"\s", "", raw + after)
            continue
        if in_part and _SECTION_ORDINAL.match(raw) and _table_of(raw) is None:
            entries.append(i)
    if not entries:
        return []
    heads = [
        _section_key(line.heading.marker + line.heading.title)
        for line in lines
        if line.kind == "heading" and line.heading.level == 1 and line.index not in toc
    ]
    heads = [h for h in heads if h]
    if not heads:
        return []  # the body's headings were not found at all: nothing can be said
    # Exact titles first, each body heading answering once; then a title contained in the other's.
    keys = {i: _section_key(document.lines[i]) for i in entries}
    unused = list(heads)
    hits = set()
    for i in entries:
        if keys[i] in unused:
            unused.remove(keys[i])
            hits.add(i)
    for i in entries:
        if i not in hits and keys[i]:
            match = next((h for h in unused if keys[i] in h or h in keys[i]), None)
            if match is not None:
                unused.remove(match)
                hits.add(i)
    found = []
    for i in entries:
        raw = document.lines[i]
        lead = len(raw) - len(raw.lstrip())
        found.append(ListedSection(_key(raw), document.line_start(i) + lead, document.line_start(i) + len(raw.rstrip()), i in hits))
    return found
