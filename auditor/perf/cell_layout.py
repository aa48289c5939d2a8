"""Performance tables printed one cell per line (qinhuangdao-emergency-center).

The PDF extraction writes each table cell on lines of its own, with blank lines and
page footers (``— 36 —``) between them. A narrow cell wraps: labels (``项目名`` /
``称``, ``产出指`` / ``标``), names (``移动源污染编外聘`` / ``用人员``) and numbers.
Cells sharing a baseline share a line (``15.00≥ 2 个 每季督查 9``, ``10 9.4269``).

The region is read as one string of its non-blank lines, each stripped, joined by
line breaks, keeping the document offset of every character. **Number-joining rule:**
a line made of digits only (``0``, ``992``, ``.91``) that follows a line ending in a
digit is the rest of that number and is joined without a break: ``15.0`` + ``0`` is
15.00, ``10 9.4269`` + ``2`` is 10 and 9.42692, ``10 4.8`` + ``992`` + ``22`` is 10 and
4.899222. A figure's ``start``/``end`` are the offsets of its first digit and one past
its last digit as printed, so a joined figure spans the lines between.

Fields are found by their labels (预算数, 到位数, 执行数, 预算执行率, 自评总分), each
label allowed to wrap anywhere. An indicator row ends with ``<status> <score>`` at the
end of a line; before it come the level names, the 三级指标 name and its 说明, then
``<分值> <operator> <value> <unit>`` (or ``<分值> 文字描述 <target text>``), then the
actual value. The 三级指标 name is told from its 说明 only by wrapping: the name is
its first line plus the following lines as long as the previous one was as wide as
the first. Whatever is not found stays None: an unseen variant gives fewer fields.
"""

from __future__ import annotations

import re

import attrs

from auditor.document.model import Document, MappedText, MappedTextBuilder
from auditor.document.noise import is_page_mark
from auditor.perf.figures import figure
from auditor.perf.model import Figure, Indicator, PerfTable, Text


def _loose(word: str) -> str:
    """A pattern for ``word`` wrapped anywhere (``预算\\n数``, ``自评总\\n分``)."""
    return r"\s*".join(map(re.escape, word))


_N = r"(?<![\d.])\d+(?:,\d{3})*(?:\.\d+)?"
_REST_OF_NUMBER = re.compile(r"^\.?\d+$")
_UNITS = ("平方米", "万元", "千元", "亿元", "人次", "小时", "公里", "元", "万", "%", "‰", "个", "人", "套", "项", "次", "篇", "天",
          "日", "月", "年", "辆", "家", "台", "户", "份", "件", "张", "条", "本", "期", "场", "所", "处", "座", "批", "部", "吨", "亩")
_UNIT = "|".join(_loose(u) for u in _UNITS)
_MONEY_UNIT = re.compile(rf"{_loose('金额单位')}[:\s]*(万\s*元|千\s*元|亿\s*元|元)")
_SECTION = {k: re.compile(rf"{k}\s*、") for k in "二三四五"}
_NAME, _LEVEL_OF_PROJECT = re.compile(_loose("项目名称")), re.compile(_loose("项目级次"))
_BUDGET = re.compile(rf"{_loose('预算数')}[:\s]*({_N})")
_ARRIVED = re.compile(rf"{_loose('到位数')}[:\s]*({_N})")
_EXECUTED = re.compile(rf"{_loose('执行数')}[:\s]*({_N})(?:[ \t]+({_N}))?")
_EXEC_ROW = re.compile(rf"(?:{_loose('预算执行率')}\s*)+({_N})\s+({_N})")
_TOTAL = re.compile(rf"{_loose('自评总分')}[:\s]*({_N})")
_ROW_END = re.compile(rf"(?<=\s)(未完成|部分完成|基本完成|已完成|完成)[ \t]*({_N})(?=\n|$)")
_TARGET = re.compile(rf"({_N})\s*(?:([≥≤=><])\s*({_N})(?:\s*({_UNIT})(?![^\s\d]))?|(文\s*字\s*描\s*述|定\s*性))")
_ACTUAL = re.compile(rf"\s*({_N})\s*(?:({_UNIT})\s*)?")
_L1 = "|".join(_loose(w + "指标") for w in ("产出", "效益", "满意度", "成本"))
_L2 = "|".join(_loose(w + "指标") for w in ("数量", "质量", "时效", "成本", "经济效益", "社会效益", "生态效益", "可持续影响", "服务对象满意度"))
_LEVELS = re.compile(rf"(?:({_L1})\s*)?({_L2})")
_PROBLEMS_HEADING = "五、存在问题原因及整改措施"
_NEXT_SECTION = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)")


@attrs.frozen
class _Region:
    """The table's lines as one string (see the module docstring) and the document behind it."""

    document: Document
    flat: MappedText

    @property
    def text(self) -> str:
        return self.flat.text

    def original(self, i: int, j: int) -> str:
        """The document's characters behind ``text[i:j]``, lines joined, runs of spaces as one."""
        chars = "".join(self.document.text[self.flat.origins[k]] for k in range(i, j) if self.text[k] != "\n")
        return " ".join(chars.split())

    def piece(self, i: int, j: int) -> Text | None:
        while i < j and self.text[i].isspace():
            i += 1
        return Text(self.original(i, j), self.flat.origins[i]) if i < j else None

    def figure(self, m: re.Match | None, group: int, unit: str, exact: bool = False) -> Figure | None:
        if m is None or m.start(group) < 0:
            return None
        start, end = self.flat.span(m.start(group), m.end(group))
        found = figure(m.group(group), start, unit, exact)
        return attrs.evolve(found, end=end) if found else None


def _flatten(document: Document, first: int, last: int) -> MappedText:
    kept, previous = [], ""  # (line, stripped text, continues the number on the line before)
    for i in range(first, len(document.lines)):
        body = document.lines[i].strip()
        if not body or is_page_mark(body):
            continue
        joins = bool(_REST_OF_NUMBER.match(body) and re.search(r"\d\.?$", previous))
        if i >= last:
            while joins and kept and kept.pop()[2]:  # the region ends inside a number: leave it out, never read a part of it
                pass
            break
        kept.append((i, body, joins))
        previous = body
    builder = MappedTextBuilder()
    for i, body, joins in kept:
        if not joins:
            builder.add_break()
        builder.add(body, document.line_start(i) + len(document.lines[i]) - len(document.lines[i].lstrip()))
    return builder.build()


def _cell(text: str, i: int, limit: int, chunked: bool) -> tuple[int, int]:
    """``[i, j)`` of a wrapped cell starting at or after ``i``: its first line, then the lines that follow while
    the previous one was as wide as the first. With ``chunked``, a first line holding more than one
    space-separated chunk gives only its first chunk (the next chunk is the next cell)."""
    while i < limit and text[i].isspace():
        i += 1
    lines = text[i:limit].split("\n")
    first = lines[0].rstrip()
    if chunked and len(first.split()) > 1:
        return i, i + len(first.split()[0])
    j, width, previous, at = i + len(first), len(first), first, i + len(lines[0]) + 1
    for line in lines[1:]:
        body = line.rstrip()
        if not body or len(previous) < width or len(body) > width:
            break
        j, previous, at = at + len(body), body, at + len(line) + 1
    return i, j


def _indicators(region: _Region, pos: int, endpos: int) -> tuple[Indicator, ...]:
    text, rows, level1 = region.text, [], ""
    for end in _ROW_END.finditer(text, pos, endpos):
        stop = end.start()
        target = _TARGET.search(text, pos, stop)
        levels = _LEVELS.search(text, pos, target.start() if target else stop)
        level1 = "".join(levels.group(1).split()) if levels and levels.group(1) else level1
        name = region.piece(*_cell(text, levels.end(), target.start() if target else stop, True)) if levels else None
        operator, target_text, after = None, "", pos
        if target and target.group(2):
            operator, after = target.group(2), target.end()
            target_text = region.original(target.start(2), after)
        elif target:
            i, after = _cell(text, target.end(5), stop, False)
            target_text = region.original(i, after)
        actual = _ACTUAL.fullmatch(text, after, stop) if target else None
        first = levels or target or end
        rows.append(Indicator(
            level1=level1,
            level2="".join(levels.group(2).split()) if levels else "",
            name=name.text if name else "",
            weight=region.figure(target, 1, "分", exact=True),
            operator=operator,
            target=region.figure(target, 3, "".join((target.group(4) or "").split())) if operator else None,
            target_text=target_text,
            actual=region.figure(actual, 1, "".join((actual.group(2) or "").split())) if actual else None,
            actual_text=region.original(after, stop) if target else "",
            status=end.group(1),
            score=region.figure(end, 2, "分", exact=True),
            start=region.flat.origins[first.start()],
            end=region.flat.span(end.start(2), end.end(2))[1],
        ))
        pos = end.end()
    return tuple(rows)


def _problems(document: Document, first: int, last: int) -> tuple[Text, ...]:
    """The 存在问题 lines from the line of the 五、 heading: heading fragments dropped, up to the next section."""
    heading, found = _PROBLEMS_HEADING, []
    for i in range(first, last):
        chunks = list(re.finditer(r"\S+", document.lines[i]))
        while chunks and heading and heading.startswith(chunks[0].group()):
            heading = heading[len(chunks[0].group()):]
            chunks.pop(0)
        if not chunks or is_page_mark(document.lines[i]):
            continue
        if _NEXT_SECTION.match(chunks[0].group()):
            break
        found.append(Text(document.lines[i][chunks[0].start():].rstrip(), document.line_start(i) + chunks[0].start()))
    return tuple(found)


def parse_cells(document: Document, first: int, last: int) -> PerfTable | None:
    """The table whose title is on 0-based line `first`, reading lines [first, last)."""
    last = min(last, len(document.lines))
    if not 0 <= first < last:
        return None
    region = _Region(document, _flatten(document, first, last))
    text, size = region.text, len(region.text)
    sections: dict[str, re.Match | None] = {}
    pos = 0
    for key, pattern in _SECTION.items():
        sections[key] = pattern.search(text, pos)
        pos = sections[key].end() if sections[key] else pos
    h2, h3, h4, h5 = (sections[k] for k in "二三四五")
    unit_match = _MONEY_UNIT.search(text)
    money = "".join(unit_match.group(1).split()) if unit_match else "万元"

    name = None
    label = _NAME.search(text, 0, h2.start() if h2 else size)
    stop = _LEVEL_OF_PROJECT.search(text, label.end()) if label else None
    if label and stop:
        name = region.piece(label.end(), stop.start())

    money_from = h2.end() if h2 else 0
    money_to = next((h.start() for h in (h3, h4, h5) if h), size)
    budget = _BUDGET.search(text, money_from, money_to)
    arrived = _ARRIVED.search(text, budget.end() if budget else money_from, money_to)
    executed = _EXECUTED.search(text, (arrived or budget).end() if (arrived or budget) else money_from, money_to)

    scores_from, scores_to = h4.end() if h4 else 0, h5.start() if h5 else size
    exec_row = _EXEC_ROW.search(text, scores_from, scores_to)
    total = _TOTAL.search(text, scores_from, scores_to)
    problems = _problems(document, document.position(region.flat.origins[h5.start()])[0] - 1, last) if h5 else ()

    table = PerfTable(
        layout="cells",
        start=document.line_start(first),
        end=document.line_start(first) + len(document.lines[first]),
        name=name,
        budget=region.figure(budget, 1, money),
        arrived=region.figure(arrived, 1, money),
        executed=region.figure(executed, 1, money),
        rate=region.figure(executed, 2, "%"),
        exec_weight=region.figure(exec_row, 1, "分", exact=True),
        exec_score=region.figure(exec_row, 2, "分"),
        indicators=_indicators(region, h4.end(), scores_to) if h4 else (),
        total=region.figure(total, 1, "分"),
        problems=problems,
    )
    parts = [table.name, table.budget, table.arrived, table.executed, table.rate, table.exec_weight, table.exec_score, table.total,
             *table.indicators, *table.problems]
    ends = [p.end for p in parts if p is not None]
    return attrs.evolve(table, end=max(ends)) if ends else None
